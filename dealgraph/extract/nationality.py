"""A company's nationality stated by a demonym before a class of companies, read from the words
where the parse loses the apposition or the predicate ("Acme and Borealis, two Japanese makers
of tools"; "Acme, Borealis and Vale were among the Japanese manufacturers interested in ..."):
each company of the list before it is affiliated with the country of the demonym. The pattern
row "noun: A is among/one of B's companies" reads the same construction from a sound parse; this
reads it from the words, so the two agree where the parse is right."""

from __future__ import annotations

from dealgraph.extract.nlp import Annotated, Sentence
from dealgraph.extract.patterns import WORD_SETS, Pattern
from dealgraph.extract.refs import Ref
from dealgraph.graph.model import Kind, RelType

NATIONALITY = Pattern(
    name="nationality by apposition or 'among': A (and B), two Japanese makers; A was among the Japanese firms",
    type=RelType.AFFILIATED_WITH, lemmas=frozenset(), pos="E", source="", target="", confidence=0.75,
)  # fmt: skip

#: Classes of companies, as the parse row for this construction has them.
COMPANY_CLASSES = WORD_SETS["company"]
#: Words between the list and the demonym: a number or determiner, "among", a form of "be".
_BETWEEN = frozenset("the a an two three four five several both many among be , other".split())
_LIST_GLUE = frozenset({",", "and"})


def nationality_candidates(doc: Annotated, index: dict[tuple[int, int], Ref]) -> list:  # type: ignore[type-arg]
    """Candidates (``match.Candidate``) for each company of a list before "two Japanese makers"."""
    from dealgraph.extract.match import Candidate

    out: list[Candidate] = []
    for sentence in doc.sentences:
        for t in sentence.tokens[:-1]:
            country = index.get((sentence.index, t.index))
            after = sentence.tokens[t.index + 1]
            if country is None or country.kind is not Kind.COUNTRY or country.via not in ("attribute", "demonym"):
                continue
            if after.lemma.lower() not in COMPANY_CLASSES:
                continue
            if after.index + 1 < len(sentence.tokens) and sentence.tokens[after.index + 1].pos == "POS":
                continue  # "among the Chinese makers' customers": not one of the makers
            companies = _list_before(sentence, t.index, index)
            out += [Candidate(NATIONALITY, c, country, sentence.index, after.index, NATIONALITY.confidence)
                    for c in companies]  # fmt: skip
    return out


def _list_before(sentence: Sentence, i: int, index: dict[tuple[int, int], Ref]) -> list[Ref]:
    """The companies listed right before token ``i``, past the words that may stand between."""
    j = i - 1
    while j >= 0 and sentence.tokens[j].lemma.lower() in _BETWEEN:
        j -= 1
    found: dict[str, Ref] = {}
    while j >= 0:
        ref = index.get((sentence.index, j))
        if ref is not None and ref.kind is Kind.COMPANY:
            found.setdefault(ref.entity, ref)
            first = next((t.index for t in sentence.tokens if t.end > ref.start), j)
            j = min(first, j) - 1  # on past the name, always leftwards
            continue
        if sentence.tokens[j].word in _LIST_GLUE and found:
            j -= 1
            continue
        break
    return list(found.values())
