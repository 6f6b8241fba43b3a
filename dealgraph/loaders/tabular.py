"""Nodes and edges from CSV or JSON Lines, for users who bring their own data.

CSV: a header with ``kind`` (or neo4j-admin's ``:LABEL``) makes a nodes file, one with ``type``
(or ``:TYPE``) an edges file, one with ``title`` a document registry. neo4j-admin headers
(``id:ID``, ``:START_ID``, ``:END_ID``, ``amount:double``) are accepted. Lists (``aliases``) are
``;``-separated, or a JSON array when an item holds a ``;``; ``evidence``, ``due_history`` and
``attributes`` cells hold JSON. Money may be one JSON ``money`` cell or flat ``amount``,
``currency``, ``qualifier``, ``usd``, ``usd_basis``, ``usd_rate``, ``usd_rate_date`` columns.
Empty cells are absent fields.

JSON Lines: one object per line, shaped like a YAML record; ``type`` makes it a claim, ``kind``
an entity, ``title`` a document.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dealgraph.errors import Problem
from dealgraph.loaders.records import Record, RecordKind, read_source_text

_ADMIN = {":ID": "id", ":LABEL": "kind", ":START_ID": "source", ":END_ID": "target", ":TYPE": "type"}
_LISTS = {"aliases"}
_JSON = {"evidence", "due_history", "attributes", "money"}
_MONEY = {"amount", "currency", "qualifier"}
_USD = {"usd": "amount", "usd_basis": "basis", "usd_rate": "rate", "usd_rate_date": "rate_date"}


def _column(header: str) -> str:
    header = header.strip()
    if header in _ADMIN:
        return _ADMIN[header]
    name, _, suffix = header.partition(":")
    if suffix.upper() in {"ID", "START_ID", "END_ID", "LABEL", "TYPE"}:
        return _ADMIN[":" + suffix.upper()]
    return name


def _kind_of(keys: set[str] | list[str]) -> RecordKind | None:
    if "type" in keys:
        return "claim"
    if "kind" in keys:
        return "entity"
    if "title" in keys:
        return "document"
    return None


def list_cell(cell: str) -> list[str]:
    """A list cell: ``;``-separated (neo4j-admin's array delimiter), or a JSON array of strings
    when it starts with ``[`` and parses as one (``format_list`` writes that when an item holds
    a ``;``). Empty items between separators are dropped."""
    if cell.startswith("["):
        try:
            value = json.loads(cell)
        except (json.JSONDecodeError, RecursionError):
            value = None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
    return [x for x in cell.split(";") if x]


def format_list(items: Sequence[str]) -> str:
    """A list cell that ``list_cell`` reads back exactly: ``;``-separated, as neo4j-admin reads
    it, unless an item holds a ``;`` or is empty, or the cell would start with ``[``; then a
    JSON array (which neo4j-admin reads as one string)."""
    text = ";".join(items)
    if any(";" in x or not x for x in items) or text.startswith("["):
        return json.dumps(list(items), ensure_ascii=False)
    return text


def _row_record(row: dict[str, str], kind: RecordKind) -> dict[str, Any]:
    data: dict[str, Any] = {}
    money: dict[str, Any] = {}
    usd: dict[str, Any] = {}
    for col, cell in row.items():
        if cell is None or cell == "":
            continue
        if col in _LISTS:
            data[col] = list_cell(cell)
        elif col in _JSON:
            data[col] = json.loads(cell)
        elif kind == "claim" and col in _MONEY:
            money[col] = cell
        elif kind == "claim" and col in _USD:
            usd[_USD[col]] = cell
        else:
            data[col] = cell
    if usd:
        money["usd"] = usd
    if money:
        cell = data.get("money", {})
        data["money"] = {**money, **cell} if isinstance(cell, dict) else cell
    return data


def read_csv(path: Path, display: str) -> tuple[list[Record], list[Problem]]:
    """Read a nodes, edges or documents CSV file."""
    text, problem = read_source_text(path, display)
    if problem:
        return [], [problem]
    try:
        reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
        header = next(reader, None)
        if header is None:
            return [], [Problem(display, None, "empty file: expected a header row")]
        columns = [_column(h) for h in header]
        kind = _kind_of(columns)
        if kind is None:
            return [], [
                Problem(display, 1, "header needs a 'kind' (nodes), 'type' (edges) or 'title' (documents) column")
            ]
        records, problems = [], []
        end = reader.line_num
        for values in reader:
            line, end = end + 1, reader.line_num  # a quoted cell may span lines: report the first
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(columns):
                problems.append(Problem(display, line, f"expected {len(columns)} cells, got {len(values)}"))
                continue
            row = dict(zip(columns, values, strict=True))
            try:
                data = _row_record(row, kind)
            except json.JSONDecodeError as exc:
                bad = next(c for c in _JSON if row.get(c) and _bad_json(row[c]))
                problems.append(Problem(display, line, f"{bad}: invalid JSON ({exc.msg})"))
                continue
            except RecursionError:
                problems.append(Problem(display, line, "invalid JSON in a cell: nested too deep"))
                continue
            records.append(Record(kind=kind, data=data, path=display, line=line))
        if not records and not problems:
            problems.append(Problem(display, None, "no rows under the header"))
        return records, problems
    except csv.Error as exc:
        return [], [Problem(display, None, f"invalid CSV: {exc}")]


def _bad_json(cell: str) -> bool:
    try:
        json.loads(cell)
    except json.JSONDecodeError:
        return True
    return False


def read_jsonl(path: Path, display: str) -> tuple[list[Record], list[Problem]]:
    """Read a JSON Lines file of entities, claims and documents."""
    text, problem = read_source_text(path, display)
    if problem:
        return [], [problem]
    records, problems = [], []
    for line_no, line in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028 is in strings
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(display, line_no, f"invalid JSON: {exc.msg} at column {exc.colno}"))
            continue
        except RecursionError:
            problems.append(Problem(display, line_no, "invalid JSON: nested too deep"))
            continue
        kind = _kind_of(list(obj)) if isinstance(obj, dict) else None
        if kind is None:
            problems.append(
                Problem(
                    display,
                    line_no,
                    "expected an object with 'type' (claim), 'kind' (entity) or 'title' (document)",
                )
            )
            continue
        records.append(Record(kind=kind, data=obj, path=display, line=line_no))
    if not records and not problems:
        problems.append(Problem(display, None, "empty file: expected one JSON object per line"))
    return records, problems
