"""The model's values: dates with precision, money, evidence, and the in-memory graph."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from dealgraph.graph.model import ALLOWED, Kind, Money, PartialDate, Precision, RelType, allowed_text


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2026-02-17", dt.date(2026, 2, 17), dt.date(2026, 2, 17), Precision.DAY),
        ("2026-02", dt.date(2026, 2, 1), dt.date(2026, 2, 28), Precision.MONTH),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), Precision.MONTH),
        ("2025-Q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31), Precision.QUARTER),
        ("2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31), Precision.YEAR),
    ],
)
def test_partial_dates(text, start, end, precision):
    d = PartialDate.parse(text)
    assert (d.start, d.end, d.precision, str(d)) == (start, end, precision, text)


def test_usd_amounts_are_their_own_equivalent():
    m = Money(amount=550e9, currency="USD")
    assert m.usd_amount == 550e9 and m.usd.basis.value == "same_currency"


def test_fx_conversion_needs_rate_date_and_consistent_amount():
    ok = Money.model_validate(
        {
            "amount": 6e12,
            "currency": "JPY",
            "usd": {"amount": 40e9, "basis": "fx", "rate": 1 / 150, "rate_date": "2026-01-15"},
        }
    )
    assert ok.usd_amount == 40e9
    with pytest.raises(ValidationError, match="needs both 'rate' and 'rate_date'"):
        Money.model_validate({"amount": 6e12, "currency": "JPY", "usd": {"amount": 40e9, "basis": "fx"}})
    with pytest.raises(ValidationError, match="is not amount × rate"):
        Money.model_validate(
            {
                "amount": 6e12,
                "currency": "JPY",
                "usd": {"amount": 55e9, "basis": "fx", "rate": 1 / 150, "rate_date": "2026-01-15"},
            }
        )


@pytest.mark.parametrize("rate", [float("inf"), float("nan")])
def test_an_fx_rate_is_a_finite_number(rate):
    usd = {"amount": 7.0, "basis": "fx", "rate": rate, "rate_date": "2025-01-01"}
    with pytest.raises(ValidationError, match="finite number"):
        Money.model_validate({"amount": 5.0, "currency": "JPY", "usd": usd})


def test_every_type_declares_its_kind_pairs():
    assert set(ALLOWED) == set(RelType)
    assert allowed_text(RelType.IN_EXCHANGE_FOR) == "Project|Agreement|Policy → Project|Agreement|Policy"
    sources, targets = ALLOWED[RelType.PLEDGES]
    assert Kind.MINERAL not in sources and Kind.PROJECT in targets


def test_in_memory_graph_is_a_multidigraph_keyed_by_type(corpus):
    g = corpus.to_networkx()
    assert g.is_directed() and g.is_multigraph()
    assert g.number_of_nodes() == len(corpus.entities)
    assert g.number_of_edges() == len(corpus.claims)
    keys = {k for _, _, k in g.edges("japan", keys=True)}
    assert "PLEDGES:japan-pledges-first-tranche-000" in keys
    assert "PLEDGES:japan-pledges-first-tranche-001" in keys
    assert g.nodes["japan"]["kind"] is Kind.COUNTRY
