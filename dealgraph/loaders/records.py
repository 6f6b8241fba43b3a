"""Raw records read from a source file, each with the lines its fields came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dealgraph.errors import Problem

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


def read_source_text(path: Path, display: str) -> tuple[str, Problem | None]:
    """The file as UTF-8 text, or a problem naming the line and byte offset of the first bad byte."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return "", Problem(display, None, f"cannot read the file: {exc.strerror}")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", Problem(display, line, f"not UTF-8 text (byte offset {exc.start}): {exc.reason}")
