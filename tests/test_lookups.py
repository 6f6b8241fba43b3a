"""The questions the foundation must answer from the bundled corpus (issue acceptance)."""

from __future__ import annotations

import json

import pytest

from dealgraph.errors import NotFoundError
from dealgraph.graph.model import RelType
from dealgraph.queries import lookups

JAPAN_DOCS = {"000_b1e3e52c24c235de.txt", "001_ee9c060fe19d7241.txt"}


def test_what_japan_pledges_and_in_exchange_for_what(loaded_store):
    _, ties = lookups.pledges(loaded_store, "Japan")
    by_target = {}
    for t in ties:
        if t.source.id == "japan":
            by_target.setdefault(t.target.id, []).append(t)
    plan = by_target["us-investment-plan"][0].fields
    assert (plan["amount"], plan["currency"], plan["usd"]) == (550e9, "USD", 550e9)
    assert plan["counterparty"] == "united-states"
    assert set(plan["evidence_docs"]) == JAPAN_DOCS

    exchange = lookups.claims(loaded_store, type=RelType.IN_EXCHANGE_FOR, name="us-investment-plan")
    assert sorted((t.source.id, t.target.id) for t in exchange) == [
        ("us-investment-plan", "us-political-backing"),  # what Tokyo means to buy (its calculus)
        ("us-investment-plan", "us-security-commitment"),
        ("us-investment-plan", "us-tariff-reduction"),  # the deal's own terms
    ]
    tariff_pledges = [t for t in ties if t.target.id == "us-tariff-reduction"]
    assert [(t.source.id, t.fields["counterparty"]) for t in tariff_pledges] == [("united-states", "japan")]


def test_first_tranche_with_its_three_projects_and_amounts(loaded_store):
    report = lookups.actor(loaded_store, "first tranche")
    parts = {t.source.id for t in report.ties if t.type == "PART_OF" and t.direction == "in"}
    assert parts == {"gas-power-plants", "crude-oil-port", "synthetic-diamonds"}
    pledged = [t.fields for t in report.ties if t.type == "PLEDGES" and t.source.id == "japan"]
    amounts = sorted((f["amount"], f["currency"], f["qualifier"], f["usd"]) for f in pledged)
    assert amounts == [(6e12, "JPY", "about", 55e9), (6e12, "JPY", "more_than", None)]
    assert {t.target.id for t in report.ties if t.type == "PART_OF" and t.direction == "out"} == {"us-investment-plan"}


def test_both_wordings_of_a_project_are_kept_with_their_own_evidence(loaded_store):
    ties = lookups.claims(loaded_store, type=RelType.PART_OF, name="synthetic diamonds")
    docs = sorted(tuple(t.fields["evidence_docs"]) for t in ties if t.target.id == "first-tranche")
    assert docs == [("000_b1e3e52c24c235de.txt",), ("001_ee9c060fe19d7241.txt",)]
    quotes = " ".join(q for t in ties for q in t.fields["evidence_quotes"])
    assert "artificial diamonds" in quotes and "synthetic diamond" in quotes


def test_at_least_three_us_demands_of_japan(loaded_store):
    _, ties = lookups.demands(loaded_store, "United States")
    of_japan = {t.target.id for t in ties if t.source.id == "united-states" and t.fields["counterparty"] == "japan"}
    assert {"japan-defense-spending", "us-nuclear-plants", "us-farm-market-access"} <= of_japan
    nuclear = sorted(
        (t.fields["qualifier"], t.fields["amount"], t.fields["currency"])
        for t in ties
        if t.target.id == "us-nuclear-plants"
    )
    assert nuclear == [("exact", 10e12, "JPY"), ("up_to", 10e12, "JPY")]


def test_softbank_participation_and_what_the_plants_power(loaded_store):
    report = lookups.actor(loaded_store, "SoftBank")
    assert [(t.type, t.target.id) for t in report.ties if t.type == "PARTICIPATES_IN"] == [
        ("PARTICIPATES_IN", "gas-power-plants")
    ]
    plants = lookups.actor(loaded_store, "gas-power-plants")
    assert ("SUPPLIES", "ai-data-centers") in {(t.type, t.target.id) for t in plants.ties if t.direction == "out"}
    _, people = lookups.participants(loaded_store, "first-tranche")
    assert "softbank-group" in {t.source.id for t in people}


def test_first_tranche_deadline_history_has_three_dates(loaded_store):
    ties = lookups.claims(loaded_store, type=RelType.PLEDGES, name="first-tranche")
    japan = [t for t in ties if t.source.id == "japan"]
    assert len(japan) == 2
    for t in japan:
        history = json.loads(t.fields["due_history"])
        assert [h["due_by"] for h in history] == ["2025-12", "2026-01", "2026-02"]
        assert all(h["evidence"] for h in history)
        assert t.fields["status"] == "delayed"
    assurance = [t for t in ties if t.source.id == "howard-lutnick"]
    assert [(t.fields["counterparty"], t.fields["due_by"].isoformat()) for t in assurance] == [
        ("donald-trump", "2025-12-01")
    ]


def test_rare_earth_supply_links_and_dependence_on_china(loaded_store):
    _, ties = lookups.supply(loaded_store, "rare earths")
    links = {(t.source.id, t.type, t.target.id) for t in ties}
    assert ("china", "SUPPLIES", "rare-earths") in links
    assert ("japan", "DEPENDS_ON", "china") in links
    assert ("minamitorishima", "SUPPLIES", "rare-earths") in links
    offer = lookups.claims(loaded_store, type=RelType.OFFERS, name="japan")
    assert ("minamitorishima-rare-earth-development", "united-states") in {
        (t.target.id, t.fields["counterparty"]) for t in offer
    }
    place = lookups.actor(loaded_store, "南鸟岛")
    assert place.entity["id"] == "minamitorishima"


def test_who_analysed_what(loaded_store):
    ties = lookups.claims(loaded_store, type=RelType.ANALYZES)
    pairs = {(t.source.id, t.target.id) for t in ties}
    assert ("meng-xiaoxu", "minamitorishima-rare-earth-development") in pairs
    # Meng's projections are his analysis, not facts; the court's review is not an analysis.
    assert {("meng-xiaoxu", "united-states"), ("meng-xiaoxu", "japan-bargaining-chip")} <= pairs
    assert {t.source.id for t in ties} == {"meng-xiaoxu"}
    assert all(t.fields["note"] for t in ties)  # what he said, in our words
    assert lookups.resolve(loaded_store, "孟晓旭").id == "meng-xiaoxu"
    meng = lookups.actor(loaded_store, "Meng Xiaoxu")
    assert ("AFFILIATED_WITH", "cass") in {(t.type, t.target.id) for t in meng.ties}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("高市早苗", "sanae-takaichi"),
        ("takaichi", "sanae-takaichi"),
        ("Sanae Takaichi", "sanae-takaichi"),
        ("SANAE TAKAICHI", "sanae-takaichi"),
        ("卢特尼克", "howard-lutnick"),
        ("U.S.", "united-states"),
        ("Minamitorishima", "minamitorishima"),
        ("White House", "united-states"),  # its government, as "Washington" is
        ("Trump administration", "united-states"),
        ("Japanese Prime Minister Sanae Takaichi", "sanae-takaichi"),  # as article 000 names her
        ("critical minerals", "critical-minerals"),  # article 001's term
        ("Takaichi Sanae", "sanae-takaichi"),  # family name first
        ("Xiaoxu Meng", "meng-xiaoxu"),  # given name first, for a name the corpus writes family name first
    ],
)
def test_names_resolve_in_any_script_and_case(loaded_store, name, expected):
    assert lookups.resolve(loaded_store, name).id == expected


def test_unknown_name_suggests_close_ones(loaded_store):
    with pytest.raises(NotFoundError) as info:
        lookups.resolve(loaded_store, "Takaichy")
    assert str(info.value) == "no entity named 'Takaichy'; did you mean 'Sanae Takaichi' (sanae-takaichi)?"
    assert info.value.suggestions == ["sanae-takaichi"]


def test_an_id_wins_over_an_alias_and_a_shared_name_is_ambiguous(tmp_path):
    from dealgraph.graph.dataset import Dataset
    from dealgraph.graph.embedded import EmbeddedStore
    from dealgraph.graph.model import Entity, Kind

    store = EmbeddedStore(tmp_path / "s")
    store.load(
        Dataset.of(
            [
                Entity(id="georgia", kind=Kind.COUNTRY, name="Georgia"),
                Entity(id="us-georgia", kind=Kind.PLACE, name="State of Georgia", aliases=("Georgia", "GA")),
                Entity(id="united-states", kind=Kind.COUNTRY, name="USA", aliases=("US", "Washington")),
                Entity(id="washington", kind=Kind.PLACE, name="Washington"),
            ],
            [],
        )
    )
    assert lookups.resolve(store, "georgia").id == "georgia"  # the id; "Georgia" is also an alias
    assert lookups.resolve(store, "washington").id == "washington"  # the id, typed as one
    with pytest.raises(NotFoundError, match=r"'Washington' is ambiguous: USA \(united-states\), Washington"):
        lookups.resolve(store, "Washington")  # a name and an alias: spelt like an id is no tie-break
    with pytest.raises(NotFoundError, match="'Georgia' is ambiguous"):
        lookups.resolve(store, "Georgia")
    assert lookups.resolve(store, "United States").id == "united-states"  # no name or alias; spelt like the id
    assert lookups.resolve(store, "GA").id == "us-georgia"  # an alias, through the name keys
    with pytest.raises(NotFoundError, match="no entity named 'georgia state'"):
        lookups.resolve(store, "georgia state")


def test_a_capital_or_demonym_finds_a_country_the_store_holds_under_any_of_its_names(tmp_path):
    from dealgraph.graph.dataset import Dataset
    from dealgraph.graph.embedded import EmbeddedStore
    from dealgraph.graph.model import Entity, Kind

    countries = [
        Entity(id="korea", kind=Kind.COUNTRY, name="South Korea"),
        Entity(id="uk", kind=Kind.COUNTRY, name="Britain"),  # the table's "United Kingdom"
    ]
    store = EmbeddedStore(tmp_path / "store")
    store.load(Dataset.of(countries, []))
    try:
        found = {name: lookups.resolve(store, name).id for name in ("Seoul", "South Korean", "London", "British")}
        assert found == {"Seoul": "korea", "South Korean": "korea", "London": "uk", "British": "uk"}
        with pytest.raises(NotFoundError):
            lookups.resolve(store, "Paris")  # France's capital; the store has no France
    finally:
        store.close()
