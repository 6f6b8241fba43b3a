"""Known entities in an article: by id, name and every alias, in any script, ignoring case,
diacritics, dots and possessives; demonyms and capitals for the governments they stand for."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Kind
from dealgraph.graph.names import entity_keys, name_key

MAX_WORDS = 8
_WORD = re.compile(r"[^\W_]+(?:[.’'\-][^\W_]+)*\.?")
_POSSESSIVE = re.compile(r"[’']s?$")

#: Demonyms and capitals that stand for a country's government, by the country's name key.
STAND_INS: dict[str, tuple[str, ...]] = {
    "japan": ("japanese", "tokyo"),
    "united states": ("american", "washington", "white house"),
    "china": ("chinese", "beijing"),
    "south korea": ("south korean", "seoul"),
    "united kingdom": ("british", "london"),
    "germany": ("german", "berlin"),
    "france": ("french", "paris"),
    "india": ("indian", "new delhi"),
    "russia": ("russian", "moscow"),
}


@dataclass(frozen=True)
class Mention:
    """A stretch of the article that names a known entity."""

    entity: str
    start: int
    end: int
    text: str
    via: str  # name, alias, demonym or capital
    confidence: float


def _latin(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith("LATIN") or not ch.isalpha() for ch in text)


class Linker:
    """Finds mentions of a dataset's entities (documents excepted) in text."""

    def __init__(self, data: Dataset):
        self.keys: dict[str, str] = {}
        self.script_aliases: dict[str, str] = {}  # names in scripts without spaces: found as substrings
        ambiguous: set[str] = set()
        for e in data.entities.values():
            if e.kind is Kind.DOCUMENT:
                continue
            for key in entity_keys(id=e.id, name=e.name, aliases=e.aliases):
                if key in self.keys and self.keys[key] != e.id:
                    ambiguous.add(key)
                self.keys.setdefault(key, e.id)
            for alias in (e.name, *e.aliases):
                if not _latin(alias):
                    self.script_aliases[alias] = e.id
        for key in ambiguous:  # a name two entities share links neither
            del self.keys[key]
        self.stand_ins: dict[str, tuple[str, str]] = {}
        for country, words in STAND_INS.items():
            entity = self.keys.get(country)
            if entity and data.entities[entity].kind is Kind.COUNTRY:
                for word in words:
                    via = "demonym" if word.endswith(("ese", "an", "ish", "ch")) else "capital"
                    self.stand_ins.setdefault(word, (entity, via))

    def mentions(self, text: str) -> list[Mention]:
        """Every mention, longest first where they overlap, in order of position."""
        found: list[Mention] = []
        words = list(_WORD.finditer(text))
        i = 0
        while i < len(words):
            hit = None
            for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                start, end = words[i].start(), words[i + n - 1].end()
                span = text[start:end]
                trimmed = _POSSESSIVE.sub("", span)
                if trimmed.endswith(".") and trimmed.count(".") == 1:  # a full stop, not "U.S."
                    trimmed = trimmed[:-1]
                key = name_key(trimmed)
                entity = self.keys.get(key)
                if entity and self._plausible(trimmed):
                    hit = Mention(entity, start, start + len(trimmed), trimmed, "name", 1.0)
                elif key in self.stand_ins and trimmed[:1].isupper():
                    entity, via = self.stand_ins[key]
                    hit = Mention(entity, start, start + len(trimmed), trimmed, via, 0.75)
                if hit:
                    i += n
                    break
            if hit:
                found.append(hit)
            else:
                i += 1
        taken = [(m.start, m.end) for m in found]
        for alias, entity in self.script_aliases.items():
            for m in re.finditer(re.escape(alias), text):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    found.append(Mention(entity, m.start(), m.end(), alias, "name", 1.0))
                    taken.append((m.start(), m.end()))
        return sorted(found, key=lambda m: m.start)

    @staticmethod
    def _plausible(span: str) -> bool:
        """Short keys are common words too ('us', 'it'): those need capitals to count."""
        letters = [ch for ch in span if ch.isalpha()]
        if len(letters) <= 3:
            return all(ch.isupper() for ch in letters)
        return span[:1].isupper() or not span[:1].isalpha()
