"""Progress on stderr: a bar for work over two seconds on a terminal, nothing otherwise."""

from __future__ import annotations

import io

from dealgraph.graph.embedded import EmbeddedStore
from dealgraph.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal_after_the_delay():
    out = Terminal()
    progress = Progress("loading", delay=0, stream=out)
    for done in range(1, 11):
        progress(done, 10)
    progress.close()
    assert "loading" in out.getvalue() and "100%" in out.getvalue()


def test_nothing_before_the_delay_or_off_a_terminal():
    quick, piped = Terminal(), io.StringIO()
    for stream, delay in ((quick, 60.0), (piped, 0.0)):
        progress = Progress("loading", delay=delay, stream=stream)
        progress(5, 10)
        progress.close()
    assert quick.getvalue() == "" and piped.getvalue() == ""


def test_a_load_reports_its_steps(tmp_path, corpus):
    seen: list[tuple[int, int]] = []
    store = EmbeddedStore(tmp_path / "store")
    store.progress = lambda done, total: seen.append((done, total))
    store.load(corpus)
    store.close()
    assert seen and seen[-1][0] < seen[-1][1] and all(t == seen[0][1] for _, t in seen)


def test_an_extraction_reports_the_bytes_it_has_read(tmp_path):
    from dealgraph.extract import extract_articles

    articles = []
    for n in range(3):
        path = tmp_path / f"a{n}.txt"
        path.write_text(f"Japan pledged $5 billion to the Lakeview Refinery in year {n}.\n", encoding="utf-8")
        articles.append(path)
    seen: list[tuple[int, int]] = []
    extract_articles(articles, engine="rules", progress=lambda done, total: seen.append((done, total)))
    total = sum(p.stat().st_size for p in articles)
    assert len(seen) >= 3 and seen[-1] == (total, total), seen
    assert all(t == total for _, t in seen) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert [d for d, _ in seen].count(total) >= 1 and 0 < seen[0][0] < total
