"""Lookup latency on a generated graph, on both stores, and the CLI's start-up cost.

    python -m benchmarks.lookups [--claims 100000] [--repeat 15] [--no-neo4j]

Loads a generated graph (``dealgraph.synthetic``) into a new embedded store and, unless
``--no-neo4j``, into the Neo4j at ``NEO4J_URI`` (default bolt://127.0.0.1:7687; it is emptied
first). Then prints, from this one run:

- the median latency of ``actor``, ``path`` (up to 4 hops) and ``ledger`` as library calls on
  each store (target: under 50 ms on the embedded store);
- ``dealgraph actor`` end to end, against ``python -c "import dealgraph"`` (target: within 3x);
- ``dealgraph --help`` against a bare ``python -c pass`` (target: within 2x);
- the floor under any CLI lookup on the embedded store: a bare script that imports LadybugDB,
  opens the same database read-only and runs ``RETURN 1``, without dealgraph.

The embedded store is loaded with ``COPY … FROM`` CSV files for its larger tables (see
``dealgraph.graph.bulk``); the load time is printed. The commands run as an installed package
would: with byte-code caches (in a temporary ``PYTHONPYCACHEPREFIX``, written by one warm-up run
each), even where ``PYTHONDONTWRITEBYTECODE`` is set.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dealgraph.graph.embedded import DB_FILE, EmbeddedStore
from dealgraph.graph.neo4j_store import Neo4jStore
from dealgraph.graph.store import Store
from dealgraph.queries import analysis, lookups
from dealgraph.synthetic import synthetic_dataset

#: Import LadybugDB, open the store's database read-only and run ``RETURN 1``: less than any CLI
#: lookup on the embedded store can do, whatever dealgraph itself costs.
LADYBUG_FLOOR = """
import sys, ladybug
ladybug.Connection(ladybug.Database(sys.argv[1], read_only=True)).execute("RETURN 1").get_all()
"""


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def command_ms(argv: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    return median_ms(lambda: subprocess.run(argv, check=True, capture_output=True, env=env), repeat)


def measure(name: str, store: Store, pairs: list[tuple[str, str]], repeat: int) -> None:
    it = iter(pairs * repeat)
    actor = median_ms(lambda: lookups.actor(store, next(it)[0]), repeat)
    it = iter(pairs * repeat)
    path = median_ms(lambda: analysis.path(store, *next(it), max_hops=4), repeat)
    it = iter(pairs * repeat)
    ledger = median_ms(lambda: analysis.ledger(store, *next(it)), repeat)
    print(f"{name:<9} actor {actor:8.1f} ms   path (<=4 hops) {path:8.1f} ms   ledger {ledger:8.1f} ms")
    names = [
        e["name"]
        for e in store.query(
            "MATCH (n) WHERE n.id IN $ids RETURN n.name AS name", {"ids": [a for a, _ in pairs]}
        ).records()
    ]
    it = iter(pairs * repeat)
    by_id = median_ms(lambda: lookups.resolve(store, next(it)[0]), repeat)
    it2 = iter(names * repeat)
    by_name = median_ms(lambda: lookups.resolve(store, next(it2)), repeat)
    print(f"{name:<9} resolve an id {by_id:6.1f} ms   a name {by_name:6.1f} ms   ({by_name / by_id:.1f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-neo4j", action="store_true")
    args = parser.parse_args()

    data = synthetic_dataset(claims=args.claims, seed=11)
    rng = random.Random(5)
    countries = sorted(i for i, e in data.entities.items() if e.kind.value == "Country")
    actors = sorted(i for i, e in data.entities.items() if e.kind.value in {"Company", "Organization", "Leader"})
    pairs = [(rng.choice(countries), rng.choice(actors)) for _ in range(args.repeat)]
    print(f"graph: {len(data.entities):,} entities, {len(data.claims):,} relationships")

    with tempfile.TemporaryDirectory() as tmp:
        embedded = EmbeddedStore(Path(tmp) / "store")
        start = time.perf_counter()
        embedded.load(data)
        print(f"embedded store loaded in {time.perf_counter() - start:.1f} s")
        embedded.close()
        measure("embedded", embedded, pairs, args.repeat)
        embedded.close()

        if not args.no_neo4j:
            server = Neo4jStore(
                os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687",
                user=os.environ.get("NEO4J_USERNAME"),
                password=os.environ.get("NEO4J_PASSWORD"),
            )
            server.query("MATCH (n) DETACH DELETE n", write=True)
            server.load(data)
            measure("neo4j", server, pairs, args.repeat)
            server.query("MATCH (n) DETACH DELETE n", write=True)
            server.close()

        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(DEALGRAPH_STORE=str(Path(tmp) / "store"), PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        commands = {
            "bare": [sys.executable, "-c", "pass"],
            "import": [sys.executable, "-c", "import dealgraph"],
            "actor": [sys.executable, "-m", "dealgraph", "actor", pairs[0][1]],
            "help": [sys.executable, "-m", "dealgraph", "--help"],
            "floor": [sys.executable, "-c", LADYBUG_FLOOR, str(embedded.current_generation() / DB_FILE)],  # type: ignore[operator]
        }
        for argv in commands.values():  # warm-up: byte-code caches, page cache
            subprocess.run(argv, check=True, capture_output=True, env=env)
        repeat = max(5, args.repeat // 3)
        bare, imported, cli_actor, cli_help, floor = (command_ms(argv, repeat, env) for argv in commands.values())
    print()
    print(f"python -c pass            {bare:8.1f} ms")
    print(f"python -c 'import dealgraph' {imported:5.1f} ms")
    print(f"dealgraph actor (CLI)     {cli_actor:8.1f} ms   {cli_actor / imported:5.2f}x the import (target <= 3x)")
    print(f"dealgraph --help          {cli_help:8.1f} ms   {cli_help / bare:5.2f}x a bare python (target <= 2x)")
    print(f"LadybugDB alone           {floor:8.1f} ms   {floor / imported:5.2f}x the import (no dealgraph)")


if __name__ == "__main__":
    main()
