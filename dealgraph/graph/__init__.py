"""The model, the in-memory graph and the stores."""

from __future__ import annotations

from dealgraph.config import NEO4J_SCHEMES
from dealgraph.errors import StoreError
from dealgraph.graph.store import Store


def open_store(location: str) -> Store:
    """The store at ``location``: a directory (embedded LadybugDB) or a Neo4j URI."""
    if location.startswith(NEO4J_SCHEMES):
        raise StoreError(f"Neo4j stores ({location}) are not available in this version yet")
    from dealgraph.graph.embedded import EmbeddedStore

    return EmbeddedStore(location)
