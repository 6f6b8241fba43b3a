"""Scoring an extraction against gold files written by others (``../shared/eval``, in the format
of its ``GOLD-FORMAT.md``): linking (names, stand-ins, descriptions), new entities and their
kinds, relationships (optional items count neither way), and money and due dates on the matched
relationships that state them.

Matching, as the format says: a proposed new entity matches a gold one when its folded name
equals the gold name or one of its forms, or one of its mentions overlaps an occurrence of a
form; a proposed relationship matches on (type, source, target) after that mapping.

Each linked mention is judged once, by the annotation of its kind:
- a name that is (part of) a gold stand-in or description context of the same entity ("the Trump
  administration", an alias) is judged as that reference, not again as a name the gold lacks; a
  name the gold lists inside another entity's stand-in context ("US" in "Tokyo's US pledge") is
  judged as a name, not as a wrong stand-in;
- a pronoun ("its", "his") is not judged: the gold annotates names, stand-ins and descriptive
  references, never pronouns (a pronoun that happens to fall inside another entity's description
  context would otherwise be counted against, and one anywhere else not at all);
- a link to a known entity whose id the gold lists among its new entities (the corpus gained it
  after the gold was written: "critical-minerals") is judged as a proposal of that new entity.
The benchmark prints how many links each of the last two set aside.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dealgraph.extract.extractor import Extraction
from dealgraph.extract.link import PRONOUNS
from dealgraph.extract.mentions import Mention
from dealgraph.extract.scoring import Score, _compare, _occurrences
from dealgraph.extract.text import Article, read_article
from dealgraph.graph.names import name_key

Extractor = Callable[[Article, dt.date | None], Extraction]
"""article, date -> extraction"""


@dataclass
class GoldScore:
    article: str
    names: Score
    stand_ins: Score
    descriptions: Score
    linking: Score  # the three together
    new_entities: Score
    kinds: Score
    relationships: Score
    by_type: dict[str, Score]
    money: Score = field(default_factory=Score)  # tp: right, fn: wrong or missing
    due_by: Score = field(default_factory=Score)
    pronouns: int = 0  # pronoun links, not judged
    gained: int = 0  # links to known entities the gold lists as new ones, judged as new entities


def load_gold(path: Path) -> dict[str, Any]:
    from dealgraph.loaders.yaml_claims import _yaml, plain

    return plain(_yaml().load(path.read_text(encoding="utf-8")))  # type: ignore[no-any-return]


def score_gold(gold_path: Path, articles: Path, extractor: Extractor) -> tuple[GoldScore, Extraction]:
    """Extract one article with ``extractor`` and compare with its gold file."""
    gold = load_gold(gold_path)
    article = read_article(articles / gold["article"])
    day = dt.date.fromisoformat(str(gold["date"])) if gold.get("date") else None
    result = extractor(article, day)
    text = article.text
    name = gold["article"]
    gold_new = gold.get("new_entities") or []
    new_ids = {g["id"] for g in gold_new}
    all_linked = [m for _, m in result.linked]
    gained = [m for m in all_linked if m.entity in new_ids]
    pronouns = [m for m in all_linked if m.entity not in new_ids and m.text.lower() in PRONOUNS]
    linked = [m for m in all_linked if m.entity not in new_ids and m.text.lower() not in PRONOUNS]

    def contexts(key: str) -> list[tuple[int, int, str]]:
        out = []
        for item in gold.get(key) or []:
            at = text.find(item["context"])
            if at >= 0:
                out.append((at, at + len(item["context"]), item["entity"]))
        return out

    # names: every whole-word occurrence of each listed form, longest first
    gold_spans: dict[tuple[int, int], str] = {}
    for item in sorted(gold.get("mentions") or [], key=lambda i: -len(i["text"])):
        for span in _occurrences(text, item["text"]):
            if not any(a < span[1] and span[0] < b for a, b in gold_spans):
                gold_spans[span] = item["entity"]
    stand_in_contexts, description_contexts = contexts("stand_ins"), contexts("descriptions")

    def by_context(m: Mention) -> bool:
        """A name link judged by a gold context: in a stand-in or description context of its entity
        and not just a listed name ("the Trump administration" as an alias, not "Trump")."""
        return (
            m.via == "name"
            and any(a < m.end and m.start < b and e == m.entity for a, b, e in stand_in_contexts + description_contexts)
            and not any(a <= m.start and m.end <= b for a, b in gold_spans)
        )

    by_name = [m for m in linked if m.via in ("name", "new form") and not by_context(m)]
    predicted_names = set()
    for m in by_name:
        occurrence = next(((a, b) for (a, b) in gold_spans if a < m.end and m.start < b), None)
        predicted_names.add((occurrence[0] if occurrence else m.start, m.entity))  # the gold occurrence it overlaps
    names = _compare(predicted_names, {(a, e) for (a, _), e in gold_spans.items()}, name)

    def judge(items: list[tuple[int, int, str]], vias: tuple[str, ...]) -> Score:
        # any link of the entity finds a context (a listed name can be a stand-in too: "Tokyo must
        # fund"), but a link counts against only where it is judged: names as names
        found = [m for m in linked if m.via in vias or by_context(m)]
        tp = sum(1 for a, b, e in items if any(m.entity == e and a < m.end and m.start < b for m in found))
        # a proposal inside no gold context of its kind is not counted against it: the gold lists
        # stand-ins and descriptions by context, not every occurrence
        judged = [m for m in found if m.via != "name" or by_context(m)]
        wrong = [m for m in judged if any(a < m.end and m.start < b and m.entity != e for a, b, e in items)
                 and not any(a < m.end and m.start < b and m.entity == e for a, b, e in items)]  # fmt: skip
        return Score(tp=tp, fp=len(wrong), fn=len(items) - tp,
                     false_positives=[f"{name}: {m.text} -> {m.entity}" for m in wrong],
                     misses=[f"{name}: {text[a:b]!r} -> {e}" for a, b, e in items
                             if not any(m.entity == e and a < m.end and m.start < b for m in found)])  # fmt: skip

    stand_ins = judge(stand_in_contexts, ("demonym", "capital", "name"))
    descriptions = judge(description_contexts, ("description", "coref"))
    linking = Score()
    for s in (names, stand_ins, descriptions):
        linking.add(s)

    # new entities: gold id <- proposed id
    form_spans: list[tuple[int, int, str]] = []
    keys: dict[str, str] = {}
    for g in gold_new:
        for form in [g["name"], *(g.get("forms") or [])]:
            keys.setdefault(name_key(form), g["id"])
            form_spans += [(a, b, g["id"]) for a, b in _occurrences(text, form)]
    mentions_of: dict[str, list[tuple[int, int]]] = {}
    for _, m in result.new_mentions:
        mentions_of.setdefault(m.entity, []).append((m.start, m.end))
    mapping: dict[str, str] = {}
    for e in result.entities:
        hit = keys.get(name_key(e.name)) or next((keys[name_key(a)] for a in e.aliases if name_key(a) in keys), None)
        if hit is None:  # the gold form its mentions overlap most
            overlaps = [(min(b, y) - max(a, x), g) for a, b, g in form_spans for x, y in mentions_of.get(e.id, [])
                        if a < y and x < b]  # fmt: skip
            hit = max(overlaps, key=lambda o: o[0])[1] if overlaps else None
        if hit is not None:
            mapping[e.id] = hit
    predicted_new = {mapping.get(e.id, f"?{e.id}") for e in result.entities} | {m.entity for m in gained}
    new_entities = _compare(predicted_new, {g["id"] for g in gold_new}, name)
    gold_kind = {g["id"]: g["kind"] for g in gold_new}
    kinds_right = {
        mapping[e.id] for e in result.entities if e.id in mapping and gold_kind[mapping[e.id]] == e.kind.value
    }
    matched = {mapping[e.id] for e in result.entities if e.id in mapping}  # a known entity's kind is the corpus's
    kinds = Score(tp=len(kinds_right), fn=len(matched - kinds_right),
                  misses=[f"{name}: kind of {g}" for g in sorted(matched - kinds_right)])  # fmt: skip

    # relationships
    def end(ident: str) -> str:
        return mapping.get(ident, ident)

    required = {
        (r["type"], r["source"], r["target"]): r for r in gold.get("relationships") or [] if not r.get("optional")
    }
    optional = {(r["type"], r["source"], r["target"]) for r in gold.get("relationships") or [] if r.get("optional")}
    predicted = {(c.type.value, end(c.source), end(c.target)): c for c in result.claims}
    counted = {k for k in predicted if k not in optional}
    relationships = _compare(counted, set(required), name)
    by_type = {
        t: _compare({r for r in counted if r[0] == t}, {r for r in required if r[0] == t}, name)
        for t in sorted({r[0] for r in counted | set(required)})
    }
    money, due_by = Score(), Score()
    for key in counted & set(required):
        g, c = required[key], predicted[key]
        if g.get("money"):
            right = (
                c.money is not None
                and abs(float(c.money.amount) - float(g["money"]["amount"])) < 1e-6 * float(g["money"]["amount"])
                and c.money.currency == g["money"]["currency"]
            )
            money.add(Score(tp=1) if right else Score(fn=1, misses=[f"{name}: money of {key}: {c.money}"]))
        if g.get("due_by"):
            right = c.due_by is not None and str(c.due_by) == str(g["due_by"])
            due_by.add(Score(tp=1) if right else Score(fn=1, misses=[f"{name}: due_by of {key}: {c.due_by}"]))
    score = GoldScore(name, names, stand_ins, descriptions, linking, new_entities, kinds, relationships, by_type,
                      money, due_by, pronouns=len(pronouns), gained=len(gained))  # fmt: skip
    return score, result


@dataclass
class GoldReport:
    articles: list[GoldScore]
    totals: dict[str, Score]
    by_type: dict[str, Score]

    @property
    def set_aside(self) -> tuple[int, int]:
        """Links not judged as links: pronouns, and links to entities the gold lists as new."""
        return sum(s.pronouns for s in self.articles), sum(s.gained for s in self.articles)


FIELDS = ("names", "stand_ins", "descriptions", "linking", "new_entities", "kinds", "relationships", "money", "due_by")


def evaluate_gold(directory: Path, extractor: Extractor) -> GoldReport:
    """Score every gold file in ``directory/gold`` (articles in ``directory/articles``)."""
    scores = [score_gold(p, directory / "articles", extractor)[0] for p in sorted((directory / "gold").glob("*.yaml"))]
    totals = {k: Score() for k in FIELDS}
    by_type: dict[str, Score] = {}
    for s in scores:
        for k in FIELDS:
            totals[k].add(getattr(s, k))
        for t, sc in s.by_type.items():
            by_type.setdefault(t, Score()).add(sc)
    return GoldReport(scores, totals, dict(sorted(by_type.items())))


def _word(text: str) -> str:
    return re.sub(r"\s+", " ", text)
