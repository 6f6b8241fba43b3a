"""The extractor at its edges: odd file names, the same article twice, ids that clash, long
names, outputs that cannot be written, and two extracted accounts of one relationship."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealgraph.cli import cli
from dealgraph.extract.newnames import slug
from dealgraph.extract.text import doc_id_for, markdown_text
from dealgraph.graph.embedded import EmbeddedStore
from dealgraph.graph.model import Document
from dealgraph.loaders import load_sources

SENTENCE = "Japan pledged $5 billion to the first tranche by March 2026.\n"


def run(*args: str):
    # quotes are checked only where a test asks (--documents), not by the test runner's environment
    return CliRunner(env={"DEALGRAPH_DOCUMENTS": None}).invoke(cli, list(args), catch_exceptions=False)


def extract_json(*args: str) -> dict:
    result = run("extract", "--engine", "rules", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- document ids from file names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("café.txt", "cafe.txt"),
        ("a_ b.txt", "a-b.txt"),
        ("Café News_ 2.TXT", "cafe-news-2.txt"),
        ("q3_report.md", "q3_report.md"),
        ("report.v2 (final).html", "report.v2-final.html"),
        ("Ünïcödé—dash.txt", "unicode-dash.txt"),
    ],
)
def test_a_file_name_becomes_a_valid_document_id(name, expected):
    assert doc_id_for(Path(name)) == expected
    Document(id=expected, title="t")  # the model accepts it


def test_names_without_latin_letters_get_distinct_ids_and_long_names_are_cut():
    japanese, chinese = doc_id_for(Path("日本の投資.txt")), doc_id_for(Path("中国.txt"))
    assert re.fullmatch(r"article-[0-9a-f]{10}\.txt", japanese) and japanese != chinese
    long = doc_id_for(Path("word " * 100 + ".txt"))
    assert len(long) <= 120 and re.fullmatch(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*", long)
    for ident in (japanese, long):
        Document(id=ident, title="t").as_entity()  # a document is a node: the entity id accepts it too


def test_an_article_with_an_odd_name_extracts_and_loads(tmp_path, documents_dir):
    article = tmp_path / ("Café " + "très long " * 20 + ".txt")
    article.write_text(SENTENCE)
    review = tmp_path / "review.yaml"
    assert run("extract", "--engine", "rules", str(article), "-o", str(review)).exit_code == 0
    loaded = run("--store", str(tmp_path / "s"), "load", "--with-corpus", str(review))
    assert loaded.exit_code == 0, loaded.output
    (doc,) = [e for e in EmbeddedStore(tmp_path / "s").read().entities.values() if e.id.startswith("cafe-tres")]
    assert len(doc.id) <= 120
    # checking quotes needs the article under its document id; the error says so
    docs = tmp_path / "docs"
    docs.mkdir()
    checked = ("--store", str(tmp_path / "s"), "load", "--with-corpus", "--documents", str(docs), str(review))
    missing = run(*checked)
    assert missing.exit_code == 1 and f"save the article there as '{doc.id}'" in missing.output
    (docs / doc.id).write_text(SENTENCE)
    for source in documents_dir.glob("*.txt"):
        (docs / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(*checked).exit_code == 0


def test_a_doc_id_over_120_characters_is_a_usage_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SENTENCE)
    result = run("extract", "--engine", "rules", str(article), "--doc-id", "a" * 121)
    assert result.exit_code == 2 and "at most 120 characters" in result.output


def test_a_doc_id_that_names_another_kind_of_entity_is_an_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SENTENCE)
    result = run("extract", "--engine", "rules", str(article), "--doc-id", "japan")
    assert result.exit_code == 1
    assert f"{article}: document id 'japan' is the id of Country 'Japan'; use --doc-id" in result.stderr


def test_two_articles_with_one_name_in_two_folders_are_an_error(tmp_path):
    for folder in ("monday", "tuesday"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(SENTENCE)
    out = tmp_path / "review.yaml"
    result = run(
        "extract", "--engine", "rules", str(tmp_path / "monday" / "story.txt"), str(tmp_path / "tuesday" / "story.txt"), "-o", str(out)
    )
    assert result.exit_code == 1 and not out.exists()
    assert (
        f"{tmp_path / 'tuesday' / 'story.txt'}: {tmp_path / 'monday' / 'story.txt'} is document 'story.txt' too; "
        "rename one of them" in result.stderr
    )


def test_an_article_given_twice_is_read_once(tmp_path, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text(SENTENCE)
    monkeypatch.chdir(tmp_path)
    once = extract_json(str(article))
    for twice in (extract_json(str(article), str(article)), extract_json(str(article), "a.txt", "./a.txt")):
        assert twice == once  # the summary too: one article, its mentions counted once
        assert [len(c["evidence"]) for c in twice["claims"]] == [1] * len(once["claims"])


def test_a_document_id_that_is_also_a_new_entitys_id_is_an_error(tmp_path):
    article = tmp_path / "hitachi-ltd"
    article.write_text("Hitachi Ltd. pledged $2 billion to the United States.\n")
    out = tmp_path / "review.yaml"
    result = run("extract", "--engine", "rules", str(article), "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    message = "document id 'hitachi-ltd' is also the id of Company 'Hitachi Ltd.', new in these articles; use --doc-id"
    assert f"{article}: {message}" in result.stderr
    assert run("extract", "--engine", "rules", str(article), "--doc-id", "hitachi-note", "-o", str(out)).exit_code == 0


# -- outputs that cannot be written -----------------------------------------------------------------


def test_an_output_in_a_missing_folder_is_a_clear_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SENTENCE)
    out = tmp_path / "missing" / "review.yaml"
    result = run("extract", "--engine", "rules", str(article), "-o", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Error: cannot write {out}: No such file or directory; nothing was written" in result.stderr
    store = tmp_path / "s"
    assert run("--store", str(store), "load").exit_code == 0
    page = tmp_path / "missing" / "view.html"
    result = run("--store", str(store), "viz", "-o", str(page))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Error: cannot write {page}: No such file or directory; nothing was written" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "s"]


# -- names ------------------------------------------------------------------------------------------


def test_a_new_entity_id_is_at_most_120_characters_and_long_names_stay_apart():
    railway, holdings = (slug("Grand " + "Northern " * 30 + end) for end in ("Railway Corp.", "Holdings Inc."))
    assert railway != holdings
    for ident in (railway, holdings, slug("A " + "b" * 200 + " Corp.")):
        assert len(ident) <= 120 and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", ident), ident
    assert railway.startswith("grand-northern-northern-") and re.search(r"-northern-[0-9a-f]{8}$", railway)
    assert slug("A " + "b" * 200 + " Corp.").startswith("a-" + "b" * 100)  # not cut back to "a"
    assert slug("Lee Jae-myung") == "lee-jae-myung"


def test_an_article_with_very_long_names_extracts_each_apart(tmp_path):
    article = tmp_path / "a.txt"
    long = " ".join(["Grand", *["Northern"] * 40])
    article.write_text(
        f"{long} Holdings pledged $1 billion to Japan. {long} Railway Corp. pledged $2 billion to Japan.\n"
    )
    data = extract_json(str(article))
    ids = [e["id"] for e in data["entities"]]
    assert len(ids) == 2 and len(set(ids)) == 2 and all(len(i) <= 120 for i in ids), ids
    claims = [c["id"] for c in data["claims"]]
    assert len(claims) == 2 and len(set(claims)) == 2 and all(len(i) <= 160 for i in claims), claims


def test_a_bank_named_after_a_country_keeps_the_country_in_its_name(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The Japan Bank for International Cooperation will finance part of the first tranche.\n")
    names = {e["name"]: e["kind"] for e in extract_json(str(article))["entities"]}
    assert "Japan Bank for International Cooperation" in names, names
    assert "Bank for International Cooperation" not in names


def test_a_markdown_link_whose_address_has_parentheses_leaves_only_its_text():
    text = "See [the plan](https://en.wikipedia.org/wiki/Plan_(economics)) and ![chart](a_(b).png) now."
    assert markdown_text(text) == "See the plan and chart now."


# -- two extracted accounts of one relationship -----------------------------------------------------

_ACCOUNT = """\
documents:
  - id: {doc}
    title: An account
{entities}claims:
  - id: maker-pledges-works.{doc_key}
    type: PLEDGES
    source: maker
    target: works
    extracted: true
    confidence: {confidence}
{fields}    evidence:
      - doc: {doc}
        quote: {quote}
"""


_ENTITIES = """\
entities:
  - id: maker
    kind: Company
    name: Maker Corp
  - id: works
    kind: Project
    name: The Works
  - id: buyer
    kind: Country
    name: Buyerland
"""


def _account(path: Path, doc: str, fields: str, quote: str, *, confidence: float = 0.8, entities: bool) -> Path:
    text = _ACCOUNT.format(
        doc=doc,
        doc_key=doc.replace(".", "-"),
        fields=fields,
        quote=quote,
        confidence=confidence,
        entities=_ENTITIES if entities else "",
    )
    path.write_text(text)
    return path


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_extracted_accounts_fill_each_other_in_either_order(tmp_path, order):
    a = _account(
        tmp_path / "a.yaml",
        "a.txt",
        "    money: {amount: 5e9, currency: USD}\n    counterparty: buyer\n",
        "five billion",
        entities=True,
    )
    b = _account(tmp_path / "b.yaml", "b.txt", "    due_by: 2026-03\n", "by March", confidence=0.9, entities=False)
    files = [a, b]
    data = load_sources([files[order[0]], files[order[1]]])
    (claim,) = data.claims.values()
    assert claim.money is not None and claim.money.amount == 5e9 and claim.counterparty == "buyer"
    assert str(claim.due_by) == "2026-03" and claim.confidence == 0.9
    assert sorted(e.quote for e in claim.evidence) == ["by March", "five billion"]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_extracted_accounts_that_disagree_are_both_kept(tmp_path, order):
    a = _account(
        tmp_path / "a.yaml", "a.txt", "    money: {amount: 5e9, currency: USD}\n", "five billion", entities=True
    )
    b = _account(
        tmp_path / "b.yaml", "b.txt", "    money: {amount: 6e9, currency: USD}\n", "six billion", entities=False
    )
    files = [a, b]
    data = load_sources([files[order[0]], files[order[1]]])
    assert sorted(c.money.amount for c in data.claims.values() if c.money) == [5e9, 6e9]


def test_three_extracted_accounts_merge_the_same_way_in_any_order(tmp_path):
    """One account without money could fill either of two that disagree on it: which one it
    joins must not depend on the order of the files."""
    import itertools

    files = [
        _account(tmp_path / "a.yaml", "a.txt", "    money: {amount: 5e9, currency: USD}\n", "five", entities=True),
        _account(tmp_path / "b.yaml", "b.txt", "    due_by: 2026-03\n", "by March", entities=False),
        _account(tmp_path / "c.yaml", "c.txt", "    money: {amount: 6e9, currency: USD}\n", "six", entities=False),
    ]
    loaded = [load_sources(list(order)) for order in itertools.permutations(files)]
    assert all(data == loaded[0] for data in loaded[1:])
    claims = sorted(loaded[0].claims.values(), key=lambda c: c.money.amount if c.money else 0)
    assert [c.money.amount for c in claims if c.money] == [5e9, 6e9]
    assert sorted(len(c.evidence) for c in claims) == [1, 2]  # "by March" joined one of them
    assert sum(1 for c in claims if c.due_by is not None) == 1


def test_names_joined_by_an_ampersand_stay_whole(tmp_path):
    article = tmp_path / "amp.txt"
    article.write_text(
        "Procter & Gamble Co. pledged $5 billion to the first tranche. "
        "Firms like Johnson & Johnson and AT&T Inc. joined it.\n"
    )
    found = extract_json(str(article))
    names = {e["name"]: e["kind"] for e in found["entities"] + found["below_threshold"]["entities"]}
    assert names == {"Procter & Gamble Co.": "Company", "Johnson & Johnson": "Company", "AT&T Inc.": "Company"}


def test_an_ampersand_between_two_names_keeps_them_apart(tmp_path):
    article = tmp_path / "amp.txt"
    article.write_text(
        "Hitachi Ltd. & Panasonic Corp. pledged $2 billion to the United States.\n"
        "The Ministry of Finance & the Bank of Japan agreed on the plan.\n"
        "Nvidia & AMD Inc. invested in the first tranche.\n"
    )
    found = extract_json(str(article))
    names = {e["name"]: e["kind"] for e in found["entities"] + found["below_threshold"]["entities"]}
    assert names == {
        "Hitachi Ltd.": "Company",
        "Panasonic Corp.": "Company",
        "Ministry of Finance": "Organization",
        "Bank of Japan": "Organization",
        "AMD Inc.": "Company",
    }
    pledges = {(c["source"], c["target"]) for c in found["claims"] if c["type"] == "PLEDGES"}
    assert pledges == {  # "&" joins subjects like "and"
        ("hitachi-ltd", "united-states"),
        ("panasonic-corp", "united-states"),
        ("amd-inc", "first-tranche"),
    }


def test_a_title_is_the_first_line_cut_to_fourteen_words_and_160_characters(tmp_path):
    for text, title in [
        ("  Tokyo   weighs the tranche  \nJapan pledged.\n", "Tokyo weighs the tranche"),
        (
            "one two three four five six seven eight nine ten 11 12 13 14 15\n",
            "one two three four five six seven eight nine ten 11 12 13 14 …",
        ),
        ("x" * 1_000_000 + "\n", "x" * 158 + " …"),
        ("x" * 160 + "\n", "x" * 160),
        ("a" * 100 + " " + "b" * 57 + " " + "c" * 10 + "\n", "a" * 100 + " " + "b" * 57 + " …"),  # 160 in all
        ("word " * 10 + "y" * 200 + "\n", "word word word word word word word word word word …"),
    ]:
        article = tmp_path / "t.txt"
        article.write_text(text)
        (doc,) = extract_json(str(article))["documents"]
        assert doc["title"] == title and len(title) <= 160


def test_problems_of_the_articles_and_of_the_corpus_come_together(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    corpus = tmp_path / "corpus.yaml"
    corpus.write_text("entities:\n  - id: x\n    kind: Kountry\n    name: X\n")
    out = tmp_path / "review.yaml"
    result = run("extract", "--engine", "rules", str(tmp_path / "empty.txt"), "--against", str(corpus), "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert f"{tmp_path / 'empty.txt'}: the article is empty\n" in result.stderr
    assert "corpus.yaml:3: entity 'x': kind: Input should be" in result.stderr
    assert result.stderr.endswith("Error: 2 problems in the sources; nothing was written\n")


def test_a_file_name_with_a_line_break_stays_in_the_header_comment(tmp_path):
    article = tmp_path / "a\nclaims: oops.txt"
    article.write_text(SENTENCE)
    out = tmp_path / "review.yaml"
    assert run("extract", "--engine", "rules", str(article), "-o", str(out)).exit_code == 0
    first = out.read_text().splitlines()[0]
    assert first.startswith("# Candidates proposed by `dealgraph extract`: ") and "a\\nclaims: oops.txt" in first
    assert run("--store", str(tmp_path / "s"), "load", "--with-corpus", str(out)).exit_code == 0
