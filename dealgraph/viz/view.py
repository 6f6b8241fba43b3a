"""A view of a store: read the graph, select the part asked for, render the page."""

from __future__ import annotations

from collections.abc import Iterable

from dealgraph.graph.model import Kind, RelType
from dealgraph.graph.store import Store, loaded_graph
from dealgraph.queries.lookups import resolve
from dealgraph.viz.page import render_html
from dealgraph.viz.select import subgraph


def view_html(
    store: Store,
    *,
    focus: str | None = None,
    depth: int = 1,
    kinds: Iterable[Kind] | None = None,
    types: Iterable[RelType] | None = None,
) -> str:
    """The HTML page of the graph in ``store``, or of ``focus``'s neighbourhood to ``depth``.

    ``focus`` is any name of an entity (resolved as the lookups do); raises NotFoundError.
    """
    focus_ref = resolve(store, focus) if focus else None
    whole = loaded_graph(store)
    data = subgraph(whole, focus=focus_ref.id if focus_ref else None, depth=depth, kinds=kinds, types=types)
    if focus_ref:
        title = f"dealgraph: {focus_ref.name} and its ties within {depth} step{'s' if depth != 1 else ''}"
    else:
        title = "dealgraph"
    return render_html(data, title=title)
