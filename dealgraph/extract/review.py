"""An extraction as a review file: the claims format (``documents:``, ``entities:``,
``claims:``) that ``dealgraph load`` reads, with candidates below the threshold commented out
where they would go, or the same as JSON."""

from __future__ import annotations

import io
import json
from typing import Any

from dealgraph.extract.extractor import Extraction
from dealgraph.graph.model import Claim, Document, Entity, Evidence, UsdBasis


def _evidence(e: Evidence) -> dict[str, Any]:
    item: dict[str, Any] = {"doc": e.doc, "quote": e.quote}
    if e.span:
        item["span"] = _flow(list(e.span))
    return item


def _flow(values: list[Any]) -> Any:
    """A list written on one line in YAML: ``span: [120, 188]``."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def document_item(d: Document) -> dict[str, Any]:
    item: dict[str, Any] = {"id": d.id, "title": d.title, "publisher": d.publisher, "language": d.language}
    item["published"] = str(d.published)
    if d.note:
        item["note"] = d.note
    return item


def entity_item(e: Entity) -> dict[str, Any]:
    item: dict[str, Any] = {"id": e.id, "kind": e.kind.value, "name": e.name}
    if e.aliases:
        item["aliases"] = list(e.aliases)
    if e.description:
        item["description"] = e.description
    item["extracted"] = e.extracted
    item["confidence"] = e.confidence
    item["evidence"] = [_evidence(x) for x in e.evidence]
    return item


def claim_item(c: Claim) -> dict[str, Any]:
    item: dict[str, Any] = {"id": c.id, "type": c.type.value, "source": c.source, "target": c.target}
    if c.counterparty:
        item["counterparty"] = c.counterparty
    if c.money:
        money: dict[str, Any] = {"amount": c.money.amount, "currency": c.money.currency}
        money["qualifier"] = c.money.qualifier.value
        if c.money.usd and c.money.usd.basis is not UsdBasis.SAME_CURRENCY:
            money["usd"] = c.money.usd.model_dump(mode="json", exclude_none=True)
        item["money"] = money
    for name in ("stated_on", "due_by", "valid_from", "valid_to"):
        value = getattr(c, name)
        if value is not None:
            item[name] = str(value)
    item["extracted"] = c.extracted
    item["confidence"] = c.confidence
    item["evidence"] = [_evidence(x) for x in c.evidence]
    if c.note:
        item["note"] = c.note
    return item


def linked_items(result: Extraction) -> list[dict[str, Any]]:
    """The known entities the articles mention: id, each surface form once with how it was
    recognised, and one span each (the first)."""
    out: dict[str, dict[str, Any]] = {}
    for doc, m in result.linked:
        item = out.setdefault(m.entity, {"id": m.entity, "forms": []})
        if all(f["text"] != m.text for f in item["forms"]):
            item["forms"].append({"text": m.text, "via": m.via, "doc": doc, "span": [m.start, m.end]})
    return sorted(out.values(), key=lambda i: i["id"])


def _linked_comment(result: Extraction) -> str:
    items = linked_items(result)
    if not items:
        return ""
    lines = ["# Known entities recognised (id: surface form [how] @ first span):"]
    for item in items:
        forms = "; ".join(f"{_one_line(f['text'])} [{f['via']}] @ {f['span'][0]}-{f['span'][1]}" for f in item["forms"])
        lines.append(f"#   {item['id']}: {forms}")
    return "\n".join(lines) + "\n"


def to_json(result: Extraction) -> str:
    """The extraction as one JSON document, below-threshold candidates listed apart."""
    return json.dumps(
        {
            "summary": result.counts(),
            "threshold": result.threshold,
            "documents": [document_item(d) for d in result.documents],
            "linked": linked_items(result),
            "entities": [entity_item(e) for e in [*result.aliases, *result.entities]],
            "claims": [claim_item(c) for c in result.claims],
            "below_threshold": {
                "entities": [entity_item(e) for e in result.below_entities],
                "claims": [claim_item(c) for c in result.below_claims],
            },
        },
        ensure_ascii=False,
        indent=2,
    )


def _dump(value: Any) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(value, out)
    return out.getvalue()


def _section(name: str, items: list[dict[str, Any]], below: list[dict[str, Any]]) -> str:
    """One section; candidates below the threshold follow as comments in the same list."""
    out = _dump({name: items}) if items else f"{name}:\n"
    if below:
        out += f"  # below the threshold ({len(below)}), not loaded unless uncommented:\n"
        for line in _dump({name: below}).splitlines()[1:]:
            out += f"  # {line[2:]}\n" if line.strip() else "\n"
    return out


def _one_line(text: str) -> str:
    """``text`` fit for a comment line: line breaks shown, not taken (a file name may hold one)."""
    for mark in ("\r", "\n", "\x85", "\u2028", "\u2029"):
        text = text.replace(mark, mark.encode("unicode_escape").decode())
    return text


def to_yaml(result: Extraction, *, command: str = "") -> str:
    """The extraction as a claims file to review, then load with ``dealgraph load``."""
    lines = [
        "# Candidates proposed by `dealgraph extract`" + (f": {_one_line(command)}" if command else "") + ".",
        f"# {result.summary()}.",
        "# Every item is marked `extracted: true`, with its confidence and evidence (quote and character span).",
        "# Review it: delete what is wrong, fix what is nearly right. Then load it with the corpus it extends:",
        "#   dealgraph load --with-corpus THIS_FILE",
        "# An extracted claim with the type, source and target of a claim already there adds its evidence",
        "# to that claim; it does not duplicate it.",
        f"# Candidates below the {result.threshold:g} threshold are commented out at the end of their section;",
        "# uncomment one to keep it.",
        "",
    ]
    out = "\n".join(lines) + "\n"
    if result.documents:
        out += _section("documents", [document_item(d) for d in result.documents], []) + "\n"
    out += _linked_comment(result)
    out += _section(
        "entities",
        [entity_item(e) for e in [*result.aliases, *result.entities]],
        [entity_item(e) for e in result.below_entities],
    )
    out += "\n" + _section(
        "claims", [claim_item(x) for x in result.claims], [claim_item(x) for x in result.below_claims]
    )
    return out
