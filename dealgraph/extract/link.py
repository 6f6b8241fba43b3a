"""References to known entities in an annotated article: names and aliases (the ``Linker``),
constrained by NER type; new surface forms of known places and bodies; descriptive references
("Japan's $550 billion investment commitment" → the investment plan) by head noun, modifiers
and amounts; and coreference: pronouns and definite descriptions ("it", "the company", "the
plant") carry the reference of the nearest compatible mention before them.

Coreference is ours, over the parse, rather than CoreNLP's: its statistical coreference added
16 s to the 7.3 s of the rest for a 1,914-word article here (see the README), three times the
budget, and the neural and deterministic systems need models or a constituency parse this
server does not load.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from dealgraph.extract.amounts import MoneyMention, money_mentions
from dealgraph.extract.mentions import Linker
from dealgraph.extract.nlp import Annotated, Sentence
from dealgraph.extract.refs import Ref, tokens_in
from dealgraph.graph.countries import DEMONYMS
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Kind
from dealgraph.graph.names import STAND_INS, name_key

_CAPITALS = {w for words in STAND_INS.values() for w in words if w not in DEMONYMS}
ACTORS = frozenset({Kind.COUNTRY, Kind.LEADER, Kind.PERSON, Kind.COMPANY, Kind.ORGANIZATION})
DESCRIBED = frozenset({Kind.PROJECT, Kind.AGREEMENT, Kind.POLICY, Kind.EVENT})
_GENERIC = frozenset("island islands isle atoll prefecture province city state county group".split())

#: Pronouns and the kinds they can stand for.
PRONOUNS: dict[str, frozenset[Kind]] = {
    **dict.fromkeys(("he", "him", "his", "she", "her", "hers"), frozenset({Kind.PERSON, Kind.LEADER})),
    **dict.fromkeys(("it", "its"), frozenset({Kind.COUNTRY, Kind.COMPANY, Kind.ORGANIZATION, Kind.PROJECT,
                                              Kind.AGREEMENT, Kind.POLICY, Kind.EVENT})),
    **dict.fromkeys(("they", "them", "their"), frozenset({Kind.COUNTRY, Kind.COMPANY, Kind.ORGANIZATION})),
}  # fmt: skip
#: Heads of definite descriptions ("the company") and the kinds they can stand for.
DEFINITE_HEADS: dict[str, frozenset[Kind]] = {
    **dict.fromkeys(("company", "firm", "group", "conglomerate", "maker", "manufacturer", "operator", "developer",
                     "utility", "miner"), frozenset({Kind.COMPANY})),
    **dict.fromkeys(("plant", "facility", "factory", "terminal", "project", "station", "mine", "refinery",
                     "reactor", "pipeline", "site"), frozenset({Kind.PROJECT})),
    **dict.fromkeys(("agency", "ministry", "committee", "court", "bank", "lender", "regulator", "council",
                     "commission", "body", "department", "party"), frozenset({Kind.ORGANIZATION})),
    **dict.fromkeys(("deal", "agreement", "accord", "pact", "framework", "memorandum", "treaty"),
                    frozenset({Kind.AGREEMENT})),
    **dict.fromkeys(("president", "premier", "leader"), frozenset({Kind.LEADER})),
    **dict.fromkeys(("minister", "secretary", "executive", "official", "analyst", "envoy"), frozenset({Kind.PERSON})),
    **dict.fromkeys(("country", "nation", "government", "ally"), frozenset({Kind.COUNTRY})),
    **dict.fromkeys(("island",), frozenset({Kind.PLACE})),
}  # fmt: skip


def known_refs(doc: Annotated, linker: Linker, known: Dataset) -> list[Ref]:
    """Names, aliases, demonyms and capitals of known entities, kept where NER agrees: a
    STATE_OR_PROVINCE or a CITY is never a country by name ("Augusta, Georgia"), though a
    capital stands for its country ("Washington", "Tokyo")."""
    refs: list[Ref] = []
    by_start = {t.start: (s, t) for s in doc.sentences for t in s.tokens}
    for m in linker.mentions(doc.text):
        first = by_start.get(m.start)
        if first is None:  # inside a token ("US" in "US-Japan"): find the token that holds it
            first = next(((s, t) for s in doc.sentences for t in s.tokens if t.start <= m.start < t.end), None)
            if first is None:
                continue
        sentence, token = first
        entity = known.entities[m.entity]
        if (
            entity.kind is Kind.COUNTRY
            and token.ner in ("STATE_OR_PROVINCE", "CITY")
            and (name_key(m.text) not in _CAPITALS or _after_city(sentence, token.index))
            and _after_place(sentence, token.index)
        ):
            continue  # "Augusta, Georgia"; "Tacoma, Washington" (the state, though Washington is a capital)
        refs.append(Ref(m.entity, entity.kind, m.start, m.end, m.text, m.via, m.confidence, sentence.index))
    return _name_parts(doc, refs, {name_key(e.name) for e in known.entities.values() if e.kind is Kind.COUNTRY})


def _name_parts(doc: Annotated, refs: list[Ref], names: set[str]) -> list[Ref]:
    """A country's form that the article uses only as the first word of organisations' names
    ("Nippon" in "Nippon Steel" and "Nippon Export and Investment Insurance") is part of those
    names, not a reference to the country (``via`` "name part": it still tells that the body is
    named after the country, and is not listed as linked); a form it also uses alone ("Japan")
    is a reference wherever it stands, and so is the country's own name ("Japan" in "Japan Bank
    for International Cooperation": the country's bank)."""
    inside: dict[tuple[str, str], list[bool]] = {}
    spans = [(m.start, m.end) for s in doc.sentences for m in s.ner_mentions if m.ner == "ORGANIZATION"]
    for r in refs:
        if r.kind is Kind.COUNTRY and r.via == "name" and name_key(r.text) not in names:
            part = any(a == r.start and b > r.end for a, b in spans)
            inside.setdefault((r.entity, r.text), []).append(part)
    parts = {key for key, flags in inside.items() if all(flags)}
    return [
        replace(r, via="name part") if r.kind is Kind.COUNTRY and r.via == "name" and (r.entity, r.text) in parts else r
        for r in refs
    ]


def _after_city(sentence: Sentence, i: int) -> bool:
    """"Tacoma, Washington": a state after its city (not "In Tokyo, Washington raised tariffs",
    where the capital is the clause's subject)."""
    tokens = sentence.tokens
    subject = any(label.startswith("nsubj") for label in sentence.labels_into(i))
    return i >= 2 and tokens[i - 1].word == "," and tokens[i - 2].ner in ("CITY", "LOCATION") and not subject


def _after_place(sentence: Sentence, i: int) -> bool:
    """The token follows "City," or stands where NER sees a state: either way not a country."""
    tokens = sentence.tokens
    if i >= 2 and tokens[i - 1].word == "," and tokens[i - 2].ner in ("CITY", "LOCATION"):
        return True
    return tokens[i].ner == "STATE_OR_PROVINCE"


class KnownForms:
    """A new surface form of a known place or body: "Minamitori Island" for Minamitorishima
    (the same name with or without a generic word, one written as the start of the other)."""

    def __init__(self, known: Dataset):
        self.compact: list[tuple[str, str, Kind]] = []
        for e in known.entities.values():
            if e.kind in (Kind.PLACE, Kind.ORGANIZATION, Kind.COMPANY):
                for form in (e.name, *e.aliases):
                    key = _compact(form)
                    if len(key) >= 6:
                        self.compact.append((key, e.id, e.kind))

    def __call__(self, surface: str, kind: Kind) -> str | None:
        key = _compact(surface)
        if len(key) < 6:
            return None
        for form, ident, known_kind in self.compact:
            compatible = known_kind is kind or (kind is Kind.PLACE) == (known_kind is Kind.PLACE)
            if compatible and key != form and (form.startswith(key) or key.startswith(form)):
                return ident
        return None


def _compact(text: str) -> str:
    words = [w for w in re.findall(r"\w+", name_key(text)) if w not in _GENERIC]
    return "".join(words)


#: Verbs whose object is goods made or sold, never a project ("turn out synthetic diamonds").
PRODUCING = frozenset("make produce manufacture turn_out churn_out export sell ship".split())


def _produced(sentence: Sentence, i: int) -> bool:
    """Whether token ``i`` is the object of a verb of making or selling."""
    for verb in sentence.into(i, "obj"):
        lemma = sentence.tokens[verb].lemma.lower()
        particles = sentence.out(verb, "compound:prt")
        if particles:
            lemma = f"{lemma}_{sentence.tokens[particles[0]].lemma.lower()}"
        if lemma in PRODUCING:
            return True
    return False


def description_refs(
    doc: Annotated,
    known: Dataset,
    taken: list[tuple[int, int]],
    amounts: dict[str, set[float]],
    places: list[tuple[int, int, set[str]]] | None = None,
    mentions: list[MoneyMention] | None = None,
    owned: tuple[list[tuple[int, int, str]], Mapping[str, set[str]]] | None = None,
    states: frozenset[str] = frozenset(),
) -> list[Ref]:
    """Noun phrases that describe a known project, agreement, policy or event: the phrase's head
    noun must be the head of one of the entity's names or aliases, and its modifiers and amounts
    must agree with them (at least one modifier word or the amount in common). A phrase placed
    somewhere the entity's names do not say ("a gas-fired power station in Ohio", against the
    known gas-fired plants in general) is a new, specific thing, not a description of it.
    ``mentions``: the article's amounts (``money_mentions``), if the caller has read them already.
    ``owned``: the article's references to actors (start, end, entity) and who may own each known
    thing: a phrase whose possessor may not own a thing does not describe it ("South Korea will put
    $150 billion of its $350 billion pledge ...": not Japan's plan). ``states``: the countries and
    bodies among those actors: an agreement they make ("The European Union signed a trade deal
    with Washington") is not a known one they may not own."""
    profiles = _profiles(known)
    names = {e.id: " | ".join(name_key(f) for f in (e.name, *e.aliases)) for e in known.entities.values()}
    told = {  # what the corpus says of each: names, attributes, description (for the countries it concerns)
        e.id: name_key(" ".join([e.name, *e.aliases, *map(str, e.attributes.values()), e.description or ""]))
        for e in known.entities.values()
    }
    parts = {c.source for c in known.claims.values() if c.type.value == "PART_OF"}
    wholes = {c.target for c in known.claims.values() if c.type.value == "PART_OF"} - parts  # ties: the whole
    part_of = {(c.source, c.target) for c in known.claims.values() if c.type.value == "PART_OF"}
    refs: list[Ref] = []
    rates: dict[str, str] = {}  # a percentage the article gave a known tariff -> that tariff
    # amounts CoreNLP does not tag MONEY ("a 550-billion-dollar pledge", "$550 bil."): ours
    stated = [(m.start, m.money.amount) for m in (mentions if mentions is not None else money_mentions(doc.text))]
    for sentence in doc.sentences:
        for t in sentence.tokens:
            if not _nominal(sentence, t.index) or any(a <= t.start < b for a, b in taken):
                continue
            head = head_class(_noun_lemma(t))
            rate = _percent(sentence, t.index) if head == "tariff" else None
            if rate in rates:  # "the 15% rate" after "lowered its duty … to 15%": that tariff
                entity = known.entities[rates[rate]]
                start = sentence.tokens[_np_span(sentence, t.index)[0]].start
                refs.append(Ref(entity.id, entity.kind, start, t.end, doc.text[start : t.end], "description", 0.75,
                                sentence.index))  # fmt: skip
                continue
            candidates = profiles.get(head) or []
            if head in _FUNDS:  # "$550 billion in investment, loans and loan guarantees": what the
                # amount is known to be, by the amount alone (the phrase's head only)
                if any(label == "compound" or label.startswith("conj") for label in sentence.labels_into(t.index)):
                    continue
                listed = {ident for ident, _ in candidates}
                candidates = candidates + [(i, set()) for i in amounts if i in names and i not in listed]
            if not candidates:
                continue
            if _has_clause(sentence, t.index):  # "Japan's plan to begin test retrieval": another plan
                continue
            if _produced(sentence, t.index):  # "a factory that will turn out synthetic diamonds": goods
                continue
            words, money = _modifiers(sentence, t.index)
            words |= _date_words(sentence, t.index)  # "the agreement reached last July": the July 2025 one
            words |= _changed_by(sentence, t.index)  # "tariffs were lowered": the tariff reduction
            ordinals = {sentence.tokens[d].lemma.lower() for d in sentence.out(t.index, "amod")} & ORDINALS
            before = sentence.tokens[max(0, t.index - 6)].start
            span = _np_span(sentence, t.index)  # the phrase's own amounts, not those before it
            own = {v for i in span if sentence.tokens[i].ner == "MONEY" and (v := _money_value(sentence, i))}
            own |= {amount for at, amount in stated if sentence.tokens[span[0]].start <= at < t.start}
            money |= {amount for at, amount in stated if before <= at < t.start}
            placed = _places_of(doc, sentence, t.index, places or [])
            nations = _nations_of(sentence, t.index)
            owner = _possessor(sentence, t.index, owned[0]) if owned else None
            makers = _makers(sentence, t.index, owned[0], states) if owned and states else set()
            best: tuple[float, str] | None = None
            for ident, vocabulary in candidates:
                if any(not _names_place(names[ident], place) for place in placed):
                    continue
                if owner and owned and owned[1].get(ident) and owner not in owned[1][ident]:
                    continue
                if makers and owned and owned[1].get(ident) and not makers <= owned[1][ident]:
                    continue  # the EU's new deal with Washington is not the US-Japan one
                if any(not _concerns(told[ident], nation) for nation in nations):
                    continue  # "tariffs on Korean cars" are not the known tariff cut on Japanese goods
                if own and amounts.get(ident) and _sizes_differ(own, amounts[ident]):
                    continue  # "its $350 billion pledge" is not a plan known as about $55 billion
                if not ordinals <= set(names[ident].replace("|", " ").split()):  # "a second round" is not
                    continue  # the first tranche
                if _dates_differ(words, vocabulary):  # "the agreement reached in July 2023" or "in
                    continue  # late October" is not the July 2025 one
                shared = {w for w in words & vocabulary if not w.isdigit()}  # a year alone is too thin
                amount_hit = bool(money & amounts.get(ident, set()))
                if not shared and not amount_hit:
                    continue
                score = len(shared) + (2 if amount_hit else 0) + (0.5 if ident in wholes else 0)
                score += 0.25 if any((other, ident) in part_of for other, _ in candidates) else 0  # a tie
                # between a plan and its tranche: the plan ("its investment commitment")
                if best is None or score > best[0]:
                    best = (score, ident)
            if best is None:
                continue
            indexes = _np_span(sentence, t.index)
            start, end = sentence.tokens[indexes[0]].start, sentence.tokens[indexes[-1]].end
            if head in _FUNDS:  # "$550 billion in loans", parsed with the amount as the head: the whole
                amount = [g for g in sentence.into(t.index, "nmod:in") if sentence.tokens[g].ner == "MONEY"]
                start = min([start, *(sentence.tokens[g].start for g in amount)])
            entity = known.entities[best[1]]
            for verb in sentence.into(t.index, "obj") + sentence.into(t.index, "nsubj:pass"):
                for value in (_percent_value(sentence, p) for p in sentence.out(verb, "obl:to")):
                    if head == "tariff" and value:  # "lowered its duty … to 15%": the rate it set
                        rates[value] = entity.id
            refs.append(Ref(entity.id, entity.kind, start, end, doc.text[start:end], "description",
                            min(0.9, 0.6 + 0.1 * best[0]), sentence.index))  # fmt: skip
    return refs


def _nations_of(sentence: Sentence, head: int) -> list[str]:
    """The nationalities and countries a noun is qualified by, folded: its modifiers and theirs
    ("tariffs on Korean cars": korean), and those of the verb that changes it ("cut tariffs on
    Korean cars")."""
    toks = sentence.tokens
    labels = ("amod", "compound", "nmod:on", "nmod:of", "nmod:for", "nmod:from", "obl:on")
    firsts = [e.dependent for e in sentence.children.get(head, []) if e.label in labels]
    for verb in sentence.into(head, "obj"):
        firsts += sentence.out(verb, "obl:on")
    found = firsts + [e.dependent for d in firsts for e in sentence.children.get(d, []) if e.label in labels]
    return [name_key(toks[i].word) for i in found if toks[i].ner in ("NATIONALITY", "COUNTRY")]


def _possessor(sentence: Sentence, head: int, actors: list[tuple[int, int, str]]) -> str | None:
    """The actor a noun's possessor names: a name ("Korea's pledge"), or for "its"/"their" the
    subject of the clause the noun stands in ("South Korea will put ... of its pledge")."""
    for p in sentence.out(head, "nmod:poss"):  # a gerund's too (nlp.py)
        tok = sentence.tokens[p]
        at = [tok.start]
        if tok.pos == "PRP$" and tok.word.lower() in ("its", "their"):
            node, seen = head, set()
            while node not in seen and not sentence.tokens[node].pos.startswith("VB"):
                seen.add(node)
                up = [e.governor for e in sentence.edges if e.dependent == node and e.governor >= 0]
                if not up:
                    break
                node = up[0]
            at = [sentence.tokens[s].start for s in sentence.out(node, "nsubj") + sentence.out(node, "nsubj:xsubj")]
        for start in at:
            hit = next((e for a, b, e in actors if a <= start < b), None)
            if hit is not None:
                return hit
    return None


#: Verbs that make an agreement: their subjects are its parties.
_MAKES = frozenset("sign reach strike conclude seal ink finalize finalise negotiate".split())


def _makers(sentence: Sentence, head: int, actors: list[tuple[int, int, str]], states: frozenset[str]) -> set[str]:
    """The countries and bodies that make an agreement the noun at ``head`` is the object of:
    the subjects of "sign", "reach", "strike" … ("Chile and Peru signed a pact"), or none."""
    verbs = [g for g in sentence.into(head, "obj") if sentence.tokens[g].lemma.lower() in _MAKES]
    subjects = [s for v in verbs for s in sentence.out(v, "nsubj")]
    subjects += [c for s in subjects for c in sentence.out(s, "conj")]
    starts = [sentence.tokens[s].start for s in subjects]
    return {e for a, b, e in actors for start in starts if a <= start < b and e in states}


def _dates_differ(stated: set[str], named: set[str]) -> bool:
    """Whether a phrase's date (year, month) is not the one a thing's names give it: "the
    agreement reached in late October" is not the "July 2025" deal, nor one "reached in 2023"."""
    for part in (lambda w: w.isdigit() and len(w) == 4, lambda w: w in MONTHS):
        said, known = {w for w in stated if part(w)}, {w for w in named if part(w)}
        if said and known and not said & known:
            return True
    return False


def _sizes_differ(stated: set[float], known: set[float]) -> bool:
    """Whether every amount a phrase states is more than twice or under half of every amount the
    corpus knows the thing by (estimates are revised: "$36bn" for a tranche known as about $55bn
    still agrees)."""
    return all(max(a, b) > 2 * min(a, b) for a in stated for b in known if a > 0 and b > 0)


def _concerns(told: str, nation: str) -> bool:
    """Whether what the corpus says of a thing names a country or nationality (or its country)."""
    if re.search(rf"\b{re.escape(nation)}\b", told):
        return True
    return any(
        nation in words and re.search(rf"\b{re.escape(country)}\b", told) for country, words in STAND_INS.items()
    )


#: Nouns of money provided: a phrase of one names a known plan only by its amount.
_FUNDS = frozenset("investment loan guarantee financing funding capital money".split())

#: Verbs that change an amount or a rate, as the word of their nominalisation ("lower tariffs",
#: "tariffs were cut": a tariff cut).
_CHANGES = {"lower": "lower", "cut": "cut", "reduce": "cut", "slash": "cut", "raise": "raise", "hike": "raise"}


def _percent_value(sentence: Sentence, i: int) -> str | None:
    tok = sentence.tokens[i]
    return tok.normalized if tok.ner == "PERCENT" and tok.normalized else None


def _percent(sentence: Sentence, head: int) -> str | None:
    """The percentage a noun is qualified by ("the 15% rate", "a 15 percent tariff")."""
    for e in sentence.children.get(head, []):
        if e.label in ("compound", "amod", "nummod") and (value := _percent_value(sentence, e.dependent)):
            return value
    return None


def _changed_by(sentence: Sentence, head: int) -> set[str]:
    """The change a verb makes to the noun it acts on, as a modifier: the object of "lowered its
    duty", the passive subject of "those tariffs were lowered"."""
    out: set[str] = set()
    for verb in sentence.into(head, "obj") + sentence.into(head, "nsubj:pass"):
        change = _CHANGES.get(sentence.tokens[verb].lemma.lower())
        if change:
            out |= {change, head_class(change)}
    return out


MONTHS = ("january february march april may june july august september october november december").split()


def _date_words(sentence: Sentence, head: int) -> set[str]:
    """The month and year of a date that places a noun ("the agreement reached on July 22,
    2025", "the tariff agreement reached last July": july, 2025), from SUTime's normalised value:
    on the noun, or on the verb it is the subject or object of, or that describes it."""
    verbs = sentence.into(head, "nsubj") + sentence.into(head, "nsubj:pass") + sentence.into(head, "obj")
    verbs += sentence.out(head, "acl") + sentence.out(head, "acl:relcl")
    out: set[str] = set()
    for i in [head, *verbs]:
        for e in sentence.children.get(i, []):
            tok = sentence.tokens[e.dependent]
            if tok.ner != "DATE" or not e.label.startswith(("obl", "nmod")):
                continue
            m = re.match(r"(\d{4})(?:-(\d{2}))?", tok.normalized or "")
            if m:
                out.add(m.group(1))
                if m.group(2) and 1 <= int(m.group(2)) <= 12:
                    out.add(MONTHS[int(m.group(2)) - 1])
    return out


#: Ordinal modifiers: a description's must be among its entity's names ("the second round" is not
#: the first tranche).
ORDINALS = frozenset("first second third fourth fifth next initial opening final last".split())


def _noun_lemma(t: Any) -> str:
    """The lemma of a noun; a gerund read as a noun keeps its word ("ruling", not "rule")."""
    return str(t.word) if t.pos == "VBG" else str(t.lemma)


def _nominal(sentence: Sentence, i: int) -> bool:
    """A noun, or a gerund right after a determiner or a possessive ("which the ruling left
    untouched", "the Supreme Court's ruling on ...", which CoreNLP tags VBG)."""
    toks = sentence.tokens
    if toks[i].pos.startswith("NN"):
        return True
    before_noun = i + 1 < len(toks) and toks[i + 1].pos.startswith("NN")  # "the ruling party": an adjective
    return (
        toks[i].pos == "VBG" and i > 0
        and (toks[i - 1].lemma.lower() in ("the", "this", "that", "a", "an") or toks[i - 1].pos == "POS")
        and not before_noun
    )  # fmt: skip


def _country_at(refs: list[Ref], at: int) -> bool:
    return any(r.start <= at < r.end and r.kind is Kind.COUNTRY and r.via == "name" for r in refs)


def _has_clause(sentence: Sentence, i: int) -> bool:
    """A noun with an active infinitive of its own ("a plan to begin test retrieval", however
    parsed) is the thing that clause describes, not a plan known by its name; a passive one
    ("the projects to be funded under the pledge") only qualifies it."""
    toks = sentence.tokens
    return (
        i + 2 < len(toks) and toks[i + 1].word.lower() == "to" and toks[i + 2].pos == "VB"
        and toks[i + 2].lemma.lower() != "be"
    )  # fmt: skip


#: Head nouns that describe the same kind of thing: a description may use any of its class.
HEAD_CLASSES = (
    "pledge commitment promise package plan programme program scheme initiative contribution",
    "tranche slice batch wave round payout draw",
    "plant station facility factory",
    "deal agreement accord pact framework bargain",
    "memorandum mou",
    "tariff duty levy rate",
    "ruling decision verdict judgment judgement",
    "summit visit meeting talks",
    "cut reduction",
    "spending budget outlay",
)
_HEAD_OF = {word: words.split()[0] for words in HEAD_CLASSES for word in words.split()}


def _places_of(
    doc: Annotated, sentence: Sentence, head: int, places: list[tuple[int, int, set[str]]]
) -> list[set[str]]:
    """The places that qualify a noun ("in Ohio", "the Texas terminal", "a visit to Tokyo"), each
    as the folded forms it goes by."""
    out: list[set[str]] = []
    for e in sentence.children.get(head, []):
        if e.label in ("nmod:in", "nmod:near", "nmod:off", "nmod:at", "nmod:to", "compound"):
            tok = sentence.tokens[e.dependent]
            out += [forms for a, b, forms in places if a <= tok.start < b]
    return out


def _names_place(forms: str, place: set[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(key)}(?!\w)", forms) for key in place)


_PREPOSITIONS = re.compile(r"\s(?:of|on|in|for|at|to|with|from|by|under|near)\s", re.I)


def _form_head(form: str, *, common: bool = False) -> str | None:
    """The head class of a name or alias: its last word before any prepositional phrase ("ruling"
    in "US Supreme Court ruling on Trump's tariffs"); with ``common``, only a common noun."""
    words = re.findall(r"[A-Za-z]+", _PREPOSITIONS.split(form)[0])
    if not words or (common and not words[-1].islower()):
        return None
    return head_class(words[-1])


def head_class(word: str) -> str:
    word = word.lower().strip(".")
    word = word[:-1] if word.endswith("s") and len(word) > 3 and not word.endswith("ss") else word
    return _HEAD_OF.get(word, word)


_STOP = frozenset("the a an of and for in on to with by from its their his her our us japan japanese american".split())


def _profiles(known: Dataset) -> dict[str, list[tuple[str, set[str]]]]:
    """head noun -> [(entity id, the words of its names, aliases and description)]"""
    out: dict[str, list[tuple[str, set[str]]]] = {}
    for e in known.entities.values():
        if e.kind not in DESCRIBED:
            continue
        vocabulary = {
            head_class(w) for form in (e.name, *e.aliases) for w in re.findall(r"[A-Za-z]+|\b(?:19|20)\d\d\b", form)
        } - _STOP  # words and years
        heads = {h for form in (e.name, *e.aliases) if (h := _form_head(form))}
        for head in heads - _STOP:
            out.setdefault(head, []).append((e.id, vocabulary - {head}))
    return out


def _modifiers(sentence: Sentence, head: int) -> tuple[set[str], set[float]]:
    words: set[str] = set()
    money: set[float] = set()
    for e in sentence.children.get(head, []):
        if e.label in ("compound", "amod", "nmod:poss", "nummod", "nmod:of", "nmod:for", "nmod:in", "nmod:on"):
            tok = sentence.tokens[e.dependent]
            if tok.ner == "MONEY" or tok.word in ("$", "¥", "€"):
                value = _money_value(sentence, e.dependent)
                if value:
                    money.add(value)
            else:
                words.add(head_class(tok.lemma))
                for g in sentence.children.get(e.dependent, []):
                    if g.label in ("compound", "amod"):
                        words.add(head_class(sentence.tokens[g.dependent].lemma))
    for i in range(max(0, head - 6), head):  # "$550 billion" ahead of the head, however it is attached
        tok = sentence.tokens[i]
        if tok.ner == "MONEY" and tok.normalized:
            value = _parse_normalized(tok.normalized)
            if value:
                money.add(value)
    return words - _STOP, money


def _money_value(sentence: Sentence, i: int) -> float | None:
    return _parse_normalized(sentence.tokens[i].normalized)


def _parse_normalized(value: str) -> float | None:
    m = re.search(r"(\d+(?:\.\d+)?(?:E\d+)?)", value or "")
    return float(m.group(1)) if m else None


def _np_span(sentence: Sentence, head: int) -> list[int]:
    """The head and everything left of it that hangs on it (determiners, possessors, amounts)."""
    inside = {head}
    changed = True
    while changed:
        changed = False
        for e in sentence.edges:
            if e.governor in inside and e.dependent not in inside and e.dependent < head and e.label not in ("acl",):
                inside.add(e.dependent)
                changed = True
    lo = min(inside)
    while lo < head and sentence.tokens[lo].pos in ("DT", "POS", ",", "PRP$", "IN", "TO", "CC", "``", "''"):
        lo += 1
    return list(range(lo, head + 1))


def coreference_refs(
    doc: Annotated,
    refs: list[Ref],
    heads: dict[str, set[str]],
    unique: dict[str, tuple[str, Kind]] | None = None,
    owners: dict[str, set[str]] | None = None,
    name_heads: dict[str, tuple[Kind, str]] | None = None,
    years: dict[str, set[str]] | None = None,
) -> list[Ref]:
    """Pronouns and definite descriptions pointing back to an earlier reference.

    A pronoun takes the nearest compatible reference in its sentence or the two before (a
    subject pronoun the nearest subject). A definite description ("the package", "the diamond
    plant") takes the nearest reference, up to six sentences back, whose entity has the same
    head noun (``heads``: entity id -> head classes); failing that, a bare one ("the company")
    the nearest reference of a kind it can stand for; failing that, the one known entity with
    that head noun (``unique``: "the ruling" when the corpus knows one ruling). A possessed
    description with no antecedent ("Japan's commitment") is the one known entity of that head
    its possessor owns (``owners``), by the head of its name (``name_heads``: id -> kind, head).
    A description dated to another year or month than its names say (``years``: id -> years,
    months and ordinals in its names; "the agreement reached in July 2023", "... in late October")
    is not that entity, nor one with an ordinal its names lack ("the second tranche").
    """
    unique = unique or {}
    owners = owners or {}
    named = dict(name_heads or {})
    by_token = {(r.sentence, r.start): r.entity for r in refs}
    out: list[Ref] = []
    taken = [(r.start, r.end) for r in refs]
    ordered = sorted(refs, key=lambda r: r.start)
    for sentence in doc.sentences:
        for t in sentence.tokens:
            word = t.word.lower()
            start = t.start
            pool: list[Ref] = []
            possessors: set[str | None] = set()
            ordinals: set[str] = set()
            if t.pos in ("PRP", "PRP$") and word in PRONOUNS:
                kinds = PRONOUNS[word]
                pool = [r for r in ordered if r.start < start and r.sentence >= sentence.index - 2 and r.kind in kinds]
                if "nsubj" in sentence.labels_into(t.index) or "nsubj:pass" in sentence.labels_into(t.index):
                    subjects = [r for r in pool if _is_subject(doc, r)]
                    pool = subjects or pool
                elif t.pos == "PRP$":  # "Japan is considering US projects under its commitment": an
                    # actor the sentence has as a subject before a noun's modifier ("US" in "US projects")
                    subjects = [r for r in pool if r.sentence == sentence.index and r.kind in ACTORS
                                and _is_subject(doc, r) and not _is_modifier(doc, r)]  # fmt: skip
                    pool = subjects or pool
                    if any(sentence.tokens[g].lemma.lower() in _ROLES for g in sentence.into(t.index, "nmod:poss")):
                        pool = [r for r in pool if r.kind in ACTORS]  # "its trade minister": a state's, not a plan's
            elif (_nominal(sentence, t.index) or sentence.out(t.index, "det")) and not any(
                a <= t.start < b for a, b in taken
            ):
                dets = [sentence.tokens[d].lemma.lower() for d in sentence.out(t.index, "det")]
                if not dets and t.pos == "VBG" and _nominal(sentence, t.index):  # the parse lost the determiner
                    dets = [sentence.tokens[t.index - 1].lemma.lower()]
                owners_of = sentence.out(t.index, "nmod:poss")  # a gerund's too (nlp.py)
                compounds = sentence.out(t.index, "compound")
                countries = [c for c in compounds if _country_at(refs, sentence.tokens[c].start)]
                owners_of += countries if dets == ["the"] else []  # "the Japan programme": Japan's programme
                owned = bool(owners_of)  # "Tokyo's promise" is definite too
                if (dets[:1] not in (["the"], ["this"], ["that"], ["these"], ["those"]) and not owned) or t.index == 0:
                    continue
                mods = sentence.out(t.index, "compound") + sentence.out(t.index, "amod")
                start = min([t.index if owned and not dets else t.index - 1, *mods])
                start = sentence.tokens[start].start
                head = head_class(_noun_lemma(t))
                if head == "tariff" and _percent(sentence, t.index):  # "the 30% rate": its rate says which;
                    continue  # a rate the article gave a tariff is found with the descriptions
                earlier = [r for r in ordered if r.start < start and r.sentence >= sentence.index - 6]
                pool = [r for r in earlier if head in heads.get(r.entity, ())]
                ordinals = {sentence.tokens[d].lemma.lower() for d in sentence.out(t.index, "amod")} & ORDINALS
                if ordinals:  # "the second tranche" is not the first one named before
                    pool = [r for r in pool if ordinals <= set(name_key(r.text).split())]
                possessors = {  # the reference a possessor's token starts or lies inside ("Supreme Court's")
                    by_token.get((sentence.index, sentence.tokens[p].start))
                    or next((r.entity for r in refs if r.start <= sentence.tokens[p].start < r.end), None)
                    for p in owners_of
                }
                if owned:  # "Canada's promise" is not the plan Japan promised
                    pool = [r for r in pool if possessors & owners.get(r.entity, set())]
                titled = DEFINITE_HEADS.get(word, frozenset()) <= {Kind.PERSON, Kind.LEADER}  # "the trade minister"
                of_another = bool(sentence.out(t.index, "nmod:of"))  # "the president of Acme Corp"
                if not pool and word in DEFINITE_HEADS and (not mods or titled) and not of_another:
                    pool = [r for r in earlier if r.sentence >= sentence.index - 2 and r.kind in DEFINITE_HEADS[word]]
            pool = [r for r in pool if r.via != "coref"]
            if not pool and possessors - {None} and _nominal(sentence, t.index) and not _has_clause(sentence, t.index):
                # "Tokyo's pledge" far from any mention of it: the one thing of that head its
                # possessor is known to own (pledge, lead, take part in)
                owned_things = [
                    ident for ident, (_, name_head) in named.items()
                    if head_class(_noun_lemma(t)) == name_head and possessors & owners.get(ident, set())
                ]  # fmt: skip
                if len(owned_things) == 1:
                    out.append(Ref(owned_things[0], named[owned_things[0]][0], start, t.end, doc.text[start : t.end],
                                   "description", 0.75, sentence.index))  # fmt: skip
                    continue
            dated = _date_words(sentence, t.index)
            only = unique.get(head_class(_noun_lemma(t)))
            named_dates = (years or {}).get(only[0], set()) if only else set()
            if (
                not pool
                and _nominal(sentence, t.index)
                and only is not None
                and not _dates_differ(dated, named_dates)
                and ordinals <= named_dates  # "the second tranche" is not the known first one
                and not any(a <= t.start < b for a, b in taken)
                and (not possessors or possessors & owners.get(unique[head_class(_noun_lemma(t))][0], set()))
            ):
                entity, kind = unique[head_class(_noun_lemma(t))]
                out.append(
                    Ref(entity, kind, start, t.end, doc.text[start : t.end], "description", 0.75, sentence.index)
                )
                continue
            if not pool:
                continue
            antecedent = pool[-1]
            out.append(Ref(antecedent.entity, antecedent.kind, start, t.end, doc.text[start : t.end], "coref",
                           antecedent.confidence * 0.85, sentence.index,
                           antecedent=(antecedent.start, antecedent.end)))  # fmt: skip
            by_token[(sentence.index, start)] = antecedent.entity  # "his tariffs": a pronoun possesses too
    return out


#: Heads too common to name one thing by themselves ("the project", "the plant").
_GENERIC_HEADS = frozenset(
    "project plant terminal port site development construction manufacturing production centre center".split()
)


def unique_heads(known: Dataset) -> dict[str, tuple[str, Kind]]:
    """Head class of a name -> the one known project, agreement, policy or event it names; where
    several share it, the whole they are parts of ("the programme": the plan, not its first
    tranche). Only the head of an entity's name counts, not of its aliases: "the export" is
    not the farm-market access that one alias calls "US agricultural exports"."""
    by_head: dict[str, set[str]] = {}
    for e in known.entities.values():
        head = _form_head(e.name, common=True) if e.kind in DESCRIBED else None
        if head and head not in _STOP and head not in _GENERIC_HEADS:
            by_head.setdefault(head, set()).add(e.id)
    parts = {(c.source, c.target) for c in known.claims.values() if c.type.value == "PART_OF"}
    out: dict[str, tuple[str, Kind]] = {}
    for head, ids in by_head.items():
        wholes = {i for i in ids if not any((i, j) in parts for j in ids)}
        if len(wholes) == 1:
            ident = next(iter(wholes))
            out[head] = (ident, known.entities[ident].kind)
    return out


#: Plural heads that refer back to the actors just named together ("Trump and Takaichi met ...
#: The leaders signed"), with the kinds they can stand for.
PLURAL_HEADS: dict[str, frozenset[Kind]] = {
    **dict.fromkeys(("leader", "man", "woman", "minister"), frozenset({Kind.PERSON, Kind.LEADER})),
    **dict.fromkeys(("side", "government", "country", "nation", "ally"), frozenset({Kind.COUNTRY})),
    **dict.fromkeys(("company", "firm", "group"), frozenset({Kind.COMPANY})),
}
_PLURAL_DETERMINERS = frozenset("the both these those".split())


def plural_refs(doc: Annotated, refs: list[Ref]) -> list[Ref]:
    """Plural definite descriptions ("the leaders", "both sides", "the two governments"): the
    actors of a fitting kind named in the latest sentence (this one before it, or the two
    before) that names two or more, each a member of one reference over the description."""
    named = [r for r in refs if r.via not in ("coref", "attribute") and not r.members]
    taken = [(r.start, r.end) for r in refs]
    out: list[Ref] = []
    for sentence in doc.sentences:
        for t in sentence.tokens:
            kinds = PLURAL_HEADS.get(t.lemma.lower())
            if t.pos != "NNS" or kinds is None or any(a <= t.start < b for a, b in taken):
                continue
            words = {sentence.tokens[d].lemma.lower() for d in sentence.out(t.index, "det") + sentence.out(
                t.index, "det:predet") + sentence.out(t.index, "nummod")}  # fmt: skip
            if not words & _PLURAL_DETERMINERS:
                continue
            number = 2 if "two" in words or "both" in words else 3 if "three" in words else 0
            for back in range(sentence.index, max(-1, sentence.index - 3), -1):
                found: dict[str, Ref] = {}
                for r in sorted(named, key=lambda r: r.start):
                    if r.sentence == back and r.start < t.start and r.kind in kinds:
                        found.setdefault(r.entity, r)
                if len(found) >= 2 and (not number or len(found) == number):
                    break
            else:
                continue
            mods = sentence.out(t.index, "det") + sentence.out(t.index, "det:predet") + sentence.out(t.index, "nummod")
            start = sentence.tokens[min([t.index, *mods])].start
            members = tuple(
                Ref(r.entity, r.kind, start, t.end, doc.text[start : t.end], "coref", r.confidence * 0.8,
                    sentence.index, antecedent=(r.start, r.end))  # fmt: skip
                for r in found.values()
            )
            first = members[0]
            out.append(Ref(first.entity, first.kind, start, t.end, first.text, "coref", first.confidence,
                           sentence.index, first.antecedent, members))  # fmt: skip
    return out


def name_heads(known: Dataset) -> dict[str, tuple[Kind, str]]:
    """Known entity id -> its kind and the head class of its name alone (the first tranche of
    the pledge is a tranche, the plan a pledge)."""
    out: dict[str, tuple[Kind, str]] = {}
    for e in known.entities.values():
        if e.kind in DESCRIBED and (h := _form_head(e.name, common=True)):
            out[e.id] = (e.kind, h)
    return out


def entity_heads(known: Dataset) -> dict[str, set[str]]:
    """Known entity id -> the head classes of its name and aliases ("package" -> "pledge")."""
    out: dict[str, set[str]] = {}
    for e in known.entities.values():
        if e.kind in DESCRIBED or e.kind is Kind.ORGANIZATION:
            heads = {h for form in (e.name, *e.aliases) if (h := _form_head(form, common=True))}
            out[e.id] = heads - _STOP
    return out


#: People's roles: what owns one ("its trade minister", "their chief executive") is an actor.
_ROLES = frozenset(
    "minister secretary official spokesperson spokesman spokeswoman chief president executive chairman ceo "
    "envoy ambassador negotiator director head leader".split()
)


def _is_modifier(doc: Annotated, r: Ref) -> bool:
    """Whether a reference only qualifies a noun ("US" in "US projects")."""
    sentence = doc.sentences[r.sentence]
    inside = tokens_in(sentence, r.start, r.end)
    return bool(inside) and all(
        label in ("compound", "amod") for i in inside for label in sentence.labels_into(i)
        if not any(e.governor in inside for e in sentence.edges if e.dependent == i)
    )  # fmt: skip


def _is_subject(doc: Annotated, r: Ref) -> bool:
    sentence = doc.sentences[r.sentence]
    return any(
        label.startswith("nsubj") for i in tokens_in(sentence, r.start, r.end) for label in sentence.labels_into(i)
    )


def ref_index(doc: Annotated, refs: list[Ref]) -> dict[tuple[int, int], Ref]:
    """(sentence, token) -> the reference covering that token (the innermost where several do:
    in "Japan's $550 billion commitment", "Japan" is Japan and "commitment" the plan)."""
    index: dict[tuple[int, int], Ref] = {}
    for r in sorted(refs, key=lambda r: r.start - r.end):
        sentence = doc.sentences[r.sentence]
        for i in tokens_in(sentence, r.start, r.end) or [
            t.index for t in sentence.tokens if t.start <= r.start < t.end
        ]:
            index[(r.sentence, i)] = r
    return index


#: Titles of those who head a department or ministry.
_HEADS_OF_DEPARTMENTS = frozenset("secretary minister".split())


def _department(sentence: Sentence, i: int, linker: Linker, named: dict[str, str]) -> tuple[str, int] | None:
    """The department or ministry the words before a minister's title name, and the first of those
    words: "Commerce" in "Commerce Secretary" (the Commerce Department, the Department of
    Commerce), "Economy, Trade and Industry" in "Economy, Trade and Industry Minister" (the
    Ministry of Economy, Trade and Industry). Known to the corpus, or named in the article
    (``named``: folded name -> entity)."""
    toks = sentence.tokens
    if i + 1 >= len(toks) or toks[i + 1].lemma.lower() not in _HEADS_OF_DEPARTMENTS or not toks[i].word[:1].isupper():
        return None
    first = i  # the longest run of capitalised words, commas and "and" ending at i
    while first > 0 and (toks[first - 1].word[:1].isupper() or toks[first - 1].word in (",", "and", "&")):
        first -= 1
    starts = [j for j in range(first, i + 1) if toks[j].word[:1].isupper()]
    for j in starts:  # longest first
        words = _sentence_text(sentence, j, i)
        for form in (f"{words} Department", f"Department of {words}", f"{words} Ministry", f"Ministry of {words}"):
            ident = linker.keys.get(name_key(form)) or named.get(name_key(form))
            if ident is not None:
                return ident, j
    return None


def _sentence_text(sentence: Sentence, first: int, last: int) -> str:
    """The words of tokens ``first``..``last``, spaced as a name is written ("Economy, Trade and Industry")."""
    out = ""
    for t in sentence.tokens[first : last + 1]:
        out += t.word if not out or t.word in (",", ".") else " " + t.word
    return out


def attribute_refs(doc: Annotated, refs: list[Ref], linker: Linker) -> list[Ref]:
    """Demonyms that describe rather than act ("the Japanese manufacturers"): the country, for
    the attributive patterns only (a company's nationality), never listed as a stand-in."""
    taken = [(r.start, r.end) for r in refs]
    # a country before a title inside a leader's known name ("Japanese Prime Minister Sanae
    # Takaichi", "U.S. President Donald Trump" are aliases): the country the title is of
    titled = [(r.start, r.end) for r in refs if r.kind in (Kind.LEADER, Kind.PERSON) and r.via == "name"]
    named = {r.entity for r in refs}
    bodies = {name_key(r.text): r.entity for r in refs if r.kind is Kind.ORGANIZATION and r.via != "coref"}
    out: list[Ref] = []
    for sentence in doc.sentences:
        for t in sentence.tokens:
            department = _department(sentence, t.index, linker, bodies)
            if department is not None and department[0] in named:  # "Commerce Secretary X": the
                # department he heads, when the article names it too (otherwise it states no department)
                body, first = department
                a = sentence.tokens[first].start
                out.append(Ref(body, Kind.ORGANIZATION, a, t.end, doc.text[a : t.end], "attribute", 0.7,
                               sentence.index))  # fmt: skip
                continue
            if any(a == t.start for a, _ in titled) and t.index + 1 < len(sentence.tokens) and (
                sentence.tokens[t.index + 1].ner == "TITLE"
            ):
                country = linker.keys.get(name_key(t.word)) or (linker.stand_ins.get(name_key(t.word)) or ("",))[0]
                if country and country in linker.countries:  # a demonym there stands for its state
                    demonym = (linker.stand_ins.get(name_key(t.word)) or ("", ""))[1] == "demonym"
                    via = "demonym" if demonym else "attribute"
                    out.append(Ref(country, Kind.COUNTRY, t.start, t.end, t.word, via, 0.7, sentence.index))
                continue
            hit = linker.stand_ins.get(name_key(t.word))
            if hit is None or hit[1] != "demonym" or any(a <= t.start < b for a, b in taken):
                continue
            if "amod" not in sentence.labels_into(t.index):
                continue
            out.append(Ref(hit[0], Kind.COUNTRY, t.start, t.end, t.word, "attribute", 0.7, sentence.index))
    return out
