"""The Neo4j store against the real server the test command starts: parity with the embedded
store, Neo4j types and schema, routing, all-or-nothing loads, and errors asserted verbatim.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from dealgraph.cli import cli
from dealgraph.config import bundled_sources
from dealgraph.errors import QueryError, StoreError, StoreUnavailableError
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.neo4j_store import ENTITY_LABEL, LIVE_LABEL, LOCK_LABEL, Neo4jStore
from dealgraph.graph.store import Result
from dealgraph.loaders import load_sources
from dealgraph.queries import lookups, named


def _sorted(result: Result) -> list[str]:
    return sorted(json.dumps(row, default=str, ensure_ascii=False) for row in result.rows)


def _cli(env: dict[str, str], *args: str):
    return CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the same answers on both stores ------------------------------------------------------


def test_every_named_query_answers_the_same_on_both_stores(loaded_store, neo4j_corpus, corpus, named_params):
    checked = 0
    for query in named.ALL:
        ids = sorted(corpus.entities) if {"id", "key", "ids"} & set(query.params) else [""]
        types = ["", "PLEDGES", "DEMANDS"] if "type" in query.params else [""]
        for value in ids:
            for rel in types:
                params = named_params(query, value, rel)
                embedded = loaded_store.query(query.cypher, params)
                server = neo4j_corpus.query(query.cypher, params)
                assert embedded.columns == server.columns, query.name
                assert _sorted(embedded) == _sorted(server), (query.name, params)
                checked += len(server.rows)
    loaded_store.close()
    assert checked > 500  # the corpus makes these queries answer, not just agree on nothing


def test_every_lookup_answers_the_same_on_both_stores(loaded_store, neo4j_corpus, corpus):
    actor_ties = named_ties = 0
    for entity in corpus.entities.values():
        report = lookups.actor(loaded_store, entity.id)
        assert report == lookups.actor(neo4j_corpus, entity.id)
        assert report.entity["id"] == entity.id
        actor_ties += len(report.ties)
        for lookup in (lookups.pledges, lookups.demands, lookups.supply, lookups.participants):
            (ref_a, ties_a), (ref_b, ties_b) = lookup(loaded_store, entity.id), lookup(neo4j_corpus, entity.id)
            assert ref_a == ref_b
            assert [t.as_dict() for t in ties_a] == [t.as_dict() for t in ties_b]
            named_ties += len(ties_a)
    # Two empty answers agree too: the corpus must make these lookups answer, as it does.
    assert (actor_ties, named_ties) == (212, 69)
    stats = lookups.stats(loaded_store)
    assert stats == lookups.stats(neo4j_corpus)
    assert (stats.entities, stats.claims) == (len(corpus.entities), len(corpus.claims))
    loaded_store.close()


def test_cli_prints_exactly_what_the_embedded_store_prints(invoke, loaded_store, neo4j_env, neo4j_corpus, corpus):
    # The acceptance: `dealgraph --store bolt://… actor Japan` prints what the embedded store does.
    uri = neo4j_env["NEO4J_URI"]
    for name in ["Japan", "softbank", "高市早苗", *sorted(e.name for e in corpus.entities.values())]:
        embedded = invoke("actor", name)
        server = _cli(neo4j_env, "--store", uri, "actor", name)
        assert (server.exit_code, server.output) == (embedded.exit_code, embedded.output), name
    for command in (["pledges", "japan"], ["demands", "united-states", "--format", "json"], ["stats"]):
        embedded = invoke(*command)
        server = _cli(neo4j_env, "--store", uri, *command)
        expected = embedded.output.replace(loaded_store.location, uri)  # stats names its store
        assert server.output == expected, command


def test_load_through_the_cli_then_nothing_changes(neo4j_env, neo4j_store, documents_dir, corpus):
    uri = neo4j_env["NEO4J_URI"]
    first = _cli(neo4j_env, "--store", uri, "load", "--documents", str(documents_dir), "--batch-size", "7")
    assert first.exit_code == 0, first.output
    assert f"into {uri}" in first.output
    assert (len(corpus.entities), len(corpus.claims)) == (50, 96)  # the bundled corpus, all of it
    assert f"changes: entities +{len(corpus.entities)} -0 ~0, claims +{len(corpus.claims)} -0 ~0" in first.output
    assert neo4j_store.read() == load_sources([bundled_sources()])
    again = _cli(neo4j_env, "--store", uri, "load", "--documents", str(documents_dir))
    assert "changes: no changes" in again.output
    refused = _cli(neo4j_env, "--store", uri, "load", "--batch-size", "0")
    assert refused.exit_code == 2 and "0 is not in the range x>=1" in refused.output


def test_neo4j_uri_selects_the_store_without_store_option(neo4j_env, neo4j_corpus):
    result = _cli(neo4j_env, "pledges", "japan", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {t["claim"] for t in json.loads(result.output)} >= {"japan-pledges-first-tranche-000"}


# -- Neo4j types, schema and routing ------------------------------------------------------


def test_claim_fields_are_stored_in_neo4j_types(neo4j_corpus):
    row = neo4j_corpus.query(
        "MATCH ()-[r:PLEDGES {id: $id}]->() RETURN valueType(r.due_by) AS due, valueType(r.amount) AS amount, "
        "valueType(r.evidence_docs) AS docs, valueType(r.stated_on) AS stated, r.due_by AS due_by, "
        "r.due_by_precision AS precision, r.currency AS currency",
        {"id": "japan-pledges-first-tranche-000"},
    ).records()
    assert row == [
        {
            "due": "DATE NOT NULL",
            "amount": "FLOAT NOT NULL",
            "docs": "LIST<STRING NOT NULL> NOT NULL",
            "stated": "NULL",  # not stated by the source: no property, as the embedded store's null
            "due_by": dt.date(2026, 2, 1),
            "precision": "month",
            "currency": "JPY",
        }
    ]


def test_schema_has_an_id_index_per_label_and_name_indexes(neo4j_corpus):
    constraints = neo4j_corpus.query(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties WHERE name STARTS WITH 'dealgraph_' "
        "RETURN labelsOrTypes[0] AS label, type, properties"
    ).records()
    # Two generations hold the same ids while a load runs: only the lock and the live pointer are unique.
    assert sorted(c["label"] for c in constraints) == sorted([LOCK_LABEL, LIVE_LABEL])
    assert {c["type"] for c in constraints} == {"UNIQUENESS"}
    kinds = {ENTITY_LABEL, "Country", "Leader", "Person", "Company", "Organization", "Project", "Mineral"} | {
        "Place",
        "Agreement",
        "Policy",
        "Event",
        "Document",
    }
    indexes = neo4j_corpus.query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state WHERE name STARTS WITH 'dealgraph_' "
        "AND type IN ['RANGE', 'FULLTEXT'] AND NOT name IN ['dealgraph_DealgraphLoadLock_id', 'dealgraph_DealgraphLive_id'] "
        "RETURN name, type, labelsOrTypes[0] AS label, properties, state"
    ).records()
    assert {i["label"] for i in indexes if i["properties"] == ["id", "gen"]} == kinds
    assert {i["label"] for i in indexes if i["properties"] == ["name"]} == kinds - {ENTITY_LABEL}
    assert {
        "name": "dealgraph_names",
        "type": "FULLTEXT",
        "label": ENTITY_LABEL,
        "properties": ["name", "aliases"],
        "state": "ONLINE",
    } in indexes
    # The full-text index answers by alias, in any script.
    hits = neo4j_corpus.query(
        "CALL db.index.fulltext.queryNodes('dealgraph_names', $q) YIELD node RETURN node.id AS id",
        {"q": "ソフトバンクグループ"},
    )
    assert ["softbank-group"] in hits.rows


def test_schema_creation_is_idempotent(neo4j_corpus, corpus):
    count = "SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'dealgraph_' RETURN count(*) AS n"
    before = neo4j_corpus.query(count).rows
    fresh = neo4j_store_for_env(neo4j_corpus)
    fresh.ensure_schema()
    fresh.load(corpus)
    assert neo4j_corpus.query(count).rows == before
    fresh.close()


def at_once(template: Neo4jStore, actions: list[Callable[[Neo4jStore], object]], **options) -> list[Exception]:
    """Run each action on its own store (like ``template``) in its own thread, all starting
    together; return the DealgraphErrors raised (losing a race is allowed, a wrong graph is not)."""
    import threading

    from dealgraph.errors import DealgraphError

    errors: list[Exception] = []
    start = threading.Barrier(len(actions))

    def run(action: Callable[[Neo4jStore], object]) -> None:
        store = neo4j_store_for_env(template, **options)
        try:
            start.wait()
            action(store)
        except DealgraphError as exc:
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_stores_creating_the_schema_at_once_all_succeed(neo4j_store, corpus):
    """Three first loads at once on a database without dealgraph's schema: the schema statements
    deadlock each other in the server; each is retried instead of failing the load."""
    names = "SHOW {} YIELD name WHERE name STARTS WITH 'dealgraph_' RETURN name ORDER BY name"
    before = [neo4j_store.query(names.format(what)).rows for what in ("CONSTRAINTS", "INDEXES")]
    for _ in range(3):
        for (name,) in neo4j_store.query(names.format("CONSTRAINTS")).rows:
            neo4j_store.query(f"DROP CONSTRAINT {name}", write=True)  # names from the server, all ours
        for (name,) in neo4j_store.query(names.format("INDEXES")).rows:
            neo4j_store.query(f"DROP INDEX {name}", write=True)
        assert neo4j_store.query(names.format("CONSTRAINTS")).rows == []
        errors = at_once(neo4j_store, [Neo4jStore.ensure_schema] * 3)
        assert errors == []
        assert [neo4j_store.query(names.format(what)).rows for what in ("CONSTRAINTS", "INDEXES")] == before
    neo4j_store.load(corpus)
    assert neo4j_store.read() == corpus


def neo4j_store_for_env(store: Neo4jStore, **options) -> Neo4jStore:
    return Neo4jStore(store.uri, user=store.user, password=store.password, database=store.database, **options)


def test_reads_are_routed_to_readers_and_refuse_writes(neo4j_corpus):
    with pytest.raises(QueryError) as err:
        neo4j_corpus.query("MATCH (n:Country {id: 'japan'}) SET n.name = 'x'")
    assert str(err.value) == "the query writes, and the store is open read-only; pass --write to allow writes"
    assert neo4j_corpus.query("MATCH (n:Country {id: 'japan'}) RETURN n.name").rows == [["Japan"]]


def test_cypher_write_needs_the_flag_on_the_cli(neo4j_env, neo4j_corpus):
    uri = neo4j_env["NEO4J_URI"]
    refused = _cli(neo4j_env, "--store", uri, "cypher", "CREATE (n:Scratch {id: 'x'})")
    assert refused.exit_code == 1
    assert refused.output == (
        "Error: the query writes, and the store is open read-only; pass --write to allow writes\n"
    )
    allowed = _cli(
        neo4j_env,
        "--store",
        uri,
        "cypher",
        "--write",
        "CREATE (n:Scratch {id: $id}) RETURN n.id AS id",
        "-p",
        "id=made",
    )
    assert allowed.exit_code == 0, allowed.output
    assert "made" in allowed.output
    neo4j_corpus.query("MATCH (n:Scratch) DELETE n", write=True)


def test_nodes_and_relationships_come_back_as_dicts(neo4j_corpus):
    row = neo4j_corpus.query(
        "MATCH (a:Country {id: 'japan'})-[r:PLEDGES {id: $id}]->(b) RETURN a, r",
        {"id": "japan-pledges-first-tranche-000"},
    ).records()[0]
    assert row["a"]["_label"] in {"Country", ENTITY_LABEL} and row["a"]["name"] == "Japan"
    assert row["r"]["_label"] == "PLEDGES" and row["r"]["due_by"] == dt.date(2026, 2, 1)


def test_batch_size_does_not_change_the_result(neo4j_store, corpus):
    small = neo4j_store_for_env(neo4j_store, batch_size=3)
    small.load(corpus)
    assert small.read() == corpus
    small.close()
    with pytest.raises(StoreError, match="batch size must be at least 1, not 0"):
        Neo4jStore("bolt://127.0.0.1:7687", batch_size=0)


def test_a_constraint_violation_part_way_rolls_everything_back(neo4j_store, corpus):
    """A batch the server refuses part-way through staging (a constraint of the user's that the
    staged copy of a project breaks): the live graph stays as it was, and the next load removes
    what the failed one wrote."""
    neo4j_store.load(corpus)
    before = neo4j_store.read()
    neo4j_store.query(
        "CREATE CONSTRAINT scratch_project_text FOR (n:Project) REQUIRE n.description IS UNIQUE", write=True
    )
    smaller = Dataset.of(
        [*corpus.entities.values()], [c for c in corpus.claims.values() if c.id != "japan-pledges-first-tranche-000"]
    )
    failing = neo4j_store_for_env(neo4j_store, batch_size=3)
    try:
        with pytest.raises(StoreError) as err:
            failing.load(smaller)
        assert str(err.value).startswith(f"load into {neo4j_store.location} failed and was rolled back: ")
        assert "already exists with label `Project` and property `description`" in str(err.value)
        assert _generations(neo4j_store) == [1, 2]  # the failed load's batches are there, unseen
    finally:
        failing.close()
        neo4j_store.query("DROP CONSTRAINT scratch_project_text", write=True)
    assert neo4j_store.read() == before
    neo4j_store.load(smaller)
    assert neo4j_store.read() == smaller
    assert _generations(neo4j_store) == [2]


def _generations(store: Neo4jStore) -> list[int]:
    """The generations of dealgraph nodes in the database."""
    return [g for (g,) in store.query(f"MATCH (n:{ENTITY_LABEL}) RETURN DISTINCT n.gen ORDER BY n.gen").rows]


def test_a_database_loaded_by_an_earlier_version_is_replaced_at_the_switch(neo4j_store, corpus):
    """Nodes without a generation, under the unique id constraints of earlier versions: readers
    see no graph (run `dealgraph load`); a load drops the constraints, keeps those nodes until its
    switch and deletes them after it."""
    neo4j_store.query("MATCH (l:DealgraphLive) DELETE l", write=True)
    neo4j_store.query(
        "CREATE CONSTRAINT dealgraph_Entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE", write=True
    )
    neo4j_store.query(
        "CREATE (:Entity:Country {id: 'japan', kind: 'Country', name: 'Japan'})-[:LEADS {id: 'old'}]->"
        "(:Entity:Leader {id: 'someone', kind: 'Leader', name: 'Someone'})",
        write=True,
    )
    assert neo4j_store.read() == Dataset()
    seen: list[int] = []
    fresh = neo4j_store_for_env(neo4j_store, hook=lambda step: step == "switched" and seen.append(_legacy(neo4j_store)))
    fresh.load(corpus)
    fresh.close()
    assert seen == [2]  # still there at the switch
    assert _legacy(neo4j_store) == 0
    assert neo4j_store.read() == corpus


def _legacy(store: Neo4jStore) -> int:
    return store.query(f"MATCH (n:{ENTITY_LABEL}) WHERE n.gen IS NULL RETURN count(n)").rows[0][0]


def test_foreign_data_in_the_database_is_left_alone(neo4j_store, corpus):
    neo4j_store.query("CREATE (:Note {text: 'kept'})-[:ABOUT]->(:Note {text: 'also kept'})", write=True)
    neo4j_store.load(corpus)
    assert neo4j_store.read() == corpus
    neo4j_store.load(Dataset())
    assert neo4j_store.query("MATCH (n:Note) RETURN count(n)").rows == [[2]]
    assert neo4j_store.query(f"MATCH (n:{ENTITY_LABEL}) RETURN count(n)").rows == [[0]]


# -- errors, verbatim --------------------------------------------------------------------


def test_cypher_syntax_error_is_one_line_with_the_position(neo4j_env, neo4j_corpus):
    result = _cli(neo4j_env, "--store", neo4j_env["NEO4J_URI"], "cypher", "MATCH (n)\nRETURN foo(n)")
    assert result.exit_code == 1
    assert result.output == "Error: Cypher error: Unknown function 'foo' (line 2, column 8 (offset: 17))\n"


def test_unreachable_server(neo4j_env):
    port = _free_port()
    result = _cli(neo4j_env, "--store", f"bolt://127.0.0.1:{port}", "stats")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot reach Neo4j at bolt://127.0.0.1:{port} (connection refused); start one "
        "(scripts/neo4j-server start) or point --store or NEO4J_URI at a running server\n"
    )


def test_unknown_host(neo4j_env):
    result = _cli(neo4j_env, "--store", "neo4j://no-such-host.invalid:7687", "stats")
    assert result.output == (
        "Error: cannot reach Neo4j at neo4j://no-such-host.invalid:7687 (host not found); start one "
        "(scripts/neo4j-server start) or point --store or NEO4J_URI at a running server\n"
    )


def test_unknown_database(neo4j_env):
    env = neo4j_env | {"NEO4J_DATABASE": "nosuchdb"}
    result = _cli(env, "--store", neo4j_env["NEO4J_URI"], "stats")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: Neo4j at {neo4j_env['NEO4J_URI']} has no database 'nosuchdb'; "
        "set NEO4J_DATABASE to one that exists (SHOW DATABASES lists them)\n"
    )


def test_tls_to_a_server_without_tls(neo4j_env):
    uri = neo4j_env["NEO4J_URI"].replace("bolt://", "bolt+s://").replace("neo4j://", "neo4j+s://")
    result = _cli(neo4j_env, "--store", uri, "stats")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot reach Neo4j at {uri} over TLS; for a server without TLS use bolt:// or neo4j://, "
        "otherwise start one (scripts/neo4j-server start) or point --store or NEO4J_URI at a running server\n"
    )


def test_unknown_uri_scheme(neo4j_env):
    result = _cli(neo4j_env, "--store", "http://127.0.0.1:7474", "stats")
    assert result.exit_code == 1
    assert result.output == (
        "Error: unknown store URI scheme 'http://' in http://127.0.0.1:7474; use a directory, or one of "
        "bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://\n"
    )


def test_errors_are_store_errors_in_the_library(neo4j_env):
    with pytest.raises(StoreUnavailableError):
        Neo4jStore(f"bolt://127.0.0.1:{_free_port()}").read()


def test_views_are_the_same_from_both_stores(loaded_store, neo4j_corpus):
    from dealgraph.viz import view_html

    assert view_html(loaded_store) == view_html(neo4j_corpus)
    assert view_html(loaded_store, focus="softbank", depth=2) == view_html(neo4j_corpus, focus="softbank", depth=2)
    loaded_store.close()


def test_loads_running_at_once_leave_one_copy_of_each_claim(neo4j_store, corpus):
    """Two processes loading the same sources at the same time: the unique claim ids per type
    make the second MERGE find the first's claims instead of adding its own."""
    for _ in range(3):
        neo4j_store.query("MATCH (n) DETACH DELETE n", write=True)
        errors = at_once(neo4j_store, [lambda store: store.load(corpus)] * 2, batch_size=7)
        assert len(errors) < 2, errors
        assert neo4j_store.read() == corpus
        (count,) = neo4j_store.query("MATCH ()-[r]->() RETURN count(r)").rows[0]
        assert count == len(corpus.claims)


def test_loads_of_different_sources_at_once_leave_one_of_them_whole(neo4j_store, corpus):
    """Two loads of different sources at the same time: the store ends up mirroring one of
    them exactly, never a mix (each load holds the load lock from its first read to its commit)."""
    from dealgraph.graph.model import Entity, Kind

    claims = sorted(corpus.claims.values(), key=lambda c: c.id)
    first = Dataset.of([*corpus.entities.values()], claims[: len(claims) // 2])
    second = Dataset.of(
        [*corpus.entities.values(), Entity(id="only-in-second", kind=Kind.COUNTRY, name="Only In Second")],
        claims[len(claims) // 3 :],
    )
    for _ in range(4):
        neo4j_store.query("MATCH (n) DETACH DELETE n", write=True)
        errors = at_once(neo4j_store, [lambda store, d=d: store.load(d) for d in (first, second)], batch_size=3)
        assert len(errors) < 2, errors
        assert neo4j_store.read() in (first, second)
        assert neo4j_store.query(f"MATCH (n:{LOCK_LABEL}) RETURN count(n)").rows == [[0]]  # the lock is gone
