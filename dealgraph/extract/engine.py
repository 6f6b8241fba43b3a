"""The CoreNLP engine of ``dealgraph extract``: annotate the article, find references to known
entities (names, NER-checked; new forms; descriptions; coreference) and new ones (NER, described
projects and bodies, minerals), match the relation patterns, and write the candidates in the
claims format, each with its evidence quoted from the article.

>>> result = extract_nlp(article, corpus, url="http://127.0.0.1:9000")  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from dealgraph.extract.amounts import DateMention, MoneyMention, money_mentions
from dealgraph.extract.deposits import deposit_candidates
from dealgraph.extract.entities import (
    NewEntities,
    described_entities,
    meetings,
    named_as,
    named_entities,
    titled_things,
)
from dealgraph.extract.entries import entry_candidates, entry_labels
from dealgraph.extract.extractor import DEFAULT_THRESHOLD, Extraction, _claim, _evidence, _title
from dealgraph.extract.financing import financing_candidates
from dealgraph.extract.holders import appositive_refs, holder_refs, plan_refs
from dealgraph.extract.link import (
    ACTORS,
    MONTHS,
    ORDINALS,
    KnownForms,
    attribute_refs,
    coreference_refs,
    description_refs,
    entity_heads,
    head_class,
    known_refs,
    name_heads,
    plural_refs,
    ref_index,
    unique_heads,
)
from dealgraph.extract.match import Candidate, candidates
from dealgraph.extract.mentions import Linker, Mention
from dealgraph.extract.nationality import nationality_candidates
from dealgraph.extract.new_countries import new_country_refs
from dealgraph.extract.nlp import Annotated, annotate
from dealgraph.extract.proposal import Arg, Proposal
from dealgraph.extract.refs import Ref
from dealgraph.extract.roles import role_candidates
from dealgraph.extract.text import Article
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Document, Entity, Kind, PartialDate, Precision, RelType
from dealgraph.graph.names import name_key

MAX_WORDS = 15
#: The types whose claims carry an amount ("pledged $2 billion", "a $600m plant run by X").
#: The relationships that make a thing its source's ("Japan's plan": the plan Japan pledged).
OWNING = frozenset({RelType.PLEDGES, RelType.OFFERS, RelType.LEADS, RelType.PARTICIPATES_IN})
MONEY_TYPES = frozenset({RelType.PLEDGES, RelType.DEMANDS, RelType.OFFERS, RelType.SUPPLIES, RelType.PARTICIPATES_IN})


def extract_nlp(
    article: Article,
    known: Dataset,
    *,
    url: str,
    article_date: dt.date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    linker: Linker | None = None,
) -> Extraction:
    """Candidates for one article, from CoreNLP's annotation at ``url``."""
    doc = annotate(article.text, url=url, date=article_date)
    return extract_annotated(doc, article, known, article_date=article_date, threshold=threshold, linker=linker)


def references(doc: Annotated, known: Dataset, linker: Linker,
               money: list[MoneyMention] | None = None) -> tuple[list[Ref], NewEntities, dict[str, str]]:  # fmt: skip
    """Every reference of the article, the new entities, and alias proposals (form -> known id).
    ``money``: the article's amounts, if the caller has read them already."""
    money = money if money is not None else money_mentions(doc.text)
    refs = known_refs(doc, linker, known)
    taken_keys = set(known.entities) | set(linker.keys)
    found = NewEntities(taken_keys)
    aliases: dict[str, str] = {}
    def known_title(title: str) -> tuple[str, Kind] | None:
        ident = linker.keys.get(name_key(title))
        return (ident, known.entities[ident].kind) if ident is not None else None

    refs += titled_things(doc, found, known_title)
    new_forms = named_entities(doc, [*refs, *found.refs], found, KnownForms(known), aliases)
    refs += [r.__class__(r.entity, known.entities[r.entity].kind, *_rest(r)) for r in new_forms]
    with_new = new_country_refs(doc, found, known, refs)
    amounts = [(m.start, m.end) for m in money]
    entry_labels(doc, [(r.start, r.end) for r in [*refs, *found.refs]], amounts, found)
    named = [*refs, *found.refs]
    places = [(r.start, r.end, _forms(r, known)) for r in named if r.kind in (Kind.PLACE, Kind.COUNTRY)]
    owners = _owners(known, linker)
    actors = [(r.start, r.end, r.entity) for r in named if r.kind in ACTORS]
    states = frozenset(r.entity for r in named if r.kind in (Kind.COUNTRY, Kind.ORGANIZATION))
    described = description_refs(doc, known, [(r.start, r.end) for r in named], _known_amounts(known), places,
                                 money, owned=(actors, owners), states=states)  # fmt: skip
    taken = [(r.start, r.end) for r in [*named, *described]]
    place_of = {(r.start, r.end): r.entity for r in named if r.kind in (Kind.PLACE, Kind.COUNTRY)}
    heads = entity_heads(known)
    unique = unique_heads(known)
    meetings(doc, [*named, *described], found)
    described_entities(doc, taken, found, place_of, frozenset(unique))
    named_as(doc, found)
    refs += _known_minerals(found, known, linker) + found.refs + described
    for thing in found.things.values():
        heads[thing.id] = {head_class(thing.head)} if thing.head else {head_class(thing.name.split()[-1])}
    dated = re.compile(rf"\b(?:(?:19|20)\d\d|{'|'.join(MONTHS)}|{'|'.join(ORDINALS)})\b", re.I)
    years = {  # the years, months and ordinals its names give it ("July 2025 trade deal", "first tranche")
        e.id: {w.lower() for w in dated.findall(" ".join((e.name, *e.aliases)))} for e in known.entities.values()
    }
    apposed = appositive_refs(doc, refs, known)  # "Minamitorishima, a remote coral island": then
    refs += apposed  # "the island" is Minamitorishima too
    for r in apposed:
        heads.setdefault(r.entity, set()).add(head_class(r.text.split()[-1]))
    refs += coreference_refs(doc, refs, heads, unique, owners, name_heads(known), years)
    refs += holder_refs(doc, refs, known, linker)
    refs += plan_refs(doc, refs, _financed(known), heads)
    refs += plural_refs(doc, refs)
    refs += attribute_refs(doc, refs, with_new or linker)
    return refs, found, aliases


def _listed_via(r: Ref) -> str:
    """How a reference is listed: a country's name before a title ("U.S. President ...") as a
    name of the country."""
    return "name" if r.via == "attribute" else r.via


def _known_minerals(found: NewEntities, known: Dataset, linker: Linker) -> list[Ref]:
    """A mineral the lexicon found that the corpus knows in the other number ("rare earth" for
    "rare earths"): references to the known one, not a new entity."""
    out: list[Ref] = []
    for thing in [t for t in found.things.values() if t.kind is Kind.MINERAL]:
        name = thing.name
        variants = (name, name + "s", name[:-1] if name.endswith("s") else name, name.replace(" ", "-"))
        ident = next((linker.keys[k] for v in variants if (k := name_key(v)) in linker.keys), None)
        if ident is None or known.entities[ident].kind is not Kind.MINERAL:
            continue
        del found.things[thing.id]
        found.by_key = {k: v for k, v in found.by_key.items() if v != thing.id}
        mine = [r for r in found.refs if r.entity == thing.id]
        found.refs = [r for r in found.refs if r.entity != thing.id]
        out += [Ref(ident, Kind.MINERAL, r.start, r.end, r.text, "name", 1.0, r.sentence) for r in mine]
    return out


def _forms(r: Ref, known: Dataset) -> set[str]:
    """The folded forms a reference's entity goes by: its text, and a known entity's names."""
    entity = known.entities.get(r.entity)
    return {name_key(r.text)} | ({name_key(f) for f in (entity.name, *entity.aliases)} if entity else set())


def _rest(r: Ref) -> tuple:  # type: ignore[type-arg]
    return (r.start, r.end, r.text, r.via, r.confidence, r.sentence, r.antecedent)


def _owners(known: Dataset, linker: Linker) -> dict[str, set[str]]:
    """Who may own a description of each known thing: "Japan's plan", not "Canada's". Who pledges,
    offers, leads or takes part in it, and who its own names name ("US Supreme Court ruling on ...")."""
    owners: dict[str, set[str]] = {}
    for claim in known.claims.values():
        if claim.type in OWNING:
            owners.setdefault(claim.target, set()).add(claim.source)
    for e in known.entities.values():
        if e.kind in (Kind.PROJECT, Kind.AGREEMENT, Kind.POLICY, Kind.EVENT):
            forms = " / ".join((e.name, *e.aliases))
            heads_dropped = " / ".join(form.rsplit(" ", 1)[0] for form in (e.name, *e.aliases))  # "Trump tariffs":
            owners.setdefault(e.id, set()).update(  # Trump, though the whole is the entity's own name
                m.entity for m in linker.mentions(forms) + linker.mentions(heads_dropped) if m.entity != e.id
            )
    return owners


def _known_amounts(known: Dataset) -> dict[str, set[float]]:
    """The amounts the corpus states for each entity (as a target), to recognise descriptions: in
    their own currency and, where the corpus gives one, in US dollars."""
    out: dict[str, set[float]] = {}
    for c in known.claims.values():
        if c.money is not None:
            out.setdefault(c.target, set()).add(float(c.money.amount))
            if c.money.usd is not None:
                out[c.target].add(float(c.money.usd.amount))
    return out


def extract_annotated(doc: Annotated, article: Article, known: Dataset, *, article_date: dt.date | None = None,
                      threshold: float = DEFAULT_THRESHOLD, linker: Linker | None = None) -> Extraction:  # fmt: skip
    """Candidates for an article already annotated."""
    text = doc.text
    linker = linker or Linker(known)
    money = money_mentions(text)
    refs, found, aliases = references(doc, known, linker, money)
    index = ref_index(doc, refs)

    document = Document(
        id=article.doc_id,
        title=_title(text),
        published=PartialDate(start=article_date, precision=Precision.DAY) if article_date else "unknown",
        note=f"registered by dealgraph extract from {article.path}",
    )
    out = Extraction(documents=[document], threshold=threshold, articles=1)
    # a country's name before a title inside a leader's name ("U.S. President Donald Trump") is
    # listed as a name of the country; other attributes describe and are not listed
    titled = {r.start for r in refs if r.kind in (Kind.LEADER, Kind.PERSON) and r.via == "name"}
    out.linked = [
        (document.id, Mention(r.entity, r.start + article.offset, r.end + article.offset, r.text,
                              _listed_via(r), r.confidence))
        for group in sorted(refs, key=lambda r: r.start)
        for r in group.members or (group,)
        if r.entity in known.entities and r.via != "name part"
        and (r.via != "attribute" or r.kind is Kind.COUNTRY and r.start in titled)
    ]
    out.new_mentions = [
        (document.id, Mention(r.entity, r.start + article.offset, r.end + article.offset, r.text, r.via, r.confidence))
        for r in sorted(refs, key=lambda r: r.start)
        if r.entity not in known.entities
    ]
    claims: dict[str, object] = {}
    below: dict[str, object] = {}
    needed: set[str] = set()
    amount_tokens = {
        (sentence.index, t.index)
        for sentence in doc.sentences
        for t in sentence.tokens
        if any(m.start <= t.start < m.end for m in money if sentence.start <= m.start <= sentence.end)
    }
    after = article_date.isoformat() if article_date else ""
    found_candidates = candidates(doc, index, amount_tokens, _leaders(known), after)
    financed = _financed(known)
    found_candidates += entry_candidates(doc, index, refs, amount_tokens, financed)
    found_candidates += financing_candidates(doc, index, refs, financed)
    found_candidates += nationality_candidates(doc, index)
    found_candidates += role_candidates(doc, index)
    found_candidates += deposit_candidates(doc, index)
    found_candidates = [_funding(c, amount_tokens, doc) for c in found_candidates]
    for c in _best(found_candidates):
        proposal = _proposal(c, doc, money)
        claim = _claim(proposal, document.id, text, article.offset)
        new_ends = [found.things[x] for x in (c.source.entity, c.target.entity) if x in found.things]
        accepted = c.confidence >= threshold
        table = claims if accepted else below
        if claim.id in table:
            kept = table[claim.id]
            claim = kept.model_copy(  # type: ignore[attr-defined]
                update={"evidence": kept.evidence + claim.evidence,  # type: ignore[attr-defined]
                        "confidence": max(kept.confidence, claim.confidence),  # type: ignore[attr-defined]
                        "money": kept.money or claim.money,  # type: ignore[attr-defined]
                        "due_by": kept.due_by or claim.due_by}  # type: ignore[attr-defined]
            )  # fmt: skip
        table[claim.id] = claim
        if accepted:
            needed.update(e.id for e in new_ends)
    for ident in list(below):
        if ident in claims:  # the same relationship, stated less surely elsewhere: what it adds is kept
            kept, extra = claims[ident], below.pop(ident)
            update = {
                n: getattr(extra, n) for n in ("money", "due_by") if getattr(kept, n) is None and getattr(extra, n)
            }
            if update:  # with the quote that states it
                update["evidence"] = kept.evidence + extra.evidence  # type: ignore[attr-defined]
                claims[ident] = kept.model_copy(update=update)  # type: ignore[attr-defined]
    out.claims = list(claims.values())  # type: ignore[arg-type]
    out.below_claims = list(below.values())  # type: ignore[arg-type]
    first_ref: dict[str, Ref] = {}
    for r in sorted(found.refs, key=lambda r: (r.via in ("demonym", "capital"), r.start)):
        first_ref.setdefault(r.entity, r)  # a name's first mention, before "Santiago" or "Chilean"
    for thing in found.things.values():
        first = first_ref.get(thing.id)
        if first is None:
            continue
        span = _quote_span(doc, first.sentence, [(first.start, first.end)], anchor=(first.start, first.end))
        entity = Entity(
            id=thing.id,
            kind=thing.kind,
            name=thing.name[:200],
            aliases=tuple(sorted({f for f in thing.forms if f != thing.name and len(f) <= 200})),
            description=f"extracted: {thing.rule}",
            evidence=[_evidence(document.id, text, span, article.offset)],
            confidence=round(thing.confidence, 2),
            extracted=True,
        )
        (out.entities if thing.confidence >= threshold or thing.id in needed else out.below_entities).append(entity)
    out.aliases = _alias_proposals(doc, refs, aliases, known, document.id, article.offset)
    return out


def _alias_proposals(doc: Annotated, refs: list[Ref], aliases: dict[str, str], known: Dataset, doc_id: str,
                     offset: int) -> list[Entity]:  # fmt: skip
    """A known entity met under a new surface form: the entity again, with the form as an alias."""
    out: dict[str, Entity] = {}
    for r in refs:
        if r.via != "new form":
            continue
        entity = known.entities[r.entity]
        span = _quote_span(doc, r.sentence, [(r.start, r.end)], anchor=(r.start, r.end))
        previous = out.get(entity.id)
        forms = tuple(sorted({*(previous.aliases if previous else ()), r.text}))
        out[entity.id] = Entity(
            id=entity.id, kind=entity.kind, name=entity.name, aliases=forms,
            evidence=[_evidence(doc_id, doc.text, span, offset)], confidence=0.8, extracted=True,
            description=f"extracted: a new form of the known {entity.kind.value} {entity.name!r}",
        )  # fmt: skip
    return list(out.values())


#: Relationships a more specific one between the same ends, in the same sentence, replaces.
SPECIFIC: dict[RelType, tuple[RelType, ...]] = {
    RelType.AFFILIATED_WITH: (RelType.LEADS,),
    RelType.PARTICIPATES_IN: (RelType.PLEDGES, RelType.OFFERS, RelType.LEADS, RelType.SUPPLIES),
    # a party that announces its own agreement is a party, not merely its reporter
    RelType.REPORTS: (RelType.PARTICIPATES_IN,),
}


def _funding(c: Candidate, amount_tokens: set[tuple[int, int]], doc: Annotated) -> Candidate:
    """Money supplied to a plan or project is money pledged to it: "Japan will provide $550
    billion in investment, loans and loan guarantees" (a verb of supplying whose object is the
    amount of a known plan) funds the plan; it does not supply it as goods."""
    if c.type is not RelType.SUPPLIES or c.target.kind not in (Kind.PROJECT, Kind.POLICY, Kind.AGREEMENT):
        return c
    sentence = doc.sentences[c.sentence]
    if not any((sentence.index, t.index) in amount_tokens for t in sentence.tokens
               if c.target.start <= t.start < c.target.end):  # fmt: skip
        return c
    pattern = dataclasses.replace(c.pattern, type=RelType.PLEDGES,
                                  name=f"{c.pattern.name}; money supplied to a plan is pledged to it")  # fmt: skip
    return dataclasses.replace(c, pattern=pattern)


def _best(found: list[Candidate]) -> list[Candidate]:
    """One candidate per (type, source, target, sentence): the most confident; a specific type
    rather than a generic one (``SPECIFIC``) for one pair in one sentence."""
    best: dict[tuple[RelType, str, str, int], Candidate] = {}
    for c in found:
        key = (c.type, c.source.entity, c.target.entity, c.sentence)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    # one who heads a body is not also listed as merely affiliated with it ("Commerce Secretary X");
    # one who pledges, offers or leads a thing is not also listed as merely taking part in it
    def superseded(c: Candidate) -> bool:
        specific = SPECIFIC.get(c.type, ())
        return any((t, c.source.entity, c.target.entity, c.sentence) in best for t in specific)

    return [c for c in best.values() if not superseded(c)]


def _financed(known: Dataset) -> dict[str, str | None]:
    """The known plans and projects the corpus says are pledged with money, each with the one
    of them it is part of (None for a whole plan)."""
    kinds = (Kind.PROJECT, Kind.POLICY, Kind.AGREEMENT)
    pledged = {
        c.target for c in known.claims.values()
        if c.type is RelType.PLEDGES and c.money is not None and known.entities[c.target].kind in kinds
    }  # fmt: skip
    whole = {c.source: c.target for c in known.claims.values()
             if c.type is RelType.PART_OF and c.source in pledged and c.target in pledged}  # fmt: skip
    return {e: whole.get(e) for e in pledged}


def _leaders(known: Dataset) -> dict[str, tuple[str, Kind]]:
    """Leader id -> the country or organisation the corpus says they lead."""
    out: dict[str, tuple[str, Kind]] = {}
    for claim in known.claims.values():
        target = known.entities[claim.target]
        if claim.type is RelType.LEADS and target.kind in (Kind.COUNTRY, Kind.ORGANIZATION):
            out.setdefault(claim.source, (target.id, target.kind))
    return out


def _arg(r: Ref) -> Arg:
    return Arg(r.entity, r.kind, r.start, r.end, r.text, r.confidence, r.via)


def _proposal(c: Candidate, doc: Annotated, money: list[MoneyMention]) -> Proposal:
    sentence = doc.sentences[c.sentence]
    trigger = sentence.tokens[c.trigger]
    quote = _quote_span(doc, c.sentence, [(c.source.start, c.source.end), (c.target.start, c.target.end)],
                        anchor=(trigger.start, trigger.end))  # fmt: skip
    earlier = [
        _quote_span(doc, doc_sentence(doc, r.antecedent[0]), [r.antecedent], anchor=r.antecedent)
        for r in (c.source, c.target)
        if r.antecedent is not None and doc_sentence(doc, r.antecedent[0]) != c.sentence
    ]
    notes = list(c.notes)
    if earlier:
        notes.append("an end is named in an earlier sentence (coreference), quoted too")
    p = Proposal(
        type=c.type,
        source=_arg(c.source),
        target=_arg(c.target),
        confidence=c.confidence,
        rule=c.pattern.name,
        trigger=(trigger.start, trigger.end),
        quote=quote,
        counterparty=c.counterparty.entity if c.counterparty is not None else None,
        notes=notes,
        earlier=earlier,
    )
    if c.money_token is not None and c.type in MONEY_TYPES:
        at = sentence.tokens[c.money_token].start
        p.money = next((m for m in money if m.start <= at < m.end), None)
        if p.money is None:  # a token CoreNLP calls MONEY that our parser reads otherwise: the nearest amount
            p.money = next((m for m in money if sentence.start <= m.start <= at < m.end + 12), None)
    if c.due:
        date = _partial(c.due)
        if date is not None:
            p.due_by = DateMention(trigger.start, trigger.end, c.due, date, False)
    return p


def doc_sentence(doc: Annotated, offset: int) -> int:
    for s in doc.sentences:
        if s.start <= offset < s.end + 1:
            return s.index
    return 0


def _partial(value: str) -> PartialDate | None:
    """SUTime's value as a date with precision: 2027-02, 2026-03-19, 2026-Q1, 2029; None for others."""
    m = re.match(r"^(\d{4})(?:-(\d{2}|Q[1-4])(?:-(\d{2}))?)?", value)
    if not m or "X" in value[: len(m.group(0)) + 1]:
        return None
    try:
        return PartialDate.parse(m.group(0))
    except ValueError:
        return None


def _quote_span(doc: Annotated, sentence_index: int, must: list[tuple[int, int]],
                anchor: tuple[int, int]) -> tuple[int, int]:  # fmt: skip
    """At most 15 words of the sentence: the ends and the trigger where they fit, else the
    words around the trigger."""
    sentence = doc.sentences[sentence_index]
    text = doc.text
    words = [(m.start() + sentence.start, m.end() + sentence.start)
             for m in re.finditer(r"\S+", text[sentence.start : sentence.end])]  # fmt: skip
    if not words:
        return anchor

    def word_of(offset: int) -> int:
        return next(
            (i for i, (a, b) in enumerate(words) if a <= offset < b), 0 if offset < words[0][0] else len(words) - 1
        )

    points = [word_of(anchor[0])] + [word_of(a) for a, _ in must if sentence.start <= a <= sentence.end]
    points += [word_of(max(a, b - 1)) for a, b in must if sentence.start <= a <= sentence.end]
    lo, hi = min(points), max(points)
    if hi - lo + 1 > MAX_WORDS:
        at = word_of(anchor[0])
        lo, hi = max(0, at - MAX_WORDS // 2), min(len(words) - 1, at + MAX_WORDS // 2)
        while hi - lo + 1 > MAX_WORDS:
            hi -= 1
    while hi - lo + 1 < 8 and (lo > 0 or hi < len(words) - 1):  # a little context
        if hi < len(words) - 1:
            hi += 1
        if hi - lo + 1 < 8 and lo > 0:
            lo -= 1
    a, b = words[lo][0], words[hi][1]
    while b > a and text[b - 1] in ",;:—–(\"“”’'.":
        b -= 1
    while a < b and text[a] in "\"“”‘’'(—–":
        a += 1
    return a, b
