"""What a hostile source, path or query cannot do (issue 18): crash with a traceback, print JSON
that is not JSON, drive the terminal, change data on its way to a pipe, slip past validation,
or have side effects through a read-only query."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealgraph.cli import cli
from dealgraph.errors import QueryError, SourceError
from dealgraph.loaders import load_sources

DOCS = "documents:\n  - {id: d.txt, title: D}\n"


def _claims(name: str = "Japan", amount: object = 5, *, alias: str | None = None) -> str:
    aliases = f", aliases: [{json.dumps(alias)}]" if alias is not None else ""
    return (
        DOCS + "entities:\n"
        f"  - {{id: a, kind: Country, name: {json.dumps(name)}{aliases}}}\n"
        "  - {id: site, kind: Project, name: Site}\n"
        "  - {id: b, kind: Country, name: B}\n"
        "claims:\n"
        "  - {id: a-pledges-site, type: PLEDGES, source: a, target: site, counterparty: b,\n"
        f"     money: {{amount: {json.dumps(amount)}, currency: USD}}, evidence: [{{doc: d.txt, quote: q}}]}}\n"
    )


def _problems(path: Path) -> list[str]:
    with pytest.raises(SourceError) as info:
        load_sources([path])
    return [str(p) for p in info.value.problems]


def _rel(path: Path) -> str:
    return os.path.relpath(path)


def _run(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("DEALGRAPH_DOCUMENTS", None)
    return subprocess.run(
        [sys.executable, "-m", "dealgraph", *args], capture_output=True, timeout=timeout, env=env, **kwargs
    )


# -- 3. tracebacks ----------------------------------------------------------------------------


def test_a_path_too_long_to_look_at_is_a_problem_not_a_traceback(tmp_path):
    path = tmp_path / ("x" * 300) / "claims.yaml"
    assert _problems(path) == [f"{_rel(path)}: cannot read it: File name too long"]
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "load", str(path)])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.endswith("Error: 1 problem in the sources; nothing was loaded\n")


def test_a_source_behind_a_directory_without_search_permission_is_a_problem(tmp_path):
    """Root passes every permission check: as root, the command runs without that power
    (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH) on a directory owned by nobody."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "c.yaml").write_text(_claims())
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("needs setpriv to run as root without the power to ignore permissions")
        os.chown(locked, 65534, 65534)
        locked.chmod(0o700)
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    else:
        locked.chmod(0o000)
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "dealgraph", "--store", "store", "load", "locked/c.yaml"],
            capture_output=True,
            cwd=tmp_path,
            timeout=120,
            env={k: v for k, v in os.environ.items() if k != "DEALGRAPH_DOCUMENTS"},
        )
    finally:
        locked.chmod(0o700)
    assert result.returncode == 1, result.stderr
    assert result.stderr.decode() == (
        "locked/c.yaml: cannot read it: Permission denied\nError: 1 problem in the sources; nothing was loaded\n"
    )
    assert not (tmp_path / "store").exists()


def _can_mount_tmpfs() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt 2>/dev/null || mount -t tmpfs tmpfs /tmp"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="needs unshare and mount (root) for a full TMPDIR")
def test_a_full_tmpdir_does_not_stop_a_load(tmp_path, corpus):
    # The load copies from tables in memory and writes no temporary files.
    from dealgraph.graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store")
    store.load(corpus)
    store.close()
    (tmp_path / "big").mkdir()
    rows = [{"id": f"c{i}", "kind": "Country", "name": f"Country {i} " + "x" * 100} for i in range(500)]
    (tmp_path / "big" / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    full = tmp_path / "full"
    full.mkdir()
    script = 'mount -t tmpfs -o size=16k tmpfs "$1" && dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null; shift && exec "$@"'
    env = {**os.environ, "TMPDIR": str(full), "PYTHONIOENCODING": "utf-8"}
    env.pop("DEALGRAPH_DOCUMENTS", None)
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(full), sys.executable, "-m", "dealgraph"]
        + ["--store", str(tmp_path / "store"), "load", str(tmp_path / "big")],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    loaded = EmbeddedStore(tmp_path / "store").read()
    assert sorted(loaded.entities) == sorted(r["id"] for r in rows)


# -- 4. strict JSON ---------------------------------------------------------------------------


def _strings(value: object) -> list[str]:
    """Every string in a parsed JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _strict(text: str) -> object:
    def refuse(name: str) -> object:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def test_cypher_json_is_strict_json_for_infinities_and_nan(invoke):
    result = invoke("cypher", "RETURN 1e308*10 AS x, -1e308*10 AS y, 0.0/0.0 AS z, [1e308*10] AS l", "--format", "json")
    assert result.exit_code == 0
    assert _strict(result.output) == [{"x": "Infinity", "y": "-Infinity", "z": "NaN", "l": ["Infinity"]}]


def test_amounts_are_bounded_at_validation(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(_claims(amount=1.7e308))
    assert _problems(path) == [
        f"{_rel(path)}:9: claim 'a-pledges-site': money.amount: "
        "Input should be less than or equal to 1000000000000000000"
    ]


def test_the_largest_amounts_sum_to_strict_json(tmp_path):
    text = _claims(amount=1e18) + (
        "  - {id: a-pledges-site-2, type: PLEDGES, source: a, target: site, counterparty: b,\n"
        "     money: {amount: 1e18, currency: USD}, evidence: [{doc: d.txt, quote: r}]}\n"
    )
    (tmp_path / "c.yaml").write_text(text)
    store = str(tmp_path / "store")
    runner = CliRunner(env={"DEALGRAPH_DOCUMENTS": None})
    assert runner.invoke(cli, ["--store", store, "load", str(tmp_path / "c.yaml")]).exit_code == 0
    result = runner.invoke(cli, ["--store", store, "ledger", "a", "b", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _strict(result.output)


# -- 5. terminal control characters -----------------------------------------------------------

EVIL = "Evil\x1b]0;owned\x07\x1b[2J\x1b[31mRed\rX\u202eWord\x9b\u200e\u200f\u061c"
RAW = ("\x1b", "\x07", "\u202e", "\x9b", "\u200e", "\u200f", "\u061c")


@pytest.fixture(scope="module")
def evil_store(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("evil")
    (base / "evil.yaml").write_text(_claims(EVIL), encoding="utf-8")
    store = str(base / "store")
    result = CliRunner(env={"DEALGRAPH_DOCUMENTS": None}).invoke(
        cli, ["--store", store, "load", str(base / "evil.yaml")]
    )
    assert result.exit_code == 0, result.output
    return store


def _on_a_terminal(*args: str) -> str:
    """What the command writes to a pseudo-terminal (the line discipline's CR LF made LF)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "400"}
    env.pop("DEALGRAPH_DOCUMENTS", None)
    proc = subprocess.Popen([sys.executable, "-m", "dealgraph", *args], stdout=follower, stderr=follower, env=env)
    os.close(follower)
    out = b""
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], 120)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            out += chunk
    finally:
        proc.wait(timeout=120)
        os.close(leader)
    return out.decode("utf-8").replace("\r\n", "\n")


COMMANDS = [
    ("claims",),
    ("pledges", "a"),
    ("cypher", "MATCH (n:Country) WHERE n.id = 'a' RETURN n.name AS name"),
]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_terminal_sees_control_characters_escaped_in_every_format(evil_store, command, fmt):
    shown = _on_a_terminal("--store", evil_store, *command, "--format", fmt)
    assert "Evil" in shown, shown
    assert not any(c in shown for c in RAW) and "\r" not in shown, (fmt, shown)
    if fmt == "json":
        assert EVIL in _strings(_strict(shown))  # the same value, as \u escapes


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_pipe_gets_the_data_byte_exact(evil_store, command, fmt):
    result = _run("--store", evil_store, *command, "--format", fmt)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    if fmt == "csv":
        import csv
        import io

        cells = [c for row in csv.reader(io.StringIO(out, newline="")) for c in row]
        assert EVIL in cells
    else:
        assert EVIL in _strings(_strict(out))
        assert "\x9b" in out and "\u202e" in out  # JSON keeps these raw: exactly the data


def test_export_to_a_terminal_is_escaped_and_to_a_pipe_exact(evil_store):
    shown = _on_a_terminal("--store", evil_store, "export", "--format", "json")
    assert not any(c in shown for c in RAW)
    assert EVIL in _strings(_strict(shown))
    piped = _run("--store", evil_store, "export", "--format", "cypher").stdout.decode("utf-8")
    assert "\x9b" in piped and "\u202e" in piped


# -- 6. validation gaps -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("money", "field"),
    [("{amount: true, currency: USD}", "money.amount"), ("{amount: false, currency: USD}", "money.amount")],
)
def test_true_and_false_are_no_amounts(tmp_path, money, field):
    path = tmp_path / "c.yaml"
    path.write_text(_claims().replace("{amount: 5, currency: USD}", money))
    assert _problems(path) == [f"{_rel(path)}:9: claim 'a-pledges-site': {field}: expected a number, not true or false"]


def test_true_is_no_confidence_or_rate(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"id": "x", "kind": "Country", "name": "X", "confidence": true}\n'
        '{"id": "d", "title": "D"}\n'
        '{"id": "c", "type": "PLEDGES", "source": "x", "target": "x", "evidence": [{"doc": "d", "quote": "q"}],'
        ' "money": {"amount": 1, "currency": "JPY", "usd": {"amount": 1, "basis": "fx", "rate": true,'
        ' "rate_date": "2025-01-01"}}}\n'
    )
    problems = _problems(path)
    assert f"{_rel(path)}:1: entity 'x': confidence: expected a number, not true or false" in problems
    assert f"{_rel(path)}:3: claim 'c': money.usd.rate: expected a number, not true or false" in problems


def test_a_name_too_long_for_either_store_is_refused_at_validation(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(_claims("N" * 40_000, alias="A" * 1001))
    assert _problems(path) == [
        f"{_rel(path)}:4: entity 'a': aliases.0: String should have at most 1000 characters",
        f"{_rel(path)}:4: entity 'a': name: String should have at most 1000 characters",
        f"{_rel(path)}:8: claim 'a-pledges-site': source 'a' is not a known entity",
    ]


def test_the_longest_name_loads_into_both_stores(tmp_path, neo4j_store):
    from dealgraph.graph.embedded import EmbeddedStore

    longest = "\U0001d54f" * 1000  # four bytes each in UTF-8: the most an index must hold
    path = tmp_path / "c.yaml"
    path.write_text(_claims("LONGEST", alias="LONGEST").replace('"LONGEST"', longest), encoding="utf-8")
    data = load_sources([path])
    neo4j_store.load(data)
    assert neo4j_store.read() == data
    embedded = EmbeddedStore(tmp_path / "store")
    embedded.load(data)
    assert embedded.read() == data
    embedded.close()


def test_an_empty_path_is_refused_not_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text(_claims())
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "load", ""])
    assert result.exit_code == 1
    assert result.stderr == (
        '"": an empty path names no source; give a file or a directory\n'
        "Error: 1 problem in the sources; nothing was loaded\n"
    )
    assert not (tmp_path / "s").exists()


def test_a_fifo_among_the_documents_does_not_hang_the_load(tmp_path):
    (tmp_path / "c.yaml").write_text(_claims())
    (tmp_path / "docs").mkdir()
    os.mkfifo(tmp_path / "docs" / "d.txt")
    result = _run("--store", str(tmp_path / "s"), "load", "c.yaml", "--documents", "docs", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[0] == (
        "c.yaml:2: document 'd.txt': docs/d.txt is not a regular file; save the article there"
    )
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("args", [["stats"], ["claims"], ["claims", "--format", "json"], ["stats", "--format", "json"]])
def test_an_emptied_store_is_an_error_for_stats_and_claims(tmp_path, corpus, args):
    from dealgraph.graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store")
    store.load(corpus)
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.close()
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), *args])
    assert result.exit_code == 1
    assert result.stderr == f"Error: no graph in store {tmp_path / 'store'} yet; run `dealgraph load` first\n"


def test_a_keyword_used_as_an_alias_a_key_or_a_label_is_no_write(invoke):
    for query, expected in [
        ("MATCH (n:Country) WHERE n.id = 'japan' RETURN n.name AS load", "load\nJapan\n"),
        ("RETURN {copy: 1, export: 2} AS m, 3 AS Checkpoint", 'm,Checkpoint\n"{""copy"": 1, ""export"": 2}",3\n'),
    ]:
        result = invoke("cypher", query, "--format", "csv")
        assert (result.exit_code, result.output) == (0, expected), query
    for query in ("RETURN 1 AS x; LOAD EXTENSION json", "CALL READ_CSV('/etc/hostname') RETURN *"):
        assert invoke("cypher", query).exit_code == 1, query


# -- 7. Neo4j: side effects a read transaction allows, refused before sending ---------------


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"a,b\n1,2\n")

    def log_message(self, *args: object) -> None:
        pass


def test_load_csv_from_a_url_is_refused_and_nothing_is_fetched(neo4j_store):
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/x.csv"
        for query in (
            f"LOAD CSV FROM '{url}' AS row RETURN row",
            f"load /* x */ csv with headers from '{url}' AS r RETURN r",
        ):
            with pytest.raises(QueryError) as info:
                neo4j_store.query(query)
            assert (
                str(info.value)
                == "LOAD CSV has effects outside the query (read-only by default); pass --write to allow it"
            )
        time.sleep(0.5)
        assert _Recorder.requests == []
        neo4j_store.query(f"LOAD CSV FROM '{url}' AS row RETURN row", write=True)  # --write: the user's call
        assert _Recorder.requests == ["/x.csv"]
    finally:
        server.shutdown()
        server.server_close()
        _Recorder.requests.clear()


def test_terminate_transactions_is_refused_and_a_running_transaction_survives(neo4j_store):
    driver = neo4j_store._connect()
    with driver.session(database=neo4j_store.database) as session:
        tx = session.begin_transaction(metadata={"app": "dealgraph-test-victim"})
        tx.run("RETURN 1").consume()
        query = (
            "SHOW TRANSACTIONS YIELD transactionId AS id, metaData WHERE metaData.app = 'dealgraph-test-victim' "
            "TERMINATE TRANSACTIONS id YIELD message RETURN message"
        )
        with pytest.raises(QueryError) as info:
            neo4j_store.query(query)
        assert (
            str(info.value)
            == "TERMINATE has effects outside the query (read-only by default); pass --write to allow it"
        )
        assert tx.run("RETURN 2 AS x").single()["x"] == 2  # still alive
        tx.rollback()


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("CALL db.stats.clear()", "db.stats.clear"),
        ("CALL db.stats.collect('QUERIES')", "db.stats.collect"),
        ("CALL db.stats.stop('QUERIES')", "db.stats.stop"),
        ("CALL db.clearQueryCaches()", "db.clearQueryCaches"),
        ("CALL tx.setMetaData({owned: true})", "tx.setMetaData"),
        ("CALL `db`.`clearQueryCaches`()", "db.clearQueryCaches"),
        ("CALL `db.clearQueryCaches`", "db.clearQueryCaches"),
        ("MATCH (n) WITH count(n) AS c CALL db.clearQueryCaches() YIELD value RETURN value", "db.clearQueryCaches"),
        ("call dbms.setConfigValue('db.logs.query.enabled', 'OFF')", "dbms.setConfigValue"),
    ],
)
def test_procedures_with_side_effects_are_refused_before_sending(neo4j_store, query, name):
    before = neo4j_store.query("CALL db.stats.retrieve('QUERIES') YIELD data RETURN data", write=True).rows
    with pytest.raises(QueryError) as info:
        neo4j_store.query(query)
    assert str(info.value) == (
        f"procedure {name} may change the database or the server (read-only by default); pass --write to allow it"
    )
    assert neo4j_store.query("CALL db.stats.retrieve('QUERIES') YIELD data RETURN data", write=True).rows == before


def test_reads_and_read_procedures_still_run_on_neo4j(neo4j_corpus):
    assert neo4j_corpus.query("RETURN 'LOAD CSV' AS load, 1 AS terminate").rows == [["LOAD CSV", 1]]
    assert ["Country"] in neo4j_corpus.query("CALL db.labels() YIELD label RETURN label").rows
    assert neo4j_corpus.query("CALL { RETURN 1 AS x } RETURN x").rows == [[1]]
    found = neo4j_corpus.query(
        "CALL db.index.fulltext.queryNodes('dealgraph_names', 'Japan') YIELD node RETURN node.id AS id LIMIT 1"
    ).rows
    assert found == [["japan"]]


def test_the_cli_refuses_them_with_one_line(neo4j_env):
    env = {**neo4j_env, "DEALGRAPH_DOCUMENTS": None}
    result = CliRunner(env=env).invoke(cli, ["cypher", "CALL db.clearQueryCaches()"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: procedure db.clearQueryCaches may change the database or the server (read-only by default); "
        "pass --write to allow it\n"
    )


# -- 8. large YAML ----------------------------------------------------------------------------


def test_a_yaml_file_over_the_limit_is_refused_at_once_naming_json_lines(tmp_path):
    from dealgraph.loaders.yaml_claims import MAX_YAML_BYTES

    path = tmp_path / "big.yaml"
    text = _claims()
    path.write_text(text + "#" * (MAX_YAML_BYTES + 1 - len(text)) + "\n")
    start = time.perf_counter()
    problems = _problems(path)
    assert time.perf_counter() - start < 2
    assert problems == [
        f"{_rel(path)}: a YAML file of 2.0 MiB is over the 2 MiB limit for YAML; write large sources as "
        "JSON Lines (.jsonl: one JSON object per line), which has none"
    ]
    path.write_text(text + "#" * (MAX_YAML_BYTES - 1 - len(text)) + "\n")  # at the limit: read
    assert len(load_sources([path]).claims) == 1
