"""One contract, run on every store: the same load gives the same graph and the same answers.

Every test taking ``store`` runs on the embedded LadybugDB store and on the real Neo4j server
the test command starts; ``test_every_named_query_answers_the_same_on_both_stores`` compares
the two row by row.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dealgraph.errors import QueryError, StoreError
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.embedded import EmbeddedStore
from dealgraph.graph.model import Claim, Entity, Evidence, Kind, RelType
from dealgraph.graph.store import Store
from dealgraph.queries import lookups, named


def embedded(request: pytest.FixtureRequest) -> Store:
    return EmbeddedStore(request.getfixturevalue("tmp_path") / "embedded")


def neo4j(request: pytest.FixtureRequest) -> Store:
    return request.getfixturevalue("neo4j_store")  # emptied before each test


STORES = {"embedded": embedded, "neo4j": neo4j}


@pytest.fixture(params=sorted(STORES))
def store(request):
    made = STORES[request.param](request)
    yield made
    made.close()


def test_is_a_store(store):
    assert isinstance(store, Store)


def test_load_then_read_gives_the_same_dataset(store, corpus):
    change = store.load(corpus)
    assert len(change.added_claims) == len(corpus.claims)
    assert store.read() == corpus
    assert store.load(corpus).empty


def test_counts_match_the_dataset(store, corpus):
    store.load(corpus)
    s = lookups.stats(store)
    assert s.kinds == {k.value: n for k, n in sorted(corpus.kind_counts().items(), key=lambda x: x[0].value)}
    assert s.types == {t.value: n for t, n in sorted(corpus.type_counts().items(), key=lambda x: x[0].value)}
    assert sum(s.evidence.values()) == sum(len(c.evidence) for c in corpus.claims.values())


def test_properties_have_store_types(store, corpus):
    store.load(corpus)
    row = store.query(
        "MATCH (a)-[r:PLEDGES]->(b) WHERE r.id = $id RETURN r.amount AS amount, r.due_by AS due, "
        "r.due_by_precision AS precision, r.evidence_docs AS docs",
        {"id": "japan-pledges-first-tranche-000"},
    ).records()
    assert row == [
        {"amount": 6e12, "due": dt.date(2026, 2, 1), "precision": "month", "docs": ["000_b1e3e52c24c235de.txt"]}
    ]


#: Rows each named query answers on the corpus (for Japan, SoftBank and two of Japan's claims;
#: ``participants`` for the investment plan, ``counterparty_country`` for the United States,
#: ``supply`` for rare earths).
#: The queries for one kind of entity (``actor_company``…) answer as their generic forms do.
ANSWERS = {
    "resolve": 1,
    "resolve_id": 1,
    "all_names": 50,
    "entity": 1,
    "actor": 29,
    "counterparty_links": 9,
    "pledges": 4,
    "demands": 7,
    "supply": 6,
    "participants": 1,
    "claims": 29,
    "node_counts": 12,
    "rel_counts": 15,
    "evidence_counts": 2,
    "incident": 22,
    "links": 22,
    "neighbours": 22,
    "neighbours_dated": 22,
    "link_details": 1,
    "sides": 5,
    "given": 7,
    "entities": 2,
    "refs": 2,
    "entity_country": 1,
    "entities_country": 1,
    "incident_country": 20,
    "actor_country": 20,
    "counterparty_country": 6,
    "links_country": 20,
    "sides_country": 5,
    "given_country": 7,
}
OTHER_ENTITY = {"participants": "us-investment-plan", "counterparty_country": "united-states", "supply": "rare-earths"}


def test_every_named_query_runs_and_answers(store, corpus, named_params):
    store.load(corpus)
    answered = {}
    for query in named.ALL:
        result = store.query(query.cypher, named_params(query, OTHER_ENTITY.get(query.name, "japan")))
        assert result.columns and all(len(row) == len(result.columns) for row in result.rows), query.name
        if query.name in ANSWERS:
            answered[query.name] = len(result.rows)
    assert answered == ANSWERS  # each answers, with as many rows as the corpus holds


def test_writes_are_refused_unless_asked(store, corpus):
    store.load(corpus)
    with pytest.raises(QueryError, match="pass --write"):
        store.query("MATCH (n:Country) WHERE n.id = 'japan' SET n.name = 'x'")
    store.query("MATCH (n:Country) WHERE n.id = $id SET n.name = $name", {"id": "japan", "name": "x"}, write=True)
    assert store.query("MATCH (n:Country) WHERE n.id = 'japan' RETURN n.name AS n").rows == [["x"]]


def test_a_failed_load_leaves_the_store_as_it_was(store, corpus):
    store.load(corpus)
    before = store.read()
    # A dataset that skipped validation: LOCATED_IN may not join a Mineral to a Leader,
    # so the store fails part-way through writing it.
    bad = Dataset.of(
        [*corpus.entities.values(), Entity(id="zz-extra", kind=Kind.POLICY, name="Extra")],
        [
            *corpus.claims.values(),
            Claim.model_construct(
                id="zz-bad",
                type=RelType.LOCATED_IN,
                source="rare-earths",
                target="donald-trump",
                counterparty=None,
                evidence=[Evidence(doc="000_b1e3e52c24c235de.txt", quote="x")],
                money=None,
                stated_on=None,
                due_by=None,
                valid_from=None,
                valid_to=None,
                status=None,
                due_history=[],
                confidence=1.0,
                note=None,
            ),
        ],
    )
    with pytest.raises(StoreError, match="failed and was rolled back"):
        store.load(bad)
    assert store.read() == before


def test_unknown_store_version_is_named(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "s")
    store.load(corpus)
    store.close()
    (store.current_generation() / "schema.sha256").write_text("something-else\n")
    with pytest.raises(StoreError, match="built by another version of dealgraph; run `dealgraph load`"):
        EmbeddedStore(tmp_path / "s").query("RETURN 1")
    rebuilt = EmbeddedStore(tmp_path / "s")
    rebuilt.load(corpus)
    assert rebuilt.read() == corpus


def _without(data: Dataset, *, entities: set[str] = frozenset(), claims: set[str] = frozenset()) -> Dataset:
    kept = [e for e in data.entities.values() if e.id not in entities]
    return Dataset.of(
        kept,
        [
            c
            for c in data.claims.values()
            if c.id not in claims and c.source not in entities and c.target not in entities
        ],
    )


def _holds_then_restore(store: Store, expected: Dataset, corpus: Dataset) -> None:
    assert store.read() == expected
    assert lookups.stats(store).types == {
        t.value: n for t, n in sorted(expected.type_counts().items(), key=lambda x: x[0].value)
    }
    store.load(corpus)
    assert store.read() == corpus


def test_the_store_mirrors_the_sources_on_reload(store, corpus):
    store.load(corpus)
    smaller = _without(corpus, entities={"softbank-group"}, claims={"japan-pledges-first-tranche-000"})
    change = store.load(smaller)
    assert "softbank-group" in change.removed_entities
    assert "japan-pledges-first-tranche-000" in change.removed_claims
    _holds_then_restore(store, smaller, corpus)


def test_changed_kind_type_and_ends_are_rewritten(store, corpus):
    store.load(corpus)
    claim = corpus.claims["japan-pledges-first-tranche-000"]
    moved = claim.model_copy(update={"source": "united-states", "note": "moved for the test"})
    retyped = corpus.claims["japan-offers-minamitorishima-rare-earth-development"].model_copy(
        update={"type": RelType.DEMANDS}
    )
    entity = corpus.entities["softbank-group"].model_copy(update={"kind": Kind.ORGANIZATION})
    changed = Dataset.of(
        [*(e for e in corpus.entities.values() if e.id != "softbank-group"), entity],
        [*(c for c in corpus.claims.values() if c.id not in {moved.id, retyped.id}), moved, retyped],
    )
    change = store.load(changed)
    assert change.updated_entities == ["softbank-group"]
    assert sorted(change.updated_claims) == sorted([moved.id, retyped.id])
    _holds_then_restore(store, changed, corpus)


def test_a_load_naming_a_missing_entity_fails_and_changes_nothing(store, corpus):
    store.load(corpus)
    before = store.read()
    claim = corpus.claims["japan-pledges-first-tranche-000"].model_copy(
        update={"id": "zz-dangling", "target": "nowhere"}
    )
    dangling = Dataset(entities=dict(corpus.entities), claims={**corpus.claims, claim.id: claim})
    with pytest.raises(StoreError, match="failed and was rolled back: .*nowhere"):
        store.load(dangling)
    assert store.read() == before
