"""The generic matcher: every pattern of ``patterns.PATTERNS`` over every annotated sentence,
giving candidate relations between references, with money, due date, counterparty, negation and
hedging attached through the parse (``attach``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dealgraph.extract.link import ACTORS
from dealgraph.extract.nlp import Annotated, Sentence
from dealgraph.extract.patterns import DENIALS, DUE_CASES, HEDGES, NEGATORS, PATTERNS, WORD_SETS, Pattern
from dealgraph.extract.refs import Ref
from dealgraph.graph.model import ALLOWED, COUNTERPARTY_TYPES, Kind, RelType


@dataclass
class Candidate:
    pattern: Pattern
    source: Ref
    target: Ref
    sentence: int
    trigger: int  # token index
    confidence: float
    counterparty: Ref | None = None
    money_token: int | None = None
    due: str | None = None  # SUTime's normalised value
    notes: list[str] = field(default_factory=list)

    @property
    def type(self) -> RelType:
        return self.pattern.type


def _pos_ok(pattern: Pattern, pos: str, sentence: Sentence | None = None, i: int = -1) -> bool:
    kind = pattern.pos.rstrip("*")
    if kind == "V":
        return pos.startswith("VB")
    if kind == "N":  # a gerund with a determiner or possessor is a noun ("the court's ruling on")
        return pos.startswith("NN") or (
            pos == "VBG" and sentence is not None and bool(sentence.out(i, "det") + sentence.out(i, "nmod:poss"))
        )
    if kind == "A":
        return pos.startswith("JJ") or pos.startswith("VBN")
    return True


def follow(sentence: Sentence, start: int, path: str) -> list[int]:
    """Tokens reached from ``start`` along any alternative of ``path`` ('.' is ``start``)."""
    out: list[int] = []
    for alternative in path.split("|"):
        alternative = alternative.strip()
        if not alternative:
            continue
        if alternative == ".":
            out.append(start)
            continue
        frontier = [start]
        for step in alternative.split(">"):
            lemmas: set[str] = set()
            if step.endswith("]"):
                step, _, words = step[:-1].partition("[")
                lemmas = set(WORD_SETS[words[1:]]) if words.startswith("@") else set(words.split(","))
            if step.startswith("<"):
                frontier = [g for i in frontier for g in sentence.into(i, step[1:])]
            else:
                frontier = [d for i in frontier for d in sentence.out(i, step)]
            if lemmas:
                frontier = [i for i in frontier if sentence.tokens[i].lemma.lower() in lemmas]
        out.extend(_with_conjuncts(sentence, frontier))
    return list(dict.fromkeys(out))


def _with_conjuncts(sentence: Sentence, tokens: list[int]) -> list[int]:
    """The tokens and the other members of lists they stand in: enhanced++ shares a verb's subject
    and object across conjuncts, not an apposition's or a noun's ("Brookfield and Cameco, the
    owners of Westinghouse": the apposition hangs on the first conjunct only)."""
    out = list(tokens)
    for i in tokens:
        first = [g for g in sentence.into(i, "conj:and") + sentence.into(i, "conj:or")] or [i]
        for f in first:
            out += [f, *sentence.out(f, "conj:and"), *sentence.out(f, "conj:or")]
    return out


def candidates(doc: Annotated, index: dict[tuple[int, int], Ref], money: set[tuple[int, int]] | None = None,
               leaders: dict[str, tuple[str, Kind]] | None = None, after: str = "") -> list[Candidate]:  # fmt: skip
    """Every pattern over every sentence: candidate relations between references. ``money``
    holds (sentence, token) pairs inside amounts (besides CoreNLP's MONEY tokens); ``leaders``
    maps a leader to what they lead, for an official affiliated with a leader ("her trade
    minister", her: the prime minister), who is affiliated with what the leader leads."""
    money = money or set()
    leaders = leaders or {}
    found: list[Candidate] = []
    for sentence in doc.sentences:
        heads = _heads(sentence, index)
        for token in sentence.tokens:
            lemma = phrasal_lemma(sentence, token.index)
            for pattern in PATTERNS:
                if pattern.pos == "E":
                    if token.index not in heads:
                        continue
                elif pattern.lemmas and lemma not in pattern.lemmas and not (
                    lemma != token.lemma.lower() and _misread_particle(lemma) and token.lemma.lower() in pattern.lemmas
                ) and not (pattern.pos == "N" and token.pos == "VBG" and token.word.lower() in pattern.lemmas):
                    continue  # a gerund read as a noun goes by its word ("the court's ruling": ruling)
                elif not _pos_ok(pattern, token.pos, sentence, token.index):
                    continue
                found.extend(_apply(pattern, sentence, token.index, index, heads, money, leaders, after))
    return found


#: Prepositions of place that the parser reads as a verb's particle ("developing off the Texas
#: coast": develop + off), after the verbs of building, placing and running that take them (an
#: allow-list: "sold off", "backed off" are verbs of their own).
_PLACE_PARTICLES = frozenset("off in on near along across over at".split())
_PLACE_VERBS = frozenset("develop build construct operate run site locate plan drill mine explore".split())


def _misread_particle(lemma: str) -> bool:
    """Whether a phrasal lemma is a verb of building or running and a preposition of place."""
    verb, _, particle = lemma.rpartition("_")
    return particle in _PLACE_PARTICLES and verb in _PLACE_VERBS


def phrasal_lemma(sentence: Sentence, i: int) -> str:
    """The lemma, joined to its particle for phrasal verbs: "turn out" is ``turn_out``."""
    lemma = sentence.tokens[i].lemma.lower()
    particles = sentence.out(i, "compound:prt")
    return f"{lemma}_{sentence.tokens[particles[0]].lemma.lower()}" if particles else lemma


def _heads(sentence: Sentence, index: dict[tuple[int, int], Ref]) -> dict[int, Ref]:
    """token -> reference, for the head token of each reference in the sentence."""
    heads: dict[int, Ref] = {}
    spans: dict[Ref, list[int]] = {}
    for (s, i), r in index.items():
        if s == sentence.index:
            spans.setdefault(r, []).append(i)
    for r, toks in spans.items():
        inside = set(toks)
        # the rightmost token governed from outside, not a function word ("'s" in "Takaichi's visit"
        # hangs on Takaichi, outside the reference's own tokens)
        tops = [i for i in toks if not any(g in inside for g in sentence.into(i))
                and not set(sentence.labels_into(i)) <= {"case", "punct", "det", "cc", "mark"}]  # fmt: skip
        heads[max(tops) if tops else max(toks)] = r
    return heads


def _refs(sentence: Sentence, tokens: list[int], index: dict[tuple[int, int], Ref]) -> list[Ref]:
    out: list[Ref] = []
    for i in tokens:
        r = index.get((sentence.index, i))
        for member in (r.members or (r,)) if r is not None else ():
            if member not in out:
                out.append(member)
    return out


def _apply(pattern: Pattern, sentence: Sentence, trigger: int, index: dict[tuple[int, int], Ref],
           heads: dict[int, Ref], amounts: set[tuple[int, int]],
           leaders: dict[str, tuple[str, Kind]], after: str) -> list[Candidate]:  # fmt: skip
    allowed_sources, allowed_targets = ALLOWED[pattern.type]
    source_kinds = frozenset(k for k in allowed_sources if not pattern.source_kinds or k.value in pattern.source_kinds)
    target_kinds = frozenset(k for k in allowed_targets if not pattern.target_kinds or k.value in pattern.target_kinds)
    if pattern.pos == "E" and not pattern.source:
        sources = list(heads[trigger].members or (heads[trigger],))
    else:
        sources = _first_found(sentence, trigger, pattern.source, index, source_kinds)[1]
    target_tokens, targets = _first_found(sentence, trigger, pattern.target, index, target_kinds)
    if pattern.type is RelType.AFFILIATED_WITH:  # (a title inside the name is no other party)
        targets = [_led(t, leaders) for t in targets if t not in sources]
    sources = [s for s in sources if s.kind in allowed_sources]
    targets = [t for t in targets if t.kind in allowed_targets]
    if pattern.target_kinds:
        targets = [t for t in targets if t.kind.value in pattern.target_kinds]
    if pattern.source_kinds:
        sources = [s for s in sources if s.kind.value in pattern.source_kinds]
    if not sources or not targets:
        return []
    if pattern.type is RelType.LOCATED_IN and sentence.tokens[trigger].pos == "NNS" and len(targets) > 1:
        return []  # "the Ohio, Texas and Georgia projects": each is in one place, the set in none
    counterparty = None
    if pattern.counterparty and pattern.type in COUNTERPARTY_TYPES:
        parties = [
            r for r in _refs(sentence, follow(sentence, trigger, pattern.counterparty), index) if r.kind in ACTORS
        ]
        if parties:
            counterparty = parties[0]
            if len(targets) > 1 or targets[0].entity == counterparty.entity:
                others = [t for t in targets if t.entity != counterparty.entity]
                targets = others or targets
                if not others:
                    counterparty = None
    factor, notes = _modality(sentence, trigger)
    money = _money(sentence, trigger, target_tokens, amounts)
    due = _due(sentence, trigger, targets, after)
    out: list[Candidate] = []
    for s in sources:
        for t in targets:
            if s.entity == t.entity or _name_inside(s, t) or _name_inside(t, s):
                continue
            party = (
                counterparty if counterparty is not None and counterparty.entity not in (s.entity, t.entity) else None
            )
            confidence = pattern.confidence * factor * min(s.confidence, t.confidence, 1.0) ** 0.5
            out.append(Candidate(pattern, s, t, sentence.index, trigger, round(confidence, 2), party, money, due,
                                 list(notes)))  # fmt: skip
    return out


def _first_found(sentence: Sentence, trigger: int, path: str, index: dict[tuple[int, int], Ref],
                 kinds: frozenset[Kind] | None = None) -> tuple[list[int], list[Ref]]:  # fmt: skip
    """Tokens and references along ``path``: its ``;``-separated groups in turn, the first that
    reaches a reference (of one of ``kinds``, for the group ``~subject``)."""
    tokens: list[int] = []
    for group in path.split(";"):
        if group == SUBJECT_LOST:
            tokens, refs = _lost_subject(sentence, trigger, index, kinds)
        else:
            tokens = follow(sentence, trigger, group)
            refs = _refs(sentence, tokens, index)
        if refs:
            return tokens, refs
    return tokens, []


#: A path group: the subject of a passive verb that the parse lost in a long subject ("The
#: largest of the three projects, a $33bn power station near Portsmouth, will be operated by X":
#: the verb has an agent and no subject): the nearest earlier nominal of a fitting kind that
#: no preposition, verb or noun governs, or that a relative clause hangs on.
SUBJECT_LOST = "~subject"
_GOVERNED = ("nmod", "obl", "obj", "iobj", "compound", "amod", "nummod", "det", "case", "acl", "advcl", "ccomp",
             "xcomp", "nsubj:pass", "csubj")  # fmt: skip


def _lost_subject(sentence: Sentence, trigger: int, index: dict[tuple[int, int], Ref],
                  kinds: frozenset[Kind] | None) -> tuple[list[int], list[Ref]]:  # fmt: skip
    if sentence.out(trigger, "nsubj") + sentence.out(trigger, "nsubj:pass") + sentence.into(trigger, "acl"):
        return [], []
    if not sentence.out(trigger, "aux:pass"):
        return [], []
    for i in range(trigger - 1, -1, -1):
        ref = index.get((sentence.index, i))
        if ref is None or not sentence.tokens[i].pos.startswith("NN"):
            continue
        relative = bool(sentence.out(i, "ref"))  # "the plant, which officials said would be run by X"
        if not relative and any(label.startswith(_GOVERNED) for label in sentence.labels_into(i)):
            continue
        if kinds is None or ref.kind in kinds:
            return [i], [ref]
    return [], []


def _name_inside(outer: Ref, inner: Ref) -> bool:
    """A word of a proper name is no relation of it: "Japan" in "Japan Bank for International
    Cooperation". (A description keeps its parts: "the Ohio plant" is in Ohio.)"""
    if inner.via in ("demonym", "attribute"):  # "the Chinese Foreign Ministry": its nationality, stated
        return False
    return outer.via == "ner" and outer.start <= inner.start and inner.end <= outer.end


def _led(r: Ref, leaders: dict[str, tuple[str, Kind]]) -> Ref:
    if r.kind in (Kind.LEADER, Kind.PERSON) and r.entity in leaders:
        entity, kind = leaders[r.entity]
        return Ref(entity, kind, r.start, r.end, r.text, "led by", r.confidence, r.sentence, r.antecedent)
    return r


def _modality(sentence: Sentence, trigger: int) -> tuple[float, list[str]]:
    """Negation lowers the confidence (x0.4), hedging slightly (x0.9)."""
    factor = 1.0
    notes: list[str] = []
    scope = [trigger, *sentence.into(trigger, "xcomp"), *sentence.into(trigger, "ccomp")]
    for i in scope:
        for d in sentence.out(i):
            lemma = sentence.tokens[d].lemma.lower()
            label = next(e.label for e in sentence.children[i] if e.dependent == d)
            if label in ("advmod", "det", "neg", "cc:preconj") and lemma in NEGATORS:
                factor *= 0.4
                notes.append(f"negated ('{sentence.tokens[d].word}')")
            elif label in ("aux", "advmod", "amod") and lemma in HEDGES:  # "possible suppliers"
                factor *= 0.9
                notes.append(f"hedged ('{sentence.tokens[d].word}')")
        if i != trigger and sentence.tokens[i].lemma.lower() in DENIALS:
            factor *= 0.4
            notes.append(f"denied ('{sentence.tokens[i].word}')")
        elif i != trigger and sentence.tokens[i].lemma.lower() in HEDGES:
            factor *= 0.9
            notes.append(f"hedged ('{sentence.tokens[i].word}')")
    return factor, notes


def _money(sentence: Sentence, trigger: int, target_tokens: list[int], amounts: set[tuple[int, int]]) -> int | None:
    """A MONEY token attached to the trigger (its object, an amount modifier) or to the target."""

    def money_under(i: int, depth: int, worth: bool = False) -> int | None:
        for e in sentence.children.get(i, []):
            if e.label.startswith(
                ("obl:to", "obl:from", "nsubj", "conj", "ccomp", "advcl", "parataxis", "acl", "appos", "dep")
            ) and not (worth and e.label == "dep"):
                continue
            tok = sentence.tokens[e.dependent]
            if tok.ner == "MONEY" or (sentence.index, e.dependent) in amounts:
                return e.dependent
            # "worth up to $100bn": whatever the parser makes of the words after "worth"
            below = worth or tok.lemma.lower() == "worth"
            if depth > 0 or below:
                hit = money_under(e.dependent, max(depth - 1, 2 if below else 0), below)
                if hit is not None:
                    return hit
        return None

    for start in [*target_tokens, trigger]:
        if sentence.tokens[start].ner == "MONEY" or (sentence.index, start) in amounts:
            return start
        hit = money_under(start, 2)
        if hit is not None:
            return hit
    return None


def _below(sentence: Sentence, i: int, depth: int) -> list[int]:
    """The tokens under token ``i``, ``depth`` edges down at most."""
    out: list[int] = []
    layer = [i]
    for _ in range(depth):
        layer = [e.dependent for g in layer for e in sentence.children.get(g, []) if e.dependent not in out]
        out += layer
    return out


def _due(sentence: Sentence, trigger: int, targets: list[Ref], after: str) -> str | None:
    """A date after "by", "before", "until" or "within" on the trigger or its clause; for an
    event, a date after the article's (``after``) that places it ("a visit next month")."""
    clause = [trigger, *sentence.out(trigger, "xcomp"), *sentence.into(trigger, "xcomp")]
    clause += [*sentence.out(trigger, "acl:to"), *sentence.out(trigger, "acl"), *sentence.into(trigger, "nsubj:*")]
    clause += [c for i in clause for c in sentence.out(i, "conj:*")]  # "to invest in and lend to … before 2029"
    # "provide $550 billion … for projects selected before January 19, 2029": the deadline of what
    # it provides, on a clause that qualifies its object
    below = [j for o in sentence.out(trigger, "obj") for j in _below(sentence, o, 3)]
    clause += [j for j in below if "acl" in sentence.labels_into(j)]
    for i in clause:
        for e in sentence.children.get(i, []):
            tok = sentence.tokens[e.dependent]
            case = e.label.split(":", 1)[1] if ":" in e.label else ""
            if e.label.startswith(("obl", "nmod")) and case in DUE_CASES and tok.ner == "DATE" and tok.normalized:
                return tok.normalized
    if after:
        # "a plan to begin test retrieval … next January": the start it plans, wherever the parse
        # hung the time phrase under the verb of starting
        for i in clause:
            if sentence.tokens[i].lemma.lower() in WORD_SETS["begin"]:
                for j in _below(sentence, i, 4):
                    tok = sentence.tokens[j]
                    tmod = any(label.endswith("tmod") for label in sentence.labels_into(j))
                    if tmod and tok.ner == "DATE" and tok.normalized[:4].isdigit() and tok.normalized > after:
                        return tok.normalized
        events = [t for t in targets if t.kind is Kind.EVENT]
        heads = [i for r in events for i in range(len(sentence.tokens)) if r.start <= sentence.tokens[i].start < r.end]
        for i in [trigger, *heads]:
            for e in sentence.children.get(i, []):
                tok = sentence.tokens[e.dependent]
                if tok.ner == "DATE" and tok.normalized[:4].isdigit() and tok.normalized > after:
                    return tok.normalized
    return None
