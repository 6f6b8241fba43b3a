"""scripts/neo4j-server and the faults of a real server: a second Neo4j with authentication on and
TLS required, killed in the middle of a large load and restarted; stopping it leaves no process
behind.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealgraph.cli import cli
from dealgraph.errors import StoreUnavailableError
from dealgraph.graph.neo4j_store import Neo4jStore
from dealgraph.synthetic import synthetic_dataset

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "neo4j-server"
PASSWORD = "dealgraph-test-secret"


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
        done = self.script("start", "--port", str(self.port), "--password", PASSWORD, "--tls")
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
    """A second server, authentication on and TLS required, in its own directory and port."""
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
    big = synthetic_dataset(claims=20_000, seed=7)

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
        writing = any("MERGE (a)-[r:" in (q or "") for (q,) in queries)
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
