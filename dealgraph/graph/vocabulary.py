"""The model's vocabulary: kinds, relationship types, statuses and which kinds each type joins.

Plain enums without pydantic, so that a lookup, which reads what a load validated, can name
kinds and types without importing the validating model (``dealgraph.graph.model``, which
re-exports all of this): that import alone costs a lookup about as much as the rest of it.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What an entity is. The value is also its node label in every store."""

    COUNTRY = "Country"
    LEADER = "Leader"
    PERSON = "Person"
    COMPANY = "Company"
    ORGANIZATION = "Organization"
    PROJECT = "Project"
    MINERAL = "Mineral"
    PLACE = "Place"
    AGREEMENT = "Agreement"
    POLICY = "Policy"
    EVENT = "Event"
    DOCUMENT = "Document"


class RelType(StrEnum):
    """The type of a claim. The value is also its relationship type in every store."""

    PLEDGES = "PLEDGES"
    DEMANDS = "DEMANDS"
    OFFERS = "OFFERS"
    SUPPLIES = "SUPPLIES"
    DEPENDS_ON = "DEPENDS_ON"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    PART_OF = "PART_OF"
    LEADS = "LEADS"
    AFFILIATED_WITH = "AFFILIATED_WITH"
    LOCATED_IN = "LOCATED_IN"
    IN_EXCHANGE_FOR = "IN_EXCHANGE_FOR"
    SUPPORTS = "SUPPORTS"
    SUSPECTS = "SUSPECTS"
    ANALYZES = "ANALYZES"
    REPORTS = "REPORTS"


#: The types that imply a third party, named as a claim's ``counterparty``: to whom something
#: is pledged, offered or supplied, of whom it is demanded.
COUNTERPARTY_TYPES: tuple[RelType, ...] = (RelType.PLEDGES, RelType.DEMANDS, RelType.OFFERS, RelType.SUPPLIES)


class Status(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    DELAYED = "delayed"
    IMPLEMENTED = "implemented"
    DISPUTED = "disputed"
    WITHDRAWN = "withdrawn"


class Qualifier(StrEnum):
    """How a stated amount is bounded: "about $55 billion", "more than ¥6 trillion"."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    UP_TO = "up_to"


class UsdBasis(StrEnum):
    SAME_CURRENCY = "same_currency"  # the amount is already in USD
    STATED = "stated"  # the source itself states the USD figure
    FX = "fx"  # converted by us at an explicit rate and date


_ACTORS = {Kind.COUNTRY, Kind.LEADER, Kind.PERSON, Kind.COMPANY, Kind.ORGANIZATION}
_THINGS = {Kind.PROJECT, Kind.AGREEMENT, Kind.POLICY}

#: Which kinds each relationship type may join: type -> (source kinds, target kinds).
ALLOWED: dict[RelType, tuple[frozenset[Kind], frozenset[Kind]]] = {
    RelType.PLEDGES: (frozenset(_ACTORS), frozenset(_THINGS | {Kind.COUNTRY})),
    RelType.DEMANDS: (frozenset(_ACTORS), frozenset(_ACTORS | _THINGS)),
    RelType.OFFERS: (frozenset(_ACTORS), frozenset(_THINGS | {Kind.COUNTRY, Kind.MINERAL})),
    RelType.SUPPLIES: (
        frozenset({Kind.COUNTRY, Kind.COMPANY, Kind.PLACE, Kind.PROJECT}),
        frozenset({Kind.MINERAL, Kind.COUNTRY, Kind.COMPANY, Kind.PROJECT}),
    ),
    RelType.DEPENDS_ON: (
        frozenset({Kind.COUNTRY, Kind.COMPANY} | _THINGS),
        frozenset({Kind.COUNTRY, Kind.COMPANY, Kind.MINERAL, Kind.EVENT} | _THINGS),
    ),
    RelType.PARTICIPATES_IN: (
        frozenset(_ACTORS),
        frozenset({Kind.PROJECT, Kind.AGREEMENT, Kind.EVENT}),
    ),
    RelType.PART_OF: (
        frozenset(_THINGS | {Kind.EVENT, Kind.ORGANIZATION}),
        frozenset(_THINGS | {Kind.EVENT, Kind.ORGANIZATION, Kind.COUNTRY}),
    ),
    RelType.LEADS: (
        frozenset({Kind.LEADER, Kind.PERSON}),
        frozenset({Kind.COUNTRY, Kind.ORGANIZATION, Kind.COMPANY, Kind.PROJECT}),
    ),
    RelType.AFFILIATED_WITH: (
        frozenset({Kind.LEADER, Kind.PERSON, Kind.ORGANIZATION, Kind.COMPANY}),
        frozenset({Kind.ORGANIZATION, Kind.COMPANY, Kind.COUNTRY}),
    ),
    RelType.LOCATED_IN: (
        frozenset({Kind.PLACE, Kind.PROJECT, Kind.COMPANY, Kind.ORGANIZATION, Kind.MINERAL, Kind.EVENT}),
        frozenset({Kind.PLACE, Kind.COUNTRY}),
    ),
    RelType.IN_EXCHANGE_FOR: (frozenset(_THINGS), frozenset(_THINGS)),
    RelType.SUPPORTS: (frozenset(_ACTORS), frozenset(_ACTORS | _THINGS | {Kind.EVENT})),
    RelType.SUSPECTS: (frozenset(_ACTORS), frozenset(_ACTORS | _THINGS | {Kind.EVENT})),
    RelType.ANALYZES: (
        frozenset({Kind.LEADER, Kind.PERSON, Kind.ORGANIZATION}),
        frozenset(set(Kind) - {Kind.DOCUMENT}),
    ),
    RelType.REPORTS: (
        frozenset({Kind.ORGANIZATION, Kind.PERSON, Kind.DOCUMENT}),
        frozenset({Kind.EVENT} | _THINGS),
    ),
}


def allowed_text(rel_type: RelType) -> str:
    """The allowed kind pairs of a type as one phrase: ``Country|Leader → Project|Agreement``."""
    sources, targets = ALLOWED[rel_type]
    order = list(Kind)
    names = lambda kinds: "|".join(k.value for k in sorted(kinds, key=order.index))  # noqa: E731
    return f"{names(sources)} → {names(targets)}"
