"""Loading extracted claims on top of the corpus: an extracted claim adds its evidence to a
curated claim of the same edge only when what it states (money, dates, status) agrees with it
or it states none of it; otherwise it is its own account, and `conflicts` shows both."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dealgraph.cli import cli

REVIEW = """\
documents:
  - id: new.txt
    title: A new article
    publisher: unknown
    language: en
    published: '2026-03-02'
claims:
  - id: japan-pledges-first-tranche.new-txt
    type: PLEDGES
    source: japan
    target: first-tranche
    counterparty: united-states
    money: {amount: 36000000000, currency: USD}
    extracted: true
    confidence: 0.8
    evidence:
      - {doc: new.txt, quote: "Japan will bankroll $36 billion of projects"}
  - id: japan-pledges-first-tranche-to-trump.new-txt
    type: PLEDGES
    source: japan
    target: first-tranche
    counterparty: donald-trump
    extracted: true
    confidence: 0.8
    evidence:
      - {doc: new.txt, quote: "Japan promised Trump the first tranche"}
  - id: japan-pledges-us-investment-plan.new-txt
    type: PLEDGES
    source: japan
    target: us-investment-plan
    extracted: true
    confidence: 0.8
    evidence:
      - {doc: new.txt, quote: "Japan's investment plan"}
  - id: sanae-takaichi-offers-minamitorishima-rare-earth-development.new-txt
    type: OFFERS
    source: sanae-takaichi
    target: minamitorishima-rare-earth-development
    money: {amount: 550000000000, currency: USD}
    extracted: true
    confidence: 0.7
    evidence:
      - {doc: new.txt, quote: "Takaichi offered the rare-earth project"}
"""


def _claims(store, *args):
    result = CliRunner().invoke(cli, ["--store", str(store), "claims", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_an_extracted_claim_that_states_other_values_is_its_own_account(tmp_path, monkeypatch):
    monkeypatch.delenv("DEALGRAPH_DOCUMENTS", raising=False)
    review = tmp_path / "review.yaml"
    review.write_text(REVIEW)
    store = tmp_path / "store"
    loaded = CliRunner().invoke(cli, ["--store", str(store), "load", "--with-corpus", str(review)])
    assert loaded.exit_code == 0, loaded.output

    tranche = _claims(store, "--type", "PLEDGES", "--actor", "first-tranche")
    by_id = {c["claim"]: c for c in tranche}
    # the new article is not cited for "about JPY 6 tn, due 2026-02, delayed", which it does not say
    assert all("new.txt" not in json.dumps(c["evidence"]) for cid, c in by_id.items() if not cid.endswith(".new-txt"))
    assert "japan-pledges-first-tranche.new-txt" in by_id
    conflicts = CliRunner().invoke(cli, ["--store", str(store), "conflicts", "--format", "json"])
    assert "japan-pledges-first-tranche.new-txt" in conflicts.stdout

    # one that states nothing more adds its evidence to the curated claim
    plan = {c["claim"]: c for c in _claims(store, "--type", "PLEDGES", "--actor", "us-investment-plan")}
    assert "japan-pledges-us-investment-plan.new-txt" not in plan
    assert "new.txt" in json.dumps(plan["japan-pledges-us-investment-plan"]["evidence"])

    # an amount the curated claim does not state makes an account of its own too
    offers = {c["claim"] for c in _claims(store, "--type", "OFFERS", "--actor", "sanae-takaichi")}
    assert "sanae-takaichi-offers-minamitorishima-rare-earth-development.new-txt" in offers


def test_conflicts_name_a_differing_counterparty(tmp_path, monkeypatch):
    monkeypatch.delenv("DEALGRAPH_DOCUMENTS", raising=False)
    review = tmp_path / "review.yaml"
    review.write_text(REVIEW)
    store = tmp_path / "store"
    assert CliRunner().invoke(cli, ["--store", str(store), "load", "--with-corpus", str(review)]).exit_code == 0
    text = CliRunner().invoke(cli, ["--store", str(store), "conflicts"]).stdout
    assert "counterparty: Donald Trump" in text and "counterparty: donald-trump" not in text
