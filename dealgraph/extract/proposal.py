"""What the relationship rules produce: the mentions that stand at the ends of a relationship,
and a candidate claim with the rule that proposed it, its confidence and its evidence spans."""

from __future__ import annotations

from dataclasses import dataclass, field

from dealgraph.extract.amounts import DateMention, MoneyMention
from dealgraph.graph.model import Kind, RelType


@dataclass(frozen=True)
class Arg:
    """A linked mention that can stand at either end of a relationship."""

    entity: str
    kind: Kind
    start: int
    end: int
    text: str
    confidence: float
    via: str


@dataclass
class Proposal:
    """A candidate claim from one sentence."""

    type: RelType
    source: Arg
    target: Arg
    confidence: float
    rule: str
    trigger: tuple[int, int]
    quote: tuple[int, int]
    counterparty: str | None = None
    money: MoneyMention | None = None
    due_by: DateMention | None = None
    valid_from: DateMention | None = None
    notes: list[str] = field(default_factory=list)
    earlier: list[tuple[int, int]] = field(default_factory=list)  # quotes of earlier sentences it rests on
