"""Output that fits a terminal: tables wrap or turn into one block per record, names not
ids, one timeline entry per step, merged paths, what the analyst said; CSV and JSON whole."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dealgraph import output
from dealgraph.analysis_output import path_text, timeline_text
from dealgraph.queries import analysis, lookups

WIDTHS = (40, 60, 80, 120, 200)


def _longest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_the_widest_tables_fit_80_columns_on_the_cli(invoke):
    # Output that is not a terminal (CliRunner, a pipe) is laid out for 80 columns.
    for args in (
        ("pledges", "japan"),
        ("claims",),
        ("claims", "--type", "ANALYZES"),
        ("demands", "japan"),
        ("participants", "first-tranche"),
        ("cypher", "MATCH (a)-[r]->(b) RETURN a.name AS a, r.id AS claim, r.note AS note, b.name AS b"),
    ):
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        assert _longest(result.output) <= 80, args


@pytest.mark.parametrize("width", WIDTHS)
def test_tables_fit_any_width_and_lose_no_text(loaded_store, width):
    ties = lookups.claims(loaded_store)
    rows = output.tie_rows(ties)
    text = output.table(output.TIE_COLUMNS, rows, width=width)
    assert _longest(text) <= width
    if width <= 120:  # one block per record: read each record back, value by value
        assert text.startswith("-[ RECORD 1 ]-")
        records: list[dict[str, str]] = []
        field = ""
        for line in text.splitlines():
            if line.startswith("-[ RECORD "):
                records.append({})
                continue
            name, _, value = line.partition(" |")  # "name |" alone: an empty value
            field = name.strip() or field
            value = value.removeprefix(" ")
            records[-1][field] = records[-1].get(field, "") + value
        assert len(records) == len(rows)
        for record, row in zip(records, rows, strict=True):
            for column, cell in zip(output.TIE_COLUMNS, row, strict=True):
                # wrapping breaks lines at spaces and after hyphens: the text without spaces is whole
                assert "".join(record[column].split()) == "".join(cell.split()), (column, cell)
    else:  # wrapped columns
        assert text.splitlines()[0].split() == list(output.TIE_COLUMNS)


@pytest.mark.parametrize("width", [1, 5, 16, 40])
def test_wrapping_loses_no_text(width):
    for text in ("japan-pledges-first-tranche-000", "due 2026-02 (moved: 2025-12 → 2026-01 → 2026-02)", "", "x" * 50):
        parts = output._wrap(text, width)
        assert all(len(p) <= width for p in parts)
        assert "".join("".join(parts).split()) == "".join(text.split())


def test_a_table_that_fits_is_plain_and_one_that_cannot_is_expanded():
    columns = ("name", "note")
    rows = [["Japan", "short"], ["United States", "a long note " * 8]]
    plain = output.table(columns, [["Japan", "short"]], width=80)
    assert plain == "name   note\n----   ----\nJapan  short"
    wrapped = output.table(columns, rows, width=60)
    assert wrapped.splitlines()[0].split() == ["name", "note"]
    assert _longest(wrapped) <= 60 and len(wrapped.splitlines()) > 4
    assert "" in wrapped.splitlines()  # rows that wrap stand apart
    many = [f"column{i}" for i in range(8)]
    expanded = output.table(many, [[f"value {i} " * 6 for i in range(8)]] * 2, width=60)
    lines = expanded.splitlines()
    assert lines[0].startswith("-[ RECORD 1 ]-") and len(lines[0]) == 60
    assert lines[1].startswith("column0 | value 0 value 0")
    assert sum(line.startswith("-[ RECORD ") for line in lines) == 2
    assert _longest(expanded) <= 60


def test_csv_and_json_stay_complete(invoke, loaded_store):
    ties = lookups.claims(loaded_store)
    rows = output.tie_rows(ties)
    parsed = list(csv.reader(io.StringIO(invoke("claims", "--format", "csv").output)))
    assert parsed[0] == list(output.TIE_COLUMNS)
    assert parsed[1:] == rows  # every cell whole, however wide
    assert max(len(",".join(r)) for r in parsed) > 200
    data = json.loads(invoke("claims", "--format", "json").output)
    assert [d["claim"] for d in data] == [t.claim for t in ties]
    assert all(d["note"] == t.fields.get("note") for d, t in zip(data, ties, strict=True))


def test_counterparties_show_their_names(invoke):
    parsed = list(csv.DictReader(io.StringIO(invoke("pledges", "japan", "--format", "csv").output)))
    assert {r["counterparty"] for r in parsed} == {"United States", "Japan"}
    lutnick = list(csv.DictReader(io.StringIO(invoke("pledges", "lutnick", "--format", "csv").output)))
    assert [r["counterparty"] for r in lutnick] == ["Donald Trump"]
    assert "counterparty United States" in invoke("actor", "japan").output
    assert "counterparty united-states" not in invoke("actor", "japan").output
    assert "counterparty | United States" in invoke("pledges", "japan").output
    assert "counterparty | united-states" not in invoke("pledges", "japan").output
    data = json.loads(invoke("pledges", "japan", "--format", "json").output)  # JSON keeps the id, and the name
    plan = next(d for d in data if d["claim"] == "japan-pledges-us-investment-plan")
    assert (plan["counterparty"], plan["counterparty_name"]) == ("united-states", "United States")


def test_claims_of_type_analyzes_show_what_the_analyst_said(invoke):
    text = invoke("claims", "--type", "ANALYZES").output
    assert "analysis | The offer is a many-sided strategy to tie the US to Japan." in text
    parsed = list(csv.DictReader(io.StringIO(invoke("claims", "--type", "ANALYZES", "--format", "csv").output)))
    assert parsed and all(r["analysis"] for r in parsed)
    others = list(csv.DictReader(io.StringIO(invoke("claims", "--type", "PLEDGES", "--format", "csv").output)))
    assert not any(r["analysis"] for r in others)


def test_timeline_prints_each_step_once_with_every_account(store_and_cli):
    store, invoke = store_and_cli
    events = analysis.timeline(store, "first tranche")
    keys = [(str(e.date), e.what, e.step, e.source.id, e.target.id) for e in events]
    assert len(keys) == len(set(keys))  # each entry once
    steps = [e for e in events if e.source.id == "japan" and e.what.startswith("due")]
    assert [(str(e.date), e.step) for e in steps] == [("2025-12", 1), ("2026-01", 2), ("2026-02", 3)]
    for e in steps:  # both articles' accounts, with each article's evidence
        assert e.claims == ("japan-pledges-first-tranche-000", "japan-pledges-first-tranche-001")
        assert {q.doc for q in e.evidence} == {"000_b1e3e52c24c235de.txt", "001_ee9c060fe19d7241.txt"}
    text = invoke("timeline", "first tranche").output
    assert text.count("due (moved) (step 2 of 3): Japan PLEDGES") == 1
    assert "claims japan-pledges-first-tranche-000, japan-pledges-first-tranche-001" in " ".join(text.split())
    under = [line for line in timeline_text(events, width=80).splitlines() if line.startswith(" " * 12)]
    assert under and _longest("\n".join(under)) <= 80  # notes, quotes and claims wrap (at spaces only)
    shown = json.loads(invoke("timeline", "first tranche", "--format", "json").output)
    step = next(e for e in shown if e["what"] == "due (moved)" and e["step"] == 2)
    assert [a["claim"] for a in step["accounts"]] == list(steps[1].claims)
    assert all(set(q) == {"doc", "quote"} for a in step["accounts"] for q in a["evidence"])


def test_paths_that_differ_only_by_an_account_are_one_path(store_and_cli):
    store, invoke = store_and_cli
    result = analysis.path(store, "softbank", "supreme court")
    assert len(result.paths) == 1
    plants = next(s for s in result.paths[0] if s.source.id == "gas-power-plants")
    assert plants.claims == ("gas-power-plants-part-of-first-tranche-000", "gas-power-plants-part-of-first-tranche-001")
    assert plants.evidence == ("000_b1e3e52c24c235de.txt", "001_ee9c060fe19d7241.txt")
    text = invoke("path", "softbank", "supreme court").output
    assert text.startswith("1 shortest path of 5 hops from SoftBank Group")
    assert "claims gas-power-plants-part-of-first-tranche-000,\n" in text
    claims_lines = [line for line in path_text(result, width=80).splitlines() if line.startswith(" " * 8)]
    assert claims_lines and _longest("\n".join(claims_lines)) <= 80  # a step's claims and evidence are wrapped


def test_actor_as_of_marks_what_it_keeps_undated(invoke):
    text = invoke("actor", "japan", "--as-of", "2025-11-01", columns=400).output  # one item a line
    assert "those marked (undated) the sources do not date, and they are kept" in text
    lines = text.splitlines()
    demand = lines.index(
        "  US security guarantees and strategic commitment to Japan (us-security-commitment) · Policy (undated)"
    )
    assert "japan-demands-us-security-commitment" in lines[demand + 2]
    plan = next(line for line in lines if line.startswith("  Japan's $550 billion US investment"))
    assert not plan.endswith("(undated)")  # valid from July 2025
    assert "(undated)" not in invoke("actor", "japan").output  # only with --as-of
    data = json.loads(invoke("actor", "japan", "--as-of", "2025-11-01", "--format", "json").output)
    dated = {r["claim"]: r["dated"] for r in data["relationships"]}
    assert dated["japan-demands-us-security-commitment"] is False
    assert dated["japan-pledges-us-investment-plan"] is True
    assert "dated" not in json.loads(invoke("actor", "japan", "--format", "json").output)["relationships"][0]


@pytest.fixture
def store_and_cli(loaded_store, invoke):
    return loaded_store, invoke


def test_columns_sets_the_width(invoke, monkeypatch):
    from click.testing import CliRunner

    from dealgraph.cli import cli

    store = invoke("stats").output.split()[1].rstrip(":")
    wide = CliRunner(env={"COLUMNS": "250"}).invoke(cli, ["--store", store, "pledges", "japan"])
    assert wide.output.splitlines()[0].split() == [
        "source",
        "type",
        "target",
        "counterparty",
        "money",
        "dates",
        "status",
        "evidence",
        "claim",
    ]
    assert 80 < _longest(wide.output) <= 250
    monkeypatch.setenv("COLUMNS", "60")
    assert output.terminal_width() == 60
    monkeypatch.setenv("COLUMNS", "")
    assert output.terminal_width() == 80  # not a terminal (pytest captures standard output)


@pytest.mark.parametrize(
    "args",
    [("actor", "japan"), ("actor", "japan", "--as-of", "2025-11-01"), ("ledger", "japan", "us"), ("timeline",),
     ("conflicts",), ("path", "softbank", "supreme court"), ("stats",)],
)  # fmt: skip
def test_text_answers_fit_80_columns(invoke, args):
    """Text answers wrap to the width under their own indentation; only a word longer than the
    room left (an id, a file name) may stand past it, alone on its line."""
    text = invoke(*args, columns=80).output
    for line in text.splitlines():
        if len(line) > 80:
            assert len(line.split()) == 1 or len(line.strip().split()[-1]) > 80 - len(line) + len(line.split()[-1]) - 20, line
    wide = [line for line in text.splitlines() if len(line) > 80]
    assert len(wide) <= len(text.splitlines()) // 4, wide
