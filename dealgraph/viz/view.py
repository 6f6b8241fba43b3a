"""A view of a store: read the graph, select the part asked for, render the page."""

from __future__ import annotations

from collections.abc import Iterable

from dealgraph.graph.model import Kind, RelType
from dealgraph.graph.store import Store, loaded_graph
from dealgraph.queries.lookups import resolve
from dealgraph.viz.page import render_html
from dealgraph.viz.select import dropped, subgraph


def view_title(
    *,
    focus_name: str | None = None,
    depth: int = 1,
    kinds: Iterable[Kind] | None = None,
    types: Iterable[RelType] | None = None,
) -> str:
    """The page's title: what the view shows, e.g. ``dealgraph: SoftBank Group and its ties
    within 2 steps; kinds Country, Company; types PLEDGES``."""
    parts = []
    if focus_name:
        parts.append(f"{focus_name} and its ties within {depth} step{'s' if depth != 1 else ''}")
    if kinds:
        parts.append("kinds " + ", ".join(k.value for k in Kind if k in set(kinds)))
    if types:
        parts.append("types " + ", ".join(t.value for t in RelType if t in set(types)))
    return "dealgraph: " + "; ".join(parts) if parts else "dealgraph"


def view_html(
    store: Store,
    *,
    focus: str | None = None,
    depth: int = 1,
    kinds: Iterable[Kind] | None = None,
    types: Iterable[RelType] | None = None,
) -> str:
    """The HTML page of the graph in ``store``, or of ``focus``'s neighbourhood to ``depth``.

    ``focus`` is any name of an entity (resolved as the lookups do); raises NotFoundError. The
    page opens with the focus selected and centred, names documents and counterparties the view
    does not show, and says what the kind and type filters left out.
    """
    kinds = list(kinds) if kinds else None
    types = list(types) if types else None
    focus_ref = resolve(store, focus) if focus else None
    whole = loaded_graph(store)
    data = subgraph(whole, focus=focus_ref.id if focus_ref else None, depth=depth, kinds=kinds, types=types)
    title = view_title(focus_name=focus_ref.name if focus_ref else None, depth=depth, kinds=kinds, types=types)
    notes = dropped(whole, data, kinds=kinds, types=types) if kinds or types else []
    return render_html(data, title=title, context=whole, focus=focus_ref.id if focus_ref else None, notes=notes)
