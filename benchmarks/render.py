"""Render speed of the HTML view on generated graphs, and the time the page takes to become
interactive in headless Chromium (offline).

    python -m benchmarks.render [--sizes 1000,5000,20000] [--no-browser]

For each size (nodes; edges about four times as many): seconds to build and write the file,
its size, and the growth of the write time per doubling of the graph, all from this one run.
Targets: growth per doubling at most 2.3x; 5k nodes written in under 5 s; the 5k page
interactive within 10 s.
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

from dealgraph.synthetic import synthetic_dataset
from dealgraph.viz import render_html

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def time_to_interactive(path: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_context(offline=True).new_page()
        start = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.dealgraph && window.dealgraph.isReady()", timeout=120_000)
        page.evaluate("dealgraph.search('Country 0')")  # answers a search: it is interactive
        elapsed = time.perf_counter() - start
        browser.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="node counts, comma-separated")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurement")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    render_html(synthetic_dataset(claims=40, seed=3))  # warm up: imports and the inlined assets load once
    results: list[tuple[int, int, float, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            data = synthetic_dataset(claims=4 * n, entities=n, seed=3)
            path = Path(tmp) / f"graph-{n}.html"
            start = time.perf_counter()
            path.write_text(render_html(data), encoding="utf-8")
            seconds = time.perf_counter() - start
            results.append((n, len(data.claims), seconds, path.stat().st_size))
            print(
                f"{n:>7,} nodes {len(data.claims):>7,} edges: written in {seconds:6.2f} s, "
                f"{path.stat().st_size / 1e6:6.1f} MB"
            )
        print()
        for (n1, _, t1, _), (n2, _, t2, _) in zip(results, results[1:], strict=False):
            per_doubling = (t2 / t1) ** (1 / math.log2(n2 / n1))
            print(f"{n1:,} -> {n2:,} nodes: {per_doubling:.2f}x per doubling (target <= 2.3x)")
        if not args.no_browser and 5000 in sizes:
            print()
            print(
                f"5,000-node page interactive in headless Chromium after "
                f"{time_to_interactive(Path(tmp) / 'graph-5000.html'):.1f} s (target < 10 s)"
            )


if __name__ == "__main__":
    main()
