"""Lookup latency on a generated graph, on both stores, and the CLI's start-up cost.

    python -m benchmarks.lookups [--claims 100000] [--repeat 15] [--pairs 7] [--no-neo4j]

Loads a generated graph (``dealgraph.synthetic``) into a new embedded store and, unless
``--no-neo4j``, into the Neo4j at ``NEO4J_URI`` (it is emptied first, so there is no default:
name a server of your own, e.g. one ``scripts/neo4j-server start --port 7695 --dir DIR`` ran).
Then prints, from this one run:

- the median latency of ``actor``, ``path`` (up to 4 hops) and ``ledger`` as library calls on
  each store (target: under 50 ms on the embedded store);
- ``dealgraph actor``, ``ledger`` and ``path`` end to end on the bundled corpus and on the
  generated graph (embedded store), each against a bare ``python -c pass`` (targets: within 23x
  on the corpus, 35x on the generated graph at 100k relationships);
- ``dealgraph --help`` against a bare ``python -c pass`` (target: within 2x);
- ``dealgraph actor`` against ``python -c "import dealgraph"`` (which imports nearly nothing now);
- the floor under any CLI lookup on the embedded store: a bare script that imports LadybugDB,
  opens the same database read-only and runs ``RETURN 1``, without dealgraph; and the floor under
  ``actor`` and ``path``: the same script running one query that follows relationships.

Whole processes are timed in turn with their yardstick (A B A B ..., ``--pairs`` pairs after a
warm-up run each), the ratio taken pair by pair, and the medians printed: wall time, and CPU
time (user + system of the child), which a busy machine moves less. The commands run as an
installed package would: with byte-code caches (in a temporary ``PYTHONPYCACHEPREFIX``, written by
the warm-up runs), even where ``PYTHONDONTWRITEBYTECODE`` is set.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dealgraph.config import bundled_sources
from dealgraph.graph.embedded import DB_FILE, EmbeddedStore
from dealgraph.graph.neo4j_store import Neo4jStore
from dealgraph.graph.store import Store
from dealgraph.loading import load
from dealgraph.queries import analysis, lookups, named
from dealgraph.synthetic import synthetic_dataset

#: Import LadybugDB, open the store's database read-only and run ``RETURN 1``, then end the
#: process without closing the database, as ``dealgraph.launch`` does: less than any CLI lookup
#: on the embedded store can do, whatever dealgraph itself costs.
LADYBUG_FLOOR = """
import os, sys, ladybug
ladybug.Connection(ladybug.Database(sys.argv[1], read_only=True)).execute("RETURN 1").get_all()
os._exit(0)
"""
#: The same with one query that follows relationships (``named.NEIGHBOURS`` of one entity)
#: instead of ``RETURN 1``: the engine's planner first reads the degrees of every relationship
#: table such a query may use (once per process), so this is the floor under ``actor`` and
#: ``path``, which cannot answer without following relationships.
NEIGHBOUR_FLOOR = """
import os, sys, ladybug
conn = ladybug.Connection(ladybug.Database(sys.argv[1], read_only=True))
conn.execute(sys.argv[3], {"ids": [sys.argv[2]]}).get_all()
os._exit(0)
"""


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def answers(argv: list[str], env: dict[str, str]) -> bool:
    """Whether a command exits 0 (a ledger of an actor and its own country is an error)."""
    return subprocess.run(argv, capture_output=True, env=env).returncode == 0


def paired(a: list[str], b: list[str], pairs: int, env: dict[str, str]) -> dict[str, float]:
    """A and B in turn (a warm-up each, then A B A B ...): the medians of A's and B's wall and CPU
    times in ms, and of the pair-by-pair ratios A/B (the machine's drift cancels within a pair)."""
    run_once(a, env), run_once(b, env)
    runs = [(run_once(a, env), run_once(b, env)) for _ in range(pairs)]
    med = statistics.median
    return {
        "wall": med(x[0] for x, _ in runs) * 1000,
        "cpu": med(x[1] for x, _ in runs) * 1000,
        "base_wall": med(y[0] for _, y in runs) * 1000,
        "base_cpu": med(y[1] for _, y in runs) * 1000,
        "ratio_wall": med(x[0] / y[0] for x, y in runs),
        "ratio_cpu": med(x[1] / max(y[1], 1e-3) for x, y in runs),
    }


def ratio_line(label: str, m: dict[str, float], yardstick: str, target: str) -> str:
    return (
        f"{label:<36} {m['wall']:7.1f} ms  {m['ratio_wall']:5.1f}x {yardstick} wall,"
        f" {m['ratio_cpu']:5.1f}x cpu ({m['cpu']:.0f} ms vs {m['base_cpu']:.0f} ms)   target <= {target}"
    )


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
    parser.add_argument("--pairs", type=int, default=7, help="A B pairs per end-to-end command (default 7)")
    parser.add_argument("--no-neo4j", action="store_true")
    args = parser.parse_args()
    if not args.no_neo4j and not os.environ.get("NEO4J_URI"):
        parser.error(
            "the neo4j rows empty the database at NEO4J_URI: set it to a server of your own "
            "(scripts/neo4j-server start --port 7695 --dir DIR), or pass --no-neo4j"
        )

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
                os.environ["NEO4J_URI"],
                user=os.environ.get("NEO4J_USERNAME"),
                password=os.environ.get("NEO4J_PASSWORD"),
            )
            server.query("MATCH (n) DETACH DELETE n", write=True)
            server.load(data)
            measure("neo4j", server, pairs, args.repeat)
            server.query("MATCH (n) DETACH DELETE n", write=True)
            server.close()

        corpus = EmbeddedStore(Path(tmp) / "corpus")
        load(corpus, [bundled_sources()])
        corpus.close()
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(DEALGRAPH_STORE=str(Path(tmp) / "store"), PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        py = sys.executable
        bare = [py, "-c", "pass"]
        cli = [py, "-m", "dealgraph"]
        on_corpus = [*cli, "--store", str(Path(tmp) / "corpus")]
        country, other = next(p for p in pairs if answers([*cli, "ledger", *p], env))
        print()
        print(f"end to end, whole processes, {args.pairs} pairs each (medians):")
        for label, argv, target in (
            ("dealgraph --help", [*cli, "--help"], "2x"),
            ("actor softbank (corpus)", [*on_corpus, "actor", "softbank"], "23x"),
            ("ledger japan united-states (corpus)", [*on_corpus, "ledger", "japan", "united-states"], "23x"),
            ("path softbank japan (corpus)", [*on_corpus, "path", "softbank", "japan"], "23x"),
            (f"actor ({len(data.claims):,} rels)", [*cli, "actor", other], "35x at 100k"),
            (f"ledger ({len(data.claims):,} rels)", [*cli, "ledger", country, other], "35x at 100k"),
            (f"path ({len(data.claims):,} rels)", [*cli, "path", other, country], "35x at 100k"),
        ):
            print(ratio_line(label, paired(argv, bare, args.pairs, env), "python -c pass", target))
        imported = paired([*cli, "actor", other], [py, "-c", "import dealgraph"], args.pairs, env)
        print(ratio_line("actor vs python -c 'import dealgraph'", imported, "the import", "- (the import is lazy)"))
        database = str(embedded.current_generation() / DB_FILE)  # type: ignore[operator]
        floor = paired([py, "-c", LADYBUG_FLOOR, database], bare, args.pairs, env)
        print(ratio_line("LadybugDB alone (import, open, RETURN 1)", floor, "python -c pass", "-, the floor"))
        floor = paired([py, "-c", NEIGHBOUR_FLOOR, database, other, named.NEIGHBOURS.cypher], bare, args.pairs, env)
        print(ratio_line("LadybugDB alone, one neighbours query", floor, "python -c pass", "-, the floor of path"))


if __name__ == "__main__":
    main()
