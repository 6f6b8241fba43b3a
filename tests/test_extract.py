"""The article extractor's first stages: reading articles, linking known entities, money and
dates. (Relationship proposals and the `extract` command are not built yet.)"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from dealgraph.errors import SourceError
from dealgraph.extract.amounts import date_mentions, money_mentions
from dealgraph.extract.mentions import Linker
from dealgraph.extract.text import html_text, markdown_text, read_article
from dealgraph.graph.countries import country_words
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Entity, Kind

ARTICLE_001 = "001_ee9c060fe19d7241.txt"


# -- reading -----------------------------------------------------------------------------------


def test_html_loses_markup_scripts_and_styles_and_decodes_entities(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<script>alert('x')</script><h1>Tokyo &amp; Washington</h1><p>Japan&#8217;s <b>$550&nbsp;billion</b> pledge</p>"
        "</body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    assert article.text == "Tokyo & Washington\nJapan’s $550\xa0billion pledge"
    assert article.doc_id == "a.html"


def test_markdown_keeps_text_only():
    assert (
        markdown_text("# Title\n\nSome **bold** and [a link](http://x) `code`.")
        == "Title\n\nSome bold and a link code."
    )
    assert html_text("<p>a</p><p>b &lt;c&gt;</p>") == "a\nb <c>"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"   \n\n", "the article is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "this is a binary file, not an article (plain text, Markdown or HTML)"),
        (b"<html><script>x()</script></html>", "the article has no text once its markup is removed"),
    ],
)
def test_unreadable_articles_are_clear_errors(tmp_path, content, message):
    path = tmp_path / ("a.html" if content.startswith(b"<") else "a.txt")
    path.write_bytes(content)
    with pytest.raises(SourceError) as err:
        read_article(path)
    assert str(err.value.problems[0]) == f"{path}: {message}"


def test_decode_errors_name_the_line_and_byte_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("first line\nJapan’s pledge, caf".encode() + b"\xe9 noir\n")
    with pytest.raises(SourceError) as err:
        read_article(path)
    assert str(err.value.problems[0]) == f"{path}:2: not UTF-8 text: byte 0xe9 at offset 32; save it as UTF-8"


# -- known entities ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def linker(corpus):
    return Linker(corpus)


def test_names_aliases_scripts_possessives_and_dots(linker):
    text = "Japan’s PM Takaichi met Trump. 高市早苗 spoke; the U.S. and the US and United States agreed, but not us."
    found = [(m.text, m.entity) for m in linker.mentions(text)]
    assert found == [
        ("Japan", "japan"),
        ("Takaichi", "sanae-takaichi"),
        ("Trump", "donald-trump"),
        ("高市早苗", "sanae-takaichi"),
        ("U.S.", "united-states"),
        ("US", "united-states"),
        ("United States", "united-states"),
    ]
    for m in linker.mentions(text):
        assert text[m.start : m.end] == m.text  # spans point into the text


def test_demonyms_and_capitals_link_to_the_country_with_less_confidence(linker):
    mentions = linker.mentions("Tokyo rejected it; Japanese money and American demands, not American negotiators.")
    found = [(m.text, m.entity, m.via, m.confidence) for m in mentions]
    assert found == [
        ("Tokyo", "japan", "name", 1.0),  # the corpus lists Tokyo as an alias of Japan
        ("Japanese", "japan", "demonym", 0.75),
        ("American", "united-states", "demonym", 0.75),  # "American negotiators" are people, not the state
    ]
    korea = Linker(Dataset.of([Entity(id="south-korea", kind=Kind.COUNTRY, name="South Korea")], []))
    assert [(m.text, m.entity, m.via) for m in korea.mentions("Seoul objected; seoul is lower-case here.")] == [
        ("Seoul", "south-korea", "capital")
    ]


def test_a_country_known_by_another_name_has_its_stand_ins_and_a_shared_word_stands_for_neither():
    countries = [
        Entity(id="britain", kind=Kind.COUNTRY, name="Britain"),  # the table's "united kingdom"
        Entity(id="thailand", kind=Kind.COUNTRY, name="Thailand"),
        Entity(id="north-korea", kind=Kind.COUNTRY, name="North Korea"),
        Entity(id="korea-south", kind=Kind.COUNTRY, name="Republic of Korea", aliases=("South Korea",)),
    ]
    linker = Linker(Dataset.of(countries, []))
    text = "London and Bangkok objected; Thai and British officials met Korean and North Korean envoys."
    found = [(m.text, m.entity, m.via) for m in linker.mentions(text)]
    assert found == [
        ("London", "britain", "capital"),
        ("Bangkok", "thailand", "capital"),
        ("Thai", "thailand", "demonym"),  # a demonym by the table, whatever its ending
        ("British", "britain", "demonym"),
        ("Korean", "korea-south", "demonym"),
        ("North Korean", "north-korea", "demonym"),
    ]
    assert country_words("uk") == country_words("united kingdom") == ("british", "london", "downing street")
    twice = Linker(Dataset.of([Entity(id="a", kind=Kind.COUNTRY, name="Korea"), countries[3]], []))
    assert "seoul" not in twice.stand_ins  # two countries the table gives the same words: neither


def test_the_source_article_links_its_actors(linker, documents_dir):
    article = read_article(documents_dir / ARTICLE_001)
    counts = Counter(m.entity for m in linker.mentions(article.text))
    for entity in ("japan", "united-states", "sanae-takaichi", "donald-trump", "softbank-group", "minamitorishima"):
        assert counts[entity] >= 1, entity
    assert not any(m.text.endswith(".") and m.text.count(".") == 1 for m in linker.mentions(article.text))


# -- money -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "currency", "qualifier", "usd"),
    [
        ("a planned $550 billion package", 550e9, "USD", "exact", 550e9),
        ("US$36 bn", 36e9, "USD", "exact", 36e9),
        ("¥6 trillion", 6e12, "JPY", "exact", None),
        ("6 trillion yen", 6e12, "JPY", "exact", None),
        ("more than ¥6 trillion", 6e12, "JPY", "more_than", None),
        ("¥10 trillion for nuclear", 10e12, "JPY", "exact", None),
        ("$600 million", 600e6, "USD", "exact", 600e6),
        ("an estimated 6 trillion yen (approximately $55 billion) for", 6e12, "JPY", "about", 55e9),
        ("up to 5 trillion yen", 5e12, "JPY", "up_to", None),
    ],
)
def test_money(text, amount, currency, qualifier, usd):
    [m] = money_mentions(text)
    assert (m.money.amount, m.money.currency, m.money.qualifier.value) == (amount, currency, qualifier)
    assert (m.money.usd.amount if m.money.usd else None) == usd
    assert text[m.start : m.end] == m.text and not m.text[0].isspace()


def test_a_range_keeps_its_top():
    [m] = money_mentions("between $10-15 billion")
    assert (m.money.amount, m.money.qualifier.value, m.upper) == (10e9, "at_least", 15e9)


# -- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "inferred"),
    [
        ("reached in July 2025", "2025-07", False),
        ("a deadline of end-2025 was moved", "2025-12", False),
        ("to the end of February", "2026-02", True),
        ("by February 2027", "2027-02", False),
        ("on Feb. 17 the", "2026-02-17", True),
        ("a visit in March", "2026-03", True),
        ("the end of 2025", "2025-12", False),
    ],
)
def test_dates_resolve_against_the_article_date(text, expected, inferred):
    [m] = date_mentions(text, dt.date(2026, 2, 10))
    assert (str(m.date), m.inferred_year) == (expected, inferred)


def test_dates_without_a_year_need_the_article_date():
    assert date_mentions("to the end of February") == []
    assert [str(m.date) for m in date_mentions("in January 2026")] == ["2026-01"]
    assert date_mentions("they may agree; March on") == []  # verbs, not months
