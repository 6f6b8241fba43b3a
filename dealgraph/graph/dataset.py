"""A validated set of entities and claims: what a load writes and what a store reads back."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dealgraph.graph.vocabulary import Kind, RelType

if TYPE_CHECKING:  # the model (pydantic) only for its types: an empty Dataset needs none of it
    import networkx as nx

    from dealgraph.graph.model import Claim, Entity


@dataclass(frozen=True)
class Dataset:
    """Entities (documents included, as kind Document) and claims, keyed by id."""

    entities: dict[str, Entity] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)

    @classmethod
    def of(cls, entities: list[Entity], claims: list[Claim]) -> Dataset:
        """Build from lists, sorted by id so that equal content compares equal."""
        return cls(
            entities={e.id: e for e in sorted(entities, key=lambda e: e.id)},
            claims={c.id: c for c in sorted(claims, key=lambda c: c.id)},
        )

    def kind_counts(self) -> dict[Kind, int]:
        counts = Counter(e.kind for e in self.entities.values())
        return {k: counts[k] for k in Kind if counts[k]}

    def type_counts(self) -> dict[RelType, int]:
        counts = Counter(c.type for c in self.claims.values())
        return {t: counts[t] for t in RelType if counts[t]}

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph in memory: nodes by entity id, one edge per claim.

        Edges are keyed ``"TYPE:claim-id"``, so the relationship type leads the key and two
        sources' claims of one type between the same pair stay apart.
        """
        import networkx as nx

        g = nx.MultiDiGraph()
        for e in self.entities.values():
            g.add_node(e.id, **e.model_dump(mode="python"))
        for c in self.claims.values():
            g.add_edge(c.source, c.target, key=f"{c.type.value}:{c.id}", **c.model_dump())
        return g


@dataclass(frozen=True)
class Change:
    """What a load changed: ids added, removed and updated, per collection."""

    added_entities: list[str]
    removed_entities: list[str]
    updated_entities: list[str]
    added_claims: list[str]
    removed_claims: list[str]
    updated_claims: list[str]

    @classmethod
    def between(cls, old: Dataset, new: Dataset) -> Change:
        def diff(a: dict, b: dict) -> tuple[list[str], list[str], list[str]]:
            added = sorted(b.keys() - a.keys())
            removed = sorted(a.keys() - b.keys())
            updated = sorted(k for k in a.keys() & b.keys() if a[k] != b[k])
            return added, removed, updated

        return cls(*diff(old.entities, new.entities), *diff(old.claims, new.claims))

    @property
    def empty(self) -> bool:
        return not any(vars(self).values())

    def summary(self) -> str:
        """One line: ``entities +3 -1 ~2, claims +5 -0 ~1`` or ``no changes``."""
        if self.empty:
            return "no changes"
        e = f"+{len(self.added_entities)} -{len(self.removed_entities)} ~{len(self.updated_entities)}"
        c = f"+{len(self.added_claims)} -{len(self.removed_claims)} ~{len(self.updated_claims)}"
        return f"entities {e}, claims {c} (+added -removed ~updated)"
