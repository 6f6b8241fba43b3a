"""The bundled corpus against the two articles: what they state is there, dated as they state or
imply it, and nothing says more than its evidence (issue 16). The ``corpus`` fixture loads it
with every quote checked against the articles."""

from __future__ import annotations

import datetime as dt

from dealgraph.graph.model import MAX_QUOTE_WORDS, Kind, RelType

ELECTION = dt.date(2026, 1, 1)  # the articles place the election in the first quarter of 2026


def test_every_quote_is_short_and_checked(corpus):
    quotes = [ev.quote for c in corpus.claims.values() for ev in c.evidence]
    quotes += [ev.quote for c in corpus.claims.values() for h in c.due_history for ev in h.evidence]
    assert quotes and all(len(q.split()) <= MAX_QUOTE_WORDS for q in quotes)
    assert {ev.doc for c in corpus.claims.values() for ev in c.evidence} == {
        "000_b1e3e52c24c235de.txt",
        "001_ee9c060fe19d7241.txt",
    }


def test_japans_side_of_the_bargain(corpus):
    seeks = {c.target for c in corpus.claims.values() if c.type is RelType.DEMANDS and c.source == "japan"}
    assert seeks == {"us-security-commitment", "us-political-backing"}
    exchanges = {(c.source, c.target) for c in corpus.claims.values() if c.type is RelType.IN_EXCHANGE_FOR}
    assert {
        ("us-investment-plan", "us-security-commitment"),
        ("us-investment-plan", "us-political-backing"),
        ("japan-insurance-diplomacy", "us-security-commitment"),
        ("japan-bargaining-chip", "us-political-backing"),
        ("takaichi-fiscal-policy", "japan-fiscal-restraint"),  # the conditions attach to this support
    } <= exchanges
    assert ("currency-intervention", "japan-fiscal-restraint") not in exchanges  # not what the article says
    parts = {
        c.source for c in corpus.claims.values() if c.type is RelType.PART_OF and c.target == "japan-bargaining-chip"
    }
    assert parts == {"supply-chain-integration", "japan-defense-spending"}


def test_the_other_missing_items(corpus):
    claims = {(c.source, c.type, c.target) for c in corpus.claims.values()}
    assert ("united-states", RelType.SUPPORTS, "takaichi-fiscal-policy") in claims
    assert ("japan", RelType.DEPENDS_ON, "critical-minerals") in claims
    assert ("china", RelType.SUPPLIES, "critical-minerals") in claims
    assert corpus.entities["critical-minerals"].kind is Kind.MINERAL
    assert ("ldp", RelType.PART_OF, "ldp-coalition") in claims
    assert ("donald-trump", RelType.SUPPORTS, "ldp-coalition") in claims  # he hailed the coalition
    assert ("japan", RelType.SUPPORTS, "japan-insurance-diplomacy") in claims
    assert ("japanese-media", RelType.REPORTS, "trump-stalling-suspicion") in claims
    assert ("united-states", RelType.SUSPECTS, "japan") in claims  # the administration's officials


def test_statuses_say_what_the_articles_say(corpus):
    assert corpus.claims["us-financial-authorities-offers-currency-intervention"].status.value == "proposed"
    assert corpus.claims["us-financial-authorities-demands-japan-fiscal-restraint"].status.value == "agreed"


def test_nothing_reaches_beyond_its_evidence(corpus):
    analyses = [c for c in corpus.claims.values() if c.type is RelType.ANALYZES]
    assert {c.source for c in analyses} == {"meng-xiaoxu"}  # a court's review is not an analysis
    assert all(c.note for c in analyses)
    assert {"meng-xiaoxu-analyzes-united-states", "meng-xiaoxu-analyzes-japan-bargaining-chip"} <= {
        c.id for c in analyses
    }
    assert "united-states-depends-on-japan" not in corpus.claims  # Meng's projection, now his analysis
    assert not [c for c in corpus.claims.values() if c.type is RelType.SUPPORTS and c.target == "trump-tariffs"]
    # Article 000's rare-earth reading is Meng's: the Chinese dependence stands on article 001 alone.
    assert {ev.doc for ev in corpus.claims["japan-depends-on-china"].evidence} == {"001_ee9c060fe19d7241.txt"}


def test_claims_carry_the_time_the_articles_give(corpus):
    after = {
        "donald-trump-suspects-japan",
        "donald-trump-supports-sanae-takaichi",
        "united-states-demands-japan-defense-spending",
        "united-states-demands-us-nuclear-plants-000",
        "united-states-demands-us-farm-market-access",
        "japan-offers-minamitorishima-rare-earth-development",
        "sanae-takaichi-offers-minamitorishima-rare-earth-development",
        "sanae-takaichi-pledges-first-tranche",
    }
    for claim in after:
        start = corpus.claims[claim].valid_from
        assert start is not None and start.start >= ELECTION and str(start) == "2026-Q1", claim
    assert str(corpus.claims["japan-pledges-first-tranche-000"].valid_from) == "2025-07"
    assert str(corpus.claims["howard-lutnick-pledges-first-tranche"].valid_from) == "2025"  # the year only
    dated = [c for c in corpus.claims.values() if c.valid_from or c.valid_to or c.stated_on or c.due_by]
    assert len(dated) >= 30
