"""scripts/neo4j-server and the faults of a real server: a second Neo4j with authentication on,
TLS required and a small transaction memory limit (all running transactions together: 40 MiB,
``--tx-memory``), killed in the middle of a large load and restarted; loads larger than that
limit, and loads killed at each step; stopping it leaves no process behind.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealgraph.cli import cli
from dealgraph.errors import QueryError, StoreUnavailableError
from dealgraph.graph.neo4j_store import Neo4jStore
from dealgraph.graph.rows import claim_row, entity_row
from dealgraph.queries import lookups
from dealgraph.synthetic import synthetic_dataset

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "neo4j-server"
PASSWORD = "dealgraph-test-secret"
#: db.memory.transaction.total.max of the server: BIG cannot be written in one transaction.
TX_MEMORY = "40m"
BIG_CLAIMS = 20_000
#: The kill-at-a-step loads need several batches, not more than a transaction holds.
KILL_CLAIMS = 4_000


@dataclass
class Server:
    directory: Path
    port: int

    @property
    def uri(self) -> str:
        return f"bolt+ssc://127.0.0.1:{self.port}"  # TLS with its self-signed certificate

    @property
    def pid(self) -> int:
        return int((self.directory / "home" / "pid").read_text())

    def script(self, command: str, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SCRIPT), command, "--dir", str(self.directory), *extra],
            capture_output=True,
            text=True,
            timeout=300,
        )

    def start(self) -> None:
        done = self.script("start", "--port", str(self.port), "--password", PASSWORD, "--tls", "--tx-memory", TX_MEMORY)
        assert done.returncode == 0, done.stdout + done.stderr

    def store(self, **options) -> Neo4jStore:
        return Neo4jStore(self.uri, user="neo4j", password=PASSWORD, **options)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A second server, authentication on, TLS required and a small transaction memory limit,
    in its own directory and port."""
    made = Server(tmp_path_factory.mktemp("neo4j-auth"), _free_port())
    made.start()
    yield made
    made.script("stop")


def _cli(env: dict[str, str], *args: str):
    return CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)


def test_status_names_the_running_server(server):
    done = server.script("status")
    assert done.returncode == 0
    assert done.stdout == f"neo4j-server: running on bolt://127.0.0.1:{server.port} (pid {server.pid})\n"


def test_auth_on_loads_and_answers_with_the_password(server, corpus):
    env = {"NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": PASSWORD}
    loaded = _cli(env, "--store", server.uri, "load")
    assert loaded.exit_code == 0, loaded.output
    answered = _cli(env, "--store", server.uri, "pledges", "japan")
    assert answered.exit_code == 0 and "japan-pledges-first-tranche-000" in answered.output


def test_wrong_password_is_one_line(server):
    result = _cli({"NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": "not-the-password"}, "--store", server.uri, "stats")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: Neo4j at {server.uri} refused the password of user 'neo4j'; check NEO4J_USERNAME and NEO4J_PASSWORD\n"
    )


def test_missing_credentials_are_one_line(server):
    result = _cli({"NEO4J_USERNAME": "", "NEO4J_PASSWORD": ""}, "--store", server.uri, "stats")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: Neo4j at {server.uri} requires authentication; set NEO4J_USERNAME and NEO4J_PASSWORD\n"
    )


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_plain_connection_to_a_server_requiring_tls_is_one_line(server, scheme):
    uri = f"{scheme}://127.0.0.1:{server.port}"
    result = _cli({"NEO4J_PASSWORD": PASSWORD}, "--store", uri, "stats")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: Neo4j at {uri} closed the connection during the handshake: it requires TLS; use neo4j+s:// "
        "or bolt+s:// (neo4j+ssc:// or bolt+ssc:// for a self-signed certificate)\n"
    )


def test_an_untrusted_certificate_is_one_line(server):
    uri = f"neo4j+s://127.0.0.1:{server.port}"
    result = _cli({"NEO4J_PASSWORD": PASSWORD}, "--store", uri, "stats")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: Neo4j at {uri} presented a certificate this machine does not trust; for a self-signed "
        "certificate use bolt+ssc:// or neo4j+ssc://, otherwise install its CA\n"
    )


def test_a_second_start_on_a_used_port_is_refused(server, tmp_path):
    done = subprocess.run(
        [str(SCRIPT), "start", "--dir", str(tmp_path / "other"), "--port", str(server.port)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == (
        f"neo4j-server: port {server.port} on 127.0.0.1 is already in use; stop what listens there or use --port\n"
    )


def test_killing_the_server_mid_load_leaves_all_of_it_or_none(server, corpus):
    before = server.store()
    before.load(corpus)
    before.close()
    big = synthetic_dataset(claims=BIG_CLAIMS, seed=7)

    loader = server.store(retry_seconds=0, batch_size=1000)
    failures: list[BaseException] = []

    def load() -> None:
        try:
            loader.load(big)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            failures.append(exc)

    thread = threading.Thread(target=load)
    thread.start()
    watcher = server.store()
    writing = False
    while thread.is_alive() and not writing:  # wait for the first relationship batch
        queries = watcher.query("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery").rows
        writing = any("CREATE (a)-[r:" in (q or "") for (q,) in queries)
        time.sleep(0.02)
    watcher.close()
    assert writing, "the load finished before the test could interrupt it"
    os.kill(server.pid, signal.SIGKILL)
    thread.join(120)
    loader.close()
    assert not thread.is_alive()
    assert len(failures) == 1 and isinstance(failures[0], StoreUnavailableError), failures
    message = str(failures[0])
    assert message.startswith(f"lost the connection to Neo4j at {server.uri} during the load (")
    assert message.endswith("); the database holds all of the load or none of it; run `dealgraph load` again")

    server.start()  # recovery replays the log: committed work stays, the open transaction is gone
    after = server.store()
    held = after.read()
    assert held == corpus or held == big, "the database holds part of the load"
    after.load(big)  # re-running the load completes it
    assert after.read() == big
    after.close()


def _generations(store: Neo4jStore) -> list[int]:
    return [g for (g,) in store.query("MATCH (n:Entity) RETURN DISTINCT n.gen AS gen ORDER BY gen").rows]


def test_a_graph_larger_than_one_transaction_allows_loads_in_batches(server, corpus):
    big = synthetic_dataset(claims=BIG_CLAIMS, seed=7)
    store = server.store()
    rows = [{k: v for k, v in entity_row(e).items() if v is not None} for e in big.entities.values()]
    rows += [{k: v for k, v in claim_row(c).items() if v is not None} for c in big.claims.values()]
    with pytest.raises(QueryError, match="dbms.memory.transaction.total.max threshold reached"):
        store.query("UNWIND $rows AS row CREATE (n:Scratch) SET n = row", {"rows": rows}, write=True)
    store.load(corpus)
    store.load(big)
    assert store.read() == big
    store.load(corpus)  # deleting the large generation fits too
    assert store.read() == corpus
    assert len(_generations(store)) == 1
    assert store.query("MATCH (n) WHERE NOT (n:Entity OR n:DealgraphLive) RETURN count(n)").rows == [[0]]
    store.close()


LOAD_IN_CHILD = textwrap.dedent("""
    import os, sys
    from dealgraph.graph.neo4j_store import Neo4jStore
    from dealgraph.synthetic import synthetic_dataset

    uri, stop_at, claims = sys.argv[1], sys.argv[2], int(sys.argv[3])
    big = synthetic_dataset(claims=claims, seed=7)

    def hook(step):
        if step == stop_at:
            print(step, flush=True)
            sys.stdin.readline()  # killed here by the test

    Neo4jStore.from_environment(uri, batch_size=1000, hook=hook).load(big)
    print("loaded", flush=True)
""")


@pytest.mark.parametrize(("step", "holds"), [("staging", "old"), ("staged", "old"), ("switched", "new")])
def test_a_load_killed_at_any_step_leaves_the_old_graph_or_the_new(server, corpus, step, holds):
    """kill -9 of the loading process while it writes the new generation, just before the switch
    and just after it: readers see the old graph or the new one, whole; the next load goes ahead
    at once (the lock died with the process) and removes what the killed one left."""
    big = synthetic_dataset(claims=KILL_CLAIMS, seed=7)
    store = server.store()
    store.load(corpus)
    env = os.environ | {"NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": PASSWORD}
    child = subprocess.Popen(
        [sys.executable, "-c", LOAD_IN_CHILD, server.uri, step, str(KILL_CLAIMS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = child.stdout.readline().strip()  # type: ignore[union-attr]
        assert line == step, f"the child load never reached {step} (exit {child.poll()})"
        child.kill()
    finally:
        child.kill()
        child.communicate()
    assert store.read() == (corpus if holds == "old" else big)
    assert lookups.stats(store).types == {
        t.value: n
        for t, n in sorted((corpus if holds == "old" else big).type_counts().items(), key=lambda x: x[0].value)
    }
    assert len(_generations(store)) == 2  # what the killed load left, unseen
    store.load(corpus)
    assert store.read() == corpus
    assert len(_generations(store)) == 1
    store.close()


def test_stop_leaves_no_process_behind(server):
    pid = server.pid
    done = server.script("stop")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"neo4j-server: stopped (pid {pid})\n"
    assert not _alive(pid)
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", server.port)) != 0
    status = server.script("status")
    assert (status.returncode, status.stdout) == (3, "neo4j-server: not running\n")
