"""Render speed of the HTML view on generated graphs, and how the page behaves in headless
Chromium (Debian's, offline, 1440x900).

    python -m benchmarks.render [--sizes 200,500,1000,5000,20000] [--no-browser]

For each size (nodes; edges four times as many): seconds to build and write the file, its size,
and the growth of the write time per doubling of the graph, all from this one run. In Chromium:
time to first draw and time to ready (both from the start of navigation, as the page's own clock
says), the median frame time of a scripted pan and zoom (40 steps, each drawn before the next),
the 90th percentile of those frames, the median of whole frames (the view drawn again in full, as
when it comes to rest), and the time a search takes to its highlighted frame.

While the view moves, the page shows its last whole frame moved and scaled, and draws the view
whole when it stops or when the copy would leave too much blank (see page.js): the pan and zoom
steps measure what a user sees while moving, the 90th percentile the whole frames drawn in the
middle of a motion, and the whole-frame median what coming to rest costs.

Targets on a 2-core machine: ready <= 2 s up to 1,000 nodes, <= 5 s at 5,000, <= 12 s at 20,000;
pan/zoom frames <= 50 ms up to 5,000 nodes; write time growth <= 2.3x per doubling.
"""

from __future__ import annotations

import argparse
import math
import statistics
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

#: 20 pan steps then 20 zoom steps; each step waits for the frame that draws it.
PAN_AND_ZOOM = """async () => {
  const n = dealgraph.network, frame = () => new Promise(r => requestAnimationFrame(() => r()));
  await frame();
  const start = n.getViewPosition(), scale = n.getScale(), times = [];
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    if (i < 20) n.moveTo({position: {x: start.x + (i + 1) * 40 / scale, y: start.y}, scale: scale, animation: false});
    else n.moveTo({position: start, scale: scale * Math.pow(1.1, i - 19), animation: false});
    await frame();
    times.push(performance.now() - t);
  }
  return times;
}"""


#: Five whole frames of the opening view: redraw() draws everything, whatever moved.
WHOLE_FRAMES = """async () => {
  const n = dealgraph.network, frame = () => new Promise(r => requestAnimationFrame(() => r()));
  await frame();
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    n.redraw();
    await frame();
    times.push(performance.now() - t);
  }
  return times;
}"""


#: A search for one actor, until the frame that shows its highlighted neighbourhood is drawn.
SEARCH = """async () => {
  const t = performance.now();
  dealgraph.search('Country 11');
  await new Promise(r => requestAnimationFrame(() => r()));
  return performance.now() - t;
}"""


def measure_page(browser, path: Path) -> dict[str, float]:
    """First draw and ready (seconds from navigation), pan/zoom and whole frames (ms), a search (s)."""
    context = browser.new_context(offline=True, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(path.resolve().as_uri(), timeout=300_000)
    page.wait_for_function("window.dealgraph && window.dealgraph.isReady()", timeout=300_000, polling=50)
    timings = page.evaluate("dealgraph.timings()")
    whole = page.evaluate(WHOLE_FRAMES)
    frames = page.evaluate(PAN_AND_ZOOM)
    search = page.evaluate(SEARCH)
    context.close()
    return {
        "first_draw": timings["firstDraw"] / 1000,
        "ready": timings["ready"] / 1000,
        "frame_ms": statistics.median(frames),
        "frame_p90_ms": statistics.quantiles(frames, n=10)[-1],
        "whole_ms": statistics.median(whole),
        "search": search / 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,500,1000,5000,20000", help="node counts, comma-separated")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
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
                f"{path.stat().st_size / 1e6:6.1f} MB",
                flush=True,
            )
        print()
        for (n1, _, t1, _), (n2, _, t2, _) in zip(results, results[1:], strict=False):
            per_doubling = (t2 / t1) ** (1 / math.log2(n2 / n1))
            print(f"{n1:,} -> {n2:,} nodes: write time {per_doubling:.2f}x per doubling (target <= 2.3x)")
        if args.no_browser:
            return
        from playwright.sync_api import sync_playwright

        print()
        print("In headless Chromium, offline, 1440x900 (seconds from navigation; frames in ms):")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for n, *_ in results:
                m = measure_page(browser, Path(tmp) / f"graph-{n}.html")
                target = 2 if n <= 1000 else 5 if n <= 5000 else 12
                print(
                    f"{n:>7,} nodes: first draw {m['first_draw']:6.2f} s, ready {m['ready']:6.2f} s "
                    f"(target <= {target} s), pan/zoom frame median {m['frame_ms']:7.1f} ms"
                    + (" (target <= 50 ms)" if n <= 5000 else "")
                    + f", p90 {m['frame_p90_ms']:7.1f} ms, whole frame median {m['whole_ms']:7.1f} ms"
                    + f", search {m['search']:5.2f} s",
                    flush=True,
                )
            browser.close()


if __name__ == "__main__":
    main()
