"""Which part of the graph a view shows: filters by kind and type, and an actor's neighbourhood."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable

from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Kind, RelType


def subgraph(
    data: Dataset,
    *,
    focus: str | None = None,
    depth: int = 1,
    kinds: Iterable[Kind] | None = None,
    types: Iterable[RelType] | None = None,
) -> Dataset:
    """The part of ``data`` a view shows.

    Kind and type filters apply first; then, with ``focus`` (an entity id), only the entities
    within ``depth`` relationships of it (either direction) and the claims between them.
    """
    kind_set = set(kinds) if kinds else set(Kind)
    type_set = set(types) if types else set(RelType)
    entities = {i: e for i, e in data.entities.items() if e.kind in kind_set or i == focus}
    claims = {
        i: c
        for i, c in data.claims.items()
        if c.type in type_set and c.source in entities and c.target in entities
    }
    if focus is not None:
        keep = within(focus, depth, ((c.source, c.target) for c in claims.values()))
        entities = {i: e for i, e in entities.items() if i in keep}
        claims = {i: c for i, c in claims.items() if c.source in keep and c.target in keep}
    return Dataset(entities=entities, claims=claims)


def within(start: str, depth: int, edges: Iterable[tuple[str, str]]) -> set[str]:
    """Nodes at most ``depth`` steps from ``start``, edges taken in either direction."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        node, distance = queue.popleft()
        if distance == depth:
            continue
        for other in neighbours[node] - seen:
            seen.add(other)
            queue.append((other, distance + 1))
    return seen
