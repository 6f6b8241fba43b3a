"""Loading sources: validation with file:line errors, evidence checks, tables, idempotence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealgraph.cli import cli
from dealgraph.config import bundled_sources
from dealgraph.errors import SourceError
from dealgraph.graph.embedded import EmbeddedStore
from dealgraph.loaders import load_sources

DOCS = """\
documents:
  - id: doc.txt
    title: A test document
"""

GOOD = """\
entities:
  - id: japan
    kind: Country
    name: Japan
  - id: plan
    kind: Project
    name: The plan
  - id: rare-earths
    kind: Mineral
    name: Rare earths
claims:
  - id: japan-pledges-plan
    type: PLEDGES
    source: japan
    target: plan
    money: {amount: 550000000000, currency: USD}
    evidence:
      - doc: doc.txt
        quote: Japan pledged the plan
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    d = tmp_path / "src"
    d.mkdir()
    (d / "documents.yaml").write_text(DOCS)
    (d / "claims.yaml").write_text(GOOD)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "doc.txt").write_text("In July, Japan   pledged\nthe plan; it was “big”.")
    return d


def problems_of(path: Path, **kwargs) -> list[str]:
    with pytest.raises(SourceError) as info:
        load_sources([path], **kwargs)
    return [str(p) for p in info.value.problems]


def test_bundled_corpus_loads_and_every_quote_is_in_its_document(corpus):
    assert len(corpus.claims) >= 60
    assert {e.kind.value for e in corpus.entities.values()} >= {
        "Country",
        "Leader",
        "Person",
        "Company",
        "Organization",
        "Project",
        "Mineral",
        "Place",
        "Agreement",
        "Policy",
        "Event",
        "Document",
    }
    for claim in corpus.claims.values():
        assert claim.evidence, claim.id
        assert all(len(e.quote.split()) <= 15 for e in claim.evidence)


def test_evidence_check_ignores_whitespace_and_quote_style(sources, tmp_path):
    text = GOOD.replace("Japan pledged the plan", 'it was "big"')
    (sources / "claims.yaml").write_text(text)
    ds = load_sources([sources], documents_dir=tmp_path / "docs")
    assert list(ds.claims) == ["japan-pledges-plan"]


def test_quote_missing_from_its_document_is_an_error(sources, tmp_path):
    (sources / "claims.yaml").write_text(GOOD.replace("Japan pledged the plan", "Japan promised the plan"))
    path = Path(sources / "claims.yaml")
    assert problems_of(sources, documents_dir=tmp_path / "docs") == [
        f"{_rel(path)}:19: claim 'japan-pledges-plan': quote not found in doc.txt: 'Japan promised the plan'"
    ]


def _rel(path: Path) -> str:
    import os

    return os.path.relpath(path)


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (
            ("target: plan", "target: rare-earths"),
            13,
            "claim 'japan-pledges-plan': PLEDGES cannot join Country → Mineral "
            "(allowed: Country|Leader|Person|Company|Organization → Country|Project|Agreement|Policy)",
        ),
        (
            ("    evidence:\n      - doc: doc.txt\n        quote: Japan pledged the plan\n", ""),
            12,
            "claim 'japan-pledges-plan': missing field 'evidence'",
        ),
        (
            ("    money:", "    colour: red\n    money:"),
            16,
            "claim 'japan-pledges-plan': unknown field 'colour' (allowed: id, type, source, target, counterparty, "
            "evidence, money, stated_on, due_by, valid_from, valid_to, status, due_history, confidence, extracted, note)",
        ),
        (
            ("  - id: rare-earths\n", "  - id: plan\n"),
            8,
            "entity 'plan': duplicate entity id (first defined at {path}:5)",
        ),
        (
            ("    money:", '    due_by: "2026-02-30"\n    money:'),
            16,
            "claim 'japan-pledges-plan': due_by: '2026-02-30' is not a real date (day is out of range for month)",
        ),
        (
            ("    money:", '    due_by: "end of February"\n    money:'),
            16,
            "claim 'japan-pledges-plan': due_by: 'end of February' is not a date; "
            "expected YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY",
        ),
        (
            ("currency: USD", "currency: XYZ"),
            16,
            "claim 'japan-pledges-plan': money.currency: 'XYZ' is not an ISO 4217 currency code (e.g. USD, JPY, EUR)",
        ),
        (
            ("source: japan", "source: japn"),
            14,
            "claim 'japan-pledges-plan': source 'japn' is not a known entity (did you mean 'japan'?)",
        ),
        (
            ("quote: Japan pledged the plan", "quote: " + "word " * 16),
            19,
            "claim 'japan-pledges-plan': evidence.0.quote: a quote may have at most 15 words; this one has 16",
        ),
    ],
)
def test_a_bad_claims_file_names_file_line_and_field(sources, edit, line, message):
    path = sources / "claims.yaml"
    path.write_text(GOOD.replace(*edit))
    assert problems_of(sources) == [f"{_rel(path)}:{line}: {message.format(path=_rel(path))}"]


def test_all_problems_are_reported_together(sources):
    path = sources / "claims.yaml"
    path.write_text(GOOD.replace("target: plan", "target: nowhere").replace("kind: Mineral", "kind: Rock"))
    found = problems_of(sources)
    assert len(found) == 2
    assert found[0].startswith(f"{_rel(path)}:9: entity 'rare-earths': kind: Input should be 'Country'")
    assert found[1] == f"{_rel(path)}:15: claim 'japan-pledges-plan': target 'nowhere' is not a known entity"


def test_invalid_yaml_names_the_line(sources):
    path = sources / "claims.yaml"
    path.write_text(GOOD.replace("    name: The plan\n", "    name: [The plan\n"))
    (problem,) = problems_of(sources)
    assert problem.startswith(f"{_rel(path)}:8: invalid YAML")


def test_a_bad_file_loads_nothing_and_the_cli_exits_1(sources, tmp_path):
    store = tmp_path / "store"
    runner = CliRunner()
    load = ["--store", str(store), "load", "--documents", str(tmp_path / "docs"), str(sources)]
    ok = runner.invoke(cli, load, catch_exceptions=False)
    assert ok.exit_code == 0, ok.output
    before = EmbeddedStore(store).read()

    path = sources / "claims.yaml"
    path.write_text(GOOD.replace("japan-pledges-plan", "new-claim").replace("target: plan", "target: rare-earths"))
    bad = runner.invoke(cli, load, catch_exceptions=False)
    assert bad.exit_code == 1
    assert bad.stderr.splitlines() == [
        f"{_rel(path)}:13: claim 'new-claim': PLEDGES cannot join Country → Mineral "
        "(allowed: Country|Leader|Person|Company|Organization → Country|Project|Agreement|Policy)",
        "Error: 1 problem in the sources; nothing was loaded",
    ]
    assert EmbeddedStore(store).read() == before


def test_loading_twice_changes_nothing_and_edits_leave_no_stale_claims(sources, tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    first = load_sources([sources])
    assert store.load(first).summary() == "entities +4 -0 ~0, claims +1 -0 ~0 (+added -removed ~updated)"
    assert store.load(load_sources([sources])).summary() == "no changes"

    path = sources / "claims.yaml"
    edited = GOOD.replace("japan-pledges-plan", "japan-pledges-plan-v2").replace("550000000000", "600000000000")
    path.write_text(edited)
    change = store.load(load_sources([sources]))
    assert (change.added_claims, change.removed_claims) == (["japan-pledges-plan-v2"], ["japan-pledges-plan"])
    back = store.read()
    assert list(back.claims) == ["japan-pledges-plan-v2"]
    assert back.claims["japan-pledges-plan-v2"].money.amount == 600e9
    assert back == load_sources([sources])


def test_the_bundled_corpus_loads_twice_with_no_change(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "store")
    store.load(corpus)
    assert store.load(load_sources([bundled_sources()])).empty
    assert store.read() == corpus


def test_tabular_csv_and_jsonl_load_like_yaml(sources, tmp_path):
    table = tmp_path / "table"
    table.mkdir()
    shutil.copy(sources / "documents.yaml", table)
    (table / "nodes.csv").write_text(
        "id:ID,:LABEL,name,aliases\njapan,Country,Japan,日本;Nippon\nplan,Project,The plan,\n"
    )
    (table / "edges.csv").write_text(
        ":START_ID,:TYPE,:END_ID,id,amount:double,currency,evidence\n"
        'japan,PLEDGES,plan,japan-pledges-plan,550000000000,USD,"[{""doc"": ""doc.txt"", ""quote"": ""Japan pledged""}]"\n'
    )
    (table / "more.jsonl").write_text(
        '{"id": "rare-earths", "kind": "Mineral", "name": "Rare earths"}\n'
        '{"id": "japan-offers-plan", "type": "OFFERS", "source": "japan", "target": "plan", '
        '"status": "proposed", "evidence": [{"doc": "doc.txt", "quote": "the plan"}]}\n'
    )
    ds = load_sources([table], documents_dir=tmp_path / "docs")
    assert ds.entities["japan"].aliases == ("日本", "Nippon")
    assert ds.claims["japan-pledges-plan"].money.usd_amount == 550e9
    assert ds.claims["japan-offers-plan"].status.value == "proposed"


def test_tabular_errors_name_the_row(sources, tmp_path):
    table = tmp_path / "table"
    table.mkdir()
    shutil.copy(sources / "documents.yaml", table)
    (table / "nodes.csv").write_text("id,kind,name\njapan,Country,Japan\nplan,Projekt,The plan\n")
    (table / "more.jsonl").write_text('{"id": "x"}\n')
    found = problems_of(table)
    assert (
        found[0]
        == f"{_rel(table / 'more.jsonl')}:1: expected an object with 'type' (claim), 'kind' (entity) or 'title' (document)"
    )
    assert found[1].startswith(f"{_rel(table / 'nodes.csv')}:3: entity 'plan': kind: Input should be")


def test_an_impossible_unquoted_date_names_its_line(sources):
    path = sources / "claims.yaml"
    path.write_text(GOOD.replace("    money:", "    stated_on: 2025-13-01\n    money:"))
    assert problems_of(sources) == [
        f"{_rel(path)}:16: claim 'japan-pledges-plan': stated_on: '2025-13-01' is not a real date "
        "(month must be in 1..12)"
    ]


def test_empty_sources_are_an_error_not_a_wipe(sources, tmp_path):
    (sources / "empty.yaml").write_text("")
    (sources / "header.csv").write_text("id,kind,name\n")
    assert problems_of(sources) == [
        f"{_rel(sources / 'empty.yaml')}: empty file: expected documents:, entities: or claims:",
        f"{_rel(sources / 'header.csv')}: no rows under the header",
    ]


def test_csv_rows_spanning_lines_and_bad_bytes_are_located(sources, tmp_path):
    table = tmp_path / "t"
    table.mkdir()
    (table / "nodes.csv").write_text('id,kind,name\njapan,Country,"Ja\npan"\nplan,Projekt,x\n')
    (table / "bad.jsonl").write_bytes(b'{"id": "a", "kind": "Country", "name": "A"}\n{"name": "\xff"}\n')
    found = problems_of(table)
    assert found[0] == f"{_rel(table / 'bad.jsonl')}:2: not UTF-8 text (byte offset 54): invalid start byte"
    assert found[1].startswith(f"{_rel(table / 'nodes.csv')}:4: entity 'plan': kind:")


def test_infinite_amounts_are_rejected(sources, tmp_path):
    path = sources / "claims.yaml"
    path.write_text(GOOD.replace("amount: 550000000000", "amount: .inf"))
    (problem,) = problems_of(sources)
    assert problem.startswith(
        f"{_rel(path)}:16: claim 'japan-pledges-plan': money.amount: Input should be a finite number"
    )


def test_hostile_files_are_problems_not_crashes(sources, tmp_path):
    """A YAML alias bomb (nine short lines standing for 9^10 strings), nesting deep enough to
    overflow Python's stack, bytes that are not UTF-8 and a file that cannot be read."""
    bomb = "".join(f"      a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
    (sources / "bomb.yaml").write_text(
        "entities:\n  - id: x\n    kind: Country\n    name: X\n    attributes:\n      a0: &a0 [lol, lol]\n" + bomb
    )
    (sources / "deep.yaml").write_text("entities: " + "[" * 5000 + "]" * 5000 + "\n")
    (sources / "latin.yaml").write_bytes(b"entities:\n  - id: x\n    kind: Country\n    name: Caf\xe9\n")
    table = tmp_path / "t"
    table.mkdir()
    (table / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    (table / "unreadable.jsonl").symlink_to("/proc/self/mem")  # opens, but reading fails (EIO)
    (table / "deep.csv").write_text("id,kind,name,attributes\nx,Country,X," + "[" * 60_000 + "\n")
    assert problems_of(sources)[:3] == [
        f"{_rel(sources / 'bomb.yaml')}:7: invalid YAML: aliases (*name) are not allowed here; write the value out",
        f"{_rel(sources / 'deep.yaml')}:1: invalid YAML: nested more than 50 levels deep",
        f"{_rel(sources / 'latin.yaml')}:4: not UTF-8 text (byte offset 51): invalid continuation byte",
    ]
    assert problems_of(table) == [
        f"{_rel(table / 'deep.csv')}:2: invalid JSON in a cell: nested too deep",
        f"{_rel(table / 'deep.jsonl')}:1: invalid JSON: nested too deep",
        f"{_rel(table / 'unreadable.jsonl')}: cannot read the file: Input/output error",
    ]


# -- extracted records merge into what is there -------------------------------------------------

CURATED = """
documents:
  - {id: a.txt, title: A}
  - {id: b.txt, title: B}
entities:
  - {id: japan, kind: Country, name: Japan}
  - {id: plan, kind: Project, name: The plan}
claims:
  - id: japan-pledges-plan
    type: PLEDGES
    source: japan
    target: plan
    counterparty: japan-two
    evidence: [{doc: a.txt, quote: "Japan pledged the plan"}]
"""

EXTRACTED = """
entities:
  - {id: plan, kind: {kind}, name: The plan, extracted: true, confidence: 0.8,
     evidence: [{doc: b.txt, quote: "the plan", span: [0, 8]}]}
claims:
  - id: japan-pledges-plan.b-txt
    type: PLEDGES
    source: japan
    target: plan
    extracted: true
    confidence: 0.7
    evidence:
      - {doc: b.txt, quote: "Japan pledged it again", span: [10, 32]}
      - {doc: a.txt, quote: "Japan  pledged the plan"}
"""


def _merge_sources(tmp_path, extracted: str, *, extracted_first: bool = False):
    from dealgraph.loaders.sources import load_sources

    curated = CURATED.replace("    counterparty: japan-two\n", "")
    (tmp_path / "1.yaml").write_text(extracted if extracted_first else curated)
    (tmp_path / "2.yaml").write_text(curated if extracted_first else extracted)
    return load_sources([tmp_path / "1.yaml", tmp_path / "2.yaml"])


@pytest.mark.parametrize("extracted_first", [False, True])
def test_an_extracted_claim_adds_its_evidence_to_the_claim_it_repeats(tmp_path, extracted_first):
    data = _merge_sources(tmp_path, EXTRACTED.replace("{kind}", "Project"), extracted_first=extracted_first)
    assert list(data.claims) == ["japan-pledges-plan"]  # no duplicate
    claim = data.claims["japan-pledges-plan"]
    assert not claim.extracted and claim.confidence == 1.0  # the curated claim keeps its values
    assert [(e.doc, e.quote, e.span) for e in claim.evidence] == [
        ("a.txt", "Japan pledged the plan", None),
        ("b.txt", "Japan pledged it again", (10, 32)),  # the same quote again is not repeated
    ]
    plan = data.entities["plan"]
    assert not plan.extracted and [(e.doc, e.span) for e in plan.evidence] == [("b.txt", (0, 8))]


def test_an_extracted_entity_of_another_kind_is_an_error(tmp_path):
    with pytest.raises(SourceError) as err:
        _merge_sources(tmp_path, EXTRACTED.replace("{kind}", "Place"))
    (problem,) = err.value.problems
    assert (
        problem.line == 3
        and problem.message.startswith("entity 'plan': extracted as a Place, but ")
        and problem.message.endswith("1.yaml:7 defines it as a Project")
    )


def test_an_extracted_claim_with_another_counterparty_or_a_taken_id_stays_apart(tmp_path):
    from dealgraph.loaders.sources import load_sources

    two = "entities:\n  - {id: japan-two, kind: Country, name: Two}\n"
    (tmp_path / "1.yaml").write_text(CURATED.replace("entities:\n", two))
    extracted = EXTRACTED.replace("{kind}", "Project").replace(
        "    extracted: true\n", "    counterparty: japan\n    extracted: true\n", 1
    )
    (tmp_path / "2.yaml").write_text(extracted)
    data = load_sources([tmp_path / "1.yaml", tmp_path / "2.yaml"])
    assert sorted(data.claims) == ["japan-pledges-plan", "japan-pledges-plan.b-txt"]
    (tmp_path / "2.yaml").write_text(extracted.replace("japan-pledges-plan.b-txt", "japan-pledges-plan"))
    with pytest.raises(SourceError) as err:
        load_sources([tmp_path / "1.yaml", tmp_path / "2.yaml"])
    assert [p.message for p in err.value.problems] == [
        f"claim 'japan-pledges-plan': duplicate claim id (first defined at {_rel(tmp_path / '1.yaml')}:10)"
    ]


def test_a_counterparty_belongs_only_to_types_with_a_third_party(tmp_path):
    from dealgraph.loaders.sources import load_sources

    (tmp_path / "c.yaml").write_text(
        CURATED.replace("type: PLEDGES", "type: SUPPORTS").replace(
            "    counterparty: japan-two\n", "    counterparty: japan\n"
        )
    )
    with pytest.raises(SourceError) as err:
        load_sources([tmp_path / "c.yaml"])
    assert [str(p) for p in err.value.problems] == [
        f"{_rel(tmp_path / 'c.yaml')}:9: claim 'japan-pledges-plan': counterparty belongs only to PLEDGES, DEMANDS,"
        " OFFERS, SUPPLIES (the types that imply a third party)"
    ]
