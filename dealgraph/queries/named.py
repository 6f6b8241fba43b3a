"""Named, parameterised Cypher queries: the only Cypher dealgraph's lookups run.

Each query is a constant; values travel only as ``$parameters``. Every query runs unchanged
on LadybugDB and Neo4j: it uses ``type(r)`` (a macro in the embedded store), the ``kind``
property rather than ``labels()``, and leaves ordering to the caller where UNION is involved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from dealgraph.graph.vocabulary import COUNTERPARTY_TYPES, Kind, RelType


@dataclass(frozen=True)
class NamedQuery:
    """A stored query in the shape of datasette's: name, Cypher, parameters, what it answers."""

    name: str
    cypher: LiteralString
    params: tuple[str, ...]
    description: str
    write: bool = False


_CLAIM: LiteralString = (
    "r.id AS claim, r.counterparty AS counterparty, r.status AS status, r.confidence AS confidence, "
    "r.amount AS amount, r.currency AS currency, r.qualifier AS qualifier, r.usd AS usd, "
    "r.usd_basis AS usd_basis, r.stated_on AS stated_on, r.stated_on_precision AS stated_on_precision, "
    "r.due_by AS due_by, r.due_by_precision AS due_by_precision, r.valid_from AS valid_from, "
    "r.valid_from_precision AS valid_from_precision, r.valid_to AS valid_to, "
    "r.valid_to_precision AS valid_to_precision, r.due_history AS due_history, "
    "r.evidence_docs AS evidence_docs, r.evidence_quotes AS evidence_quotes, r.note AS note"
)
#: The relationship types that carry a counterparty, as a pattern's type alternatives.
_THIRD_PARTY = "|".join(t.value for t in COUNTERPARTY_TYPES)

#: The types that put an entity on another's side of a ledger, and those a ledger lists.
_SIDE = "|".join(t.value for t in (RelType.LEADS, RelType.PART_OF, RelType.AFFILIATED_WITH))
_GIVEN = "|".join(t.value for t in (RelType.PLEDGES, RelType.OFFERS, RelType.SUPPORTS, RelType.DEMANDS))

_EDGE: LiteralString = (
    "a.id AS source, a.name AS source_name, a.kind AS source_kind, type(r) AS type, "
    "b.id AS target, b.name AS target_name, b.kind AS target_kind, " + _CLAIM
)

RESOLVE = NamedQuery(
    "resolve",
    "MATCH (n) WHERE $key IN n.keys RETURN n.id AS id, n.kind AS kind, n.name AS name ORDER BY id",
    ("key",),
    "Entities answering to a folded name key (id, name or alias).",
)

RESOLVE_ID = NamedQuery(
    "resolve_id",
    " UNION ALL ".join(
        f"MATCH (n:{kind.value}) WHERE n.id = $id RETURN n.id AS id, n.kind AS kind, n.name AS name" for kind in Kind
    ),
    ("id",),
    "The entity with this id, through each kind's primary key (one lookup per kind, no scan).",
)

ALL_NAMES = NamedQuery(
    "all_names",
    "MATCH (n) RETURN n.id AS id, n.name AS name, n.keys AS keys ORDER BY id",
    (),
    "Every entity's id, name and name keys (for suggestions).",
)

ENTITY = NamedQuery(
    "entity",
    "MATCH (n) WHERE n.id = $id RETURN n.id AS id, n.kind AS kind, n.name AS name, n.aliases AS aliases, "
    "n.wikidata AS wikidata, n.description AS description, n.attributes AS attributes",
    ("id",),
    "One entity's properties.",
)

ACTOR = NamedQuery(
    "actor",
    "MATCH (a)-[r]->(b) WHERE a.id = $id RETURN 'out' AS direction, " + _EDGE + " "
    "UNION ALL "
    "MATCH (a)-[r]->(b) WHERE b.id = $id RETURN 'in' AS direction, " + _EDGE + " "
    "UNION ALL "
    f"MATCH (a)-[r:{_THIRD_PARTY}]->(b) WHERE r.counterparty = $id AND a.id <> $id AND b.id <> $id "
    "RETURN 'counterparty' AS direction, " + _EDGE,
    ("id",),
    "Every relationship of an entity: outgoing, incoming, and those naming it as counterparty.",
)

COUNTERPARTY_LINKS = NamedQuery(
    "counterparty_links",
    f"MATCH (a)-[r:{_THIRD_PARTY}]->(b) WHERE r.counterparty = $id AND a.id <> $id AND b.id <> $id "
    "RETURN a.id AS source, a.kind AS source_kind, r.id AS id",
    ("id",),
    "Which claims name an entity as their counterparty, and who makes them (few columns: a scan "
    "of every relationship of the types with a third party).",
)

PLEDGES = NamedQuery(
    "pledges",
    "MATCH (a)-[r:PLEDGES]->(b) WHERE a.id = $id OR b.id = $id OR r.counterparty = $id "
    "RETURN " + _EDGE + " ORDER BY claim",
    ("id",),
    "Pledges made by an actor, or made to it (as counterparty or target).",
)

DEMANDS = NamedQuery(
    "demands",
    "MATCH (a)-[r:DEMANDS]->(b) WHERE a.id = $id OR b.id = $id OR r.counterparty = $id "
    "RETURN " + _EDGE + " ORDER BY claim",
    ("id",),
    "Demands made by an actor, or made of it (as counterparty or target).",
)

SUPPLY = NamedQuery(
    "supply",
    "MATCH (a)-[r:SUPPLIES|DEPENDS_ON]->(b) WHERE b.id = $id RETURN " + _EDGE + " "
    "UNION ALL "
    "MATCH (a)-[r:DEPENDS_ON]->(b)-[:SUPPLIES]->(m) WHERE m.id = $id RETURN DISTINCT " + _EDGE,
    ("id",),
    "Supply links of a mineral: who supplies it, who depends on it, and who depends on its suppliers.",
)

PARTICIPANTS = NamedQuery(
    "participants",
    "MATCH (a)-[r:PARTICIPATES_IN]->(b) WHERE b.id = $id RETURN " + _EDGE + " "
    "UNION ALL "
    "MATCH (a)-[r:PARTICIPATES_IN]->(b)-[:PART_OF*1..4]->(p) WHERE p.id = $id RETURN DISTINCT " + _EDGE,
    ("id",),
    "Participants of a project, and of the projects that are part of it.",
)

CLAIMS = NamedQuery(
    "claims",
    "MATCH (a)-[r]->(b) WHERE ($type = '' OR type(r) = $type) "
    "AND ($id = '' OR a.id = $id OR b.id = $id OR r.counterparty = $id) "
    "RETURN " + _EDGE + " ORDER BY claim",
    ("type", "id"),
    "Claims of one type (or all, with ''), optionally those naming one entity ('' for any).",
)

NODE_COUNTS = NamedQuery(
    "node_counts",
    "MATCH (n) RETURN n.kind AS kind, count(*) AS count ORDER BY kind",
    (),
    "Entities per kind.",
)

REL_COUNTS = NamedQuery(
    "rel_counts",
    "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type",
    (),
    "Claims per relationship type.",
)

EVIDENCE_COUNTS = NamedQuery(
    "evidence_counts",
    "MATCH ()-[r]->() UNWIND r.evidence_docs AS doc RETURN doc, count(*) AS count ORDER BY doc",
    (),
    "Evidence items per document.",
)

_REL_ROW: LiteralString = (
    "a.id AS source, a.kind AS source_kind, type(r) AS type, b.id AS target, b.kind AS target_kind, "
    "r.id AS id, r.counterparty AS counterparty, r.status AS status, r.confidence AS confidence, "
    "r.note AS note, r.amount AS amount, r.currency AS currency, r.qualifier AS qualifier, r.usd AS usd, "
    "r.usd_basis AS usd_basis, "
    "r.usd_rate AS usd_rate, r.usd_rate_date AS usd_rate_date, r.stated_on AS stated_on, "
    "r.due_by AS due_by, r.valid_from AS valid_from, r.valid_to AS valid_to, "
    "r.stated_on_precision AS stated_on_precision, r.due_by_precision AS due_by_precision, "
    "r.valid_from_precision AS valid_from_precision, r.valid_to_precision AS valid_to_precision, "
    "r.evidence_docs AS evidence_docs, r.evidence_quotes AS evidence_quotes, r.due_history AS due_history"
)

INCIDENT = NamedQuery(
    "incident",
    # Two directed matches rather than one OR: each uses the id index (LadybugDB: 6 ms against
    # 98 ms on 20,000 relationships). A claim joining two of the ids comes back twice.
    "MATCH (a)-[r]->(b) WHERE a.id IN $ids RETURN " + _REL_ROW + " "
    "UNION ALL "
    "MATCH (a)-[r]->(b) WHERE b.id IN $ids RETURN " + _REL_ROW,
    ("ids",),
    "Every claim touching any of the given entities, with all its properties (for walks); "
    "a claim between two of them comes back twice.",
)

ENTITIES = NamedQuery(
    "entities",
    "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id, n.kind AS kind, n.name AS name, n.aliases AS aliases, "
    "n.keys AS keys, n.wikidata AS wikidata, n.description AS description, n.attributes AS attributes "
    "ORDER BY id",
    ("ids",),
    "The given entities with all their properties.",
)

#: The few columns a walk needs: who joins whom, by what, in force when, stated where.
_LINK_ROW: LiteralString = (
    "a.id AS source, a.kind AS source_kind, type(r) AS type, b.id AS target, b.kind AS target_kind, "
    "r.id AS id, r.valid_from AS valid_from, r.valid_from_precision AS valid_from_precision, "
    "r.valid_to AS valid_to, r.valid_to_precision AS valid_to_precision, r.evidence_docs AS evidence_docs"
)

LINKS = NamedQuery(
    "links",
    "MATCH (a)-[r]->(b) WHERE a.id IN $ids RETURN " + _LINK_ROW + " "
    "UNION ALL "
    "MATCH (a)-[r]->(b) WHERE b.id IN $ids RETURN " + _LINK_ROW,
    ("ids",),
    "Every claim touching any of the given entities, as a link only (ends, type, dates, documents).",
)

_NEIGHBOUR_ROW: LiteralString = "a.id AS node, b.id AS other, b.kind AS other_kind, type(r) AS type, r.id AS id"

NEIGHBOURS = NamedQuery(
    "neighbours",
    "MATCH (a)-[r]-(b) WHERE a.id IN $ids RETURN " + _NEIGHBOUR_ROW,
    ("ids",),
    "The neighbours of the given entities and the claims joining them, direction left out (the "
    "fewest columns: for breadth-first walks); a claim between two of them comes back twice.",
)

NEIGHBOURS_DATED = NamedQuery(
    "neighbours_dated",
    "MATCH (a)-[r]-(b) WHERE a.id IN $ids RETURN " + _NEIGHBOUR_ROW + ", r.valid_from AS valid_from, "
    "r.valid_from_precision AS valid_from_precision, r.valid_to AS valid_to, "
    "r.valid_to_precision AS valid_to_precision",
    ("ids",),
    "NEIGHBOURS with the dates each claim holds between (for walks as of a day).",
)

LINK_DETAILS = NamedQuery(
    "link_details",
    "MATCH (a)-[r]->(b) WHERE a.id IN $ids AND r.id IN $claims RETURN "
    + _LINK_ROW
    + ", a.name AS source_name, b.name AS target_name",
    ("ids", "claims"),
    "The given claims, made by one of the given entities, as links with their direction and "
    "documents, and the names of their ends.",
)

SIDES = NamedQuery(
    "sides",
    f"MATCH (a)-[r:{_SIDE}]->(b) WHERE b.id IN $ids RETURN " + _LINK_ROW,
    ("ids",),
    "Who leads, is part of or is affiliated with any of the given entities, as links.",
)

GIVEN = NamedQuery(
    "given",
    f"MATCH (a)-[r:{_GIVEN}]->(b) WHERE a.id IN $ids RETURN " + _REL_ROW,
    ("ids",),
    "What the given entities pledge, offer, support or demand, with all properties.",
)

REFS = NamedQuery(
    "refs",
    "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id, n.kind AS kind, n.name AS name ORDER BY id",
    ("ids",),
    "Id, kind and name of the given entities.",
)

# -- the same, with the entity's kind as a label ------------------------------------------------
# A label-less pattern visits every node table (and every kind pair of every relationship
# table); on 100,000 relationships in LadybugDB that costs 20-40 ms a query, against 1-6 ms
# with the label. Labels come only from the model's Kind enum, never from input.

_ENTITY_COLUMNS: LiteralString = (
    "n.id AS id, n.kind AS kind, n.name AS name, n.aliases AS aliases, "
    "n.wikidata AS wikidata, n.description AS description, n.attributes AS attributes"
)


def _of_kind(kind: Kind) -> tuple[NamedQuery, ...]:
    label = kind.value
    entity = NamedQuery(
        f"entity_{label.lower()}",
        f"MATCH (n:{label}) WHERE n.id = $id RETURN {_ENTITY_COLUMNS}",
        ("id",),
        f"One {label}'s properties (ENTITY for a known kind).",
    )
    entities = NamedQuery(
        f"entities_{label.lower()}",
        f"MATCH (n:{label}) WHERE n.id IN $ids RETURN {_ENTITY_COLUMNS}, n.keys AS keys ORDER BY id",
        ("ids",),
        f"The given {label} entities with all their properties (ENTITIES for a known kind).",
    )
    incident = NamedQuery(
        f"incident_{label.lower()}",
        f"MATCH (a:{label})-[r]->(b) WHERE a.id IN $ids RETURN {_REL_ROW} "
        "UNION ALL "
        f"MATCH (a)-[r]->(b:{label}) WHERE b.id IN $ids RETURN {_REL_ROW}",
        ("ids",),
        f"Every claim touching any of the given {label} entities (INCIDENT for a known kind).",
    )
    actor = NamedQuery(
        f"actor_{label.lower()}",
        f"MATCH (a:{label})-[r]->(b) WHERE a.id = $id RETURN 'out' AS direction, {_EDGE} "
        "UNION ALL "
        f"MATCH (a)-[r]->(b:{label}) WHERE b.id = $id RETURN 'in' AS direction, {_EDGE}",
        ("id",),
        f"Every relationship from or to a {label} (with COUNTERPARTY_OF, ACTOR for a known kind).",
    )
    counterparty = NamedQuery(
        f"counterparty_{label.lower()}",
        f"MATCH (a:{label})-[r:{_THIRD_PARTY}]->(b) WHERE a.id IN $ids AND r.counterparty = $id "
        f"AND b.id <> $id RETURN 'counterparty' AS direction, {_EDGE}",
        ("id", "ids"),
        f"The claims of the given {label} entities naming $id as counterparty (after COUNTERPARTY_LINKS).",
    )
    links = NamedQuery(
        f"links_{label.lower()}",
        f"MATCH (a:{label})-[r]->(b) WHERE a.id IN $ids RETURN {_LINK_ROW} "
        "UNION ALL "
        f"MATCH (a)-[r]->(b:{label}) WHERE b.id IN $ids RETURN {_LINK_ROW}",
        ("ids",),
        f"Every claim touching any of the given {label} entities, as a link (LINKS for a known kind).",
    )
    sides = NamedQuery(
        f"sides_{label.lower()}",
        f"MATCH (a)-[r:{_SIDE}]->(b:{label}) WHERE b.id IN $ids RETURN {_LINK_ROW}",
        ("ids",),
        f"Who leads, is part of or is affiliated with the given {label} entities (for ledgers).",
    )
    given = NamedQuery(
        f"given_{label.lower()}",
        f"MATCH (a:{label})-[r:{_GIVEN}]->(b) WHERE a.id IN $ids RETURN {_REL_ROW}",
        ("ids",),
        f"What the given {label} entities pledge, offer, support or demand, with all properties.",
    )
    return entity, entities, incident, actor, counterparty, links, sides, given


_KINDS = {k: _of_kind(k) for k in Kind}
ENTITY_OF: dict[Kind, NamedQuery] = {k: q[0] for k, q in _KINDS.items()}
ENTITIES_OF: dict[Kind, NamedQuery] = {k: q[1] for k, q in _KINDS.items()}
INCIDENT_OF: dict[Kind, NamedQuery] = {k: q[2] for k, q in _KINDS.items()}
ACTOR_OF: dict[Kind, NamedQuery] = {k: q[3] for k, q in _KINDS.items()}
COUNTERPARTY_OF: dict[Kind, NamedQuery] = {k: q[4] for k, q in _KINDS.items()}
LINKS_OF: dict[Kind, NamedQuery] = {k: q[5] for k, q in _KINDS.items()}
SIDES_OF: dict[Kind, NamedQuery] = {k: q[6] for k, q in _KINDS.items()}
GIVEN_OF: dict[Kind, NamedQuery] = {k: q[7] for k, q in _KINDS.items()}

ALL: tuple[NamedQuery, ...] = (
    RESOLVE,
    RESOLVE_ID,
    ALL_NAMES,
    ENTITY,
    ACTOR,
    COUNTERPARTY_LINKS,
    PLEDGES,
    DEMANDS,
    SUPPLY,
    PARTICIPANTS,
    CLAIMS,
    NODE_COUNTS,
    REL_COUNTS,
    EVIDENCE_COUNTS,
    INCIDENT,
    LINKS,
    NEIGHBOURS,
    NEIGHBOURS_DATED,
    LINK_DETAILS,
    SIDES,
    GIVEN,
    ENTITIES,
    REFS,
    *(q for queries in _KINDS.values() for q in queries),
)
