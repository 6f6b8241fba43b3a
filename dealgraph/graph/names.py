"""Name keys: the forms under which an entity is found, ignoring case, diacritics and dots; and
the words that stand for a country's government (shared by the extractor, lookups and the views)."""

from __future__ import annotations

import functools
import re
import unicodedata

from dealgraph.graph.countries import COUNTRY_WORDS

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})
_SPACE = re.compile(r"\s+")

#: Demonyms and capitals that stand for a country's government, by the country's name key
#: (``dealgraph.graph.countries``; ``country_words`` takes a country's other names too).
STAND_INS: dict[str, tuple[str, ...]] = COUNTRY_WORDS


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Fold a name for lookup: ``"U.S."`` → ``"us"``, ``"Minamitorishima "`` → ``"minamitorishima"``.

    >>> name_key("Sanae  TAKAICHI") == name_key("sanae takaichi")
    True
    """
    if text.isascii():  # the common case, ten times faster: nothing to decompose or translate
        folded = text.lower().replace(".", "")
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        folded = stripped.casefold().replace(".", "")
    return _SPACE.sub(" ", folded).strip()


def entity_keys(*, id: str, name: str, aliases: tuple[str, ...] | list[str]) -> list[str]:
    """Every key an entity answers to, in a stable order without repeats."""
    return list(dict.fromkeys(name_key(x) for x in (id, id.replace("-", " "), name, *aliases) if x))
