"""The article extractor: an article in, candidate documents, entities and claims out, in the
claims format, each marked as extracted, with a confidence and its evidence.

>>> result = extract(read_article(Path("new.txt")), load_sources([bundled_sources()]))  # doctest: +SKIP
>>> result.summary()  # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dealgraph.extract.amounts import date_mentions, money_mentions
from dealgraph.extract.mentions import Linker, Mention
from dealgraph.extract.newnames import NewEntity, new_entities, shortened
from dealgraph.extract.proposal import Arg, Proposal
from dealgraph.extract.relations import proposals
from dealgraph.extract.sentences import sentences
from dealgraph.extract.spans import Spans
from dealgraph.extract.text import Article
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import (
    COUNTERPARTY_TYPES,
    Claim,
    Document,
    Entity,
    Evidence,
    Kind,
    PartialDate,
    Precision,
    RelType,
)

#: Candidates at or above this confidence are proposed for loading; the rest are listed only.
DEFAULT_THRESHOLD = 0.6


@dataclass
class Extraction:
    """What the extractor proposes for one or more articles."""

    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    below_entities: list[Entity] = field(default_factory=list)
    below_claims: list[Claim] = field(default_factory=list)
    linked: list[tuple[str, Mention]] = field(default_factory=list)  # (doc id, mention)
    aliases: list[Entity] = field(default_factory=list)  # known entities met under a new form
    new_mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (doc id, mention of a new entity)
    threshold: float = DEFAULT_THRESHOLD
    articles: int = 0

    def counts(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "linked_mentions": len(self.linked),
            "linked_entities": len({m.entity for _, m in self.linked}),
            "new_entities": len(self.entities),
            "new_aliases": len(self.aliases),
            "claims": len(self.claims),
            "claims_by_type": dict(sorted(Counter(c.type.value for c in self.claims).items())),
            "below_threshold": {"entities": len(self.below_entities), "claims": len(self.below_claims)},
        }

    def summary(self) -> str:
        c = self.counts()
        by_type = ", ".join(f"{t} {n}" for t, n in c["claims_by_type"].items()) or "none"
        return (
            f"{c['articles']} article{'s' if c['articles'] != 1 else ''}: {c['linked_mentions']} linked mentions"
            f" of {c['linked_entities']} known"
            f" entities, {c['new_entities']} new entities, {c['new_aliases']} new aliases of known entities,"
            f" {c['claims']} claims ({by_type});"
            f" below the {self.threshold:g} threshold: {c['below_threshold']['entities']} entities,"
            f" {c['below_threshold']['claims']} claims"
        )

    def merge(self, other: Extraction) -> None:
        """Add another extraction (another article, or the next block of a long one): the same
        entity or claim twice becomes one, with the evidence of both."""
        self.articles += other.articles
        self.documents += [d for d in other.documents if d.id not in {x.id for x in self.documents}]
        self.linked += other.linked
        self.new_mentions += other.new_mentions
        self.aliases = _union(self.aliases, other.aliases)
        self.entities = _union(self.entities, other.entities)
        self.claims = _union(self.claims, other.claims)
        kept_entities, kept_claims = {e.id for e in self.entities}, {c.id for c in self.claims}
        self.below_entities = [
            e for e in _union(self.below_entities, other.below_entities) if e.id not in kept_entities
        ]
        self.below_claims = [c for c in _union(self.below_claims, other.below_claims) if c.id not in kept_claims]


def _union(kept: list[Any], more: list[Any]) -> list[Any]:
    """Entities or claims of both lists, one per id: evidence joined, the higher confidence."""
    from dealgraph.loaders.sources import merged

    out = {x.id: x for x in kept}
    for x in more:
        if x.id in out:
            first = out[x.id]
            update = {"evidence": merged(first.evidence, x.evidence), "confidence": max(first.confidence, x.confidence)}
            out[x.id] = first.model_copy(update=update)
        else:
            out[x.id] = x
    return list(out.values())


TITLE_CHARS = 160


def _title(text: str) -> str:
    """The first line with text: at most 14 words and 160 characters, " …" included where cut."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "untitled")
    words = first.split(maxsplit=14)
    title = " ".join(words[:14])
    if len(words) <= 14 and len(title) <= TITLE_CHARS:
        return title
    room = TITLE_CHARS - 2  # for " …"
    if len(title) > room:
        head = title[: room + 1]  # a cut that falls on a space keeps the word before it
        title = head.rsplit(" ", 1)[0] if " " in head else head[:room]
    return title + " …"


def _arg_of_mention(m: Mention, kind: Kind) -> Arg:
    return Arg(m.entity, kind, m.start, m.end, m.text, m.confidence, m.via)


def _without_overlaps(args: list[Arg]) -> list[Arg]:
    """Longest first where mentions overlap: "US Treasury" (new) over "US" (known)."""
    kept = Spans()
    out: list[Arg] = []
    for a in sorted(args, key=lambda a: (-(a.end - a.start), a.start)):
        if not kept.overlaps(a.start, a.end):
            kept.add(a.start, a.end)
            out.append(a)
    return sorted(out, key=lambda a: a.start)


def extract(
    article: Article,
    known: Dataset,
    *,
    article_date: dt.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    linker: Linker | None = None,
) -> Extraction:
    """Candidates for one article, linked against ``known`` (e.g. the bundled corpus)."""
    text = article.text
    linker = linker or Linker(known)
    linked = linker.mentions(text)
    known_keys = set(linker.keys) | set(known.entities)
    fresh = new_entities(text, linked, known_keys)
    fresh_by_id = {e.id: e for e in fresh}
    args = [_arg_of_mention(m, known.entities[m.entity].kind) for m in linked]
    args += [_arg_of_mention(m, e.kind) for e in fresh for m in e.mentions]
    args = _without_overlaps(args)
    part_of = {
        c.source: Arg(c.target, known.entities[c.target].kind, -1, -1, known.entities[c.target].name, 1.0, "dataset")
        for c in known.claims.values()
        if c.type is RelType.PART_OF and known.entities[c.source].kind is Kind.PROJECT
    }
    spans = sentences(text)
    found = proposals(text, args, money_mentions(text), date_mentions(text, article_date), part_of, spans)

    doc = Document(
        id=article.doc_id,
        title=_title(text),
        published=PartialDate(start=article_date, precision=Precision.DAY) if article_date else "unknown",
        note=f"registered by dealgraph extract from {article.path}",
    )
    out = Extraction(documents=[doc], threshold=threshold, articles=1)
    kept_args = {(a.start, a.end) for a in args}
    out.linked = [(doc.id, m) for m in linked if (m.start, m.end) in kept_args]

    claims: dict[str, Claim] = {}
    below: dict[str, Claim] = {}
    needed: dict[str, float] = {}  # new entities the kept claims use
    for p in found:
        claim = _claim(p, doc.id, text, article.offset)
        new_ends = [fresh_by_id[x] for x in (p.source.entity, p.target.entity, p.counterparty) if x in fresh_by_id]
        accepted = p.confidence >= threshold and all(e.confidence >= threshold for e in new_ends)
        table = claims if accepted else below
        if claim.id in table:  # the same relationship stated again: one claim, more evidence
            kept = table[claim.id]
            claim = kept.model_copy(
                update={
                    "evidence": kept.evidence + claim.evidence,
                    "confidence": max(kept.confidence, claim.confidence),
                    "money": kept.money or claim.money,
                }
            )
        table[claim.id] = claim
        if accepted:
            for e in new_ends:
                needed[e.id] = e.confidence
    for claim_id in list(below):
        if claim_id in claims:
            del below[claim_id]
    for e in fresh:
        entity = _entity(e, doc.id, text, spans, article.offset)
        (out.entities if e.confidence >= threshold or e.id in needed else out.below_entities).append(entity)
    out.claims = list(claims.values())
    out.below_claims = list(below.values())
    return out


def _evidence(doc: str, text: str, span: tuple[int, int], offset: int = 0) -> Evidence:
    """The quote at ``span`` of ``text``; its span in the whole article (``text`` starts at ``offset``)."""
    return Evidence(doc=doc, quote=text[span[0] : span[1]], span=(span[0] + offset, span[1] + offset))


def _claim(p: Proposal, doc: str, text: str, offset: int = 0) -> Claim:
    base = f"{p.source.entity}-{p.type.value.lower().replace('_', '-')}-{p.target.entity}"
    ident = shortened(f"{base}.{re.sub(r'[^a-z0-9]+', '-', doc.lower()).strip('-')}", 160)
    data: dict[str, Any] = {
        "id": ident,
        "type": p.type,
        "source": p.source.entity,
        "target": p.target.entity,
        "counterparty": p.counterparty if p.type in COUNTERPARTY_TYPES else None,
        "evidence": [_evidence(doc, text, span, offset) for span in [p.quote, *p.earlier]],
        "confidence": p.confidence,
        "extracted": True,
        "note": "; ".join([f"extracted by rule: {p.rule}", *p.notes]),
    }
    if p.money is not None:
        data["money"] = p.money.money
    if p.due_by is not None:
        data["due_by"] = p.due_by.date
    if p.valid_from is not None and p.valid_from is not p.due_by:
        data["valid_from"] = p.valid_from.date
    return Claim.model_validate(data)


def _entity(e: NewEntity, doc: str, text: str, spans: list[tuple[int, int]], offset: int = 0) -> Entity:
    first = e.mentions[0]
    at = bisect.bisect_right([s for s, _ in spans], first.start) - 1
    sentence = spans[at] if at >= 0 and spans[at][0] <= first.start < spans[at][1] else (first.start, first.end)
    span = _context(text, sentence, first.start, first.end)
    aliases = tuple(dict.fromkeys(a for a in [*e.aliases, *{m.text for m in e.mentions}] if a != e.name))
    return Entity(
        id=e.id,
        kind=e.kind,
        name=e.name,
        aliases=tuple(sorted(aliases)),
        description=f"extracted: kind guessed by {e.rule}",
        evidence=[_evidence(doc, text, span, offset)],
        confidence=round(e.confidence, 2),
        extracted=True,
    )


def _context(text: str, sentence: tuple[int, int], start: int, end: int, words: int = 12) -> tuple[int, int]:
    """Up to ``words`` words of the sentence around a mention, the mention included."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[sentence[0] : sentence[1]])]
    spans = [(a + sentence[0], b + sentence[0]) for a, b in spans]
    at = next((i for i, (a, b) in enumerate(spans) if b > start), 0)
    last = next((i for i, (a, b) in enumerate(spans) if b >= end), at)
    first = max(0, min(at - 4, last - words + 1))
    stop = min(len(spans) - 1, first + words - 1)
    a, b = spans[first][0], spans[stop][1]
    while b > a and text[b - 1] in ",;:—–(\"“”’'.":
        b -= 1
    while a < b and text[a] in "\"“”‘’'(—–":
        a += 1
    return a, b


_DOC_ID = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
