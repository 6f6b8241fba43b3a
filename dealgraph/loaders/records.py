"""Raw records read from a source file, each with the lines its fields came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

RecordKind = Literal["document", "entity", "claim"]


@dataclass(frozen=True)
class Record:
    """One document, entity or claim as a plain dict, located in its file.

    ``line_of`` maps a field path such as ``("money", "currency")`` to the line it is on.
    """

    kind: RecordKind
    data: dict[str, Any]
    path: str
    line: int
    line_of: Callable[[tuple[str | int, ...]], int] = field(compare=False, default=lambda loc: 0)

    def field_line(self, loc: tuple[str | int, ...]) -> int:
        return self.line_of(loc) or self.line
