"""Interactive HTML views of the graph (coming with the views issue)."""
