"""Known entities in an article: by id, name and every alias, in any script, ignoring case,
diacritics, dots and possessives; demonyms and capitals for the governments they stand for."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from dealgraph.graph.countries import DEMONYMS, country_words
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Kind
from dealgraph.graph.names import entity_keys, name_key

MAX_WORDS = 8
_WORD = re.compile(r"[$¥€]?[^\W_]+(?:[.’'\-][^\W_]+)*\.?")
_POSSESSIVE = re.compile(r"[’']s?$")
#: The second part of a compound naming an agent: "Japanese-financed", "US-led", "EU-backed".
_AGENT_PARTICIPLES = frozenset("financed funded backed led sponsored brokered subsidised subsidized".split())


#: What follows a demonym when it describes people, firms or goods rather than the state:
#: "American chipmakers", "the Japanese capital" (the city). Those who act for the state
#: ("Japanese officials", "negotiators", "diplomats", "authorities") stand for it.
_NOT_A_PARTY = re.compile(
    r"\s+(?:[\w\-]+(?:ers?|ors?)|utilities|cars|companies|firms|corporates|businesses|people|media|press|"
    r"strategists|analysts|lawmakers|goods|products|capital|names|citizens|banks|industry|"
    r"economy|markets?|steel|automakers|executives|scholars|experts|voters|students|tourists|nationals|"
    r"counterparts|scientists|engineers|researchers|team)\b",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    """A stretch of the article that names a known entity."""

    entity: str
    start: int
    end: int
    text: str
    via: str  # name, alias, demonym or capital
    confidence: float


def _first_key(word: str) -> str:
    """The folded form of a name's first word, possessive and dots dropped."""
    return name_key(_POSSESSIVE.sub("", word))


_NEXT_WORD = re.compile(r"\s+(?:(?:of|and|for|the|on)\s+)?([^\W\d_])")
_PREVIOUS_WORD = re.compile(r"([^\W\d_])[\w\-]*\s+(?:(?:of|and|for|the|on)\s+)?$")


def _in_a_longer_name(text: str, span: str, start: int) -> bool:
    """Whether a common noun (a name written in lower case, "critical minerals") stands
    capitalised inside a longer proper name: every word capitalised, and so is the word next
    to it, a function word apart ("Framework for Securing the Supply of Critical Minerals and Rare
    Earths", "Critical Minerals Framework")."""
    if not all(word[:1].isupper() for word in span.split()):
        return False
    after = _NEXT_WORD.match(text, start + len(span))
    if after is not None and after.group(1).isupper():
        return True
    line_start = text.rfind("\n", 0, start) + 1
    before = _PREVIOUS_WORD.search(text, max(line_start, start - 40), start)
    return before is not None and before.group(1).isupper()


def _latin(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith("LATIN") or not ch.isalpha() for ch in text)


class Linker:
    """Finds mentions of a dataset's entities (documents excepted) in text."""

    def __init__(self, data: Dataset):
        self.keys: dict[str, str] = {}
        self.script_aliases: dict[str, str] = {}  # names in scripts without spaces: found as substrings
        self.lower_case: set[str] = set()  # keys of aliases written in lower case ("oil terminal")
        ambiguous: set[str] = set()
        for e in data.entities.values():
            if e.kind is Kind.DOCUMENT:
                continue
            for key in entity_keys(id=e.id, name=e.name, aliases=e.aliases):
                if key in self.keys and self.keys[key] != e.id:
                    ambiguous.add(key)
                self.keys.setdefault(key, e.id)
            for alias in (e.name, *e.aliases):
                if alias[:1].islower() and len(alias) > 4:
                    self.lower_case.add(name_key(alias))
                if not _latin(alias):
                    self.script_aliases[alias] = e.id
        for key in ambiguous:  # a name two entities share links neither
            del self.keys[key]
        #: every name as its folded words, and each of their beginnings: a word that begins
        #: no name is passed over at once, so linking stays one quick pass over the text
        self.prefixes: set[tuple[str, ...]] = set()
        self.complete: set[tuple[str, ...]] = set()
        forms = [x for e in data.entities.values() for x in (e.id, e.id.replace("-", " "), e.name, *e.aliases)]
        for form in forms:  # (the stand-in words are added below)
            tokens = tuple(_first_key(t) for t in _WORD.findall(form))
            if tokens:
                self.complete.add(tokens)
                self.prefixes.update(tokens[:k] for k in range(1, len(tokens) + 1))
        self.countries = frozenset(e.id for e in data.entities.values() if e.kind is Kind.COUNTRY)
        #: demonyms and capitals of the dataset's countries (a word two of them share stands for neither)
        self.stand_ins: dict[str, tuple[str, str]] = {}
        shared: set[str] = set()
        for e in data.entities.values():
            if e.kind is not Kind.COUNTRY:
                continue
            names = (e.name, e.id.replace("-", " "), *e.aliases)
            words = next((w for n in names if (w := country_words(name_key(n)))), ())
            for word in words:
                if word in self.stand_ins and self.stand_ins[word][0] != e.id:
                    shared.add(word)
                self.stand_ins.setdefault(word, (e.id, "demonym" if word in DEMONYMS else "capital"))
        for word in shared:
            del self.stand_ins[word]
        for form in self.stand_ins:
            tokens = tuple(_first_key(t) for t in _WORD.findall(form))
            self.complete.add(tokens)
            self.prefixes.update(tokens[:k] for k in range(1, len(tokens) + 1))

    def mentions(self, text: str) -> list[Mention]:
        """Every mention, longest first where they overlap, in order of position."""
        found: list[Mention] = []
        words = list(_WORD.finditer(text))
        folded: dict[str, str] = {}
        i = 0
        while i < len(words):
            hit = None
            lengths: list[int] = []  # how many words each name that may start here has
            sequence: tuple[str, ...] = ()
            for n in range(1, min(MAX_WORDS, len(words) - i) + 1):
                word = words[i + n - 1].group()
                key_of_word = folded.get(word)
                if key_of_word is None:
                    key_of_word = folded[word] = _first_key(word)
                sequence += (key_of_word,)
                if sequence not in self.prefixes:
                    break
                if sequence in self.complete:
                    lengths.append(n)
            for n in reversed(lengths):
                start, end = words[i].start(), words[i + n - 1].end()
                span = text[start:end]
                trimmed = _POSSESSIVE.sub("", span)
                if trimmed.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", trimmed):
                    trimmed = trimmed[:-1]  # a full stop, not the dot of "U.S."
                key = name_key(trimmed)
                entity = self.keys.get(key)
                if text[start + len(trimmed) : start + len(trimmed) + 1] == "$":  # "US$650 million"
                    entity = None
                if entity and key in self.lower_case and _in_a_longer_name(text, trimmed, start):
                    entity = None  # "Critical Minerals Framework" names a framework, not the minerals
                if entity and (self._plausible(trimmed) or key in self.lower_case):
                    hit = Mention(entity, start, start + len(trimmed), trimmed, "name", 1.0)
                elif (
                    key in self.stand_ins
                    and trimmed[:1].isupper()
                    and not _NOT_A_PARTY.match(text, start + len(trimmed))
                ):
                    entity, via = self.stand_ins[key]
                    hit = Mention(entity, start, start + len(trimmed), trimmed, via, 0.75)
                if hit:
                    i += n
                    break
            if hit is None:
                found += self._compound_parts(words[i])
                i += 1
            else:
                found.append(hit)
        if self.script_aliases:
            longest_first = sorted(self.script_aliases, key=len, reverse=True)
            pattern = re.compile("|".join(re.escape(a) for a in longest_first))
            starts = [m.start for m in found]
            for m in pattern.finditer(text):
                at = bisect.bisect_left(starts, m.end())
                if at and found[at - 1].end > m.start():  # inside a name already found
                    continue
                found.insert(at, Mention(self.script_aliases[m.group()], m.start(), m.end(), m.group(), "name", 1.0))
                starts.insert(at, m.start())
        return found

    def _compound_parts(self, word: re.Match[str]) -> list[Mention]:
        """Countries inside a hyphenated compound: a pair of them ("the US-Japan deal"), or the
        one that funds or leads ("Japanese-financed projects", "a US-led effort": the first part,
        a demonym or a country's name)."""
        parts = word.group().split("-")
        if len(parts) < 2:
            return []
        at = [word.start() + sum(len(p) + 1 for p in parts[:k]) for k in range(len(parts))]
        countries = [self.keys.get(name_key(p)) if self._plausible(p) else None for p in parts]
        if len(parts) == 2 and all(c in self.countries for c in countries):
            pairs = zip(countries, at, parts, strict=True)
            return [Mention(str(c), a, a + len(p), p, "name", 1.0) for c, a, p in pairs]
        first, rest = parts[0], "-".join(parts[1:])
        if rest.lower() not in _AGENT_PARTICIPLES or not first[:1].isupper():
            return []
        if countries[0] in self.countries:
            return [Mention(str(countries[0]), at[0], at[0] + len(first), first, "name", 1.0)]
        key = name_key(first)
        if key in self.stand_ins and self.stand_ins[key][1] == "demonym":
            return [Mention(self.stand_ins[key][0], at[0], at[0] + len(first), first, "demonym", 0.75)]
        return []

    @staticmethod
    def _plausible(span: str) -> bool:
        """Short keys are common words too ('us', 'it'): those need capitals to count."""
        letters = [ch for ch in span if ch.isalpha()]
        if len(letters) <= 3:
            return all(ch.isupper() for ch in letters)
        return span[:1].isupper() or not span[:1].isalpha()
