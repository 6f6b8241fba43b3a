"""LadybugDB, imported without asyncio.

``import ladybug`` imports asyncio for its ``AsyncConnection`` (and asyncio imports ssl, socket
and subprocess): about a third of the import, and two or three times what Python takes to
start, on every command that opens the embedded store, which never uses it. So while ladybug is
imported, ``asyncio`` is a stand-in that imports the real asyncio on first use (ladybug touches
it only inside ``AsyncConnection``'s methods); afterwards ``import asyncio`` anywhere imports the
real one as ever.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


class _Deferred(types.ModuleType):
    """``asyncio`` as ladybug's ``async_connection`` holds it: each attribute from the real module,
    imported on first use."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get("asyncio") is self:
            del sys.modules["asyncio"]
        return getattr(importlib.import_module("asyncio"), name)


def ladybug() -> types.ModuleType:
    """The ``ladybug`` module (imported once, without importing asyncio unless it already is)."""
    if "ladybug" in sys.modules or "asyncio" in sys.modules:
        return importlib.import_module("ladybug")
    stand_in = _Deferred("asyncio")
    stand_in.__spec__ = None
    sys.modules["asyncio"] = stand_in
    try:
        return importlib.import_module("ladybug")
    finally:
        if sys.modules.get("asyncio") is stand_in:
            del sys.modules["asyncio"]
