"""Exceptions raised by dealgraph.

Every error says what is wrong and how to fix it; the CLI prints the message and exits 1.

    DealgraphError
    ├── SourceError          one or more problems in the sources (file:line: message each)
    ├── StoreError           the store cannot be opened or used
    │   ├── StoreLockedError     another process holds the embedded store
    │   └── StoreUnavailableError  a Neo4j server cannot be reached or refuses us
    ├── QueryError           Cypher the store rejected (syntax, writes in read-only mode)
    └── NotFoundError        a name that resolves to no entity (with suggestions)
"""

from __future__ import annotations

from typing import NamedTuple


class DealgraphError(Exception):
    """Base class of every error dealgraph raises on purpose."""


class Problem(NamedTuple):
    """One problem found in the sources, located at a file and line (a tuple: the CLI's
    ``--help`` need not import dataclasses)."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class SourceError(DealgraphError):
    """The sources have problems; nothing was loaded. ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the sources; nothing was loaded"
        super().__init__("\n".join([*map(str, self.problems), head]))


class StoreError(DealgraphError):
    """The store cannot be opened or used."""


class StoreLockedError(StoreError):
    """Another process holds the embedded store open for writing."""


class StoreUnavailableError(StoreError):
    """A Neo4j server cannot be reached, or refuses our credentials or database."""


class QueryError(DealgraphError):
    """The store rejected a Cypher query."""


class NotFoundError(DealgraphError):
    """A name resolves to no entity. ``suggestions`` holds close names."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        super().__init__(message)


class QuestionError(DealgraphError):
    """Arguments that name no answerable question (a ledger of an actor with itself)."""
