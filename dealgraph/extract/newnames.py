"""New entities in an article: names the corpus does not know, each with a kind guess, a
confidence and the rule that guessed it (a title, a company suffix, a cue such as "firms
like", an organisation word, the ISO country list, the mineral lexicon, a place word)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from dealgraph.extract import lexicon
from dealgraph.extract.mentions import Mention
from dealgraph.extract.spans import Spans
from dealgraph.graph.model import Kind
from dealgraph.graph.names import name_key

_CAP = r"(?:[A-Z](?:\.[A-Z])+\.?|(?:Corp|Inc|Co|Ltd|Jr|Sr|St|Bros|Mt)\.|[A-Z][\w’'\-&]*)"
_JOIN = r"(?:of|for|de|du|la|von|van|der|al|bin|on|the)"
_TOKEN = rf"(?:{_CAP}|\d+[A-Za-z]?)"
# "Procter & Gamble", "Johnson & Johnson": two capitalised words joined by "&" open a name; "&"
# elsewhere separates names ("Hitachi Ltd. & Panasonic Corp.", "Nvidia & AMD", "X & the Y").
_AMPERSAND_PAIR = r"[A-Z][a-z]+[ \u00a0]&[ \u00a0][A-Z][a-z]+(?:[’']s)?"
_CHUNK = re.compile(rf"(?:{_AMPERSAND_PAIR}|{_CAP})(?:[ \u00a0](?:{_JOIN}[ \u00a0]){{0,2}}{_TOKEN})*")
_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Z][A-Z0-9&.\-]{1,9})\)")
_POSSESSIVE = re.compile(r"[’']s$")
_COUNTRIES = {name_key(c): c for c in lexicon.COUNTRIES}
_PLACES = {name_key(p): p for p in lexicon.PLACES}
_APPOSITION = re.compile(
    r"^,\s+(?:a|an|the|its|their|Japan’s|Japan's)\s+(?:[\w\-]+\s+){0,4}?(?P<head>"
    + "|".join(sorted((re.escape(h) for h in lexicon.APPOSITION_HEADS), key=len, reverse=True))
    + r")\b",
    re.I,
)
_ROLE_APPOSITION = re.compile(
    r"^,\s+(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){0,2}?(?P<head>analyst|economist|minister|secretary|strategist|"
    r"researcher|professor|chief executive|founder|chairman|director|spokes(?:person|man|woman)|adviser|advisor)"
    r"\s+(?:at|of|for|with)\b",
    re.I,
)
_ORG_BEFORE = re.compile(r"\b(?:lender|agency|regulator|ministry|court|watchdog|institute)\s+$", re.I)
_ACRONYM_NAME = re.compile(r"^[A-Z][A-Z0-9&\-]{2,9}$")
_MINERALS = re.compile(
    r"\b(?=["
    + "".join(sorted({m[0] for m in lexicon.MINERALS}))
    + r"])(?:"
    + "|".join(re.escape(m) for m in sorted(lexicon.MINERALS, key=len, reverse=True))
    + r")s?\b",
    re.I,
)
_TITLES = sorted(
    [(t, Kind.LEADER) for t in lexicon.LEADER_TITLES] + [(t, Kind.PERSON) for t in lexicon.PERSON_TITLES],
    key=lambda tk: -len(tk[0]),
)
_TITLE_WORDS = frozenset(w for t, _ in _TITLES for w in t.split(" "))
_ORG_WORDS = frozenset(lexicon.ORGANIZATION_WORDS)
_ROLE_BEFORE = re.compile(r"\b(?:" + "|".join(lexicon.PERSON_ROLES) + r")\s+$", re.I)
_COMPANY_CUE = re.compile(r"\b(?:" + "|".join(lexicon.COMPANY_CUES) + r")\s+$", re.I)
_PLACE_CUE = re.compile(r"\b(?:" + "|".join(lexicon.PLACE_CUES) + r")\s+(?:the\s+)?$", re.I)
_SAYS_AFTER = re.compile(r"^,?\s+(?:said|says|told|argued|warned|wrote|added|noted)\b")
_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s+(?:and|&)\s+|\s*,\s+and\s+)$")


def slug(name: str) -> str:
    """An entity id from a name: ``"Lee Jae-myung"`` → ``lee-jae-myung``; at most 120 characters
    (a longer one is cut and ends in a short hash of the whole, so two long names stay apart)."""
    return shortened(re.sub(r"[^a-z0-9]+", "-", name_key(name).replace("'", "")).strip("-") or "entity", 120)


def shortened(ident: str, limit: int) -> str:
    """``ident`` if it is at most ``limit`` characters, else its start (cut at a hyphen when one
    is near the end) and an 8-character hash of all of it."""
    if len(ident) <= limit:
        return ident
    head = ident[: limit - 9]
    if "-" in head[len(head) * 3 // 4 :]:
        head = head.rsplit("-", 1)[0]
    return f"{head.rstrip('-.')}-{hashlib.sha256(ident.encode()).hexdigest()[:8]}"


@dataclass
class NewEntity:
    """A name the corpus does not know, with where the article uses it."""

    id: str
    name: str
    kind: Kind
    confidence: float
    rule: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def _words(chunk: str) -> list[str]:
    return chunk.replace("\u00a0", " ").split(" ")


def _classify(chunk: str, before: str, after: str) -> tuple[str, Kind, float, str] | None:
    """(name, kind, confidence, rule) for a capitalised chunk, or None when it is not a name."""
    words = _words(chunk)
    before = before[-28:]  # the longest cue ("conglomerates such as ") fits
    for title, kind in _TITLES if _TITLE_WORDS.intersection(words) else ():  # "President Lee Jae-myung"
        t = title.split(" ")
        for i in range(len(words) - len(t)):
            if words[i : i + len(t)] == t:
                rest = words[i + len(t) :]
                if rest and not _ORG_WORDS.intersection(rest) and rest[0].lower() not in ("of", "for"):
                    return " ".join(rest), kind, 0.9, f"title {title!r}"
    role = _ROLE_APPOSITION.match(after)
    if role and 2 <= len(words) <= 4:  # "Mika Tanabe, an analyst at ..."
        return chunk, Kind.PERSON, 0.85, f"apposition {role.group('head').lower()!r}"
    apposition = _APPOSITION.match(after)
    if apposition:  # "JAMSTEC, the marine science agency"
        head = apposition.group("head").lower()
        kind = Kind(lexicon.APPOSITION_HEADS[head])
        if kind is not Kind.PERSON or 2 <= len(words) <= 4:
            return chunk, kind, 0.8, f"apposition {head!r}"
    if words[-1] in lexicon.POLICY_SUFFIXES and len(words) > 1:
        return chunk, Kind.POLICY, 0.8, f"policy word {words[-1]!r}"
    if words[-1] in lexicon.AGREEMENT_SUFFIXES and len(words) > 1:
        return chunk, Kind.AGREEMENT, 0.75, f"agreement word {words[-1]!r}"
    if words[-1] in lexicon.PROJECT_SUFFIXES and len(words) > 1:
        return chunk, Kind.PROJECT, 0.75, f"project word {words[-1]!r}"
    if words[-1] in lexicon.COMPANY_SUFFIXES and len(words) > 1 and words[0] not in lexicon.ORGANIZATION_WORDS:
        if words[-1] != "Bank" or " of " not in chunk:
            return chunk, Kind.COMPANY, 0.9, f"company suffix {words[-1]!r}"
    if _ORG_WORDS.intersection(words) or "Bank" in words:  # "Japan Bank for International Cooperation"
        word = next((w for w in words if w in _ORG_WORDS), "Bank")
        return chunk, Kind.ORGANIZATION, 0.85, f"organisation word {word!r}"
    key = name_key(chunk.removeprefix("the ").removeprefix("The "))
    if key in _COUNTRIES:
        return _COUNTRIES[key], Kind.COUNTRY, 0.95, "ISO country list"
    if key in _PLACES:
        return _PLACES[key], Kind.PLACE, 0.85, "place list"
    if _ROLE_BEFORE.search(before) and len(words) >= 2:
        return chunk, Kind.PERSON, 0.85, "role before the name"
    if _COMPANY_CUE.search(before):
        return chunk, Kind.COMPANY, 0.8, "company cue before the name"
    if words[-1] in lexicon.PLACE_WORDS and len(words) > 1:
        return chunk, Kind.PLACE, 0.8, f"place word {words[-1]!r}"
    if re.search(r"(?:shima|jima|jima island)$", chunk.lower()) or _PLACE_CUE.search(before):
        return chunk, Kind.PLACE, 0.65, "place cue"
    if len(words) == 1 and _ACRONYM_NAME.match(chunk):
        if _ORG_BEFORE.search(before):
            return chunk, Kind.ORGANIZATION, 0.8, "an acronym after an organisation word"
        return chunk, Kind.ORGANIZATION, 0.5, "an acronym"
    if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and _SAYS_AFTER.match(after):
        return chunk, Kind.PERSON, 0.7, "a name that speaks"
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence-starting function words and a trailing possessive from a chunk."""
    while True:
        words = _words(text[start:end])
        if len(words) > 1 and words[0].lower() in lexicon.NOT_NAMES and words[0] not in lexicon.LEADER_TITLES:
            start += len(words[0]) + 1
            continue
        break
    m = _POSSESSIVE.search(text[start:end])
    if m:
        end = start + m.start()
    return start, end


def _heading(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a short line with every word capitalised: a heading, not prose."""
    line_start = text.rfind("\n", max(0, pos - 200), pos) + 1
    if line_start == 0 and pos > 200:
        return False  # a line this long is prose
    line_end = text.find("\n", pos, pos + 200)
    line = text[line_start : line_end if line_end >= 0 else pos + 200].strip()
    if len(line) > 120:
        return False
    words = [
        w for w in re.findall(r"[^\W\d_][\w’'\-]*", line) if w.lower() not in ("of", "and", "the", "for", "in", "a")
    ]
    return 0 < len(words) <= 8 and not line.endswith((".", "?", "!")) and all(w[:1].isupper() for w in words)


def _blank(text: str, start: int, end: int, inside: list[tuple[int, int]]) -> str:
    """The chunk with the known names in it blanked out."""
    chars = list(text[start:end])
    for a, b in inside:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return " ".join("".join(chars).split())


def _outside(text: str, start: int, end: int, inside: list[tuple[int, int]]) -> tuple[int, int]:
    """The longest stretch of a chunk outside the known names in it, joining words trimmed."""
    cuts = [start, *[x for a, b in sorted(inside) for x in (a, b)], end]
    pieces = [(max(cuts[i], start), min(cuts[i + 1], end)) for i in range(0, len(cuts), 2)]
    best = max(pieces, key=lambda p: p[1] - p[0])
    s, e = best
    joins = re.compile(rf"^(?:\s|{_JOIN}\b|’s\b|'s\b)+|(?:\s|\b{_JOIN})+$")
    piece = text[s:e]
    lead = re.match(rf"^(?:\s+|(?:{_JOIN}|’s|'s)(?=\s|$))*", piece)
    s += lead.end() if lead else 0
    trail = re.search(rf"(?:\s+|(?<=\s)(?:{_JOIN}))*$", text[s:e])
    e = s + (trail.start() if trail else e - s)
    del joins
    return s, e


def new_entities(text: str, known: list[Mention], known_keys: set[str]) -> list[NewEntity]:
    """Every new entity, its mentions included (later short forms, acronyms, minerals)."""
    found: dict[str, NewEntity] = {}
    taken = Spans([(m.start, m.end) for m in known])

    def overlaps(s: int, e: int) -> list[tuple[int, int]]:
        return taken.covering(s, e)

    def add(name: str, kind: Kind, confidence: float, rule: str, start: int, end: int) -> NewEntity | None:
        key = name_key(name)
        if not key or key in known_keys or slug(name) in known_keys:
            return None
        ident = slug(name)
        entity = found.get(ident)
        if entity is None:
            entity = found[ident] = NewEntity(ident, name, kind, confidence, rule)
        elif confidence > entity.confidence:
            entity.kind, entity.confidence, entity.rule = kind, confidence, rule
        entity.mentions.append(Mention(ident, start, end, text[start:end], "name", confidence))
        return entity

    chunks: list[tuple[int, int]] = []
    for m in _CHUNK.finditer(text):
        start, end = m.start(), m.end()
        parts: list[tuple[int, int]] = []
        pos = start
        for piece in re.finditer(r"\S+", text[start:end]):  # a possessive ends a chunk
            if _POSSESSIVE.search(piece.group()):
                parts.append((pos, start + piece.end()))
                pos = start + piece.end() + 1
        if pos < end:
            parts.append((pos, end))
        chunks.extend(p for p in parts if p[0] < p[1])

    for start, end in chunks:
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        if _heading(text, start):
            continue
        whole = text[start:end]
        inside = overlaps(start, end)
        outside_words = _words(_blank(text, start, end, inside))
        if inside and not (
            _words(whole)[-1] in lexicon.COMPANY_SUFFIXES
            and outside_words[-1:] == _words(whole)[-1:]
            or _ORG_WORDS.intersection(outside_words)
            or "Bank" in outside_words  # "Japan Bank for International Cooperation"
        ):
            start, end = _outside(text, start, end, inside)  # "U.S. Trade Representative X": X's part
        elif inside and all(a <= start and b >= end for a, b in inside):
            continue
        if start >= end:
            continue
        chunk = text[start:end]
        if all(name_key(part) in known_keys for part in chunk.split("-")):
            continue
        if chunk.lower() in lexicon.NOT_NAMES or len(chunk) < 2:
            continue
        preceding = text[max(0, start - 12) : start].rstrip()
        at_sentence_start = (not preceding and start < 12) or preceding[-1:] in '.!?\n“"—:'
        guess = _classify(chunk, text[max(0, start - 60) : start], text[end : end + 80])
        if guess is None:
            continue
        name, kind, confidence, rule = guess
        if at_sentence_start and len(_words(chunk)) == 1 and confidence < 0.8:  # a weak cue, a capital letter
            confidence = min(confidence, 0.5)
        name_start = start + chunk.rfind(name) if name in chunk else start
        entity = add(name, kind, confidence, rule, name_start, name_start + len(name))
        if entity is not None:
            acronym = _ACRONYM.match(text, end)
            if acronym and acronym.group("acr") not in entity.aliases:
                entity.aliases.append(acronym.group("acr"))

    for m in _MINERALS.finditer(text):
        if not overlaps(m.start(), m.end()):
            name = m.group().lower()
            base = name[:-1] if name.endswith("s") and name[:-1] in lexicon.MINERALS else name
            add(base, Kind.MINERAL, 0.9, "mineral lexicon", m.start(), m.end())

    _short_forms(text, found, known_keys, taken)
    return sorted(found.values(), key=lambda e: e.mentions[0].start)


def _short_forms(text: str, found: dict[str, NewEntity], known_keys: set[str], taken: Spans) -> None:
    """Later mentions by surname, first word or acronym: "Lee", "Toyota", "JBIC"."""
    short: dict[str, NewEntity] = {}
    clash: set[str] = set()
    for entity in found.values():
        words = _words(entity.name)
        forms = list(entity.aliases)
        if entity.kind in (Kind.PERSON, Kind.LEADER) and len(words) >= 2:
            forms += [words[0], words[-1]]
        elif entity.kind is Kind.COMPANY and len(words) >= 2:
            forms.append(words[0])
        for form in forms:
            key = name_key(form)
            if key in known_keys or form.lower() in lexicon.NOT_NAMES or len(form) < 3:
                continue
            if key in short and short[key] is not entity:
                clash.add(key)
            short[key] = entity
    for key in clash:
        del short[key]
    occupied = Spans(
        [*zip(taken.starts, taken.ends, strict=True), *((m.start, m.end) for e in found.values() for m in e.mentions)]
    )
    by_form: dict[str, NewEntity] = {}
    for form_key, entity in short.items():
        by_form[next(f for f in [*entity.aliases, *_words(entity.name)] if name_key(f) == form_key)] = entity
    if by_form:  # one pass over the text for every short form
        alternatives = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w-])(?:{alternatives})(?![\w-])", text):
            s, e = m.start(), m.end()
            if occupied.overlaps(s, e):
                continue
            entity = by_form[m.group()]
            entity.mentions.append(Mention(entity.id, s, e, m.group(), "short form", min(entity.confidence, 0.85)))
            occupied.add(s, e)
    for entity in found.values():
        entity.mentions.sort(key=lambda m: m.start)
