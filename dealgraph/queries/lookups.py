"""Lookups built on the named queries: resolve a name, an actor's ties, pledges, demands..."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dealgraph.errors import NotFoundError
from dealgraph.graph.countries import OTHER_NAMES
from dealgraph.graph.names import STAND_INS, name_key
from dealgraph.graph.periods import Period
from dealgraph.graph.vocabulary import Kind, RelType
from dealgraph.queries import named as q

if TYPE_CHECKING:
    from dealgraph.graph.store import Store


@dataclass(frozen=True)
class EntityRef:
    id: str
    kind: str
    name: str


@dataclass(frozen=True)
class Tie:
    """One claim as seen from a lookup: both ends, the type and the claim's fields."""

    source: EntityRef
    type: str
    target: EntityRef
    claim: str
    fields: dict[str, Any] = field(compare=False)
    direction: str = "out"  # from the looked-up entity's side: out, in, counterparty

    @property
    def other(self) -> EntityRef:
        return self.target if self.direction == "out" else self.source

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO text, money and due history nested."""
        f = self.fields
        money = None
        if f.get("amount") is not None:
            money = {
                "amount": f["amount"],
                "currency": f["currency"],
                "qualifier": f["qualifier"],
                "usd": f.get("usd"),
                "usd_basis": f.get("usd_basis"),
            }
        dates = {}
        for name in ("stated_on", "due_by", "valid_from", "valid_to"):
            if f.get(name) is not None:
                dates[name] = {"date": f[name].isoformat(), "precision": f[f"{name}_precision"]}
        return {
            "claim": self.claim,
            "type": self.type,
            "direction": self.direction,
            "source": vars(self.source),
            "target": vars(self.target),
            "counterparty": f.get("counterparty"),
            "counterparty_name": f.get("counterparty_name"),
            "money": money,
            **dates,
            "due_history": json.loads(f["due_history"]) if f.get("due_history") else [],
            "status": f.get("status"),
            "confidence": f.get("confidence"),
            "evidence": [{"doc": d, "quote": t} for d, t in zip(f["evidence_docs"], f["evidence_quotes"], strict=True)],
            "note": f.get("note"),
        }


@dataclass(frozen=True)
class ActorReport:
    entity: dict[str, Any]
    ties: list[Tie]


DIRECTIONS = ("out", "in", "counterparty")


def _named_counterparties(store: Store, ties: list[Tie]) -> list[Tie]:
    """The ties with ``counterparty_name`` in their fields: the counterparty's name, for the
    columns people read (one light query for all of them)."""
    ids = sorted({t.fields["counterparty"] for t in ties if t.fields.get("counterparty")})
    if ids:
        names = {r["id"]: r["name"] for r in store.query(q.REFS.cypher, {"ids": ids}).records()}
        for t in ties:
            if t.fields.get("counterparty"):
                t.fields["counterparty_name"] = names.get(t.fields["counterparty"])
    return ties


def _ties(records: list[dict[str, Any]]) -> list[Tie]:
    ties = []
    for r in records:
        ties.append(
            Tie(
                source=EntityRef(r["source"], r["source_kind"], r["source_name"]),
                type=r["type"],
                target=EntityRef(r["target"], r["target_kind"], r["target_name"]),
                claim=r["claim"],
                fields=r,
                direction=r.get("direction", "out"),
            )
        )
    order = {t.value: i for i, t in enumerate(RelType)}
    return sorted(
        {(t.direction, t.claim): t for t in ties}.values(),
        key=lambda t: (order.get(t.type, 99), DIRECTIONS.index(t.direction), t.other.name.casefold(), t.claim),
    )


def resolve(store: Store, name: str) -> EntityRef:
    """The entity a name denotes: by id, name or any alias, ignoring case and diacritics.

    An id typed as one (``georgia``) denotes that entity even when another has it as an alias:
    ids are unique. A name or alias shared by several entities ("Washington" for the city and,
    as an alias, the United States) is ambiguous, even when it is spelt like one of their ids.
    A name that matches no name or alias but is spelt like an id ("United States" for
    ``united-states``) denotes that entity; one that matches with its words in reverse order
    denotes that entity too (family name first: "Takaichi Sanae", "Xiaoxu Meng"); so does a word
    that stands for a country's government ("White House", "Japanese": ``STAND_INS``).

    Raises NotFoundError with close names when nothing matches, or the candidates when
    several do.

    >>> resolve(store, "高市早苗").id  # doctest: +SKIP
    'sanae-takaichi'
    """
    key = name_key(name)
    literal = name.strip()
    if literal:  # an id, typed as one: never ambiguous, and one primary-key look-up
        by_id = store.query(q.RESOLVE_ID.cypher, {"id": literal}).records()
        if by_id:
            return EntityRef(**by_id[0])
    found = store.query(q.RESOLVE.cypher, {"key": key}).records()
    if len(found) == 1:
        return EntityRef(**found[0])
    if len(found) > 1:
        options = ", ".join(f"{r['name']} ({r['id']})" for r in found)
        raise NotFoundError(f"{name!r} is ambiguous: {options}; use an id", [r["id"] for r in found])
    slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
    if slug and slug != literal:  # no name or alias, but spelt like an id: "United States"
        by_id = store.query(q.RESOLVE_ID.cypher, {"id": slug}).records()
        if by_id:
            return EntityRef(**by_id[0])
    words = key.split()
    if 2 <= len(words) <= 3:  # family name first, as Japanese and Chinese names go: "Takaichi Sanae"
        turned = store.query(q.RESOLVE.cypher, {"key": " ".join(reversed(words))}).records()
        if len(turned) == 1:
            return EntityRef(**turned[0])

    bare = key.removeprefix("the ")
    for country, stand_ins in STAND_INS.items():
        if bare in stand_ins:  # "White House", "American": the country, when the store has it
            for key in (country, *(other for other, same in OTHER_NAMES.items() if same == country)):
                found = [r for r in store.query(q.RESOLVE.cypher, {"key": key}).records() if r["kind"] == "Country"]
                if len(found) == 1:  # under any of its names ("London": Britain)
                    return EntityRef(**found[0])
    everyone = store.query(q.ALL_NAMES.cypher).records()
    if not everyone:
        raise NotFoundError(f"no entity named {name!r}: the store is empty; run `dealgraph load` first")
    by_key: dict[str, str] = {}
    for r in everyone:
        for k in r["keys"]:
            by_key.setdefault(k, r["id"])
    names = {r["id"]: r["name"] for r in everyone}
    close = difflib.get_close_matches(key, list(by_key), n=8, cutoff=0.6)
    ids = list(dict.fromkeys(by_key[k] for k in close))[:3]
    if not ids:  # a part of a name: "softbank" for "SoftBank Group"
        ids = [i for i, n in names.items() if key and key in name_key(n)][:3]
    hint = "; did you mean " + ", ".join(f"{names[i]!r} ({i})" for i in ids) + "?" if ids else ""
    raise NotFoundError(f"no entity named {name!r}{hint}", ids)


def actor(store: Store, name: str, *, day: dt.date | None = None) -> ActorReport:
    """An entity and every relationship it has, grouped by type and direction.

    With ``day``: only relationships in force then (valid time; undated ones stay), each due
    date as it stood then (the earliest deadline of its history not yet passed on ``day``).
    """
    ref = resolve(store, name)
    kind = Kind(ref.kind)
    entity = store.query(q.ENTITY_OF[kind].cypher, {"id": ref.id}).records()[0]
    entity["attributes"] = json.loads(entity.get("attributes") or "{}")
    rows = store.query(q.ACTOR_OF[kind].cypher, {"id": ref.id}).records()
    # Claims naming it as counterparty: first which (a narrow scan), then their rows by the
    # maker's kind; one wide query scanning every relationship would cost several times more.
    makers: dict[str, list[str]] = {}
    for link in store.query(q.COUNTERPARTY_LINKS.cypher, {"id": ref.id}).records():
        makers.setdefault(link["source_kind"], []).append(link["source"])
    for maker_kind, ids in sorted(makers.items()):
        params = {"id": ref.id, "ids": sorted(set(ids))}
        rows += store.query(q.COUNTERPARTY_OF[Kind(maker_kind)].cypher, params).records()
    ties = _named_counterparties(store, _ties(rows))
    if day is not None:
        ties = [_as_of(t, day) for t in ties if _in_force(t.fields, day)]
    return ActorReport(entity=entity, ties=ties)


def _partial(f: dict[str, Any], name: str) -> Period | None:
    value = f.get(name)
    return None if value is None else Period(value, f[f"{name}_precision"])


def _in_force(f: dict[str, Any], day: dt.date) -> bool:
    start, end = _partial(f, "valid_from"), _partial(f, "valid_to")
    return not ((start is not None and start.start > day) or (end is not None and end.end < day))


def _as_of(t: Tie, day: dt.date) -> Tie:
    """The tie with its due date as it stood on ``day``."""
    history = json.loads(t.fields["due_history"]) if t.fields.get("due_history") else []
    if not history:
        return t
    steps = [Period.parse(h["due_by"]) for h in history]
    current = next((i for i, d in enumerate(steps) if d.end >= day), len(steps) - 1)
    fields = dict(t.fields)
    fields["due_by"], fields["due_by_precision"] = steps[current].start, steps[current].precision.value
    kept = history[: current + 1]
    fields["due_history"] = json.dumps(kept, ensure_ascii=False) if len(kept) > 1 else None
    return Tie(t.source, t.type, t.target, t.claim, fields, t.direction)


def _named(store: Store, query: q.NamedQuery, name: str) -> tuple[EntityRef, list[Tie]]:
    ref = resolve(store, name)
    return ref, _named_counterparties(store, _ties(store.query(query.cypher, {"id": ref.id}).records()))


def pledges(store: Store, name: str) -> tuple[EntityRef, list[Tie]]:
    """Pledges made by, or to, an actor."""
    return _named(store, q.PLEDGES, name)


def demands(store: Store, name: str) -> tuple[EntityRef, list[Tie]]:
    """Demands made by, or of, an actor."""
    return _named(store, q.DEMANDS, name)


def supply(store: Store, name: str) -> tuple[EntityRef, list[Tie]]:
    """Supply links of a mineral: suppliers, dependants, and dependants of its suppliers."""
    return _named(store, q.SUPPLY, name)


def participants(store: Store, name: str) -> tuple[EntityRef, list[Tie]]:
    """Who takes part in a project or in any of its parts."""
    return _named(store, q.PARTICIPANTS, name)


def claims(store: Store, *, type: RelType | None = None, name: str | None = None) -> list[Tie]:
    """Claims of a type (all when None), optionally those touching one entity."""
    ident = resolve(store, name).id if name else ""
    records = store.query(q.CLAIMS.cypher, {"type": type.value if type else "", "id": ident}).records()
    ties = _named_counterparties(store, _ties(records))
    if not ties and not name:
        _not_empty(store)
    return ties


@dataclass(frozen=True)
class Stats:
    kinds: dict[str, int]
    types: dict[str, int]
    evidence: dict[str, int]

    @property
    def entities(self) -> int:
        return sum(self.kinds.values())

    @property
    def claims(self) -> int:
        return sum(self.types.values())


def _not_empty(store: Store) -> None:
    """Raise StoreError when the store holds no entity: an empty answer would be wrong."""
    from dealgraph.errors import StoreError

    if not store.query(q.NODE_COUNTS.cypher).rows:
        raise StoreError(f"no graph in store {store.location} yet; run `dealgraph load` first")


def stats(store: Store) -> Stats:
    """Counts of entities per kind, claims per type and evidence items per document."""
    rows = lambda nq: {r[0]: r[1] for r in store.query(nq.cypher).rows}  # noqa: E731
    kinds = rows(q.NODE_COUNTS)
    if not kinds:
        _not_empty(store)
    return Stats(kinds=kinds, types=rows(q.REL_COUNTS), evidence=rows(q.EVIDENCE_COUNTS))
