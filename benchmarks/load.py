"""Load speed and memory at several sizes: Neo4j batched against one query per row, the embedded
store, and LadybugDB's own ``COPY`` of the same rows as the anchor.

    python -m benchmarks.load [--scale 10k,100k,1M] [--sample 1000] [--batch-size 5000] [--no-neo4j | --no-embedded]

For each size (relationships; a quarter as many entities, ``dealgraph.synthetic``), each of these
runs in a child process of its own, so that its peak memory (maximum resident set, from
``wait4``) is its own:

- ``neo4j``: ``Neo4jStore.load`` of the whole graph into an emptied database (the staged load:
  batches under a new generation, the switch, the old generation's deletion), then, on a sample
  of the claims, each written again with its own ``driver.execute_query`` (the driver's API for
  one query), twice: the second pass is the "one query per row" it is compared with, the first
  warms the server's per-row path as the warm-up load (below) warms its batched one (both
  ratios are printed; the first pass ran 100 to 350 rels/s as the server warmed);
- ``embedded``: ``EmbeddedStore.load`` into a new directory, with LadybugDB's share of it timed
  at the load's steps (``EmbeddedStore(hook=…)``): the schema, the ``COPY`` statements and the
  checkpoint, beside the number of relationship tables (type, kind pair) they filled — the
  engine's work grows with those, not with the rows;
- ``reload``: the same first load (not timed), then ``EmbeddedStore.load`` of another graph of the
  same size into that store (timed): the live graph is read back for the change report, the new
  one built beside it, and switched in. Its peak memory covers both loads;
- ``copy``: LadybugDB alone: the same entities and relationships, with the same properties as
  text, in a two-table schema (one node table, one relationship table), CSV files written
  beforehand (not timed), then the two ``COPY … FROM`` statements timed. No store can load faster.

Prints, per size and store, seconds, relationships per second and peak memory; the growth of
each per 10× (time and memory ratios to the size ten times smaller, when both were run); and the
ratios the issue sets targets for. Needs a Neo4j for the ``neo4j`` rows: ``NEO4J_URI`` (and
``NEO4J_USERNAME``/``NEO4J_PASSWORD``), named explicitly — there is no default, because it
empties that database first: never point it at data you want to keep (``scripts/neo4j-server
start --port 7695 --dir DIR`` starts one of its own). Before the timed load it loads and empties
another generated graph of the same size, at most 100,000 relationships (``--cold`` skips it): a
newly started server compiles its write path during its first loads, which made the first 100k
load two to four times slower than the next ones here (a 10k warm-up was not enough); the
warm-up's own time is printed as ``neo4j-cold``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STORES = ("neo4j", "embedded", "reload", "copy")
#: Relationships of the Neo4j warm-up load (at most; the size measured, when smaller).
WARM_UP = 100_000


def parse_size(text: str) -> int:
    """``10k`` → 10000, ``1M`` → 1000000, ``2500`` → 2500."""
    text = text.strip()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    number = text[:-1] if factor != 1 else text
    try:
        value = int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 10k, 100k, 1M)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"a size must be at least 1, not {text!r}")
    return value


def _neo4j(claims: int, batch_size: int, sample: int) -> dict[str, float]:
    from dealgraph.graph.neo4j_store import ENTITY_LABEL, Neo4jStore
    from dealgraph.graph.rows import claim_row
    from dealgraph.synthetic import synthetic_dataset

    data = synthetic_dataset(claims=claims, seed=42)
    store = Neo4jStore.from_environment(os.environ["NEO4J_URI"], batch_size=batch_size)
    store.query("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS", write=True)
    store.ensure_schema()
    out: dict[str, float] = {}
    if not os.environ.get("DEALGRAPH_BENCH_COLD"):  # the server's JIT warmed on a smaller graph first
        start = time.perf_counter()
        store.load(synthetic_dataset(claims=min(claims, WARM_UP), seed=7))
        out["warm_up_seconds"] = time.perf_counter() - start
        store.query("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS", write=True)
    start = time.perf_counter()
    store.load(data)
    seconds = time.perf_counter() - start
    out["seconds"] = seconds
    if sample:
        # One query per row: the sample's claims written again under new ids, one at a time, twice
        # (under two suffixes): the first pass warms the server's per-row path as the warm-up load
        # warmed its batched one, the second is the figure compared with.
        picked = random.Random(1).sample(list(data.claims.values()), min(sample, len(data.claims)))
        (gen,) = store.query("MATCH (l:DealgraphLive) RETURN l.gen").rows[0]
        driver = store._connect()
        statements = {
            c.type: f"MATCH (a:{ENTITY_LABEL} {{id: $source, gen: $gen}}) MATCH (b:{ENTITY_LABEL} "
            f"{{id: $target, gen: $gen}}) CREATE (a)-[r:{c.type.value}]->(b) SET r = $props"
            for c in picked
        }
        for suffix in ("cold", "row"):
            rows = [
                (c, {k: v for k, v in claim_row(c).items() if v is not None} | {"id": f"{c.id}-{suffix}"})
                for c in picked
            ]
            start = time.perf_counter()
            for c, props in rows:
                driver.execute_query(
                    statements[c.type], source=c.source, target=c.target, gen=gen, props=props, database_=store.database
                )
            out[f"per_row_{suffix}_seconds"] = time.perf_counter() - start
        out["per_row_seconds"] = out.pop("per_row_row_seconds")
        out["per_row_count"] = len(rows)
    store.query("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS", write=True)
    store.close()
    return out


def _embedded(claims: int, batch_size: int) -> dict[str, float]:
    from dealgraph.graph.embedded import EmbeddedStore
    from dealgraph.synthetic import synthetic_dataset

    data = synthetic_dataset(claims=claims, seed=42)
    steps: dict[str, float] = {}

    def reached(step: str, _: Path) -> None:
        steps.setdefault(step, time.perf_counter())

    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "store", batch_size=batch_size, hook=reached)
        start = time.perf_counter()
        store.load(data)
        seconds = time.perf_counter() - start
        store.close()
    tables = len({(c.type, data.entities[c.source].kind, data.entities[c.target].kind) for c in data.claims.values()})
    return {
        "seconds": seconds,
        # LadybugDB's share, timed at the load's steps (LOAD_STEPS): the schema, the COPY
        # statements, the checkpoint; the rest is dealgraph's (rows, change report, switch).
        "schema_seconds": steps["committing"] - steps["building"],
        "copy_seconds": steps["committed"] - steps["committing"],
        "checkpoint_seconds": steps["checkpointed"] - steps["checkpointing"],
        "tables": tables,
    }


def _reload(claims: int, batch_size: int) -> dict[str, float]:
    from dealgraph.graph.embedded import EmbeddedStore
    from dealgraph.synthetic import synthetic_dataset

    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "store", batch_size=batch_size)
        store.load(synthetic_dataset(claims=claims, seed=42))
        data = synthetic_dataset(claims=claims, seed=43)
        start = time.perf_counter()
        store.load(data)
        seconds = time.perf_counter() - start
        store.close()
    return {"seconds": seconds}


def _copy(claims: int) -> dict[str, float]:
    """LadybugDB alone: the same rows, properties as text, two tables, two COPY statements."""
    import ladybug

    from dealgraph.graph.rows import claim_row, entity_row
    from dealgraph.synthetic import synthetic_dataset

    data = synthetic_dataset(claims=claims, seed=42)
    node_columns = ["id", "kind", "name", "keys", "attributes", "evidence_quotes"]
    rel_columns = ["id", "type", "amount", "currency", "status", "stated_on", "evidence_quotes"]

    def text(value: object) -> str:
        if value is None:
            return ""
        return "|".join(map(str, value)) if isinstance(value, list) else str(value)

    with tempfile.TemporaryDirectory() as tmp:
        nodes, rels = Path(tmp) / "nodes.csv", Path(tmp) / "rels.csv"
        with nodes.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(node_columns)
            for e in data.entities.values():
                row = entity_row(e)
                w.writerow([text(row[c]) for c in node_columns])
        with rels.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["from", "to", *rel_columns])
            for c in data.claims.values():
                row = claim_row(c) | {"type": c.type.value}
                w.writerow([c.source, c.target, *(text(row[k]) for k in rel_columns)])
        conn = ladybug.Connection(ladybug.Database(str(Path(tmp) / "db")))
        conn.execute(
            "CREATE NODE TABLE N("
            + ", ".join(f"{c} STRING" + (" PRIMARY KEY" if c == "id" else "") for c in node_columns)
            + ")"
        )
        conn.execute("CREATE REL TABLE R(FROM N TO N, " + ", ".join(f"{c} STRING" for c in rel_columns) + ")")
        start = time.perf_counter()
        conn.execute(f"COPY N FROM '{nodes}' (header=true)")
        conn.execute(f"COPY R FROM '{rels}' (header=true)")
        seconds = time.perf_counter() - start
        conn.close()
    return {"seconds": seconds}


def _child(store: str, claims: int, batch_size: int, sample: int) -> None:
    if store == "neo4j":
        result = _neo4j(claims, batch_size, sample)
    elif store == "embedded":
        result = _embedded(claims, batch_size)
    elif store == "reload":
        result = _reload(claims, batch_size)
    else:
        result = _copy(claims)
    print(json.dumps(result))


def run_child(store: str, claims: int, batch_size: int, sample: int) -> dict[str, float]:
    """Run one measurement in a child process; its result plus ``peak_mb``, its maximum RSS."""
    argv = [sys.executable, "-m", "benchmarks.load", "--child", store, "--scale", str(claims)]
    argv += ["--batch-size", str(batch_size), "--sample", str(sample)]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    out = child.stdout.read() if child.stdout else ""  # the child prints one JSON line at the end
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(
            f"benchmarks.load: the {store} load of {claims:,} relationships failed (exit {child.returncode})"
        )
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--scale", default="100k", help="sizes in relationships, e.g. 10k,100k,1M (default 100k)")
    parser.add_argument("--sample", type=int, default=1_000, help="claims written one query per row (Neo4j)")
    parser.add_argument("--batch-size", type=int, default=5_000, help="rows per batch")
    parser.add_argument("--no-neo4j", action="store_true", help="only the embedded store and LadybugDB's COPY")
    parser.add_argument("--no-embedded", action="store_true", help="only Neo4j (no embedded, reload or copy rows)")
    parser.add_argument("--cold", action="store_true", help="no warm-up load on the Neo4j server first")
    parser.add_argument("--child", choices=STORES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold:
        os.environ["DEALGRAPH_BENCH_COLD"] = "1"  # for the child processes
    sizes = [parse_size(s) for s in args.scale.split(",") if s.strip()]
    if args.child:
        _child(args.child, sizes[0], args.batch_size, args.sample)
        return

    if args.no_neo4j and args.no_embedded:
        parser.error("--no-neo4j and --no-embedded leave nothing to measure")
    if not args.no_neo4j and not os.environ.get("NEO4J_URI"):
        parser.error(
            "the neo4j rows empty the database at NEO4J_URI: set it to a server of your own "
            "(scripts/neo4j-server start --port 7695 --dir DIR), or pass --no-neo4j"
        )
    stores = [s for s in STORES if not (args.no_neo4j and s == "neo4j") and not (args.no_embedded and s != "neo4j")]
    results: dict[tuple[str, int], dict[str, float]] = {}
    print(f"{'size':>9}  {'store':<9} {'seconds':>8} {'rels/s':>10} {'peak MB':>8}  growth per 10x (time, memory)")
    for size in sizes:
        for store in stores:
            r = results[store, size] = run_child(store, size, args.batch_size, args.sample if size == sizes[0] else 0)
            growth = ""
            smaller = results.get((store, size // 10))
            if smaller:
                growth = f"{r['seconds'] / smaller['seconds']:5.1f}x, {r['peak_mb'] / smaller['peak_mb']:4.1f}x"
            rate = size / r["seconds"]
            if "warm_up_seconds" in r:
                warm, n = r["warm_up_seconds"], min(size, WARM_UP)
                print(f"{n:>9,}  {'neo4j-cold':<9} {warm:8.2f} {n / warm:10,.0f} {'':>8}  (the warm-up load)")
            print(f"{size:>9,}  {store:<9} {r['seconds']:8.2f} {rate:10,.0f} {r['peak_mb']:8.0f}  {growth}", flush=True)
    print()
    first = results.get(("neo4j", sizes[0]))
    if first and first.get("per_row_count"):
        per_row = first["per_row_count"] / first["per_row_seconds"]
        cold = first["per_row_count"] / first["per_row_cold_seconds"]
        print(
            f"neo4j one execute_query per row: {per_row:,.0f} rels/s ({int(first['per_row_count'])} claims, written "
            f"after as many others the same way; those first ones: {cold:,.0f} rels/s)"
        )
        for size in sizes:
            batched = size / results["neo4j", size]["seconds"]
            print(
                f"neo4j batched / per row at {size:,}: {batched / per_row:6.1f}x, against the first per-row "
                f"writes {batched / cold:6.1f}x  (target >= 150x, >= 10,000 rels/s)"
            )
    for size in sizes:
        if ("copy", size) in results:
            ratio = results["embedded", size]["seconds"] / results["copy", size]["seconds"]
            print(f"embedded load / LadybugDB's own COPY at {size:,}: {ratio:6.1f}x  (target <= 20x)")
        if ("embedded", size) in results:
            r = results["embedded", size]
            engine = r["schema_seconds"] + r["copy_seconds"] + r["checkpoint_seconds"]
            print(
                f"embedded load at {size:,}: {r['seconds']:.2f} s, of which LadybugDB {engine:.2f} s for "
                f"{int(r['tables'])} relationship tables (type, kind pair): schema {r['schema_seconds']:.2f} s, "
                f"COPY statements {r['copy_seconds']:.2f} s, checkpoint {r['checkpoint_seconds']:.2f} s  "
                "(target <= 3 s in all)"
            )
        if ("reload", size) in results:
            memory = results["reload", size]["peak_mb"] / results["embedded", size]["peak_mb"]
            print(f"embedded reload peak memory / first load's at {size:,}: {memory:4.1f}x  (target <= 2x)")


if __name__ == "__main__":
    main()
