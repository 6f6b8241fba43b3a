"""The Neo4j store: the graph in a Neo4j server, cluster or Aura, reached over Bolt.

Selected by a ``bolt://``, ``neo4j://`` or ``neo4j+s://`` URI. Credentials and the database
come from the standard ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` variables
(database ``neo4j`` unless set); the database is always named in every call.

Every node a load writes carries the load's generation number (``gen``); one node,
``(:DealgraphLive {id: 'live'})``, names the generation readers see, and every named query and
``read`` matches that generation only. A load replaces the graph without one large transaction,
so that it fits under the server's transaction memory limit at any size:

1. it takes the load lock: a node that exists only inside a transaction the load keeps open
   until it ends (a second load waits for it; a load that dies, or whose server dies, lets go);
2. it reads the live graph and computes what changes; when nothing does, it stops there;
3. it deletes, in batches, every node of another generation (what an earlier load that
   stopped part-way left behind), then writes the new generation in batches, a transaction
   each, two at a time (a batch over the memory limit is split and retried): the nodes, then
   the relationships, which find their ends by the element ids the node batches returned;
4. it switches generations in one small transaction (it sets ``DealgraphLive.gen``);
5. it deletes the old generation in batches.

A failure or a kill before the switch leaves the old graph; after it, the new one. Reads are
routed to readers. Labels and relationship types come from the model's enums only; every value
travels as a ``$parameter``. ``dealgraph cypher`` runs what it is given: during a load it also
sees the generation being written, unless it matches ``{gen: live.gen}`` after
``MATCH (live:DealgraphLive)``.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from typing import Any, LiteralString, cast

from dealgraph.errors import QueryError, StoreError, StoreUnavailableError
from dealgraph.graph.dataset import Change, Dataset
from dealgraph.graph.model import ALLOWED, Claim, Entity, Kind, RelType, allowed_text
from dealgraph.graph.readonly import check_neo4j
from dealgraph.graph.rows import (
    NODE_PROPERTIES,
    REL_PROPERTIES,
    claim_values,
    entity_values,
    no_cycle_collection,
    read_dataset,
)
from dealgraph.graph.store import Result, plain_value

BATCH_SIZE = 5000
#: Batches a load writes at once, each in a session of its own (see ``Neo4jStore._write_batches``).
WRITERS = 2
DEFAULT_DATABASE = "neo4j"
SERVER_HINT = "start one (scripts/neo4j-server start) or point --store or NEO4J_URI at a running server"

# The driver logs retries and routing failures as warnings; dealgraph reports errors itself.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False


#: The label every dealgraph node carries beside its kind: one index on (id, gen) across kinds,
#: so a relationship batch finds both ends whatever their kinds.
ENTITY_LABEL = "Entity"
#: The node naming the live generation (``gen``); the switch of a load sets it.
LIVE_LABEL = "DealgraphLive"
#: The label of the load lock: a node that exists only inside a transaction a load keeps open
#: from its first read to its end. Its unique id makes a second load's MERGE wait until the first
#: ends (or its connection drops); nobody outside a load ever sees the node.
LOCK_LABEL = "DealgraphLoadLock"
TAKE_LOAD_LOCK = f"MERGE (l:{LOCK_LABEL} {{id: 'load'}}) RETURN l.id"
LIVE_GENERATION = f"OPTIONAL MATCH (live:{LIVE_LABEL} {{id: 'live'}}) RETURN live.gen AS gen"
SWITCH = f"MERGE (live:{LIVE_LABEL} {{id: 'live'}}) SET live.gen = $gen"
#: The steps of a load, in order, at which ``Neo4jStore(hook=…)`` is called (for tests).
LOAD_STEPS = ("locked", "staging", "staged", "switched", "done")
#: The server's error when a transaction would pass its memory limit.
_OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
#: The server's error for a transaction it rolled back to break a deadlock.
_DEADLOCK = "Neo.TransientError.Transaction.DeadlockDetected"


def schema_statements() -> list[str]:
    """Indexes, idempotent: (id, gen) per label, names, aliases; the live pointer's id unique."""
    statements: list[str] = []
    for label in [ENTITY_LABEL, *(k.value for k in Kind)]:
        # Two generations hold the same ids while a load runs: ids are unique per generation
        # (the loader writes each once), no longer per label as in earlier versions.
        statements += [
            f"DROP CONSTRAINT dealgraph_{label}_id IF EXISTS",
            f"CREATE INDEX dealgraph_{label}_id_gen IF NOT EXISTS FOR (n:{label}) ON (n.id, n.gen)",
        ]
    statements += [f"CREATE INDEX dealgraph_{k.value}_name IF NOT EXISTS FOR (n:{k.value}) ON (n.name)" for k in Kind]
    statements.append(
        f"CREATE FULLTEXT INDEX dealgraph_names IF NOT EXISTS FOR (n:{ENTITY_LABEL}) ON EACH [n.name, n.aliases]"
    )
    for label in (LOCK_LABEL, LIVE_LABEL):
        statements.append(
            f"CREATE CONSTRAINT dealgraph_{label}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        )
    statements += [f"DROP CONSTRAINT dealgraph_{t.value}_claim_id IF EXISTS" for t in RelType]
    return statements


#: What IF NOT EXISTS still answers when a concurrent load creates the same rule in between.
_ALREADY_THERE = frozenset(
    {
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
        "Neo.ClientError.Schema.IndexAlreadyExists",
        "Neo.ClientError.Schema.ConstraintAlreadyExists",
    }
)


def _run_schema_statement(tx: Any, statement: str) -> None:
    tx.run(cast(LiteralString, statement)).consume()


#: Every dealgraph node of another generation than ``$gen`` (any generation when it is null),
#: with its relationships: auto-commit queries committing every ``$batch`` rows (relationships
#: first, so that no batch grows with a node's degree). Nodes of earlier versions, without
#: ``gen``, go only when ``$legacy`` (after the switch: they are the graph being replaced).
_OTHER_GENERATION = "(n.gen IS NULL AND $legacy) OR n.gen <> coalesce($gen, -1)"
CLEAR_STATEMENTS: tuple[str, ...] = (
    f"MATCH (n:{ENTITY_LABEL})-[r]->() WHERE {_OTHER_GENERATION} "
    "CALL { WITH r DELETE r } IN TRANSACTIONS OF $batch ROWS",
    f"MATCH (n:{ENTITY_LABEL}) WHERE {_OTHER_GENERATION} "
    "CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS",
)


def _properties(names: Iterable[str], row: str, first: int = 0, *, dates: Iterable[str] = ()) -> str:
    """A literal property map of ``names`` from the list ``row``, from its item ``first`` on (a null
    value sets nothing); the ``dates`` arrive as ISO text and are stored as DATE. Literal keys, not
    ``SET r = row``: a map of unknown keys makes the planner buffer the whole batch (Eager). Rows
    are lists, not maps: the driver packs no key per value."""
    dates = set(dates)
    return ", ".join(
        f"`{name}`: date({row}[{i}])" if name in dates else f"`{name}`: {row}[{i}]"
        for i, name in enumerate(names, start=first)
    )


def _stage_entities(kind: Kind) -> str:
    """Creates a batch of nodes; returns one record: each node's id and element id, for the
    claims' batches (one record per node would be one Bolt message each, read one at a time)."""
    return (
        f"UNWIND $rows AS row CREATE (n:{ENTITY_LABEL}:{kind.value} "
        f"{{{_properties(NODE_PROPERTIES, 'row')}, gen: $gen}}) "
        "RETURN collect([row[0], elementId(n)]) AS elements"
    )


#: The relationship properties of type DATE, sent as ISO text: the driver turns each date object
#: into a Bolt structure through Python code, which took longer than packing the rest of a row.
_DATES = tuple(name for name, type_ in REL_PROPERTIES.items() if type_ == "DATE")


def _stage_claims(rel: RelType) -> str:
    """Creates a batch of relationships between nodes of this load, found by element id (a direct
    lookup of the node record, where an index seek on (id, gen) walks the index): rows are
    [source's element id, target's element id, *properties], dates as ISO text."""
    return (
        f"UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row[0] "
        f"MATCH (b) WHERE elementId(b) = row[1] "
        f"CREATE (a)-[r:{rel.value} {{{_properties(REL_PROPERTIES, 'row', 2, dates=_DATES)}}}]->(b) "
        "RETURN count(r) AS n"
    )


#: A node pattern with no label or one (``(n)``, ``()``, ``(n:Country)``), not a function call.
_NODE_PATTERN = re.compile(r"(?<![\w`])\((\w*)(?::(\w+))?\)")
_UNION = re.compile(r"(\s+UNION(?:\s+ALL)?\s+)")


def live_query(cypher: str) -> str:
    """``cypher`` (a MATCH query, its parts joined by UNION) matching the live generation only:
    each part first finds the live pointer, and every node pattern requires its generation
    (nodes without a label are dealgraph's ``Entity`` nodes, never foreign data).

    >>> live_query("MATCH (n:Country) RETURN n.id")
    "MATCH (live_:DealgraphLive {id: 'live'}) MATCH (n:Country {gen: live_.gen}) RETURN n.id"
    """

    def node(m: re.Match[str]) -> str:
        return f"({m[1]}:{m[2] or ENTITY_LABEL} {{gen: live_.gen}})"

    parts = _UNION.split(cypher)
    return "".join(
        part if i % 2 else f"MATCH (live_:{LIVE_LABEL} {{id: 'live'}}) " + _NODE_PATTERN.sub(node, part)
        for i, part in enumerate(parts)
    )


@functools.cache
def _live_graph_queries() -> dict[str, str]:
    """Each named query's Cypher, and the same matching the live generation only."""
    from dealgraph.queries.named import ALL

    return {q.cypher: live_query(q.cypher) for q in ALL}


def _graph_value(value: Any) -> Any:
    """Nodes, relationships and paths as dicts shaped like LadybugDB's; the rest plain."""
    import neo4j.graph

    if isinstance(value, neo4j.graph.Node):
        props = dict(value)
        if ENTITY_LABEL in value.labels:  # the generation is the store's business, as in the embedded store
            props.pop("gen", None)
        label = next((label for label in value.labels if label != ENTITY_LABEL), None)
        return {"_id": value.element_id, "_label": label, **_graph_value(props)}
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "_id": value.element_id,
            "_label": value.type,
            "_src": value.start_node.element_id if value.start_node else None,
            "_dst": value.end_node.element_id if value.end_node else None,
            **_graph_value(dict(value)),
        }
    if isinstance(value, neo4j.graph.Path):
        return {"_nodes": [_graph_value(n) for n in value.nodes], "_rels": [_graph_value(r) for r in value]}
    if isinstance(value, list | tuple):
        return [_graph_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _graph_value(v) for k, v in value.items()}
    return plain_value(value)


class Neo4jStore:
    """A database in a Neo4j server; the driver connects on first use.

    >>> store = Neo4jStore("bolt://127.0.0.1:7687")  # doctest: +SKIP
    >>> store.load(load_sources([bundled_sources()]))  # doctest: +SKIP
    """

    def __init__(
        self,
        uri: str,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        batch_size: int = BATCH_SIZE,
        writers: int = WRITERS,
        retry_seconds: float = 15.0,
        hook: Callable[[str], None] | None = None,
    ):
        if batch_size < 1:
            raise StoreError(f"batch size must be at least 1, not {batch_size}")
        if writers < 1:
            raise StoreError(f"writers must be at least 1, not {writers}")
        self.uri = uri
        self.location = uri
        self.user = user or "neo4j"
        self.password = password
        self.database = database or DEFAULT_DATABASE
        self.batch_size = batch_size
        self.writers = writers
        self.retry_seconds = retry_seconds
        #: For tests: called with each of ``LOAD_STEPS`` as a load reaches it.
        self.hook = hook
        #: Called with (rows written, rows in all) after each batch of a load (``dealgraph.progress``).
        self.progress: Callable[[int, int], None] | None = None
        self._driver: Any = None
        self._schema_ready = False

    @classmethod
    def from_environment(cls, uri: str, **options: Any) -> Neo4jStore:
        """The store at ``uri`` with ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``."""
        return cls(
            uri,
            user=os.environ.get("NEO4J_USERNAME") or None,
            password=os.environ.get("NEO4J_PASSWORD") or None,
            database=os.environ.get("NEO4J_DATABASE") or None,
            **options,
        )

    # -- connections -------------------------------------------------------------------
    def _connect(self) -> Any:
        if self._driver is not None:
            return self._driver
        import neo4j

        auth = (self.user, self.password) if self.password is not None else None
        try:
            driver = neo4j.GraphDatabase.driver(
                self.uri,
                auth=auth,
                connection_timeout=10.0,
                max_transaction_retry_time=self.retry_seconds,
                user_agent="dealgraph",
                notifications_min_severity="OFF",  # hints such as "property key does not exist"
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise StoreError(f"cannot use Neo4j URI {self.uri}: {exc}") from None
        try:
            driver.verify_connectivity()
            # Names the database: an unknown one fails here, not in the middle of a command.
            driver.execute_query("RETURN 1", database_=self.database, routing_=neo4j.RoutingControl.READ)
        except Exception as exc:
            driver.close()
            raise self._connection_error(exc) from None
        self._driver = driver
        return driver

    def _connection_error(self, exc: Exception) -> Exception:
        """One line naming the URI and the fix, for errors of reaching the database."""
        import neo4j.exceptions as ne

        text = str(getattr(exc, "message", None) or exc)
        tls = "+s" in self.uri.split("://", 1)[0]
        if isinstance(exc, ne.AuthError):
            if self.password is None:
                return StoreUnavailableError(
                    f"Neo4j at {self.uri} requires authentication; set NEO4J_USERNAME and NEO4J_PASSWORD"
                )
            return StoreUnavailableError(
                f"Neo4j at {self.uri} refused the password of user '{self.user}'; "
                "check NEO4J_USERNAME and NEO4J_PASSWORD"
            )
        if isinstance(exc, ne.Neo4jError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreUnavailableError(
                f"Neo4j at {self.uri} has no database '{self.database}'; "
                "set NEO4J_DATABASE to one that exists (SHOW DATABASES lists them)"
            )
        if isinstance(exc, ne.ServiceUnavailable | ne.SessionExpired | OSError):
            if "routing information" in text and self.uri.startswith("neo4j"):
                text = self._direct_diagnosis() or text  # the routing error hides its cause
            if "CertVerificationError" in text or "certificate verify failed" in text:
                return StoreUnavailableError(
                    f"Neo4j at {self.uri} presented a certificate this machine does not trust; for a self-signed "
                    "certificate use bolt+ssc:// or neo4j+ssc://, otherwise install its CA"
                )
            reason = _reason(text)
            if reason in {"connection refused", "host not found", "timed out"}:
                return StoreUnavailableError(f"cannot reach Neo4j at {self.uri} ({reason}); {SERVER_HINT}")
            if tls:
                return StoreUnavailableError(
                    f"cannot reach Neo4j at {self.uri} over TLS; for a server without TLS use bolt:// or neo4j://, "
                    f"otherwise {SERVER_HINT}"
                )
            if "incomplete handshake" in text:
                return StoreUnavailableError(
                    f"Neo4j at {self.uri} closed the connection during the handshake: it requires TLS; "
                    "use neo4j+s:// or bolt+s:// (neo4j+ssc:// or bolt+ssc:// for a self-signed certificate)"
                )
            return StoreUnavailableError(f"cannot reach Neo4j at {self.uri} ({reason}); {SERVER_HINT}")
        if isinstance(exc, ne.Neo4jError):
            return StoreError(f"Neo4j at {self.uri}: {text.splitlines()[0] if text else exc.code}")
        return StoreError(f"Neo4j at {self.uri}: {type(exc).__name__}: {text.splitlines()[0] if text else ''}")

    def _direct_diagnosis(self) -> str | None:
        """Why a routed URI failed: the error of a direct connection to the same address."""
        import neo4j

        scheme, rest = self.uri.split("://", 1)
        direct = "bolt" + scheme[len("neo4j") :] + "://" + rest
        try:
            with neo4j.GraphDatabase.driver(direct, auth=None, connection_timeout=10.0) as driver:
                driver.verify_connectivity()
        except Exception as exc:  # noqa: BLE001 - any failure is the diagnosis
            return str(exc)
        return None

    def close(self) -> None:
        """Close the driver and its connections."""
        if self._driver is not None:
            self._driver.close()
        self._driver = None

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ensure_schema(self) -> None:
        """Create the constraints and indexes (idempotent), then wait for them to be online."""
        if self._schema_ready:
            return
        import neo4j.exceptions as ne

        driver = self._connect()
        try:
            with driver.session(database=self.database) as session:
                for statement in schema_statements():  # managed: retried when another load's schema deadlocks it
                    try:
                        session.execute_write(_run_schema_statement, statement)
                    except ne.ClientError as exc:  # another load created the same rule first: done
                        if exc.code not in _ALREADY_THERE:
                            raise
                session.run("CALL db.awaitIndexes(300)").consume()
        except Exception as exc:
            raise self._query_failure(exc, action="creating the schema") from None
        self._schema_ready = True

    # -- the protocol ------------------------------------------------------------------
    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False) -> Result:
        """Run Cypher with parameters: routed to readers in a read transaction unless ``write``.

        Writes run once, in an auto-commit transaction (so ``CALL {…} IN TRANSACTIONS`` works).
        """
        import neo4j

        if not write:
            check_neo4j(cypher)  # side effects read transactions allow, refused before sending
        cypher = _live_graph_queries().get(cypher, cypher)
        driver = self._connect()
        try:
            if write:
                with driver.session(database=self.database, default_access_mode=neo4j.WRITE_ACCESS) as session:
                    result = session.run(cast(LiteralString, cypher), dict(params or {}))
                    keys = list(result.keys())
                    rows = [[_graph_value(v) for v in record.values()] for record in result]
            else:
                records, _summary, keys = driver.execute_query(
                    cast(LiteralString, cypher),
                    parameters_=dict(params or {}),
                    database_=self.database,
                    routing_=neo4j.RoutingControl.READ,
                )
                rows = [[_graph_value(v) for v in record.values()] for record in records]
        except Exception as exc:
            raise self._query_failure(exc) from None
        return Result(list(keys), rows)

    def _query_failure(self, exc: Exception, *, action: str = "") -> Exception:
        import neo4j.exceptions as ne

        if isinstance(exc, ne.AuthError | ne.ServiceUnavailable | ne.SessionExpired):
            return self._connection_error(exc)
        if isinstance(exc, ne.Neo4jError):
            message = (exc.message or str(exc)).strip()
            if exc.code == "Neo.ClientError.Statement.AccessMode":
                return QueryError("the query writes, and the store is open read-only; pass --write to allow writes")
            if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
                return self._connection_error(exc)
            first = message.splitlines()[0] if message else str(exc.code)
            if action:
                return StoreError(f"Neo4j at {self.uri}: {action} failed: {first}")
            return QueryError(f"Cypher error: {first}")
        if isinstance(exc, ne.DriverError | TypeError | ValueError):
            return QueryError(f"cannot run the query: {exc}")
        return exc

    def read(self) -> Dataset:
        """The whole graph as a Dataset (empty when nothing was loaded)."""
        driver = self._connect()
        try:
            return self._read(driver)
        except Exception as exc:
            raise self._query_failure(exc) from None

    def _read(self, driver: Any) -> Dataset:
        import neo4j

        with driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            return cast(Dataset, session.execute_read(_read_tx))

    def load(self, dataset: Dataset) -> Change:
        """Make the database mirror ``dataset``; returns what changed. All or nothing, and never
        half done for readers (see the module's docstring), at any size."""
        import neo4j.exceptions as ne

        try:
            _check_ends(dataset)
        except _IncompleteLoad as exc:
            raise StoreError(f"load into {self.location} failed and was rolled back: {exc}") from None
        self.ensure_schema()
        driver = self._connect()
        try:
            with self._load_lock(driver):
                return self._replace(driver, dataset)
        except _IncompleteLoad as exc:
            raise StoreError(f"load into {self.location} failed and was rolled back: {exc}") from None
        except (ne.ServiceUnavailable, ne.SessionExpired, ne.IncompleteCommit) as exc:
            raise StoreUnavailableError(
                f"lost the connection to Neo4j at {self.uri} during the load ({_reason(str(exc))}); "
                "the database holds all of the load or none of it; run `dealgraph load` again"
            ) from None
        except ne.Neo4jError as exc:
            if exc.code in {"Neo.ClientError.Security.Unauthorized", "Neo.ClientError.Database.DatabaseNotFound"}:
                raise self._connection_error(exc) from None
            raise StoreError(
                f"load into {self.location} failed and was rolled back: {_first_line(exc.message or str(exc))}"
            ) from None
        except (ne.DriverError, TypeError, ValueError) as exc:
            raise StoreError(
                f"load into {self.location} failed and was rolled back: {type(exc).__name__}: {_first_line(str(exc))}"
            ) from None

    def _step(self, step: str) -> None:
        if self.hook is not None:
            self.hook(step)

    @contextmanager
    def _load_lock(self, driver: Any) -> Iterator[None]:
        """Hold the load lock: a transaction kept open (never committed) around the load."""
        import neo4j

        with driver.session(database=self.database, default_access_mode=neo4j.WRITE_ACCESS) as session:
            tx = session.begin_transaction()
            try:
                tx.run(TAKE_LOAD_LOCK).consume()  # a load running already is waited for here
                self._step("locked")
                yield
            finally:
                if not tx.closed():
                    tx.rollback()  # the lock node was never committed; the lock ends here

    def _replace(self, driver: Any, dataset: Dataset) -> Change:
        """Under the load lock: write a new generation, switch to it, delete the others."""
        import neo4j

        rebuild = False
        try:
            old = self._read(driver)
        except (ValueError, KeyError, TypeError):  # hand-written data the model rejects: rewrite all
            old, rebuild = Dataset(), True
        change = Change.between(old, dataset)
        with driver.session(database=self.database, default_access_mode=neo4j.WRITE_ACCESS) as session:
            live = session.run(LIVE_GENERATION).single(strict=True)["gen"]
            self._clear(session, live, legacy=False)  # what a load that stopped part-way left
            if change.empty and not rebuild:  # unreadable data is rewritten even when the sources are empty
                return change
            gen = (live or 0) + 1
            self._stage(driver, dataset, gen)
            self._step("staged")
            session.execute_write(_switch, gen)
            self._step("switched")
            self._clear(session, gen, legacy=True)
        self._step("done")
        return change

    def _clear(self, session: Any, gen: int | None, *, legacy: bool) -> None:
        """Delete the nodes of every generation but ``gen``, and their relationships, in batches
        (smaller ones when a batch passes the server's transaction memory limit)."""
        import neo4j.exceptions as ne

        for statement in CLEAR_STATEMENTS:
            batch = self.batch_size
            while True:
                try:
                    session.run(cast(LiteralString, statement), gen=gen, legacy=legacy, batch=batch).consume()
                    break
                except ne.Neo4jError as exc:  # the batches committed so far stay deleted
                    if batch == 1 or not _out_of_memory(exc):
                        raise
                    batch = max(1, batch // 4)

    def _stage(self, driver: Any, dataset: Dataset, gen: int) -> None:
        """Write ``dataset`` as generation ``gen``, one transaction per batch: the entities, whose
        batches return the element ids the claims' batches then match their ends by. Rows are
        built while the server writes (see ``_write_batches``), with the garbage collector paused
        (see ``rows.no_cycle_collection``)."""
        done, total = 0, len(dataset.entities) + len(dataset.claims)

        def written(rows: int) -> None:
            nonlocal done
            if done == 0:
                self._step("staging")
            done += rows
            if self.progress is not None:
                self.progress(done, total)

        with no_cycle_collection():
            elements: dict[str, str] = {}
            nodes = ((_stage_entities(kind), rows) for kind, rows in _entity_batches(dataset, self.batch_size))
            with closing(self._write_batches(driver, nodes, gen)) as batches:
                for rows, created in batches:
                    for (pairs,) in created:  # one record per transaction: [[id, element id], …]
                        elements.update(pairs)
                    written(len(rows))
            if len(elements) != len(dataset.entities):  # never seen; a claim's end would go missing
                raise _IncompleteLoad(f"{len(dataset.entities) - len(elements)} entities were not written")
            relationships = (
                (_stage_claims(rel), rows) for rel, rows in _claim_batches(dataset, elements, self.batch_size)
            )
            with closing(self._write_batches(driver, relationships, gen)) as batches:  # ends its writers
                for rows, counts in batches:
                    count = sum(n for (n,) in counts)
                    written(len(rows))
                    if count != len(rows):
                        raise _IncompleteLoad(
                            f"{len(rows) - count} of {len(rows)} claims were not written: "
                            "an entity they join is missing"
                        )

    def _write_batches(
        self, driver: Any, batches: Iterator[tuple[str, list[list[Any]]]], gen: int
    ) -> Generator[tuple[list[list[Any]], list[list[Any]]], None, None]:
        """(rows, records) of each (statement, rows) of ``batches``, in their order, each written
        by ``_write_batch``, ``self.writers`` at once in sessions of their own. ``batches`` is
        consumed here, so the next rows are built while the server writes (the writers wait on
        their sockets); at most one batch more than the writers waits in memory.

        Two writers: while one's transaction commits, the other's runs, and the server has a
        second core; they share nodes but cannot deadlock on them (Neo4j locks the ends of new
        relationships at commit, in node order; ``_write_batch`` retries a deadlock anyway). All
        or nothing still holds: the switch comes only after every batch; the first failure ends
        the load once the batches already running have finished."""
        import threading
        from collections import deque
        from concurrent.futures import Future, ThreadPoolExecutor

        import neo4j

        local = threading.local()
        sessions: list[Any] = []

        def write(statement: str, rows: list[list[Any]]) -> list[list[Any]]:
            session = getattr(local, "session", None)
            if session is None:
                session = local.session = driver.session(database=self.database, default_access_mode=neo4j.WRITE_ACCESS)
                sessions.append(session)
            return _write_batch(session, statement, rows, gen)

        pending: deque[tuple[list[list[Any]], Future[list[list[Any]]]]] = deque()
        try:
            with ThreadPoolExecutor(self.writers, thread_name_prefix="dealgraph-writer") as pool:
                try:
                    for statement, rows in batches:
                        pending.append((rows, pool.submit(write, statement, rows)))
                        while len(pending) > self.writers:
                            rows, future = pending.popleft()
                            yield rows, future.result()
                    while pending:
                        rows, future = pending.popleft()
                        yield rows, future.result()
                finally:
                    for _, future in pending:  # none starts after a failure; the running ones end
                        future.cancel()
        finally:
            for session in sessions:
                session.close()


class _Rows(list[list[Any]]):
    """A batch's rows, as the driver packs them (a list of lists), with a short ``repr``: the
    driver writes every RUN message's parameters out with ``repr`` for its debug log, whether or
    not anyone logs (``" ".join(map(repr, fields))`` in ``neo4j/_sync/io/_bolt/_bolt5.py``), and
    for a batch of thousands of rows that cost about as much as packing them."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _entity_batches(dataset: Dataset, size: int) -> Iterator[tuple[Kind, _Rows]]:
    """(kind, rows) per batch of entities of one kind; a row is ``entity_values`` (id first), as
    a list: the driver packs tuples through a slower path (a look-up of its conversion hooks)."""
    by_kind: dict[Kind, list[Entity]] = defaultdict(list)
    for e in dataset.entities.values():
        by_kind[e.kind].append(e)
    for kind, entities in by_kind.items():
        for start in range(0, len(entities), size):
            yield kind, _Rows([list(entity_values(e)) for e in entities[start : start + size]])


#: Where the DATE values sit in a claim's row (after the two element ids).
_DATE_COLUMNS = tuple(2 + i for i, (_, type_) in enumerate(REL_PROPERTIES.items()) if type_ == "DATE")


def _claim_row(source: str, target: str, c: Claim) -> list[Any]:
    """The element ids of a claim's ends, then ``claim_values`` with its dates as ISO text."""
    row = [source, target, *claim_values(c)]
    for i in _DATE_COLUMNS:
        if row[i] is not None:
            row[i] = row[i].isoformat()
    return row


def _claim_batches(dataset: Dataset, elements: Mapping[str, str], size: int) -> Iterator[tuple[RelType, _Rows]]:
    """(type, rows) per batch of claims of one type; a row is ``_claim_row``, its ends' element
    ids taken from ``elements``."""
    by_type: dict[RelType, list[Claim]] = defaultdict(list)
    for c in dataset.claims.values():
        by_type[c.type].append(c)
    for rel, claims in by_type.items():
        for start in range(0, len(claims), size):
            batch = claims[start : start + size]
            yield rel, _Rows([_claim_row(elements[c.source], elements[c.target], c) for c in batch])


def _out_of_memory(exc: Exception) -> bool:
    """Whether the server refused a transaction for passing its memory limit (a batch inside
    ``CALL … IN TRANSACTIONS`` reports it in the message of another error)."""
    message = getattr(exc, "message", None) or ""
    return getattr(exc, "code", None) == _OUT_OF_MEMORY or "memory pool limit was exceeded" in message


def _switch(tx: Any, gen: int) -> None:
    tx.run(SWITCH, gen=gen).consume()


def _write_batch(
    session: Any, statement: str, rows: list[list[Any]], gen: int, *, deadlocks: int = 0
) -> list[list[Any]]:
    """Run ``statement`` over ``rows`` in a transaction of its own; returns its records' values
    (those of both halves when it was split).

    Not retried as a whole (a batch whose commit was lost fails the load; the next load deletes
    what it wrote), except after a deadlock, which rolled it back whole; a batch over the
    server's transaction memory limit is split in two instead.
    """
    import neo4j.exceptions as ne

    try:
        with session.begin_transaction() as tx:
            records = [record.values() for record in tx.run(cast(LiteralString, statement), rows=rows, gen=gen)]
            tx.commit()
    except ne.Neo4jError as exc:
        if exc.code == _DEADLOCK and deadlocks < 10:
            return _write_batch(session, statement, rows, gen, deadlocks=deadlocks + 1)
        if not _out_of_memory(exc) or len(rows) < 2:
            raise
        half = len(rows) // 2
        first, second = _Rows(rows[:half]), _Rows(rows[half:])
        return _write_batch(session, statement, first, gen) + _write_batch(session, statement, second, gen)
    return records


def _check_ends(dataset: Dataset) -> None:
    """Every claim joins two entities of the dataset, of kinds its type allows (the kinds looked up
    once per entity, not twice per claim: this runs over every claim before a load writes)."""
    kinds = {id_: e.kind for id_, e in dataset.entities.items()}
    for c in dataset.claims.values():
        source, target = kinds.get(c.source), kinds.get(c.target)
        if source is None or target is None:
            end = c.source if source is None else c.target
            raise _IncompleteLoad(f"claim '{c.id}' joins '{end}', an entity the load does not hold")
        sources, targets = ALLOWED[c.type]
        if source not in sources or target not in targets:
            raise _IncompleteLoad(
                f"claim '{c.id}': {c.type.value} cannot join {source.value} → {target.value} "
                f"(allowed: {allowed_text(c.type)})"
            )


class _IncompleteLoad(Exception):
    """A batch wrote fewer relationships than it carried; the transaction must roll back."""


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else "no message"


def _reason(text: str) -> str:
    """The useful tail of a driver message: 'Connection refused', a DNS failure, …"""
    for marker in ("Connection refused", "Name or service not known", "timed out", "Connection reset"):
        if marker.lower() in text.lower():
            return marker.lower() if marker != "Name or service not known" else "host not found"
    first = text.strip().splitlines()[0] if text.strip() else "no answer"
    return first.rstrip(":")


def _records(tx: Any, statement: LiteralString, **params: Any) -> list[dict[str, Any]]:
    result = tx.run(statement, params)
    keys = result.keys()
    return [dict(zip(keys, map(plain_value, record.values()), strict=True)) for record in result]


def _read_tx(tx: Any) -> Dataset:
    return read_dataset(lambda q: _records(tx, cast(LiteralString, live_query(q))))


__all__ = ["BATCH_SIZE", "ENTITY_LABEL", "LIVE_LABEL", "LOAD_STEPS", "Neo4jStore", "live_query", "schema_statements"]
