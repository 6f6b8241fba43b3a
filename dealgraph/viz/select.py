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
        i: c for i, c in data.claims.items() if c.type in type_set and c.source in entities and c.target in entities
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


def dropped(
    data: Dataset,
    view: Dataset,
    *,
    kinds: Iterable[Kind] | None = None,
    types: Iterable[RelType] | None = None,
) -> list[str]:
    """What the kind and type filters left out of ``view`` that touches what it shows, one line
    per relationship type, e.g. ``"3 PLEDGES hidden: their sources are of kinds not shown (Company 3)"``.

    Counts the claims with one end shown whose other end is of a kind not shown, and the claims
    between shown entities whose type is not shown.
    """
    kind_set = set(kinds) if kinds else set(Kind)
    type_set = set(types) if types else set(RelType)
    by_end: dict[tuple[RelType, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    other_types: dict[RelType, int] = defaultdict(int)
    for c in data.claims.values():
        if c.id in view.claims:
            continue
        source_in, target_in = c.source in view.entities, c.target in view.entities
        if source_in and target_in:
            if c.type not in type_set:
                other_types[c.type] += 1
            continue
        if c.type not in type_set or not (source_in or target_in):
            continue
        missing = data.entities[c.target if source_in else c.source]
        if missing.kind in kind_set:  # outside a focus view's reach, not filtered out
            continue
        by_end[(c.type, "targets" if source_in else "sources")][missing.kind.value] += 1
    lines = []
    for t in RelType:
        for end in ("sources", "targets"):
            counts = by_end.get((t, end))
            if counts:
                total = sum(counts.values())
                listed = ", ".join(f"{k} {n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
                its = "its" if total == 1 else "their"
                noun = end[:-1] if total == 1 else end
                verb = "is of a kind" if total == 1 else "are of kinds"
                lines.append(f"{total} {t.value} hidden: {its} {noun} {verb} not shown ({listed})")
    if other_types:
        total = sum(other_types.values())
        listed = ", ".join(f"{t.value} {other_types[t]}" for t in RelType if t in other_types)
        lines.append(
            f"{total} relationship{'s' if total != 1 else ''} of types not shown between shown actors ({listed})"
        )
    return lines
