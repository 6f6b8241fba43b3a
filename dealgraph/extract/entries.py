"""Amount entries: the verbless list entries of fact sheets and round-ups that pair companies with
amounts and what the money is for, with no verb to carry a relationship:

    - Acme Power: small modular reactors, up to $10 billion, with possible roles for Borealis.
    - Storage: Acme Power, up to $5bn for batteries; Borealis, up to $2bn for cooling equipment.

Every company or organisation an entry names takes part in the projects it names ("small modular
reactors"). An entry that names no project gives only an amount and a product; the companies
then take part in the financed plan the article is about: the known plan or project, pledged
with money in the corpus, that the article referred to most often before the entry (the
proposal quotes that earlier reference too). An entry is a sentence, or a part of one between
semicolons, with an amount and no verb of its own (verbs inside a relative clause, "whose US arm
is based in Ohio", and participles used as adjectives do not count): where a verb is there, the
patterns of ``patterns.py`` read the sentence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from dealgraph.extract.entities import NewEntities
from dealgraph.extract.nlp import Annotated, Sentence
from dealgraph.extract.patterns import Pattern
from dealgraph.extract.refs import Ref, head_of, tokens_in
from dealgraph.graph.model import Kind, RelType

ENTRY_IN_PROJECT = Pattern(
    name="amount entry: a company listed with an amount and the projects it names takes part in them",
    type=RelType.PARTICIPATES_IN, lemmas=frozenset(), pos="E", source="", target="", confidence=0.7,
)  # fmt: skip
ENTRY_IN_PLAN = Pattern(
    name="amount entry: a company listed with an amount and a product takes part in the financed plan "
    "the article is about",
    type=RelType.PARTICIPATES_IN, lemmas=frozenset(), pos="E", source="", target="", confidence=0.65,
)  # fmt: skip

ENTRANTS = frozenset({Kind.COMPANY, Kind.ORGANIZATION})
#: Labels by which a verb or participle modifies a noun rather than heading a clause.
_MODIFIER_LABELS = ("amod", "compound")


def _relative_clauses(sentence: Sentence) -> set[int]:
    """Tokens inside relative clauses ("Acme, whose US arm is based in Ohio, ..."): the parse's,
    and from a relative pronoun to the next comma where the parse attached the clause otherwise."""
    inside: set[int] = set()
    for t in sentence.tokens:
        if t.pos in ("WDT", "WP", "WP$") and t.index not in inside:
            for u in sentence.tokens[t.index :]:
                if u.word in (",", ";"):
                    break
                inside.add(u.index)
    frontier = [e.dependent for edges in sentence.children.values() for e in edges if e.label == "acl:relcl"]
    while frontier:
        i = frontier.pop()
        if i in inside:
            continue
        inside.add(i)
        frontier += [e.dependent for e in sentence.children.get(i, []) if e.dependent > -1]
    return inside


def segments(sentence: Sentence) -> list[list[int]]:
    """The sentence's token indexes, split at semicolons."""
    out: list[list[int]] = [[]]
    for t in sentence.tokens:
        if t.word == ";":
            out.append([])
        else:
            out[-1].append(t.index)
    return [s for s in out if s]


def _verbless(sentence: Sentence, tokens: list[int], relative: set[int]) -> bool:
    for i in tokens:
        if i in relative or not sentence.tokens[i].pos.startswith(("VB", "MD")):
            continue
        if any(label.startswith(_MODIFIER_LABELS) for label in sentence.labels_into(i)):
            continue
        return False
    return True


def entry_candidates(doc: Annotated, index: dict[tuple[int, int], Ref], refs: list[Ref],
                     amounts: set[tuple[int, int]], financed: Mapping[str, str | None]) -> list:  # type: ignore[type-arg]  # fmt: skip
    """Candidates (``match.Candidate``) from the amount entries of ``doc``. ``amounts`` holds
    the (sentence, token) pairs inside amounts; ``financed`` the known plans and projects that
    the corpus says are pledged with money, each with the financed plan it is part of (or None)."""
    from dealgraph.extract.match import Candidate

    out: list[Candidate] = []
    ordered = sorted((r for r in refs if not r.members), key=lambda r: r.start)
    for sentence in doc.sentences:
        relative = _relative_clauses(sentence)
        for tokens in segments(sentence):
            money = [i for i in tokens if (sentence.index, i) in amounts or sentence.tokens[i].ner == "MONEY"]
            if not money or not _verbless(sentence, tokens, relative):
                continue
            inside = list(dict.fromkeys(index[(sentence.index, i)] for i in tokens
                                        if (sentence.index, i) in index and i not in relative))  # fmt: skip
            entrants = list({r.entity: r for r in inside if r.kind in ENTRANTS}.values())
            if not entrants:
                continue
            named = [r for r in inside if r.kind is Kind.PROJECT and not _modifier(sentence, r)]
            projects = list({r.entity: r for r in named}.values())
            if projects:
                out += [Candidate(ENTRY_IN_PROJECT, e, p, sentence.index, money[0], ENTRY_IN_PROJECT.confidence,
                                  money_token=money[0])
                        for e in entrants for p in projects]  # fmt: skip
                continue
            plan = topic(ordered, financed, sentence.start)
            if plan is None:
                continue
            first, last = sentence.tokens[money[0]], sentence.tokens[money[-1]]
            stand = Ref(plan.entity, plan.kind, first.start, last.end, doc.text[first.start : last.end], "entry",
                        plan.confidence, sentence.index, antecedent=(plan.start, plan.end))  # fmt: skip
            out += [Candidate(ENTRY_IN_PLAN, e, stand, sentence.index, money[0], ENTRY_IN_PLAN.confidence,
                              money_token=money[0], notes=[f"the plan is referred to before the entry ({plan.text!r})"])
                    for e in entrants]  # fmt: skip
    return out


def _modifier(sentence: Sentence, r: Ref) -> bool:
    """Whether the reference only modifies another noun ("data-centre power systems")."""
    tokens = tokens_in(sentence, r.start, r.end)
    head = head_of(sentence, tokens)
    return head is not None and any(
        g not in tokens and label.startswith(_MODIFIER_LABELS)
        for e in sentence.parents.get(head, [])
        for g, label in [(e.governor, e.label)]
    )


def entry_labels(doc: Annotated, taken: list[tuple[int, int]], amounts: list[tuple[int, int]],
                 found: NewEntities) -> None:  # fmt: skip
    """New companies from the labels of amount entries that NER left untagged ("- Carrier:
    cooling systems, up to $2 billion", "Storage: Acme, up to $5bn for batteries"): a run of
    proper nouns that opens the entry (or follows its heading's colon) and is followed by a colon
    or a comma."""
    for sentence in doc.sentences:
        relative = _relative_clauses(sentence)
        for tokens in segments(sentence):
            if not any(a <= sentence.tokens[i].start < b for i in tokens for a, b in amounts):
                continue
            if not _verbless(sentence, tokens, relative):
                continue
            starts = [tokens[0]] + [i + 1 for i in tokens if sentence.tokens[i].word == ":"]
            for start in starts:
                while start in tokens and sentence.tokens[start].word in ("-", "*", "•", "–"):
                    start += 1
                end = start
                while end in tokens and sentence.tokens[end].pos in ("NNP", "NNPS"):
                    end += 1
                if end == start or end not in tokens or sentence.tokens[end].word not in (":", ","):
                    continue
                if sentence.tokens[end].word == ":" and end + 1 in tokens and sentence.tokens[end + 1].pos == "NNP":
                    continue  # "- Energy: Acme, up to $5bn": a heading before the entry's name
                first, last = sentence.tokens[start], sentence.tokens[end - 1]
                if any(a < last.end and first.start < b for a, b in taken):
                    continue
                surface = doc.text[first.start : last.end]
                thing = found.add(name=surface, kind=Kind.COMPANY, confidence=0.7,
                                  rule="the label of an amount entry (a company listed with an amount)")  # fmt: skip
                found.refer(thing, sentence, first.start, last.end, surface, "entry label")
                taken.append((first.start, last.end))


def topic(ordered: list[Ref], financed: Mapping[str, str | None], before: int) -> Ref | None:
    """The financed plan referred to most often before ``before`` (its latest reference), a
    reference to a part of a plan ("the first tranche") counting for the whole plan too; the
    whole where a part and its plan tie. None when the article refers to none."""
    earlier = [r for r in ordered if r.end <= before and r.entity in financed]
    if not earlier:
        return None
    counts = Counter(r.entity for r in earlier)
    for part, n in list(counts.items()):
        whole = financed[part]
        if whole is not None:
            counts[whole] += n
    top = max(counts.values())
    wholes = sorted(e for e in counts if counts[e] == top and financed.get(e) not in counts)
    ref = next((r for r in reversed(earlier) if r.entity in wholes), None)
    if ref is None and wholes:  # the whole plan was never named: the part's reference stands for it
        named = next((r for r in reversed(earlier) if financed[r.entity] == wholes[0]), None)
        if named is not None:
            ref = Ref(wholes[0], named.kind, named.start, named.end, named.text, named.via, named.confidence,
                      named.sentence)  # fmt: skip
    return ref
