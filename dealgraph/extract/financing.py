"""Sources of financing: the lenders and funds an article says the money comes from ("loans and
guarantees from the Harbour Bank", "financing will come chiefly from the Harbour Bank", "most of
the money is to come from ..."). Each takes part in the financed plan named last before it
(``latest``, within the three sentences before: "the money" is what was just spoken
of): the known plan or project pledged with money in the corpus, whose reference is quoted too."""

from __future__ import annotations

from collections.abc import Mapping

from dealgraph.extract.entries import ENTRANTS
from dealgraph.extract.nlp import Annotated, Sentence
from dealgraph.extract.patterns import Pattern
from dealgraph.extract.refs import Ref
from dealgraph.graph.model import Kind, RelType

FINANCING_SOURCE = Pattern(
    name="source of financing: loans/financing/money from A (A takes part in the financed plan)",
    type=RelType.PARTICIPATES_IN, lemmas=frozenset(), pos="N", source="", target="", confidence=0.65,
)  # fmt: skip

#: Nouns for money lent, granted or invested.
FINANCE_NOUNS = frozenset(
    "financing funding finance loan guarantee money fund capital credit lending equity investment".split()
)
#: Verbs by which money comes from its source.
_COME = frozenset("come flow derive".split())
LENDERS = ENTRANTS | {Kind.COUNTRY}


def _sources(sentence: Sentence, i: int) -> list[int]:
    """Tokens of the sources of financing noun ``i``: its own "from", or its verb's "come from"."""
    from dealgraph.extract.match import follow

    found = follow(sentence, i, "nmod:from")
    for verb in sentence.into(i, "nsubj") + sentence.into(i, "nsubj:xsubj") + [
        v for m in sentence.into(i, "nmod:of") for v in sentence.into(m, "nsubj") + sentence.into(m, "nsubj:xsubj")
    ]:  # "financing will come from", "most of the financing is to come from"
        if sentence.tokens[verb].lemma.lower() in _COME:
            found += follow(sentence, verb, "obl:from")
    return found


def _the_money(sentence: Sentence, i: int) -> bool:
    """Whether finance noun ``i`` is money said to come from somewhere ("come as loans from",
    "financing will come from") or a share of money spoken of ("most of it is to be loans")."""
    governors = sentence.into(i)
    if any(sentence.tokens[g].lemma.lower() in _COME for g in governors + sentence.into(i, "nmod:of")):
        return True
    if any(sentence.tokens[v].lemma.lower() in _COME for m in sentence.into(i, "nmod:of") for v in sentence.into(m)):
        return True
    shares = sentence.out(i, "nsubj") + sentence.out(i, "nsubj:xsubj")
    return any(sentence.tokens[s].lemma.lower() in ("most", "much", "all", "bulk", "rest", "half") for s in shares)


def latest(ordered: list[Ref], financed: Mapping[str, str | None], before: int, since: int = 0) -> Ref | None:
    """The financed plan or part of a plan referred to last before ``before``, in sentence
    ``since`` or after."""
    return next((r for r in reversed(ordered) if r.end <= before and r.entity in financed and r.sentence >= since),
                None)  # fmt: skip


def financing_candidates(doc: Annotated, index: dict[tuple[int, int], Ref], refs: list[Ref],
                         financed: Mapping[str, str | None]) -> list:  # type: ignore[type-arg]  # fmt: skip
    """Candidates (``match.Candidate``): each source of financing takes part in the financed plan."""
    from dealgraph.extract.match import Candidate

    out: list[Candidate] = []
    ordered = sorted((r for r in refs if not r.members), key=lambda r: r.start)
    for sentence in doc.sentences:
        for t in sentence.tokens:
            if not t.pos.startswith("NN") or t.lemma.lower() not in FINANCE_NOUNS:
                continue
            lenders = {index[(sentence.index, j)].entity: index[(sentence.index, j)]
                       for j in _sources(sentence, t.index) if (sentence.index, j) in index}  # fmt: skip
            lenders = {e: r for e, r in lenders.items() if r.kind in LENDERS}
            if not lenders:
                continue
            # money said to come from a lender, or most of it, is the money just spoken of, however
            # far back it was named; a bare "investment from China" only the plan of the sentences
            # just before
            spoken_of = _the_money(sentence, t.index)
            plan = latest(ordered, financed, sentence.start, since=0 if spoken_of else sentence.index - 3)
            if plan is None or plan.entity in lenders:
                continue
            stand = Ref(plan.entity, plan.kind, t.start, t.end, t.word, "financing", plan.confidence,
                        sentence.index, antecedent=(plan.start, plan.end))  # fmt: skip
            out += [Candidate(FINANCING_SOURCE, r, stand, sentence.index, t.index, FINANCING_SOURCE.confidence,
                              notes=[f"the plan is referred to before ({plan.text!r})"])
                    for r in lenders.values()]  # fmt: skip
    return out
