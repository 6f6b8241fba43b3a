"""The model, the in-memory graph and the stores."""

from __future__ import annotations

import re
from typing import Any

from dealgraph.config import NEO4J_SCHEMES
from dealgraph.errors import StoreError
from dealgraph.graph.store import Store


def open_store(location: str, *, batch_size: int | None = None) -> Store:
    """The store at ``location``: a directory (embedded LadybugDB) or a Neo4j URI.

    Neo4j credentials and database come from ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
    ``NEO4J_DATABASE``. ``batch_size`` sets the rows per write batch of a load.
    """
    options: dict[str, Any] = {"batch_size": batch_size} if batch_size else {}
    if location.startswith(NEO4J_SCHEMES):
        from dealgraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_environment(location, **options)
    if m := re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", location):
        scheme = m.group(1)
        raise StoreError(
            f"unknown store URI scheme '{scheme}://' in {location}; use a directory, or one of "
            + ", ".join(NEO4J_SCHEMES)
        )
    from dealgraph.graph.embedded import EmbeddedStore

    return EmbeddedStore(location, **options)
