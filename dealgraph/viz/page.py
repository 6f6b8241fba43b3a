"""One self-contained HTML page of a graph: vis-network (shipped inside pyvis) and dealgraph's
own script and style inlined, the graph embedded as escaped JSON. Opening it makes no request.

The graph data is built here directly rather than through pyvis' ``Network``, whose
``add_node``/``add_edge`` are quadratic; pyvis is used only as the source of vis-network.
"""

from __future__ import annotations

import gc
import html
import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dealgraph.graph.countries import country_words
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Claim, Evidence, Kind, RelType
from dealgraph.graph.names import entity_keys, name_key

#: Above this many nodes, positions are computed in Python (a seeded force-directed layout) and
#: the page opens with physics off: vis-network's own physics froze pages of a few hundred nodes.
LAYOUT_THRESHOLD = 150
VIS_VERSION = "9.1.2"

#: Each kind's colour and shape: twelve shapes (five drawn by the page itself: pentagon, ring,
#: cross, bowtie, page), colours of their own, none an edge's, each at least 3:1 on white.
KIND_STYLE: dict[Kind, tuple[str, str]] = {
    Kind.COUNTRY: ("#1f5fa8", "hexagon"),
    Kind.LEADER: ("#b3261e", "star"),
    Kind.PERSON: ("#b35900", "dot"),
    Kind.COMPANY: ("#1e7b34", "square"),
    Kind.ORGANIZATION: ("#6f42a8", "triangle"),
    Kind.PROJECT: ("#8a4b2a", "diamond"),
    Kind.MINERAL: ("#a8327a", "triangleDown"),
    Kind.PLACE: ("#00788a", "cross"),
    Kind.AGREEMENT: ("#6e6a00", "pentagon"),
    Kind.POLICY: ("#5a6270", "ring"),
    Kind.EVENT: ("#2f45c4", "bowtie"),
    Kind.DOCUMENT: ("#555555", "page"),
}

#: Each relationship type's colour (at least 3:1 on white, none a kind's) and dash pattern
#: (empty: a solid line); the dashes tell DEMANDS from PLEDGES without colour. Few are dashed:
#: a dashed line costs several times a solid one to draw.
TYPE_STYLE: dict[RelType, tuple[str, list[int]]] = {
    RelType.PLEDGES: ("#007a5e", []),
    RelType.DEMANDS: ("#c2185b", [10, 6]),
    RelType.OFFERS: ("#0b6fd6", []),
    RelType.SUPPLIES: ("#c05000", []),
    RelType.DEPENDS_ON: ("#8e24aa", []),
    RelType.PARTICIPATES_IN: ("#795548", []),
    RelType.PART_OF: ("#607d8b", []),
    RelType.LEADS: ("#5e35b1", []),
    RelType.AFFILIATED_WITH: ("#827717", []),
    RelType.LOCATED_IN: ("#00838f", []),
    RelType.IN_EXCHANGE_FOR: ("#d84315", []),
    RelType.SUPPORTS: ("#2e7d32", []),
    RelType.SUSPECTS: ("#ad1457", [3, 4]),
    RelType.ANALYZES: ("#6d4c41", []),
    RelType.REPORTS: ("#757575", []),
}
TYPE_COLOUR: dict[RelType, str] = {t: style[0] for t, style in TYPE_STYLE.items()}


@cache
def _vis_assets() -> tuple[str, str]:
    import pyvis  # only for the path of the vis-network it ships

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


@cache
def _asset(name: str) -> str:
    return resources.files("dealgraph.viz").joinpath("assets", name).read_text(encoding="utf-8")


def edge_width(usd: float | None) -> float:
    """1 for no amount, growing with the logarithm of the USD value up to 10 (at $1 trillion)."""
    if not usd or usd <= 1e6:
        return 1.0
    return round(min(10.0, 1.0 + 1.5 * math.log10(usd / 1e6)), 2)


def _when(claim: Claim) -> dict[str, str]:
    out = {}
    for name in ("stated_on", "due_by", "valid_from", "valid_to"):
        value = getattr(claim, name)
        if value is not None:
            out[name] = str(value)
    return out


def _money(claim: Claim) -> dict[str, Any] | None:
    m = claim.money
    if m is None:
        return None
    out: dict[str, Any] = {"amount": m.amount, "currency": m.currency, "qualifier": m.qualifier.value}
    if m.usd is not None:
        out["usd"] = m.usd.amount
        out["usd_basis"] = m.usd.basis.value
    elif m.currency == "USD":
        out["usd"] = m.amount
    return out


_ALWAYS = frozenset({"id", "from", "to", "label", "type", "color", "width", "evidence"})


def _evidence(items: list[Evidence], titles: dict[str, str]) -> list[dict[str, str]]:
    return [{"doc": ev.doc, "title": titles.get(ev.doc, ev.doc), "quote": ev.quote} for ev in items]


def graph_data(
    data: Dataset,
    *,
    context: Dataset | None = None,
    focus: str | None = None,
    notes: Sequence[str] = (),
    layout_threshold: int = LAYOUT_THRESHOLD,
) -> dict[str, Any]:
    """The page's data: nodes, edges, legend and layout settings, all plain JSON.

    ``context`` is the whole graph ``data`` was selected from: documents' titles and the names of
    counterparties come from it when the view does not show them. ``focus`` is the id the page
    selects and centres on opening; ``notes`` say what a filter left out.
    """
    whole = context if context is not None else data
    degree: dict[str, int] = dict.fromkeys(data.entities, 0)
    for c in data.claims.values():
        degree[c.source] = degree.get(c.source, 0) + 1
        degree[c.target] = degree.get(c.target, 0) + 1
    titles = {e.id: e.name for e in whole.entities.values() if e.kind is Kind.DOCUMENT}
    nodes = []
    for e in data.entities.values():
        colour, shape = KIND_STYLE[e.kind]
        node: dict[str, Any] = {
            "id": e.id,
            "label": e.name,
            "kind": e.kind.value,
            "aliases": list(e.aliases),
            "keys": entity_keys(id=e.id, name=e.name, aliases=e.aliases),
            "degree": degree.get(e.id, 0),
            "color": colour,
            "shape": shape,
            "size": 10 + min(20, 2 * math.sqrt(degree.get(e.id, 0))),
        }
        if e.description:
            node["description"] = e.description
        if e.attributes:
            node["attributes"] = e.attributes
        if e.wikidata:
            node["wikidata"] = e.wikidata
        # words a search takes for a country, as the CLI does ("Japanese": Japan)
        if e.kind is Kind.COUNTRY and (stand_ins := country_words(name_key(e.name))):
            node["stand_ins"] = list(stand_ins)
        nodes.append(node)
    edges = []
    outside: dict[str, dict[str, str]] = {}
    for c in data.claims.values():
        money = _money(c)
        if c.counterparty and c.counterparty not in data.entities and c.counterparty in whole.entities:
            other = whole.entities[c.counterparty]
            outside[other.id] = {"label": other.name, "kind": other.kind.value}
        edge = {
            "id": c.id,
            "from": c.source,
            "to": c.target,
            "label": c.type.value,
            "type": c.type.value,
            "color": TYPE_COLOUR[c.type],
            "width": edge_width(money.get("usd") if money else None),
            "money": money,
            "dates": _when(c),
            "status": c.status.value if c.status else None,
            "counterparty": c.counterparty,
            "history": [
                {
                    "due_by": str(h.due_by),
                    "evidence": _evidence(h.evidence, titles),
                    "note": h.note,
                }
                for h in c.due_history
            ],
            "evidence": _evidence(c.evidence, titles),
            "note": c.note,
        }
        edges.append({k: v for k, v in edge.items() if v or k in _ALWAYS})  # the page treats absent as empty
    large = len(nodes) > layout_threshold
    if large:
        from dealgraph.viz.layout import force_layout

        positions = force_layout([n["id"] for n in nodes], ((c.source, c.target) for c in data.claims.values()))
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
    return {
        "nodes": nodes,
        "edges": edges,
        "outside": outside,
        "focus": focus if focus in data.entities else None,
        "notes": list(notes),
        "kinds": [{"kind": k.value, "color": KIND_STYLE[k][0], "shape": KIND_STYLE[k][1]} for k in Kind],
        "types": [{"type": t.value, "color": TYPE_STYLE[t][0], "dashes": TYPE_STYLE[t][1]} for t in RelType],
        "widths": [{"usd": usd, "width": edge_width(usd)} for usd in (1e8, 1e10, 1e12)],
        "physics": not large,
    }


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end it or open a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(
    data: Dataset,
    *,
    title: str = "dealgraph",
    context: Dataset | None = None,
    focus: str | None = None,
    notes: Sequence[str] = (),
    layout_threshold: int = LAYOUT_THRESHOLD,
) -> str:
    """The whole page as one string; every script and stylesheet inline, nothing fetched.

    ``context``, ``focus`` and ``notes`` as for :func:`graph_data`."""
    vis_js, vis_css = _vis_assets()
    page = _asset("page.html")
    collecting = gc.isenabled()
    gc.disable()  # building a few hundred thousand small dicts: the collector only slows it down
    try:
        payload = _script_json(
            graph_data(data, context=context, focus=focus, notes=notes, layout_threshold=layout_threshold)
        )
    finally:
        if collecting:
            gc.enable()
    parts = {
        "{{title}}": html.escape(title),
        "{{vis_css}}": vis_css,
        "{{page_css}}": _asset("page.css"),
        "{{data}}": payload,
        "{{vis_js}}": vis_js,
        "{{page_js}}": _asset("page.js"),
    }
    out = []
    rest = page
    while "{{" in rest:
        head, _, tail = rest.partition("{{")
        name, _, rest = tail.partition("}}")
        out.append(head)
        out.append(parts["{{" + name + "}}"])
    out.append(rest)
    return "".join(out)
