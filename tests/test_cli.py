"""The CLI over a store in a temporary directory: exact output, errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import click
from click.testing import CliRunner

from dealgraph.cli import cli

SOFTBANK = """\
SoftBank Group (softbank-group) · Company
aliases: SoftBank Group, SoftBank, ソフトバンクグループ, 软银
attributes: country: Japan, sector: technology investment
wikidata: Q201653

PARTICIPATES_IN →
  Gas-fired power plants for AI data centres (gas-power-plants) · Project
    proposed
    evidence: 000_b1e3e52c24c235de.txt, 001_ee9c060fe19d7241.txt · claim softbank-group-participates-in-gas-power-plants

AFFILIATED_WITH →
  Japan (japan) · Country
    evidence: 001_ee9c060fe19d7241.txt · claim softbank-group-affiliated-with-japan
"""


def test_actor_prints_exactly(invoke):
    result = invoke("actor", "softbank", columns=400)  # unwrapped; the README tour shows it at 80 columns
    assert result.exit_code == 0
    assert result.output == SOFTBANK


def test_takaichi_in_any_script_prints_the_same(invoke):
    outputs = {invoke("actor", name).output for name in ("高市早苗", "takaichi", "Sanae Takaichi")}
    assert len(outputs) == 1
    (text,) = outputs
    assert text.startswith("Sanae Takaichi (sanae-takaichi) · Leader\n")
    assert "PLEDGES →\n  First tranche of the US investment plan (first-tranche) · Project" in text


def test_actor_json_carries_evidence_quotes(invoke):
    data = json.loads(invoke("actor", "japan", "--format", "json").output)
    assert data["entity"]["id"] == "japan"
    plan = next(r for r in data["relationships"] if r["claim"] == "japan-pledges-us-investment-plan")
    assert plan["money"] == {
        "amount": 550e9,
        "currency": "USD",
        "qualifier": "exact",
        "usd": 550e9,
        "usd_basis": "same_currency",
    }
    assert plan["valid_from"] == {"date": "2025-07-01", "precision": "month"}
    assert {e["doc"] for e in plan["evidence"]} == {"000_b1e3e52c24c235de.txt", "001_ee9c060fe19d7241.txt"}


def test_unknown_name_exits_1_with_suggestions(invoke):
    result = invoke("actor", "Takaichy")
    assert result.exit_code == 1
    assert result.stderr == "Error: no entity named 'Takaichy'; did you mean 'Sanae Takaichi' (sanae-takaichi)?\n"


def test_cypher_is_read_only_unless_write(invoke):
    result = invoke("cypher", "CREATE (n:Country {id: 'atlantis', name: 'Atlantis'})")
    assert result.exit_code == 1
    assert result.stderr == ("Error: the query writes, and the store is open read-only; pass --write to allow writes\n")
    count = invoke("cypher", "MATCH (n:Country) RETURN count(*) AS n", "--format", "json")
    assert json.loads(count.output) == [{"n": 3}]


def test_cypher_write_with_flag(tmp_path, corpus):
    from dealgraph.graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "s")
    store.load(corpus)
    store.close()
    runner = CliRunner()
    args = ["--store", str(tmp_path / "s"), "cypher"]
    made = runner.invoke(
        cli,
        [
            *args,
            "--write",
            "MATCH (n:Country) WHERE n.id = $id SET n.name = $name",
            "-p",
            "id=japan",
            "-p",
            "name=Nihon",
        ],
    )
    assert made.exit_code == 0, made.output
    read = runner.invoke(cli, [*args, "MATCH (n:Country {id: 'japan'}) RETURN n.name AS name", "--format", "csv"])
    assert read.output == "name\nNihon\n"


def test_cypher_syntax_error_is_one_line(invoke):
    result = invoke("cypher", "MATCH (n RETURN n")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Cypher error: Parser exception: Invalid input <MATCH (n RETURN>: "
        "expected rule oC_SingleQuery (line: 1, offset: 9)\n"
    )


def test_cypher_parameters_and_formats(invoke):
    query = "MATCH (a)-[r:PLEDGES]->(b) WHERE a.id = $who RETURN b.id AS target, r.amount AS amount ORDER BY target"
    out = invoke("cypher", query, "-p", "who=japan", "--format", "csv").output
    assert (
        out
        == "target,amount\nfirst-tranche,6000000000000\nfirst-tranche,6000000000000\nus-investment-plan,550000000000\n"
    )
    table = invoke("cypher", query, "-p", "who=japan").output
    assert table.splitlines()[0].split() == ["target", "amount"]
    assert table.endswith("(3 rows)\n")


def test_named_lookups_answer(invoke):
    demands = json.loads(invoke("demands", "japan", "--format", "json").output)
    assert {d["target"]["id"] for d in demands if d["counterparty"] == "japan"} >= {
        "japan-defense-spending",
        "us-nuclear-plants",
        "us-farm-market-access",
    }
    supply = invoke("supply", "rare earths", "--format", "csv").output
    assert "China,SUPPLIES,Rare earth elements" in supply
    participants = invoke("participants", "first-tranche").output  # too wide for 80 columns: one block per row
    assert "source   | SoftBank Group\ntype     | PARTICIPATES_IN\n" in participants
    assert "target   | Gas-fired power plants for AI data centres\n" in participants
    analyses = invoke("claims", "--type", "analyzes", "--format", "json").output
    assert {a["source"]["id"] for a in json.loads(analyses)} >= {"meng-xiaoxu"}
    assert all(a["note"] for a in json.loads(analyses))


def test_load_prints_counts_and_changes(tmp_path, documents_dir):
    runner = CliRunner()
    args = ["--store", str(tmp_path / "s"), "load", "--documents", str(documents_dir)]
    first = runner.invoke(cli, args, catch_exceptions=False)
    assert first.exit_code == 0
    lines = first.output.splitlines()
    assert lines[0].startswith("loaded ") and lines[0].endswith(f"claims into {tmp_path / 's'}")
    assert lines[1].startswith("entities: Country 3, Leader 2, ")
    assert lines[3].startswith("changes: entities +")
    again = runner.invoke(cli, args, catch_exceptions=False)
    assert again.output.splitlines()[3] == "changes: no changes"


def test_stats(invoke, corpus):
    data = json.loads(invoke("stats", "--format", "json").output)
    assert sum(data["claims"].values()) == len(corpus.claims)
    assert data["entities"]["Country"] == 3


def test_empty_store_says_to_load_first(tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "none"), "actor", "japan"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: no graph in store {tmp_path / 'none'} yet; run `dealgraph load` first\n"


def test_a_store_locked_by_another_process_is_a_clear_error(tmp_path, corpus):
    from dealgraph.graph.embedded import EmbeddedStore

    EmbeddedStore(tmp_path / "s").load(corpus)
    holder = subprocess.Popen(  # a process writing to the store (as `dealgraph cypher --write` does)
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys
            from dealgraph.graph.embedded import EmbeddedStore
            store = EmbeddedStore({str(tmp_path / "s")!r})
            store.query("MATCH (n:Country) WHERE n.id = 'japan' SET n.name = 'Nihon'", write=True)
            print("held", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "load"])
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: store {tmp_path / 's'} is locked by another process (pid {holder.pid}); wait or use --store\n"
        )
    finally:
        holder.communicate("")


def test_every_command_has_help():
    ctx = click.Context(cli)
    for name, command in cli.commands.items():
        assert command.get_short_help_str(), name
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage: cli " + name in result.output or f"Usage: dealgraph {name}" in result.output
    assert ctx.command.help


def test_help_opens_no_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["actor", "--help"])
    assert result.exit_code == 0
    assert not (tmp_path / ".dealgraph").exists()


def test_python_dash_m_runs():
    out = subprocess.run([sys.executable, "-m", "dealgraph", "--help"], capture_output=True, text=True, check=True)
    assert "Usage: dealgraph" in out.stdout


def _imported(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules ``python -m dealgraph ARGS`` imports (``-X importtime`` names each on stderr)."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dealgraph", *args], capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}


def test_help_is_stored_as_click_prints_it():
    """`dealgraph --help` prints a stored copy of the help (dealgraph.quickhelp), without
    importing click; it must be what click prints, at any width (a narrow terminal goes to
    click). After changing the commands: python -m dealgraph.quickhelp."""
    from dealgraph._help import HELP
    from dealgraph.quickhelp import rendered

    assert rendered() == HELP, "the stored help is stale: run `python -m dealgraph.quickhelp`"
    by_click = [sys.executable, "-c", "from dealgraph.cli import cli; cli(prog_name='dealgraph')", "--help"]
    for columns in (None, "200", "80", "79", "60"):
        env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | ({"COLUMNS": columns} if columns else {})
        stored = subprocess.run([sys.executable, "-m", "dealgraph", "--help"], capture_output=True, text=True, env=env)
        clicked = subprocess.run(by_click, capture_output=True, text=True, env=env)
        assert (stored.stdout, stored.stderr, stored.returncode) == (clicked.stdout, clicked.stderr, 0), columns
    assert "click" not in _imported("--help")


def test_lookups_import_neither_the_model_nor_the_graph_libraries(loaded_store):
    """A lookup reads what a load validated: the pydantic model, networkx and the Neo4j driver
    stay unimported (each costs a lookup's start-up a good part of its time)."""
    loaded_store.close()
    for args in (
        ["actor", "softbank"],
        ["actor", "japan", "--as-of", "2025-09-01", "--format", "json"],
        ["ledger", "japan", "united-states"],
        ["path", "softbank", "japan"],
        ["pledges", "japan"],
        ["stats"],
    ):
        modules = _imported("--store", loaded_store.location, *args)
        assert "dealgraph.graph.embedded" in modules, args
        assert not {m for m in modules if m.split(".")[0] in {"pydantic", "networkx", "neo4j", "asyncio"}}, args


def test_a_process_ends_as_click_ends_it_though_the_store_is_left_open(loaded_store, invoke):
    """`dealgraph` leaves a store opened read-only to the end of the process and ends it at once
    (dealgraph.launch): what it prints and its exit status are click's (as run in-process here,
    where the store is closed)."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    for args in (["actor", "softbank"], ["actor", "nosuch"], ["ledger", "japan", "japan"], ["stats", "--format", "json"]):
        run = subprocess.run(
            [sys.executable, "-m", "dealgraph", "--store", loaded_store.location, *args],
            capture_output=True,
            text=True,
            env=env,
        )
        result = invoke(*args)
        assert (run.returncode, run.stdout, run.stderr) == (result.exit_code, result.stdout, result.stderr), args


def test_ladybug_without_asyncio_still_has_its_async_connection():
    """dealgraph.graph.engine imports ladybug with a stand-in for asyncio: asyncio is imported
    when ladybug's AsyncConnection first uses it, and `import asyncio` elsewhere is the real one."""
    script = textwrap.dedent(
        """
        import sys
        from dealgraph.graph.engine import ladybug
        lb = ladybug()
        assert "asyncio" not in sys.modules and "asyncio.base_events" not in sys.modules
        import asyncio
        assert asyncio.run.__module__ == "asyncio.runners"
        async def first():
            conn = lb.AsyncConnection(lb.Database(":memory:"))
            try:
                return (await conn.execute("RETURN 1 AS x")).get_all()
            finally:  # (left to the collector, it may be closed from its own worker thread: an error)
                conn.close()
        print(asyncio.run(first()))
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == (0, "[[1]]\n", "")


def test_read_only_cypher_cannot_write_files(invoke, tmp_path):
    target = tmp_path / "out.csv"
    result = invoke("cypher", f"COPY (RETURN 'x' AS a) TO '{target}'")
    assert result.exit_code == 1
    assert result.stderr == "Error: the query writes files or changes the database; pass --write to allow it\n"
    assert not target.exists()
    assert invoke("cypher", "RETURN 'COPY' AS word", "--format", "csv").output == "word\nCOPY\n"
    # A quote inside a `name` or a comment must not hide the keyword after it.
    target.write_text("keep me")
    for query in (
        f"RETURN 1 AS `'`; COPY (RETURN 'x' AS a) TO '{target}'",
        f"/* ' */ COPY (RETURN 'x' AS a) TO '{target}' /* ' */",
        f"// '\nCOPY (RETURN 'x' AS a) TO '{target}'",
        "RETURN 1 AS `a``'`; LOAD EXTENSION '/tmp/nothing.so'",
        "UNINSTALL json",  # deletes the extension's files
        "CALL READ_CSV_SERIAL('/etc/hostname') RETURN *",  # reads files as LOAD FROM does
    ):
        result = invoke("cypher", query)
        assert result.exit_code == 1, query
        assert result.stderr == "Error: the query writes files or changes the database; pass --write to allow it\n"
    assert target.read_text() == "keep me"
    words = invoke("cypher", "RETURN 'a /* b' AS `copy`, \"it's\" AS `load` // LOAD", "--format", "csv")
    assert words.output == "copy,load\na /* b,it's\n"
    table = invoke("cypher", "RETURN 'a\nb' AS x, 'c\td' AS y")  # a cell cannot add a row or a column
    assert table.output.splitlines()[2] == "a\\nb  c\\td"


def test_odd_values_and_parameters_do_not_crash(invoke):
    assert invoke("cypher", "RETURN 1.0/0.0 AS x", "--format", "csv").output == "x\ninf\n"
    bad = invoke("cypher", "RETURN $x AS x", "-p", 'x=[1, "a"]')
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: Cypher error: ")


def test_unusable_store_path_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("")
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "file" / "x"), "load"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot create store {tmp_path / 'file' / 'x'}: Not a directory; use --store DIR\n"


def test_actor_shows_what_is_demanded_of_it(invoke):
    text = invoke("actor", "japan").output
    assert "DEMANDS (as counterparty)\n  United States (united-states) → Higher Japanese defence spending" in text


def test_the_cli_choices_are_the_models():
    # The CLI spells kinds and types out to keep its start-up light; they must stay the model's.
    from dealgraph.cli import KINDS, REL_TYPES
    from dealgraph.graph.model import Kind, RelType

    assert KINDS == tuple(k.value for k in Kind)
    assert REL_TYPES == tuple(t.value for t in RelType)


def test_what_a_source_says_cannot_drive_the_terminal(tmp_path):
    evil = "Evil\x1b]0;owned\x07\x1b[31mRed\r\u202eWord\x9b"
    claims = tmp_path / "evil.yaml"
    claims.write_text(
        "documents:\n  - {id: d.txt, title: D}\n"
        "entities:\n"
        f"  - {{id: evil, kind: Company, name: {json.dumps(evil)}}}\n"
        "  - {id: site, kind: Project, name: Site}\n"
        "claims:\n"
        "  - {id: evil-pledges-site, type: PLEDGES, source: evil, target: site, stated_on: 2025-07-01,\n"
        "     evidence: [{doc: d.txt, quote: q}]}\n",
        encoding="utf-8",
    )
    store = str(tmp_path / "store")
    # d.txt is not among the checked documents; a wide terminal keeps the name on one line of the tables
    runner = CliRunner(env={"DEALGRAPH_DOCUMENTS": None, "COLUMNS": "400"})
    assert runner.invoke(cli, ["--store", store, "load", str(claims)]).exit_code == 0
    shown = "Evil\\x1b]0;owned\\x07\\x1b[31mRed\\x0d\\u202eWord\\x9b"
    for args in (
        ["actor", "evil"],
        ["pledges", "evil"],
        ["cypher", "MATCH (n:Company) RETURN n.name"],
        ["timeline"],
        ["ledger", "evil", "evil"],  # an error message naming it
    ):
        result = runner.invoke(cli, ["--store", store, *args])
        assert not any(c in result.output for c in "\x1b\x07\r\u202e\x9b"), args
        assert shown in result.output, args
    data = json.loads(runner.invoke(cli, ["--store", store, "actor", "evil", "--format", "json"]).output)
    assert data["entity"]["name"] == evil  # JSON keeps the value exactly (escaped by JSON itself)
