"""Role phrases read from the words where the parse scatters them: "(Acme was chosen for the
Lakeview Refinery,) with Borealis, Vale and Acme Steel as possible suppliers". Each company of
the list has the role in the projects the clause before names: suppliers, vendors and
contractors supply them; partners, operators, developers, investors and builders take part in
them. The pattern rows "role phrase: ..." read the same construction from a sound parse. And
"(the committee met,) with A, B and C taking part": they sit on the body, or take part in the
event, the clause's subject names."""

from __future__ import annotations

from dealgraph.extract.nlp import Annotated, Sentence
from dealgraph.extract.patterns import HEDGES, Pattern
from dealgraph.extract.refs import Ref
from dealgraph.graph.model import Kind, RelType

ROLE_SUPPLIES = Pattern(
    name="role phrase read from the words: with A, B and C as (possible) suppliers (of the projects named before)",
    type=RelType.SUPPLIES, lemmas=frozenset(), pos="E", source="", target="", confidence=0.7,
)  # fmt: skip
ROLE_PARTICIPATES = Pattern(
    name="role phrase read from the words: with A, B and C as (possible) partners (in the projects named before)",
    type=RelType.PARTICIPATES_IN, lemmas=frozenset(), pos="E", source="", target="", confidence=0.7,
)  # fmt: skip
ROLES = {
    **dict.fromkeys(("supplier", "vendor", "contractor"), ROLE_SUPPLIES),
    **dict.fromkeys(("partner", "operator", "developer", "investor", "builder"), ROLE_PARTICIPATES),
}
_ACTORS = frozenset({Kind.COMPANY, Kind.ORGANIZATION, Kind.COUNTRY, Kind.PERSON, Kind.LEADER})
_ORGANISATIONS = frozenset({Kind.COMPANY, Kind.ORGANIZATION, Kind.COUNTRY})
TAKING_PART_IN_EVENT = Pattern(
    name="absolute 'with': (the event happened,) with A, B and C taking part (they took part in it)",
    type=RelType.PARTICIPATES_IN, lemmas=frozenset(), pos="E", source="", target="", confidence=0.7,
)  # fmt: skip
TAKING_PART_IN_BODY = Pattern(
    name="absolute 'with': (the body met,) with A, B and C taking part (officials sit on the body)",
    type=RelType.AFFILIATED_WITH, lemmas=frozenset(), pos="E", source="", target="", confidence=0.7,
)  # fmt: skip
_TAKING_PART = (("take", "part"), ("participate",), ("attend",))


def role_candidates(doc: Annotated, index: dict[tuple[int, int], Ref]) -> list:  # type: ignore[type-arg]
    """Candidates (``match.Candidate``) for "with A and B as possible suppliers"."""
    from dealgraph.extract.match import Candidate

    out: list[Candidate] = []
    for sentence in doc.sentences:
        toks = sentence.tokens
        for w in toks:
            if w.lemma.lower() != "with" or w.index == 0 or toks[w.index - 1].word != ",":
                continue  # ", with A and B as suppliers" adds to the clause; "competes with A as" does not
            members, j = _list_after(sentence, w.index + 1, index)
            if members and j < len(toks) and toks[j].lemma.lower() != "as":
                out += _taking_part(sentence, members, j, index)
            if not members or j >= len(toks) or toks[j].lemma.lower() != "as":
                continue
            k = j + 1
            while k < len(toks) and toks[k].pos in ("DT", "JJ", "CD"):
                k += 1
            if k >= len(toks) or toks[k].lemma.lower() not in ROLES:
                continue
            pattern = ROLES[toks[k].lemma.lower()]
            hedged = any(toks[i].lemma.lower() in HEDGES for i in range(j + 1, k))
            confidence = round(pattern.confidence * (0.9 if hedged else 1.0), 2)
            projects = {r.entity: r for i in range(w.index) if (r := index.get((sentence.index, i))) is not None
                        and r.kind is Kind.PROJECT}  # fmt: skip
            out += [Candidate(pattern, m, p, sentence.index, k, confidence,
                              notes=["hedged"] if hedged else [])
                    for m in members if m.kind in _ORGANISATIONS for p in projects.values()]  # fmt: skip
    return out


def _taking_part(sentence: Sentence, members: list[Ref], j: int, index: dict[tuple[int, int], Ref]) -> list:  # type: ignore[type-arg]
    """"..., with A, B and C taking part": they take part in what the clause's subject names (an
    event), or sit on it (a body, for persons)."""
    from dealgraph.extract.match import Candidate

    toks = sentence.tokens
    words = tuple(t.lemma.lower() for t in toks[j : j + 2])
    if not any(words[: len(phrase)] == phrase for phrase in _TAKING_PART):
        return []
    root = next((t.index for t in toks if not sentence.into(t.index)), None)
    subjects = sentence.out(root, "nsubj") + sentence.out(root, "nsubj:pass") if root is not None else []
    subject = next((index[(sentence.index, i)] for i in subjects if (sentence.index, i) in index), None)
    if subject is None or subject.entity in {m.entity for m in members}:
        return []
    if subject.kind is Kind.EVENT:
        pattern = TAKING_PART_IN_EVENT
    elif subject.kind is Kind.ORGANIZATION:
        pattern = TAKING_PART_IN_BODY
        members = [m for m in members if m.kind in (Kind.PERSON, Kind.LEADER)]
    else:
        return []
    return [Candidate(pattern, m, subject, sentence.index, j, pattern.confidence) for m in members]


def _list_after(sentence: Sentence, i: int, index: dict[tuple[int, int], Ref]) -> tuple[list[Ref], int]:
    """The actors listed from token ``i`` ("A (AA), B and C"), and the token after the list."""
    toks = sentence.tokens
    found: dict[str, Ref] = {}
    while i < len(toks):
        ref = index.get((sentence.index, i))
        if ref is not None and ref.kind in _ACTORS:
            found.setdefault(ref.entity, ref)
            while i < len(toks) and index.get((sentence.index, i)) is ref:
                i += 1
            continue
        if found and toks[i].word == "(" and i + 2 < len(toks) and toks[i + 2].word == ")":
            i += 3  # an abbreviation after a name: "Acme Holdings (AH)"
            continue
        if toks[i].word in (",", "and") or toks[i].ner == "TITLE" or (ref is not None and ref.entity in found):
            i += 1
            continue
        break
    return list(found.values()), i
