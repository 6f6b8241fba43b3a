"""Named Cypher queries and the lookups built on them."""

from dealgraph.queries.lookups import (
    ActorReport,
    EntityRef,
    Stats,
    Tie,
    actor,
    claims,
    demands,
    participants,
    pledges,
    resolve,
    stats,
    supply,
)

__all__ = [
    "ActorReport",
    "EntityRef",
    "Stats",
    "Tie",
    "actor",
    "claims",
    "demands",
    "participants",
    "pledges",
    "resolve",
    "stats",
    "supply",
]
