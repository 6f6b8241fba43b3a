"""One contract, run on every store: the same load gives the same graph and the same answers.

Only the embedded store exists so far; the Neo4j store joins STORES when it arrives.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dealgraph.errors import QueryError, StoreError
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.embedded import EmbeddedStore
from dealgraph.graph.model import Claim, Entity, Evidence, Kind, RelType
from dealgraph.graph.store import Store
from dealgraph.queries import lookups, named


def embedded(tmp_path: Path) -> Store:
    return EmbeddedStore(tmp_path / "embedded")


STORES = {"embedded": embedded}


@pytest.fixture(params=sorted(STORES))
def store(request, tmp_path):
    made = STORES[request.param](tmp_path)
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


def test_every_named_query_runs(store, corpus):
    store.load(corpus)
    values = {"id": "japan", "key": "japan", "type": ""}
    for query in named.ALL:
        result = store.query(query.cypher, {p: values[p] for p in query.params})
        assert result.columns, query.name


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
    (tmp_path / "s" / "schema.sha256").write_text("something-else\n")
    with pytest.raises(StoreError, match="built by another version of dealgraph; run `dealgraph load`"):
        EmbeddedStore(tmp_path / "s").query("RETURN 1")
    rebuilt = EmbeddedStore(tmp_path / "s")
    rebuilt.load(corpus)
    assert rebuilt.read() == corpus
