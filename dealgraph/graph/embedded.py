"""The embedded store: LadybugDB databases in a directory on disk (``./.dealgraph/``).

A load never writes into the graph that readers use. It builds the new graph in a new
*generation* directory beside the live one, commits and checkpoints it there, then switches
it in by renaming one small pointer file (``CURRENT``, fsynced), and removes the old generation
after. Whatever stops a load (a full disk, ``kill -9``, a crash in the engine's commit or
checkpoint) leaves ``CURRENT`` naming a complete graph, the old one or the new one; readers open
whatever ``CURRENT`` names and never meet a half-written database or a pending checkpoint. The
next load removes what an unfinished one left behind. Layout::

    .dealgraph/
      CURRENT                  the name of the live generation, e.g. "graph-000007-4242"
      graph-000007-4242/       a generation: graph.lbdb (the LadybugDB database) and schema.sha256
      write.lock               held (flock) by the process loading or writing; holds its pid
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from dealgraph.errors import QueryError, StoreError, StoreLockedError
from dealgraph.graph import bulk, engine
from dealgraph.graph.dataset import Change, Dataset
from dealgraph.graph.readonly import check_embedded
from dealgraph.graph.rows import (
    NODE_PROPERTIES,
    REL_PROPERTIES,
    claim_values,
    entity_values,
    no_cycle_collection,
    read_dataset,
    read_queries,
    row_claim,
    row_entity,
)
from dealgraph.graph.store import Result, plain_value
from dealgraph.graph.vocabulary import ALLOWED, Kind, RelType

DB_FILE = "graph.lbdb"
SCHEMA_FILE = "schema.sha256"
CURRENT_FILE = "CURRENT"
LOCK_FILE = "write.lock"
BATCH_SIZE = 5000
#: Rows of the live graph read at a time for a load's change report.
DIFF_BATCH = 10_000
#: A kind or (type, kind pair) with this many rows or more is loaded with COPY FROM an Arrow table,
#: a smaller one with UNWIND batches. COPY is the faster from one row on: at 10,000 relationships
#: (28 per kind pair on average) a load took 5.6 s and 0.65 GB with every group copied, 10.3 s
#: and 3.8 GB with groups under 50 rows unwound (benchmarks/load.py's graph, a busy machine).
COPY_MIN_ROWS = 1
#: A generation directory: ``graph-<sequence>-<pid of the process that built it>``.
_GENERATION = re.compile(r"graph-(\d{6,})-(\d+)")
#: The steps of a load, in order, at which ``EmbeddedStore(hook=…)`` is called (for tests).
LOAD_STEPS = ("building", "committing", "committed", "checkpointing", "checkpointed", "switching", "switched")


def _columns(props: Mapping[str, str], *, primary: str | None = None) -> str:
    return ", ".join(f"{name} {kind}" + (" PRIMARY KEY" if name == primary else "") for name, kind in props.items())


def schema_statements(used: Collection[tuple[RelType, Kind, Kind]] | None = None) -> list[str]:
    """The DDL of the store, generated from the model: a node table per kind, a rel table per type.

    A rel table joins the kind pairs in ``used`` (those a load's data joins), else every pair its
    type allows; a type with no used pair keeps its first allowed pair, so that every table
    exists. Fewer pairs make a smaller database that opens faster; a query naming a pair not
    declared finds nothing, as it would in the data.
    """
    statements = [f"CREATE NODE TABLE {k.value}({_columns(NODE_PROPERTIES, primary='id')})" for k in Kind]
    for t in RelType:
        sources, targets = ALLOWED[t]
        allowed = [(s, d) for s in Kind if s in sources for d in Kind if d in targets]
        declared = allowed if used is None else [(s, d) for s, d in allowed if (t, s, d) in used] or allowed[:1]
        pairs = ", ".join(f"FROM {s.value} TO {d.value}" for s, d in declared)
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
    """LadybugDB databases in ``directory``; opened lazily, read-only unless writing.

    ``hook``, for tests, is called with each of ``LOAD_STEPS`` and the new generation's
    directory as a load reaches it (a test may stop or kill the process there).

    >>> store = EmbeddedStore(".dealgraph")  # doctest: +SKIP
    >>> store.load(load_sources([bundled_sources()]))  # doctest: +SKIP
    """

    def __init__(
        self,
        directory: str | Path,
        *,
        batch_size: int = BATCH_SIZE,
        copy_min_rows: int = COPY_MIN_ROWS,
        hook: Callable[[str, Path], None] | None = None,
    ):
        self.directory = Path(directory)
        self.location = str(directory)
        self.batch_size = batch_size
        self.copy_min_rows = copy_min_rows
        self.hook = hook
        #: Called with (steps done, steps in all) as a load writes (``dealgraph.progress``).
        self.progress: Callable[[int, int], None] | None = None
        self._db: Any = None
        self._conn: Any = None
        self._writable = False
        self._lock_fd: int | None = None

    # -- generations -------------------------------------------------------------------
    def _current_name(self) -> str | None:
        name = _read_text(self.directory / CURRENT_FILE)
        if name is None:
            return None
        if not _GENERATION.fullmatch(name):
            raise StoreError(
                f"store {self.location} is damaged: {CURRENT_FILE} names no graph ({name[:40]!r}); "
                "run `dealgraph load` to rebuild it"
            )
        return name

    def current_generation(self) -> Path | None:
        """The directory of the live graph (its database is ``DB_FILE`` inside), or None."""
        name = self._current_name()
        return None if name is None else self.directory / name

    def _generations(self) -> list[tuple[int, int, Path]]:
        """(sequence, builder pid, directory) of every generation directory, oldest first."""
        try:
            entries = list(self.directory.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        found = [(int(m.group(1)), int(m.group(2)), e) for e in entries if (m := _GENERATION.fullmatch(e.name))]
        return sorted(found)

    def _legacy(self) -> bool:
        """Whether the directory holds a database in the layout of dealgraph before generations."""
        return (self.directory / DB_FILE).exists()

    def exists(self) -> bool:
        """Whether a graph has been loaded here."""
        generation = self.current_generation()
        return generation is not None and (generation / DB_FILE).exists()

    def unfinished_loads(self) -> list[int]:
        """Pids of loads that started after the live graph and stopped before switching theirs in
        (killed, or their machine stopped); the next load removes what they left."""
        name = self._current_name()
        live = int(_GENERATION.fullmatch(name).group(1)) if name else -1  # type: ignore[union-attr]
        return [pid for seq, pid, _ in self._generations() if seq > live and not _running(pid)]

    # -- connections -------------------------------------------------------------------
    def _connect(self, *, write: bool) -> Any:
        if self._conn is not None and self._writable == write:
            return self._conn
        self.close()
        if write:
            self._lock()
            try:
                if not self.exists():
                    self._build_and_switch(Dataset())
                return self._open(self.current_generation(), write=True)  # type: ignore[arg-type]
            except BaseException:
                self.close()
                raise
        for _ in range(5):
            generation = self.current_generation()
            if generation is None or not (generation / DB_FILE).exists():
                if generation is None and self._legacy():
                    raise StoreError(
                        f"store {self.location} was built by another version of dealgraph; "
                        "run `dealgraph load` to rebuild it"
                    )
                if generation is not None and self._current_name() != generation.name:
                    continue  # a load switched graphs meanwhile: open the new one
                if generation is not None:
                    raise StoreError(
                        f"store {self.location} is damaged: its graph {generation.name} is missing; "
                        "run `dealgraph load` to rebuild it"
                    )
                raise StoreError(f"no graph in store {self.location} yet; run `dealgraph load` first")
            if _schema_sha(generation) != SCHEMA_SHA:
                raise StoreError(
                    f"store {self.location} was built by another version of dealgraph; "
                    "run `dealgraph load` to rebuild it"
                )
            try:
                return self._open(generation, write=False)
            except StoreError:
                if self._current_name() == generation.name:
                    raise
        raise StoreError(f"store {self.location} kept changing while opening it (loads running?); try again")

    def _open(self, generation: Path, *, write: bool) -> Any:
        ladybug = engine.ladybug()

        try:
            self._db = ladybug.Database(str(generation / DB_FILE), read_only=not write)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            self._db = self._conn = None
            if m := _LOCK.search(str(exc)):
                raise StoreLockedError(
                    f"store {self.location} is locked by another process (pid {m.group(1)}); wait or use --store"
                ) from None
            first = str(exc).splitlines()[0]
            if not write and ("recovery" in first or "WAL" in first):  # a `cypher --write` stopped mid-way
                raise StoreError(
                    f"cannot open store {self.location}: {first}; run `dealgraph load` to rebuild it"
                ) from None
            raise StoreError(f"cannot open store {self.location}: {first}") from None
        self._writable = write
        return self._conn

    def _lock(self) -> None:
        """Take the store's write lock (one loading or writing process at a time)."""
        if self._lock_fd is not None:
            return
        if self.directory.exists() and not self.directory.is_dir():
            raise StoreError(f"store {self.location} is a file, not a directory; use --store DIR")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot create store {self.location}: {exc.strerror}; use --store DIR") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
            os.close(fd)
            raise StoreLockedError(
                f"store {self.location} is locked by another process (pid {holder or 'unknown'}); wait or use --store"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.ftruncate(self._lock_fd, 0)
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    @property
    def open_read_only(self) -> bool:
        """Whether the database is open, read-only (closing it then writes nothing back)."""
        return self._conn is not None and not self._writable

    def close(self) -> None:
        """Release the database (and the write lock)."""
        if self._conn is not None:
            self._conn.close()
        if self._db is not None:
            self._db.close()
        self._db = self._conn = None
        self._writable = False
        self._unlock()

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
        if self._conn is None and not self.exists() and not self._legacy():
            return Dataset()
        conn = self._connect(write=self._writable)
        return read_dataset(lambda q: _records(conn.execute(q)))

    def load(self, dataset: Dataset) -> Change:
        """Replace the graph with ``dataset``, all or nothing; returns what changed.

        The new graph is built in a new generation directory and switched in by one rename:
        readers see the old graph until then, and a load that stops anywhere (an error, a full
        disk, ``kill -9``) leaves the old graph in place. Raises StoreError, StoreLockedError.
        """
        for c in dataset.claims.values():
            for end in (c.source, c.target):
                if end not in dataset.entities:
                    raise StoreError(
                        f"load into {self.location} failed and was rolled back: "
                        f"claim '{c.id}' joins '{end}', an entity the load does not hold"
                    )
        self.close()
        self._lock()
        try:
            with no_cycle_collection():
                rows = _Rows.of(dataset)
                change = self._change_from_live(dataset, rows)
                self._remove_generations(keep=self._current_name())
                if not change.empty or not self.exists():
                    self._build_and_switch(dataset, rows)
        finally:
            self.close()
        return change

    # -- loading -----------------------------------------------------------------------
    def _change_from_live(self, dataset: Dataset, rows: _Rows) -> Change:
        """What loading ``dataset`` (whose store rows are ``rows``) changes in the live graph.

        The same report as ``Change.between(live graph, dataset)``, without holding the live graph:
        its rows are streamed in batches and compared with ``rows``; only a row that differs is
        turned into its entity or claim (to compare as the model does). A live graph that cannot
        be read, or that the model rejects, counts as empty (the load rebuilds it whole).
        """
        live = self._live_directory()
        if live is None:
            return Change.between(Dataset(), dataset)
        try:
            self._open(live, write=False)
        except StoreLockedError:
            raise
        except StoreError:  # a database the engine cannot open (a pending checkpoint): rebuilt whole
            return Change.between(Dataset(), dataset)
        conn = self._conn
        try:
            # A query per table: the engine holds a query's whole result until it is read.
            entities = _diff_rows(
                (conn.execute(read_queries(k.value)[0]) for k in Kind),
                dataset.entities,
                rows.entities,
                key=0,
                same=lambda r, new, _: tuple(r) == new,
                model=lambda row: row_entity(row),
            )
            claims = _diff_rows(
                (conn.execute(read_queries(rel_type=t.value)[1]) for t in RelType),
                dataset.claims,
                rows.claims,
                key=3,
                same=lambda r, new, claim: r[1] == claim.type.value and (r[0], r[2], *r[3:]) == new,
                model=lambda row: row_claim(row, type=row["type"], source=row["source"], target=row["target"]),
            )
        except (ValueError, KeyError, TypeError):  # hand-written data the model rejects: rebuild all
            return Change.between(Dataset(), dataset)
        finally:
            self._conn.close()
            self._db.close()
            self._db = self._conn = None
        return Change(*entities, *claims)

    def _live_directory(self) -> Path | None:
        """The directory of the live graph if this version of dealgraph wrote it, else None."""
        if self.exists():
            generation = self.current_generation()
            return generation if _schema_sha(generation) == SCHEMA_SHA else None  # type: ignore[arg-type]
        if self._legacy() and _schema_sha(self.directory) == SCHEMA_SHA:
            return self.directory
        return None

    def _step(self, step: str, generation: Path) -> None:
        if self.hook is not None:
            self.hook(step, generation)

    def _build_and_switch(self, dataset: Dataset, rows: _Rows | None = None) -> None:
        """Build ``dataset`` (whose store rows are ``rows``, made here if not given) in a new
        generation, switch it in, remove the old one (lock held)."""
        sequences = [seq for seq, _, _ in self._generations()]
        generation = self.directory / f"graph-{max(sequences, default=0) + 1:06d}-{os.getpid()}"
        try:
            writes, used = self._writes(dataset, rows or _Rows.of(dataset))
            self._build(generation, writes, used=used, nodes=len(dataset.entities), rels=len(dataset.claims))
            self._switch(generation)
        except BaseException as exc:
            free = _free_bytes(self.directory)
            if _read_text(self.directory / CURRENT_FILE) != generation.name:  # not switched in
                shutil.rmtree(generation, ignore_errors=True)
            if isinstance(exc, RuntimeError | OSError):
                raise StoreError(self._failure(exc, free=free)) from None
            raise
        self._remove_generations(keep=generation.name)
        for legacy in (DB_FILE, DB_FILE + ".wal", DB_FILE + ".shadow", SCHEMA_FILE):
            try:
                (self.directory / legacy).unlink()
            except OSError:
                pass

    def _failure(self, exc: BaseException, *, free: int | None) -> str:
        """The message for a load that failed with ``exc``, ``free`` bytes left on the store's disk
        when it did (the engine words a full disk as a failed read at times)."""
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        full = getattr(exc, "errno", None) == errno.ENOSPC or "No space left on device" in str(exc)
        io_error = isinstance(exc, OSError) or "IO exception" in text
        if full or (io_error and free is not None and free < 2**20):
            return (
                f"load into {self.location} failed and was rolled back: the disk is full; the store keeps its "
                "previous graph; free space (a load needs room for the old and the new graph side by side) "
                "or use --store on another disk"
            )
        return f"load into {self.location} failed and was rolled back: {text}"

    def _build(
        self, generation: Path, writes: list[_Write], *, used: set[tuple[RelType, Kind, Kind]], nodes: int, rels: int
    ) -> None:
        """Write a new database in ``generation``: schema, then the graph, each statement committed
        as it runs (the generation is no graph until switched in, so it needs no one transaction:
        one would hold every row in memory until its commit), checkpointed (no write-ahead log
        left), then fsynced."""
        ladybug = engine.ladybug()

        generation.mkdir()
        self._step("building", generation)
        db = ladybug.Database(str(generation / DB_FILE), auto_checkpoint=False)
        conn: Any = ladybug.Connection(db)
        try:
            for statement in schema_statements(used):
                conn.execute(statement)
            self._step("committing", generation)
            for done, write in enumerate(writes, 1):
                if self.progress is not None:
                    self.progress(done, len(writes) + 1)  # the checkpoint is the last step
                result = conn.execute(write.statement, {"rows": write.rows})
                if write.copy:
                    continue  # a COPY fails whole when an end is missing
                if (written := result.get_next()[0]) != len(write.rows):
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
            self._step("committed", generation)
            self._step("checkpointing", generation)
            conn.execute("CHECKPOINT")
            self._step("checkpointed", generation)
        finally:
            conn.close()
            db.close()
        if (generation / (DB_FILE + ".wal")).exists():
            raise RuntimeError("the engine left a write-ahead log after its checkpoint")
        (generation / SCHEMA_FILE).write_text(SCHEMA_SHA + "\n")
        for name in (DB_FILE, SCHEMA_FILE, "."):
            _fsync(generation / name)

    def _switch(self, generation: Path) -> None:
        """Make ``generation`` the live graph: write the pointer beside, fsync, rename, fsync."""
        pointer = self.directory / (CURRENT_FILE + ".new")
        with pointer.open("w") as f:
            f.write(generation.name + "\n")
            f.flush()
            os.fsync(f.fileno())
        self._step("switching", generation)
        os.replace(pointer, self.directory / CURRENT_FILE)
        _fsync(self.directory)
        self._step("switched", generation)

    def _remove_generations(self, *, keep: str | None) -> None:
        """Remove every generation but ``keep``: superseded ones and unfinished loads (lock held;
        a reader that still has an old one open keeps reading it)."""
        for _, _, path in self._generations():
            if path.name != keep:
                shutil.rmtree(path, ignore_errors=True)
        try:
            (self.directory / (CURRENT_FILE + ".new")).unlink()
        except OSError:
            pass

    def _writes(self, dataset: Dataset, rows: _Rows) -> tuple[list[_Write], set[tuple[RelType, Kind, Kind]]]:
        """The statements writing ``dataset`` (whose store rows are ``rows``, freed here once in
        tables), nodes first, and the (type, kind pairs) its claims join: per kind and per (type,
        kind pair), a COPY from a slice of one Arrow table (per table kind: nodes, relationships)
        when it has ``copy_min_rows`` rows or more, else ``UNWIND`` batches (cheaper for a
        handful of rows)."""
        by_kind: dict[Kind, list[tuple[Any, ...]]] = defaultdict(list)
        for key, e in dataset.entities.items():
            by_kind[e.kind].append(rows.entities[key])
        by_pair: dict[tuple[RelType, Kind, Kind], list[tuple[Any, ...]]] = defaultdict(list)
        entities = dataset.entities
        for key, c in dataset.claims.items():
            by_pair[c.type, entities[c.source].kind, entities[c.target].kind].append(rows.claims[key])
        rows.free()
        nodes = {
            kind.value: (
                bulk.copy_statement(kind.value),
                f"UNWIND $rows AS row CREATE (n:{kind.value} {{{_NODE_SET}}}) RETURN count(n)",
                rows,
            )
            for kind, rows in by_kind.items()
        }
        rels = {
            (rel.value, src.value, dst.value): (
                bulk.copy_statement(rel.value, pair=(src.value, dst.value)),
                f"UNWIND $rows AS row MATCH (a:{src.value} {{id: row.{bulk.FROM_COLUMN}}}), "
                f"(b:{dst.value} {{id: row.{bulk.TO_COLUMN}}}) "
                f"CREATE (a)-[r:{rel.value} {{{_REL_SET}}}]->(b) RETURN count(r)",
                rows,
            )
            for (rel, src, dst), rows in by_pair.items()
        }
        writes = self._group_writes(nodes, NODE_PROPERTIES, ends=False)
        return writes + self._group_writes(rels, REL_PROPERTIES, ends=True), set(by_pair)

    def _group_writes(
        self, groups: Mapping[Any, tuple[str, str, list[tuple[Any, ...]]]], props: Mapping[str, str], *, ends: bool
    ) -> list[_Write]:
        """For groups (key: copy statement, unwind statement, rows of values in ``bulk.columns``
        order), in key order: COPY from a slice of one Arrow table holding every copied group's
        rows, or UNWIND batches."""
        names = list(bulk.columns(props, ends=ends))
        writes: list[_Write] = []
        copied: list[tuple[str, int]] = []
        rows_copied: list[tuple[Any, ...]] = []
        for key in sorted(groups):
            copy, unwind, rows = groups[key]
            if len(rows) >= self.copy_min_rows:
                copied.append((copy, len(rows)))
                rows_copied.extend(rows)
            else:
                dicts = [dict(zip(names, row, strict=True)) for row in rows]
                writes.extend(_Write(unwind, batch) for batch in _batches(dicts, self.batch_size))
        if copied:
            whole = bulk.table(props, rows_copied, ends=ends)
            offset = 0
            for statement, count in copied:
                writes.append(_Write(statement, whole.slice(offset, count), copy=True))
                offset += count
        return writes


@dataclass
class _Rows:
    """A dataset's store rows, by id: an entity's values in ``NODE_PROPERTIES`` order, a claim's
    source and target ids then its values in ``REL_PROPERTIES`` order (the bulk load's columns).
    Built once, for the change report and the load's tables; ``free()`` lets them go."""

    entities: dict[str, tuple[Any, ...]]
    claims: dict[str, tuple[Any, ...]]

    @classmethod
    def of(cls, dataset: Dataset) -> _Rows:
        return cls(
            entities={key: entity_values(e) for key, e in dataset.entities.items()},
            claims={key: (c.source, c.target, *claim_values(c)) for key, c in dataset.claims.items()},
        )

    def free(self) -> None:
        self.entities = {}
        self.claims = {}


def _diff_rows(
    results: Iterable[Any],
    models: Mapping[str, Any],
    rows: Mapping[str, tuple[Any, ...]],
    *,
    key: int,
    same: Callable[[list[Any], tuple[Any, ...], Any], bool],
    model: Callable[[dict[str, Any]], Any],
) -> tuple[list[str], list[str], list[str]]:
    """Ids added, removed and updated from the rows of ``results`` (a live graph's, read with
    ``rows.read_queries``) to ``models`` (whose store rows are ``rows``), as ``Change.between``
    finds them. Reads ``DIFF_BATCH`` rows at a time; a live row that ``same`` finds equal to the
    new row is unchanged (rows and models map one to one), any other becomes a model through
    ``model`` (which raises ValueError, KeyError or TypeError for data the model rejects)."""
    seen: set[str] = set()
    removed: set[str] = set()
    updated: set[str] = set()
    for result in results:
        names = result.get_column_names()
        while result.has_next():
            for r in result.get_n(DIFF_BATCH):
                ident = r[key]
                seen.add(ident)
                new = rows.get(ident)
                if new is not None and same(r, new, models[ident]):
                    continue
                old = model(dict(zip(names, map(plain_value, r), strict=True)))
                if new is None:
                    removed.add(ident)
                elif old != models[ident]:
                    updated.add(ident)
        result.close()
    added = [ident for ident in rows if ident not in seen]
    return sorted(added), sorted(removed), sorted(updated)


@dataclass(frozen=True)
class _Write:
    """One statement of a load and its ``$rows``: a COPY from an Arrow table, or an UNWIND over dicts."""

    statement: str
    rows: Any
    copy: bool = False


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


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _schema_sha(directory: Path) -> str | None:
    return _read_text(directory / SCHEMA_FILE)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _free_bytes(directory: Path) -> int | None:
    try:
        st = os.statvfs(directory)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize
