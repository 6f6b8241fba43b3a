"""Quality and speed of the article extractor, both engines.

    python -m benchmarks.extract [--nlp URL] [--sizes 100,400,1600] [--threshold 0.6]

Quality of the CoreNLP engine (the default of `dealgraph extract`) on ../shared/eval: six
articles written and annotated by others (GOLD-FORMAT.md there), never tuned on by looking at
their sentences: linking (names, stand-ins, descriptions), new entities and their kinds,
relationships overall, per type and per article, and money and due dates on the matched
relationships that state them. Targets (issue 14): relationships P >= 0.75 and R >= 0.55; new
entities P >= 0.85, R >= 0.8, kinds >= 0.9; linking R >= 0.9 at P >= 0.97; money and due dates
right on >= 0.8. The same set scored with the rules engine follows, then the rules engine on the
project's own evaluation/ set (tuned on, so optimistic) and the source articles against the
curated corpus.

Speed: the CoreNLP engine end to end with a warm server (median of 3 runs per article, words per
second), and the rules engine in KB of text per second on one core for the evaluation articles
repeated to each size (best of three); the ratio of per-KB times shows whether time grows
linearly. Targets: a 1,000-word article in <= 8 s with the CoreNLP engine; rules >= 200 KB/s.

Without --nlp (or $DEALGRAPH_CORENLP_URL) a CoreNLP server is started for the run and its
start-up time printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from pathlib import Path

from dealgraph.config import bundled_sources
from dealgraph.extract.extractor import DEFAULT_THRESHOLD, extract
from dealgraph.extract.gold import GoldReport
from dealgraph.extract.mentions import Linker
from dealgraph.extract.scoring import UNANNOTATED, Score, evaluate
from dealgraph.extract.text import Article, read_article
from dealgraph.loaders.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent
EVALUATION = ROOT / "evaluation"
SOURCES = ROOT.parent / "shared" / "sources"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def row(name: str, score: Score) -> str:
    return (
        f"{name:<22} precision {score.precision:5.2f}  recall {score.recall:5.2f}"
        f"   (tp {score.tp}, fp {score.fp}, fn {score.fn})"
    )


def gold_table(title: str, report: GoldReport) -> None:
    print(title)
    for name, score in report.totals.items():
        if name in ("money", "due_by", "kinds"):
            print(
                f"  {name:<22} right on {score.recall:5.2f} of the matched"
                f"   (right {score.tp}, wrong or missing {score.fn})"
            )
        else:
            print("  " + row(name, score))
    pronouns, gained = report.set_aside
    print(f"  (linking leaves out {pronouns} pronoun links, which the gold does not annotate, and judges {gained}")
    print("   links to entities the corpus gained after the gold was written as those new entities)")
    print("  relationships by type:")
    for name, score in report.by_type.items():
        print("    " + row(name, score))
    print("  per article (relationships):")
    for article in report.articles:
        print("    " + row(article.article, article.relationships))


def shared_quality(url: str, threshold: float) -> None:
    from dealgraph.extract.engine import extract_nlp
    from dealgraph.extract.gold import evaluate_gold

    corpus = load_sources([bundled_sources()])
    linker = Linker(corpus)

    def corenlp(article, day):  # type: ignore[no-untyped-def]
        return extract_nlp(article, corpus, url=url, article_date=day, threshold=threshold, linker=linker)

    def rules(article, day):  # type: ignore[no-untyped-def]
        return extract(article, corpus, article_date=day, threshold=threshold, linker=linker)

    gold_table(f"../shared/eval, CoreNLP engine, threshold {threshold:g}:", evaluate_gold(SHARED_EVAL, corenlp))
    print()
    gold_table(
        f"../shared/eval, rules engine (--engine rules), threshold {threshold:g}:", evaluate_gold(SHARED_EVAL, rules)
    )
    print()


def nlp_speed(url: str) -> None:
    from dealgraph.extract.engine import extract_nlp

    corpus = load_sources([bundled_sources()])
    linker = Linker(corpus)
    dates = dict(line.split() for line in (SHARED_EVAL / "articles" / "DATES.txt").read_text().splitlines() if line)
    print("CoreNLP engine end to end, warm server (median of 3 runs):")
    rates = []
    for path in sorted((SHARED_EVAL / "articles").glob("d0*")):
        article = read_article(path)
        day = dt.date.fromisoformat(dates[path.name])
        extract_nlp(article, corpus, url=url, article_date=day, linker=linker)  # warm
        runs = [_timed(lambda a=article, d=day: extract_nlp(a, corpus, url=url, article_date=d, linker=linker))
                for _ in range(3)]  # fmt: skip
        words = len(article.text.split())
        rates.append(words / statistics.median(runs))
        print(f"  {path.name:<30} {words:5d} words in {statistics.median(runs):5.2f} s")
    per_1000 = 1000 / statistics.median(rates)
    print(f"  a 1,000-word article: {per_1000:.1f} s (target <= 8 s)")
    print()


def quality(threshold: float) -> None:
    corpus = load_sources([bundled_sources()])
    sources = sorted(SOURCES.glob("*.txt")) if SOURCES.is_dir() else []
    report = evaluate(EVALUATION, corpus, sources=sources, threshold=threshold)
    print(
        f"evaluation/ (written for dealgraph, tuned on), rules engine: {len(report.articles)} articles,"
        f" threshold {threshold:g}"
    )
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
    parser.add_argument("--nlp", default=os.environ.get("DEALGRAPH_CORENLP_URL"), help="A running CoreNLP server.")
    parser.add_argument("--sizes", default="100,400,1600", help="Rules-engine text sizes in KB (default 100,400,1600).")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--no-quality", action="store_true", help="Speed only.")
    args = parser.parse_args()
    from dealgraph.extract.server import session

    started = time.perf_counter()
    with session(args.nlp) as url:
        if not args.nlp:
            print(
                "CoreNLP server start (fetch cached, models loaded, warm-up done):"
                f" {time.perf_counter() - started:.1f} s"
            )
            print()
        if not args.no_quality:
            shared_quality(url, args.threshold)
        nlp_speed(url)
    if not args.no_quality:
        quality(args.threshold)
    speed([int(s) for s in args.sizes.split(",")], args.threshold)


if __name__ == "__main__":
    main()
