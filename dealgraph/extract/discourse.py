"""Rules that reach across sentences: an amount stated of a part of a plan pledged in an earlier
sentence ("a first wave ... worth ¥6 trillion"), and the date a known part of a plan is due
by, after a sentence naming that plan ("trial extraction could begin by February 2027"). Each
proposal quotes both sentences and says so in its note."""

from __future__ import annotations

import re

from dealgraph.extract.amounts import DateMention, MoneyMention
from dealgraph.extract.proposal import Arg, Proposal
from dealgraph.extract.sentences import quote_span
from dealgraph.graph.model import Kind, RelType

DUE_CUE = re.compile(r"\b(?:by|before|until|no later than|due)\s+(?:the\s+)?$", re.I)

_VALUE_CUE = re.compile(r"\b(?:value|worth|valued\s+at|totall?ing|total\s+of|amounting\s+to)\b", re.I)


def carried_amount(
    text: str,
    sentence: tuple[int, int],
    inside: list[Arg],
    cash: list[MoneyMention],
    pledge: Proposal,
    part_of: dict[str, Arg],
) -> list[Proposal]:
    """'A first wave of projects ... worth more than ¥6 trillion', after a sentence in which
    Japan pledges the plan the first wave belongs to: Japan pledges that amount to the part."""
    cue = _VALUE_CUE.search(text, sentence[0], sentence[1])
    if not cue or not cash:
        return []
    for part in inside:
        if (
            part.kind is Kind.PROJECT
            and part.entity in part_of
            and part_of[part.entity].entity == pledge.target.entity
            and part.end <= cue.start()
        ):
            amount = min(cash, key=lambda m: abs(m.start - cue.end()))
            return [
                Proposal(
                    type=RelType.PLEDGES,
                    source=pledge.source,
                    target=part,
                    confidence=0.65,
                    rule="an amount stated of a part of a plan pledged in an earlier sentence",
                    trigger=(cue.start(), cue.end()),
                    quote=quote_span(text, sentence, [cue.start(), part.start, amount.end]),
                    counterparty=pledge.counterparty,
                    money=amount,
                    notes=[f"pledger carried over from an earlier sentence ({pledge.source.text!r})"],
                    earlier=[pledge.quote],
                )
            ]
    return []


_STEP = re.compile(r"\b(?:begin|start|commence|launch|open|be\s+completed|finish|conclude|be\s+settled)\b", re.I)


def dated_step(
    text: str,
    sentence: tuple[int, int],
    inside: list[Arg],
    when: list[DateMention],
    part_of: dict[str, Arg],
    earlier: list[Arg],
    previous: list[tuple[int, int]],
) -> list[Proposal]:
    """'Trial extraction could begin by February 2027', after a sentence naming the plan the
    trial belongs to: the part's PART_OF claim, carrying the date it is due by, evidenced by
    both sentences."""
    step = _STEP.search(text, sentence[0], sentence[1])
    if not step:
        return []
    due = [d for d in when if d.start > step.start() and DUE_CUE.search(text[max(sentence[0], d.start - 20) : d.start])]
    parts = [a for a in inside if a.entity in part_of and a.end <= step.start()]
    if not due or not parts:
        return []
    part = parts[-1]
    whole = next((a for a in reversed(earlier) if a.entity == part_of[part.entity].entity), None)
    if whole is None:
        return []
    whole_sentence = next((s for s in previous if s[0] <= whole.start < s[1]), None)
    if whole_sentence is None:  # named more than three sentences before: too far to carry
        return []
    return [
        Proposal(
            type=RelType.PART_OF,
            source=part,
            target=whole,
            earlier=[quote_span(text, whole_sentence, [whole.start, whole.end])],
            notes=[f"the plan is named in an earlier sentence ({whole.text!r})"],
            confidence=0.65,
            rule="a dated step of a known part of a plan",
            trigger=(step.start(), step.end()),
            quote=quote_span(text, sentence, [part.start, part.end, step.start(), due[0].end]),
            due_by=due[0],
        )
    ]
