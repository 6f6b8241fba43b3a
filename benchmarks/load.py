"""Load speed: Neo4j batched against one query per row, and the embedded store, on one graph.

    python -m benchmarks.load [--claims 100000] [--sample 1000] [--batch-size 5000]

Generates its own graph (``dealgraph.synthetic``), then, side by side in one run:

- Neo4j, batched: ``Neo4jStore.load`` of the whole graph into an empty database: one managed
  transaction of ``UNWIND``-batched ``MERGE``, nodes, schema and the diff read included.
- Neo4j, one query per row, on a sample of the claims (their entities already loaded): each
  claim its own ``driver.execute_query`` (the driver's API for single queries), and for
  reference each claim its own statement inside one transaction.
- The embedded store (LadybugDB) loading the same graph into a new directory.

Prints relationships per second and the ratios. Needs a Neo4j: ``NEO4J_URI`` (and
``NEO4J_USERNAME``/``NEO4J_PASSWORD``), else bolt://127.0.0.1:7687 (``scripts/neo4j-server
start``). It empties that database first: never point it at data you want to keep.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from dealgraph.graph.embedded import EmbeddedStore
from dealgraph.graph.neo4j_store import ENTITY_LABEL, Neo4jStore
from dealgraph.graph.rows import claim_row
from dealgraph.synthetic import synthetic_dataset


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>10,.0f} rels/s  ({count:,} in {seconds:.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="relationships in the generated graph")
    parser.add_argument("--sample", type=int, default=1_000, help="claims written one query per row")
    parser.add_argument("--batch-size", type=int, default=5_000, help="rows per UNWIND batch")
    args = parser.parse_args()

    t = time.perf_counter()
    data = synthetic_dataset(claims=args.claims, seed=42)
    print(
        f"graph: {len(data.entities):,} entities, {len(data.claims):,} relationships "
        f"(generated in {time.perf_counter() - t:.1f} s)"
    )

    store = Neo4jStore(
        os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687",
        user=os.environ.get("NEO4J_USERNAME"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE"),
        batch_size=args.batch_size,
    )
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.ensure_schema()

    t = time.perf_counter()
    store.load(data)
    batched = time.perf_counter() - t
    print(f"neo4j batched (batch {args.batch_size:,}):      {_rate(len(data.claims), batched)}")

    # One query per row: the sample's claims written again under new ids, one at a time.
    sample = random.Random(1).sample(list(data.claims.values()), min(args.sample, len(data.claims)))
    driver = store._connect()
    statements = {
        c.type: f"MATCH (a:{ENTITY_LABEL} {{id: $source}}) MATCH (b:{ENTITY_LABEL} {{id: $target}}) "
        f"MERGE (a)-[r:{c.type.value} {{id: $id}}]->(b) SET r = $props"
        for c in sample
    }
    rows = [(c, {k: v for k, v in claim_row(c).items() if v is not None} | {"id": f"{c.id}-row"}) for c in sample]
    t = time.perf_counter()
    for c, props in rows:
        driver.execute_query(
            statements[c.type],
            source=c.source,
            target=c.target,
            id=props["id"],
            props=props,
            database_=store.database,
        )
    per_row = time.perf_counter() - t
    print(f"neo4j one execute_query per row:   {_rate(len(sample), per_row)}")
    with driver.session(database=store.database) as session, session.begin_transaction() as tx:
        t = time.perf_counter()
        for c, props in rows:
            tx.run(statements[c.type], source=c.source, target=c.target, id=props["id"] + "-tx", props=props).consume()
        tx.commit()
        per_row_tx = time.perf_counter() - t
    print(f"neo4j one statement per row, 1 tx: {_rate(len(sample), per_row_tx)}")
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.close()

    with tempfile.TemporaryDirectory() as tmp:
        embedded = EmbeddedStore(Path(tmp) / "store")
        t = time.perf_counter()
        embedded.load(data)
        embedded_s = time.perf_counter() - t
        embedded.close()
    print(f"embedded (LadybugDB) load:         {_rate(len(data.claims), embedded_s)}")

    batched_rate = len(data.claims) / batched
    print()
    print(f"batched / one execute_query per row: {batched_rate / (len(sample) / per_row):6.1f}x  (target >= 30x)")
    print(f"batched / one statement per row in one tx: {batched_rate / (len(sample) / per_row_tx):6.1f}x")
    print(f"embedded / neo4j batched:            {(len(data.claims) / embedded_s) / batched_rate:6.2f}x")


if __name__ == "__main__":
    main()
