"""Text and JSON renderings of the analyst lookups (paths, ledgers, timelines, conflicts,
rankings, communities), for the CLI."""

from __future__ import annotations

import dataclasses
from typing import Any

from dealgraph.output import money, to_json
from dealgraph.queries.analysis import MEASURES, Conflict, Event, Ledger, PathResult, Ranked
from dealgraph.queries.lookups import EntityRef


def as_json(value: Any) -> str:
    """Any of the analysis results as JSON (dataclasses as objects, dates as ISO text)."""
    return to_json(_plain(value))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "precision") and hasattr(value, "start"):  # PartialDate
        return str(value)
    return value


def _name(e: EntityRef) -> str:
    return f"{e.name} ({e.id})"


def path_text(result: PathResult, *, width: int | None = None) -> str:
    """The paths, each step on its line and its claims and evidence under it, wrapped to
    ``width`` (default: ``terminal_width()``)."""
    from dealgraph.output import terminal_width

    width = terminal_width() if width is None else width
    if not result.paths:
        none = f"no path within {result.max_hops} hops between {_name(result.start)} and {_name(result.end)}"
        return f"{UNDATED_NOTE.format(day=result.as_of)}\n\n{none}" if result.as_of else none
    hops = len(result.paths[0])
    lines = [
        f"{len(result.paths)} shortest path{'s' if len(result.paths) != 1 else ''} of {hops} "
        f"hop{'s' if hops != 1 else ''} from {_name(result.start)} to {_name(result.end)}"
        + (" (first 100 shown)" if result.truncated else "")
    ]
    if result.as_of:
        lines[:0] = [UNDATED_NOTE.format(day=result.as_of), ""]
    for n, steps in enumerate(result.paths, 1):
        lines.append("")
        lines.append(f"path {n}:")
        here = result.start
        lines.append(f"  {_name(here)}")
        for s in steps:
            arrow = f"-[{s.type}]->" if s.forward else f"<-[{s.type}]-"
            here = s.target if s.forward else s.source
            undated = UNDATED_MARK if result.as_of and not s.dated else ""
            claims = s.claims or (s.claim,)
            accounts = f"claim{'s' if len(claims) > 1 else ''} {', '.join(claims)}"
            lines.append(f"    {arrow} {_name(here)}{undated}")
            lines += _indented(f"{accounts} · evidence: {', '.join(s.evidence)}", width, indent=8)
    return "\n".join(lines)


#: Above the output of path and ledger with --as-of; UNDATED_MARK follows what the sources do not date.
UNDATED_NOTE = (
    "As of {day}: relationships not yet in force, or no longer, are left out; those marked (undated) "
    "the sources do not date, and they are kept."
)
UNDATED_MARK = " (undated)"


def _amount_cell(item_money: dict[str, Any] | None) -> str:
    if not item_money:
        return ""
    return money(item_money)


def ledger_text(led: Ledger, *, width: int | None = None) -> str:
    """The ledger's four lists and what is exchanged for what; each item's claim and
    evidence wrapped under it to ``width`` (default: ``terminal_width()``)."""
    from dealgraph.output import terminal_width

    width = terminal_width() if width is None else width
    a, b = led.a.name, led.b.name
    sections = [
        ("a_gives", f"What {a} gives {b}"),
        ("b_gives", f"What {b} gives {a} in return"),
        ("a_demands", f"What {a} demands of {b}"),
        ("b_demands", f"What {b} demands of {a}"),
    ]
    lines = [f"Ledger: {a} ↔ {b}"]
    if led.as_of:
        lines += [UNDATED_NOTE.format(day=led.as_of)]
    for key, title in sections:
        items = getattr(led, key)
        lines += ["", f"{title}:"]
        if not items:
            lines.append("  (nothing in the sources)")
        for i in items:
            by = "" if i.by.id in (led.a.id, led.b.id) else f" (by {i.by.name})"
            status = f" [{i.status}]" if i.status else ""
            amount = _amount_cell(i.money)
            undated = UNDATED_MARK if led.as_of and not i.dated else ""
            lines.append(f"  {i.type} {i.what.name}{by}{status}{undated}" + (f": {amount}" if amount else ""))
            note = f" — not in the total: {i.why_not_counted}" if i.why_not_counted and i.money else ""
            lines += _indented(f"claim {i.claim} · evidence: {', '.join(i.evidence)}{note}", width, indent=4)
        total = led.totals[key]
        if total:
            lines.append("  total: " + ", ".join(f"{cur} {_short(v)}" for cur, v in sorted(total.items())))
    if led.exchanges:
        lines += ["", "In exchange for:"]
        for x, y, claim in led.exchanges:
            lines.append(f"  {x.name} ⇄ {y.name}")
            lines += _indented(f"claim {claim}", width, indent=4)
    return "\n".join(lines)


def _short(value: float) -> str:
    from dealgraph.output import amount

    return amount(value)


AS_OF_NOTE = (
    "As of {day}: claims not yet in force are left out; those the sources do not date are kept. "
    "The sources give the order in which each "
    "deadline moved but not the day it moved; a deadline is shown as moved only once the earlier "
    "one had passed."
)


def timeline_text(events: list[Event], day: Any = None, *, width: int | None = None) -> str:
    """The timeline, one entry per dated step with all its accounts, wrapped to ``width``
    (default: ``terminal_width()``)."""
    from dealgraph.output import terminal_width

    width = terminal_width() if width is None else width
    if not events:
        return "no dated claims"
    lines = [AS_OF_NOTE.format(day=day), ""] if day else []
    for e in events:
        step = f" (step {e.step} of {e.steps})" if e.step and e.steps and e.steps > 1 else ""
        lines.append(f"{e.date!s:<10}  {e.what}{step}: {e.source.name} {e.type} {e.target.name}")
        for note in dict.fromkeys(a.note for a in e.accounts if a.note):
            lines += _indented(note, width)
        for ev in e.evidence:
            lines += _indented(f"“{ev.quote}” — {ev.doc}", width)
        claims = e.claims
        lines += _indented(f"claim{'s' if len(claims) > 1 else ''} {', '.join(claims)}", width)
    return "\n".join(lines)


def _indented(text: str, width: int, indent: int = 12) -> list[str]:
    """``text`` indented under an entry, wrapped at spaces to ``width`` (words are never
    broken: a quote stays verbatim, an id whole)."""
    import textwrap

    pad = " " * indent
    return textwrap.wrap(
        text, width, initial_indent=pad, subsequent_indent=pad, break_long_words=False, break_on_hyphens=False
    ) or [""]


def conflicts_text(found: list[Conflict]) -> str:
    if not found:
        return "no conflicts: every relationship stated by several sources is stated the same way"
    lines = [f"{len(found)} relationship{'s' if len(found) != 1 else ''} told differently by the sources"]
    for c in found:
        lines += ["", f"{c.source.name} {c.type} {c.target.name} — differs in: {', '.join(c.fields)}"]
        for account in c.claims:
            lines.append(f"  {', '.join(account['documents'])} (claim {account['claim']}):")
            for name in c.fields:
                if name == "money":
                    lines.append(f"    money: {money(account['money']) if account.get('money') else '(not stated)'}")
                elif name == "counterparty":  # its name, not its id
                    lines.append(f"    counterparty: {_field(account.get('counterparty_name', account.get(name)))}")
                elif name != "wording":
                    lines.append(f"    {name}: {_field(account.get(name))}")
            for ev in account["evidence"]:
                lines.append(f"    “{ev['quote']}” — {ev['doc']}")
    return "\n".join(lines)


def _field(value: Any) -> str:
    return "(not stated)" if value is None else str(value)


def rank_text(ranked: list[Ranked], by: str) -> str:
    width = max((len(r.entity.name) for r in ranked), default=0)
    lines = [MEASURES[by], ""]
    lines += [f"{n:>3}. {r.entity.name:<{width}}  {r.score:g}  ({r.entity.kind})" for n, r in enumerate(ranked, 1)]
    return "\n".join(lines)


def communities_text(groups: list[list[EntityRef]]) -> str:
    lines = ["Communities: groups of entities more tied to each other than to the rest (greedy modularity).", ""]
    for n, members in enumerate(groups, 1):
        lines.append(f"{n}. " + ", ".join(e.name for e in members))
    return "\n".join(lines)
