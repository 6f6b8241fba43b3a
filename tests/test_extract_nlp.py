"""The CoreNLP engine of `dealgraph extract`, against a real CoreNLP server (scripts/test starts
one): every relation pattern on its own sample sentence, the failures that motivated the
engine, the review file, and quality floors on ../shared/eval (articles and gold by others)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealgraph.cli import cli
from dealgraph.config import bundled_sources
from dealgraph.extract.engine import extract_annotated, extract_nlp, references
from dealgraph.extract.gold import evaluate_gold
from dealgraph.extract.link import ref_index
from dealgraph.extract.match import candidates
from dealgraph.extract.mentions import Linker
from dealgraph.extract.nlp import annotate
from dealgraph.extract.patterns import PATTERNS
from dealgraph.extract.text import Article
from dealgraph.graph.model import Kind, RelType
from dealgraph.loaders.sources import load_sources

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


@pytest.fixture(scope="module")
def corpus():
    return load_sources([bundled_sources()])


@pytest.fixture(scope="module")
def linker(corpus):
    return Linker(corpus)


def _extract(text: str, corpus, url: str, day: dt.date | None = None):
    return extract_nlp(Article("t.txt", "t.txt", text), corpus, url=url, article_date=day)


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name for p in PATTERNS])
def test_each_pattern_finds_its_sample(pattern, corpus, linker, corenlp_url):
    doc = annotate(pattern.sample, url=corenlp_url, date=None)
    refs, _, _ = references(doc, corpus, linker)
    found = [(c.source.text, c.target.text) for c in candidates(doc, ref_index(doc, refs)) if c.pattern is pattern]
    source, target = pattern.expect
    assert any(source in s and target in t for s, t in found), (pattern.sample, found)


def test_co_occurring_names_without_a_trigger_give_nothing(corpus, corenlp_url):
    result = _extract("Norway and Chile appeared at the same press conference in Oslo on Monday.", corpus, corenlp_url)
    assert [c for c in result.claims if {c.source, c.target} <= {"norway", "chile"}] == []


def test_a_denial_is_not_proposed(corpus, corenlp_url):
    result = _extract("Chile did not pledge money to the Lakeview Refinery.", corpus, corenlp_url)
    assert not [c for c in result.claims if c.type is RelType.PLEDGES]
    assert any(c.type is RelType.PLEDGES and "negated" in (c.note or "") for c in result.below_claims)


def test_georgia_the_us_state_is_a_place_in_every_context(corpus, corenlp_url):
    text = (
        "The company will build a factory in Augusta, Georgia, next year. "
        "The governor of Georgia welcomed the plan. "
        "Projects in Georgia, Ohio and Texas were named on Tuesday."
    )
    result = _extract(text, corpus, corenlp_url)
    georgia = [e for e in result.entities if e.name == "Georgia"]
    assert [e.kind for e in georgia] == [Kind.PLACE]
    assert not [e for e in result.entities if e.kind is Kind.COUNTRY]


def test_a_new_surface_form_of_a_known_place_is_an_alias(corpus, corenlp_url):
    result = _extract("Japan plans to mine rare-earth mud near Minamitori Island from 2027.", corpus, corenlp_url)
    assert not [e for e in result.entities if "Minamitori" in e.name]
    [alias] = result.aliases
    assert alias.id == "minamitorishima" and alias.aliases == ("Minamitori Island",)
    assert ("minamitorishima", "Minamitori Island") in {(m.entity, m.text) for _, m in result.linked}


def test_a_descriptive_reference_links_to_the_known_plan(corpus, corenlp_url):
    text = "Officials said the projects were the opening draw on Japan's $550 billion investment commitment."
    result = _extract(text, corpus, corenlp_url)
    described = [m for _, m in result.linked if m.via == "description"]
    assert ("us-investment-plan", "Japan's $550 billion investment commitment") in [
        (m.entity, m.text) for m in described
    ]


def test_bln_amounts_are_billions_on_the_relationship_they_modify(corpus, corenlp_url):
    result = _extract("Japan pledged $550 bln for the investment package.", corpus, corenlp_url)
    [claim] = [c for c in result.claims if c.type is RelType.PLEDGES]
    assert (claim.source, claim.target) == ("japan", "us-investment-plan")
    assert claim.money is not None and claim.money.amount == 550e9 and claim.money.currency == "USD"


def test_a_relationship_stated_through_a_pronoun_in_the_next_sentence(corpus, corenlp_url):
    text = "SoftBank Group unveiled its energy plans on Monday. It will operate the Lakeview Refinery in Ohio."
    result = _extract(text, corpus, corenlp_url)
    [claim] = [c for c in result.claims if c.type is RelType.PARTICIPATES_IN]
    assert (claim.source, claim.target) == ("softbank-group", "lakeview-refinery")
    quotes = [e.quote for e in claim.evidence]
    assert any("It will operate the Lakeview Refinery" in q for q in quotes)
    assert any("SoftBank Group" in q for q in quotes), "the sentence naming the antecedent is quoted too"


def test_a_due_date_is_attached_through_the_parse(corpus, corenlp_url):
    result = _extract("Canada pledged $2 billion to the Lakeview Refinery by March 2027.", corpus, corenlp_url)
    [claim] = [c for c in result.claims if c.type is RelType.PLEDGES]
    assert str(claim.due_by) == "2027-03" and claim.money is not None and claim.money.amount == 2e9


def test_every_quote_is_verbatim_and_short(corpus, corenlp_url):
    text = (EVAL / "articles" / "d04-companies-supply.txt").read_text(encoding="utf-8")
    result = _extract(text, corpus, corenlp_url, dt.date(2026, 2, 20))
    assert result.claims
    for item in [*result.claims, *result.entities]:
        for ev in item.evidence:
            assert text[ev.span[0] : ev.span[1]] == ev.quote and len(ev.quote.split()) <= 15


def test_the_review_lists_linked_entities_and_loads_on_the_corpus(tmp_path, corenlp_url):
    article = tmp_path / "note.txt"
    article.write_text(
        "Japan pledged $550 bln for the investment package. SoftBank Group will operate the Lakeview Refinery.\n"
        "Japan plans to mine rare-earth mud near Minamitori Island.\n"
    )
    runner = CliRunner()
    out = tmp_path / "review.yaml"
    result = runner.invoke(cli, ["extract", str(article), "--nlp", corenlp_url, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "#   softbank-group: SoftBank Group [name]" in text
    as_json = runner.invoke(cli, ["extract", str(article), "--nlp", corenlp_url, "--format", "json"])
    linked = {item["id"]: item for item in json.loads(as_json.stdout)["linked"]}
    assert linked["japan"]["forms"][0]["text"] == "Japan" and linked["japan"]["forms"][0]["span"] == [0, 5]
    store = tmp_path / "store"
    documents = tmp_path / "documents"  # the article beside the source articles: every quote is checked
    documents.mkdir()
    for source in Path(os.environ.get("DEALGRAPH_DOCUMENTS") or EVAL.parent / "sources").iterdir():
        (documents / source.name).write_bytes(source.read_bytes())
    (documents / "note.txt").write_bytes(article.read_bytes())
    load = ["--store", str(store), "load", "--with-corpus", str(out), "--documents", str(documents)]
    loaded = runner.invoke(cli, load, catch_exceptions=False)
    assert loaded.exit_code == 0, loaded.output
    assert "evidence quotes not checked" not in loaded.output
    island = runner.invoke(cli, ["--store", str(store), "actor", "Minamitori Island", "--format", "json"])
    assert island.exit_code == 0 and json.loads(island.stdout)["entity"]["id"] == "minamitorishima"
    again = runner.invoke(cli, load, catch_exceptions=False)
    assert "changes: no changes" in again.output


def test_without_java_extract_says_how_to_get_it(tmp_path, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text("Japan pledged money.\n")
    monkeypatch.setenv("PATH", str(tmp_path))  # no java here
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv("DEALGRAPH_CORENLP_URL", raising=False)
    result = CliRunner().invoke(cli, ["extract", str(article)])
    assert result.exit_code == 1
    assert "needs Stanford CoreNLP, which runs on Java 17 or later: install a JDK and Maven" in result.output
    assert "--engine rules" in result.output


def test_an_unreachable_server_is_one_clear_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Japan pledged money.\n")
    result = CliRunner().invoke(cli, ["extract", str(article), "--nlp", "http://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: CoreNLP at http://127.0.0.1:9 cannot be reached")


def test_the_server_script_reports_status(tmp_path):
    import subprocess

    script = Path(__file__).resolve().parents[1] / "scripts" / "corenlp-server"
    status = subprocess.run([str(script), "status", "--dir", str(tmp_path)], capture_output=True, text=True)
    assert status.returncode == 3 and "not running" in status.stdout
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "pid").write_text(f"{os.getpid()}\n")  # a pid that is not our launcher
    status = subprocess.run([str(script), "status", "--dir", str(tmp_path)], capture_output=True, text=True)
    assert status.returncode == 3, "a stale pid file never names another process"


def test_without_a_server_extract_starts_one_for_the_run_and_stops_it(tmp_path):
    # a whole process, as a user runs it: no --nlp and no $DEALGRAPH_CORENLP_URL, Java present
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("Norway pledged $2 billion to the Harbour Bridge project.\n")
    scratch = tmp_path / "tmp"  # the run's server lives in a temporary directory under here
    scratch.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "DEALGRAPH_CORENLP_URL"}
    env["TMPDIR"] = str(scratch)
    run = subprocess.run([sys.executable, "-m", "dealgraph", "extract", str(article), "--format", "json"],
                         capture_output=True, text=True, env=env, timeout=900)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "starting one for this run" in run.stderr
    claims = json.loads(run.stdout)["claims"]
    assert ("PLEDGES", "norway") in [(c["type"], c["source"]) for c in claims]
    assert list(scratch.iterdir()) == [], "its files are gone"
    left = []
    for proc in Path("/proc").iterdir():  # no process of ours still runs from that directory
        try:
            if str(scratch) in (proc / "cmdline").read_bytes().decode(errors="replace"):
                left.append(proc.name)
        except OSError:
            continue
    assert left == [], "the run's CoreNLP is stopped"


# --- quality on ../shared/eval, written and annotated by others ---

#: Figures reached on ../shared/eval (python -m benchmarks.extract prints them): floors, so a
#: change that lowers one fails. The issue's targets are far above several of them.
FLOORS = {
    ("names", "precision"): 0.98,
    ("names", "recall"): 0.96,
    ("stand_ins", "precision"): 0.99,
    ("stand_ins", "recall"): 0.99,
    ("descriptions", "precision"): 0.96,
    ("descriptions", "recall"): 0.68,
    ("linking", "precision"): 0.97,
    ("linking", "recall"): 0.9,
    ("new_entities", "precision"): 0.96,
    ("new_entities", "recall"): 0.87,
    ("kinds", "recall"): 0.96,
    ("relationships", "precision"): 0.95,
    ("relationships", "recall"): 0.56,
    ("money", "recall"): 0.88,
    ("due_by", "recall"): 0.8,
}


@pytest.fixture(scope="module")
def eval_report(corpus, linker, corenlp_url):
    def run(article, day):
        return extract_nlp(article, corpus, url=corenlp_url, article_date=day, linker=linker)

    return evaluate_gold(EVAL, run)


@pytest.mark.parametrize("measure", list(FLOORS), ids=[f"{a}-{b}" for a, b in FLOORS])
def test_quality_floor_on_shared_eval(eval_report, measure):
    field, which = measure
    value = getattr(eval_report.totals[field], which)
    assert value >= FLOORS[measure], f"{field} {which} {value:.4f} < floor {FLOORS[measure]}"


def test_extract_annotated_is_the_same_as_extract_nlp(corpus, corenlp_url):
    text = "Canada pledged $2 billion to the Lakeview Refinery."
    doc = annotate(text, url=corenlp_url, date=None)
    a = extract_annotated(doc, Article("t.txt", "t.txt", text), corpus)
    b = _extract(text, corpus, corenlp_url)
    assert [c.id for c in a.claims] == [c.id for c in b.claims] != []


def test_a_body_named_after_a_country_is_an_organisation_and_no_relation_of_it(corpus, corenlp_url):
    result = _extract("The Japan Bank for Ocean Research will lend the money.", corpus, corenlp_url)
    [fund] = [e for e in result.entities if e.name == "Japan Bank for Ocean Research"]
    assert fund.kind is Kind.ORGANIZATION
    assert ("japan", "Japan") in {(m.entity, m.text) for _, m in result.linked}, "the country's name still counts"
    assert not [c for c in result.claims if {c.source, c.target} == {fund.id, "japan"}]


def test_a_described_thing_known_as_a_name_is_one_entity(corpus, corenlp_url):
    text = (
        "The crude terminal, known as the Pacific Gateway Terminal, opened in May. Vale Corp will operate the terminal."
    )
    result = _extract(text, corpus, corenlp_url)
    [gateway] = [e for e in result.entities if e.kind is Kind.PROJECT]
    assert gateway.name == "Pacific Gateway Terminal" and "crude terminal" in gateway.aliases
    assert ("vale-corp", "pacific-gateway-terminal") in {
        (c.source, c.target) for c in result.below_claims + result.claims
    }


def test_commodities_and_plural_descriptions(corpus, corenlp_url):
    result = _extract("Chile sells crude oil to Japan. Three US energy projects were chosen.", corpus, corenlp_url)
    assert [(e.name, e.kind) for e in result.entities if e.kind is Kind.MINERAL] == [("crude oil", Kind.MINERAL)]
    assert not [e for e in result.entities if e.kind is Kind.PROJECT], "a set of projects is not one new project"
    [supplies] = [c for c in result.claims if c.type is RelType.SUPPLIES]
    assert (supplies.source, supplies.target, supplies.counterparty) == ("chile", "crude-oil", "japan")


def test_due_dates_reach_the_relationship_through_its_clause(corpus, corenlp_url):
    text = (
        "Officials welcomed Canada's promise to fund and build the Lakeview Refinery before March 2027. "
        "Maria Lopez's visit to Ottawa next month will follow."
    )
    result = _extract(text, corpus, corenlp_url, dt.date(2026, 2, 18))
    due = {(c.type, c.source): str(c.due_by) for c in [*result.claims, *result.below_claims]}
    assert due.get((RelType.PLEDGES, "canada")) == "2027-03"
    assert due.get((RelType.PARTICIPATES_IN, "maria-lopez")) == "2026-03", "a visit placed next month"


def test_a_head_of_a_department_leads_it_and_a_minister_serves_a_country(corpus, corenlp_url):
    text = "Trade Ministry Secretary Ana Ruiz said so. Japanese Finance Minister Kenji Sato agreed."
    result = _extract(text, corpus, corenlp_url)
    found = {(c.type, c.source, c.target) for c in result.claims}
    assert (RelType.LEADS, "ana-ruiz", "trade-ministry") in found
    assert (RelType.AFFILIATED_WITH, "ana-ruiz", "trade-ministry") not in found, "heads it: not merely affiliated"
    assert (RelType.AFFILIATED_WITH, "kenji-sato", "japan") in found
    assert not [c for c in result.claims if c.source == "kenji-sato" and c.type is RelType.LEADS]


def test_an_official_whose_title_is_part_of_his_name_is_not_his_own_party(corpus, corenlp_url):
    # "Commerce Secretary Howard Lutnick" is one known name: its title is no second party
    result = _extract("Commerce Secretary Howard Lutnick said so.", corpus, corenlp_url)
    assert not [c for c in result.claims if c.source == "howard-lutnick"]


def test_a_plural_project_head_with_a_kind_modifier_is_a_project(corpus, corenlp_url):
    result = _extract("Vale Corp will build small modular reactors and three plants in Ohio.", corpus, corenlp_url)
    projects = [e.name for e in result.entities if e.kind is Kind.PROJECT]
    assert "small modular reactors" in projects
    assert not [p for p in projects if "three" in p or p == "plants"], projects


def test_a_qualified_event_and_its_destination(corpus, corenlp_url):
    result = _extract("Officials met during Maria Lopez's visit to Chile in May.", corpus, corenlp_url)
    [visit] = [e for e in result.entities if e.kind is Kind.EVENT]
    found = {(c.type, c.source, c.target) for c in result.claims}
    assert (RelType.PARTICIPATES_IN, "maria-lopez", visit.id) in found
    assert (RelType.LOCATED_IN, visit.id, "chile") in found


def test_an_apposition_to_a_list_holds_for_every_member(corpus, corenlp_url):
    # enhanced++ shares verbs' subjects across conjuncts, not appositions: the matcher does
    text = "Acme Holdings and Borealis Capital, the owners of Lakeview Mining, reported profits."
    result = _extract(text, corpus, corenlp_url)
    owners = {c.target for c in result.claims if c.type is RelType.AFFILIATED_WITH and c.source == "lakeview-mining"}
    assert owners == {"acme-holdings", "borealis-capital"}


def test_a_ruling_on_something_analyses_it_whatever_its_part_of_speech(corpus, corenlp_url):
    text = "Investors waited for the Harbour Council's ruling on the legality of the Coastal Accord."
    result = _extract(text, corpus, corenlp_url)
    assert (RelType.ANALYZES, "harbour-council", "coastal-accord") in {
        (c.type, c.source, c.target) for c in result.claims
    }


def test_a_demonym_in_a_bodys_name_states_its_nationality(corpus, corenlp_url):
    result = _extract("A Japanese Energy Agency spokesperson declined to comment.", corpus, corenlp_url)
    [ministry] = [e for e in result.entities if e.kind is Kind.ORGANIZATION]
    assert (RelType.PART_OF, ministry.id, "japan") in {(c.type, c.source, c.target) for c in result.claims}
    assert not [c for c in result.claims if c.type is RelType.AFFILIATED_WITH], "a body is no spokesperson"


def test_a_possessed_description_far_from_any_mention_is_what_its_possessor_pledged(corpus, corenlp_url):
    result = _extract("Reactors may be financed through Japan's commitment.", corpus, corenlp_url)
    assert ("us-investment-plan", "commitment") in {(m.entity, m.text) for _, m in result.linked}
    result = _extract("Analysts doubted Tokyo's US pledge.", corpus, corenlp_url)
    assert ("us-investment-plan", "US pledge") in {(m.entity, m.text) for _, m in result.linked}
    pledges = {(c.source, c.target) for c in result.claims if c.type is RelType.PLEDGES}
    assert ("japan", "us-investment-plan") in pledges
    assert ("united-states", "us-investment-plan") not in pledges, "the possessor pledges, not the compound"


@pytest.mark.parametrize(
    ("text", "amount"),
    [("a 550-billion-dollar pledge", 550e9), ("under a $40 bil. plan", 40e9), ("a 600-million-dollar plant", 600e6)],
)
def test_amounts_written_as_adjectives_and_abbreviations(text, amount):
    from dealgraph.extract.amounts import money_mentions

    [m] = money_mentions(text)
    assert (m.money.amount, m.money.currency) == (amount, "USD")


def test_a_description_with_an_amount_corenlp_does_not_tag_as_money(corpus, corenlp_url):
    result = _extract("Officials praised Japan's 550-billion-dollar investment pledge on Monday.", corpus, corenlp_url)
    assert "us-investment-plan" in {m.entity for _, m in result.linked}


def test_money_after_worth_reaches_the_relationship(corpus, corenlp_url):
    result = _extract("Vale Corp was chosen for the Lakeview Refinery, worth up to $5bn.", corpus, corenlp_url)
    [claim] = [c for c in result.claims if c.type is RelType.PARTICIPATES_IN]
    assert claim.money is not None and float(claim.money.amount) == 5e9 and claim.money.qualifier.value == "up_to"


def test_a_plural_description_refers_to_the_actors_named_together_before(corpus, corenlp_url):
    text = "Maria Lopez and Pedro Soto met in Lima on Monday. The two leaders signed the Coastal Accord."
    result = _extract(text, corpus, corenlp_url)
    signers = {c.source for c in result.claims if c.type is RelType.PARTICIPATES_IN and c.target == "coastal-accord"}
    assert signers == {"maria-lopez", "pedro-soto"}
    [claim] = [c for c in result.claims if c.source == "pedro-soto" and c.target == "coastal-accord"]
    assert any("Pedro Soto" in e.quote for e in claim.evidence), "the sentence naming them is quoted too"


def test_a_described_agreement_is_named_with_its_whole_subject(corpus, corenlp_url):
    result = _extract("Chile and Peru signed a framework on copper and lithium in May.", corpus, corenlp_url)
    assert "framework on copper and lithium" in [e.name for e in result.entities if e.kind is Kind.AGREEMENT]


def test_a_thing_in_a_city_comma_state_is_in_both(corpus, corenlp_url):
    result = _extract("Vale Corp opened a copper smelter in Augusta, Georgia, last year.", corpus, corenlp_url)
    [smelter] = [e for e in result.entities if e.kind is Kind.PROJECT]
    places = {c.target for c in result.claims if c.type is RelType.LOCATED_IN and c.source == smelter.id}
    assert places == {"augusta", "georgia"}


def test_an_actors_project_and_a_pledge_is_not_also_participation(corpus, corenlp_url):
    text = "Chile's lithium extraction trial began in May. Officials welcomed Japan's $550 billion commitment."
    result = _extract(text, corpus, corenlp_url)
    found = {(c.type, c.source, c.target) for c in result.claims}
    [trial] = [e.id for e in result.entities if e.kind is Kind.PROJECT]
    assert (RelType.PARTICIPATES_IN, "chile", trial) in found
    assert (RelType.PLEDGES, "japan", "us-investment-plan") in found
    assert (RelType.PARTICIPATES_IN, "japan", "us-investment-plan") not in found, "the pledge says more"


def test_a_plan_to_do_something_is_not_the_known_plan(corpus, corenlp_url):
    result = _extract(
        "Officials noted Japan's plan to begin copper mining near Hokkaido next year.", corpus, corenlp_url
    )
    assert "us-investment-plan" not in {m.entity for _, m in result.linked}


def test_an_ordinal_that_differs_is_not_a_description_of_the_known_thing(corpus, corenlp_url):
    result = _extract("Officials discussed a second tranche of projects on Monday.", corpus, corenlp_url)
    assert "first-tranche" not in {m.entity for _, m in result.linked}


def test_a_possessed_description_is_located_by_its_own_modifier(corpus, corenlp_url):
    # the head of "Japan's $550 billion investment plan" is "plan", not the "'s" that hangs on Japan
    text = "Officials praised Japan's $550 billion investment plan in the United States."
    result = _extract(text, corpus, corenlp_url)
    found = {(c.type, c.source, c.target) for c in result.claims}
    assert (RelType.LOCATED_IN, "us-investment-plan", "united-states") in found


def test_a_set_of_projects_in_several_places_is_located_in_none(corpus, corenlp_url):
    result = _extract("Vale Corp said the Ohio, Texas and Utah refineries would open in May.", corpus, corenlp_url)
    assert not [c for c in result.claims if c.type is RelType.LOCATED_IN and c.target in ("ohio", "texas", "utah")
                and c.source not in ("ohio", "texas", "utah")]  # fmt: skip


def test_an_amount_entry_takes_part_in_the_projects_it_names(corpus, corenlp_url):
    # a verbless list entry: a company, the project, an amount, and others with possible roles
    text = ("Officials listed the expressions of interest.\n\n"
            "- Vale Corp: the Lakeview Refinery, up to $4 billion, with possible roles for Borealis Mining and Acme Steel.\n")  # fmt: skip
    result = _extract(text, corpus, corenlp_url)
    [refinery] = [e.id for e in result.entities if e.kind is Kind.PROJECT]
    found = {(c.type, c.source, c.target): c for c in result.claims}
    assert (RelType.PARTICIPATES_IN, "vale-corp", refinery) in found
    assert (RelType.PARTICIPATES_IN, "borealis-mining", refinery) in found
    assert found[(RelType.PARTICIPATES_IN, "vale-corp", refinery)].money.amount == 4e9


def test_an_amount_entry_naming_only_a_product_takes_part_in_the_plan_the_article_is_about(corpus, corenlp_url):
    # the entries name products, not projects: the companies take part in the financed plan the
    # article refers to, the whole plan where a part of it ("the first tranche") was named too;
    # a verb in the entry ("bought") leaves it to the patterns
    text = ("Japan's $550 billion investment commitment will finance projects in the United States. "
            "The first tranche was delayed.\n\n"
            "- Storage: Halvorsen Industries, up to $3bn for batteries; Lindqvist Partners, whose US arm is based "
            "in Ohio, up to $2bn for cooling equipment.\n\n"
            "Brask Energy bought $3bn of batteries.\n")  # fmt: skip
    result = _extract(text, corpus, corenlp_url)
    found = {(c.type, c.source, c.target): c for c in result.claims}
    for company in ("halvorsen-industries", "lindqvist-partners"):
        claim = found[(RelType.PARTICIPATES_IN, company, "us-investment-plan")]
        assert any("investment commitment" in e.quote for e in claim.evidence), "the earlier reference is quoted"
    assert found[(RelType.PARTICIPATES_IN, "halvorsen-industries", "us-investment-plan")].money.amount == 3e9
    assert not [k for k in found if k[1] == "brask-energy"]
    assert not [k for k in found if k[2] == "first-tranche" and k[0] is RelType.PARTICIPATES_IN]


def test_an_amount_entry_in_an_article_about_no_financed_plan_gives_nothing(corpus, corenlp_url):
    result = _extract("- Halvorsen Industries: cooling systems, up to $2 billion.\n", corpus, corenlp_url)
    assert result.claims == []


def test_the_untagged_label_of_an_amount_entry_is_a_new_company(corpus, corenlp_url):
    text = "Japan's $550 billion investment commitment will finance projects.\n\n- Fujimatsu: optical cable, up to $2 billion.\n"
    result = _extract(text, corpus, corenlp_url)
    [company] = [e for e in result.entities if e.name == "Fujimatsu"]
    assert company.kind is Kind.COMPANY
    assert (RelType.PARTICIPATES_IN, company.id, "us-investment-plan") in {
        (c.type, c.source, c.target) for c in result.claims
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Most of the money will come as loans and guarantees from the Harbour Development Bank.",  # noun + from
        "Financing will come chiefly from the Harbour Development Bank.",  # subject of "come from"
        "Most of the financing is to come from the Harbour Development Bank.",  # "most of" the subject
    ],
)
def test_a_source_of_financing_takes_part_in_the_plan_just_named(sentence, corpus, corenlp_url):
    text = f"Japan's $550 billion investment commitment will finance projects in the United States. {sentence}"
    result = _extract(text, corpus, corenlp_url)
    [bank] = [e.id for e in result.entities if e.name.endswith("Harbour Development Bank")]
    [claim] = [c for c in result.claims if (c.type, c.source) == (RelType.PARTICIPATES_IN, bank)]
    assert claim.target == "us-investment-plan"
    assert any("investment commitment" in e.quote for e in claim.evidence), "the plan's sentence is quoted"


def test_financing_from_a_lender_with_no_financed_plan_before_gives_nothing(corpus, corenlp_url):
    text = "Financing will come chiefly from the Harbour Development Bank. Japan's $550 billion commitment grew."
    result = _extract(text, corpus, corenlp_url)
    assert not [c for c in result.claims if c.type is RelType.PARTICIPATES_IN]


def test_interest_in_supplying_a_thing_named_before_is_proposed(corpus, corenlp_url):
    # the construction states the hedge itself ("expressed interest in"): a reference back to a
    # thing named before is enough for the proposal to pass the threshold
    text = ("Vale Corp will build a $3 billion copper smelter near Tacoma, Washington. "
            "Acme Holdings has expressed interest in supplying furnaces for the 40-megawatt smelter.")  # fmt: skip
    result = _extract(text, corpus, corenlp_url)
    [smelter] = [e.id for e in result.entities if e.kind is Kind.PROJECT]
    [acme] = [e.id for e in result.entities if e.name.startswith("Acme")]
    assert (RelType.SUPPLIES, acme, smelter) in {(c.type, c.source, c.target) for c in result.claims}


def test_a_thing_to_be_funded_under_a_plan_is_part_of_it(corpus, corenlp_url):
    # the controlled subject of "to be funded" (nsubj:pass:xsubj)
    for text in ("Officials chose the first projects to be funded under the Coastal Accord.",
                 "Officials named the first projects to be funded under the Coastal Accord on Monday."):  # fmt: skip
        result = _extract(text, corpus, corenlp_url)
        [accord] = [e.id for e in result.entities if e.kind is Kind.AGREEMENT]
        found = {(c.type, c.source, c.target) for c in result.claims}
        assert (RelType.PART_OF, "first-tranche", accord) in found, text


def test_a_participle_with_an_agent_that_the_parser_read_as_active_is_still_passive(corpus, corenlp_url):
    # CoreNLP reads "chaired" as the sentence's verb with "council" its subject (nsubj, not nsubj:pass)
    result = _extract(
        "Under the accord, a review council chaired by Maria Lopez picks the projects.", corpus, corenlp_url
    )
    [council] = [e.id for e in result.entities if e.kind is Kind.ORGANIZATION]
    [lopez] = [e.id for e in result.entities if e.name == "Maria Lopez"]
    assert (RelType.LEADS, lopez, council) in {(c.type, c.source, c.target) for c in result.claims}


def test_a_partnership_with_named_parties_is_an_agreement_and_its_announcer_a_party(corpus, corenlp_url):
    for text in ("The Harbour Council signed a partnership with Vale Corp on Monday.",
                 "The Harbour Council today announced a partnership with Vale Corp."):  # fmt: skip
        result = _extract(text, corpus, corenlp_url)
        [deal] = [e for e in result.entities if e.kind is Kind.AGREEMENT]
        assert deal.name == "partnership with Vale Corp"
        found = {(c.type, c.source, c.target) for c in result.claims}
        parties = {c.source for c in result.claims if (c.type, c.target) == (RelType.PARTICIPATES_IN, deal.id)}
        assert parties == {"vale-corp", "harbour-council"}, (text, found)
        assert not [k for k in found if k[0] is RelType.REPORTS], "a party announcing its own agreement is a party"


def test_goods_a_plant_turns_out_are_goods_not_the_known_project_of_that_name(corpus, corenlp_url):
    # the corpus's "Synthetic diamond manufacturing" has the alias "synthetic diamonds"; as the
    # object of a verb of making they are the goods, a new mineral the plant supplies
    text = "Officials picked a factory in Ohio that will turn out synthetic industrial diamonds."
    result = _extract(text, corpus, corenlp_url)
    assert "synthetic-diamonds" not in {m.entity for _, m in result.linked}
    [goods] = [e.id for e in result.entities if e.kind is Kind.MINERAL]
    [factory] = [e.id for e in result.entities if e.kind is Kind.PROJECT]
    assert (RelType.SUPPLIES, factory, goods) in {(c.type, c.source, c.target) for c in result.claims}


def test_a_thing_off_a_places_coast_is_in_that_place(corpus, corenlp_url):
    for text in ("The Lakeview Terminal off the Oregon coast opened in May.",
                 "Vale Corp will build the Lakeview Terminal off the Oregon coast."):  # fmt: skip
        result = _extract(text, corpus, corenlp_url)
        located = {(c.source, c.target) for c in result.claims if c.type is RelType.LOCATED_IN}
        assert [s for s, t in located if t == "oregon"], (text, located)


def test_an_agreement_under_its_formal_title_is_one_entity(corpus, corenlp_url):
    # NER splits the title; it runs from the first capitalised word to the last, dates left out
    text = "Chile and Peru signed the Chile–Peru Agreement on the Protection of Coastal Fisheries in May."
    result = _extract(text, corpus, corenlp_url)
    [deal] = [e for e in result.entities if e.kind is Kind.AGREEMENT]
    assert deal.name == "Chile–Peru Agreement on the Protection of Coastal Fisheries"
    parties = {c.source for c in result.claims if (c.type, c.target) == (RelType.PARTICIPATES_IN, deal.id)}
    assert parties == {"chile", "peru"}


def test_the_leaders_are_all_the_leaders_named_before_not_the_first(corpus, corenlp_url):
    # known leaders: "leader" is a head of their names too, yet the plural is all of them
    text = "President Donald Trump met Prime Minister Sanae Takaichi in Lima. The leaders signed the Coastal Accord."
    result = _extract(text, corpus, corenlp_url)
    parties = {c.source for c in result.claims if (c.type, c.target) == (RelType.PARTICIPATES_IN, "coastal-accord")}
    assert parties == {"donald-trump", "sanae-takaichi"}


@pytest.mark.parametrize(
    "text",
    [
        "Over 80% of the package sits in one asset: the 4.1-gigawatt gas-fired plant near Dayton, Ohio, "
        "to be run by Vale Corp's Vale Energy.",
        "The largest of the four projects named on Monday, a $12bn copper smelter near Tacoma, will be operated "
        "by Vale Energy.",
    ],
)
def test_a_passive_verb_whose_subject_the_parse_lost_is_said_of_the_nearest_fitting_nominal(text, corpus, corenlp_url):
    # CoreNLP leaves "run"/"operated" with an agent and no subject in these long sentences
    result = _extract(text, corpus, corenlp_url)
    [project] = [e.id for e in result.entities if e.kind is Kind.PROJECT]
    assert (RelType.PARTICIPATES_IN, "vale-energy", project) in {(c.type, c.source, c.target) for c in result.claims}


def test_washington_after_a_city_is_the_state_not_the_capital(corpus, corenlp_url):
    text = "Most of the money goes to one project: a copper smelter near Tacoma, Washington, to be run by Vale Energy."
    result = _extract(text, corpus, corenlp_url)
    assert "united-states" not in {m.entity for _, m in result.linked}
    assert "united-states" not in {c.target for c in result.claims}
    result = _extract("Officials in Washington welcomed the Lakeview Refinery.", corpus, corenlp_url)
    assert "united-states" in {m.entity for _, m in result.linked}, "the capital still stands for its country"


def test_a_meeting_told_by_the_verb_is_an_event_with_its_participants_place_and_later_talks(corpus, corenlp_url):
    text = "Maria Lopez met Pedro Soto in Lima on Monday. Officials said the talks went well."
    result = _extract(text, corpus, corenlp_url)
    [meeting] = [e for e in result.entities if e.kind is Kind.EVENT]
    assert meeting.name == "meeting of Maria Lopez and Pedro Soto"
    assert meeting.aliases == ("talks",), "the talks are the meeting the verb told of (the verb names nothing)"
    found = {(c.type, c.source, c.target) for c in result.claims}
    assert {(RelType.PARTICIPATES_IN, "maria-lopez", meeting.id), (RelType.PARTICIPATES_IN, "pedro-soto", meeting.id),
            (RelType.LOCATED_IN, meeting.id, "lima")} <= found  # fmt: skip


def test_one_who_meets_alone_makes_no_meeting(corpus, corenlp_url):
    result = _extract("Maria Lopez met reporters in Lima on Monday.", corpus, corenlp_url)
    assert not [e for e in result.entities if e.kind is Kind.EVENT]


@pytest.mark.parametrize(
    ("text", "leader", "country"),
    [
        ("Japanese Prime Minister Sanae Takaichi spoke to reporters.", "sanae-takaichi", "japan"),
        ("U.S. President Donald Trump's visit to Tokyo ended.", "donald-trump", "united-states"),
    ],
)
def test_the_country_before_a_title_inside_a_leaders_known_name_is_the_one_led(text, leader, country, corpus,
                                                                                corenlp_url):  # fmt: skip
    # the corpus knows "Japanese Prime Minister Sanae Takaichi" as one alias: the title is still of Japan
    result = _extract(text, corpus, corenlp_url)
    assert (RelType.LEADS, leader, country) in {(c.type, c.source, c.target) for c in result.claims}


def test_a_title_that_the_parse_hangs_loose_still_serves_its_country(corpus, corenlp_url):
    # "Minister" reaches Ana Ruiz only through coreference (the parse drops the apposition)
    result = _extract("The accord was signed by Pedro Soto and Ana Ruiz, then Chile's Minister for Mining.", corpus,
                      corenlp_url)  # fmt: skip
    assert (RelType.AFFILIATED_WITH, "ana-ruiz", "chile") in {(c.type, c.source, c.target) for c in result.claims}


@pytest.mark.parametrize(
    "text",
    [
        # a relative clause inside a reported one: "run" has no subject; "plant" is its antecedent
        "The diamond plant, which officials said would be run by Vale Energy, is designed to cover all demand.",
        # a participle joined to another ("known as ... and developed by"), hung on the noun by a loose edge
        "The crude terminal, known as Harbour Link and developed by Vale Energy, is expected to open in May.",
    ],
)
def test_a_participle_with_an_agent_reaches_the_noun_it_describes(text, corpus, corenlp_url):
    result = _extract(text, corpus, corenlp_url)
    [project] = [e.id for e in result.entities if e.kind is Kind.PROJECT]
    assert (RelType.PARTICIPATES_IN, "vale-energy", project) in {(c.type, c.source, c.target) for c in result.claims}


@pytest.mark.parametrize(
    "text",
    [
        "Its output caught the eye of Acme Holdings and Vale Corp, two Japanese makers of cutting tools.",
        "Officials said Acme Holdings and Vale Corp were among the Japanese manufacturers "
        "interested in supplying steel.",
    ],
)
def test_a_list_of_companies_before_a_demonym_and_a_class_of_companies_has_that_nationality(text, corpus,
                                                                                              corenlp_url):  # fmt: skip
    result = _extract(text, corpus, corenlp_url)
    japanese = {c.source for c in result.claims if (c.type, c.target) == (RelType.AFFILIATED_WITH, "japan")}
    assert {"acme-holdings", "vale-corp"} <= japanese, japanese


def test_a_demonym_before_a_class_of_companies_with_no_list_before_gives_nothing(corpus, corenlp_url):
    result = _extract("Officials met two Japanese makers of cutting tools on Monday.", corpus, corenlp_url)
    assert not [c for c in result.claims if c.type is RelType.AFFILIATED_WITH]


def test_with_a_list_as_possible_suppliers_supplies_the_projects_named_before(corpus, corenlp_url):
    text = ("- Refining: Vale Corp, which is co-owned by Borealis Mining and Acme Holdings, was listed for the "
            "Lakeview Refinery worth up to $5bn, with Acme Holdings (AH), Quorn Steel Corp and Vale Energy as "
            "possible suppliers.")  # fmt: skip
    result = _extract(text, corpus, corenlp_url)
    [refinery] = [e.id for e in result.entities if e.kind is Kind.PROJECT]
    suppliers = {c.source for c in result.claims if (c.type, c.target) == (RelType.SUPPLIES, refinery)}
    assert {"acme-holdings", "vale-energy"} <= suppliers, suppliers


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Engineers will test lifting copper-rich mud from the seabed near Tasmania next year.", "tasmania"),
        (
            "The ship is hauling cobalt-bearing nodules from 5,000 meters beneath the Atlantic near Madeira.",
            "madeira",
        ),  # fmt: skip
    ],
)
def test_a_mineral_bearing_material_near_a_place_is_supplied_by_the_place(text, place, corpus, corenlp_url):
    result = _extract(text, corpus, corenlp_url)
    supplies = {(c.source, c.target) for c in result.claims if c.type is RelType.SUPPLIES}
    [mineral] = [e.id for e in result.entities if e.kind is Kind.MINERAL]
    assert supplies == {(place, mineral)}


def test_a_mineral_the_corpus_knows_in_the_other_number_is_the_known_one(corpus, corenlp_url):
    result = _extract("Japan will test retrieval of rare earth-rich mud near Minamitorishima.", corpus, corenlp_url)
    assert not [e for e in result.entities if e.kind is Kind.MINERAL]
    assert ("rare-earths", "rare earth") in {(m.entity, m.text) for _, m in result.linked}
    assert (RelType.SUPPLIES, "minamitorishima", "rare-earths") in {(c.type, c.source, c.target) for c in result.claims}


def test_a_thing_financed_through_a_plan_depends_on_it(corpus, corenlp_url):
    # the infinitive's subject carries over to the purpose clause ("to deliver ..., to be financed through")
    text = ("The Harbour Council today announced a partnership with Borealis Asset Management and Vale Corp. to "
            "deliver ten reactors in Chile, to be partly financed through the Coastal Accord.")  # fmt: skip
    result = _extract(text, corpus, corenlp_url)
    [deal] = [e.id for e in result.entities if e.name.startswith("partnership")]
    assert (RelType.DEPENDS_ON, deal, "coastal-accord") in {(c.type, c.source, c.target) for c in result.claims}


def test_a_leaders_visit_described_by_its_known_name_is_the_known_event(corpus, corenlp_url):
    # "Takaichi's visit" describes the known March summit ("Takaichi's visit to Washington")
    text = "Officials are preparing for Takaichi's visit to the White House next month."
    result = _extract(text, corpus, corenlp_url)
    assert (RelType.PARTICIPATES_IN, "sanae-takaichi", "march-summit") in {(c.type, c.source, c.target)
                                                                            for c in result.claims}  # fmt: skip


def test_the_thing_of_an_amount_delivered_in_a_place_is_located_there(corpus, corenlp_url):
    text = ("The ministry announced a deal with Vale Corp to deliver at least $5 billion of new HX200 reactors in "
            "Chile, to be partly financed by Acme Holdings.")  # fmt: skip
    result = _extract(text, corpus, corenlp_url)
    [reactors] = [e.id for e in result.entities if e.kind is Kind.PROJECT]
    assert (RelType.LOCATED_IN, reactors, "chile") in {(c.type, c.source, c.target) for c in result.claims}


def test_a_preposition_of_place_read_as_a_particle_keeps_the_verb(corpus, corenlp_url):
    # CoreNLP reads "developing off the Oregon coast" as the phrasal verb "develop off"
    text = "For the $2bn Harbour Link Terminal, which Vale Corp is developing off the Oregon coast, officials listed three firms."
    [sentence] = annotate(text, url=corenlp_url, date=None).sentences
    [developing] = [t.index for t in sentence.tokens if t.word == "developing"]
    assert sentence.out(developing, "compound:prt"), "the parse this test is about"
    result = _extract(text, corpus, corenlp_url)
    found = {(c.type, c.source, c.target) for c in result.claims}
    assert (RelType.PARTICIPATES_IN, "vale-corp", "harbour-link-terminal") in found
    assert (RelType.LOCATED_IN, "harbour-link-terminal", "oregon") in found
    # an idiom of its own is not the verb: "backed off" is no support
    result = _extract("Japan backed off the Coastal Accord last year.", corpus, corenlp_url)
    assert not [c for c in result.claims if c.type is RelType.SUPPORTS]


@pytest.mark.parametrize(
    ("text", "kind", "rel"),
    [
        ("The harbour council first met online in May and again shortly before Easter, with Maria Lopez, Pedro Soto "
         "and Trade Minister Ana Ruiz taking part.", Kind.ORGANIZATION, RelType.AFFILIATED_WITH),
        ("The Lima summit ended on Monday, with Maria Lopez, Pedro Soto and Ana Ruiz taking part.", Kind.EVENT,
         RelType.PARTICIPATES_IN),
    ],
)  # fmt: skip
def test_with_a_list_taking_part_the_list_sits_on_the_body_or_takes_part_in_the_event(text, kind, rel, corpus,
                                                                                      corenlp_url):  # fmt: skip
    result = _extract(text, corpus, corenlp_url)
    [subject] = [e.id for e in result.entities if e.kind is kind]
    members = {c.source for c in result.claims if (c.type, c.target) == (rel, subject)}
    assert {"maria-lopez", "pedro-soto", "ana-ruiz"} <= members, members


def test_a_secretary_heads_the_department_his_title_names_when_the_article_names_it(corpus, corenlp_url):
    text = "U.S. Commerce Secretary Howard Lutnick met Maria Lopez for an hour at the Commerce Department."
    result = _extract(text, corpus, corenlp_url)
    leads = {(c.source, c.target) for c in result.claims if c.type is RelType.LEADS}
    assert ("howard-lutnick", "us-department-of-commerce") in leads
    result = _extract("U.S. Commerce Secretary Howard Lutnick met Maria Lopez in Lima.", corpus, corenlp_url)
    assert ("howard-lutnick", "us-department-of-commerce") not in {(c.source, c.target) for c in result.claims}


def test_a_trial_of_work_is_a_project_its_planner_takes_part_in_located_where_it_works(corpus, corenlp_url):
    text = (
        "Officials noted Chile's plan to begin pilot extraction of lithium brine from the seabed near Arica next year."
    )
    result = _extract(text, corpus, corenlp_url)
    [trial] = [e.id for e in result.entities if e.kind is Kind.PROJECT]
    found = {(c.type, c.source, c.target) for c in result.claims}
    assert {(RelType.PARTICIPATES_IN, "chile", trial), (RelType.LOCATED_IN, trial, "arica")} <= found


def test_a_countrys_form_used_only_inside_organisations_names_is_no_reference_to_it(corpus, corenlp_url):
    text = "Nippon Steel and Nippon Export and Investment Insurance will back the copper mine in Peru."
    result = _extract(text, corpus, corenlp_url)
    assert "japan" not in {m.entity for _, m in result.linked}
    [nexi] = [e for e in result.entities if e.name == "Nippon Export and Investment Insurance"]
    assert nexi.kind is Kind.ORGANIZATION, "still a public body named after the country"
    # a form the article also uses alone refers to the country wherever it stands
    result = _extract("Nippon wants more projects. Nippon Steel will back the copper mine in Peru.", corpus,
                      corenlp_url)  # fmt: skip
    assert [m.text for _, m in result.linked if m.entity == "japan"] == ["Nippon", "Nippon"]


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        # each construction read from the words, against a sentence that only looks like it
        ("Japan and South Korea met the deadline on Friday.", "an event"),
        ("Japan accounts for a fifth of the world's rare earth demand.", "SUPPLIES"),
        ("Analysts criticised China's push to block the Lakeview Refinery.", "PARTICIPATES_IN"),
        ("Iron ore exports from Australia to steelmakers in China rose in May.", "china SUPPLIES"),
        ("Acme Holdings, which runs the Lakeview Refinery, competes with Borealis Steel as a supplier of turbines.",
         "SUPPLIES"),
        ("Toshiba sold off Westinghouse Electric in 2018.", "SUPPLIES"),
        ("The Lakeview pilot will run for a trial period of six months.", "a project"),
        ("Apple is among the Japanese makers' biggest customers.", "AFFILIATED_WITH"),
        ("Japan's $550 billion investment commitment will finance projects. Officials met in May. Talks went on. "
         "Markets rose. Investment from China in African railways has fallen.", "china PARTICIPATES_IN"),
    ],
)  # fmt: skip
def test_look_alikes_of_the_constructions_give_nothing(text, unwanted, corpus, corenlp_url):
    result = _extract(text, corpus, corenlp_url)
    found = {(c.type, c.source, c.target) for c in result.claims}
    if unwanted == "an event":
        assert not [e for e in result.entities if e.kind is Kind.EVENT]
    elif unwanted == "a project":
        assert not [e for e in result.entities if e.kind is Kind.PROJECT and "trial" in e.name]
    elif unwanted == "china SUPPLIES":
        assert not [k for k in found if k[0] is RelType.SUPPLIES and k[1] == "china"], found
    elif unwanted == "china PARTICIPATES_IN":
        assert not [k for k in found if k[0] is RelType.PARTICIPATES_IN and k[1] == "china"], found
    else:
        assert not [k for k in found if k[0].value == unwanted], found


def test_washington_as_the_subject_after_a_city_is_still_the_united_states(corpus, corenlp_url):
    result = _extract("In Tokyo, Washington raised tariffs on Monday.", corpus, corenlp_url)
    assert "united-states" in {m.entity for _, m in result.linked}


def test_a_heading_before_an_amount_entrys_name_is_no_company(corpus, corenlp_url):
    text = "Japan's $550 billion investment commitment will finance projects.\n\n- Energy: Acme Holdings, up to $5bn for turbines.\n"
    result = _extract(text, corpus, corenlp_url)
    assert "Energy" not in {e.name for e in result.entities}
    assert (RelType.PARTICIPATES_IN, "acme-holdings", "us-investment-plan") in {(c.type, c.source, c.target)
                                                                                for c in result.claims}  # fmt: skip


def test_a_date_that_places_a_description_picks_the_known_thing_of_that_date(corpus, corenlp_url):
    # the corpus knows the "July 2025 agreement"; SUTime dates "last July" against the article's date
    text = "Chile welcomed the trade agreement reached last July between the two countries."
    result = _extract(text, corpus, corenlp_url, dt.date(2026, 2, 18))
    assert "us-japan-trade-deal-2025" in {m.entity for _, m in result.linked}
    result = _extract(text, corpus, corenlp_url, dt.date(2024, 2, 18))  # July 2023: another agreement
    assert "us-japan-trade-deal-2025" not in {m.entity for _, m in result.linked}


def test_reaffirming_an_agreement_supports_it(corpus, corenlp_url):
    result = _extract("Chile reaffirmed the Coastal Accord on Monday.", corpus, corenlp_url)
    assert (RelType.SUPPORTS, "chile", "coastal-accord") in {(c.type, c.source, c.target) for c in result.claims}


def test_a_gerund_after_a_determiner_is_a_noun_for_coreference_not_before_a_noun(corpus, corenlp_url):
    # CoreNLP tags "ruling" VBG here; the corpus knows one ruling
    text = "Car tariffs, which the ruling left untouched, still apply to Japan."
    result = _extract(text, corpus, corenlp_url)
    assert "tariff-ruling" in {m.entity for _, m in result.linked}
    result = _extract("Analysts said the ruling party would win the vote in Chile.", corpus, corenlp_url)
    assert "tariff-ruling" not in {m.entity for _, m in result.linked}


def _linked(result) -> set[tuple[str, str, str]]:
    return {(m.entity, m.text, m.via) for _, m in result.linked}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Chinese officials declined to comment on the export ban.", True),  # those who act for the state
        ("Chinese manufacturers raised prices on Monday.", False),  # a class of companies: described, not the state
        ("The Chinese-backed mine opened in Peru.", True),  # an agent compound
        ("Buyers lined up for the Chinese-made cars.", False),  # made: goods, not an agent
    ],
)
def test_a_demonym_stands_for_its_state_when_its_people_act_for_it(corpus, corenlp_url, text, wanted):
    result = _extract(text, corpus, corenlp_url)
    assert (("china", "Chinese", "demonym") in _linked(result)) is wanted, _linked(result)


def test_a_demonym_before_a_title_is_listed_as_the_country(corpus, corenlp_url):
    result = _extract("Japanese Prime Minister Sanae Takaichi met bankers in Osaka.", corpus, corenlp_url)
    assert ("japan", "Japanese", "demonym") in _linked(result)
    assert "sanae-takaichi" in {e for e, _, _ in _linked(result)}
    result = _extract("U.S. President Donald Trump met bankers in Osaka.", corpus, corenlp_url)
    assert ("united-states", "U.S.", "name") in _linked(result)


def test_a_common_noun_capitalised_inside_a_longer_title_is_no_mention(corpus, corenlp_url):
    text = "Officials signed the Framework on the Trade of Critical Minerals and Rare Earths in Lima."
    assert "critical-minerals" not in {e for e, _, _ in _linked(_extract(text, corpus, corenlp_url))}
    text = "Officials said critical minerals were scarce in Lima."
    assert "critical-minerals" in {e for e, _, _ in _linked(_extract(text, corpus, corenlp_url))}


@pytest.mark.parametrize(
    ("text", "entity", "wanted"),
    [
        ("President Trump spoke in Ohio on Monday. Later the president said tariffs would stay.", "donald-trump", True),
        (
            "President Trump spoke in Ohio on Monday. The president of Acme Corp said prices would rise.",
            "donald-trump",
            False,
        ),  # a president of something else
        ("The Supreme Court heard the case in May. The justices ruled on Friday.", "us-supreme-court", True),
        (
            "Lawyers argued for hours in Lima. The justices ruled on Friday.",
            "us-supreme-court",
            False,
        ),  # no court named
        ("Trump spoke in Ohio on Monday. The administration will raise duties on steel.", "united-states", True),
        ("Takaichi spoke in Osaka on Monday. The ruling party will pick its candidates in May.", "ldp", True),
        ("Japan held an election on Sunday. The ruling coalition kept its majority.", "ldp-coalition", True),
        ("Chile held an election on Sunday. The ruling party kept its majority.", "ldp", False),  # no party known
        ("Takaichi spoke in Osaka on Monday. A ruling party in Peru kept its majority.", "ldp", False),  # indefinite
    ],
)
def test_an_office_or_bench_stands_for_whoever_the_article_named_holding_it(corpus, corenlp_url, text, entity, wanted):
    result = _extract(text, corpus, corenlp_url)
    second = text.index(". ") + 2
    later = {m.entity for _, m in result.linked if m.start >= second and m.via == "coref"}
    assert (entity in later) is wanted, result.linked


def test_a_tariff_lowered_is_the_known_tariff_reduction_and_one_raised_is_not(corpus, corenlp_url):
    result = _extract("In May, Washington lowered its tariffs on Japanese cars.", corpus, corenlp_url)
    assert "us-tariff-reduction" in {e for e, _, _ in _linked(result)}
    result = _extract("In May, Washington raised its tariffs on Japanese cars.", corpus, corenlp_url)
    assert "us-tariff-reduction" not in {e for e, _, _ in _linked(result)}


def test_a_pronoun_possessor_picks_what_its_antecedent_owns(corpus, corenlp_url):
    result = _extract("Trump spoke in Ohio on Monday and praised his tariffs.", corpus, corenlp_url)
    assert "trump-tariffs" in {e for e, _, _ in _linked(result)}


def test_a_demonstrative_description_takes_its_antecedent(corpus, corenlp_url):
    text = "Takaichi will travel to Washington for the March summit. Aides are planning with that summit in mind."
    result = _extract(text, corpus, corenlp_url)
    second = text.index(". ") + 2
    assert "march-summit" in {m.entity for _, m in result.linked if m.start >= second}


def test_money_supplied_to_a_known_plan_is_pledged_with_its_deadline(corpus, corenlp_url):
    text = "Japan will provide $550 billion in loans and guarantees for American projects chosen before March 1, 2030."
    result = _extract(text, corpus, corenlp_url)
    claims = {(c.type, c.source, c.target): c for c in result.claims}
    claim = claims.get((RelType.PLEDGES, "japan", "us-investment-plan"))
    assert claim is not None, claims
    assert str(claim.due_by) == "2030-03-01"
    assert (RelType.SUPPLIES, "japan", "us-investment-plan") not in claims
    result = _extract("Chile will provide lithium to Japan.", corpus, corenlp_url)  # goods are still supplied
    assert RelType.SUPPLIES in {c.type for c in result.claims}


@pytest.mark.parametrize(("when", "due"), [("next January", "2027-01"), ("last January", None)])
def test_a_plan_to_begin_something_at_a_later_date_is_due_then(corpus, corenlp_url, when, due):
    text = f"Officials noted Chile's plan to begin the Atacama lithium trial near the coast {when}."
    result = _extract(text, corpus, corenlp_url, dt.date(2026, 2, 18))
    [claim] = [c for c in result.claims if c.type is RelType.PARTICIPATES_IN and c.source == "chile"]
    assert (str(claim.due_by) if claim.due_by else None) == due


def test_a_rate_the_article_gave_a_tariff_is_that_tariff_later(corpus, corenlp_url):
    text = "In May, Washington lowered its duty on Japanese wine to 12%. Importers said the 12% rate would help."
    result = _extract(text, corpus, corenlp_url)
    second = text.index(". ") + 2
    assert "us-tariff-reduction" in {m.entity for _, m in result.linked if m.start >= second}
    other = "In May, Washington lowered its duty on Japanese wine to 12%. Importers said the 30% rate would hurt."
    result = _extract(other, corpus, corenlp_url)
    assert "us-tariff-reduction" not in {m.entity for _, m in result.linked if m.start >= second}


def test_a_gerund_after_a_possessive_is_a_noun_owned_by_its_possessor(corpus, corenlp_url):
    # CoreNLP reads "ruling" as a verb with the court as its subject
    text = "Investors in Lima are waiting for the Supreme Court's ruling on the legality of the duties."
    result = _extract(text, corpus, corenlp_url)
    assert "tariff-ruling" in {e for e, _, _ in _linked(result)}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Ships left Minamitorishima, a remote coral island, on Monday.", True),  # apposition
        ("Ships reached a remote coral island also known as Minamitorishima on Monday.", True),  # known as
        ("Ships left Minamitorishima and a remote coral island on Monday.", False),  # two places
    ],
)
def test_a_noun_set_beside_a_known_name_describes_it(corpus, corenlp_url, text, wanted):
    result = _extract(text, corpus, corenlp_url)
    described = {(m.entity, m.text) for _, m in result.linked if m.via == "description"}
    assert (("minamitorishima", "a remote coral island") in described) is wanted, result.linked


def test_a_hyphenated_pair_of_countries_names_both(corpus, corenlp_url):
    result = _extract("Analysts praised the US-Japan deal in Lima.", corpus, corenlp_url)
    assert {"united-states", "japan"} <= {e for e, _, _ in _linked(result)}
    result = _extract("Analysts praised the US-made cars in Lima.", corpus, corenlp_url)
    assert "japan" not in {e for e, _, _ in _linked(result)}


def test_a_definite_plan_with_no_antecedent_is_the_plan_the_article_is_about(corpus, corenlp_url):
    text = (
        "Japan's $550 billion investment commitment is meant to fund American plants. "
        "Acme Holdings builds turbines in Ohio. Beta Corp makes cables in Texas. Gamma Inc sells pumps in Utah. "
        "Delta Ltd runs mines in Peru. Epsilon Co ships ore to Chile. Zeta AG owns ports in Spain. "
        "None of the proposals has been approved under the programme."
    )
    result = _extract(text, corpus, corenlp_url)
    last = text.rindex("None")
    assert "us-investment-plan" in {m.entity for _, m in result.linked if m.start >= last}
    text = text.replace("Japan's $550 billion investment commitment", "The port authority")
    result = _extract(text, corpus, corenlp_url)  # no plan named before: nothing to stand for
    assert "us-investment-plan" not in {m.entity for _, m in result.linked}


def test_a_country_before_a_plan_owns_it_like_a_possessor(corpus, corenlp_url):
    text = "Turbine makers in Ohio hope for orders from the Japan programme this year."
    result = _extract(text, corpus, corenlp_url)
    assert "us-investment-plan" in {e for e, _, _ in _linked(result)}


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Canada settled the first projects under its $2 bil. pledge on Monday.", 1),  # abbreviated unit mid-sentence
        ("Norway set aside 3 tril. yen for ports.", 1),
        ("The refinery cost $5 bil. Work began in May.", 2),  # the full stop ends the sentence too
    ],
)
def test_an_abbreviated_money_unit_does_not_end_the_sentence(corenlp_url, text, sentences):
    doc = annotate(text, url=corenlp_url, date=None)
    assert len(doc.sentences) == sentences, [text[s.start : s.end] for s in doc.sentences]
    assert doc.text == text and all(doc.text[t.start : t.end] == t.word for s in doc.sentences for t in s.tokens
                                    if t.word not in ("(", ")"))  # fmt: skip


def test_an_amount_in_abbreviated_units_is_read_whole(corpus, corenlp_url):
    result = _extract("Canada pledged $2 bil. to the Lakeview Refinery on Monday.", corpus, corenlp_url)
    money = [c.money.amount for c in result.claims if c.type is RelType.PLEDGES and c.money]
    assert money and float(money[0]) == 2e9, result.claims


def test_a_possessive_before_a_gerund_is_its_possessor(corpus, corenlp_url):
    # CoreNLP reads "the Supreme Court's ruling" as a gerund with a subject: its possessor too
    text = "Chile was waiting for the Supreme Court's ruling on the legality of the duties."
    doc = annotate(text, url=corenlp_url, date=None)
    s = doc.sentences[0]
    ruling = next(t.index for t in s.tokens if t.word == "ruling")
    court = next(t.index for t in s.tokens if t.word == "Court")
    assert court in s.out(ruling, "nmod:poss") and court in s.out(ruling, "nsubj")  # both readings
    result = _extract(text, corpus, corenlp_url)
    assert ("PARTICIPATES_IN", "us-supreme-court", "tariff-ruling") in {
        (c.type.value, c.source, c.target) for c in result.claims
    }
    # a subject after its gerund is still a subject
    doc = annotate("Ruling on Friday, the court struck the duties down.", url=corenlp_url, date=None)
    assert all(e.label != "nmod:poss" for e in doc.sentences[0].edges)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # the words before "Minister" are the ministry's domain: its minister heads it
        ("Energy and Water Minister Ana Ruiz met bankers in Lima. The Ministry of Energy and Water said so.", True),
        ("Ana Ruiz met bankers in Lima. The Ministry of Energy and Water said so.", False),  # no title
        ("Energy and Water Minister Ana Ruiz met bankers in Lima on Monday.", False),  # no ministry named
    ],
)
def test_a_minister_heads_the_ministry_his_title_names(corpus, corenlp_url, text, wanted):
    result = _extract(text, corpus, corenlp_url)
    leads = {(c.source, c.target) for c in result.claims if c.type is RelType.LEADS}
    names = {e.id: e.name for e in result.entities}
    found = any(names.get(s) == "Ana Ruiz" and "Energy and Water" in names.get(t, "") for s, t in leads)
    assert found is wanted, (leads, names)


def test_a_dateline_is_not_part_of_the_first_sentence(corpus, corenlp_url):
    text = "LIMA, March 3 (Reuters) - Chile and Peru signed a copper supply pact on Monday."
    doc = annotate(text, url=corenlp_url, date=None)
    assert [text[s.start : s.end] for s in doc.sentences][-1] == "Chile and Peru signed a copper supply pact on Monday."
    parties = {c.source for c in _extract(text, corpus, corenlp_url).claims if c.type is RelType.PARTICIPATES_IN}
    assert {"chile", "peru"} <= parties, parties
    # a capitalised word before a dash inside a paragraph is no dateline
    doc = annotate("Exports rose. Chile - the biggest producer - sold more.", url=corenlp_url, date=None)
    assert len(doc.sentences) == 2


def test_a_new_agreement_is_the_antecedent_of_its_head_several_sentences_on(corpus, corenlp_url):
    text = (
        "Chile and Peru signed a copper supply pact on Monday. The two governments met in Lima. "
        "Officials toured a mine. Prices rose. Miners cheered. Critics said the pact ignores water use."
    )
    result = _extract(text, corpus, corenlp_url)
    later = {m.entity for _, m in result.linked if m.start >= text.index("Critics")}
    assert later.isdisjoint(corpus.entities), later  # not the corpus's trade deal
    pact = next(e.id for e in result.entities if "pact" in e.name)
    refs = {m.text: m.entity for _, m in result.new_mentions}
    assert refs.get("the pact") == pact, refs


def test_a_project_whose_place_the_parse_gives_to_the_verb_is_still_placed(corpus, corenlp_url):
    result = _extract("The European Union will fund a refinery in Antofagasta.", corpus, corenlp_url)
    names = {e.name for e in result.entities}
    assert "refinery in Antofagasta" in names, names
    located = {(c.source, c.target) for c in result.claims if c.type is RelType.LOCATED_IN}
    assert any("refinery" in s and t == "antofagasta" for s, t in located), located
    assert not any("May" in n for n in {e.name for e in _extract("Acme Corp will build a plant in May.", corpus,
                                                                  corenlp_url).entities})  # fmt: skip


def test_an_acronym_of_a_name_the_article_gave_is_that_entity(corpus, corenlp_url):
    text = "The European Union signed the deal. Later, EU officials praised it in Brussels."
    result = _extract(text, corpus, corenlp_url)
    assert [e.id for e in result.entities if e.name in ("EU", "European Union")] == ["european-union"]
    assert ("EU", "european-union") in {(m.text, m.entity) for _, m in result.new_mentions}


@pytest.mark.parametrize(
    ("text", "entity", "wanted"),
    [
        # whose: a possessor the corpus does not know as the plan's owner
        ("South Korea will put $150 billion of its $350 billion investment pledge into a shipbuilding fund.",
         "us-investment-plan", False),
        ("South Korea will put $150 billion of its $350 billion investment pledge into a shipbuilding fund.",
         "first-tranche", False),
        ("Japan will put $50 billion of its $550 billion investment pledge into energy projects.",
         "us-investment-plan", True),
        # which country: a tariff on another country's goods
        ("The United States cut tariffs on Korean cars to 15% in October.", "us-tariff-reduction", False),
        ("The United States cut tariffs on Japanese cars to 15% in October.", "us-tariff-reduction", True),
        # when: a month other than the one the agreement's names give
        ("Under the agreement reached in October 2025, Seoul will invest more.", "us-japan-trade-deal-2025", False),
        ("Under the agreement reached in July 2025, Tokyo will invest more.", "us-japan-trade-deal-2025", True),
        # how much: an amount far from the one the corpus knows the plan by
        ("Japan announced a $5 billion investment pledge in Osaka.", "us-investment-plan", False),
    ],
)
def test_a_description_must_agree_with_what_the_corpus_knows(corpus, corenlp_url, text, entity, wanted):
    result = _extract(text, corpus, corenlp_url, dt.date(2025, 11, 4))
    assert (entity in {m.entity for _, m in result.linked}) is wanted, result.linked


def test_a_prepositions_object_read_as_a_clauses_subject_is_restored(corpus, corenlp_url):
    # "with Acme Holdings to build ...": CoreNLP reads a clause "with X to build" whose subject is X
    text = "Vale Corp signed a memorandum with Acme Holdings to build ore carriers."
    result = _extract(text, corpus, corenlp_url)
    [memo] = [e for e in result.entities if e.kind is Kind.AGREEMENT]
    assert memo.name == "memorandum with Acme Holdings"
    parties = {c.source for c in result.claims if c.type is RelType.PARTICIPATES_IN and c.target == memo.id}
    assert parties == {"vale-corp", "acme-holdings"}, result.claims
    doc = annotate("Washington lowered its duty in return for Tokyo's promise to invest.", url=corenlp_url, date=None)
    s = doc.sentences[0]
    back = next(t.index for t in s.tokens if t.word == "return")
    assert [s.tokens[i].word for i in s.out(back, "nmod:for")] == ["promise"]


def test_its_is_the_subject_of_its_clause_not_a_nouns_modifier(corpus, corenlp_url):
    text = "Japan is weighing a second set of US projects worth about $40 billion under its investment commitment."
    result = _extract(text, corpus, corenlp_url)
    linked = {(m.text, m.entity) for _, m in result.linked}
    assert ("its", "japan") in linked, linked
    # the plan, not its first tranche: of a whole and its part that fit equally, the whole; the
    # $40 billion before the phrase is the second set's, not the commitment's
    assert ("investment commitment", "us-investment-plan") in linked, linked


def test_the_administration_with_no_leader_named_is_left_alone(corpus, corenlp_url):
    text = "Tokyo welcomed the ruling on Monday. The administration is relying on other laws."
    result = _extract(text, corpus, corenlp_url)
    assert not [m for _, m in result.linked if m.text.lower() == "the administration"], result.linked


@pytest.mark.parametrize(
    ("text", "one"),
    [
        ("Acme said on Monday it would build ships. Acme Corp. employs 900 people in Ohio.", True),
        ("Hitachi said on Monday it would build ships. Hitachi Energy employs 900 people in Ohio.", False),
    ],
)
def test_a_company_named_without_its_legal_form_is_the_same_company(corpus, corenlp_url, text, one):
    result = _extract(text, corpus, corenlp_url)
    companies = [e for e in result.entities if e.kind is Kind.COMPANY]
    assert (len(companies) == 1) is one, [(e.id, e.name) for e in companies]


def test_a_shipyard_is_a_project(corpus, corenlp_url):
    result = _extract("Hanwha will expand a shipyard in Alabama next year.", corpus, corenlp_url)
    assert "shipyard in Alabama" in {e.name for e in result.entities}


def test_an_ordinal_part_of_a_plan_is_not_the_known_first_one(corpus, corenlp_url):
    text = "The first tranche was announced in February. Tokyo will not rush the second tranche of projects."
    result = _extract(text, corpus, corenlp_url)
    later = {m.entity for _, m in result.linked if m.start >= text.index("Tokyo will")}
    assert "first-tranche" not in later, result.linked
    assert "second tranche of projects" in {e.name for e in result.entities}


def test_a_possessive_before_a_role_is_an_actors(corpus, corenlp_url):
    text = "Chile has not set a timetable for the Lakeview Refinery. Its trade minister, Ana Ruiz, spoke on Monday."
    result = _extract(text, corpus, corenlp_url)
    its = [m.entity for _, m in result.linked + result.new_mentions if m.text == "Its"]
    assert its and all(e == "chile" for e in its), its


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Under a memorandum signed in September, Chile must fund projects within 45 days.",
         "memorandum signed in September"),  # dated by the participle that made it
        ("Under a memorandum, Chile must fund projects within 45 days.", None),  # nothing says which
        ("Under a memorandum signed by both sides, Chile must fund projects within 45 days.", None),
    ],
)
def test_an_agreement_dated_by_its_signing_is_an_entity(corpus, corenlp_url, text, name):
    result = _extract(text, corpus, corenlp_url, dt.date(2026, 2, 18))
    assert [e.name for e in result.entities if e.kind is Kind.AGREEMENT] == ([name] if name else [])


def test_a_new_countrys_capital_and_demonym_stand_for_it_as_a_known_countrys_do(corpus, corenlp_url):
    # a capital as a clause's subject, a demonym before a leader's title, "<demonym> officials":
    # for countries the article names and the corpus does not know (Peru, Chile)
    text = (
        "Chile and Peru signed a copper supply pact on Monday. The two governments met in Lima. "
        "Lima will fund a refinery in Arequipa, and Peruvian President Dina Boluarte praised the pact. "
        "Chilean officials welcomed it; Chilean exporters did too."
    )
    result = _extract(text, corpus, corenlp_url)
    claims = {(c.type, c.source, c.target) for c in result.claims}
    assert (RelType.PLEDGES, "peru", "refinery-in-arequipa") in claims, claims
    assert (RelType.LEADS, "dina-boluarte", "peru") in claims, claims
    # "met in Lima": where a capital is a place, it stays one
    assert {e.id: e.kind for e in result.entities}.get("lima") is Kind.PLACE
    stand_ins = {(m.text, m.entity, m.start) for _, m in result.new_mentions if m.via in ("capital", "demonym")}
    assert ("Lima", "peru", text.index("Lima will")) in stand_ins, stand_ins
    assert ("Lima", "peru", text.index("Lima.")) not in stand_ins
    assert ("Chilean", "chile", text.index("Chilean officials")) in stand_ins, stand_ins
    assert ("Chilean", "chile", text.index("Chilean exporters")) not in stand_ins  # firms, not the state


def test_a_capital_or_demonym_stands_for_no_country_the_article_does_not_name(corpus, corenlp_url):
    text = "Lima will fund a refinery in Arequipa. Santiago Pena, a Chilean-born investor, met bankers."
    result = _extract(text, corpus, corenlp_url)
    assert not {e.id for e in result.entities} & {"peru", "chile"}
    assert not [m for _, m in result.new_mentions if m.via in ("capital", "demonym")]


def test_a_public_bodys_acronym_is_an_organisation_not_a_company(corpus, corenlp_url):
    # NER tags "the IMF" ORGANIZATION as it tags a firm; a firm it stays for other names
    text = "The IMF said tariffs would slow growth. The WTO ruled against them. Zentrix Corp said sales fell."
    kinds = {e.name: e.kind for e in _extract(text, corpus, corenlp_url).entities}
    assert kinds.get("IMF") is Kind.ORGANIZATION and kinds.get("WTO") is Kind.ORGANIZATION, kinds
    assert kinds.get("Zentrix Corp") is Kind.COMPANY, kinds


def test_an_agreement_made_by_a_state_that_is_no_party_to_the_known_one_is_new(corpus, corenlp_url):
    # the subject of "sign", "reach", "strike" ... makes the agreement: a bloc the corpus does not
    # tie to the US-Japan deal signs another one
    result = _extract("The European Union signed a trade deal with Washington in July.", corpus, corenlp_url)
    assert "us-japan-trade-deal-2025" not in {m.entity for _, m in result.linked}
    parties = {c.source for c in result.claims if c.type is RelType.PARTICIPATES_IN and c.target == "trade-deal"}
    assert "european-union" in parties, result.claims
    # its parties signing it: still the known deal
    result = _extract("Japan and the United States signed a trade deal in July.", corpus, corenlp_url)
    assert "us-japan-trade-deal-2025" in {m.entity for _, m in result.linked}


def test_a_demonym_before_a_leaders_title_names_the_country_the_title_is_of(corpus, corenlp_url):
    # "<demonym> <title> <name>" for a country the article does not name: the country, and the
    # leader leads it; the demonym hangs on the name ("Merz amod German") or on the title
    text = (
        "French President Emmanuel Macron criticised the deal, and German Chancellor Friedrich Merz "
        "said it would hurt German exporters."
    )
    result = _extract(text, corpus, corenlp_url)
    assert {e.id: e.kind for e in result.entities if e.kind is Kind.COUNTRY} == {
        "france": Kind.COUNTRY,
        "germany": Kind.COUNTRY,
    }
    leads = {(c.source, c.target) for c in result.claims if c.type is RelType.LEADS}
    assert {("emmanuel-macron", "france"), ("friedrich-merz", "germany")} <= leads, leads
    # a demonym before no title and name names no country
    result = _extract("The French government and German carmakers objected to the tariffs.", corpus, corenlp_url)
    assert not [e for e in result.entities if e.kind is Kind.COUNTRY]


def test_a_states_possessed_agreement_has_it_as_a_party(corpus, corenlp_url):
    # "A's pact with B": both are parties (the possessor through the possessive row)
    result = _extract("Chile's copper pact with Peru took effect on Thursday.", corpus, corenlp_url)
    parties = {c.source for c in result.claims if c.type is RelType.PARTICIPATES_IN and c.target == "copper-pact"}
    assert parties == {"chile", "peru"}, result.claims
