"""A reference: a stretch of an annotated article that stands for an entity, known or new, with
how it was found (name, demonym, capital, description, coreference, new form, ner, project ...)."""

from __future__ import annotations

from dataclasses import dataclass

from dealgraph.extract.nlp import Sentence
from dealgraph.graph.model import Kind


@dataclass(frozen=True)
class Ref:
    entity: str
    kind: Kind
    start: int
    end: int
    text: str
    via: str
    confidence: float
    sentence: int
    antecedent: tuple[int, int] | None = None  # for coreference: the span it points back to
    members: tuple[Ref, ...] = ()  # a plural reference ("the two leaders"): what it stands for


def tokens_in(sentence: Sentence, start: int, end: int) -> list[int]:
    """Indexes of the sentence's tokens inside the character span."""
    return [t.index for t in sentence.tokens if t.start >= start and t.end <= end]


def head_of(sentence: Sentence, indexes: list[int]) -> int | None:
    """The token of ``indexes`` whose governor lies outside them (the phrase's head)."""
    inside = set(indexes)
    for i in indexes:
        if not any(g in inside for g in sentence.into(i)):
            return i
    return indexes[-1] if indexes else None
