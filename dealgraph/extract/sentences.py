"""Sentences of an article and what the relationship rules ask of them: where they start and
end (abbreviations such as "U.S." and "Corp." do not end one), their words, where their clauses
break, whether they hedge or are headings, and quotes of at most 15 words from them."""

from __future__ import annotations

import functools
import re

MAX_QUOTE_WORDS = 15

HEDGE = re.compile(r"\b(?:may|might|could|reportedly|is said to|are said to|expected to|would)\b", re.I)
CLAUSE_BREAK = re.compile(
    r"[;—–]|,\s+(?:and|but)\s+(?=(?-i:[A-Z]))|,\s+including\b|,\s+according\s+to\b|\b(?:but|while|whereas|although|though|because|if|which|who)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9¥$])|\n+")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Ms|Mrs|Dr|St|Jr|Sr|Corp|Inc|Co|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|"
    r"Nov|Dec|approx|est)\.)$"
)
_WORD = re.compile(r"\S+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a full stop, question or exclamation mark before a capital, or a line
    break; abbreviations such as "U.S." and "Corp." do not end a sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE.finditer(text):
        if m.group().strip() == "" and not m.group().count("\n") and _ABBREVIATION.search(text[start : m.start()]):
            continue
        if text[start : m.start()].strip():
            spans.append(_strip(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


@functools.lru_cache(maxsize=256)
def sentence_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of a sentence as spans (computed once per sentence)."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


@functools.lru_cache(maxsize=256)
def clause_breaks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Where a sentence's clauses break: semicolons, dashes, conjunctions, relative pronouns."""
    return [(b.start(), b.end(), b.group()) for b in CLAUSE_BREAK.finditer(text, start, end)]


def is_heading(text: str, start: int, end: int) -> bool:
    """Whether a sentence is a heading: short, without a full stop, every word capitalised."""
    words = [w for w in text[start:end].split() if w.lower() not in ("of", "and", "the", "for", "in", "a", "vs.", "to")]
    return (
        len(words) <= 10
        and text[end - 1 : end] not in '.!?"”'
        and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    )


@functools.lru_cache(maxsize=256)
def is_hedged(text: str, start: int, end: int) -> bool:
    """Whether a sentence hedges ("may", "reportedly", "is expected to")."""
    return bool(HEDGE.search(text, start, end))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def words_between(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text[a:b])) if b > a else 0


def quote_span(text: str, sentence: tuple[int, int], points: list[int]) -> tuple[int, int]:
    """A span of at most 15 words in the sentence covering ``points`` (trigger and ends) if it can."""
    words = sentence_words(text, sentence[0], sentence[1])
    if not words:
        return sentence
    first = next((i for i, (s, e) in enumerate(words) if e > min(points)), 0)
    last = next((i for i, (s, e) in reversed(list(enumerate(words))) if s < max(points)), len(words) - 1)
    if last - first + 1 > MAX_QUOTE_WORDS:  # too long: centre on the trigger, the first point
        centre = next((i for i, (s, e) in enumerate(words) if e > points[0]), first)
        first = max(0, centre - 5)
        last = min(len(words) - 1, first + MAX_QUOTE_WORDS - 1)
    start, end = words[first][0], words[last][1]
    while end > start and text[end - 1] in ",;:—–(\"“”’'":  # no dangling punctuation
        end -= 1
    while start < end and (text[start] in "\"“”‘’'(—–" or text[start].isspace()):
        start += 1
    return start, end
