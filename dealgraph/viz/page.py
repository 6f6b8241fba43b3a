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
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Claim, Evidence, Kind, RelType
from dealgraph.graph.names import entity_keys

#: Above this many nodes, positions are computed in Python and physics starts off.
LAYOUT_THRESHOLD = 1000
VIS_VERSION = "9.1.2"

KIND_STYLE: dict[Kind, tuple[str, str]] = {
    Kind.COUNTRY: ("#1f77b4", "hexagon"),
    Kind.LEADER: ("#d62728", "star"),
    Kind.PERSON: ("#ff7f0e", "dot"),
    Kind.COMPANY: ("#2ca02c", "square"),
    Kind.ORGANIZATION: ("#9467bd", "triangle"),
    Kind.PROJECT: ("#8c564b", "diamond"),
    Kind.MINERAL: ("#e377c2", "triangleDown"),
    Kind.PLACE: ("#17becf", "dot"),
    Kind.AGREEMENT: ("#bcbd22", "square"),
    Kind.POLICY: ("#7f7f7f", "diamond"),
    Kind.EVENT: ("#aec7e8", "star"),
    Kind.DOCUMENT: ("#c7c7c7", "triangleDown"),
}

TYPE_COLOUR: dict[RelType, str] = {
    RelType.PLEDGES: "#2ca02c",
    RelType.DEMANDS: "#d62728",
    RelType.OFFERS: "#1f77b4",
    RelType.SUPPLIES: "#ff7f0e",
    RelType.DEPENDS_ON: "#e377c2",
    RelType.PARTICIPATES_IN: "#8c564b",
    RelType.PART_OF: "#7f7f7f",
    RelType.LEADS: "#9467bd",
    RelType.AFFILIATED_WITH: "#bcbd22",
    RelType.LOCATED_IN: "#17becf",
    RelType.IN_EXCHANGE_FOR: "#ff9896",
    RelType.SUPPORTS: "#98df8a",
    RelType.SUSPECTS: "#c5b0d5",
    RelType.ANALYZES: "#c49c94",
    RelType.REPORTS: "#dbdb8d",
}


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


def graph_data(data: Dataset, *, layout_threshold: int = LAYOUT_THRESHOLD) -> dict[str, Any]:
    """The page's data: nodes, edges, legend and layout settings, all plain JSON."""
    degree: dict[str, int] = dict.fromkeys(data.entities, 0)
    for c in data.claims.values():
        degree[c.source] = degree.get(c.source, 0) + 1
        degree[c.target] = degree.get(c.target, 0) + 1
    titles = {e.id: e.name for e in data.entities.values() if e.kind is Kind.DOCUMENT}
    nodes = []
    for e in data.entities.values():
        colour, shape = KIND_STYLE[e.kind]
        nodes.append(
            {
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
        )
    edges = []
    for c in data.claims.values():
        money = _money(c)
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
        for node, (x, y) in zip(nodes, _positions(data).values(), strict=True):
            node["x"], node["y"] = x, y
    return {
        "nodes": nodes,
        "edges": edges,
        "kinds": [{"kind": k.value, "color": KIND_STYLE[k][0], "shape": KIND_STYLE[k][1]} for k in Kind],
        "types": [{"type": t.value, "color": TYPE_COLOUR[t]} for t in RelType],
        "physics": not large,
    }


def _positions(data: Dataset) -> dict[str, tuple[float, float]]:
    """Positions for a large graph in O(n): a circle per kind, the circles on a ring.

    (networkx's layouts need numpy, which dealgraph does not depend on; this is the same
    arrangement as its ``circular_layout`` per kind, computed directly.)
    """
    by_kind: dict[Kind, list[str]] = {}
    for e in data.entities.values():
        by_kind.setdefault(e.kind, []).append(e.id)
    groups = [k for k in Kind if k in by_kind]
    ring = 60.0 * math.sqrt(len(data.entities))
    placed: dict[str, tuple[float, float]] = {}
    for i, kind in enumerate(groups):
        angle = 2 * math.pi * i / len(groups)
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        members = by_kind[kind]
        radius = 25.0 * math.sqrt(len(members)) if len(members) > 1 else 0.0
        for j, member in enumerate(members):
            a = 2 * math.pi * j / len(members)
            placed[member] = (round(cx + radius * math.cos(a), 1), round(cy + radius * math.sin(a), 1))
    return {i: placed[i] for i in data.entities}


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end it or open a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(data: Dataset, *, title: str = "dealgraph", layout_threshold: int = LAYOUT_THRESHOLD) -> str:
    """The whole page as one string; every script and stylesheet inline, nothing fetched."""
    vis_js, vis_css = _vis_assets()
    page = _asset("page.html")
    collecting = gc.isenabled()
    gc.disable()  # building a few hundred thousand small dicts: the collector only slows it down
    try:
        payload = _script_json(graph_data(data, layout_threshold=layout_threshold))
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
