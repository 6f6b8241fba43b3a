"""The article extractor: articles in (plain text, Markdown, HTML), candidate documents,
entities and claims out, in the claims format, for a person to review and load.

>>> result = extract_articles([Path("new-article.txt")])  # doctest: +SKIP
>>> print(result.summary())  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from dealgraph.errors import Problem, SourceError
from dealgraph.extract.extractor import DEFAULT_THRESHOLD, Extraction, extract
from dealgraph.extract.mentions import Linker
from dealgraph.extract.text import read_article, read_blocks
from dealgraph.graph.model import Kind

__all__ = ["DEFAULT_THRESHOLD", "Extraction", "extract", "extract_articles", "read_article"]


def extract_articles(
    paths: Sequence[Path],
    *,
    against: Sequence[Path | str] | None = None,
    doc_id: str | None = None,
    article_date: dt.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    engine: str = "corenlp",
    nlp_url: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Extraction:
    """Candidates for every article, linked against ``against`` (default: the bundled corpus).

    ``engine`` "corenlp" (the default) annotates each article on the CoreNLP server at
    ``nlp_url`` (without one, a server started for the call; see ``dealgraph.extract.server``)
    and matches the relation patterns over its parse; "rules" is the earlier extractor of
    trigger words and surface rules, needing no server. ``progress`` is called with (bytes
    read, bytes in all) as the articles are extracted (``dealgraph.progress``).

    Every article is opened before any is extracted, so a SourceError lists every unreadable
    one; a long article is read and extracted block by block (``read_blocks``), so its size is
    not limited and a problem deep inside it is reported when reached. An article whose
    document id the corpus already registers is not registered again.
    """
    from dealgraph.config import bundled_sources
    from dealgraph.loaders.sources import load_sources

    problems: list[Problem] = []
    small: list[Path] = []
    ids: dict[str, Path] = {}
    for path in dict.fromkeys(map(Path, paths)):  # an article given twice is read once
        try:
            first = next(iter(read_blocks(path, doc_id=doc_id)))
        except SourceError as exc:
            problems.extend(exc.problems)
            continue
        if first.doc_id in ids:
            other = ids[first.doc_id]
            if other.resolve() != path.resolve():
                message = f"{other} is document {first.doc_id!r} too; rename one of them"
                problems.append(Problem(str(path), None, message))
            continue  # else the same article by another path ("a.txt", "./a.txt"): read once
        ids[first.doc_id] = path
        small.append(path)
    try:
        known = load_sources(list(against) if against else [bundled_sources()])
    except SourceError as exc:  # the articles' problems and the corpus's, all at once
        raise SourceError([*problems, *exc.problems]) from None
    for ident, path in ids.items():
        entity = known.entities.get(ident)
        if entity is not None and entity.kind is not Kind.DOCUMENT:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"document id {ident!r} is the id of {entity.kind.value} {entity.name!r}; use --doc-id",
                )
            )
    if problems:
        raise SourceError(problems)
    if engine == "corenlp" and not nlp_url:
        from dealgraph.extract.server import session

        with session(None) as url:
            return extract_articles(paths, against=against, doc_id=doc_id, article_date=article_date,
                                    threshold=threshold, engine=engine, nlp_url=url, progress=progress)  # fmt: skip
    linker = Linker(known)
    result = Extraction(threshold=threshold)
    sizes = {path: path.stat().st_size for path in small}
    total = sum(sizes.values())
    done = 0
    for path in small:
        try:
            for number, block in enumerate(read_blocks(path, doc_id=doc_id)):  # a long article, block by block
                if engine == "corenlp":
                    from dealgraph.extract.engine import extract_nlp

                    assert nlp_url is not None
                    one = extract_nlp(block, known, url=nlp_url, article_date=article_date, threshold=threshold,
                                      linker=linker)  # fmt: skip
                else:
                    one = extract(block, known, article_date=article_date, threshold=threshold, linker=linker)
                one.documents = [d for d in one.documents if d.id not in known.entities and number == 0]
                one.articles = 1 if number == 0 else 0
                result.merge(one)
                if progress is not None:  # (a block's text is decoded, so its size is near the file's)
                    progress(min(done + len(block.text.encode()), total), total)
            done += sizes[path]
            if progress is not None:
                progress(done, total)
        except SourceError as exc:  # met later in a long article (a bad byte in block 7)
            problems.extend(exc.problems)
    for entity in [*result.entities, *result.below_entities]:
        if entity.id in ids and entity.kind is not Kind.DOCUMENT:
            message = (
                f"document id {entity.id!r} is also the id of {entity.kind.value} {entity.name!r}, "
                "new in these articles; use --doc-id"
            )
            problems.append(Problem(str(ids[entity.id]), None, message))
    if problems:
        raise SourceError(problems)
    return result
