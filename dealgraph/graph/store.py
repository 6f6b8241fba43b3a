"""The store protocol every backend implements, and the result of a Cypher query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from dealgraph.graph.dataset import Change, Dataset


@dataclass(frozen=True)
class Result:
    """Rows of a query with their column names; values are plain Python (dates as ``date``)."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


_PLAIN = frozenset({str, int, float, bool, type(None), dt.date})


def plain_value(value: Any) -> Any:
    """A value as plain Python: lists and dicts recursively, store dates as ``datetime.date``."""
    if type(value) in _PLAIN:  # the common case first: reading a large graph calls this millions of times
        return value
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    if isinstance(value, dt.datetime | dt.date | str | int | float | bool) or value is None:
        return value
    to_native = getattr(value, "to_native", None)  # neo4j.time types
    return to_native() if to_native else value


@runtime_checkable
class Store(Protocol):
    """A place the graph lives. Implementations: EmbeddedStore (LadybugDB); Neo4jStore next.

    ``load`` replaces the whole graph with a dataset in one transaction and returns what
    changed; ``read`` gives it back; ``query`` runs Cypher with ``$parameters``, read-only
    unless ``write=True``.
    """

    location: str

    def load(self, dataset: Dataset) -> Change: ...

    def read(self) -> Dataset: ...

    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False) -> Result: ...

    def close(self) -> None: ...


def loaded_graph(store: Store) -> Dataset:
    """The store's graph; StoreError when nothing has been loaded into it yet (an answer about
    an empty store, such as "no conflicts", would be confidently wrong)."""
    from dealgraph.errors import StoreError

    data = store.read()
    if not data.entities:
        raise StoreError(f"no graph in store {store.location} yet; run `dealgraph load` first")
    return data
