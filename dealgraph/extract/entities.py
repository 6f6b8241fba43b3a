"""New entities from an annotated article: named ones from CoreNLP's NER (people, organisations,
companies, places, US states and cities as Place), minerals from the lexicon, and things named
only by description: a noun phrase with a project head ("a gas-fired power station in Ohio") or
an organisation head with modifiers ("the US investment committee"). Each gets a readable name,
its surface forms, a kind and the rule that gave it; a later short form ("Akazawa", "the Ohio
plant") refers to the same entity. A new surface form of a known entity ("Minamitori Island"
for Minamitorishima) is a reference to it, proposed as an alias, not a new entity.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from dealgraph.extract.lexicon import (
    AGREEMENT_SUFFIXES,
    APPOSITION_HEADS,
    COMPANY_SUFFIXES,
    LEADER_TITLES,
    MINERALS,
    ORGANIZATION_ACRONYMS,
    ORGANIZATION_WORDS,
    POLICY_SUFFIXES,
    PROJECT_SUFFIXES,
)
from dealgraph.extract.newnames import shortened, slug
from dealgraph.extract.nlp import Annotated, NerMention, Sentence
from dealgraph.extract.refs import Ref, head_of
from dealgraph.graph.model import Kind
from dealgraph.graph.names import name_key

#: Heads of noun phrases that describe a project.
#: (Plural heads, "US energy projects", name a set, not a new thing.)
PROJECT_HEADS = frozenset(
    "plant station terminal factory facility reactor pipeline project mine refinery smelter complex port trial shipyard"
    .split()
)
#: Commodities and materials beyond the mineral lexicon that news names as traded goods.
COMMODITIES = (
    "crude oil", "natural gas", "liquefied natural gas", "lng", "coal", "gadolinium", "samarium", "neodymium",
    "industrial diamonds", "synthetic industrial diamonds", "industrial diamond grit", "diamond grit",
    "lithium iron phosphate", "fertilizer", "fertiliser", "phosphate", "potash", "silicon", "steel", "aluminium",
    "aluminum", "semiconductors", "ammonia", "hydrogen",
)  # fmt: skip
#: Heads of noun phrases that describe an event ("talks in Washington", "the leaders' summit").
EVENT_HEADS = frozenset("talks negotiations summit meeting conference visit election ruling hearing".split())
#: Heads of noun phrases that describe an agreement ("a memorandum of understanding").
AGREEMENT_HEADS = frozenset("memorandum agreement accord pact treaty partnership framework deal".split())
#: Heads of lower-case noun phrases that describe a body ("the US investment committee").
BODY_HEADS = frozenset("committee council commission panel taskforce task-force board".split())
#: NER types and the kind they give.
NER_KINDS = {
    "PERSON": Kind.PERSON,
    "ORGANIZATION": Kind.ORGANIZATION,
    "STATE_OR_PROVINCE": Kind.PLACE,
    "CITY": Kind.PLACE,
    "LOCATION": Kind.PLACE,
    "COUNTRY": Kind.COUNTRY,
}
_PRONOUNS = frozenset("he him his she her hers it its they them their we our i you".split())
_NOT_MODIFIER_WORDS = frozenset("first second third new other two three its their his her our its".split())


@dataclass
class NewThing:
    id: str
    name: str
    kind: Kind
    rule: str
    confidence: float
    forms: list[str] = field(default_factory=list)
    key: str = ""
    head: str = ""  # the head class of a described thing ("plant" for a power station)
    bag: set[str] = field(default_factory=set)  # the words around its first description


class NewEntities:
    """The new entities of one article, by id, and the references to them."""

    def __init__(self, taken_keys: set[str]):
        self.things: dict[str, NewThing] = {}
        self.by_key: dict[str, str] = {}
        self.taken = taken_keys  # ids and names of known entities: a new one never takes them
        self.refs: list[Ref] = []

    def add(self, *, name: str, kind: Kind, rule: str, confidence: float, key: str | None = None) -> NewThing:
        key = key or name_key(name)
        if key in self.by_key:
            thing = self.things[self.by_key[key]]
            thing.confidence = max(thing.confidence, confidence)  # the surest of its mentions
        else:
            ident = shortened(slug(name), 120) or "entity"
            while ident in self.things or ident in self.taken:
                ident = f"{ident}-{kind.value.lower()}"
            thing = NewThing(ident, name, kind, rule, confidence, key=key)
            self.things[ident] = thing
            self.by_key[key] = ident
        return thing

    def merge(self, short: NewThing, whole: NewThing) -> None:
        """``short`` is a short form of ``whole`` ("Toyota" of "Toyota Motor Corp."): one entity."""
        self.refs = [replace(r, entity=whole.id, kind=whole.kind) if r.entity == short.id else r for r in self.refs]
        whole.forms += [f for f in short.forms if f not in whole.forms]
        whole.confidence = max(whole.confidence, short.confidence)
        del self.things[short.id]
        self.by_key = {k: whole.id if v == short.id else v for k, v in self.by_key.items()}

    def refer(self, thing: NewThing, sentence: Sentence, start: int, end: int, text: str, via: str,
              *, form: bool = True) -> None:  # fmt: skip
        """A reference to ``thing``; its text is one of the thing's names unless ``form`` is False
        (the verb "met" refers to a meeting without naming it)."""
        if form and text not in thing.forms:
            thing.forms.append(text)
        self.refs.append(Ref(thing.id, thing.kind, start, end, text, via, thing.confidence, sentence.index))


_POSSESSIVE_END = re.compile(r"[’']s?$")


def _organization_kind(text: str, next_words: str) -> tuple[Kind, str]:
    words = text.split()
    suffix = _suffix_kind(words)
    if suffix is not None:
        return suffix, f"ner ORGANIZATION + last word '{words[-1]}'"
    if words and (words[-1] in COMPANY_SUFFIXES or " ".join(words[-2:]) in COMPANY_SUFFIXES):
        return Kind.COMPANY, "ner ORGANIZATION + company suffix"
    if any(w in ORGANIZATION_WORDS for w in words):
        return Kind.ORGANIZATION, "ner ORGANIZATION + organisation word"
    if len(words) == 1 and _POSSESSIVE_END.sub("", words[0]) in ORGANIZATION_ACRONYMS:
        return Kind.ORGANIZATION, "ner ORGANIZATION + a public body's acronym"
    head = re.match(r"\W*(?:an?|the)\s+([\w\- ]+?)(?:\s+(?:of|that|which|based|in)\b|[,.;)])", next_words)
    if head:
        kind = APPOSITION_HEADS.get(head.group(1).split()[-1].lower())
        if kind in ("Company", "Organization"):
            return Kind(kind), f"ner ORGANIZATION + apposition ({head.group(1).split()[-1]})"
    return Kind.COMPANY, "ner ORGANIZATION (a company unless an organisation word says otherwise)"


def _suffix_kind(words: list[str]) -> Kind | None:
    """The kind a name's last word gives: "... Accord" an agreement, "... Refinery" a project."""
    if not words:
        return None
    last = words[-1]
    for suffixes, kind in ((AGREEMENT_SUFFIXES, Kind.AGREEMENT), (PROJECT_SUFFIXES, Kind.PROJECT),
                           (POLICY_SUFFIXES, Kind.POLICY), (_BODY_SUFFIXES, Kind.ORGANIZATION)):  # fmt: skip
        if last in suffixes:
            return kind
    return None


_PLACE_NER = ("LOCATION", "CITY", "STATE_OR_PROVINCE")
#: Last words that make a capitalised name a public body ("Cabinet Office", "Foreign Ministry").
_BODY_SUFFIXES = ("Office", "Ministry", "Agency", "Commission", "Council", "Institute", "Department", "Bureau")


def _adjacent_places_joined(text: str, mentions: list[NerMention]) -> list[NerMention]:
    """NER sometimes cuts one place name in two ("South" LOCATION + "Boston" CITY): adjacent place
    mentions with only a space between them are one name, of the second's type."""
    out: list[NerMention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (last is not None and last.ner in _PLACE_NER and m.ner in _PLACE_NER
                and text[last.end : m.start] == " "):  # fmt: skip
            out[-1] = NerMention(text[last.start : m.end], m.ner, last.start_token, m.end_token, last.start, m.end, "")
        else:
            out.append(m)
    return out


def _named_after_country(m: NerMention, known: list[Ref]) -> bool:
    """An organisation whose name starts with a country's, of three words or more ("Japan Bank
    for International Cooperation", "Nippon Steel Corp"): a name of its own, the country in it."""
    inside = [r for r in known if m.start <= r.start and r.end <= m.end]
    return (
        m.ner == "ORGANIZATION"
        and len(m.text.split()) >= 2
        and len(inside) == 1
        and inside[0].start == m.start
        and inside[0].kind is Kind.COUNTRY
        and inside[0].end < m.end
        and (len(m.text.split()) >= 3 or m.text.split()[-1] in COMPANY_SUFFIXES)
    )


def named_entities(doc: Annotated, known: list[Ref], found: NewEntities, known_form: Callable[[str, Kind], str | None],
                   alias_of: dict[str, str]) -> list[Ref]:  # fmt: skip
    """New entities from NER mentions outside known references; returns references to known
    entities met under a new surface form (their alias proposals go to ``alias_of``)."""
    text = doc.text
    covered = [(r.start, r.end) for r in known]
    new_forms: list[Ref] = []
    persons: dict[str, NewThing] = {}  # last name -> person
    initials: dict[str, NewThing] = {}  # "EU" -> the European Union named before
    for sentence in doc.sentences:
        for m in _adjacent_places_joined(doc.text, sentence.ner_mentions):
            kind = NER_KINDS.get(m.ner)
            if kind is None:
                continue
            inner = [a for a, b in covered if a < m.end and m.start < b]
            if inner and _named_after_country(m, known):  # "Japan Bank for International Cooperation"
                inner = []
            if inner:  # "Institute of Japanese Studies of the Chinese Academy ...": the part before
                cut = re.search(r"\s+of(?:\s+the)?\s*$", doc.text[m.start : min(inner)])
                if cut is None or min(inner) <= m.start:
                    continue
                end = m.start + cut.start()
                m = NerMention(doc.text[m.start : end], m.ner, m.start_token, m.end_token, m.start, end, "")
            surface = re.sub(r"[’']s$", "", m.text).strip(" .,")
            if len(surface) < 2 or not surface[:1].isupper() or surface.lower() in _PRONOUNS:
                continue
            known_id = known_form(surface, kind)
            if known_id is not None:
                new_forms.append(Ref(known_id, kind, m.start, m.start + len(surface), surface, "new form", 0.8,
                                     sentence.index))  # fmt: skip
                alias_of[surface] = known_id
                continue
            if re.fullmatch(r"[A-Z]{2,6}", surface) and surface in initials:  # an acronym of a name
                found.refer(initials[surface], sentence, m.start, m.start + len(surface), surface, "short form")
                continue
            rule = f"ner {m.ner}"
            confidence = 0.85
            if kind is Kind.PERSON:
                words = surface.split()
                if len(words) == 1 and words[0] in persons:
                    found.refer(persons[words[0]], sentence, m.start, m.start + len(surface), surface, "short form")
                    continue
                title = " ".join(t.word for t in sentence.tokens[max(0, m.start_token - 2) : m.start_token])
                if any(title.endswith(t) for t in LEADER_TITLES) and "Vice" not in title:
                    kind, rule = Kind.LEADER, f"ner PERSON + title ({title})"
            elif (
                kind is Kind.ORGANIZATION
                and _named_after_country(m, known)
                and surface.split()[-1] not in COMPANY_SUFFIXES
            ):
                rule = "ner ORGANIZATION named after a country (a public body)"
            elif kind is Kind.ORGANIZATION:
                kind, rule = _organization_kind(surface, text[m.end : m.end + 60])
            thing = found.add(name=surface, kind=kind, rule=rule, confidence=confidence)
            if thing.kind is Kind.PERSON or thing.kind is Kind.LEADER:
                persons.setdefault(surface.split()[-1], thing)
            found.refer(thing, sentence, m.start, m.start + len(surface), surface, "ner")
            if kind in (Kind.ORGANIZATION, Kind.COMPANY, Kind.AGREEMENT, Kind.POLICY):
                initials.setdefault(_initials(surface), thing)
            acronym = re.match(r"\s*\(([A-Z][A-Za-z]{1,9})\)", text[m.end : m.end + 14])
            if acronym:
                found.by_key.setdefault(name_key(acronym.group(1)), thing.id)
    _short_company_names(found)
    return new_forms


#: Legal forms after a company's name: "Acme" and "Acme Corp." are one company ("Hitachi" and
#: "Hitachi Energy", "Mitsubishi" and "Mitsubishi Electric" are not).
_LEGAL_FORMS = frozenset("corp corporation inc incorporated co company ltd limited plc llc ag sa nv kk".split())


def _short_company_names(found: NewEntities) -> None:
    """A company named without its legal form and elsewhere with it ("Acme" in a headline, "Acme
    Corp." in the text) is one company."""
    companies = [t for t in found.things.values() if t.kind is Kind.COMPANY]
    for short in companies:
        words = short.name.split()
        wholes = [t for t in companies if t is not short and t.name.split()[: len(words)] == words
                  and {name_key(w).strip(",") for w in t.name.split()[len(words):]} <= _LEGAL_FORMS]  # fmt: skip
        if len(wholes) == 1 and len(wholes[0].name.split()) > len(words):
            found.merge(short, wholes[0])


def _initials(name: str) -> str:
    """ "European Union" -> "EU", "Bank for International Settlements" -> "BIS": the first letters
    of its capitalised words (the function words of names left out)."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


#: A formal title: capitalised words (digits, hyphens and dashes inside) joined by the lowercase
#: words that titles of laws and agreements use ("Framework for Securing the Supply of ...").
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Monday|" \
    "Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_TITLE_WORD = rf"(?:(?!(?:{_MONTHS})\b)[A-Z][\w.'’]*|\d{{4}})(?:[-–][A-Z]?[\w’]+)*"
_TITLE = re.compile(  # ("... Act of 1974 and the Framework for ...": two titles)
    rf"{_TITLE_WORD}(?:\s+(?:(?!and\s+the\b)(?:for|of|on|the|and|through|to|in|with|between)\s+)*{_TITLE_WORD})*"
)
_TITLE_KINDS = {**dict.fromkeys(AGREEMENT_SUFFIXES, Kind.AGREEMENT), "Act": Kind.POLICY, "Law": Kind.POLICY}


def titled_things(doc: Annotated, found: NewEntities,
                  known_key: Callable[[str], tuple[str, Kind] | None]) -> list[Ref]:  # fmt: skip
    """Agreements and laws under their formal titles, which run past what NER tags ("the United
    States–Japan Framework for Securing the Supply of Critical Minerals and Rare Earths through
    Mining and Processing"; NER tags "Japan Framework"): a capitalised title whose key word
    (Framework, Agreement, Act ...) is followed by "for", "of" or "on" and more of the title.
    Returns references to known entities met under their full title (``known_key``)."""
    known_forms: list[Ref] = []
    for sentence in doc.sentences:
        text = doc.text[sentence.start : sentence.end]
        for m in _TITLE.finditer(text):
            words = m.group().split()
            at = next((i for i, w in enumerate(words) if w.rstrip(".,") in _TITLE_KINDS), None)
            if at is None or at + 2 >= len(words) or words[at + 1] not in ("for", "of", "on"):
                continue
            title = m.group()
            start = sentence.start + m.start()
            kind = _TITLE_KINDS[words[at].rstrip(".,")]
            known_one = known_key(title)
            if known_one is not None:  # the corpus's entity, of the corpus's kind
                ident, known_kind = known_one
                known_forms.append(Ref(ident, known_kind, start, start + len(title), title, "name", 1.0,
                                       sentence.index))  # fmt: skip
                continue
            thing = found.add(name=title, kind=kind, rule=f"formal title ('{words[at]} {words[at + 1]} ...')",
                              confidence=0.8)  # fmt: skip
            found.refer(thing, sentence, start, start + len(title), title, "title")
    return known_forms


#: Kinds that meet.
_MEETERS = frozenset({Kind.PERSON, Kind.LEADER, Kind.COUNTRY, Kind.ORGANIZATION, Kind.COMPANY})


def meetings(doc: Annotated, refs: list[Ref], found: NewEntities) -> None:
    """Meetings told by the verb alone ("Trump and Takaichi met today at the Akasaka Palace"):
    an event, named after those who met (two or more: the verb's subjects, its object and
    those it met with), referred to by the verb and where it says they met. An object that is
    no actor ("met the deadline") makes no meeting."""
    by_token = {(r.sentence, i): r for r in refs for i in _tokens_of(doc, r)}
    for sentence in doc.sentences:
        for t in sentence.tokens:
            if t.lemma.lower() != "meet" or not t.pos.startswith("VB"):
                continue
            objects = sentence.out(t.index, "obj")
            if any(by_token.get((sentence.index, o)) is None or by_token[(sentence.index, o)].kind not in _MEETERS
                   for o in objects):  # fmt: skip
                continue  # "met the deadline", "met demand": no meeting
            heads = sentence.out(t.index, "nsubj") + objects + sentence.out(t.index, "obl:with")
            heads += [c for h in heads for c in sentence.out(h, "conj:and")]
            met: dict[str, Ref] = {}
            for h in heads:
                r = by_token.get((sentence.index, h))
                if r is not None and r.kind in _MEETERS:
                    met.setdefault(r.entity, r)
            if len(met) < 2:
                continue
            names = [r.text for r in sorted(met.values(), key=lambda r: r.start)]
            name = "meeting of " + (", ".join(names[:-1]) + " and " + names[-1])
            thing = found.add(name=name, kind=Kind.EVENT, rule="the verb 'meet' with those who met", confidence=0.7)
            thing.head = "meeting"
            found.refer(thing, sentence, t.start, t.end, doc.text[t.start : t.end], "meeting", form=False)


def _tokens_of(doc: Annotated, r: Ref) -> list[int]:
    sentence = doc.sentences[r.sentence]
    return [t.index for t in sentence.tokens if r.start <= t.start and t.end <= r.end]


def described_entities(
    doc: Annotated,
    taken: list[tuple[int, int]],
    found: NewEntities,
    place_of: dict[tuple[int, int], str],
    known_heads: frozenset[str] = frozenset(),
) -> None:
    """Projects, bodies and minerals named by description, outside ``taken`` spans.

    ``place_of`` maps a reference's span to its entity id, to key projects by their place: "a
    gas-fired power station in Ohio" and "the Ohio plant" are one project.
    """
    minerals = sorted({*MINERALS, *COMMODITIES}, key=len, reverse=True)
    for sentence in doc.sentences:
        toks = sentence.tokens
        for t in toks:
            if any(a <= t.start < b for a, b in taken):
                continue
            lemma = t.lemma.lower()
            nominal = t.pos.startswith("NN") or bool(sentence.out(t.index, "det"))  # "the crude terminal" (JJ)
            if nominal and (lemma in PROJECT_HEADS or t.word.lower() in PROJECT_HEADS):
                if t.pos != "NNS" or (lemma != "project" and _kind_modifiers(sentence, t.index)):
                    _project(doc.text, sentence, t.index, taken, found, place_of)
            elif t.pos == "NN" and lemma in TRANCHE_HEADS and _ordinal(sentence, t.index):
                _tranche(doc.text, sentence, t.index, taken, found)
            elif t.pos == "NN" and _trial_of_work(sentence, t.index):  # "test retrieval of rare-earth mud"
                _project(doc.text, sentence, t.index, taken, found, place_of)
            elif t.pos.startswith("NN") and t.word.lower() in EVENT_HEADS:
                _event(doc.text, sentence, t.index, taken, found, known_heads)
            elif t.pos == "NN" and lemma in AGREEMENT_HEADS and not t.word[:1].isupper():
                _agreement(doc.text, sentence, t.index, taken, found)
            elif t.pos.startswith("NN") and lemma in BODY_HEADS and not t.word[:1].isupper():
                _body(doc.text, sentence, t.index, taken, found)
            elif t.word[:1].isupper() and _suffix_kind([t.word]) is not None and t.index > 0:
                _named_by_suffix(doc.text, sentence, t.index, taken, found)
        lowered = " ".join(t.word.lower() for t in toks)
        for mineral in minerals:
            for m in re.finditer(rf"(?<![\w-]){re.escape(mineral)}s?(?![\w-])", lowered):
                # map back to tokens: count the words before
                first = lowered[: m.start()].count(" ")
                last = first + m.group().count(" ")
                start, end = toks[first].start, toks[min(last, len(toks) - 1)].end
                if any(a < end and start < b for a, b in taken):
                    continue
                thing = found.add(name=mineral, kind=Kind.MINERAL, rule="mineral lexicon", confidence=0.8)
                found.refer(thing, sentence, start, end, doc.text[start:end], "mineral")
                taken.append((start, end))


#: Participles that make an agreement and may date it ("a memorandum signed in September").
_MAKING_AGREEMENTS = frozenset("sign reach strike conclude seal ink agree finalize finalise".split())

#: Nouns of a part of a plan's projects that an ordinal names ("the second tranche", "a third
#: round of projects"): a project of its own when no known entity is so named.
TRANCHE_HEADS = frozenset("tranche round batch wave phase".split())
_ORDINAL_WORDS = frozenset("second third fourth fifth sixth next final".split())


def _ordinal(sentence: Sentence, head: int) -> bool:
    return any(sentence.tokens[d].lemma.lower() in _ORDINAL_WORDS for d in sentence.out(head, "amod"))


def _tranche(text: str, sentence: Sentence, head: int, taken: list[tuple[int, int]], found: NewEntities) -> None:
    """ "the second tranche (of projects)": named by its ordinal, its head and what it is of."""
    toks = sentence.tokens
    first = min([head, *(d for d in sentence.out(head, "amod") if toks[d].lemma.lower() in _ORDINAL_WORDS)])
    of = [d for d in sentence.out(head, "nmod:of") if toks[d].lemma.lower() in ("project", "investment", "deal")]
    end = toks[of[0]].end if of else toks[head].end
    start = toks[first].start
    if any(a < end and start < b for a, b in taken):
        return
    surface = text[start:end]
    thing = found.add(name=surface, kind=Kind.PROJECT, rule=f"an ordinal part of a plan (head '{toks[head].word}')",
                      confidence=0.7)  # fmt: skip
    thing.head = toks[head].lemma.lower()
    found.refer(thing, sentence, start, end, surface, "project")
    taken.append((start, end))


#: Modifiers that make a work a project of its own ("test retrieval", "pilot mining"), and the
#: nouns of work they make one of (not "a trial period of six months").
TRIAL_WORDS = frozenset("test trial pilot demonstration".split())
WORK_NOUNS = frozenset(
    "retrieval recovery extraction mining drilling production processing refining operation lifting dredging".split()
)


def _trial_of_work(sentence: Sentence, head: int) -> bool:
    """A noun of work under a trial modifier, with what it works on ("test retrieval of mud")."""
    if sentence.tokens[head].lemma.lower() not in WORK_NOUNS or not sentence.out(head, "nmod:of"):
        return False
    mods = sentence.out(head, "compound") + sentence.out(head, "amod")
    return any(sentence.tokens[m].lemma.lower() in TRIAL_WORDS for m in mods)


def _kind_modifiers(sentence: Sentence, head: int) -> bool:
    """A plural project head names a class of projects when a modifier says which kind ("AP1000
    reactors", "small modular reactors", "gas-fired power plants"), not "the plants" or "three
    plants"."""
    return any(i != head for i in _phrase(sentence, head))


def _phrase(sentence: Sentence, head: int) -> list[int]:
    """The head and its modifiers (compound, amod and their own compounds), left of the head."""
    out = {head}
    frontier = [head]
    while frontier:
        i = frontier.pop()
        for e in sentence.children.get(i, []):
            if e.label in ("compound", "amod", "flat") and e.dependent < head:
                tok = sentence.tokens[e.dependent]
                if tok.ner in ("MONEY", "NUMBER", "PERCENT", "DATE") or tok.lemma.lower() in _NOT_MODIFIER_WORDS:
                    continue
                out.add(e.dependent)
                frontier.append(e.dependent)
    # hyphenated modifiers ("gas-fired") are split by the tokenizer: take what stands between
    lo, hi = min(out), max(out)
    toks = sentence.tokens
    while lo > 0 and (toks[lo].word == "-" or toks[lo - 1].word == "-") and toks[lo - 1].end == toks[lo].start:
        lo -= 1
    return list(range(lo, hi + 1))


def _project(text: str, sentence: Sentence, head: int, taken: list[tuple[int, int]], found: NewEntities,
             place_of: dict[tuple[int, int], str]) -> None:  # fmt: skip
    words = _phrase(sentence, head)
    place = None
    for e in sentence.children.get(head, []):
        if e.label in ("nmod:in", "nmod:near", "nmod:off", "nmod:at", "compound"):
            span = (sentence.tokens[e.dependent].start, sentence.tokens[e.dependent].end)
            place = place or next((ident for (a, b), ident in place_of.items() if a <= span[0] and span[1] <= b), None)
    located = None  # "fund a refinery in Antofagasta", the place parsed as the verb's: right after the noun
    if place is None:
        for verb in sentence.into(head, "obj"):
            for e in sentence.children.get(verb, []):
                cases = sentence.out(e.dependent, "case")
                if e.label in ("obl:in", "obl:near", "obl:off", "obl:at") and cases == [head + 1]:
                    span = (sentence.tokens[e.dependent].start, sentence.tokens[e.dependent].end)
                    place = next((ident for (a, b), ident in place_of.items() if a <= span[0] and span[1] <= b), None)
                    located = e.dependent if place else None
    modifiers = [i for i in words if i != head]
    if not modifiers and place is None:
        return  # "the plant": a reference for coreference, not a new name
    toks = sentence.tokens
    head_class = _plant_class(toks[head].lemma)
    definite = any(toks[d].lemma.lower() in ("the", "this", "that") for d in sentence.out(head, "det"))
    mods = {_plant_class(toks[i].lemma) for i in modifiers}
    if definite:  # "the diamond plant": the project described before, if one fits
        earlier = [t for t in found.things.values() if t.kind is Kind.PROJECT and t.head == head_class and mods & t.bag]
        if earlier:
            start, end = toks[words[0]].start, toks[head].end
            found.refer(earlier[-1], sentence, start, end, text[start:end], "project")
            taken.append((start, end))
            return
    start, end = toks[words[0]].start, toks[head].end
    surface = text[start:end]
    place_name = ""
    for dependent in [e.dependent for e in sentence.children.get(head, []) if e.label == "nmod:in"] + (
        [located] if located is not None else []
    ):
        if place:
            place_end = toks[dependent].end
            place_name = text[toks[head].end : place_end].strip()
            end = place_end
    name = f"{surface} {place_name}".strip() if place_name else surface
    key = f"project:{place}:{head_class}" if place else name_key(name)
    thing = found.add(name=name, kind=Kind.PROJECT, rule=f"described project (head '{toks[head].word}')",
                      confidence=0.75, key=key)  # fmt: skip
    thing.head = head_class
    thing.bag |= mods | {_plant_class(toks[i].lemma) for i in _subtree(sentence, head)}
    proper = all(toks[i].word[:1].isupper() for i in words)  # "Lakeview Refinery": a name, not a description
    found.refer(thing, sentence, start, end, text[start:end], "ner" if proper else "project")
    taken.append((start, end))


def _event_class(lemma: str) -> str:
    from dealgraph.extract.link import head_class

    return head_class(lemma)


def _plant_class(lemma: str) -> str:
    word = lemma.lower()
    word = word[:-1] if word.endswith("s") and len(word) > 3 and not word.endswith("ss") else word
    return "plant" if word in ("plant", "station", "facility", "factory") else word


def _subtree(sentence: Sentence, head: int, depth: int = 3) -> list[int]:
    """Tokens under ``head`` (relative clauses and modifiers included), a few levels deep."""
    out: list[int] = []
    frontier = [head]
    for _ in range(depth):
        frontier = [e.dependent for i in frontier for e in sentence.children.get(i, []) if e.dependent != head]
        out += [i for i in frontier if sentence.tokens[i].pos.startswith(("NN", "JJ", "VB"))]
    return out


def _named_by_suffix(text: str, sentence: Sentence, head: int, taken: list[tuple[int, int]],
                     found: NewEntities) -> None:  # fmt: skip
    """A capitalised name that NER left out, ending in a word that gives its kind ("Coastal Accord")."""
    toks = sentence.tokens
    words = [i for i in _phrase(sentence, head) if i <= head]
    while words and not toks[words[0]].word[:1].isupper():
        words = words[1:]
    if len(words) < 2 or toks[words[0]].start == toks[0].start and toks[words[0]].lemma.lower() in ("the", "a"):
        return
    start, end = toks[words[0]].start, toks[head].end
    kind = _suffix_kind([toks[head].word])
    assert kind is not None
    thing = found.add(name=text[start:end], kind=kind, rule=f"capitalised name ending in '{toks[head].word}'",
                      confidence=0.75)  # fmt: skip
    found.refer(thing, sentence, start, end, text[start:end], "ner")
    taken.append((start, end))


def _event(text: str, sentence: Sentence, head: int, taken: list[tuple[int, int]], found: NewEntities,
           known_heads: frozenset[str]) -> None:  # fmt: skip
    """An event named by description: "talks" held by someone, "a summit" of someone. Named
    after the phrase and the people or places that qualify it, one per article and phrase. A
    bare "the ruling" where the corpus knows one ruling is that one (``known_heads``), not new."""
    toks = sentence.tokens
    words = _phrase(sentence, head)
    definite = [toks[d].lemma.lower() for d in sentence.out(head, "det")] in (["the"], ["this"], ["that"])
    if len(words) == 1 and definite and _event_class(toks[head].lemma) in known_heads:
        return
    start, end = toks[words[0]].start, toks[head].end
    surface = text[start:end]
    if len(words) == 1 and definite and toks[head].lemma.lower() in ("talk", "meeting"):
        # "the talks" after "A met B": the meeting the verb told of
        met = [r for r in found.refs if r.via == "meeting" and r.end <= start and r.sentence >= sentence.index - 6]
        if met:
            found.refer(found.things[met[-1].entity], sentence, start, end, surface, "event")
            taken.append((start, end))
            return
    # an event its participants, place or date qualify ("Trump's visit to Tokyo", "talks in
    # Washington", "the February 8 election") is surely one; a bare "talks" less so
    qualified = any(
        e.label in ("nmod:poss", "nmod:to", "nmod:in", "nmod:with", "nmod:at", "nmod:between")
        or toks[e.dependent].ner == "DATE"
        for e in sentence.children.get(head, [])
    )
    thing = found.add(name=surface, kind=Kind.EVENT, rule=f"described event (head '{toks[head].word}')",
                      confidence=0.75 if qualified else 0.65, key=f"event:{name_key(surface)}")  # fmt: skip
    found.refer(thing, sentence, start, end, surface, "event")
    taken.append((start, end))


def _agreement(text: str, sentence: Sentence, head: int, taken: list[tuple[int, int]], found: NewEntities) -> None:
    """An agreement named by description, when something qualifies it: "a memorandum of
    understanding", "an $80bn partnership", "a partnership with Acme" ("the agreement" alone is a
    reference, not a name)."""
    toks = sentence.tokens
    words = _phrase(sentence, head)
    of = [d for d in sentence.out(head, "nmod:of") + sentence.out(head, "nmod:on") + sentence.out(head, "nmod:for")
          if toks[d].pos.startswith("NN") and not toks[d].word[:1].isupper()]  # "a framework on critical minerals"
    money = [d for d in sentence.out(head, "nummod") + sentence.out(head, "amod") if toks[d].ner == "MONEY"]
    # "a partnership with Acme and Borealis": named by its parties
    parties = [d for d in sentence.out(head, "nmod:with") if toks[d].pos.startswith("NNP")]
    # "a memorandum signed in September": dated by the participle that made it
    makers = [v for v in sentence.out(head, "acl") if toks[v].lemma.lower() in _MAKING_AGREEMENTS]
    dated = [e.dependent for v in makers for e in sentence.children.get(v, [])
             if e.label.startswith("obl") and toks[e.dependent].ner == "DATE"]  # fmt: skip
    if len(words) < 2 and not of and not money and not parties and not dated:
        return
    start = toks[words[0]].start
    last = max([of[0], *sentence.out(of[0], "conj:and")]) if of else head  # "on minerals and rare earths"
    if parties and not of and len(words) < 2:
        last = max(parties)
    elif dated and not of and not parties and len(words) < 2:
        last = max(dated)
    end = toks[last].end
    surface = text[start:end]
    thing = found.add(name=surface, kind=Kind.AGREEMENT, rule=f"described agreement (head '{toks[head].word}')",
                      confidence=0.65)  # fmt: skip
    thing.head = _plant_class(toks[head].lemma)
    found.refer(thing, sentence, start, end, surface, "agreement")
    taken.append((start, end))


def _body(text: str, sentence: Sentence, head: int, taken: list[tuple[int, int]], found: NewEntities) -> None:
    words = _phrase(sentence, head)
    if len(words) < 2:
        return
    toks = sentence.tokens
    start, end = toks[words[0]].start, toks[head].end
    surface = text[start:end]
    thing = found.add(name=surface, kind=Kind.ORGANIZATION, rule=f"described body (head '{toks[head].word}')",
                      confidence=0.7)  # fmt: skip
    found.refer(thing, sentence, start, end, surface, "organization phrase")
    taken.append((start, end))


def phrase_head(sentence: Sentence, indexes: list[int]) -> int | None:
    return head_of(sentence, indexes)


#: Participles that give a described thing its name: "the crude terminal, known as Texas GulfLink".
NAMING = frozenset("know call dub name brand".split())


def named_as(doc: Annotated, found: NewEntities) -> dict[str, str]:
    """Described things given a name ("the crude terminal, known as Texas GulfLink"): the name's
    entity takes the description's kind and forms; returns the merged ids (description -> name)."""
    by_token: dict[tuple[int, int], str] = {}
    for r in found.refs:
        sentence = doc.sentences[r.sentence]
        for t in sentence.tokens:
            if r.start <= t.start < r.end:
                by_token[(r.sentence, t.index)] = r.entity
    merged: dict[str, str] = {}
    for sentence in doc.sentences:
        for t in sentence.tokens:
            if t.lemma.lower() not in NAMING or t.pos != "VBN":
                continue
            described = [
                by_token.get((sentence.index, g)) for g in sentence.into(t.index, "acl") + sentence.into(t.index, "dep")
            ]
            names = [
                by_token.get((sentence.index, d))
                for d in sentence.out(t.index, "obl:as") + sentence.out(t.index, "xcomp")
            ]
            for a in described:
                for b in names:
                    if a and b and a != b and a in found.things and b in found.things and a not in merged:
                        thing, name = found.things[a], found.things[b]
                        if thing.kind is Kind.PROJECT:
                            name.kind, name.rule = thing.kind, f"{name.rule}; named as a {thing.rule}"
                            name.forms += [f for f in thing.forms if f not in name.forms]
                            merged[a] = b
    for a in merged:
        del found.things[a]
    found.refs = [
        Ref(merged.get(r.entity, r.entity), found.things[merged.get(r.entity, r.entity)].kind, *_tail(r))
        for r in found.refs
    ]
    return merged


def _tail(r: Ref) -> tuple:  # type: ignore[type-arg]
    return (r.start, r.end, r.text, r.via, r.confidence, r.sentence, r.antecedent)
