"""Interactive HTML views of the graph: one self-contained page, no network needed.

>>> html = view_html(store, focus="softbank", depth=2)  # doctest: +SKIP
"""

from __future__ import annotations

from dealgraph.viz.page import graph_data, render_html
from dealgraph.viz.select import subgraph
from dealgraph.viz.view import view_html

__all__ = ["graph_data", "render_html", "subgraph", "view_html"]
