"""Where the store is: ``--store``, else ``$DEALGRAPH_STORE``, else ``$NEO4J_URI``, else ``./.dealgraph``."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_STORE = ".dealgraph"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def store_location(option: str | None = None) -> str:
    """The store to use: the option, else ``$DEALGRAPH_STORE``, else ``$NEO4J_URI``, else ``.dealgraph``."""
    return option or os.environ.get("DEALGRAPH_STORE") or os.environ.get("NEO4J_URI") or DEFAULT_STORE


def bundled_sources() -> Path:
    """The bundled corpus: ``sources/`` beside the package (or inside an installed wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_corpus", here.parent / "sources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled corpus is missing from this installation")
