"""The extractor end to end: relationship proposals, the `dealgraph extract` command, its
review file loaded on top of the corpus, and quality floors on the evaluation set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealgraph.cli import cli
from dealgraph.extract import extract_articles
from dealgraph.extract.extractor import extract
from dealgraph.extract.mentions import Linker
from dealgraph.extract.scoring import evaluate
from dealgraph.extract.sentences import sentences
from dealgraph.extract.text import Article, read_article
from dealgraph.graph.embedded import EmbeddedStore
from dealgraph.graph.names import name_key

ARTICLE_001 = "001_ee9c060fe19d7241.txt"
EVALUATION = Path(__file__).resolve().parent.parent / "evaluation"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def proposed(documents_dir):
    """The JSON `dealgraph extract` prints for article 001."""
    result = run("extract", "--engine", "rules", str(documents_dir / ARTICLE_001), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _claims(proposed, type_, source=None, target=None):
    return [
        c
        for c in proposed["claims"]
        if c["type"] == type_ and source in (None, c["source"]) and target in (None, c["target"])
    ]


# -- acceptance: article 001 ----------------------------------------------------------------------


def test_the_550_billion_pledge_in_exchange_for_lower_tariffs(proposed):
    (pledge,) = _claims(proposed, "PLEDGES", "japan", "us-investment-plan")
    assert pledge["money"] == {"amount": 550e9, "currency": "USD", "qualifier": "exact"}
    assert pledge["counterparty"] == "united-states"
    assert "$550 billion package of Japanese investment" in pledge["evidence"][0]["quote"]
    (exchange,) = _claims(proposed, "IN_EXCHANGE_FOR", target="us-tariff-reduction")
    assert "in exchange for lower U.S. tariffs" in exchange["evidence"][0]["quote"]


def test_the_first_wave_its_amount_and_its_three_kinds_of_project(proposed):
    (wave,) = _claims(proposed, "PLEDGES", "japan", "first-tranche")
    assert wave["money"] == {"amount": 6e12, "currency": "JPY", "qualifier": "more_than"}
    assert "more than ¥6 trillion" in wave["evidence"][0]["quote"]
    parts = {c["source"]: c["evidence"][0]["quote"] for c in _claims(proposed, "PART_OF", target="first-tranche")}
    assert set(parts) == {"gas-power-plants", "crude-oil-port", "synthetic-diamonds"}
    assert "liquefied gas-fired power plants" in parts["gas-power-plants"]
    assert "oil terminal" in parts["crude-oil-port"]
    assert "synthetic diamond production" in parts["synthetic-diamonds"]


def test_the_us_demands(proposed):
    demands = {c["target"]: c for c in _claims(proposed, "DEMANDS")}
    assert set(demands) == {"japan-defense-spending", "us-farm-market-access", "us-nuclear-plants"}
    assert {c["source"] for c in demands.values()} == {"donald-trump"}  # "Trump's team is preparing to demand"
    assert {c["counterparty"] for c in demands.values()} == {"japan"}  # "more from Tokyo"
    assert demands["us-nuclear-plants"]["money"] == {"amount": 10e12, "currency": "JPY", "qualifier": "exact"}
    assert "money" not in demands["us-farm-market-access"]  # the ¥10 trillion belongs to the next item
    assert "expanded access for U.S. agricultural exports" in demands["us-farm-market-access"]["evidence"][0]["quote"]


def test_the_rare_earth_sediment_and_its_trial_date(proposed):
    (near,) = _claims(proposed, "LOCATED_IN", "minamitorishima-rare-earth-development", "minamitorishima")
    assert "rare-earth-bearing sediment near Minamitorishima" in near["evidence"][0]["quote"]
    (trial,) = _claims(proposed, "PART_OF", "minamitorishima-trial-extraction")
    assert trial["due_by"] == "2027-02"
    assert "by February 2027" in trial["evidence"][0]["quote"]
    (offer,) = _claims(proposed, "OFFERS", target="minamitorishima-rare-earth-development")
    assert offer["source"] == "sanae-takaichi"


def test_softbanks_role(proposed):
    (role,) = _claims(proposed, "PARTICIPATES_IN", "softbank-group")
    assert role["target"] == "ai-data-centers"
    assert "SoftBank are reportedly lined up" in role["evidence"][0]["quote"]


def test_every_proposal_is_marked_and_evidenced_by_its_own_sentence(proposed, documents_dir, corpus):
    text = read_article(documents_dir / ARTICLE_001).text
    mentions = Linker(corpus).mentions(text)
    spans = sentences(text)
    for claim in proposed["claims"] + proposed["below_threshold"]["claims"]:
        assert claim["extracted"] is True and 0 < claim["confidence"] < 1
        named = set()
        for evidence in claim["evidence"]:
            start, end = evidence["span"]
            assert text[start:end] == evidence["quote"] and len(evidence["quote"].split()) <= 15
            assert evidence["doc"] == ARTICLE_001
            sentence = next(s for s in spans if s[0] <= start < s[1])
            named |= {m.entity for m in mentions if sentence[0] <= m.start < sentence[1]}
        # both ends are named in the sentence quoted, or (a carried-over pledger, a plan named
        # before) in the earlier sentence quoted as well, which the note says
        assert {claim["source"], claim["target"]} <= named, claim["id"]
        assert len(claim["evidence"]) == 1 or "earlier sentence" in claim["note"]
    assert all(c["confidence"] >= 0.6 for c in proposed["claims"])
    assert all(c["confidence"] < 0.6 for c in proposed["below_threshold"]["claims"])


def test_no_relationship_without_a_connecting_sentence(corpus):
    text = (
        "Japan and China held talks in Tokyo on Monday. Trump, Takaichi and SoftBank were all mentioned. "
        "The $550 billion plan and the first tranche appeared in a chart. Washington's view of Japan's press "
        "agenda changed little."
    )
    result = extract(Article("talks.txt", "talks.txt", text), corpus)
    assert result.claims == [] and result.below_claims == []


def test_negation_and_lists(corpus):
    text = (
        "Akazawa denied that Japan offered fresh money for US nuclear power plants. "
        "Washington pressed Tokyo for higher defense spending and for rice access. "
        "Japan pledged $5 billion to the oil terminal, the gas-fired power plants and the synthetic diamonds."
    )
    result = extract(Article("t.txt", "t.txt", text), corpus, threshold=0.6)
    kept = {(c.type.value, c.source, c.target) for c in result.claims}
    assert ("OFFERS", "japan", "us-nuclear-plants") not in kept  # denied: found, then set below the threshold
    (denied,) = [c for c in result.below_claims if (c.type.value, c.target) == ("OFFERS", "us-nuclear-plants")]
    assert denied.note.endswith("; negated") and denied.confidence < 0.6
    assert {
        ("DEMANDS", "united-states", "japan-defense-spending"),
        ("DEMANDS", "united-states", "us-farm-market-access"),
    } <= kept
    assert {t for (ty, s, t) in kept if ty == "PLEDGES" and s == "japan"} == {
        "crude-oil-port",
        "gas-power-plants",
        "synthetic-diamonds",
    }
    demand = next(c for c in result.claims if c.target == "japan-defense-spending")
    assert demand.counterparty == "japan"


@pytest.mark.parametrize("hedge", ["reportedly offered", "may offer", "is expected to offer", "could offer"])
def test_a_hedged_sentence_is_kept_marked_and_less_certain(corpus, hedge):
    plain = extract(Article("t.txt", "t.txt", "Japan offered fresh money for US nuclear power plants."), corpus)
    text = f"Japan {hedge} fresh money for US nuclear power plants."
    hedged = extract(Article("t.txt", "t.txt", text), corpus)
    ((sure,), (unsure,)) = plain.claims, hedged.claims
    assert (unsure.type.value, unsure.source, unsure.target) == ("OFFERS", "japan", "us-nuclear-plants")
    assert unsure.note.endswith("; hedged") and not sure.note.endswith("hedged")
    assert unsure.confidence < sure.confidence


def test_new_entities_are_guessed_with_their_rule(corpus):
    text = (
        "President Lee Jae-myung backed the plan. Mika Tanabe, an analyst at Sakura Ridge Securities, said "
        "Hoshino Electric and Keiyo Carbon Corp. will supply lithium to Vietnam. JAMSTEC, the marine science "
        "agency, joined MASGA, a shipbuilding programme. Lee later met Takaichi. Tokai Magnetics Group relies "
        "on imports from Texas."
    )
    result = extract(Article("n.txt", "n.txt", text), corpus)
    kinds = {e.name: e.kind.value for e in result.entities}
    assert kinds == {
        "Lee Jae-myung": "Leader",
        "Mika Tanabe": "Person",
        "Sakura Ridge Securities": "Company",
        "Hoshino Electric": "Company",
        "Keiyo Carbon Corp.": "Company",
        "lithium": "Mineral",
        "Vietnam": "Country",
        "JAMSTEC": "Organization",
        "MASGA": "Project",
        "Tokai Magnetics Group": "Company",
        "Texas": "Place",
    }
    lee = next(e for e in result.entities if e.id == "lee-jae-myung")
    assert "Lee" in lee.aliases and lee.extracted and lee.evidence[0].quote.startswith("President Lee Jae-myung")
    assert not any(name_key(e.name) in {"takaichi", "japan", "us", "softbank"} for e in result.entities)


# -- the command ------------------------------------------------------------------------------------


def test_yaml_review_file_loads_on_top_of_the_corpus_and_adds_evidence(tmp_path, documents_dir, corpus):
    review = tmp_path / "review.yaml"
    result = run("extract", "--engine", "rules", str(documents_dir / ARTICLE_001), "-o", str(review))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {review}: 1 article: ") and "claims (DEMANDS 3" in result.output
    store = tmp_path / "store"
    loaded = run("--store", str(store), "load", "--with-corpus", str(review), "--documents", str(documents_dir))
    assert loaded.exit_code == 0, loaded.output
    again = run("--store", str(store), "load", "--with-corpus", str(review), "--documents", str(documents_dir))
    assert "changes: no changes" in again.output  # loading twice changes nothing

    data = EmbeddedStore(store).read()
    for person in ("sanae-takaichi", "donald-trump", "japan", "united-states", "softbank-group"):
        keys = {name_key(a) for a in (corpus.entities[person].name, *corpus.entities[person].aliases)}
        twins = [e.id for e in data.entities.values() if e.id != person and name_key(e.name) in keys]
        assert twins == [], person
    assert set(corpus.entities) <= set(data.entities)
    pledge = data.claims["japan-pledges-us-investment-plan"]
    before = corpus.claims["japan-pledges-us-investment-plan"]
    added = [e for e in pledge.evidence if e not in before.evidence]
    assert pledge.evidence[: len(before.evidence)] == before.evidence
    assert [e.quote for e in added] == ["$550 billion package of Japanese investment"] and added[0].span
    assert not any(c.extracted and (c.type, c.source, c.target) == (before.type, before.source, before.target)
                   for c in data.claims.values())  # fmt: skip
    new = [c for c in data.claims.values() if c.extracted]
    assert ("DEMANDS", "donald-trump", "us-nuclear-plants") in {(c.type.value, c.source, c.target) for c in new}
    offer = data.claims["sanae-takaichi-offers-minamitorishima-rare-earth-development"]  # curated: merged into it
    assert offer.evidence[-1].quote.startswith("is expected to carry concrete offerings") and offer.evidence[-1].span


def test_a_commented_candidate_loads_once_uncommented(tmp_path, documents_dir):
    review = tmp_path / "review.yaml"
    assert run("extract", "--engine", "rules", str(documents_dir / ARTICLE_001), "-o", str(review)).exit_code == 0
    text = review.read_text()
    assert "  # below the threshold (1), not loaded unless uncommented:\n" in text
    marker = text.index("  # below the threshold")
    body = text[marker:].split("\n", 1)[1]
    review.write_text(text[:marker] + "".join(line.replace("  # ", "  ", 1) + "\n" for line in body.splitlines()))
    loaded = run("--store", str(tmp_path / "s"), "load", "--with-corpus", str(review))
    assert loaded.exit_code == 0, loaded.output
    assert (
        "OFFERS"
        in EmbeddedStore(tmp_path / "s")
        .read()
        .claims["donald-trump-offers-us-nuclear-plants.001-ee9c060fe19d7241-txt"]
        .type.value
    )


def test_several_articles_html_and_markdown(tmp_path):
    articles = sorted((EVALUATION / "articles").glob("e0[24]*"))
    assert {p.suffix for p in articles} == {".md", ".html"}
    result = run("extract", "--engine", "rules", *map(str, articles), "--date", "2026-03-20", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["documents"]] == [p.name for p in articles]
    assert data["documents"][0]["published"] == "2026-03-20"
    assert result.stderr.startswith("2 articles: ")


def test_html_scripts_and_styles_are_not_read(corpus, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><style>p::after { content: 'Japan pledged $9 billion to the oil terminal.' }</style>"
        "<script>var s = 'Japan pledged $7 billion to the gas-fired power plants.';</script>"
        "<p>Japan pledged $5 billion to the synthetic diamonds.</p></body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    assert "oil terminal" not in article.text and "gas-fired" not in article.text
    result = extract(article, corpus)
    assert [(c.type.value, c.source, c.target) for c in result.claims] == [("PLEDGES", "japan", "synthetic-diamonds")]
    assert result.below_claims == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--doc-id", "x"], "--doc-id names one article"),
        (["--doc-id", "Bad Id"], "'Bad Id': expected lower-case letters and digits"),
        (["--date", "March"], "'March' does not match the format '%Y-%m-%d'"),
    ],
)
def test_usage_errors(tmp_path, args, message):
    a = tmp_path / "a.txt"
    a.write_text("Japan pledged money.")
    files = [str(a), str(a)] if args[0] == "--doc-id" and args[1] == "x" else [str(a)]
    result = run("extract", "--engine", "rules", *files, *args)
    assert result.exit_code == 2 and message in result.output


def test_bad_articles_write_nothing(tmp_path):
    good, empty, binary = tmp_path / "good.txt", tmp_path / "empty.txt", tmp_path / "b.txt"
    good.write_text("Japan pledged money to the first tranche.")
    empty.write_text("")
    binary.write_bytes(b"\x00\x01\x02")
    out = tmp_path / "review.yaml"
    result = run("extract", "--engine", "rules", str(good), str(empty), str(binary), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{binary}: this is a binary file, not an article (plain text, Markdown or HTML)",
        f"{empty}: the article is empty",
        "Error: 2 problems in the sources; nothing was written",
    ]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "empty.txt", "good.txt"]


def test_extracted_candidates_of_known_documents_are_not_registered_twice(documents_dir):
    result = extract_articles([documents_dir / ARTICLE_001], engine="rules")
    assert result.documents == [] and result.articles == 1


# -- quality, measured --------------------------------------------------------------------------------

#: The figures achieved on the evaluation set (see benchmarks/extract.py): a change that lowers
#: one fails here. Raise them when the extractor gets better.
FLOORS = {
    "linking": (1.0, 1.0),
    "stand_ins": (0.94, 1.0),
    "new_entities": (0.98, 1.0),
    "relationships": (0.93, 0.86),
}
#: The source articles' relationships against the curated corpus (a lower bound: the corpus
#: records inferences no trigger word states). Issue 16 corrected the corpus, and these fell
#: with it, not with the extractor: it still proposes what the corpus no longer states (the
#: Supreme Court ANALYZES the tariffs, the US DEPENDS_ON Japan: over-reaching readings), and
#: the corpus grew by relationships no trigger word states (Japan's side of the bargain).
#: The names a hyphenated pair of countries holds ("US-Japan relations") cost the rules engine one
#: more reading of article 000 (0.71 -> 0.66): its word windows take them as the object of
#: "supplies" and "praise"; the CoreNLP engine reads them as modifiers.
SOURCE_FLOORS = {"000_b1e3e52c24c235de.txt": (0.66, 0.14), ARTICLE_001: (0.66, 0.21)}


def test_quality_floors_on_the_evaluation_set(corpus, documents_dir):
    report = evaluate(EVALUATION, corpus, sources=[documents_dir / name for name in SOURCE_FLOORS])
    # Compared unrounded: 0.9474 does not meet a 0.95 floor.
    for name, (precision, recall) in FLOORS.items():
        score = report.totals[name]
        achieved = (score.precision, score.recall)
        assert achieved[0] >= precision and achieved[1] >= recall, (name, achieved, score.false_positives, score.misses)
    for name, (precision, recall) in SOURCE_FLOORS.items():
        score = report.corpus[name]
        assert score.precision >= precision and score.recall >= recall, (name, score.precision, score.recall)
    assert report.totals["linking"].precision >= 0.95 and report.totals["linking"].recall >= 0.9
    assert report.totals["relationships"].precision >= 0.8 and report.totals["relationships"].recall >= 0.6


def test_the_evaluation_set_is_sound(corpus):
    from dealgraph.loaders.yaml_claims import _yaml, plain

    golds = sorted((EVALUATION / "gold").glob("*.yaml"))
    assert len(golds) == 6
    for path in golds:
        gold = plain(_yaml().load(path.read_text(encoding="utf-8")))
        text = read_article(EVALUATION / "articles" / gold["article"]).text
        for m in gold["mentions"]:
            assert m["entity"] in corpus.entities and m["text"] in text, (path.name, m)
        for r in gold["relationships"]:
            assert len(r["quote"].split()) <= 15 and r["quote"] in text, (path.name, r)


# -- long articles, block by block -------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_long_article_is_read_in_blocks_that_join_into_the_whole(tmp_path, suffix):
    from dealgraph.extract.text import read_blocks

    body = "\n\n".join(read_article(p).text for p in sorted((EVALUATION / "articles").glob("*.txt")))
    path = tmp_path / f"long{suffix}"
    path.write_text("# Heading\n\n" + "\n\n".join([body] * 5) + "\n", encoding="utf-8")
    whole = read_article(path).text
    blocks = list(read_blocks(path, block_bytes=5000))
    assert len(blocks) >= 8
    assert "".join(b.text for b in blocks) == whole
    assert [b.offset for b in blocks] == [sum(len(x.text) for x in blocks[:i]) for i in range(len(blocks))]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_windows_line_break_at_a_forced_block_end_is_not_split(tmp_path, suffix):
    """A line with no space near the block end is cut at the block size; when that falls
    between the CR and LF of a Windows line break, the break still reads as one newline."""
    from dealgraph.extract.text import read_blocks

    path = tmp_path / f"crlf{suffix}"
    lines = ["x" * 4999, "y" * 4998, "z" * 6000, "Japan pledges $550 billion."]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    whole = read_article(path).text
    assert "\r" not in whole
    blocks = list(read_blocks(path, block_bytes=5000))
    assert len(blocks) >= 3
    assert "".join(b.text for b in blocks) == whole
    assert not any(b.text.endswith("\r") for b in blocks)
    # A block exactly the block size that ends in CR: the LF is still to be read.
    path.write_bytes(("x" * 4096 + "y" * 4095 + "\r\n" + "z" * 5000).encode("utf-8"))
    blocks = list(read_blocks(path, block_bytes=4096))
    assert "".join(b.text for b in blocks) == read_article(path).text and "\r" not in "".join(b.text for b in blocks)


def test_a_long_article_is_extracted_block_by_block_with_spans_into_the_whole(tmp_path, monkeypatch):
    import dealgraph.extract.text as text_module

    monkeypatch.setattr(text_module, "BLOCK_BYTES", 8000)
    body = "\n\n".join(read_article(p).text for p in sorted((EVALUATION / "articles").glob("*.txt")))
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([body] * 3), encoding="utf-8")
    whole = path.read_text(encoding="utf-8")
    result = extract_articles([path], engine="rules")
    assert result.articles == 1 and [d.id for d in result.documents] == ["long.txt"]
    assert len({c.id for c in result.claims}) == len(result.claims)  # one claim per relationship
    repeated = [c for c in result.claims if len({e.span for e in c.evidence}) >= 3]
    assert repeated, "a relationship stated in each copy carries the evidence of each"
    for item in [*result.claims, *result.entities]:
        for e in item.evidence:
            assert whole[e.span[0] : e.span[1]] == e.quote


def test_a_bad_byte_deep_in_a_long_article_is_found_and_nothing_is_written(tmp_path, monkeypatch):
    import dealgraph.extract.text as text_module

    monkeypatch.setattr(text_module, "BLOCK_BYTES", 4096)
    good = ("Japan pledged money to the first tranche.\n" * 400).encode()
    path = tmp_path / "long.txt"
    path.write_bytes(good + b"caf\xe9\n")
    out = tmp_path / "review.yaml"
    result = run("extract", "--engine", "rules", str(path), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}:401: not UTF-8 text: byte 0xe9 at offset {len(good) + 3}; save it as UTF-8"
    )
    assert not out.exists()


def test_a_speaker_is_not_the_subject_of_what_is_reported(corpus):
    # "Japanese officials" stand for Japan, but they report what the seabed could supply
    text = "Japanese officials say the seabed near Minamitorishima could supply Japan with rare earths."
    result = extract(Article("t.txt", "t.txt", text), corpus, threshold=0.5)
    suppliers = {c.source for c in result.claims if c.type.value == "SUPPLIES"}
    assert "minamitorishima" in suppliers and "japan" not in suppliers, result.claims
