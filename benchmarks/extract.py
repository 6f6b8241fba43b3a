"""Quality and speed of the article extractor.

    python -m benchmarks.extract [--sizes 100,400,1600] [--threshold 0.6]

Quality: precision and recall on the project's evaluation set (evaluation/: articles written
for dealgraph, with hand-made gold files) for entity linking, stand-ins (demonyms and capitals),
new-entity detection and relationships, overall and per type; then the two source articles
against the curated corpus (relationships only: the corpus is the gold). Targets on the
evaluation set: linking precision >= 0.95 and recall >= 0.9; relationships precision >= 0.8
and recall >= 0.6 at the default threshold.

Speed: KB of article text per second on one core, for the evaluation articles repeated to
each size (KB), best of three runs each, all in this one run; the ratio of the per-KB times
shows whether the time grows linearly. Target: at least 200 KB/s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dealgraph.config import bundled_sources
from dealgraph.extract.extractor import DEFAULT_THRESHOLD, extract
from dealgraph.extract.mentions import Linker
from dealgraph.extract.scoring import UNANNOTATED, Score, evaluate
from dealgraph.extract.text import Article, read_article
from dealgraph.loaders.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent
EVALUATION = ROOT / "evaluation"
SOURCES = ROOT.parent / "shared" / "sources"


def row(name: str, score: Score) -> str:
    return (
        f"{name:<22} precision {score.precision:5.2f}  recall {score.recall:5.2f}"
        f"   (tp {score.tp}, fp {score.fp}, fn {score.fn})"
    )


def quality(threshold: float) -> None:
    corpus = load_sources([bundled_sources()])
    sources = sorted(SOURCES.glob("*.txt")) if SOURCES.is_dir() else []
    report = evaluate(EVALUATION, corpus, sources=sources, threshold=threshold)
    print(f"Evaluation set: {len(report.articles)} articles, threshold {threshold:g}")
    for name, score in report.totals.items():
        print("  " + row(name, score))
    print(f"  relationships by type (the gold leaves out {', '.join(sorted(UNANNOTATED))}):")
    for name, score in report.by_type.items():
        print("    " + row(name, score))
    print("  per article (relationships):")
    for article in report.articles:
        print("    " + row(article.article, article.relationships))
    if sources:
        print("Source articles against the curated corpus (relationships of the types the extractor proposes):")
        for name, score in report.corpus.items():
            print("  " + row(name, score))
        for name, score in report.corpus_by_type.items():
            print("    " + row(name, score))
        print("  (the curated corpus also records what the articles imply without a trigger word,")
        print("   so its recall is a lower bound of what a reader would accept)")


def speed(sizes: list[int], threshold: float) -> None:
    corpus = load_sources([bundled_sources()])
    linker = Linker(corpus)
    base = "\n\n".join(read_article(p).text for p in sorted((EVALUATION / "articles").iterdir()))
    extract(Article("warm-up", "warm-up", base), corpus, linker=linker, threshold=threshold)
    print()
    print("Speed, one core, best of 3 (target >= 200 KB/s):")
    per_kb: list[tuple[int, float]] = []
    for kb in sizes:
        copies = max(1, round(kb * 1024 / len(base.encode())))
        text = "\n\n".join([base] * copies)
        size = len(text.encode()) / 1024
        best = min(_timed(lambda t=text: extract(Article("b", "b", t), corpus, linker=linker)) for _ in range(3))
        per_kb.append((round(size), best / size))
        print(f"  {size:8.0f} KB in {best:6.3f} s: {size / best:6.0f} KB/s")
    for (k1, t1), (k2, t2) in zip(per_kb, per_kb[1:], strict=False):
        print(f"  time per KB at {k2} KB / at {k1} KB: {t2 / t1:.2f} (1.00 is linear)")


def _timed(work) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,400,1600", help="Text sizes in KB (default 100,400,1600).")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--no-quality", action="store_true", help="Speed only.")
    args = parser.parse_args()
    if not args.no_quality:
        quality(args.threshold)
    speed([int(s) for s in args.sizes.split(",")], args.threshold)


if __name__ == "__main__":
    main()
