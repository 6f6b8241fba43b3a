"""CSV files and ``COPY … FROM`` statements that bulk-load a dataset into LadybugDB.

``COPY`` is about a hundred times faster than ``UNWIND $rows … CREATE`` (see benchmarks/load.py),
but LadybugDB's CSV reader keeps the quotes and trims the spaces of list elements, and cannot
escape a delimiter inside one. So a list property travels as one encoded STRING column, which
the COPY's ``LOAD`` subquery splits back into a list:

- each element is prefixed with ``~`` (so that no piece is empty: ``string_split`` drops empty
  pieces), ``%`` is written ``%25`` and the separator U+001F ``%1F``, and the elements are joined
  by U+001F; the empty list is the empty string, a null list an empty field;
- strings are double-quoted with backslash escapes; an unquoted empty field is NULL;
- dates are ISO text, numbers Python's shortest round-trip ``repr``, booleans ``true``/``false``.

Column types come from ``rows.NODE_PROPERTIES`` / ``REL_PROPERTIES``, so new properties load
without changes here. File paths cannot be parameters of ``LOAD FROM``; they are written into
the statement only after ``safe_path`` has checked them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

SEPARATOR = "\x1f"
FROM_COLUMN, TO_COLUMN = "_from", "_to"
_CSV_OPTIONS = "(header=true, parallel=false, delim=',', quote='\"', escape='\\\\')"
_ELEMENT = f"replace(replace(substring(p, 2, 2147483647), '%1F', '{SEPARATOR}'), '%25', '%')"
_UNSAFE_PATH = re.compile(r"['\\\x00-\x1f`]")
_NUMBERS = frozenset({"DOUBLE", "FLOAT", "INT64", "INT32", "INT16", "INT8", "UINT64", "UINT32", "UINT16", "UINT8"})


def _scalar(kind: str) -> Callable[[Any], str]:
    """How a non-null value of store type ``kind`` is written as text LadybugDB casts back."""
    if kind == "BOOLEAN":
        return lambda v: "true" if v else "false"
    if kind in {"DOUBLE", "FLOAT"}:
        return lambda v: repr(float(v))
    if kind in _NUMBERS:
        return lambda v: str(int(v))
    return lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def encode_list(values: Iterable[Any], element_kind: str = "STRING") -> str:
    """A list as the one string ``decode_list`` turns back into it."""
    text = _scalar(element_kind)
    return SEPARATOR.join("~" + text(v).replace("%", "%25").replace(SEPARATOR, "%1F") for v in values)


def decode_list(column: str, element_kind: str = "STRING") -> str:
    """Cypher turning an ``encode_list`` column back into a ``element_kind[]`` list."""
    element = _ELEMENT if element_kind == "STRING" else f"CAST({_ELEMENT} AS {element_kind})"
    return f"list_transform(list_filter(string_split({column}, '{SEPARATOR}'), p -> p <> ''), p -> {element})"


def field_writer(kind: str) -> Callable[[Any], str]:
    """The function writing one CSV field of a property of store type ``kind`` (``""`` is NULL)."""
    if kind.endswith("[]"):
        element = kind[:-2]
        return lambda v: "" if v is None else _quoted(encode_list(v, element))
    if kind == "STRING":
        return lambda v: "" if v is None else _quoted(str(v))
    text = _scalar(kind)
    return lambda v: "" if v is None else text(v)


def write_csv(path: Path, props: Mapping[str, str], rows: Iterable[Mapping[str, Any]], *, ends: bool = False) -> int:
    """Write ``rows`` (with ``_from``/``_to`` first when ``ends``) to ``path``; returns the row count."""
    columns = {**({FROM_COLUMN: "STRING", TO_COLUMN: "STRING"} if ends else {}), **props}
    writers = [(name, field_writer(kind)) for name, kind in columns.items()]
    count = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(columns) + "\n")
        for row in rows:
            f.write(",".join([write(row.get(name)) for name, write in writers]) + "\n")
            count += 1
    return count


def safe_path(path: Path) -> str:
    """``path`` as it may appear in a statement's string literal; raises ValueError otherwise."""
    text = path.resolve().as_posix()
    if _UNSAFE_PATH.search(text):
        raise ValueError(f"the temporary directory {text} has a quote, backslash or control character in its path")
    return text


def copy_statement(table: str, path: Path, props: Mapping[str, str], *, pair: tuple[str, str] | None = None) -> str:
    """``COPY table FROM (LOAD … RETURN …)`` for a file of ``write_csv``; ``pair`` (from, to) for a
    relationship table joining several kind pairs."""
    columns = {**({FROM_COLUMN: "STRING", TO_COLUMN: "STRING"} if pair else {}), **props}
    header = ", ".join(f"`{name}` {'STRING' if kind.endswith('[]') else kind}" for name, kind in columns.items())
    returned = ", ".join(
        (decode_list(f"`{name}`", kind[:-2]) if kind.endswith("[]") else f"`{name}`") + f" AS `{name}`"
        for name, kind in columns.items()
    )
    load = f"LOAD WITH HEADERS ({header}) FROM '{safe_path(path)}' {_CSV_OPTIONS}"
    statement = f"COPY `{table}` FROM ({load} RETURN {returned})"
    if pair:
        statement += f" (from='{pair[0]}', to='{pair[1]}')"
    return statement
