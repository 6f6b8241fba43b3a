"""The embedded store: a LadybugDB database in a directory on disk (``./.dealgraph/``)."""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from dealgraph.errors import QueryError, StoreError, StoreLockedError
from dealgraph.graph import bulk
from dealgraph.graph.dataset import Change, Dataset
from dealgraph.graph.model import ALLOWED, Kind, RelType
from dealgraph.graph.readonly import check_embedded
from dealgraph.graph.rows import NODE_PROPERTIES, REL_PROPERTIES, claim_row, entity_row, read_dataset
from dealgraph.graph.store import Result, plain_value

DB_FILE = "graph.lbdb"
SCHEMA_FILE = "schema.sha256"
BATCH_SIZE = 5000
#: A kind or (type, kind pair) with this many rows or more is loaded with COPY FROM a CSV file.
COPY_MIN_ROWS = 50


def _columns(props: Mapping[str, str], *, primary: str | None = None) -> str:
    return ", ".join(f"{name} {kind}" + (" PRIMARY KEY" if name == primary else "") for name, kind in props.items())


def schema_statements() -> list[str]:
    """The DDL of the store, generated from the model: a node table per kind, a rel table per type."""
    statements = [f"CREATE NODE TABLE {k.value}({_columns(NODE_PROPERTIES, primary='id')})" for k in Kind]
    for t in RelType:
        sources, targets = ALLOWED[t]
        pairs = ", ".join(f"FROM {s.value} TO {d.value}" for s in Kind if s in sources for d in Kind if d in targets)
        statements.append(f"CREATE REL TABLE {t.value}({pairs}, {_columns(REL_PROPERTIES)})")
    statements.append("CREATE MACRO type(r) AS label(r)")
    return statements


SCHEMA_SHA = hashlib.sha256("\n".join(schema_statements()).encode()).hexdigest()


def _assignments(props: Mapping[str, str]) -> str:
    # Cast typed columns: a batch whose values are all null would otherwise bind as STRING.
    return ", ".join(
        f"{p}: CAST(row.{p} AS {kind})" if kind != "STRING" else f"{p}: row.{p}" for p, kind in props.items()
    )


_NODE_SET = _assignments(NODE_PROPERTIES)
_REL_SET = _assignments(REL_PROPERTIES)

_LOCK = re.compile(r"Lock is held by PID (\d+)")


class EmbeddedStore:
    """A LadybugDB database in ``directory``; opened lazily, read-only unless writing.

    >>> store = EmbeddedStore(".dealgraph")  # doctest: +SKIP
    >>> store.load(load_sources([bundled_sources()]))  # doctest: +SKIP
    """

    def __init__(self, directory: str | Path, *, batch_size: int = BATCH_SIZE, copy_min_rows: int = COPY_MIN_ROWS):
        self.directory = Path(directory)
        self.location = str(directory)
        self.batch_size = batch_size
        self.copy_min_rows = copy_min_rows
        self._db: Any = None
        self._conn: Any = None
        self._writable = False

    # -- connections -------------------------------------------------------------------
    @property
    def _db_path(self) -> Path:
        return self.directory / DB_FILE

    def _schema_sha(self) -> str | None:
        try:
            return (self.directory / SCHEMA_FILE).read_text().strip()
        except FileNotFoundError:
            return None

    def exists(self) -> bool:
        """Whether a graph has been loaded here."""
        return self._db_path.exists() and self._schema_sha() is not None

    def _connect(self, *, write: bool) -> Any:
        if self._conn is not None and self._writable == write:
            return self._conn
        self.close()
        import ladybug

        if not write:
            if not self.exists():
                raise StoreError(f"no graph in store {self.location} yet; run `dealgraph load` first")
            if self._schema_sha() != SCHEMA_SHA:
                raise StoreError(
                    f"store {self.location} was built by another version of dealgraph; "
                    "run `dealgraph load` to rebuild it"
                )
        else:
            if self.directory.exists() and not self.directory.is_dir():
                raise StoreError(f"store {self.location} is a file, not a directory; use --store DIR")
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create store {self.location}: {exc.strerror}; use --store DIR") from None
        try:
            self._db = ladybug.Database(str(self._db_path), read_only=not write)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            self._db = self._conn = None
            if m := _LOCK.search(str(exc)):
                raise StoreLockedError(
                    f"store {self.location} is locked by another process (pid {m.group(1)}); wait or use --store"
                ) from None
            raise StoreError(f"cannot open store {self.location}: {str(exc).splitlines()[0]}") from None
        self._writable = write
        if write:
            self._ensure_schema()
        return self._conn

    def _ensure_schema(self) -> None:
        if self._schema_sha() == SCHEMA_SHA:
            return
        conn = self._conn
        tables = conn.execute("CALL show_tables() RETURN name, type").get_all()
        for name, _kind in sorted(tables, key=lambda t: t[1] != "REL"):  # relationships first
            if name in {k.value for k in Kind} | {t.value for t in RelType}:
                conn.execute(f"DROP TABLE {name}")
        for macro in ("type",):
            try:
                conn.execute(f"DROP MACRO {macro}")
            except RuntimeError:
                pass
        for statement in schema_statements():
            conn.execute(statement)
        (self.directory / SCHEMA_FILE).write_text(SCHEMA_SHA + "\n")

    def close(self) -> None:
        """Release the database (and its lock)."""
        if self._conn is not None:
            self._conn.close()
        if self._db is not None:
            self._db.close()
        self._db = self._conn = None
        self._writable = False

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the protocol ------------------------------------------------------------------
    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False) -> Result:
        """Run Cypher with parameters; read-only unless ``write``. Raises QueryError."""
        conn = self._connect(write=write)
        try:
            if not write:
                check_embedded(cypher)  # files and extensions: the read-only connection allows them
            result = conn.execute(cypher, dict(params or {}))
        except (RuntimeError, ValueError, TypeError) as exc:
            raise _query_error(exc) from None
        if isinstance(result, list):  # several statements: the last one answers
            result = result[-1]
        columns = list(result.get_column_names())
        return Result(columns, [[plain_value(v) for v in row] for row in result.get_all()])

    def read(self) -> Dataset:
        """The whole graph as a Dataset (empty when nothing was loaded)."""
        if not self.exists():
            return Dataset()
        conn = self._connect(write=self._writable)
        return read_dataset(lambda q: _records(conn.execute(q)))

    def load(self, dataset: Dataset) -> Change:
        """Replace the graph with ``dataset`` in one transaction; returns what changed."""
        conn = self._connect(write=True)
        try:
            old = read_dataset(lambda q: _records(conn.execute(q)))
        except (ValueError, KeyError, TypeError):  # hand-written data the model rejects: rebuild all
            old = Dataset()
        change = Change.between(old, dataset)
        if change.empty:
            return change
        for c in dataset.claims.values():
            for end in (c.source, c.target):
                if end not in dataset.entities:
                    raise StoreError(
                        f"load into {self.location} failed and was rolled back: "
                        f"claim '{c.id}' joins '{end}', an entity the load does not hold"
                    )
        with tempfile.TemporaryDirectory(prefix="dealgraph-load-") as tmp:
            try:
                writes = self._writes(dataset, Path(tmp))
            except ValueError as exc:
                raise StoreError(f"cannot load into {self.location}: {exc}; set TMPDIR to another directory") from None
            except OSError as exc:  # a full or read-only TMPDIR: nothing was written to the store
                raise StoreError(
                    f"cannot load into {self.location}: cannot write {exc.filename or tmp}: {exc.strerror}; "
                    "nothing was loaded (free space there, or set TMPDIR to another directory)"
                ) from None
            self._replace(conn, writes, nodes=len(dataset.entities), rels=len(dataset.claims))
        return change

    def _writes(self, dataset: Dataset, directory: Path) -> list[_Write]:
        """The statements writing ``dataset``, nodes first: per kind and per (type, kind pair), a
        COPY from a CSV file written in ``directory`` when it has ``copy_min_rows`` rows or more,
        else ``UNWIND`` batches (cheaper for a handful of rows)."""
        by_kind: dict[Kind, list[dict[str, Any]]] = defaultdict(list)
        for e in dataset.entities.values():
            by_kind[e.kind].append(entity_row(e))
        by_pair: dict[tuple[RelType, Kind, Kind], list[dict[str, Any]]] = defaultdict(list)
        for c in dataset.claims.values():
            pair = (c.type, dataset.entities[c.source].kind, dataset.entities[c.target].kind)
            by_pair[pair].append({bulk.FROM_COLUMN: c.source, bulk.TO_COLUMN: c.target, **claim_row(c)})
        writes: list[_Write] = []
        for kind, rows in sorted(by_kind.items(), key=lambda kv: kv[0].value):
            if len(rows) >= self.copy_min_rows:
                path = directory / f"{kind.value}.csv"
                bulk.write_csv(path, NODE_PROPERTIES, rows)
                writes.append(_Write(bulk.copy_statement(kind.value, path, NODE_PROPERTIES)))
                continue
            statement = f"UNWIND $rows AS row CREATE (n:{kind.value} {{{_NODE_SET}}}) RETURN count(n)"
            writes.extend(_Write(statement, batch) for batch in _batches(rows, self.batch_size))
        for (rel, src, dst), rows in sorted(by_pair.items(), key=lambda kv: tuple(k.value for k in kv[0])):
            if len(rows) >= self.copy_min_rows:
                path = directory / f"{rel.value}-{src.value}-{dst.value}.csv"
                bulk.write_csv(path, REL_PROPERTIES, rows, ends=True)
                writes.append(_Write(bulk.copy_statement(rel.value, path, REL_PROPERTIES, pair=(src.value, dst.value))))
                continue
            statement = (
                f"UNWIND $rows AS row MATCH (a:{src.value} {{id: row.{bulk.FROM_COLUMN}}}), "
                f"(b:{dst.value} {{id: row.{bulk.TO_COLUMN}}}) "
                f"CREATE (a)-[r:{rel.value} {{{_REL_SET}}}]->(b) RETURN count(r)"
            )
            writes.extend(_Write(statement, batch) for batch in _batches(rows, self.batch_size))
        return writes

    def _replace(self, conn: Any, writes: list[_Write], *, nodes: int, rels: int) -> None:
        """Replace the graph with what ``writes`` write, in one transaction; checks the counts."""
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute("MATCH (n) DETACH DELETE n")
            for write in writes:
                if write.rows is None:
                    conn.execute(write.statement)
                elif (written := conn.execute(write.statement, {"rows": write.rows}).get_next()[0]) != len(write.rows):
                    raise RuntimeError(
                        f"{len(write.rows) - written} of {len(write.rows)} rows were not written: "
                        "an entity they join is missing"
                    )
            counts = (
                conn.execute("MATCH (n) RETURN count(n)").get_next()[0],
                conn.execute("MATCH ()-[r]->() RETURN count(r)").get_next()[0],
            )
            if counts != (nodes, rels):
                raise RuntimeError(f"wrote {counts[0]} entities and {counts[1]} claims instead of {nodes} and {rels}")
            conn.execute("COMMIT")
        except BaseException as exc:
            try:
                conn.execute("ROLLBACK")
            except RuntimeError:
                pass  # the engine already rolled back
            if isinstance(exc, RuntimeError):
                raise StoreError(
                    f"load into {self.location} failed and was rolled back: {str(exc).splitlines()[0]}"
                ) from None
            raise


@dataclass(frozen=True)
class _Write:
    """One statement of a load: a COPY (no rows), or an UNWIND over ``rows``."""

    statement: str
    rows: list[dict[str, Any]] | None = None


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def _records(result: Any) -> list[dict[str, Any]]:
    columns = result.get_column_names()
    return [dict(zip(columns, map(plain_value, row), strict=True)) for row in result.get_all()]


def _query_error(exc: Exception) -> QueryError:
    text = str(exc)
    first = text.splitlines()[0] if text else "unknown error"
    if "read-only database" in text:
        return QueryError("the query writes, and the store is open read-only; pass --write to allow writes")
    return QueryError(f"Cypher error: {first}")
