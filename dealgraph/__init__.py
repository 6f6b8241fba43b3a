"""dealgraph: an evidenced knowledge graph of geo-economic news.

The public API is imported lazily, so that ``dealgraph --help`` stays fast::

    from dealgraph import EmbeddedStore, load, lookups
    store = EmbeddedStore(".dealgraph")
    load(store)
    lookups.actor(store, "Japan")
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing would cost `dealgraph --help` a tenth of its time
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "ALLOWED",
    "Change",
    "Claim",
    "Dataset",
    "DealgraphError",
    "Document",
    "EmbeddedStore",
    "Entity",
    "Evidence",
    "Kind",
    "LoadReport",
    "Money",
    "NotFoundError",
    "PartialDate",
    "QueryError",
    "RelType",
    "Result",
    "SourceError",
    "Status",
    "Store",
    "StoreError",
    "StoreLockedError",
    "bundled_sources",
    "load",
    "load_sources",
    "lookups",
    "named",
    "open_store",
]

_WHERE = {
    "ALLOWED": "dealgraph.graph.model",
    "Claim": "dealgraph.graph.model",
    "Document": "dealgraph.graph.model",
    "Entity": "dealgraph.graph.model",
    "Evidence": "dealgraph.graph.model",
    "Kind": "dealgraph.graph.model",
    "Money": "dealgraph.graph.model",
    "PartialDate": "dealgraph.graph.model",
    "RelType": "dealgraph.graph.model",
    "Status": "dealgraph.graph.model",
    "Change": "dealgraph.graph.dataset",
    "Dataset": "dealgraph.graph.dataset",
    "EmbeddedStore": "dealgraph.graph.embedded",
    "Result": "dealgraph.graph.store",
    "Store": "dealgraph.graph.store",
    "open_store": "dealgraph.graph",
    "DealgraphError": "dealgraph.errors",
    "NotFoundError": "dealgraph.errors",
    "QueryError": "dealgraph.errors",
    "SourceError": "dealgraph.errors",
    "StoreError": "dealgraph.errors",
    "StoreLockedError": "dealgraph.errors",
    "bundled_sources": "dealgraph.config",
    "load": "dealgraph.loading",
    "LoadReport": "dealgraph.loading",
    "load_sources": "dealgraph.loaders",
}
_MODULES = {"lookups": "dealgraph.queries.lookups", "named": "dealgraph.queries.named"}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _MODULES:
        return importlib.import_module(_MODULES[name])
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'dealgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
