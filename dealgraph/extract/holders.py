"""An office, a bench or a government named for whoever holds it, read from the parse.

Three constructions, each a definite noun phrase with no name of its own:

- a title alone stands for the person the article last named with that title: "the president"
  after "President Trump" (or a leader the corpus knows by that title), "the prime minister";
- members named for their body stand for it: "the justices", "the judges" for the court the
  article last named;
- "the administration" stands for the government of the leader the article last named;
- "the ruling party", "the governing coalition" stand for the party or coalition the corpus ties
  the leader the article last named to (his AFFILIATED_WITH, and what that is PART_OF), or the
  leader of the country it last named ("Japanese officials ... members of the ruling party").

Each needs an antecedent named earlier in the article: a title no one holds there is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from dealgraph.extract.entries import topic
from dealgraph.extract.link import head_class
from dealgraph.extract.mentions import Linker
from dealgraph.extract.nlp import Annotated, Sentence
from dealgraph.extract.refs import Ref
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Kind
from dealgraph.graph.names import name_key

#: Titles of single offices, as the lemmas of their last word (with the word before, if any).
TITLES = {"president": "", "minister": "prime", "premier": "", "chancellor": "", "secretary": ""}
#: Members of a body, and a word of the body's name ("the justices" -> "... Court").
MEMBERS = {"justice": "court", "judge": "court"}
#: A government named by its executive.
GOVERNMENTS = frozenset({"administration", "government"})

#: A body named for holding power: its noun, and the words that say it holds it.
RULING = frozenset({"party", "coalition"}), frozenset({"ruling", "governing"})

_PERSONS = (Kind.LEADER, Kind.PERSON)


def _ruling_bodies(known: Dataset) -> dict[str, dict[str, str]]:
    """Known leader id -> {"party" | "coalition": the organisation of that kind the corpus ties him
    to}: what he is AFFILIATED_WITH, and what that is PART_OF; a body's kind is a word of its name
    or sector."""
    up: dict[str, set[str]] = {}
    for c in known.claims.values():
        if c.type.value in ("AFFILIATED_WITH", "PART_OF"):
            up.setdefault(c.source, set()).add(c.target)
    out: dict[str, dict[str, str]] = {}
    for e in known.entities.values():
        if e.kind is not Kind.LEADER:
            continue
        bodies = set(up.get(e.id, ()))
        bodies |= {b for a in bodies for b in up.get(a, ())}
        country = name_key(str(e.attributes.get("country", "")))
        for b in sorted(bodies):
            body = known.entities.get(b)
            if body is None or body.kind is not Kind.ORGANIZATION:
                continue
            words = set(name_key(f"{body.name} {body.attributes.get('sector', '')}").split())
            for noun in RULING[0] & words:
                out.setdefault(e.id, {}).setdefault(noun, b)
                if country:
                    out.setdefault(country, {}).setdefault(noun, b)
    return out


def _name(known: Dataset, ref: Ref) -> str:
    entity = known.entities.get(ref.entity)
    return entity.name if entity else ref.text


def _ruling(sentence: Sentence, i: int) -> bool:
    """ "the ruling party": "the", a word of holding power, and nothing else."""
    labels = [(e.label, sentence.tokens[e.dependent].lemma.lower()) for e in sentence.children.get(i, [])]
    mods = [sentence.tokens[e.dependent].word.lower() for e in sentence.children.get(i, [])
            if e.label in ("amod", "compound")]  # fmt: skip
    return (
        ("det", "the") in labels
        and len(mods) == 1
        and mods[0] in RULING[1]
        and not any(label.startswith(("nmod", "nummod", "flat", "appos")) for label, _ in labels)
    )


def _titles_of(known: Dataset) -> dict[str, set[str]]:
    """Known person id -> the titles its names and role give it ("president", "prime minister")."""
    out: dict[str, set[str]] = {}
    for e in known.entities.values():
        if e.kind not in _PERSONS:
            continue
        words = " ".join((e.name, *e.aliases, str(e.attributes.get("role", "")))).lower()
        out[e.id] = {t for t, before in TITLES.items() if re.search(rf"\b{before} ?{t}\b" if before else rf"\b{t}\b",
                                                                   words)}  # fmt: skip
    return out


def _definite(sentence: Sentence, i: int) -> bool:
    """A noun with "the" and no name, number, possessor or complement of its own ("the
    president", not "the President Trump", "the president of Acme" or "Acme's president")."""
    labels = [(e.label, sentence.tokens[e.dependent].lemma.lower()) for e in sentence.children.get(i, [])]
    if ("det", "the") not in labels:
        return False
    return not any(label.startswith(("nmod", "nummod", "flat", "appos", "amod")) or label == "compound" and w != "prime"
                   for label, w in labels)  # fmt: skip


def holder_refs(doc: Annotated, refs: list[Ref], known: Dataset, linker: Linker) -> list[Ref]:
    """References of the three constructions above to entities the article named before them."""
    titles = _titles_of(known)
    ruling = _ruling_bodies(known)
    taken = [(r.start, r.end) for r in refs]
    named = sorted((r for r in refs if r.via not in ("coref", "attribute") and not r.members), key=lambda r: r.start)
    out: list[Ref] = []
    for sentence in doc.sentences:
        for t in sentence.tokens:
            lemma = t.lemma.lower()
            if not t.pos.startswith("NN") or any(a <= t.start < b for a, b in taken):
                continue
            body = lemma in RULING[0] and t.pos == "NN" and _ruling(sentence, t.index)
            if not body and not _definite(sentence, t.index):
                continue
            before = [r for r in named if r.end <= t.start]
            hit: Ref | None = None  # the reference it stands for, or whose government it names
            entity: str | None = None
            if body:
                # the leader or country named last; one the corpus knows no such body of gives nothing
                hit = next((r for r in reversed(before) if r.kind in (Kind.LEADER, Kind.COUNTRY)), None)
                if hit is not None:
                    key = hit.entity if hit.kind is Kind.LEADER else name_key(_name(known, hit))
                    entity = ruling.get(key, {}).get(lemma)
                hit = hit if entity else None
            elif lemma in TITLES and t.pos in ("NN", "NNP"):
                title = f"{TITLES[lemma]} {lemma}".strip()
                if TITLES[lemma] and (t.index == 0 or sentence.tokens[t.index - 1].lemma.lower() != TITLES[lemma]):
                    continue
                hit = next((r for r in reversed(before) if r.kind in _PERSONS and title in titles.get(r.entity, ())),
                           None)  # fmt: skip
            elif lemma in MEMBERS and t.pos == "NNS":
                word = MEMBERS[lemma]
                hit = next((r for r in reversed(before) if r.kind is Kind.ORGANIZATION
                            and word in name_key(known.entities[r.entity].name if r.entity in known.entities
                                                 else r.text)), None)  # fmt: skip
            elif lemma in GOVERNMENTS and t.pos == "NN":
                leader = next((r for r in reversed(before) if r.kind is Kind.LEADER and r.entity in known.entities),
                              None)  # fmt: skip
                country = linker.keys.get(name_key(str(known.entities[leader.entity].attributes.get("country", ""))))\
                    if leader else None  # fmt: skip
                if leader is not None and country in linker.countries:
                    hit, entity = leader, country
            if hit is None:
                continue
            kind = known.entities[entity].kind if entity else hit.kind
            entity = entity or hit.entity
            start = sentence.tokens[t.index - 1 if TITLES.get(lemma) or body else t.index].start
            det = next((sentence.tokens[e.dependent] for e in sentence.children.get(t.index, []) if e.label == "det"),
                       None)  # fmt: skip
            if det is not None and det.start < start:
                start = det.start
            out.append(Ref(entity, kind, start, t.end, doc.text[start : t.end], "coref", 0.7,
                           sentence.index, antecedent=(hit.start, hit.end)))  # fmt: skip
    return out


def appositive_refs(doc: Annotated, refs: list[Ref], known: Dataset) -> list[Ref]:
    """A common noun phrase that a known name is set beside describes the named thing: an
    apposition ("Minamitorishima, a remote coral island") or a noun the name is known by ("a
    remote coral island also known as Minamitori Island"). The phrase is the head noun and the
    words before it that name nothing else, beginning with an article."""
    taken = [(r.start, r.end) for r in refs]
    named = [r for r in refs if r.via in ("name", "new form") and r.entity in known.entities]
    out: list[Ref] = []
    for sentence in doc.sentences:
        pairs: list[tuple[Ref, int]] = []  # (the name, the noun that describes it)
        for r in (r for r in named if sentence.start <= r.start < sentence.end):
            heads = [t.index for t in sentence.tokens if r.start <= t.start < r.end]
            pairs += [(r, a) for h in heads for a in sentence.out(h, "appos")]
            pairs += [(r, n) for h in heads for v in sentence.into(h, "obl:as")
                      if sentence.tokens[v].lemma.lower() in ("know", "call", "name")
                      for n in sentence.into(v, "acl")]  # fmt: skip
        for r, a in pairs:
            tok = sentence.tokens[a]
            if tok.pos not in ("NN", "NNS") or any(x <= tok.start < y for x, y in taken):
                continue
            first = a
            while first > 0 and sentence.tokens[first - 1].pos in ("DT", "JJ", "NN", "NNS", "VBN", "HYPH") and not any(
                x <= sentence.tokens[first - 1].start < y for x, y in taken
            ):  # fmt: skip
                first -= 1
            if sentence.tokens[first].lemma.lower() not in ("a", "an", "the"):
                continue  # an article begins a description; anything else is not sure
            start = sentence.tokens[first].start
            out.append(Ref(r.entity, r.kind, start, tok.end, doc.text[start : tok.end], "description", 0.7,
                           sentence.index, antecedent=(r.start, r.end)))  # fmt: skip
            taken.append((start, tok.end))
    return out


#: Heads of a plan a definite description may name the article's financed plan by.
PLAN_HEADS = frozenset("plan programme program scheme initiative".split())


def plan_refs(doc: Annotated, refs: list[Ref], financed: Mapping[str, str | None],
              heads: Mapping[str, set[str]]) -> list[Ref]:  # fmt: skip
    """A definite plan ("the programme", "the government scheme") with no antecedent near: the financed plan the
    article is about (``entries.topic``: the one it referred to most before), when that plan goes
    by a head of the same class. A plan with a clause of its own ("the plan to begin ...") or a
    possessor is another plan."""
    taken = [(r.start, r.end) for r in refs]
    ordered = sorted(refs, key=lambda r: r.start)
    out: list[Ref] = []
    for sentence in doc.sentences:
        for t in sentence.tokens:
            if t.lemma.lower() not in PLAN_HEADS or not t.pos.startswith("NN"):
                continue
            if any(a <= t.start < b for a, b in taken):
                continue
            labels = [e.label for e in sentence.children.get(t.index, [])]
            dets = [sentence.tokens[d].lemma.lower() for d in sentence.out(t.index, "det")]
            if dets != ["the"] or any(label.startswith(("nmod", "acl", "appos")) for label in labels):
                continue
            if t.index + 1 < len(sentence.tokens) and sentence.tokens[t.index + 1].lemma.lower() == "to":
                continue  # "the plan to begin ...": the plan that clause states
            plan = topic(ordered, financed, t.start)
            if plan is None or head_class(t.lemma) not in heads.get(plan.entity, set()):
                continue
            first = min([t.index, *sentence.out(t.index, "det"), *sentence.out(t.index, "compound")])
            start = sentence.tokens[first].start
            out.append(Ref(plan.entity, plan.kind, start, t.end, doc.text[start : t.end], "coref", 0.65,
                           sentence.index, antecedent=(plan.start, plan.end)))  # fmt: skip
    return out
