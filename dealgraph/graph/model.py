"""The knowledge-graph model: entities, typed claims and the values they carry.

Models are plain, frozen pydantic data; unknown fields are errors. The stores and
loaders do all I/O.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from dealgraph.graph.currencies import ISO_4217
from dealgraph.graph.periods import Precision, parse_period, period_end, period_text

# The vocabulary lives in modules without pydantic (lookups use it without this model); the
# model re-exports it, so either import works.
from dealgraph.graph.vocabulary import ALLOWED as ALLOWED
from dealgraph.graph.vocabulary import COUNTERPARTY_TYPES, Kind, Qualifier, RelType, Status, UsdBasis
from dealgraph.graph.vocabulary import allowed_text as allowed_text

MAX_QUOTE_WORDS = 15
#: The longest name, alias or document title, in characters: one limit for both stores (Neo4j
#: indexes names, and refuses a value of more than about 8 KB; 1,000 characters of UTF-8 are at
#: most 4,000 bytes).
MAX_NAME_LENGTH = 1000
#: The largest amount, in its currency or in USD (a billion billion; the world's yearly output
#: is about 10^14 USD): sums of any number of such amounts stay finite, so JSON stays JSON.
MAX_AMOUNT = 1e18
#: The largest FX rate (USD per unit of a currency); no currency is worth a million dollars.
MAX_RATE = 1e6


def _no_bool(value: Any) -> Any:
    """Refuse true/false where a number belongs (pydantic would read ``true`` as 1), and
    infinities and NaN before any bound is checked (so the message says what is wrong)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not true or false")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("Input should be a finite number")
    return value


Number = Annotated[float, BeforeValidator(_no_bool)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_LENGTH)]
SLUG = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class PartialDate(_Model):
    """A date known to a precision: ``2026-02-17`` (day), ``2026-02``, ``2026-Q1``, ``2026``.

    ``start`` is the first day of the period; ``end`` its last day.
    """

    start: dt.date
    precision: Precision

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Parse ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Qn`` or ``YYYY``; raises ValueError."""
        if isinstance(value, PartialDate):
            return value
        start, precision = parse_period(value)
        return cls(start=start, precision=precision)

    @property
    def end(self) -> dt.date:
        return period_end(self.start, self.precision)

    def __str__(self) -> str:
        return period_text(self.start, self.precision)


def _coerce_date(value: Any) -> Any:
    if value is None or isinstance(value, (PartialDate, dict)):
        return value
    return PartialDate.parse(value)


class Evidence(_Model):
    """Where a claim is stated: a document id and a verbatim fragment of at most 15 words.

    ``span`` is where the extractor found the fragment: start and end character offsets in the
    document's text as ``dealgraph extract`` reads it (HTML and Markdown without their markup).
    """

    doc: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    span: tuple[int, int] | None = None

    @field_validator("span", mode="before")
    @classmethod
    def _span_pair(cls, v: Any) -> Any:
        return tuple(v) if isinstance(v, list) else v

    @field_validator("span")
    @classmethod
    def _span_order(cls, v: tuple[int, int] | None) -> tuple[int, int] | None:
        if v is not None and not 0 <= v[0] < v[1]:
            raise ValueError(f"a span is [start, end] with 0 <= start < end; got {list(v)}")
        return v

    @field_validator("quote")
    @classmethod
    def _short(cls, v: str) -> str:
        words = len(v.split())
        if words > MAX_QUOTE_WORDS:
            raise ValueError(f"a quote may have at most {MAX_QUOTE_WORDS} words; this one has {words}")
        return v


class UsdValue(_Model):
    """A USD equivalent and how it was obtained."""

    amount: Number = Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)
    basis: UsdBasis
    # USD per unit of the original currency
    rate: Number | None = Field(default=None, gt=0, le=MAX_RATE, allow_inf_nan=False)
    rate_date: dt.date | None = None

    @model_validator(mode="after")
    def _fx_needs_rate(self) -> UsdValue:
        if self.basis is UsdBasis.FX and (self.rate is None or self.rate_date is None):
            raise ValueError("a USD value with basis 'fx' needs both 'rate' and 'rate_date'")
        if self.basis is not UsdBasis.FX and (self.rate is not None or self.rate_date is not None):
            raise ValueError("'rate' and 'rate_date' belong only to basis 'fx'")
        return self


class Money(_Model):
    """An amount in its original currency, with a USD equivalent when one is known."""

    amount: Number = Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)
    currency: str
    qualifier: Qualifier = Qualifier.EXACT
    usd: UsdValue | None = None

    @field_validator("currency")
    @classmethod
    def _iso(cls, v: str) -> str:
        if v not in ISO_4217:
            raise ValueError(f"{v!r} is not an ISO 4217 currency code (e.g. USD, JPY, EUR)")
        return v

    @model_validator(mode="after")
    def _usd(self) -> Money:
        if self.currency == "USD":
            if self.usd is None:
                object.__setattr__(self, "usd", UsdValue(amount=self.amount, basis=UsdBasis.SAME_CURRENCY))
            elif self.usd.amount != self.amount:
                raise ValueError("a USD amount cannot have a different USD equivalent")
        elif self.usd is not None and self.usd.basis is UsdBasis.SAME_CURRENCY:
            raise ValueError(f"basis 'same_currency' is only for USD amounts, not {self.currency}")
        elif self.usd is not None and self.usd.basis is UsdBasis.FX:
            assert self.usd.rate is not None
            expected = self.amount * self.usd.rate
            if abs(expected - self.usd.amount) > 0.01 * max(expected, 1.0):
                raise ValueError(f"usd.amount {self.usd.amount:g} is not amount × rate ({expected:g})")
        return self

    @property
    def usd_amount(self) -> float | None:
        return self.usd.amount if self.usd else None


class DueChange(_Model):
    """One value a due date held, and the evidence that it held it."""

    due_by: PartialDate
    evidence: list[Evidence] = Field(min_length=1)
    note: str | None = None

    _due = field_validator("due_by", mode="before")(_coerce_date)


class Entity(_Model):
    """A node: a country, leader, company, project, mineral, ..."""

    id: Annotated[str, Field(pattern=SLUG, max_length=120)]
    kind: Kind
    name: Name
    aliases: tuple[Name, ...] = ()
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    attributes: dict[str, str] = Field(default_factory=dict)
    description: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: Number = Field(default=1.0, ge=0.0, le=1.0)
    extracted: bool = False  # proposed by `dealgraph extract`, not curated by hand

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases(cls, v: Any) -> Any:
        return tuple(v) if isinstance(v, list) else v

    @field_validator("attributes", mode="before")
    @classmethod
    def _attributes(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {str(k): str(val) for k, val in v.items()}
        return v


class Document(_Model):
    """A source document in the registry. Its id is the document's file name.

    A document is also a node, so its id obeys the entity id's limits."""

    id: Annotated[str, Field(pattern=SLUG, max_length=120)]
    title: Name
    publisher: str = Field(default="unknown", min_length=1)
    language: str = Field(default="unknown", min_length=1)
    published: PartialDate | Literal["unknown"] = "unknown"
    note: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, v: Any) -> Any:
        return v if v == "unknown" else _coerce_date(v)

    def as_entity(self) -> Entity:
        """The document as a node of kind Document."""
        attrs = {
            "publisher": self.publisher,
            "language": self.language,
            "published": str(self.published),
        }
        return Entity(id=self.id, kind=Kind.DOCUMENT, name=self.title, attributes=attrs)


class Claim(_Model):
    """A typed edge, stated by at least one source.

    ``source`` and ``target`` are entity ids; ``counterparty`` names the third party where
    the type implies one (to whom something is pledged or supplied, of whom it is demanded).
    """

    id: Annotated[str, Field(pattern=SLUG, max_length=160)]
    type: RelType
    source: str
    target: str
    counterparty: str | None = None
    evidence: list[Evidence] = Field(min_length=1)
    money: Money | None = None
    stated_on: PartialDate | None = None
    due_by: PartialDate | None = None
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    status: Status | None = None
    due_history: list[DueChange] = Field(default_factory=list)
    confidence: Number = Field(default=1.0, ge=0.0, le=1.0)
    extracted: bool = False  # proposed by `dealgraph extract`, not curated by hand
    note: str | None = None

    _dates = field_validator("stated_on", "due_by", "valid_from", "valid_to", mode="before")(_coerce_date)

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.counterparty is not None and self.type not in COUNTERPARTY_TYPES:
            allowed = ", ".join(t.value for t in COUNTERPARTY_TYPES)
            raise ValueError(f"counterparty belongs only to {allowed} (the types that imply a third party)")
        if self.valid_from and self.valid_to and self.valid_to.end < self.valid_from.start:
            raise ValueError("valid_to is before valid_from")
        if self.due_history:
            if self.due_by is None:
                raise ValueError("a claim with due_history needs due_by (its current due date)")
            if self.due_history[-1].due_by != self.due_by:
                raise ValueError(
                    f"the last due_history entry ({self.due_history[-1].due_by}) must equal due_by ({self.due_by})"
                )
        return self

    @property
    def documents(self) -> list[str]:
        """The distinct document ids that state this claim, in order of first mention."""
        return list(dict.fromkeys(e.doc for e in self.evidence))
