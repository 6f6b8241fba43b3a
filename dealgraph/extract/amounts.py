"""Money and dates in article text, normalised: amounts to amount + ISO currency with a
qualifier, dates to a PartialDate with its precision (resolved against the article's date)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dealgraph.graph.model import Money, PartialDate, Precision, Qualifier, UsdBasis, UsdValue

_SCALE = {
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9, "million": 1e6, "mn": 1e6,
    "mln": 1e6, "m": 1e6, "bil": 1e9, "mil": 1e6, "tril": 1e12,
}  # fmt: skip
_QUALIFIER = (
    r"(?P<q>more than|over|above|in excess of|at least|up to|as much as|approximately|about|around|roughly|"
    r"nearly|almost|some|an estimated|estimated)?\s*"
)
_NUMBER = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(?P<hi>\d+(?:\.\d+)?))?"
_UNIT = r"\s*(?P<u>trillion|billion|million|tril|trn|tn|bln|bn|mln|mn|bil|mil|m)\b"
_MONEY = re.compile(  # the qualifier before an amount is read backwards from its start: faster
    r"(?:(?P<usd>US\$|\$|USD\s?)|(?P<yen>¥|JPY\s?)|(?P<eur>€|EUR\s?))"
    + _NUMBER
    + r"(?:"
    + _UNIT
    + r")?"
    + r"|(?<![\w.,])"
    + _NUMBER.replace("?P<n>", "?P<n2>").replace("?P<hi>", "?P<hi2>")
    + _UNIT.replace("?P<u>", "?P<u2>").replace("\\s*", "[\\s-]*", 1)  # "550-billion-dollar pledge"
    + r"[\s-]+(?:U\.?S\.?\s+)?(?P<word>yen|dollars?|euros?)\b",
    re.I,
)
_QUALIFIER_BEFORE = re.compile(r"(?<!\w)" + _QUALIFIER.replace(")?\\s*", ")\\s*$"), re.I)
_QUALIFIERS = {
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "above": Qualifier.MORE_THAN,
    "in excess of": Qualifier.MORE_THAN,
    "at least": Qualifier.AT_LEAST,
    "up to": Qualifier.UP_TO,
    "as much as": Qualifier.UP_TO,
}


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    text: str
    money: Money
    upper: float | None = None  # the top of a range ("$10-15 billion"), if one was given


def _value(number: str, unit: str | None) -> float:
    return float(number.replace(",", "")) * _SCALE.get((unit or "").lower(), 1.0)


def money_mentions(text: str) -> list[MoneyMention]:
    """Every amount of money, with a USD equivalent the source states beside a yen figure."""
    out: list[MoneyMention] = []
    for m in _MONEY.finditer(text):
        g = m.groupdict()
        before = _QUALIFIER_BEFORE.search(text, max(0, m.start() - 16), m.start())
        g["q"] = before.group("q") if before else None
        g["q2"] = None
        number, unit, hi = (g["n"], g["u"], g["hi"]) if g["n"] else (g["n2"], g["u2"], g["hi2"])
        word = (g["word"] or "").lower()
        if g["usd"] or word.startswith("dollar"):
            currency = "USD"
        elif g["yen"] or word == "yen":
            currency = "JPY"
        else:
            currency = "EUR"
        qualifier_text = (g["q"] or g["q2"] or "").lower()
        qualifier = _QUALIFIERS.get(qualifier_text, Qualifier.ABOUT if qualifier_text else Qualifier.EXACT)
        upper = _value(hi, unit) if hi else None
        if upper is not None and qualifier is Qualifier.EXACT:
            qualifier = Qualifier.AT_LEAST
        amount = _value(number, unit)
        start = before.start() if before else m.start()
        out.append(
            MoneyMention(
                start,
                m.end(),
                text[start : m.end()],
                Money(amount=amount, currency=currency, qualifier=qualifier),
                upper,
            )
        )
    return _pair_stated_usd(text, out)


def _pair_stated_usd(text: str, found: list[MoneyMention]) -> list[MoneyMention]:
    """'6 trillion yen (approximately $55 billion)': the dollars are the yen figure's USD value."""
    paired: list[MoneyMention] = []
    skip: set[int] = set()
    for i, m in enumerate(found):
        if i in skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        between = text[m.end : nxt.start] if nxt else ""
        if nxt and m.money.currency != "USD" and nxt.money.currency == "USD" and re.fullmatch(r"\s*[(,–-]\s*", between):
            usd = UsdValue(amount=nxt.money.amount, basis=UsdBasis.STATED)
            money = Money(amount=m.money.amount, currency=m.money.currency, qualifier=m.money.qualifier, usd=usd)
            end = nxt.end + (1 if text[nxt.end : nxt.end + 1] == ")" else 0)
            paired.append(MoneyMention(m.start, end, text[m.start : end], money, m.upper))
            skip.add(i + 1)
        else:
            paired.append(m)
    return paired


# -- dates ------------------------------------------------------------------------------------

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = re.compile(  # "end of" / "end-" before a date is read backwards from its start: faster
    r"\b(?=[jfmasond12])(?:" + _MONTH + r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
    r"|(?P<year_only>(?:19|20)\d{2}))\b",
    re.I,
)
_MONTH_CUE = re.compile(r"\b(?:in|by|of|until|before|after|from)\s*$", re.I)
_END_BEFORE = re.compile(r"(?:\bthe\s+)?\bend(?:\s+of\s+|-)$", re.I)


@dataclass(frozen=True)
class _Span:
    """A date's extent, "end of" included."""

    begin: int
    finish: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _: int = 0) -> str:
        return self.text[self.begin : self.finish]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: PartialDate
    inferred_year: bool  # the year came from the article's date, not the text


def date_mentions(text: str, article_date: dt.date | None = None) -> list[DateMention]:
    """Dates with their precision. A month without a year takes the year that puts it nearest
    after the article's date (none without one); a bare year needs 'end', 'in' or 'by' before it."""
    out = []
    for found in _DATE.finditer(text):
        g = found.groupdict()
        end = _END_BEFORE.search(text, max(0, found.start() - 12), found.start())
        g["end"] = end.group() if end else None
        m = _Span(end.start() if end else found.start(), found.end(), text)
        if g["year_only"]:
            before = text[max(0, m.start() - 4) : m.start()].lower()
            if not (g["end"] or before.endswith(("in ", "by "))):
                continue
            year = int(g["year_only"])
            if g["end"]:  # end-2025: December
                date = PartialDate(start=dt.date(year, 12, 1), precision=Precision.MONTH)
            else:
                date = PartialDate(start=dt.date(year, 1, 1), precision=Precision.YEAR)
            out.append(DateMention(m.start(), m.end(), m.group(0), date, False))
            continue
        word = g["month"].lower().rstrip(".")
        if word == "may" and not (g["year"] or g["day"]):  # the verb far more often than the month
            continue
        if (
            word == "march"
            and not (g["year"] or g["day"])
            and not _MONTH_CUE.search(text, max(0, m.start() - 12), m.start())
        ):
            continue
        month = _MONTHS[word]
        inferred = not g["year"]
        if g["year"]:
            year = int(g["year"])
        elif article_date is not None:
            year = article_date.year + (1 if month < article_date.month else 0)
        else:
            continue
        try:
            if g["day"]:
                date = PartialDate(start=dt.date(year, month, int(g["day"])), precision=Precision.DAY)
            else:
                date = PartialDate(start=dt.date(year, month, 1), precision=Precision.MONTH)
        except ValueError:
            continue
        out.append(DateMention(m.start(), m.end(), m.group(0), date, inferred))
    return out
