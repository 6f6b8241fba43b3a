"""The embedded store's bulk load: tables of ``copy_min_rows`` rows or more go through
``COPY … FROM`` in-memory Arrow tables, smaller ones through ``UNWIND`` batches; both give the same graph."""

from __future__ import annotations

import tempfile

import pytest

from dealgraph.errors import StoreError
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.embedded import EmbeddedStore
from dealgraph.graph.model import ALLOWED, Claim, Entity, Evidence, Kind, Money, RelType
from dealgraph.queries import named

# Everything LadybugDB's CSV reader treats specially: delimiters, quotes, escapes, line breaks,
# list brackets and separators, the list encoding's own escapes, NULL spelled out, spaces.
HOSTILE = [
    'a, "quoted" name',
    "it's, [bracketed] {braced}",
    'back\\slash \\" and \\',
    "line one\nline two\r\nline three\rend",
    " padded ",
    "NULL",
    "null",
    "%1F and %25 and %",
    "unit\x1fseparator",
    "~tilde",
    "tab\there",
    "日本 · 高市早苗 🙂",
    "'",
    '"',
    "[",
    "]",
]


def _hostile_dataset() -> Dataset:
    doc = Entity(id="doc-1", kind=Kind.DOCUMENT, name='Doc, "one"')
    entities = [doc]
    for i, text in enumerate(HOSTILE):
        entities.append(
            Entity(
                id=f"country-{i}",
                kind=Kind.COUNTRY,
                name=text,
                aliases=(text, f"{text} {i}", "x, y"),
                description=text if i % 2 else "",
                attributes={"note": text, text: "value"},
            )
        )
    claims = [
        Claim(
            id=f"claim-{i}",
            type=RelType.DEMANDS,
            source=f"country-{i}",
            target=f"country-{(i + 1) % len(HOSTILE)}",
            counterparty=text,
            note=text,
            evidence=[Evidence(doc="doc-1", quote=text if text.strip() else "blank"), Evidence(doc="doc-1", quote="b")],
            money=Money(amount=[0.1 + 0.2, 1 / 3, 6e12, 1e-300, 123456789.123456789][i % 5], currency="USD"),
            confidence=0.5 + i / 100,
        )
        for i, text in enumerate(HOSTILE)
    ]
    return Dataset.of(entities, claims)


@pytest.mark.parametrize("copy_min_rows", [1, 10_000], ids=["copy", "unwind"])
def test_hostile_text_and_numbers_come_back_unchanged(tmp_path, copy_min_rows):
    data = _hostile_dataset()
    store = EmbeddedStore(tmp_path / "s", copy_min_rows=copy_min_rows)
    store.load(data)
    assert store.read() == data
    assert store.load(data).empty
    store.close()


def test_copy_and_unwind_give_the_same_answers(tmp_path, corpus, named_params):
    copied = EmbeddedStore(tmp_path / "copied", copy_min_rows=1)
    unwound = EmbeddedStore(tmp_path / "unwound", copy_min_rows=10_000)
    copied.load(corpus)
    unwound.load(corpus)
    assert copied.read() == corpus
    for query in named.ALL:
        params = named_params(query)
        a, b = copied.query(query.cypher, params), unwound.query(query.cypher, params)
        assert a.columns == b.columns
        assert sorted(map(repr, a.rows)) == sorted(map(repr, b.rows)), query.name  # UNION order is the engine's
    for everything in ("MATCH (n) RETURN n ORDER BY n.id", "MATCH ()-[r]->() RETURN r ORDER BY r.id"):
        assert _properties(copied.query(everything).rows) == _properties(unwound.query(everything).rows)
    copied.close()
    unwound.close()


def _properties(rows: list[list[dict]]) -> list[dict]:
    """Every property of each node or relationship, without the engine's internal ids."""
    return [{k: v for k, v in row[0].items() if k.lower() not in {"_id", "_src", "_dst"}} for row in rows]


def test_a_mixed_load_mirrors_the_dataset_and_a_second_load_changes_nothing(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "s", copy_min_rows=3)  # the larger tables copied, the rest unwound
    assert len(store.load(corpus).added_claims) == len(corpus.claims)
    assert store.load(corpus).empty
    kept = sorted(corpus.claims)[::2]
    smaller = Dataset.of(list(corpus.entities.values()), [corpus.claims[i] for i in kept])
    assert len(store.load(smaller).removed_claims) == len(corpus.claims) - len(kept)
    store.close()
    assert EmbeddedStore(tmp_path / "s").read() == smaller


def test_a_reload_reports_what_the_datasets_differ_by(tmp_path):
    from dealgraph.graph.dataset import Change
    from dealgraph.synthetic import synthetic_dataset

    first = synthetic_dataset(claims=400, seed=5)
    other = synthetic_dataset(claims=400, seed=6)  # the same ids, other ends, kinds and values
    entities = [*list(first.entities.values())[:60], *list(other.entities.values())[60:90]]
    ids = {e.id for e in entities}
    claims = [c for c in [*list(first.claims.values())[:200], *list(other.claims.values())[200:300]]
              if c.source in ids and c.target in ids]  # fmt: skip
    second = Dataset.of(entities, claims)
    store = EmbeddedStore(tmp_path / "s")
    store.load(first)
    change = store.load(second)
    assert change == Change.between(first, second)
    assert change.removed_entities and change.removed_claims and change.updated_claims
    # A property stored otherwise than a load writes it, with the same meaning, is no change.
    store.query("MATCH (n) WHERE size(n.aliases) = 0 SET n.aliases = NULL", write=True)
    store.query("MATCH ()-[r]->() SET r.extracted = NULL", write=True)
    store.close()
    assert store.load(second).empty
    # A live graph the model rejects counts as empty: every entity and claim is added.
    store.query("MATCH (n:Country) WITH n LIMIT 1 SET n.kind = 'Planet'", write=True)
    store.close()
    assert store.load(second) == Change.between(Dataset(), second)
    store.close()


def test_a_failed_copy_leaves_the_store_as_it_was(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "s", copy_min_rows=1)
    store.load(corpus)
    before = store.read()
    # LOCATED_IN may not join a Mineral to a Leader: the COPY of that pair fails after the
    # nodes and other relationships were copied in the same transaction.
    bad = Claim.model_construct(
        **{
            **corpus.claims["japan-pledges-first-tranche-000"].__dict__,
            "id": "zz-bad",
            "type": RelType.LOCATED_IN,
            "source": "rare-earths",
            "target": "donald-trump",
        }
    )
    with pytest.raises(StoreError, match="failed and was rolled back"):
        store.load(Dataset(entities=dict(corpus.entities), claims={**corpus.claims, bad.id: bad}))
    assert store.read() == before
    store.close()
    reopened = EmbeddedStore(tmp_path / "s")
    assert reopened.read() == before
    assert reopened.load(corpus).empty
    reopened.close()


def test_a_load_writes_no_temporary_files(tmp_path, monkeypatch, corpus):
    # COPY reads Arrow tables in memory: a TMPDIR that is missing (or full, or oddly named) is no matter.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    store = EmbeddedStore(tmp_path / "s", copy_min_rows=1)
    store.load(corpus)
    assert store.read() == corpus
    store.close()
    assert not (tmp_path / "missing").exists()


def test_the_schema_declares_only_the_kind_pairs_the_data_joins(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "s")
    store.load(corpus)
    used = {(c.type, corpus.entities[c.source].kind, corpus.entities[c.target].kind) for c in corpus.claims.values()}
    for rel in RelType:
        rows = store.query(f"CALL show_connection('{rel.value}') RETURN *").rows
        declared = {(rel, Kind(row[0]), Kind(row[1])) for row in rows}
        mine = {pair for pair in used if pair[0] is rel}
        assert declared == mine or (not mine and len(declared) == 1), rel  # a type with no claims: one pair
    # A pair the type allows but the data does not join is no error: it finds nothing.
    sources, targets = ALLOWED[RelType.PLEDGES]
    unused = next((s, d) for s in sorted(sources) for d in sorted(targets) if (RelType.PLEDGES, s, d) not in used)
    query = f"MATCH (a:{unused[0].value})-[r:PLEDGES]->(b:{unused[1].value}) RETURN count(r) AS n"
    assert store.query(query).rows == [[0]]
    store.close()


def test_the_bulk_load_columns_hold_the_same_values_as_the_row_dicts(corpus):
    from dealgraph.graph.rows import (
        NODE_PROPERTIES,
        REL_PROPERTIES,
        claim_row,
        claim_values,
        entity_row,
        entity_values,
    )
    from dealgraph.synthetic import synthetic_dataset

    for data in (corpus, synthetic_dataset(claims=400, seed=5)):
        for e in data.entities.values():
            assert dict(zip(NODE_PROPERTIES, entity_values(e), strict=True)) == entity_row(e)
        for c in data.claims.values():
            assert dict(zip(REL_PROPERTIES, claim_values(c), strict=True)) == claim_row(c)
