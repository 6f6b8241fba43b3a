"""Deposits: a mineral-bearing material placed somewhere ("rare earth-rich mud from the seabed near
Minamitorishima", "copper ore from the Atacama", "lithium brine in Salar de Uyuni"): the place
supplies the mineral. Read from the words: a mineral, then (after "-rich" or "-bearing") a noun for
the material, then within the same stretch of words, with no verb between, "near", "off", "in",
"from" or "beneath" and a place (the last of several: "beneath the Pacific near Minamitorishima")."""

from __future__ import annotations

from dealgraph.extract.nlp import Annotated
from dealgraph.extract.patterns import Pattern
from dealgraph.extract.refs import Ref
from dealgraph.graph.model import Kind, RelType

DEPOSIT = Pattern(
    name="deposit: mineral-bearing material near/off/in/from a place (the place supplies the mineral)",
    type=RelType.SUPPLIES, lemmas=frozenset(), pos="E", source="", target="", confidence=0.7,
)  # fmt: skip

MATERIALS = frozenset("mud ore sediment deposit nodule reserve brine sand clay seam vein crust".split())
_PLACE_CASES = frozenset("near off in from beneath under at".split())
_REACH = 12  # words from the material to the place


def deposit_candidates(doc: Annotated, index: dict[tuple[int, int], Ref]) -> list:  # type: ignore[type-arg]
    """Candidates (``match.Candidate``): each place a mineral-bearing material is said to lie at."""
    from dealgraph.extract.match import Candidate

    out: list[Candidate] = []
    for sentence in doc.sentences:
        toks = sentence.tokens
        for t in toks:
            if t.lemma.lower() not in MATERIALS or not t.pos.startswith("NN"):
                continue
            mineral = _mineral_before(sentence.index, t.index, toks, index)
            if mineral is None:
                continue
            places: list[Ref] = []  # "beneath the Pacific near Minamitorishima": the last, the most precise
            for j in range(t.index + 1, min(len(toks), t.index + _REACH)):
                if toks[j].pos.startswith(("VB", "MD")) or toks[j].lemma.lower() in ("to", "for"):
                    break  # "ore exports from Australia to steelmakers in China": the source only
                if toks[j].lemma.lower() not in _PLACE_CASES:
                    continue
                place = next((index[(sentence.index, k)] for k in range(j + 1, min(len(toks), j + 5))
                              if (sentence.index, k) in index
                              and index[(sentence.index, k)].kind in (Kind.PLACE, Kind.COUNTRY)), None)  # fmt: skip
                if place is not None:
                    places.append(place)
            if places:
                out.append(Candidate(DEPOSIT, places[-1], mineral, sentence.index, t.index, DEPOSIT.confidence))
    return out


def _mineral_before(sentence: int, i: int, toks: list, index: dict[tuple[int, int], Ref]) -> Ref | None:  # type: ignore[type-arg]
    """The mineral right before the material, past "-rich" or "-bearing" ("rare earth-rich mud")."""
    j = i - 1
    while j >= 0 and toks[j].word.lower().strip("-") in ("rich", "bearing", "laden", ""):
        j -= 1
    ref = index.get((sentence, j))
    return ref if ref is not None and ref.kind is Kind.MINERAL else None
