"""The article extractor: articles in (plain text, Markdown, HTML), candidate documents,
entities and claims out, in the claims format, for a person to review and load.

>>> result = extract_articles([Path("new-article.txt")])  # doctest: +SKIP
>>> print(result.summary())  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from dealgraph.errors import SourceError
from dealgraph.extract.extractor import DEFAULT_THRESHOLD, Extraction, extract
from dealgraph.extract.mentions import Linker
from dealgraph.extract.text import Article, read_article

__all__ = ["DEFAULT_THRESHOLD", "Extraction", "extract", "extract_articles", "read_article"]


def extract_articles(
    paths: Sequence[Path],
    *,
    against: Sequence[Path | str] | None = None,
    doc_id: str | None = None,
    article_date: dt.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Extraction:
    """Candidates for every article, linked against ``against`` (default: the bundled corpus).

    Every article is read before any is extracted: a SourceError lists every unreadable one.
    An article whose document id the corpus already registers is not registered again.
    """
    from dealgraph.config import bundled_sources
    from dealgraph.loaders.sources import load_sources

    articles: list[Article] = []
    problems = []
    for path in paths:
        try:
            articles.append(read_article(Path(path), doc_id=doc_id))
        except SourceError as exc:
            problems.extend(exc.problems)
    if problems:
        raise SourceError(problems)
    known = load_sources(list(against) if against else [bundled_sources()])
    linker = Linker(known)
    result = Extraction(threshold=threshold)
    for article in articles:
        one = extract(article, known, article_date=article_date, threshold=threshold, linker=linker)
        one.documents = [d for d in one.documents if d.id not in known.entities]
        result.merge(one)
    return result
