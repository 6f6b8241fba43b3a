"""Dates known to a precision (``2026-02-17``, ``2026-02``, ``2026-Q1``, ``2026``), without pydantic.

The validating model's ``PartialDate`` parses, ends and prints through these functions, and a
lookup reads a stored date as a ``Period``, which behaves the same, without importing the model.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


_DATE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), Precision.DAY),
    (re.compile(r"^(\d{4})-(\d{2})$"), Precision.MONTH),
    (re.compile(r"^(\d{4})-Q([1-4])$"), Precision.QUARTER),
    (re.compile(r"^(\d{4})$"), Precision.YEAR),
)


def parse_period(value: Any) -> tuple[dt.date, Precision]:
    """The first day and precision of ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Qn`` or ``YYYY`` (or of a
    date: a day); raises ValueError."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, Precision.DAY
    text = str(value).strip()
    for pattern, precision in _DATE_FORMS:
        m = pattern.match(text)
        if not m:
            continue
        year = int(m.group(1))
        try:
            if precision is Precision.DAY:
                start = dt.date(year, int(m.group(2)), int(m.group(3)))
            elif precision is Precision.MONTH:
                start = dt.date(year, int(m.group(2)), 1)
            elif precision is Precision.QUARTER:
                start = dt.date(year, 3 * int(m.group(2)) - 2, 1)
            else:
                start = dt.date(year, 1, 1)
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a real date ({exc})") from None
        return start, precision
    raise ValueError(f"{text!r} is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")


def period_end(start: dt.date, precision: Precision) -> dt.date:
    """The last day of the period that begins on ``start``."""
    y, m = start.year, start.month
    if precision is Precision.DAY:
        return start
    if precision is Precision.MONTH:
        return dt.date(y, m, calendar.monthrange(y, m)[1])
    if precision is Precision.QUARTER:
        last = m + 2
        return dt.date(y, last, calendar.monthrange(y, last)[1])
    return dt.date(y, 12, 31)


def period_text(start: dt.date, precision: Precision) -> str:
    """The period as the sources write it: ``2026-02-17``, ``2026-02``, ``2026-Q1``, ``2026``."""
    if precision is Precision.DAY:
        return start.isoformat()
    if precision is Precision.MONTH:
        return f"{start.year:04d}-{start.month:02d}"
    if precision is Precision.QUARTER:
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year:04d}"


def stored_date(value: Any) -> dt.date:
    """A date as a store returns it (``date``, ``datetime`` or ``neo4j.time.Date``) as a ``date``."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else value.to_native()


@dataclass(frozen=True)
class Period:
    """A stored date and its precision as a lookup reads them back (``start``, ``end``, ``str``
    as the model's ``PartialDate``), not validated again: the load validated it."""

    start: dt.date
    precision: Precision

    def __init__(self, start: dt.date, precision: str):
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "precision", Precision(precision))

    @classmethod
    def parse(cls, value: Any) -> Period:
        """Parse ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Qn`` or ``YYYY``; raises ValueError."""
        return cls(*parse_period(value))

    @property
    def end(self) -> dt.date:
        return period_end(self.start, self.precision)

    def __str__(self) -> str:
        return period_text(self.start, self.precision)
