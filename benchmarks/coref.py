"""What CoreNLP's statistical coreference would cost `dealgraph extract`, measured side by side.

    python -m benchmarks.coref [--runs 3]

Starts a CoreNLP server with the coref annotator loaded (scripts/corenlp-server's annotators plus
coref, in a temporary directory), then annotates each ../shared/eval article with and without
coref, paired A B A B, and prints the medians and their ratio. dealgraph resolves pronouns and
definite descriptions over the parse itself (dealgraph/extract/link.py) instead: this is the
measurement behind that choice. CoreNLP's neural coreference needs models the base models jar
does not ship, and the deterministic one a constituency parse this server does not load.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dealgraph.extract import nlp
from dealgraph.extract.server import ANNOTATORS, start, stop

ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dealgraph-coref-") as directory:
        server = start(Path(directory), annotators=f"{ANNOTATORS},coref")
        try:
            without, with_coref = [], []
            for path in sorted(ARTICLES.glob("d0*")):
                text = path.read_text(encoding="utf-8")
                for annotators in (ANNOTATORS, f"{ANNOTATORS},coref"):  # warm
                    _timed(text, server.url, annotators)
                for _ in range(args.runs):
                    without.append(_timed(text, server.url, ANNOTATORS) / len(text.split()) * 1000)
                    with_coref.append(_timed(text, server.url, f"{ANNOTATORS},coref") / len(text.split()) * 1000)
            a, b = statistics.median(without), statistics.median(with_coref)
            print(f"seconds per 1,000 words, median of {len(without)} paired runs over {ARTICLES}:")
            print(f"  {ANNOTATORS}: {a:.1f} s")
            print(f"  + coref (statistical): {b:.1f} s ({b / a:.1f}x)")
        finally:
            stop(Path(directory))


def _timed(text: str, url: str, annotators: str) -> float:
    started = time.perf_counter()
    nlp.annotate(text, url=url, date=None, annotators=annotators)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
