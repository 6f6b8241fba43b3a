"""Positions for the nodes of a view, computed in Python so the page opens without physics.

A force-directed layout (Fruchterman and Reingold's with their grid, and ForceAtlas2's linear
attraction: a node is pushed away node by node only inside its cell, by the cells around as
wholes, so an iteration costs O(nodes + edges)), seeded and so reproducible: the same
graph gets the same picture every time. Pure Python: dealgraph does not depend on numpy, which
networkx's ``spring_layout`` and ``forceatlas2_layout`` need.

>>> pos = force_layout(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
>>> sorted(pos)
['a', 'b', 'c']
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence

#: The length an edge settles at, in the page's units (vis-network's pixels at scale 1).
EDGE_LENGTH = 90.0


def iterations_for(n_nodes: int, n_edges: int) -> int:
    """How many rounds to run: enough to untangle small graphs, fewer as the work per round grows."""
    work = max(1, n_nodes + n_edges)
    return max(12, min(60, int(1_200_000 / work)))


def force_layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    seed: int = 7,
    iterations: int | None = None,
    edge_length: float = EDGE_LENGTH,
) -> dict[str, tuple[float, float]]:
    """``{node: (x, y)}`` for every node, rounded to 0.1; edges naming unknown nodes are ignored.

    Disconnected parts are held together by a weak pull towards the centre.
    """
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in edges if a in index and b in index and a != b]
    rng = random.Random(seed)
    side = edge_length * math.sqrt(n) * 1.2
    xs = [rng.uniform(-side / 2, side / 2) for _ in range(n)]
    ys = [rng.uniform(-side / 2, side / 2) for _ in range(n)]
    rounds = iterations if iterations is not None else iterations_for(n, len(pairs))
    k = edge_length
    k2 = k * k
    cell = 2 * k
    pull = 2 * k / side  # a node a whole side away is pulled as by a stretched edge
    temperature = side / 8
    cooling = temperature / (rounds + 1)
    for _ in range(rounds):
        dx = [0.0] * n
        dy = [0.0] * n
        # The grid: who is in which cell, and each cell's count and centre.
        cells: dict[tuple[int, int], list[int]] = {}
        where = []
        for i in range(n):
            key = (int(xs[i] // cell), int(ys[i] // cell))
            where.append(key)
            members = cells.get(key)
            if members is None:
                cells[key] = [i]
            else:
                members.append(i)
        centres: dict[tuple[int, int], tuple[float, float, int]] = {}
        for key, members in cells.items():
            centres[key] = (
                sum(xs[i] for i in members) / len(members),
                sum(ys[i] for i in members) / len(members),
                len(members),
            )
        for key, members in cells.items():
            # The cells around (two rings of them), each as one heavier node at its centre: the
            # push one cell gets, worked out once for all its members.
            cx, cy = key
            mx, my, count = centres[key]
            px = py = 0.0
            for a in (-2, -1, 0, 1, 2):
                for b in (-2, -1, 0, 1, 2):
                    other = centres.get((cx + a, cy + b)) if a or b else None
                    if other is None:
                        continue
                    ex, ey = mx - other[0], my - other[1]
                    d2 = max(ex * ex + ey * ey, k2 / 4)
                    f = other[2] * k2 / d2
                    px += ex * f
                    py += ey * f
            crowded = len(members) > 12
            for i in members:
                xi, yi = xs[i], ys[i]
                fx, fy = px, py
                if crowded:  # the cell's other members as one node at their centre
                    ex, ey = xi - mx, yi - my
                    d2 = max(ex * ex + ey * ey, 1.0)
                    f = (count - 1) * k2 / d2
                    fx += ex * f
                    fy += ey * f
                else:
                    for j in members:  # the same cell: node by node
                        if j == i:
                            continue
                        ex, ey = xi - xs[j], yi - ys[j]
                        d2 = ex * ex + ey * ey
                        if d2 < 1e-6:
                            ex, ey, d2 = rng.uniform(-1, 1), rng.uniform(-1, 1), 1.0
                        f = k2 / d2
                        fx += ex * f
                        fy += ey * f
                dx[i] += fx
                dy[i] += fy
        for a, b in pairs:
            # |force| = d: linear, as ForceAtlas2's, which clumps less than Fruchterman's d^2 / k
            ex, ey = xs[a] - xs[b], ys[a] - ys[b]
            dx[a] -= ex
            dy[a] -= ey
            dx[b] += ex
            dy[b] += ey
        for i in range(n):
            fx = dx[i] - pull * xs[i]
            fy = dy[i] - pull * ys[i]
            d = math.sqrt(fx * fx + fy * fy)
            if d > 0:
                step = min(d, temperature) / d
                xs[i] += fx * step
                ys[i] += fy * step
        temperature = max(temperature - cooling, k / 10)
    return {node: (round(xs[i], 1), round(ys[i], 1)) for i, node in enumerate(nodes)}
