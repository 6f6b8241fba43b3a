"""Generated graphs for benchmarks and large-load tests: valid, reproducible, any size.

>>> data = synthetic_dataset(claims=1000, seed=1)
>>> len(data.claims)
1000
"""

from __future__ import annotations

import datetime as dt
import random

from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import ALLOWED, Claim, Entity, Evidence, Kind, Money, PartialDate, RelType, Status

DOCUMENT_ID = "synthetic-document"


def synthetic_dataset(*, claims: int, entities: int | None = None, seed: int = 0) -> Dataset:
    """``claims`` claims between about ``claims / 4`` entities of every kind, each claim of a
    type whose kinds it respects; a third carry money, a quarter a due date, all evidence.
    """
    rng = random.Random(seed)
    n_entities = entities if entities is not None else max(len(Kind), claims // 4)
    kinds = [k for k in Kind if k is not Kind.DOCUMENT]
    made: list[Entity] = [Entity(id=DOCUMENT_ID, kind=Kind.DOCUMENT, name="Synthetic document")]
    by_kind: dict[Kind, list[str]] = {k: [] for k in Kind}
    by_kind[Kind.DOCUMENT].append(DOCUMENT_ID)
    for i in range(n_entities - 1):
        kind = kinds[i % len(kinds)]
        entity_id = f"{kind.value.lower()}-{i:07d}"
        made.append(
            Entity(
                id=entity_id,
                kind=kind,
                name=f"{kind.value} {i}",
                aliases=(f"{kind.value[:3].upper()}{i}",) if i % 3 == 0 else (),
                description=f"Generated {kind.value.lower()} number {i}." if i % 5 == 0 else None,
            )
        )
        by_kind[kind].append(entity_id)
    types = list(RelType)
    out: list[Claim] = []
    day = dt.date(2025, 7, 1)
    for i in range(claims):
        rel = types[i % len(types)]
        sources, targets = ALLOWED[rel]
        source_kind = rng.choice(sorted(k for k in sources if by_kind[k]))
        target_kind = rng.choice(sorted(k for k in targets if by_kind[k]))
        source = rng.choice(by_kind[source_kind])
        target = rng.choice(by_kind[target_kind])
        out.append(
            Claim(
                id=f"claim-{i:08d}",
                type=rel,
                source=source,
                target=target,
                evidence=[Evidence(doc=DOCUMENT_ID, quote=f"generated claim {i}")],
                money=Money(amount=float(rng.randrange(1, 10_000)) * 1e6, currency="USD") if i % 3 == 0 else None,
                due_by=PartialDate.parse((day + dt.timedelta(days=i % 900)).isoformat()) if i % 4 == 0 else None,
                status=Status.AGREED if i % 2 == 0 else None,
                confidence=round(rng.uniform(0.5, 1.0), 2),
            )
        )
    return Dataset.of(made, out)
