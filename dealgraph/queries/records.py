"""Claims as the ledger reads them back from the store: plain records built from a row.

A load validated every claim before writing it, so a lookup need not validate it again; reading
rows into the pydantic ``Claim`` costs a lookup the model's import (about as much as the rest of
the lookup) and a validation per row. A record carries what the ledger uses, with the values
``Claim`` would give (a USD amount's USD value is itself; amounts are floats).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dealgraph.graph.periods import Period, stored_date
from dealgraph.graph.vocabulary import RelType

if TYPE_CHECKING:
    from dealgraph.graph.model import Money


@dataclass(frozen=True)
class MoneyRecord:
    """A claim's money: the amount in its currency and, when known, in USD and how."""

    amount: float
    currency: str
    qualifier: str
    usd: float | None
    usd_basis: str | None

    @property
    def usd_amount(self) -> float | None:
        return self.usd


@dataclass(frozen=True)
class ClaimRecord:
    """A claim's ends, type, money, status, documents and valid time."""

    id: str
    type: RelType
    source: str
    target: str
    counterparty: str | None
    status: str | None
    extracted: bool
    documents: tuple[str, ...]
    money: MoneyRecord | None = None
    valid_from: Period | None = None
    valid_to: Period | None = None


def money_record(m: Money) -> MoneyRecord:
    """The record of a model's money (``conflicts`` compares claims read as models)."""
    usd = m.usd.amount if m.usd else (m.amount if m.currency == "USD" else None)
    basis = m.usd.basis.value if m.usd else ("same_currency" if m.currency == "USD" else None)
    return MoneyRecord(m.amount, m.currency, m.qualifier.value, usd, basis)


def claim_record(row: Mapping[str, Any]) -> ClaimRecord:
    """The record of a row with ``source``, ``type``, ``target`` and the relationship properties
    (``dealgraph.graph.rows.REL_PROPERTIES``)."""
    money = None
    if row.get("amount") is not None:
        currency = row["currency"]
        if row.get("usd") is not None and row.get("usd_basis") != "same_currency":
            usd, basis = float(row["usd"]), row["usd_basis"]
        elif currency == "USD":
            usd, basis = float(row["amount"]), "same_currency"
        else:
            usd, basis = None, None
        money = MoneyRecord(float(row["amount"]), currency, row.get("qualifier") or "exact", usd, basis)
    dates = {
        name: Period(stored_date(row[name]), row[f"{name}_precision"])
        for name in ("valid_from", "valid_to")
        if row.get(name) is not None
    }
    return ClaimRecord(
        row["id"],
        RelType(row["type"]),
        row["source"],
        row["target"],
        row.get("counterparty"),
        row.get("status"),
        bool(row.get("extracted")),
        tuple(dict.fromkeys(row.get("evidence_docs") or ())),
        money,
        **dates,
    )
