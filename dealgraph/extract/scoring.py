"""Scoring the extractor against hand-annotated articles (the ``evaluation/`` set's gold
files) and against a curated corpus: precision and recall for entity linking, stand-ins
(demonyms and capitals), new-entity detection and relationships, overall and per type."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dealgraph.extract.extractor import DEFAULT_THRESHOLD, Extraction, extract
from dealgraph.extract.mentions import Linker
from dealgraph.extract.newnames import slug
from dealgraph.extract.text import read_article
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.names import STAND_INS, name_key

_STAND_IN_WORDS = {word for words in STAND_INS.values() for word in words}

#: Types the evaluation set's gold files do not annotate (see evaluation/README.md): left out
#: of their scores. The source articles, scored against the curated corpus, cover them.
UNANNOTATED = frozenset({"PART_OF", "LEADS", "AFFILIATED_WITH", "LOCATED_IN", "IN_EXCHANGE_FOR"})


@dataclass
class Score:
    """True positives, false positives and false negatives, with what they were."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.false_positives += other.false_positives
        self.misses += other.misses


def _compare(predicted: set[Any], gold: set[Any], label: str) -> Score:
    return Score(
        tp=len(predicted & gold),
        fp=len(predicted - gold),
        fn=len(gold - predicted),
        false_positives=[f"{label}: {x}" for x in sorted(map(str, predicted - gold))],
        misses=[f"{label}: {x}" for x in sorted(map(str, gold - predicted))],
    )


@dataclass
class ArticleScore:
    """The scores of one article."""

    article: str
    linking: Score
    stand_ins: Score
    new_entities: Score
    new_entity_kinds: Score
    relationships: Score
    by_type: dict[str, Score]


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<![\w$¥]){re.escape(surface)}(?![\w])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def score_article(gold_path: Path, articles: Path, known: Dataset, *, threshold: float = DEFAULT_THRESHOLD,
                  linker: Linker | None = None) -> tuple[ArticleScore, Extraction]:  # fmt: skip
    """Extract one annotated article and compare with its gold file."""
    from dealgraph.loaders.yaml_claims import _yaml, plain

    gold = plain(_yaml().load(gold_path.read_text(encoding="utf-8")))
    article = read_article(articles / gold["article"])
    day = dt.date.fromisoformat(str(gold["date"])) if gold.get("date") else None
    result = extract(article, known, article_date=day, threshold=threshold, linker=linker)
    text = article.text
    name = gold["article"]

    gold_spans: dict[tuple[int, int], str] = {}
    for item in sorted(gold.get("mentions") or [], key=lambda i: -len(i["text"])):
        for span in _occurrences(text, item["text"]):
            if not any(a < span[1] and span[0] < b for a, b in gold_spans):
                gold_spans[span] = item["entity"]
    predicted_names = {(m.start, m.entity) for _, m in result.linked if m.via == "name"}
    linking = _compare(predicted_names, {(s, e) for (s, _), e in gold_spans.items()}, name)

    contexts = []
    for item in gold.get("stand_ins") or []:
        at = text.find(item["context"])
        if at >= 0:
            contexts.append((at, at + len(item["context"]), item["entity"]))
    predicted_stand_ins = {
        (m.start, m.entity) for _, m in result.linked if m.via != "name" or name_key(m.text) in _STAND_IN_WORDS
    }
    gold_stand_ins: set[tuple[int, str]] = set()
    for a, b, entity in contexts:
        hit = next((p for p in predicted_stand_ins if a <= p[0] < b and p[1] == entity), None)
        words = [m for m in re.finditer(r"[A-Z][\w ]*", text[a:b]) if name_key(m.group().strip()) in _STAND_IN_WORDS]
        gold_stand_ins.add(hit if hit else (a + (words[0].start() if words else 0), entity))
    stand_ins = _compare(predicted_stand_ins, gold_stand_ins, name)

    gold_new = {name_key(e["name"]): e["kind"] for e in gold.get("new_entities") or []}
    predicted_new = {name_key(e.name): e.kind.value for e in result.entities}
    new_entities = _compare(set(predicted_new), set(gold_new), name)
    kinds = _compare(set(predicted_new.items()) & {(k, v) for k, v in predicted_new.items() if k in gold_new},
                     {(k, v) for k, v in gold_new.items() if k in predicted_new}, name)  # fmt: skip

    ids = {slug(e["name"]): e["name"] for e in gold.get("new_entities") or []}
    ids.update(
        {re.sub(r"[^a-z0-9]+", "-", e["name"].lower()).strip("-"): e["name"] for e in gold.get("new_entities") or []}
    )

    def endpoint(ident: str) -> str:
        return slug(ids[ident]) if ident in ids else ident

    gold_rels = {(r["type"], endpoint(r["source"]), endpoint(r["target"])) for r in gold.get("relationships") or []}
    predicted_rels = {(c.type.value, c.source, c.target) for c in result.claims if c.type.value not in UNANNOTATED}
    relationships = _compare(predicted_rels, gold_rels, name)
    by_type = {
        t: _compare({r for r in predicted_rels if r[0] == t}, {r for r in gold_rels if r[0] == t}, name)
        for t in sorted({r[0] for r in predicted_rels | gold_rels})
    }
    return ArticleScore(name, linking, stand_ins, new_entities, kinds, relationships, by_type), result


def score_against_corpus(article_path: Path, known: Dataset, *, threshold: float = DEFAULT_THRESHOLD,
                         linker: Linker | None = None) -> tuple[Score, dict[str, Score]]:  # fmt: skip
    """Relationships extracted from a source article of the corpus, against the curated claims
    whose evidence cites that article (of the types the extractor proposes)."""
    article = read_article(article_path)
    result = extract(article, known, threshold=threshold, linker=linker)
    proposed_types = set(_proposed_types())
    gold = {
        (c.type.value, c.source, c.target)
        for c in known.claims.values()
        if article.doc_id in c.documents and c.type.value in proposed_types
    }
    predicted = {(c.type.value, c.source, c.target) for c in result.claims}
    total = _compare(predicted, gold, article.doc_id)
    by_type = {
        t: _compare({r for r in predicted if r[0] == t}, {r for r in gold if r[0] == t}, article.doc_id)
        for t in sorted({r[0] for r in predicted | gold})
    }
    return total, by_type


def _proposed_types() -> list[str]:
    from dealgraph.extract.relations import RULES

    return list(dict.fromkeys(t.value for t, *_ in RULES))


@dataclass
class Report:
    """Scores over an evaluation set."""

    articles: list[ArticleScore]
    totals: dict[str, Score]
    by_type: dict[str, Score]
    corpus: dict[str, Score]
    corpus_by_type: dict[str, Score]
    kinds: Counter[str] = field(default_factory=Counter)


def evaluate(directory: Path, known: Dataset, *, sources: list[Path] = (),  # type: ignore[assignment]
             threshold: float = DEFAULT_THRESHOLD) -> Report:  # fmt: skip
    """Score every gold file in ``directory/gold`` (articles in ``directory/articles``), and
    each of ``sources`` against the curated corpus ``known``."""
    linker = Linker(known)
    scores = [
        score_article(path, directory / "articles", known, threshold=threshold, linker=linker)[0]
        for path in sorted((directory / "gold").glob("*.yaml"))
    ]
    totals = {k: Score() for k in ("linking", "stand_ins", "new_entities", "new_entity_kinds", "relationships")}
    by_type: dict[str, Score] = {}
    for s in scores:
        for k in totals:
            totals[k].add(getattr(s, k))
        for t, sc in s.by_type.items():
            by_type.setdefault(t, Score()).add(sc)
    corpus: dict[str, Score] = {}
    corpus_by_type: dict[str, Score] = {}
    for path in sources:
        total, types = score_against_corpus(path, known, threshold=threshold, linker=linker)
        corpus[path.name] = total
        for t, sc in types.items():
            corpus_by_type.setdefault(t, Score()).add(sc)
    return Report(scores, totals, dict(sorted(by_type.items())), corpus, corpus_by_type)
