"""Text, JSON and CSV renderings of lookup results, for the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Sequence
from typing import Any

from dealgraph.graph.periods import Period
from dealgraph.queries.lookups import ActorReport, Stats, Tie

QUALIFIERS = {"exact": "", "about": "about ", "more_than": "more than ", "at_least": "at least ", "up_to": "up to "}
BASIS = {"stated": "stated by source", "fx": "converted", "same_currency": ""}


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: Characters a terminal acts on rather than shows (escape sequences, bell, carriage return,
#: C1 controls, bidirectional marks, embeddings, overrides and isolates); tab and newline stay.
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def for_terminal(text: str) -> str:
    """``text`` with what a source might say to the terminal shown, not obeyed: ESC as ``\\x1b``."""
    return _TERMINAL_CONTROLS.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def finite(value: Any) -> Any:
    """``value`` with each float that JSON cannot hold (infinities, NaN) as the text
    ``"Infinity"``, ``"-Infinity"`` or ``"NaN"``: strict JSON that says what the value was."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def for_terminal_code(text: str) -> str:
    """JSON or a Cypher script for a terminal: each control character (see ``for_terminal``)
    as a ``\\uXXXX`` escape, which both read as the same string (controls only occur inside
    strings there)."""
    return _TERMINAL_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_json(data: Any) -> str:
    """Pretty, strict JSON (see ``finite``), non-ASCII kept, dates as ISO text."""
    return json.dumps(finite(data), ensure_ascii=False, indent=2, default=_json_default, allow_nan=False)


def amount(value: float) -> str:
    """``550000000000`` → ``550 bn``; ``6e12`` → ``6 tn``."""
    for size, unit in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= size:
            return f"{value / size:,.4g} {unit}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def money(f: dict[str, Any]) -> str:
    """The money of a claim: ``about JPY 6 tn ≈ USD 55 bn (stated by source)``, or ``""``."""
    if f.get("amount") is None:
        return ""
    text = f"{QUALIFIERS.get(f.get('qualifier') or 'exact', '')}{f['currency']} {amount(f['amount'])}"
    if f.get("currency") != "USD":
        if f.get("usd") is None:
            text += " (no USD figure)"
        else:
            text += f" ≈ USD {amount(f['usd'])} ({BASIS.get(f.get('usd_basis') or '', f.get('usd_basis'))})"
    return text


def date(f: dict[str, Any], name: str) -> str:
    value = f.get(name)
    if value is None:
        return ""
    return str(Period(value, f[f"{name}_precision"]))


def dates(f: dict[str, Any]) -> list[str]:
    """The dated parts of a claim, e.g. ``due 2026-02 (moved: 2025-12 → 2026-01 → 2026-02)``."""
    parts = []
    if f.get("due_by") is not None:
        text = f"due {date(f, 'due_by')}"
        if f.get("due_history"):
            steps = [h["due_by"] for h in json.loads(f["due_history"])]
            text += f" (moved: {' → '.join(steps)})"
        parts.append(text)
    if f.get("stated_on") is not None:
        parts.append(f"stated {date(f, 'stated_on')}")
    start, end = date(f, "valid_from"), date(f, "valid_to")
    if start and end:
        parts.append(f"valid {start} → {end}")
    elif start or end:
        parts.append(f"valid from {start}" if start else f"valid until {end}")
    return parts


def tie_details(t: Tie) -> str:
    f = t.fields
    parts = [money(f), *dates(f), f.get("status") or ""]
    if f.get("counterparty") and t.direction != "counterparty":
        parts.append(f"counterparty {f.get('counterparty_name') or f['counterparty']}")
    if f.get("confidence") is not None and f["confidence"] < 1.0:
        parts.append(f"confidence {f['confidence']:g}")
    return " · ".join(p for p in parts if p)


def actor_text(report: ActorReport, as_of: dt.date | None = None) -> str:
    """The actor report as indented text, grouped by type and direction; with ``as_of``,
    what the sources do not date is marked ``(undated)``."""
    e = report.entity
    lines = [f"{e['name']} ({e['id']}) · {e['kind']}"]
    if e.get("aliases"):
        lines.append("aliases: " + ", ".join(e["aliases"]))
    if e.get("attributes"):
        lines.append("attributes: " + ", ".join(f"{k}: {v}" for k, v in e["attributes"].items()))
    if e.get("wikidata"):
        lines.append(f"wikidata: {e['wikidata']}")
    if not report.ties:
        lines += ["", "no relationships"]
    group = None
    for t in report.ties:
        if (t.type, t.direction) != group:
            group = (t.type, t.direction)
            header = {"out": f"{t.type} →", "in": f"← {t.type}", "counterparty": f"{t.type} (as counterparty)"}
            lines += ["", header[t.direction]]
        undated = UNDATED if as_of and t.fields.get("valid_from") is None and t.fields.get("valid_to") is None else ""
        if t.direction == "counterparty":
            lines.append(f"  {t.source.name} ({t.source.id}) → {t.target.name} ({t.target.id}){undated}")
        else:
            lines.append(f"  {t.other.name} ({t.other.id}) · {t.other.kind}{undated}")
        details = tie_details(t)
        if details:
            lines.append(f"    {details}")
        lines.append(f"    evidence: {', '.join(dict.fromkeys(t.fields['evidence_docs']))} · claim {t.claim}")
    return "\n".join(lines)


def actor_json(report: ActorReport, as_of: dt.date | None = None) -> str:
    """The report as JSON; with ``as_of``, that day and what it means first."""
    head = {"as_of": as_of, "as_of_note": AS_OF_ACTOR.format(day=as_of)} if as_of else {}
    ties = [t.as_dict() for t in report.ties]
    if as_of:  # as in path and ledger: false where the sources do not date the relationship
        ties = [{**d, "dated": "valid_from" in d or "valid_to" in d} for d in ties]
    return to_json({**head, "entity": report.entity, "relationships": ties})


#: What ``actor --as-of`` shows and leaves out.
AS_OF_ACTOR = (
    "As of {day}: relationships not yet in force are left out; those marked (undated) the sources do not "
    "date, and they are kept; due dates as they stood then (the sources do not date when a deadline moved: "
    "it counts as moved once it had passed)."
)
#: After a relationship the sources do not date, in ``actor --as-of``.
UNDATED = " (undated)"


TIE_COLUMNS = (
    "source",
    "type",
    "target",
    "counterparty",
    "analysis",
    "money",
    "dates",
    "status",
    "evidence",
    "claim",
)


def analysis_said(t: Tie) -> str:
    """What an analyst said, for an ANALYZES tie: its note (our summary of the reading), else
    its first quote; ``""`` for other types."""
    if t.type != "ANALYZES":
        return ""
    quotes = t.fields.get("evidence_quotes") or []
    return t.fields.get("note") or (f"“{quotes[0]}”" if quotes else "")


def tie_rows(ties: Sequence[Tie]) -> list[list[str]]:
    """One row per tie for TIE_COLUMNS: names, not ids, except the claim's own id."""
    rows = []
    for t in ties:
        f = t.fields
        rows.append(
            [
                t.source.name,
                t.type,
                t.target.name,
                f.get("counterparty_name") or f.get("counterparty") or "",
                analysis_said(t),
                money(f),
                "; ".join(dates(f)),
                f.get("status") or "",
                ", ".join(dict.fromkeys(f["evidence_docs"])),
                t.claim,
            ]
        )
    return rows


def terminal_width() -> int:
    """The width tables fit: ``$COLUMNS`` when it is set to a number, else the terminal's
    (``shutil.get_terminal_size``), else 80 when standard output is not a terminal (a pipe,
    a file), so what is written there does not depend on the window it was started from."""
    import os
    import shutil
    import sys

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        tty = False
    return shutil.get_terminal_size((80, 24)).columns if tty else 80


def fit(text: str, width: int | None = None) -> str:
    """Human-readable text wrapped to the terminal's width (``terminal_width``): a long line
    goes on under its own indentation plus two spaces; words are never cut (a long URL or id
    stays whole). Tables fit by themselves (``table``); CSV and JSON are never wrapped."""
    import textwrap

    width = width or terminal_width()
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        out += textwrap.wrap(
            line.strip(), width, initial_indent=indent, subsequent_indent=indent + "  ",
            break_long_words=False, break_on_hyphens=False,
        ) or [line]  # fmt: skip
    return "\n".join(out)


#: A column is not wrapped narrower than its header or than this many characters.
MIN_COLUMN = 16
_GAP = 2


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, width: int | None = None) -> str:
    """A plain aligned text table that fits ``width`` (default: ``terminal_width()``); empty
    columns are dropped. Long cells are wrapped (rows then stand apart by a blank line); when
    the columns cannot fit even wrapped, each row is shown as a block of ``column | value``
    lines, as psql's expanded mode does."""
    width = terminal_width() if width is None else width
    cells = [[for_terminal(_cell(v)).replace("\n", "\\n").replace("\t", "\\t") for v in row] for row in rows]
    keep = [i for i, _ in enumerate(columns) if any(r[i] for r in cells)] if cells else list(range(len(columns)))
    natural = [max([len(columns[i]), *(len(r[i]) for r in cells)]) for i in keep]
    room = width - _GAP * (len(keep) - 1)
    if sum(natural) <= room:
        widths = natural
    else:
        least = [min(n, max(len(columns[i]), MIN_COLUMN)) for i, n in zip(keep, natural, strict=True)]
        if sum(least) > room:
            return _expanded([columns[i] for i in keep], [[r[i] for i in keep] for r in cells], width)
        widths = _fitted(natural, least, room)

    def lines(values: Sequence[str]) -> list[str]:
        wrapped = [_wrap(values[i], w) for i, w in zip(keep, widths, strict=True)]
        height = max((len(w) for w in wrapped), default=1)
        return [
            "  ".join((w[n] if n < len(w) else "").ljust(cw) for w, cw in zip(wrapped, widths, strict=True)).rstrip()
            for n in range(height)
        ]

    out = lines(list(columns)) + lines(["-" * len(c) for c in columns])
    body = [lines(r) for r in cells]
    spaced = any(len(b) > 1 for b in body)
    for n, block in enumerate(body):
        out += ([""] if spaced and n else []) + block
    return "\n".join(out)


def _fitted(natural: list[int], least: list[int], room: int) -> list[int]:
    """Column widths that fit ``room``: the widest columns are narrowed first, none below its
    least width (the largest cap on the widths that fits)."""
    low, high = 0, max(natural)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(m, min(n, cap)) for n, m in zip(natural, least, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    return [max(m, min(n, low)) for n, m in zip(natural, least, strict=True)]


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces and hyphens where
    it can be, inside a word where it cannot."""
    import textwrap

    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_on_hyphens=True, break_long_words=True) or [""]


def _expanded(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> str:
    """One block per row: a ``-[ RECORD n ]---`` header, then ``column | value`` lines, the
    values wrapped to what is left of ``width``."""
    label = max(len(c) for c in columns)
    room = max(width - label - 3, MIN_COLUMN)
    out: list[str] = []
    for n, row in enumerate(rows, 1):
        head = f"-[ RECORD {n} ]"
        out.append(head + "-" * max(width - len(head), 0))
        for name, value in zip(columns, row, strict=True):
            for k, part in enumerate(_wrap(value, room)):
                out.append(f"{(name if k == 0 else '').ljust(label)} | {part}".rstrip())
    return "\n".join(out)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(finite(value), ensure_ascii=False, default=_json_default, allow_nan=False)
    if isinstance(value, float) and math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV, rows ending in LF; a cell holding CR or LF is quoted (Python 3.11's writer, told to
    end rows in LF, leaves a lone CR bare, and a reader splits the cell there)."""
    out = []
    for row in [list(columns), *([_cell(v) for v in row] for row in rows)]:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow(row)  # CR and LF both make a cell quoted
        out.append(buf.getvalue().removesuffix("\r\n"))
    return "\n".join(out)


def stats_text(s: Stats, location: str) -> str:
    lines = [f"store {location}: {s.entities} entities, {s.claims} claims", "", "entities by kind:"]
    lines += [f"  {k:<16}{n:>6}" for k, n in s.kinds.items()]
    lines += ["", "claims by type:"] + [f"  {t:<16}{n:>6}" for t, n in s.types.items()]
    lines += ["", "claim evidence items by document:"] + [f"  {d}  {n}" for d, n in s.evidence.items()]
    return "\n".join(lines)
