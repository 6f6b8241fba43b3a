"""The Neo4j store: the graph in a Neo4j server, cluster or Aura, reached over Bolt.

Selected by a ``bolt://``, ``neo4j://`` or ``neo4j+s://`` URI. Credentials and the database
come from the standard ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` variables
(database ``neo4j`` unless set); the database is always named in every call.

Loading is one managed write transaction: it takes the load lock, reads what the database
holds, computes what changes, and, when something does, removes what the sources no longer
state and writes every entity and claim with ``UNWIND``-batched ``MERGE``. If anything fails
part-way (the server stops, a constraint is violated), the transaction rolls back and the
database is as it was. Loads running at once take turns: each ends mirroring its sources.
Reads are routed to readers. Labels and relationship types come from the model's enums only;
every value travels as a ``$parameter``.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Mapping
from typing import Any, LiteralString, cast

from dealgraph.errors import QueryError, StoreError, StoreUnavailableError
from dealgraph.graph.dataset import Change, Dataset
from dealgraph.graph.model import ALLOWED, Kind, RelType, allowed_text
from dealgraph.graph.readonly import check_neo4j
from dealgraph.graph.rows import claim_row, entity_row, read_dataset
from dealgraph.graph.store import Result, plain_value

BATCH_SIZE = 5000
DEFAULT_DATABASE = "neo4j"
SERVER_HINT = "start one (scripts/neo4j-server start) or point --store or NEO4J_URI at a running server"

# The driver logs retries and routing failures as warnings; dealgraph reports errors itself.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False


#: The label every dealgraph node carries beside its kind: one unique id across kinds, so a
#: relationship batch finds both ends through one index whatever their kinds.
ENTITY_LABEL = "Entity"
#: The label of the load lock: a node that exists only inside a load's transaction. Its unique
#: id makes a second load's MERGE wait until the first commits or rolls back, so that the
#: second reads what the first wrote; nobody outside a load ever sees the node.
LOCK_LABEL = "DealgraphLoadLock"
TAKE_LOAD_LOCK = f"MERGE (l:{LOCK_LABEL} {{id: 'load'}}) RETURN l.id"
RELEASE_LOAD_LOCK = f"MATCH (l:{LOCK_LABEL}) DELETE l"


def schema_statements() -> list[str]:
    """Constraints and indexes, idempotent: a unique id per label and per relationship type,
    names, aliases."""
    statements = [
        f"CREATE CONSTRAINT dealgraph_{label}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in [ENTITY_LABEL, *(k.value for k in Kind)]
    ]
    statements += [f"CREATE INDEX dealgraph_{k.value}_name IF NOT EXISTS FOR (n:{k.value}) ON (n.name)" for k in Kind]
    statements.append(
        f"CREATE FULLTEXT INDEX dealgraph_names IF NOT EXISTS FOR (n:{ENTITY_LABEL}) ON EACH [n.name, n.aliases]"
    )
    statements.append(
        f"CREATE CONSTRAINT dealgraph_{LOCK_LABEL}_id IF NOT EXISTS FOR (n:{LOCK_LABEL}) REQUIRE n.id IS UNIQUE"
    )
    # A claim id is unique per relationship type, so that two loads running at once cannot both
    # MERGE the same claim (the constraint's index replaces the plain id index of earlier stores).
    for t in RelType:
        statements += [
            f"DROP INDEX dealgraph_{t.value}_id IF EXISTS",
            f"CREATE CONSTRAINT dealgraph_{t.value}_claim_id IF NOT EXISTS "
            f"FOR ()-[r:{t.value}]-() REQUIRE r.id IS UNIQUE",
        ]
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


#: Claims the sources no longer state, or whose type or ends changed (keys: type|id|source|target).
DELETE_STALE_CLAIMS = (
    f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL}) "
    "WHERE NOT (type(r) + '|' + r.id + '|' + a.id + '|' + b.id) IN $keys DELETE r"
)
#: Entities the sources no longer state, or whose kind changed (keys: id|kind).
DELETE_ALL = f"MATCH (n:{ENTITY_LABEL}) DETACH DELETE n"
DELETE_STALE_ENTITIES = f"MATCH (n:{ENTITY_LABEL}) WHERE NOT (n.id + '|' + n.kind) IN $keys DETACH DELETE n"


def _merge_entities(kind: Kind) -> str:
    return (
        f"UNWIND $rows AS row MERGE (n:{ENTITY_LABEL} {{id: row.id}}) SET n = row, n:{kind.value} "
        "RETURN count(n) AS n"
    )


def _merge_claims(rel: RelType) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{ENTITY_LABEL} {{id: row.source}}) MATCH (b:{ENTITY_LABEL} {{id: row.target}}) "
        f"MERGE (a)-[r:{rel.value} {{id: row.id}}]->(b) SET r = row.props RETURN count(r) AS n"
    )


def _graph_value(value: Any) -> Any:
    """Nodes, relationships and paths as dicts shaped like LadybugDB's; the rest plain."""
    import neo4j.graph

    if isinstance(value, neo4j.graph.Node):
        return {"_id": value.element_id, "_label": next(iter(value.labels), None), **_graph_value(dict(value))}
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
        retry_seconds: float = 15.0,
    ):
        if batch_size < 1:
            raise StoreError(f"batch size must be at least 1, not {batch_size}")
        self.uri = uri
        self.location = uri
        self.user = user or "neo4j"
        self.password = password
        self.database = database or DEFAULT_DATABASE
        self.batch_size = batch_size
        self.retry_seconds = retry_seconds
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
        import neo4j

        driver = self._connect()
        try:
            with driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                return cast(Dataset, session.execute_read(_read_tx))
        except Exception as exc:
            raise self._query_failure(exc) from None

    def load(self, dataset: Dataset) -> Change:
        """Make the database mirror ``dataset`` in one transaction; returns what changed."""
        import neo4j
        import neo4j.exceptions as ne

        self.ensure_schema()
        driver = self._connect()
        try:
            with driver.session(database=self.database, default_access_mode=neo4j.WRITE_ACCESS) as session:
                return cast(Change, session.execute_write(_load_tx, dataset, self.batch_size))
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
    return read_dataset(lambda q: _records(tx, q), ENTITY_LABEL)


def _load_tx(tx: Any, dataset: Dataset, batch_size: int) -> Change:
    tx.run(TAKE_LOAD_LOCK).consume()  # first: a load running already is waited for here
    change = _mirror(tx, dataset, batch_size)
    tx.run(RELEASE_LOAD_LOCK).consume()  # the node is never committed; its lock ends with the transaction
    return change


def _mirror(tx: Any, dataset: Dataset, batch_size: int) -> Change:
    rebuild = False
    try:
        old = _read_tx(tx)
    except (ValueError, KeyError, TypeError):  # hand-written data the model rejects: rewrite all
        old, rebuild = Dataset(), True
    change = Change.between(old, dataset)
    if change.empty and not rebuild:  # unreadable data is rewritten even when the sources are empty
        return change

    for c in dataset.claims.values():
        for end in (c.source, c.target):
            if end not in dataset.entities:
                raise _IncompleteLoad(f"claim '{c.id}' joins '{end}', an entity the load does not hold")
        source, target = dataset.entities[c.source].kind, dataset.entities[c.target].kind
        if source not in ALLOWED[c.type][0] or target not in ALLOWED[c.type][1]:
            raise _IncompleteLoad(
                f"claim '{c.id}': {c.type.value} cannot join {source.value} → {target.value} "
                f"(allowed: {allowed_text(c.type)})"
            )

    # What the sources no longer state goes first: claims (also those that moved or changed
    # type), then entities (also those that changed kind, with their relationships).
    if rebuild:
        tx.run(DELETE_ALL).consume()
    else:
        claim_keys = [f"{c.type.value}|{c.id}|{c.source}|{c.target}" for c in dataset.claims.values()]
        tx.run(DELETE_STALE_CLAIMS, keys=claim_keys).consume()
        entity_keys = [f"{e.id}|{e.kind.value}" for e in dataset.entities.values()]
        tx.run(DELETE_STALE_ENTITIES, keys=entity_keys).consume()

    # Then what is new or different: unchanged entities and claims are already in place.
    entity_ids = set(change.added_entities) | set(change.updated_entities)
    moved = {i for i in change.updated_entities if old.entities[i].kind != dataset.entities[i].kind}
    claim_ids = set(change.added_claims) | set(change.updated_claims)
    claim_ids |= {c.id for c in dataset.claims.values() if c.source in moved or c.target in moved}

    by_kind: dict[Kind, list[dict[str, Any]]] = defaultdict(list)
    for i in sorted(entity_ids):
        e = dataset.entities[i]
        by_kind[e.kind].append({k: v for k, v in entity_row(e).items() if v is not None})  # absent is null
    for kind, rows in by_kind.items():
        statement = cast(LiteralString, _merge_entities(kind))
        for start in range(0, len(rows), batch_size):
            tx.run(statement, rows=rows[start : start + batch_size]).consume()

    by_type: dict[RelType, list[dict[str, Any]]] = defaultdict(list)
    for i in sorted(claim_ids):
        c = dataset.claims[i]
        props = {k: v for k, v in claim_row(c).items() if v is not None}
        by_type[c.type].append({"id": c.id, "source": c.source, "target": c.target, "props": props})
    for rel, rows in by_type.items():
        statement = cast(LiteralString, _merge_claims(rel))
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            written = tx.run(statement, rows=batch).single(strict=True)["n"]
            if written != len(batch):
                raise _IncompleteLoad(
                    f"{len(batch) - written} of {len(batch)} {rel.value} claims were not written: "
                    "an entity they join is missing"
                )
    return change


__all__ = ["BATCH_SIZE", "ENTITY_LABEL", "Neo4jStore", "schema_statements"]
