"""Analyst lookups over the whole graph: paths between actors, timelines, conflicts between
sources, rankings and communities.

Each reads the graph once from the store (``Store.read``) and answers in Python, so both
stores give the same answer by construction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from dealgraph.errors import DealgraphError, QuestionError
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.periods import Period, stored_date
from dealgraph.graph.store import loaded_graph
from dealgraph.graph.vocabulary import Kind, RelType
from dealgraph.queries import named
from dealgraph.queries.lookups import EntityRef, resolve
from dealgraph.queries.named import NamedQuery
from dealgraph.queries.records import ClaimRecord, MoneyRecord, claim_record, money_record

if TYPE_CHECKING:  # path and ledger read rows, not models: they never import the model (pydantic)
    from dealgraph.graph.model import Claim, PartialDate
    from dealgraph.graph.store import Store

MAX_PATHS = 100
#: Above this many kinds among the entities of one walk step, one label-less query is cheaper.
MAX_LABELLED_QUERIES = 3


def _ref(data: Dataset, entity_id: str) -> EntityRef:
    e = data.entities[entity_id]
    return EntityRef(e.id, e.kind.value, e.name)


@dataclass(frozen=True)
class Link:
    """A claim as a walk sees it: its ends, its type, when it holds and which documents state it."""

    id: str
    type: RelType
    source: str
    target: str
    documents: tuple[str, ...]
    valid_from: Period | None = None
    valid_to: Period | None = None


def _link(row: Mapping[str, Any]) -> Link:
    dates = {
        name: Period(stored_date(row[name]), row[f"{name}_precision"])
        for name in ("valid_from", "valid_to")
        if row.get(name) is not None
    }
    docs = tuple(dict.fromkeys(row.get("evidence_docs") or ()))
    return Link(row["id"], RelType(row["type"]), row["source"], row["target"], docs, **dates)


_T = TypeVar("_T", ClaimRecord, Link)


class _Touching(Generic[_T]):
    """What a walker fetched around which entities: the ids asked about, and by entity."""

    def __init__(self) -> None:
        self.fetched: set[str] = set()
        self.by_node: dict[str, list[_T]] = defaultdict(list)


class Walker:
    """The graph fetched from the store around the entities a lookup visits, not all of it:
    one named query per step of a walk, so lookups stay fast on large graphs."""

    def __init__(self, store: Store, *, day: dt.date | None = None, types: Iterable[RelType] | None = None):
        self.store = store
        self.day = day
        self.types = set(types) if types else None
        self.kinds: dict[str, str] = {}
        self.claims: dict[str, ClaimRecord] = {}
        self.links: dict[str, Link] = {}
        self._walked: _Touching[Link] = _Touching()
        self.neighbour_links: dict[str, Link] = {}  # oriented from the entity asked about
        self._neighboured: _Touching[Link] = _Touching()
        self._given: set[str] = set()
        self._refs: dict[str, EntityRef] = {}

    def know(self, *refs: EntityRef) -> None:
        """Record the kinds of entities resolved before the walk (its ends)."""
        for ref in refs:
            self.kinds[ref.id] = ref.kind

    def _by_kind(self, ids: Iterable[str], mixed: NamedQuery, of_kind: dict[Kind, NamedQuery]) -> list[dict[str, Any]]:
        """Rows of the query for ``ids``: one labelled query per kind (fast) when the kinds are
        known and few, else the label-less query."""
        groups: dict[str, list[str]] = defaultdict(list)
        for i in sorted(ids):
            groups[self.kinds.get(i, "")].append(i)
        if "" in groups or len(groups) > MAX_LABELLED_QUERIES:
            return self.store.query(mixed.cypher, {"ids": sorted(ids)}).records()
        rows: list[dict[str, Any]] = []
        for kind, members in sorted(groups.items()):
            rows += self.store.query(of_kind[Kind(kind)].cypher, {"ids": members}).records()
        return rows

    def walk(self, ids: Iterable[str]) -> list[Link]:
        """The claims touching any of ``ids`` as links (a few columns: fast on large graphs)."""

        def fetch(missing: set[str]) -> Iterator[Link]:
            for r in self._by_kind(missing, named.LINKS, named.LINKS_OF):
                self.kinds[r["source"]], self.kinds[r["target"]] = r["source_kind"], r["target_kind"]
                if self._wanted(r, self.links):
                    yield _link(r)

        return self._touching(set(ids), self._walked, self.links, fetch)

    def neighbours(self, ids: Iterable[str]) -> list[Link]:
        """The claims touching any of ``ids`` as undirected links: ``source`` is the entity of
        ``ids``, ``target`` the other end, documents left out (``details`` fetches the rest)."""

        def fetch(missing: set[str]) -> Iterator[Link]:
            query = named.NEIGHBOURS if self.day is None else named.NEIGHBOURS_DATED
            for r in self.store.query(query.cypher, {"ids": sorted(missing)}).records():
                self.kinds[r["other"]] = r["other_kind"]
                if self._wanted(r, self.neighbour_links):
                    yield _link({**r, "source": r["node"], "target": r["other"]})

        return self._touching(set(ids), self._neighboured, self.neighbour_links, fetch)

    def _wanted(self, row: Mapping[str, Any], seen: Mapping[str, object]) -> bool:
        """Whether a fetched row is new and of the wanted types (checked before it is built)."""
        return row["id"] not in seen and not (self.types and RelType(row["type"]) not in self.types)

    def _touching(
        self,
        ids: set[str],
        cache: _Touching[_T],
        table: dict[str, _T],
        fetch: Callable[[set[str]], Iterator[_T]],
    ) -> list[_T]:
        """What touches any of ``ids``, sorted by id: fetched once per id, kept when in force
        on ``day``, and indexed by both ends."""
        missing = ids - cache.fetched
        for item in fetch(missing) if missing else ():
            if item.id in table or (self.day is not None and in_force(item, self.day) is False):
                continue
            table[item.id] = item
            cache.by_node[item.source].append(item)
            if item.target != item.source:
                cache.by_node[item.target].append(item)
        cache.fetched |= missing
        return sorted({x.id: x for i in ids for x in cache.by_node[i]}.values(), key=lambda x: x.id)

    def details(self, links: Iterable[Link]) -> dict[str, Link]:
        """The given links with their direction and documents (one query)."""
        links = list(links)
        ends = sorted({n for x in links for n in (x.source, x.target)})
        params = {"ids": ends, "claims": sorted({x.id for x in links})}
        rows = self.store.query(named.LINK_DETAILS.cypher, params).records()
        for r in rows:  # the ends' names come along: refs() need not ask again
            for end in ("source", "target"):
                self._refs[r[end]] = EntityRef(r[end], r[f"{end}_kind"], r[f"{end}_name"])
        return {r["id"]: _link(r) for r in rows}

    def sides(self, ids: Iterable[str]) -> list[Link]:
        """Who leads, is part of or is affiliated with any of ``ids`` (in force on ``day``)."""
        found = []
        for r in self._by_kind(set(ids), named.SIDES, named.SIDES_OF):
            self.kinds[r["source"]] = r["source_kind"]
            link = _link(r)
            if self.day is None or in_force(link, self.day) is not False:
                found.append(link)
        return found

    def given(self, ids: Iterable[str]) -> list[ClaimRecord]:
        """What any of ``ids`` pledges, offers, supports or demands, as claim records (every column
        the ledger uses, read as the load validated it)."""
        ids = set(ids)
        missing = ids - self._given
        if missing:
            for r in self._by_kind(missing, named.GIVEN, named.GIVEN_OF):
                self.kinds[r["source"]], self.kinds[r["target"]] = r["source_kind"], r["target_kind"]
                if r["id"] in self.claims:
                    continue
                c = claim_record(r)
                if self.day is not None and in_force(c, self.day) is False:
                    continue
                self.claims[c.id] = c
            self._given.update(missing)
        return sorted(
            (c for c in self.claims.values() if c.source in ids and c.type in GIVEN_TYPES), key=lambda c: c.id
        )

    def refs(self, ids: Iterable[str]) -> dict[str, EntityRef]:
        """Id, kind and name of the given entities (one light query for those not yet named)."""
        ids = set(ids)
        missing = sorted(ids - set(self._refs))
        for r in self.store.query(named.REFS.cypher, {"ids": missing}).records() if missing else []:
            self._refs[r["id"]] = EntityRef(r["id"], r["kind"], r["name"])
        return {i: self._refs[i] for i in ids if i in self._refs}


# -- as of a date ----------------------------------------------------------------------------


def in_force(claim: Claim | ClaimRecord | Link, day: dt.date) -> bool | None:
    """Whether a claim held on ``day`` (valid time); None when the sources do not date it."""
    if claim.valid_from is None and claim.valid_to is None:
        return None
    if claim.valid_from is not None and claim.valid_from.start > day:
        return False
    return not (claim.valid_to is not None and claim.valid_to.end < day)


@dataclass(frozen=True)
class DueAsOf:
    """The due date a claim had on a day, and how that is known."""

    due_by: PartialDate | None
    basis: str  # "current", "history" or "undated"


def due_as_of(claim: Claim, day: dt.date) -> DueAsOf:
    """The due date ``claim`` had on ``day``.

    The sources say in which order a deadline moved but not on which day; dealgraph takes the
    earliest deadline in the history that had not yet passed on ``day`` and says so.
    """
    if not claim.due_history:
        return DueAsOf(claim.due_by, "current")
    for item in claim.due_history:
        if item.due_by.end >= day:
            basis = "current" if item is claim.due_history[-1] else "history"
            return DueAsOf(item.due_by, basis)
    return DueAsOf(claim.due_history[-1].due_by, "current")


# -- paths -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One relationship on a path, walked forwards (source to target) or backwards."""

    source: EntityRef
    type: str
    target: EntityRef
    claim: str
    evidence: tuple[str, ...]
    forward: bool
    dated: bool = True  # False: the sources do not say from or until when it holds
    #: Every claim stating this step (two articles' accounts of one relationship); the first is ``claim``.
    claims: tuple[str, ...] = ()


@dataclass(frozen=True)
class PathResult:
    start: EntityRef
    end: EntityRef
    max_hops: int
    paths: list[list[Step]] = field(default_factory=list)
    truncated: bool = False
    as_of: dt.date | None = None


def path(
    store: Store,
    a: str,
    b: str,
    *,
    max_hops: int = 6,
    types: Iterable[RelType] | None = None,
    day: dt.date | None = None,
    through_countries: bool = False,
) -> PathResult:
    """Every shortest path between two entities, relationships taken in either direction.

    Countries are hubs: most entities are located in one, affiliated with one or part of one,
    so a path through a country says little. Paths do not pass through a country unless
    ``through_countries`` (a country may still be either end).
    """
    start, end = resolve(store, a), resolve(store, b)
    if start.id == end.id:
        raise QuestionError(f"{a!r} and {b!r} are both {start.name} ({start.id}): a path needs two entities")
    walker = Walker(store, day=day, types=types)
    walker.know(start, end)
    ends = {start.id, end.id}

    def is_blocked(node: str) -> bool:
        return not through_countries and node not in ends and walker.kinds.get(node) == Kind.COUNTRY.value

    # Fetch level by level from both ends, the smaller frontier first, until they meet. With
    # k levels expanded from the start and m from the end and the ends at distance d <= k + m,
    # every relationship on a shortest path touches an expanded entity, which is all that
    # the search below needs.
    seen = {start.id: {start.id}, end.id: {end.id}}
    frontier = {start.id: {start.id}, end.id: {end.id}}
    for _ in range(max_hops):
        if any(not is_blocked(n) for n in seen[start.id] & seen[end.id]):  # no path runs through a blocked one
            break
        side = min((start.id, end.id), key=lambda s: len(frontier[s]))
        expand = {n for n in frontier[side] if not is_blocked(n)}
        if not expand:
            break
        reached = {n for c in walker.neighbours(expand) for n in (c.source, c.target)} - seen[side]
        seen[side] |= reached
        frontier[side] = reached
    blocked = {n for n in walker.kinds if is_blocked(n)}
    found, truncated = shortest_paths(
        walker.refs, list(walker.neighbour_links.values()), start.id, end.id, max_hops, blocked, details=walker.details
    )
    return PathResult(start, end, max_hops, found, truncated, day)


def shortest_paths(
    data: Dataset | Callable[[set[str]], Mapping[str, EntityRef]],
    claims: Sequence[Claim | Link],
    start: str,
    end: str,
    max_hops: int,
    blocked: AbstractSet[str] = frozenset(),
    details: Callable[[Iterable[Link]], Mapping[str, Link]] | None = None,
) -> tuple[list[list[Step]], bool]:
    """All shortest claim sequences from ``start`` to ``end`` (at most MAX_PATHS), never
    passing through a ``blocked`` entity. ``data`` names the entities: a Dataset, or a function
    giving the references of a set of ids (asked only for the entities on the paths found).
    ``details`` completes links fetched without their direction (asked only for the links on
    the paths found)."""
    if start == end:
        return [[]], False
    by_node: dict[str, list[tuple[str, Claim | Link]]] = defaultdict(list)
    for c in claims:
        by_node[c.source].append((c.target, c))
        if c.target != c.source:
            by_node[c.target].append((c.source, c))
    distance = {start: 0}
    parents: dict[str, list[tuple[str, Claim | Link]]] = defaultdict(list)
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if distance[node] >= max_hops or (end in distance and distance[node] >= distance[end]):
            continue
        for other, claim in sorted(by_node[node], key=lambda x: x[1].id):
            if other in blocked:
                continue
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
            if distance[other] == distance[node] + 1:
                parents[other].append((node, claim))
    if end not in distance:
        return [], False
    found: list[list[tuple[str, Claim | Link]]] = []

    def walk(node: str, tail: list[tuple[str, Claim | Link]]) -> bool:
        if node == start:
            found.append(list(reversed(tail)))
            return len(found) < MAX_PATHS
        for previous, claim in parents[node]:
            if not walk(previous, [*tail, (previous, claim)]):
                return False
        return True

    complete = walk(end, [])
    if details is not None:
        full = details({c for steps in found for _, c in steps if isinstance(c, Link)})
        found = [[(previous, full.get(c.id, c)) for previous, c in steps] for steps in found]
    ids = {n for steps in found for _, c in steps for n in (c.source, c.target)}
    refs = {i: _ref(data, i) for i in ids} if isinstance(data, Dataset) else data(ids)
    paths = [
        [
            Step(
                refs[c.source],
                c.type.value,
                refs[c.target],
                c.id,
                tuple(c.documents),
                forward=c.source == previous,
                dated=c.valid_from is not None or c.valid_to is not None,
                claims=(c.id,),
            )
            for previous, c in steps
        ]
        for steps in found
    ]
    return _merged_paths(paths), not complete


def _merged_paths(paths: list[list[Step]]) -> list[list[Step]]:
    """Paths that differ only in which claim states a step (two articles' accounts of one
    relationship) as one path, each such step with all its claims and documents; undated
    when any of its claims is."""
    groups: dict[tuple[tuple[str, str, str, bool], ...], list[list[Step]]] = {}
    for steps in paths:
        key = tuple((s.source.id, s.type, s.target.id, s.forward) for s in steps)
        groups.setdefault(key, []).append(steps)
    merged = []
    for group in groups.values():
        merged.append(
            [
                dataclasses.replace(
                    alike[0],
                    claims=tuple(dict.fromkeys(c for s in alike for c in s.claims)),
                    evidence=tuple(dict.fromkeys(d for s in alike for d in s.evidence)),
                    dated=all(s.dated for s in alike),
                )
                for alike in zip(*group, strict=True)
            ]
        )
    return merged


# -- timeline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    """One piece of evidence: the document and the words quoted from it (as in ``conflicts``)."""

    doc: str
    quote: str


@dataclass(frozen=True)
class Account:
    """One claim stating a timeline entry, with its evidence and note."""

    claim: str
    evidence: tuple[Quote, ...]
    note: str | None = None


@dataclass(frozen=True)
class Event:
    """A dated line of the timeline: a claim's date, or one step of a deadline's history,
    with every account that states it (two articles' claims of one pledge are one entry)."""

    date: PartialDate
    what: str  # stated, valid from, valid to, due, due (moved)
    source: EntityRef
    type: str
    target: EntityRef
    accounts: tuple[Account, ...]
    step: int | None = None  # position in the due-date history, 1-based
    steps: int | None = None

    @property
    def claim(self) -> str:
        """The first account's claim."""
        return self.accounts[0].claim

    @property
    def claims(self) -> tuple[str, ...]:
        return tuple(a.claim for a in self.accounts)

    @property
    def evidence(self) -> tuple[Quote, ...]:
        """The evidence of every account, in order, without repeats."""
        return tuple(dict.fromkeys(q for a in self.accounts for q in a.evidence))


def timeline(store: Store, name: str | None = None, *, day: dt.date | None = None) -> list[Event]:
    """Dated claims in order (of an entity when ``name`` is given), each deadline that moved
    shown as its history. An entry stated by several claims (two articles' accounts of one
    pledge) is listed once, with every account. With ``day``: only what had happened or been
    set by then."""
    data = loaded_graph(store)
    focus = resolve(store, name).id if name is not None else None
    events: list[Event] = []
    for c in data.claims.values():
        if focus and focus not in (c.source, c.target, c.counterparty):
            continue
        ends = (_ref(data, c.source), c.type.value, _ref(data, c.target))
        account = Account(c.id, tuple(Quote(ev.doc, ev.quote) for ev in c.evidence), c.note)
        for what, value in (("stated", c.stated_on), ("valid from", c.valid_from), ("valid to", c.valid_to)):
            if value is not None:
                events.append(Event(value, what, *ends, (account,)))
        if c.due_history:
            n = len(c.due_history)
            for i, h in enumerate(c.due_history, 1):
                what = "due" if i == 1 else "due (moved)"
                quotes = tuple(Quote(ev.doc, ev.quote) for ev in h.evidence)
                events.append(Event(h.due_by, what, *ends, (Account(c.id, quotes, h.note),), i, n))
        elif c.due_by is not None:
            events.append(Event(c.due_by, "due", *ends, (account,)))
    if day is not None:  # what had happened by then, and the deadlines of what had come into force
        events = [
            e
            for e in events
            if (e.what.startswith("due") or e.date.start <= day) and not _starts_after(data.claims[e.claim], day)
        ]
        events = [e for e in events if not (e.step and e.step > 1 and _moved_after(data.claims[e.claim], e, day))]
    return sorted(_merged(events), key=lambda e: (e.date.start, e.date.end, e.claim, e.step or 0, e.what))


def _merged(events: list[Event]) -> list[Event]:
    """One event per date, kind, step and relationship (source, type, target), with the
    accounts of every claim that states it, by claim id."""
    groups: dict[tuple[Any, ...], list[Event]] = defaultdict(list)
    for e in events:
        groups[(str(e.date), e.what, e.step, e.steps, e.source.id, e.type, e.target.id)].append(e)
    merged = []
    for group in groups.values():
        accounts = sorted((a for e in group for a in e.accounts), key=lambda a: a.claim)
        merged.append(dataclasses.replace(group[0], accounts=tuple(accounts)))
    return merged


def _starts_after(claim: Claim, day: dt.date) -> bool:
    return claim.valid_from is not None and claim.valid_from.start > day


def _moved_after(claim: Claim, event: Event, day: dt.date) -> bool:
    """Whether a later step of a deadline's history had not happened yet on ``day``."""
    current = due_as_of(claim, day).due_by
    positions = [h.due_by for h in claim.due_history]
    return current is not None and event.step is not None and event.step - 1 > positions.index(current)


# -- conflicts -------------------------------------------------------------------------------

_COMPARED = ("money", "due_by", "stated_on", "valid_from", "valid_to", "status", "counterparty")


@dataclass(frozen=True)
class Conflict:
    """Claims of one type between the same entities, from different documents, that differ."""

    source: EntityRef
    type: str
    target: EntityRef
    fields: tuple[str, ...]  # what differs; ("wording",) when only the sources' words do
    claims: tuple[dict[str, Any], ...]


def _docs(c: Claim) -> frozenset[str]:
    return frozenset(ev.doc for ev in c.evidence)


def conflicts(store: Store) -> list[Conflict]:
    """Every place where sources give different accounts of the same relationship."""
    data = loaded_graph(store)
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in data.claims.values():
        groups[(c.source, c.type.value, c.target)].append(c)
    out = []
    for (source, rel, target), claims in sorted(groups.items()):
        if len(claims) < 2 or len({_docs(c) for c in claims}) < 2:
            continue
        differing = tuple(f for f in _COMPARED if len({_dump(getattr(c, f)) for c in claims}) > 1)
        out.append(
            Conflict(
                _ref(data, source),
                rel,
                _ref(data, target),
                differing or ("wording",),
                tuple(
                    {
                        "claim": c.id,
                        "documents": sorted(_docs(c)),
                        **{f: _shown(c, f) for f in differing},
                        **(
                            {"counterparty_name": data.entities[c.counterparty].name}
                            if "counterparty" in differing and c.counterparty in data.entities
                            else {}
                        ),
                        "evidence": [{"doc": ev.doc, "quote": ev.quote} for ev in c.evidence],
                        "note": c.note,
                    }
                    for c in sorted(claims, key=lambda c: c.id)
                ),
            )
        )
    return out


def _shown(c: Claim, name: str) -> Any:
    """A compared field as plain JSON: money as in the ledger, dates as text."""
    if name == "money":
        return _money(c)
    value = getattr(c, name)
    return None if value is None else str(getattr(value, "value", value))


def _dump(value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "model_dump"):
        return _freeze(value.model_dump(mode="json", exclude_none=True))
    return str(value)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


# -- rankings and communities -----------------------------------------------------------------

MEASURES = {
    "pagerank": "PageRank: how much an entity is pointed at by entities that are themselves pointed at.",
    "betweenness": "Betweenness: how often an entity lies on the shortest paths between two others.",
    "degree": "Degree: how many relationships an entity has, in either direction.",
}


@dataclass(frozen=True)
class Ranked:
    entity: EntityRef
    score: float


def _ranked_entities(data: Dataset) -> list[str]:
    """What rankings and communities are about: every entity but the source documents, which
    are where claims come from, not parties to them (a document that is a party stays)."""
    parties = {n for c in data.claims.values() for n in (c.source, c.target)}
    return [i for i, e in data.entities.items() if e.kind is not Kind.DOCUMENT or i in parties]


def rank(store: Store, *, by: str = "pagerank", top: int = 10) -> list[Ranked]:
    """Entities ordered by a centrality measure (see MEASURES), highest first."""
    if by not in MEASURES:
        raise DealgraphError(f"unknown measure '{by}'; choose from {', '.join(MEASURES)}")
    import networkx as nx

    data = loaded_graph(store)
    g = nx.DiGraph()
    g.add_nodes_from(_ranked_entities(data))
    for c in data.claims.values():
        weight = g.get_edge_data(c.source, c.target, {"weight": 0})["weight"] + 1
        g.add_edge(c.source, c.target, weight=weight)
    if by == "degree":
        scores = dict.fromkeys(g.nodes, 0.0)
        for c in data.claims.values():
            scores[c.source] += 1
            scores[c.target] += 1
    elif by == "betweenness":
        scores = nx.betweenness_centrality(g.to_undirected())
    else:
        scores = _pagerank(g)
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [Ranked(_ref(data, n), round(s, 6)) for n, s in ordered]


def _pagerank(g: Any, alpha: float = 0.85, tol: float = 1e-10, iterations: int = 200) -> dict[str, float]:
    """PageRank by power iteration (networkx's own needs scipy, which dealgraph does not use)."""
    nodes = list(g.nodes)
    if not nodes:
        return {}
    n = len(nodes)
    rank_ = dict.fromkeys(nodes, 1.0 / n)
    out_weight = {u: sum(d["weight"] for _, _, d in g.out_edges(u, data=True)) for u in nodes}
    for _ in range(iterations):
        dangling = alpha * sum(rank_[u] for u in nodes if out_weight[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u, v, d in g.edges(data=True):
            new[v] += alpha * rank_[u] * d["weight"] / out_weight[u]
        if sum(abs(new[u] - rank_[u]) for u in nodes) < n * tol:
            return new
        rank_ = new
    return rank_


def communities(store: Store) -> list[list[EntityRef]]:
    """Groups of entities more tied to each other than to the rest (greedy modularity)."""
    import networkx as nx
    from networkx.algorithms.community import greedy_modularity_communities

    data = loaded_graph(store)
    g = nx.Graph()
    g.add_nodes_from(_ranked_entities(data))
    for c in data.claims.values():
        if c.source != c.target:
            w = g.get_edge_data(c.source, c.target, {"weight": 0})["weight"] + 1
            g.add_edge(c.source, c.target, weight=w)
    groups = greedy_modularity_communities(g, weight="weight")
    ordered = sorted((sorted(group) for group in groups), key=lambda m: (-len(m), m[0]))
    return [[_ref(data, i) for i in members] for members in ordered]


# -- the bilateral ledger ---------------------------------------------------------------------

SIDE_TYPES = (RelType.LEADS, RelType.PART_OF, RelType.AFFILIATED_WITH)
#: What a side gives the other, the same for both sides (investment, offers, political support).
GIVING = (RelType.PLEDGES, RelType.OFFERS, RelType.SUPPORTS)
#: What ledgers list: what a side gives or demands (named.GIVEN_OF fetches these).
GIVEN_TYPES = frozenset({*GIVING, RelType.DEMANDS})


@dataclass(frozen=True)
class LedgerItem:
    claim: str
    type: str
    by: EntityRef
    what: EntityRef
    counterparty: str | None
    money: dict[str, Any] | None
    status: str | None
    evidence: tuple[str, ...]
    counted: bool  # in the side's total
    why_not_counted: str | None = None
    dated: bool = True  # False: the sources do not say from or until when it holds


@dataclass(frozen=True)
class Ledger:
    a: EntityRef
    b: EntityRef
    a_gives: list[LedgerItem]
    b_gives: list[LedgerItem]
    a_demands: list[LedgerItem]
    b_demands: list[LedgerItem]
    exchanges: list[tuple[EntityRef, EntityRef, str]]
    totals: dict[str, dict[str, float]]  # per list: {"USD": …, "JPY": …} of what is counted
    as_of: dt.date | None = None


def side(walker: Walker, entity_id: str) -> set[str]:
    """An actor and those acting for it: who leads it, is part of it or is affiliated with it."""
    members, new = {entity_id}, {entity_id}
    while new:
        found = {c.source for c in walker.sides(new) if c.target in members and c.source not in members}
        members |= found
        new = found
    return members


def ledger(store: Store, a: str, b: str, *, day: dt.date | None = None) -> Ledger:
    """What A gives that benefits B, what B gives A in return, and what each demands of the other."""
    ref_a, ref_b = resolve(store, a), resolve(store, b)
    walker = Walker(store, day=day)
    walker.know(ref_a, ref_b)
    if ref_a.id == ref_b.id:
        raise QuestionError(f"{a!r} and {b!r} are both {ref_a.name} ({ref_a.id}): a ledger needs two sides")
    side_a, side_b = side(walker, ref_a.id), side(walker, ref_b.id)
    for one, other, others in ((ref_a, ref_b, side_b), (ref_b, ref_a, side_a)):
        if one.id in others:
            raise QuestionError(
                f"{one.name} ({one.id}) acts for {other.name}: it leads it, is part of it or is affiliated "
                "with it, so it is on the same side of a ledger"
            )
    # An entity on both sides (a joint body) belongs to neither for the ledger.
    side_a, side_b = side_a - (side_b - {ref_b.id}), side_b - (side_a - {ref_a.id})
    around = walker.given(side_a | side_b)

    def chosen(giver: set[str], taker: set[str], types: tuple[RelType, ...]) -> list[ClaimRecord]:
        picked = [
            c
            for c in around
            if c.type in types and c.source in giver and (c.target in taker or c.counterparty in taker)
        ]
        return sorted(picked, key=lambda c: (c.type.value, c.source, c.target, c.id))

    lists = {
        "a_gives": chosen(side_a, side_b, GIVING),
        "b_gives": chosen(side_b, side_a, GIVING),
        "a_demands": chosen(side_a, side_b, (RelType.DEMANDS,)),
        "b_demands": chosen(side_b, side_a, (RelType.DEMANDS,)),
    }
    reasons: dict[str, str | None] = {}
    for claims in lists.values():
        reasons.update(_why_not_counted(walker, claims))
    given = {c.target for c in lists["a_gives"] + lists["b_gives"]}
    exchange_claims = [c for c in walker.walk(given) if c.type is RelType.IN_EXCHANGE_FOR]
    named_ids = {n for claims in lists.values() for c in claims for n in (c.source, c.target)}
    refs = walker.refs(named_ids | {n for c in exchange_claims for n in (c.source, c.target)})

    def item(c: ClaimRecord) -> LedgerItem:
        reason = reasons[c.id]
        return LedgerItem(
            c.id,
            c.type.value,
            refs[c.source],
            refs[c.target],
            c.counterparty,
            _money(c),
            c.status,
            c.documents,
            reason is None and c.money is not None,
            reason,
            c.valid_from is not None or c.valid_to is not None,
        )

    items = {name: [item(c) for c in claims] for name, claims in lists.items()}
    exchanges = [(refs[c.source], refs[c.target], c.id) for c in exchange_claims]
    totals = {name: _total(entries) for name, entries in items.items()}
    return Ledger(ref_a, ref_b, **items, exchanges=exchanges, totals=totals, as_of=day)


def _why_not_counted(walker: Walker, claims: list[ClaimRecord]) -> dict[str, str | None]:
    """Why each claim of one ledger list stays out of its total (None: it counts, if it states
    money). Two claims stating money for one thing are one item when they have one source or
    state the same amount, however worded ("about USD 10 bn", "USD 10 bn": a country and its
    leader announcing one pledge); the curated claim, else the first by id, counts. An item
    that is part of another whose amount counts is left out; one part of an item without an
    amount counts. (Of two items each part of the other, the first by id counts.)"""
    counted: dict[str, list[ClaimRecord]] = defaultdict(list)  # per target
    reasons: dict[str, str | None] = {}
    for c in sorted(claims, key=lambda c: (c.extracted, c.id)):
        same = next((k for k in counted[c.target] if c.money and (k.source == c.source or _same_sum(k, c))), None)
        if c.money is not None and same is not None:
            reasons[c.id] = f"another account of the same item (claim {same.id})"
        else:
            reasons[c.id] = None
            if c.money is not None:
                counted[c.target].append(c)
    with_money = {target for target, found in counted.items() if found}
    above = {target: _ancestors(walker, target) for target in with_money}
    for target in sorted(with_money):
        parent = next((a for a in above[target] if a in with_money and (target not in above[a] or a < target)), None)
        for c in counted[target] if parent else []:
            reasons[c.id] = f"part of {parent}, already counted"
    return reasons


def _same_sum(one: ClaimRecord, other: ClaimRecord) -> bool:
    """Whether two claims state the same sum: amount and currency, or the same USD value."""
    a, b = one.money, other.money
    if a is None or b is None:
        return False
    return (a.amount, a.currency) == (b.amount, b.currency) or (
        a.usd_amount is not None and a.usd_amount == b.usd_amount
    )


def _ancestors(walker: Walker, entity_id: str) -> list[str]:
    """What ``entity_id`` is (transitively) PART_OF, nearest first."""
    found: list[str] = []
    frontier, seen = [entity_id], {entity_id}
    while frontier:
        node = frontier.pop(0)
        for c in sorted(walker.walk({node}), key=lambda c: c.id):  # the same order from every store
            if c.type is RelType.PART_OF and c.source == node and c.target not in seen:
                seen.add(c.target)
                found.append(c.target)
                frontier.append(c.target)
    return found


def _money(c: Claim | ClaimRecord) -> dict[str, Any] | None:
    """A claim's money as the ledger and conflicts show it (from a record or a model claim)."""
    if c.money is None:
        return None
    m = c.money if isinstance(c.money, MoneyRecord) else money_record(c.money)
    return {
        "amount": m.amount,
        "currency": m.currency,
        "qualifier": m.qualifier,
        "usd": m.usd,
        "usd_basis": m.usd_basis,
    }


def _total(entries: list[LedgerItem]) -> dict[str, float]:
    """Sums of the counted items: in USD where a USD value is known, else per currency."""
    out: dict[str, float] = {}
    for item in entries:
        if not item.counted or item.money is None:
            continue
        if item.money["usd"] is not None:
            out["USD"] = out.get("USD", 0.0) + item.money["usd"]
        else:
            out[item.money["currency"]] = out.get(item.money["currency"], 0.0) + item.money["amount"]
    return out
