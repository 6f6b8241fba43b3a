"""Countries an article names that the corpus does not know: their demonyms and capitals stand
for them as a known country's do, and a demonym before a leader's title names one.

``new_country_refs`` runs once the article's new entities are found (``engine.references``).
"""

from __future__ import annotations

import functools
import itertools

from dealgraph.extract.entities import NewEntities
from dealgraph.extract.link import known_refs
from dealgraph.extract.mentions import Linker
from dealgraph.extract.newnames import slug
from dealgraph.extract.nlp import Annotated
from dealgraph.extract.refs import Ref, head_of, tokens_in
from dealgraph.graph.countries import OTHER_NAMES, country_words
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Entity, Kind
from dealgraph.graph.names import STAND_INS, name_key


def new_country_refs(doc: Annotated, found: NewEntities, known: Dataset, refs: list[Ref]) -> Linker | None:
    """The demonyms and capitals of countries the article names and the corpus does not know
    stand for them as a known country's do ("Chile and the EU signed ... Santiago will ship",
    "Chilean President Gabriel Boric"): found the same way (``known_refs``), as references to the
    new country. A capital is the country's where it acts, and stays a place (NER's, or none)
    where it is one: after "in", "to" or "from", or in a dateline. Returns a linker that knows
    the new countries (for the attributive demonyms), or None when the article names none."""
    _titled_countries(doc, found, known)
    countries = {t.id: t for t in found.things.values() if t.kind is Kind.COUNTRY and country_words(t.key)}
    if not countries:
        return None
    new = Dataset(entities={t.id: Entity(id=t.id, kind=Kind.COUNTRY, name=t.name) for t in countries.values()})
    theirs = Linker(new)
    capitals = {  # new places that are the capital of a new country, and that country
        t.id: theirs.stand_ins[t.key][0]
        for t in found.things.values()
        if t.kind is Kind.PLACE and theirs.stand_ins.get(t.key, ("", ""))[1] == "capital"
    }
    kept: list[Ref] = []
    for r in found.refs:
        if r.entity in capitals and not _a_place(doc, r):  # "Santiago will ship": the government
            r = Ref(capitals[r.entity], Kind.COUNTRY, r.start, r.end, r.text, "capital", 0.75, r.sentence)
        kept.append(r)
    found.refs = kept
    for place in set(capitals) - {r.entity for r in found.refs}:  # never a place: only the country
        del found.things[place]
        found.by_key = {k: v for k, v in found.by_key.items() if v != place}
    taken = [(r.start, r.end) for r in [*refs, *found.refs]]
    for r in known_refs(doc, theirs, new):
        if r.via not in ("demonym", "capital") or any(a < r.end and r.start < b for a, b in taken):
            continue
        if r.via == "demonym" or not _a_place(doc, r):
            found.refs.append(r)
    return Linker(Dataset(entities={**known.entities, **new.entities}))


def _titled_countries(doc: Annotated, found: NewEntities, known: Dataset) -> None:
    """A demonym before a leader's title and name names the country the title is of ("French
    President Emmanuel Macron", "German Chancellor Friedrich Merz"): a new country when neither
    the corpus nor the article has it by name (then its stand-ins apply, and the title's rows)."""
    every = _every_country().stand_ins
    have = {name_key(n) for e in known.entities.values() for n in (e.name, *e.aliases)}
    have |= {t.key for t in found.things.values()}
    for sentence in doc.sentences:
        toks = sentence.tokens
        for i in range(len(toks)):
            for n in (2, 1):  # "South Korean President ...", "French President ..."
                words = name_key(" ".join(t.word for t in toks[i : i + n]))
                country, via = every.get(words, ("", ""))
                titles = list(itertools.takewhile(lambda t: t.ner == "TITLE", toks[i + n :]))
                after = i + n + len(titles)
                if via != "demonym" or not titles or after >= len(toks) or toks[after].ner != "PERSON":
                    continue
                key = country.replace("-", " ")
                if key not in have and not any(name_key(o) in have for o, k in OTHER_NAMES.items() if k == key):
                    thing = found.add(name=_country_name(key), kind=Kind.COUNTRY, confidence=0.7,
                                      rule="demonym before a leader's title")  # fmt: skip
                    a, b = toks[i].start, toks[i + n - 1].end
                    found.refer(thing, sentence, a, b, doc.text[a:b], "demonym", form=False)
                    have.add(key)
                break


@functools.cache
def _every_country() -> Linker:
    """A linker of every country the stand-in table lists (its demonyms and capitals)."""
    table = [Entity(id=slug(key), kind=Kind.COUNTRY, name=_country_name(key)) for key in STAND_INS]
    return Linker(Dataset.of(table, []))


def _country_name(key: str) -> str:
    """A country's name from its folded form: "bosnia and herzegovina" -> "Bosnia and Herzegovina"."""
    return " ".join(w if w in ("and", "of", "the") else w.capitalize() for w in key.split())


#: Prepositions before a place where it is one ("a refinery in Lima", "flights to Seoul").
_LOCATIVE = frozenset("in at to from into near outside inside around across within via throughout".split())


def _a_place(doc: Annotated, r: Ref) -> bool:
    """Whether a capital is a place here rather than its government: after a locative
    preposition, or in a sentence without a verb (a dateline, "SEOUL, Nov 4 (Reuters) -")."""
    sentence = doc.sentences[r.sentence]
    head = head_of(sentence, tokens_in(sentence, r.start, r.end))
    if head is None or not any(t.pos.startswith("VB") for t in sentence.tokens):
        return True
    return any(sentence.tokens[i].word.lower() in _LOCATIVE for i in sentence.out(head, "case"))
