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

from dealgraph.graph.model import PartialDate
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
    return str(PartialDate(start=value, precision=f[f"{name}_precision"]))


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
    if f.get("valid_from") is not None or f.get("valid_to") is not None:
        parts.append(f"valid {date(f, 'valid_from') or '…'} → {date(f, 'valid_to') or '…'}")
    return parts


def tie_details(t: Tie) -> str:
    f = t.fields
    parts = [money(f), *dates(f), f.get("status") or ""]
    if f.get("counterparty") and t.direction != "counterparty":
        parts.append(f"counterparty {f['counterparty']}")
    if f.get("confidence") is not None and f["confidence"] < 1.0:
        parts.append(f"confidence {f['confidence']:g}")
    return " · ".join(p for p in parts if p)


def actor_text(report: ActorReport) -> str:
    """The actor report as indented text, grouped by type and direction."""
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
        if t.direction == "counterparty":
            lines.append(f"  {t.source.name} ({t.source.id}) → {t.target.name} ({t.target.id})")
        else:
            lines.append(f"  {t.other.name} ({t.other.id}) · {t.other.kind}")
        details = tie_details(t)
        if details:
            lines.append(f"    {details}")
        lines.append(f"    evidence: {', '.join(dict.fromkeys(t.fields['evidence_docs']))} · claim {t.claim}")
    return "\n".join(lines)


def actor_json(report: ActorReport, as_of: dt.date | None = None) -> str:
    """The report as JSON; with ``as_of``, that day and what it means first."""
    head = {"as_of": as_of, "as_of_note": AS_OF_ACTOR.format(day=as_of)} if as_of else {}
    return to_json({**head, "entity": report.entity, "relationships": [t.as_dict() for t in report.ties]})


#: What ``actor --as-of`` shows and leaves out.
AS_OF_ACTOR = (
    "As of {day}: relationships not yet in force are left out; due dates as they stood then (the sources "
    "do not date when a deadline moved: it counts as moved once it had passed)."
)


TIE_COLUMNS = ("source", "type", "target", "counterparty", "money", "dates", "status", "evidence", "claim")


def tie_rows(ties: Sequence[Tie]) -> list[list[str]]:
    rows = []
    for t in ties:
        f = t.fields
        rows.append(
            [
                t.source.name,
                t.type,
                t.target.name,
                f.get("counterparty") or "",
                money(f),
                "; ".join(dates(f)),
                f.get("status") or "",
                ", ".join(dict.fromkeys(f["evidence_docs"])),
                t.claim,
            ]
        )
    return rows


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain aligned text table; empty columns are dropped."""
    cells = [[for_terminal(_cell(v)).replace("\n", "\\n").replace("\t", "\\t") for v in row] for row in rows]
    keep = [i for i, _ in enumerate(columns) if any(r[i] for r in cells)] if cells else list(range(len(columns)))
    widths = [max([len(columns[i]), *(len(r[i]) for r in cells)]) for i in keep]

    def line(values: Sequence[str]) -> str:
        return "  ".join(values[i].ljust(w) for i, w in zip(keep, widths, strict=True)).rstrip()

    out = [line(list(columns)), line(["-" * len(c) for c in columns])]
    out += [line(r) for r in cells]
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
