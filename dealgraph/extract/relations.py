"""Relationship proposals: a trigger word in a sentence, and the linked mentions around it
that the type allows (nearest subject before, nearest object after), with the money and the
dates the same sentence states. Rules, not a model: each proposal says which rule fired and
how sure it is."""

from __future__ import annotations

import bisect
import re

from dealgraph.extract.amounts import DateMention, MoneyMention
from dealgraph.extract.discourse import DUE_CUE, carried_amount, dated_step
from dealgraph.extract.proposal import Arg, Proposal
from dealgraph.extract.sentences import (
    clause_breaks,
    is_heading,
    is_hedged,
    quote_span,
    sentences,
    words_between,
)
from dealgraph.extract.spans import between
from dealgraph.graph.model import ALLOWED, Kind, RelType

#: The rules: (type, trigger pattern, strength, form). Verbs take the subject before and the object after;
#: nouns take their arguments on either side within a few words; "container" rules put the
#: whole before the trigger and the parts after ("a first wave of projects, including X, Y").
_T = RelType
RULES: tuple[tuple[RelType, str, float, str], ...] = (
    (_T.PLEDGES, r"pledg(?:e|es|ed|ing)|commit(?:s|ted|ting)?|formali[sz](?:e|es|ed|ing)|promis(?:e|es|ed|ing)|"
     r"vow(?:s|ed)?|"
     r"agreed\s+to\s+(?:invest|fund|finance|provide)|invest(?:s|ed)?\s+in", 0.85, "verb"),
    (_T.PLEDGES, r"pledges?|commitments?|investments?|investing|financing", 0.7, "noun"),
    (_T.DEMANDS, r"demand(?:s|ed|ing)?|press(?:es|ed|ing)?(?:\s+for)?|push(?:es|ed|ing)?\s+for|urg(?:e|es|ed|ing)|"
     r"insist(?:s|ed|ing)?\s+on|call(?:s|ed|ing)?\s+for|ask(?:s|ed|ing)?\s+for|request(?:s|ed|ing)?", 0.85, "verb"),
    (_T.OFFERS, r"offer(?:s|ed|ing)?|propos(?:e|es|ed|ing)|put(?:s|ting)?\s+forward|tabl(?:e|es|ed|ing)", 0.85,
     "verb"),
    (_T.OFFERS, r"offerings?|proposals?", 0.7, "noun"),
    (_T.SUPPLIES, r"(?:suppl(?:y|ies|ied|ying)|export(?:s|ed|ing)?|provid(?:e|es|ed|ing)|ship(?:s|ped|ping)|"
     r"sell(?:s|ing)?|sold|feed(?:s|ing)?)(?!\s+(?:controls?|restrictions?|bans?|curbs?|licen[cs]))", 0.8, "verb"),
    (_T.DEPENDS_ON, r"depend(?:s|ed|ing)?\s+(?:up)?on|dependen(?:ce|cy)\s+on|rel(?:y|ies|ied|ying)\s+on|"
     r"reliance\s+on|reliant\s+on|hing(?:e|es|ed|ing)\s+on", 0.85, "verb"),
    (_T.PARTICIPATES_IN, r"t(?:ake|akes|aking|ook)\s+part\s+in|participat(?:e|es|ed|ing)\s+in|join(?:s|ed|ing)?|"
     r"lined\s+up\s+(?:for|to)|involved\s+in|lead(?:s|ing)?|led|build(?:s|ing)?|built|signed\s+on\s+to|"
     r"attend(?:s|ed|ing)?|signed(?:\s+up\s+for|\s+on\s+to)?|sign(?:s|ing)?|meet(?:s|ing)?|met|held|hosted|"
     r"issu(?:e|es|ed|ing)", 0.8, "verb"),
    (_T.PARTICIPATES_IN, r"participation|role\s+in", 0.7, "noun"),
    (_T.SUPPORTS, r"congratulat(?:e|es|ed|ing)|back(?:s|ed|ing)?(?!\s+(?:away|down|off|out))|support(?:s|ed|ing)?|"
     r"endors(?:e|es|ed|ing)|"
     r"welcom(?:e|es|ed|ing)|hail(?:s|ed|ing)?|prais(?:e|es|ed|ing)|defend(?:s|ed|ing)?", 0.85, "verb"),
    (_T.SUPPORTS, r"congratulations|support|backing", 0.7, "noun"),
    (_T.SUSPECTS, r"suspect(?:s|ed|ing)?|accus(?:e|es|ed|ing)|fear(?:s|ed)?|distrust(?:s|ed)?", 0.8, "verb"),
    (_T.SUSPECTS, r"suspicions?", 0.7, "noun"),
    (_T.ANALYZES, r"analy[sz](?:e|es|ed|ing)|assess(?:es|ed|ing)?|examin(?:e|es|ed|ing)|stud(?:y|ies|ied)|"
     r"review(?:s|ed|ing)?", 0.8,
     "verb"),
    (_T.REPORTS, r"report(?:s|ed|ing)?|cit(?:e|es|ed|ing)|disclos(?:e|es|ed|ing)", 0.8, "verb"),
    (_T.REPORTS, r"according\s+to", 0.8, "source-first"),
    (_T.PART_OF, r"including|such\s+as|comprising|made\s+up\s+of", 0.75, "container"),
    (_T.IN_EXCHANGE_FOR, r"in\s+exchange\s+for|in\s+return\s+for", 0.75, "exchange"),
    (_T.LOCATED_IN, r"near|off|around|off\s+the\s+coast\s+of", 0.75, "place"),
)  # fmt: skip
_COMPILED = [(t, re.compile(rf"\b(?:{p})\b", re.I), strength, form) for t, p, strength, form in RULES]
_ANY_TRIGGER = re.compile(r"(?i)\b(?=[a-z])(?:" + "|".join(f"(?:{p})" for _, p, _, _ in RULES) + r")\b")
_VERB_TRIGGERS = re.compile("|".join(rf"\b(?:{p})\b" for _, p, _, form in RULES if form == "verb"), re.I)
_MONEY_TYPES = {RelType.PLEDGES, RelType.DEMANDS, RelType.OFFERS, RelType.SUPPLIES, RelType.PARTICIPATES_IN}
_COUNTERPARTY_CUE = re.compile(r"(?:\b(?:to|into|from|of|on|for|with)\s+(?:the\s+)?)$", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no longer|refused|refuses|declined|declines|denied|denies|rejected)\b", re.I)
_ACTOR_KINDS = frozenset({Kind.COUNTRY, Kind.LEADER, Kind.PERSON, Kind.COMPANY, Kind.ORGANIZATION})
_INDIRECT = re.compile(r"\s+(?:to|for|with|on|over)\b", re.I)  # "urged Japan to", "supplies Japan with"
_CLAUSE_OBJECT = re.compile(r"\s+(?-i:[a-z]+)\b")  # "demanding Japan maintain ...": Japan is asked, not the demand
_AND = re.compile(r"\s*(?:and|,\s*and|as well as|or|&)\s*", re.I)
_AGENT_CUE = re.compile(r"\b(?:from|by)\b", re.I)
_NOT_AN_OBJECT = re.compile(
    r"\b(?:in\s+exchange\s+for|in\s+return\s+for|against|over|ahead\s+of|before|after)\s+(?:the\s+)?$", re.I
)
_THAT = re.compile(r"\bthat\s+$", re.I)
_EXAMPLES = re.compile(r"\b(?:like|such\s+as)\b", re.I)
_TO = re.compile(r"\bto\s+(?:the\s+)?$", re.I)
_VERB_WORDS = (
    r"said|says|say|told|tells|argued|argues|is|are|was|were|has|have|had|will|would|could|can|may|might|should|did|"
    r"does|looks|seems|remain|remains|remained|taught|warned|stressed|noted|added|believes|thinks|expects|denied|"
    r"insisted|reaffirmed|launched|ended|met|meets"
)
_SPEECH = re.compile(r"\b(?:say|says|said|told|tell|tells|argue|argues|argued|believe|believes|believed)\b", re.I)
_VERB = re.compile(rf"\b(?:{_VERB_WORDS})\b", re.I)
_VERB_BEFORE = re.compile(  # the object of another verb is not this verb's subject
    r"\b(?:congratulated|pressed|urged|backed|praised|met|meets|told|asked|thanked|invited|visited|critici[sz]ed|"
    r"welcomed|hailed|joined|accused|suspects|suspected)\s+(?:the\s+)?$",
    re.I,
)
_RELATIVE = re.compile(r"(?<=,)\s+(?:which|who)\b|\s+that\b(?=\s+(?:is|are|was|were|has|have|had|will|would))")
_ANTECEDENT = re.compile(
    r",?\s+(?:(?:a|an|the)\s+[\w\s\-]{0,40}?\s+)?(?:(?:in|to|for|on|of)\s+)?(?:which|that|whom)\s+"
)
_PREPOSITION = re.compile(r"\b(?:to|into|from|of|in|at|for|with|on|by|near|against|over)\s+(?:the\s+)?$", re.I)
_LIST_GAP = re.compile(
    r"^[\s,;:]*(?:(?:(?:and|or|as well as|plus|even)\b|&)[\s,]*)*(?:\b(?:a|an|the)\s+)?[\s,]*$", re.I
)


def proposals(
    text: str,
    args: list[Arg],
    money: list[MoneyMention],
    dates: list[DateMention],
    part_of: dict[str, Arg] | None = None,
    spans: list[tuple[int, int]] | None = None,
) -> list[Proposal]:
    """Every relationship proposal in the text. ``part_of`` maps known projects to the plan
    they belong to (as an Arg without a place in the text), for amounts and dates stated of a
    part: "a first wave ... worth ¥6 trillion", "trial extraction could begin by February 2027"."""
    found: list[Proposal] = []
    last_pledge: Proposal | None = None
    spans = spans if spans is not None else sentences(text)
    arg_starts = [a.start for a in args]
    money_starts = [m.start for m in money]
    date_starts = [d.start for d in dates]
    # every trigger of every rule, found in one pass per rule, in order of position
    triggers = [
        (i, m)
        for candidate in _ANY_TRIGGER.finditer(text)  # where some rule may match: one pass
        for i, (_, pattern, _, _) in enumerate(_COMPILED)
        if (m := pattern.match(text, candidate.start()))
    ]
    trigger_starts = [m.start() for _, m in triggers]
    for number, sentence in enumerate(spans):
        s0, s1 = sentence
        if is_heading(text, s0, s1):  # a heading: "US Demands vs. Japanese Strategy"
            continue
        inside = [a for a in between(args, arg_starts, s0, s1) if a.end <= s1 and not _compound(text, a)]
        cash = [m for m in between(money, money_starts, s0, s1) if m.end <= s1]
        when = [d for d in between(dates, date_starts, s0, s1) if d.end <= s1]
        here: list[Proposal] = []
        if not inside:
            continue
        for rule, m in between(triggers, trigger_starts, s0, s1) if len(inside) > 1 else []:
            if m.end() > s1 or any(a.start <= m.start() < a.end for a in inside):  # part of a name
                continue
            rel_type, _, strength, form = _COMPILED[rule]
            here.extend(_apply(text, sentence, rel_type, strength, form, m, inside, cash, when))
        if part_of:
            earlier = args[max(0, bisect.bisect_left(arg_starts, s0) - 60) : bisect.bisect_left(arg_starts, s0)]
            here.extend(dated_step(text, sentence, inside, when, part_of, earlier, spans[max(0, number - 3) : number]))
        here = _best_per_pair(here)
        found.extend(here)
        pledges = [p for p in here if p.type is RelType.PLEDGES]
        if pledges:
            last_pledge = pledges[-1]
        if not pledges and last_pledge is not None and part_of:
            found.extend(carried_amount(text, sentence, inside, cash, last_pledge, part_of))
    return found


def _best_per_pair(items: list[Proposal]) -> list[Proposal]:
    best: dict[tuple[RelType, str, str], Proposal] = {}
    for p in items:
        key = (p.type, p.source.entity, p.target.entity)
        if key not in best or p.confidence > best[key].confidence:
            best[key] = p
    return sorted(best.values(), key=lambda p: p.trigger)


def _allowed(rel_type: RelType, source: Arg, target: Arg) -> bool:
    sources, targets = ALLOWED[rel_type]
    return source.entity != target.entity and source.kind in sources and target.kind in targets


def _apply(
    text: str,
    sentence: tuple[int, int],
    rel_type: RelType,
    strength: float,
    form: str,
    m: re.Match[str],
    inside: list[Arg],
    cash: list[MoneyMention],
    when: list[DateMention],
) -> list[Proposal]:
    sources, targets = ALLOWED[rel_type]
    t0, t1 = m.start(), m.end()
    before = [a for a in inside if a.end <= t0][::-1]  # nearest first
    after = [a for a in inside if a.start >= t1]
    clause_end = sentence[1]
    breaks = clause_breaks(text, sentence[0], sentence[1])
    brk = next((b for b in breaks if b[0] >= t1), None)
    if brk:
        clause_end = brk[0]
    clause_start = sentence[0]
    for b in breaks:
        if b[1] <= t0 and b[2] in ";—–":
            clause_start = b[1]

    pairs: list[tuple[Arg, list[Arg], str | None]] = []
    penalty = 0.0
    subject_gap = form not in ("exchange",)
    if form in ("verb", "noun"):
        window = 8 if form == "noun" else 25
        subject = _subject(text, before, sources, clause_start, t0, window, form)
        if form == "verb" and text[t0:t1].lower().endswith("ing") and text[max(0, t0 - 2) : t0] == ", ":
            # "conditions from US monetary authorities, demanding ...": the participle's agent
            subject = next((a for a in before if a.kind in sources and a.start >= clause_start), subject)
        if subject is None and form == "noun":  # "Takaichi's visit ... is expected to carry offerings"
            opening = next((a for a in inside if a.start >= clause_start), None)
            if opening is not None and opening.end <= t0 and opening.kind in sources and _possessor(text, opening):
                subject = opening
                penalty = 0.05
                subject_gap = False
        if subject is None and form == "verb":  # "operated by JAMSTEC, the agency taking part in"
            subject = next(
                (
                    a
                    for a in before
                    if a.kind in sources and a.start >= clause_start and words_between(text, a.end, t0) <= 8
                ),
                None,
            )
            penalty = 0.1
        objects, counterparty = _objects(text, rel_type, t1, after, clause_end, subject, window)
        if not objects and subject is not None and form == "verb":
            objects = _antecedent(text, before, targets, subject)  # "the plan that Japan pledged"
        agent = next(  # "congratulations from Trump", "participation from firms like SoftBank"
            (
                a
                for a in after
                if a.kind in sources
                and words_between(text, t1, a.start) <= 4
                and _AGENT_CUE.search(text, max(t1, a.start - 40), a.start)
            ),
            None,
        )
        if form == "noun" and agent is not None and (subject is None or subject.end <= t0):
            subject = agent
            objects = [
                a
                for a in before
                if a.kind in targets and words_between(text, a.end, t0) <= 8 and a.entity != agent.entity
            ][:1]
            if not objects:
                subject = None
        if form == "noun" and (not objects or all(o.kind is Kind.COUNTRY for o in objects)):
            # "a $550 billion package of Japanese investment": the thing named just before
            near = [
                a
                for a in before
                if a.kind in targets
                and a.kind is not Kind.COUNTRY
                and words_between(text, a.end, t0) <= 6
                and (subject is None or (a.entity != subject.entity and a.start != subject.start))
            ][:1]
            if near:
                if objects and counterparty is None:
                    counterparty = objects[0].entity
                objects = near
        if subject is not None and objects:
            for one in [subject, *_coordinated(text, before, subject, sources)]:
                pairs.append((one, [o for o in objects if o.entity != one.entity], counterparty))
    elif form == "source-first":  # "according to Kyodo, ..."
        subject = next((a for a in after if a.kind in sources), None)
        if subject is not None:
            rest = [a for a in after if a.start > subject.end]
            objects, counterparty = _objects(text, rel_type, subject.end, rest, sentence[1], subject, 30)
            if objects:
                pairs.append((subject, objects[:1], counterparty))
    elif form == "container":  # the whole before, its parts after
        whole = next(
            (
                a
                for a in before
                if a.kind in targets and a.kind is not Kind.COUNTRY and words_between(text, a.end, t0) <= 6
            ),
            None,
        )
        first = next((a for a in after if a.start < clause_end), None)
        if whole is not None and first is not None and words_between(text, t1, first.start) <= 3:
            parts, _ = _objects(text, rel_type, t1, after, clause_end, whole, 3, kinds=sources)
            pairs.extend((part, [whole], None) for part in parts)
    elif form == "exchange":  # "the deal ... in exchange for lower tariffs"
        given = next((a for a in before if a.kind in sources and a.start >= clause_start), None)
        got = next((a for a in after if a.kind in targets and words_between(text, t1, a.start) <= 3), None)
        if given is not None and got is not None:
            pairs.append((given, [got], None))
    elif form == "place":  # "sediment near Minamitorishima"
        thing = next((a for a in before if a.kind in sources and words_between(text, a.end, t0) <= 2), None)
        place = next((a for a in after if a.kind in targets and words_between(text, t1, a.start) <= 1), None)
        if thing is not None and place is not None:
            pairs.append((thing, [place], None))

    out: list[Proposal] = []
    for subject, objects, counterparty in pairs:
        for obj in objects:
            source, target = subject, obj
            if not _allowed(rel_type, source, target):
                continue
            gap = words_between(text, source.end, t0) if subject_gap and source.end <= t0 else 0
            first = objects[0]
            gap += words_between(text, t1, first.start) if first.start >= t1 and form != "container" else 0
            confidence = strength - penalty - 0.015 * max(0, gap - 4)
            confidence *= min(1.0, (source.confidence + 1) / 2 + 0.1) * min(1.0, (target.confidence + 1) / 2 + 0.1)
            lo, hi = min(source.start, target.start, t0), max(source.end, target.end, t1)
            between = text[max(sentence[0], lo - 40) : hi]
            notes: list[str] = []
            if _NEGATION.search(between):
                confidence *= 0.4
                notes.append("negated")
            if is_hedged(text, sentence[0], sentence[1]):
                confidence *= 0.95
                notes.append("hedged")
            rule = f"{form} {text[t0:t1].lower()!r}"
            points = [t0, t1, source.start, source.end, target.start, target.end]
            if obj is not objects[0]:  # a later list item: the quote centres on the item
                points = [target.start, target.end, t0, t1]
            elif form == "container":  # the part is what this claim is about
                points = [source.start, source.end, t0, t1, target.start, target.end]
            p = Proposal(
                type=rel_type,
                source=source,
                target=target,
                confidence=round(max(0.0, min(confidence, 0.99)), 2),
                rule=rule,
                trigger=(t0, t1),
                quote=quote_span(text, sentence, points),
                counterparty=counterparty if counterparty not in (source.entity, target.entity) else None,
                notes=notes,
            )
            if rel_type in _MONEY_TYPES:
                i = objects.index(obj)
                previous = objects[i - 1].end if i > 0 else min(t1, target.start)
                following = target.end if obj is not objects[-1] else clause_end
                p.money = _item_money(cash, previous, target, following)
            for d in when:
                if DUE_CUE.search(text[max(sentence[0], d.start - 20) : d.start]):
                    p.due_by = p.due_by or d
                elif rel_type in (RelType.PLEDGES, RelType.PARTICIPATES_IN) and d.start > sentence[0]:
                    p.valid_from = p.valid_from or d
            out.append(p)
    return out


def _after_preposition(text: str, a: Arg) -> bool:
    """Whether a mention is the object of a preposition ("a visit to Washington")."""
    return bool(_PREPOSITION.search(text[max(0, a.start - 12) : a.start]))


def _compound(text: str, a: Arg) -> bool:
    """Whether a mention is half of a compound adjective ("U.S.-bound", "Japanese-financed")."""
    return text[a.end : a.end + 1] in ("-", "‑") and text[a.end + 1 : a.end + 2].islower()


def _possessor(text: str, a: Arg) -> bool:
    """Whether a mention owns what follows it ("press Tokyo's agenda"): not itself the object."""
    return text[a.end : a.end + 2] in ("’s", "'s")


def _objects(
    text: str,
    rel_type: RelType,
    t1: int,
    after: list[Arg],
    clause_end: int,
    subject: Arg | None,
    window: int,
    kinds: frozenset[Kind] | None = None,
) -> tuple[list[Arg], str | None]:
    """The nearest allowed mention after a trigger, and those listed with it ("A, B and C").
    A country right after the verb and before "to", "for" or "with" ("pressed Tokyo for
    higher defence spending"), or after "to", "from" or "of", is the counterparty when
    something else follows; a country is what is pledged or offered only after "to"."""
    kinds = kinds if kinds is not None else ALLOWED[rel_type][1]
    objects: list[Arg] = []
    counterparty: str | None = None
    anchor: Arg | None = None
    for a in after:
        if a.start >= clause_end:
            break
        if subject is not None and a.entity == subject.entity:
            continue
        if anchor is None:
            if _verb_between(text, t1, a.start):  # another clause began: "... and pressed Washington"
                break
            if a.kind not in kinds or _possessor(text, a) or _NOT_AN_OBJECT.search(text, max(0, a.start - 24), a.start):
                continue
            if words_between(text, t1, a.start) > window:
                break
            cue = _COUNTERPARTY_CUE.search(text[max(0, a.start - 12) : a.start])
            rest = [b for b in after if a.end < b.start < clause_end and b.kind in kinds and b.kind is not Kind.COUNTRY]
            direct = words_between(text, t1, a.start) <= 1 and bool(
                _INDIRECT.match(text, a.end) or rel_type is RelType.DEMANDS and _CLAUSE_OBJECT.match(text, a.end)
            )
            if rel_type is RelType.DEMANDS and _THAT.search(text, max(0, a.start - 8), a.start):
                direct = bool(_CLAUSE_OBJECT.match(text, a.end))  # "a demand ... that Japan fund X"
            if a.kind in _ACTOR_KINDS and (cue or direct) and rest and counterparty is None:
                counterparty = a.entity
                if rel_type in (RelType.SUPPLIES, RelType.DEPENDS_ON):  # "supplies Japan with lithium": both
                    objects.append(a)
                continue
            if (
                a.kind is Kind.COUNTRY
                and rel_type in (RelType.PLEDGES, RelType.OFFERS)
                and not _TO.search(text, max(0, a.start - 8), a.start)
            ):
                if cue and counterparty is None:  # "investment into the United States": who benefits
                    counterparty = a.entity
                continue
            objects.append(a)
            anchor = a
        else:
            if a.via == "demonym" or a.kind not in kinds:  # an adjective or a place inside a list item
                continue
            gap = text[anchor.end : a.start]
            if _verb_between(text, anchor.end, a.start) or not _LIST_GAP.match(_strip_list_filler(gap)):
                break
            if a.kind is Kind.COUNTRY and rel_type in (RelType.PLEDGES, RelType.OFFERS):
                continue
            if a.kind in kinds and not _possessor(text, a):
                objects.append(a)
                anchor = a
    return objects, counterparty


def _verb_between(text: str, start: int, end: int) -> bool:
    """Whether a finite verb or another trigger stands between two points."""
    gap = text[start:end]
    return bool(_VERB.search(gap)) or bool(_VERB_TRIGGERS.search(gap))


def _subject(
    text: str, before: list[Arg], kinds: frozenset[Kind], clause_start: int, t0: int, window: int, form: str
) -> Arg | None:
    """The nearest allowed mention before the trigger that is not the object of a preposition
    or of another verb ("Trump congratulated Takaichi but demanded ..." → Trump), and the
    antecedent of a relative clause ("plants, which are designed to supply ..." → plants)."""
    relative = _RELATIVE.search(text, clause_start, t0)
    for a in before:
        if a.start < clause_start or words_between(text, a.end, t0) > window:
            return None
        if relative and a.end <= relative.start() and text[a.end : relative.start()].strip(" ,") == "":
            if relative.group().strip() == "who":  # "Meng Xiaoxu of CASS, who analysed": the person
                person = next(
                    (b for b in before if b.kind in (Kind.PERSON, Kind.LEADER) and b.start >= clause_start), None
                )
                if person is not None and person.kind in kinds and words_between(text, person.end, a.start) <= 8:
                    return person
            return a if a.kind in kinds else None
        if a.kind not in kinds:
            continue
        near = words_between(text, a.end, t0)
        if form == "noun" and near <= 3 and a.kind is Kind.COUNTRY and a.via == "name" and not _possessor(text, a):
            continue  # "US investments": where the money goes, not who gives it
        owner = form == "noun" and (_possessor(text, a) and near <= 6 or a.via == "demonym" and near <= 2)
        if not owner and _after_preposition(text, a):
            continue
        if not owner and _VERB_BEFORE.search(text[max(clause_start, a.start - 30) : a.start]):
            continue
        if _SPEECH.search(text, a.end, t0):  # "officials say the seabed could supply ...": the speaker
            continue  # is not the subject of what is reported
        return a
    return None


def _coordinated(text: str, before: list[Arg], subject: Arg, kinds: frozenset[Kind]) -> list[Arg]:
    """Subjects joined to the chosen one: "SoftBank Group and Hoshino Electric will take part"."""
    out: list[Arg] = []
    anchor = subject
    for a in before:
        if a.end > anchor.start:
            continue
        gap = text[a.end : anchor.start]
        joined = _AND.fullmatch(gap) if anchor is subject else _AND.fullmatch(gap) or gap.strip() == ","
        if not joined:
            break
        if a.kind in kinds:
            out.append(a)
        anchor = a
    return out


def _antecedent(text: str, before: list[Arg], kinds: frozenset[Kind], subject: Arg) -> list[Arg]:
    """The thing a relative clause is about: "the plan that Japan pledged", "MASGA, a
    programme in which Hanwha Ocean takes part"."""
    for a in before:
        if a.end > subject.start or a.kind not in kinds:
            continue
        if _ANTECEDENT.fullmatch(text[a.end : subject.start]):
            return [a]
        return []
    return []


def _strip_list_filler(gap: str) -> str:
    """The separators between two list items, once the items' own words are dropped:
    ", expanded access for " → ","; " such as rice, and even proposals to mobilize " → ", and".
    Without a separator, or with long stretches of other words, the gap is not a list."""
    parts = re.split(r"(,|;|&|\band\b|\bor\b|\bas well as\b)", gap)
    if len(parts) == 1:
        return gap if len(gap.split()) <= 1 else "x"
    head, tail = parts[0], parts[-1]
    if len(head.split()) > 8 or len(tail.split()) > 10 or _EXAMPLES.search(tail):  # ", and firms like X"
        return "x"
    return "".join(p for i, p in enumerate(parts) if i % 2 == 1)


def _item_money(cash: list[MoneyMention], start: int, target: Arg, end: int) -> MoneyMention | None:
    """The amount stated in an object's own stretch: after the previous list item (or the
    trigger) and before the next one, nearest to the object."""
    inside = [m for m in cash if start <= m.end and m.start <= end]
    return min(inside, key=lambda m: abs(m.start - target.start)) if inside else None
