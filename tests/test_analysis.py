"""Analyst lookups (path, ledger, timeline, --as-of, conflicts, rank, communities) on both stores,
with the same answers from each.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from dealgraph.analysis_output import as_json
from dealgraph.cli import cli
from dealgraph.graph.model import RelType
from dealgraph.queries import analysis


@pytest.fixture(params=["embedded", "neo4j"])
def store(request):
    if request.param == "embedded":
        made = request.getfixturevalue("loaded_store")
        yield made
        made.close()
    else:
        yield request.getfixturevalue("neo4j_corpus")


def test_path_from_softbank_to_the_supreme_court_runs_through_the_tranche_and_the_plan(store):
    result = analysis.path(store, "softbank", "supreme court")
    assert result.start.id == "softbank-group" and result.end.id == "us-supreme-court"
    assert result.paths, "no path found"
    for steps in result.paths:
        visited = [s.target.id if s.forward else s.source.id for s in steps]
        assert visited[-1] == "us-supreme-court"
        assert "first-tranche" in visited and "us-investment-plan" in visited and "tariff-ruling" in visited
        assert all(s.evidence for s in steps)
    # Both articles state the gas plants' place in the tranche: one path per account.
    assert sorted(
        s.claim for p in result.paths for s in p if s.type == "PART_OF" and s.source.id == "gas-power-plants"
    ) == [
        "gas-power-plants-part-of-first-tranche-000",
        "gas-power-plants-part-of-first-tranche-001",
    ]


def test_paths_through_countries_only_when_asked(store):
    short = analysis.path(store, "softbank", "supreme court", through_countries=True)
    assert {len(p) for p in short.paths} == {3}
    assert any("united-states" in {s.source.id for s in p} | {s.target.id for s in p} for p in short.paths)


def test_no_path_within_the_hops(store):
    result = analysis.path(store, "softbank", "supreme court", max_hops=2)
    assert result.paths == []


def test_path_by_type(store):
    result = analysis.path(store, "softbank", "tariff ruling", types=[RelType.PARTICIPATES_IN, RelType.PART_OF])
    assert result.paths == []
    result = analysis.path(
        store, "softbank", "tariff ruling", types=[RelType.PARTICIPATES_IN, RelType.PART_OF, RelType.DEPENDS_ON]
    )
    assert {len(p) for p in result.paths} == {4}


def test_ledger_japan_us(store):
    led = analysis.ledger(store, "japan", "us")
    gives = {i.claim: i for i in led.a_gives}
    assert gives["japan-pledges-us-investment-plan"].counted
    assert gives["japan-pledges-us-investment-plan"].money["usd"] == 550e9
    assert gives["japan-pledges-first-tranche-000"].why_not_counted == "part of us-investment-plan, already counted"
    assert gives["japan-pledges-first-tranche-001"].why_not_counted == "another source's account of the same item"
    assert led.totals["a_gives"] == {"USD": 550e9}
    assert {i.claim for i in led.b_gives} >= {
        "united-states-pledges-us-tariff-reduction",
        "us-financial-authorities-offers-currency-intervention",
        "donald-trump-supports-sanae-takaichi",
    }
    assert {i.what.id for i in led.b_demands} >= {
        "japan-defense-spending",
        "us-farm-market-access",
        "us-nuclear-plants",
    }
    assert led.totals["b_demands"] == {"JPY": 10e12}
    assert led.a_demands == []
    assert ("us-investment-plan", "us-tariff-reduction") in {(x.id, y.id) for x, y, _ in led.exchanges}
    statuses = {i.claim: i.status for i in led.a_gives + led.b_gives}
    assert statuses["japan-pledges-us-investment-plan"] == "agreed"
    assert statuses["japan-pledges-first-tranche-000"] == "delayed"


def test_timeline_shows_the_three_due_dates_of_the_first_tranche_in_order(store):
    events = [e for e in analysis.timeline(store, "first tranche") if e.claim == "japan-pledges-first-tranche-000"]
    assert [(str(e.date), e.what, e.step) for e in events] == [
        ("2025-12", "due", 1),
        ("2026-01", "due (moved)", 2),
        ("2026-02", "due (moved)", 3),
    ]
    assert all(e.evidence for e in events)
    everything = analysis.timeline(store)
    assert [e.date.start for e in everything] == sorted(e.date.start for e in everything)


def test_as_of_shows_the_first_tranche_due_at_the_end_of_2025(store):
    events = analysis.timeline(store, "first tranche", day=dt.date(2025, 11, 1))
    tranche = [e for e in events if e.claim == "japan-pledges-first-tranche-000"]
    assert [(str(e.date), e.step) for e in tranche] == [("2025-12", 1)]
    claim = store.read().claims["japan-pledges-first-tranche-000"]
    assert analysis.due_as_of(claim, dt.date(2025, 11, 1)).due_by.start == dt.date(2025, 12, 1)
    assert str(analysis.due_as_of(claim, dt.date(2026, 1, 15)).due_by) == "2026-01"
    assert str(analysis.due_as_of(claim, dt.date(2026, 6, 1)).due_by) == "2026-02"


def test_as_of_leaves_out_what_was_not_yet_in_force(store):
    before = analysis.ledger(store, "japan", "us", day=dt.date(2025, 6, 1))
    after = analysis.ledger(store, "japan", "us", day=dt.date(2025, 8, 1))
    assert "japan-pledges-us-investment-plan" not in {i.claim for i in before.a_gives}  # valid from 2025-07
    assert "japan-pledges-us-investment-plan" in {i.claim for i in after.a_gives}


def test_conflicts_list_the_differences_between_the_articles(store):
    found = {(c.source.id, c.type, c.target.id): c for c in analysis.conflicts(store)}
    assert found[("synthetic-diamonds", "PART_OF", "first-tranche")].fields == ("wording",)
    assert found[("gas-power-plants", "PART_OF", "first-tranche")].fields == ("wording",)
    tranche = found[("japan", "PLEDGES", "first-tranche")]
    assert tranche.fields == ("money",)
    accounts = {a["claim"]: a for a in tranche.claims}
    assert accounts["japan-pledges-first-tranche-000"]["money"]["qualifier"] == "about"
    assert accounts["japan-pledges-first-tranche-001"]["money"]["qualifier"] == "more_than"
    for conflict in found.values():
        assert len({tuple(a["documents"]) for a in conflict.claims}) >= 2  # two sources, side by side


def test_rank_and_communities(store, corpus):
    top = analysis.rank(store, by="degree", top=3)
    assert [(r.entity.id, r.score) for r in top][:1] == [("united-states", 16.0)]
    pagerank = analysis.rank(store, by="pagerank", top=len(corpus.entities))
    assert abs(sum(r.score for r in pagerank) - 1.0) < 1e-4
    between = analysis.rank(store, by="betweenness", top=2)
    assert between[0].score >= between[1].score
    groups = analysis.communities(store)
    members = [e.id for g in groups for e in g]
    assert sorted(members) == sorted(corpus.entities)  # a partition: each entity once


def test_answers_are_the_same_on_both_stores(loaded_store, neo4j_corpus):
    for ask in (
        lambda s: analysis.path(s, "softbank", "supreme court"),
        lambda s: analysis.ledger(s, "japan", "us"),
        lambda s: analysis.ledger(s, "japan", "us", day=dt.date(2025, 11, 1)),
        lambda s: analysis.timeline(s),
        lambda s: analysis.timeline(s, day=dt.date(2025, 11, 1)),
        analysis.conflicts,
        lambda s: analysis.rank(s, by="pagerank"),
        analysis.communities,
    ):
        assert as_json(ask(loaded_store)) == as_json(ask(neo4j_corpus))
    loaded_store.close()


def test_cli_answers(invoke):
    result = invoke("path", "softbank", "supreme court")
    assert result.exit_code == 0
    assert result.output.startswith(
        "2 shortest paths of 5 hops from SoftBank Group (softbank-group) to Supreme Court of the United States "
        "(us-supreme-court)\n"
    )
    none = invoke("path", "softbank", "supreme court", "--max-hops", "2")
    assert none.output == (
        "no path within 2 hops between SoftBank Group (softbank-group) and Supreme Court of the United States "
        "(us-supreme-court)\n"
    )
    led = invoke("ledger", "japan", "us")
    assert "What Japan gives United States:" in led.output and "total: USD 550 bn" in led.output
    assert "Japan's $550 billion US investment and financing plan ⇄ US tariff reduction on Japanese goods" in led.output
    timeline = invoke("timeline", "first tranche", "--as-of", "2025-11-01")
    assert timeline.output.startswith("As of 2025-11-01: claims not yet in force are left out.")
    assert "2026-01" not in timeline.output.split("Japan PLEDGES")[0]
    data = json.loads(invoke("conflicts", "--format", "json").output)
    assert {(c["source"]["id"], c["type"], c["target"]["id"]) for c in data} >= {
        ("synthetic-diamonds", "PART_OF", "first-tranche")
    }
    ranked = invoke("rank", "--by", "degree", "--top", "2")
    assert ranked.output.splitlines()[0] == analysis.MEASURES["degree"]
    assert "United States" in ranked.output.splitlines()[2]
    assert invoke("communities").output.startswith("Communities: groups of entities")
    bad = invoke("timeline", "--as-of", "2025-13-01")
    assert bad.exit_code == 2


def test_unknown_measure_is_a_clear_error(store):
    with pytest.raises(Exception, match="unknown measure 'fame'; choose from pagerank, betweenness, degree"):
        analysis.rank(store, by="fame")


def test_help_lists_the_analyst_commands():
    out = CliRunner().invoke(cli, ["--help"]).output
    for command in ("path", "ledger", "timeline", "conflicts", "rank", "communities", "viz"):
        assert f"  {command} " in out


def test_actor_as_of(store):
    from dealgraph.queries import lookups

    then = lookups.actor(store, "japan", day=dt.date(2025, 11, 1))
    tranche = {t.claim: t for t in then.ties}["japan-pledges-first-tranche-000"]
    assert (tranche.fields["due_by"], tranche.fields["due_by_precision"]) == (dt.date(2025, 12, 1), "month")
    assert tranche.fields["due_history"] is None  # it had not moved yet
    later = {t.claim: t for t in lookups.actor(store, "japan", day=dt.date(2026, 1, 20)).ties}
    assert json.loads(later["japan-pledges-first-tranche-000"].fields["due_history"])[-1]["due_by"] == "2026-01"
    before = {t.claim for t in lookups.actor(store, "japan", day=dt.date(2025, 6, 1)).ties}
    assert "japan-pledges-us-investment-plan" not in before  # in force from July 2025
    now = {t.claim for t in lookups.actor(store, "japan").ties}
    assert "japan-pledges-us-investment-plan" in now


def test_actor_as_of_on_the_cli(invoke):
    result = invoke("actor", "japan", "--as-of", "2025-11-01")
    assert result.output.startswith("As of 2025-11-01: relationships not yet in force are left out;")
    assert "due 2025-12 · delayed" in result.output


def test_walked_paths_equal_paths_over_the_whole_graph(loaded_store, corpus):
    # path() fetches the graph around the walk, level by level; it must find exactly what a
    # search over the whole graph finds.
    from dealgraph.graph.model import Kind

    ids = sorted(corpus.entities)
    countries = {i for i, e in corpus.entities.items() if e.kind is Kind.COUNTRY}
    compared = 0
    for a in ids[::3]:
        for b in ids[1::4]:
            walked = analysis.path(loaded_store, a, b)
            whole, _ = analysis.shortest_paths(corpus, list(corpus.claims.values()), a, b, 6, countries - {a, b})
            assert [[s.claim for s in p] for p in walked.paths] == [[s.claim for s in p] for p in whole], (a, b)
            compared += bool(whole)
    loaded_store.close()
    assert compared > 50
