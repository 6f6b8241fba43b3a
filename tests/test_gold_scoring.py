"""The scorer of gold files (dealgraph.extract.gold, the format of ../shared/eval/GOLD-FORMAT.md):
each linked mention is judged once, by the annotation of its kind. The extractions here are
written by hand: these tests are about the scorer's arithmetic, not about any extractor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dealgraph.extract.extractor import Extraction
from dealgraph.extract.gold import evaluate_gold, score_gold
from dealgraph.extract.mentions import Mention
from dealgraph.extract.text import Article

TEXT = (
    "Norway lowered its levy on Tuesday, the Oslo government said. "
    "Lisbon welcomed Oslo's Chile pledge. "
    "The fund, which the Solberg cabinet praised, will buy wind minerals."
)
GOLD = """\
article: a.txt
date: 2026-01-05
mentions:
  - {text: "Norway", entity: norway}
  - {text: "Chile", entity: chile}
  - {text: "Oslo", entity: norway}
stand_ins:
  - {entity: norway, context: "Oslo's Chile pledge"}
descriptions:
  - {entity: levy-cut, context: "lowered its levy"}
  - {entity: norway, context: "the Solberg cabinet"}
new_entities:
  - {id: wind-minerals, name: "wind minerals", kind: Mineral, forms: ["wind minerals"]}
relationships: []
"""


def _at(text: str, entity: str, via: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Mention(entity, start, start + len(text), text, via, 1.0)


def _score(tmp_path: Path, linked: list[Mention]):
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold" / "a.yaml").write_text(GOLD, encoding="utf-8")

    def extractor(article: Article, day: dt.date | None) -> Extraction:
        return Extraction(linked=[(article.doc_id, m) for m in linked])

    return score_gold(tmp_path / "gold" / "a.yaml", tmp_path / "articles", extractor)[0]


def test_every_listed_name_found_scores_full_marks(tmp_path):
    linked = [_at("Norway", "norway", "name"), _at("Chile", "chile", "name"),
              _at("Oslo", "norway", "name"), _at("Oslo", "norway", "name", 1)]  # fmt: skip
    score = _score(tmp_path, linked)
    assert (score.names.tp, score.names.fp, score.names.fn) == (4, 0, 0)
    assert (score.stand_ins.tp, score.stand_ins.fp) == (1, 0)


def test_a_wrong_entity_for_a_listed_name_is_counted_against(tmp_path):
    score = _score(tmp_path, [_at("Chile", "norway", "name")])
    assert (score.names.tp, score.names.fp) == (0, 1)


def test_a_listed_name_inside_another_entitys_stand_in_context_is_judged_as_a_name(tmp_path):
    # "Chile" in "Oslo's Chile pledge" (Norway's stand-in) is right as a name, not a wrong stand-in
    score = _score(tmp_path, [_at("Chile", "chile", "name")])
    assert (score.names.tp, score.names.fp) == (1, 0)
    assert score.stand_ins.fp == 0


def test_an_unlisted_name_in_another_entitys_stand_in_context_is_wrong_once(tmp_path):
    score = _score(tmp_path, [_at("pledge", "chile", "name")])
    assert (score.linking.tp, score.linking.fp) == (0, 1)


def test_a_wrong_alias_over_a_listed_name_is_wrong_once(tmp_path):
    # "Chile" in Norway's stand-in context, linked to Norway: a wrong name, not a found stand-in
    score = _score(tmp_path, [_at("Chile", "norway", "name")])
    assert (score.names.fp, score.stand_ins.fp) == (1, 0)


def test_an_alias_that_is_a_listed_description_is_judged_as_that_description(tmp_path):
    # "Solberg cabinet" read as an alias of Norway: one right description, not also a wrong name
    score = _score(tmp_path, [_at("Solberg cabinet", "norway", "name")])
    assert (score.names.tp, score.names.fp) == (0, 0)
    assert (score.descriptions.tp, score.descriptions.fp) == (1, 0)
    assert (score.linking.tp, score.linking.fp) == (1, 0)


def test_an_unlisted_alias_elsewhere_is_a_wrong_name(tmp_path):
    score = _score(tmp_path, [_at("Tuesday", "norway", "name")])
    assert (score.names.tp, score.names.fp) == (0, 1)


def test_pronouns_are_not_judged(tmp_path):
    # "its" inside the description context of the levy cut: the gold annotates no pronoun
    score = _score(tmp_path, [_at("its", "norway", "coref")])
    assert (score.descriptions.tp, score.descriptions.fp) == (0, 0)
    assert score.pronouns == 1


def test_a_definite_description_for_the_wrong_entity_is_counted_against(tmp_path):
    score = _score(tmp_path, [_at("lowered its levy", "norway", "description")])
    assert score.descriptions.fp == 1


def test_a_link_to_an_entity_the_gold_lists_as_new_is_judged_as_that_new_entity(tmp_path):
    score = _score(tmp_path, [_at("wind minerals", "wind-minerals", "name")])
    assert (score.names.tp, score.names.fp) == (0, 0)
    assert (score.new_entities.tp, score.new_entities.fn) == (1, 0)
    assert score.gained == 1


def test_the_report_counts_what_it_set_aside(tmp_path):
    _score(tmp_path, [])
    linked = [_at("its", "norway", "coref"), _at("wind minerals", "wind-minerals", "name")]
    report = evaluate_gold(tmp_path, lambda article, day: Extraction(linked=[(article.doc_id, m) for m in linked]))
    assert report.set_aside == (1, 1)
    assert report.totals["new_entities"].tp == 1
