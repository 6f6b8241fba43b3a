"""The embedded store's loads are all or nothing, whatever stops them: a full disk, or ``kill -9``
while the load writes the new database, during the checkpoint, or around the switch. Afterwards the
store answers with the old graph or the new one, and says what happened.

A child process runs the load; the store's test hook (``EmbeddedStore(hook=…)``) stops it at a
step, where it kills itself or waits for the test, which then kills it while the engine writes
the new database or checkpoints (the test watches the files grow). The full disk is a real one:
a small tmpfs mounted in a private mount namespace (``unshare``), gone when the child exits.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dealgraph.graph.embedded import DB_FILE, EmbeddedStore
from dealgraph.synthetic import synthetic_dataset

OLD = synthetic_dataset(claims=60, seed=1)
NEW = synthetic_dataset(claims=400, seed=2)
#: While the engine checkpoints, its write-ahead log goes by this name.
CHECKPOINTING_LOG = DB_FILE + ".wal.checkpoint"

LOAD_IN_CHILD = textwrap.dedent("""
    import os, signal, sys
    from dealgraph.graph.embedded import EmbeddedStore
    from dealgraph.synthetic import synthetic_dataset

    store, stop_at, action = sys.argv[1:4]

    def hook(step, generation):
        if step == stop_at:
            print(generation, flush=True)
            if action == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            sys.stdin.readline()  # wait for the test

    EmbeddedStore(store, hook=hook).load(synthetic_dataset(claims=400, seed=2))
    print("loaded", flush=True)
""")


@pytest.fixture
def children():
    """Child processes a test starts; killed (if still running) and reaped after it."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for child in started:
        child.kill()
        child.communicate()


def _child_load(children, store: Path, stop_at: str, action: str) -> tuple[subprocess.Popen[str], Path]:
    """Start a load of NEW into ``store`` that stops at ``stop_at``; returns it and the directory
    of the generation it builds."""
    child = subprocess.Popen(
        [sys.executable, "-c", LOAD_IN_CHILD, str(store), stop_at, action],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    children.append(child)
    line = child.stdout.readline().strip()  # type: ignore[union-attr]
    if not line:
        child.wait()
        pytest.fail(f"the child load never reached {stop_at} (exit {child.returncode})")
    return child, Path(line)


def _kill_when_it_grows(child: subprocess.Popen[str], path: Path) -> None:
    """Let the paused child go on, and kill -9 it as soon as ``path`` grows."""
    start = path.stat().st_size
    child.stdin.write("go\n")  # type: ignore[union-attr]
    child.stdin.flush()  # type: ignore[union-attr]
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and child.poll() is None:
        if path.exists() and path.stat().st_size > start:
            child.kill()
            child.wait()
            return
        time.sleep(0.0005)
    child.kill()
    child.wait()
    pytest.fail(f"{path.name} did not grow before the child load ended")


def _cli(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dealgraph", "--store", str(store), *args], capture_output=True, text=True, timeout=300
    )


def _claims(store: Path) -> int:
    result = _cli(store, "stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    return sum(json.loads(result.stdout)["claims"].values())


def _note(store: Path, pid: int) -> str:
    return (
        f"note: a load into {store} (pid {pid}) stopped before it finished; "
        "the store holds the graph from before it, and the next load removes what it left\n"
    )


def _generations(store: Path) -> list[str]:
    return sorted(p.name for p in store.iterdir() if p.is_dir())


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    store = EmbeddedStore(tmp_path / "store")
    store.load(OLD)
    store.close()
    return tmp_path / "store"


@pytest.mark.parametrize("stop_at", ["committed", "checkpointed", "switching"])
def test_kill_9_before_the_switch_leaves_the_old_graph(children, old_store, stop_at):
    child, generation = _child_load(children, old_store, stop_at, "kill")
    assert child.wait() == -9
    result = _cli(old_store, "stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert sum(json.loads(result.stdout)["claims"].values()) == len(OLD.claims)
    assert result.stderr == _note(old_store, child.pid)
    assert generation.exists()  # left for the next load to remove
    _next_load_cleans_up(old_store)


def test_kill_9_while_the_load_writes_the_new_graph_leaves_the_old_graph(children, old_store):
    # The load's statements commit one by one, COPY writing straight into the new database file;
    # the checkpoint that would retire the write-ahead log has not run when the kill comes.
    child, generation = _child_load(children, old_store, "committing", "pause")
    _kill_when_it_grows(child, generation / DB_FILE)
    assert (generation / (DB_FILE + ".wal")).exists()  # killed before the checkpoint
    assert _claims(old_store) == len(OLD.claims)
    actor = next(i for i, e in OLD.entities.items() if e.kind.value == "Country")
    assert _cli(old_store, "actor", actor).returncode == 0
    _next_load_cleans_up(old_store)


def test_kill_9_during_the_checkpoint_leaves_the_old_graph(children, old_store):
    child, generation = _child_load(children, old_store, "checkpointing", "pause")
    _kill_when_it_grows(child, generation / DB_FILE)
    assert (generation / CHECKPOINTING_LOG).exists()  # killed in the checkpoint: its log not yet retired
    result = _cli(old_store, "stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert sum(json.loads(result.stdout)["claims"].values()) == len(OLD.claims)
    assert result.stderr == _note(old_store, child.pid)
    _next_load_cleans_up(old_store)


def test_kill_9_after_the_switch_leaves_the_new_graph(children, old_store):
    child, _ = _child_load(children, old_store, "switched", "kill")
    assert child.wait() == -9
    result = _cli(old_store, "stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert sum(json.loads(result.stdout)["claims"].values()) == len(NEW.claims)
    assert result.stderr == ""  # the new graph is whole; only the old one is left to remove
    assert len(_generations(old_store)) == 2
    store = EmbeddedStore(old_store)
    assert store.load(NEW).empty
    store.close()
    assert len(_generations(old_store)) == 1


def _next_load_cleans_up(store_dir: Path) -> None:
    store = EmbeddedStore(store_dir)
    assert not store.load(NEW).empty
    assert store.read() == NEW
    store.close()
    assert _claims(store_dir) == len(NEW.claims)
    assert len(_generations(store_dir)) == 1
    assert _cli(store_dir, "stats").stderr == ""


def test_lookups_answer_during_a_load_and_its_checkpoint(children, old_store):
    child, generation = _child_load(children, old_store, "checkpointing", "pause")
    seen = [_claims(old_store)]  # the commit is done; the checkpoint has not started
    child.stdin.write("go\n")  # type: ignore[union-attr]
    child.stdin.flush()  # type: ignore[union-attr]
    during = 0
    while child.poll() is None:
        checkpointing = (generation / CHECKPOINTING_LOG).exists()
        store = EmbeddedStore(old_store)
        seen.append(store.query("MATCH ()-[r]->() RETURN count(r) AS n").rows[0][0])
        store.close()
        during += checkpointing and child.poll() is None
    assert child.wait() == 0
    seen.append(_claims(old_store))
    assert set(seen) <= {len(OLD.claims), len(NEW.claims)}
    assert seen[0] == len(OLD.claims) and seen[-1] == len(NEW.claims)
    assert during > 0


def test_ten_reloads_keep_the_store_within_twice_a_fresh_one(tmp_path):
    larger = synthetic_dataset(claims=120, seed=3)  # rewriting the live database grew it 2.6x in two loads
    fresh = EmbeddedStore(tmp_path / "fresh")
    fresh.load(larger)
    fresh.close()
    fresh_size = _size(tmp_path / "fresh")
    store = EmbeddedStore(tmp_path / "store")
    sizes = []
    for i in range(10):
        store.load(larger if i % 2 == 0 else OLD)
        store.close()  # everything on disk, nothing left in a write-ahead log
        sizes.append(_size(tmp_path / "store"))
    assert max(sizes) <= 2 * fresh_size, (fresh_size, sizes)
    assert EmbeddedStore(tmp_path / "store").read() == OLD


def _size(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


DISK_FULL_SCENARIO = textwrap.dedent("""
    import json, os, subprocess, sys
    from dealgraph.errors import StoreError
    from dealgraph.graph.embedded import EmbeddedStore
    from dealgraph.synthetic import synthetic_dataset

    store = sys.argv[1]
    EmbeddedStore(store).load(synthetic_dataset(claims=60, seed=1))
    try:
        EmbeddedStore(store).load(synthetic_dataset(claims=400, seed=2))
        error = None
    except StoreError as exc:
        error = str(exc)
    stats = subprocess.run(
        [sys.executable, "-m", "dealgraph", "--store", store, "stats", "--format", "json"],
        capture_output=True, text=True,
    )
    print(json.dumps({"error": error, "stats": stats.stdout, "stderr": stats.stderr,
                      "left": sorted(os.listdir(store))}))
""")


def test_a_full_disk_leaves_the_old_graph_and_says_so(tmp_path):
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-Urm", "true"], capture_output=True).returncode != 0:
        pytest.skip("needs unshare with user and mount namespaces to mount a small tmpfs")
    # A disk halfway between the old graph's size and the new one's: the old graph fits, the new
    # one does not, neither in place of the old one nor beside it.
    sizes = []
    for data in (OLD, NEW):
        fresh = EmbeddedStore(tmp_path / "fresh" / str(len(sizes)))
        fresh.load(data)
        fresh.close()
        sizes.append(_size(fresh.directory))
    assert sizes[1] > 2 * sizes[0]
    size_mb = sum(sizes) // 2 // 2**20
    disk = tmp_path / "disk"
    disk.mkdir()
    script = f'mount -t tmpfs -o size={size_mb}m tmpfs "$1" && exec "$2" -c "$3" "$1/store"'
    run = subprocess.run(
        [unshare, "-Urm", "sh", "-c", script, "sh", str(disk), sys.executable, DISK_FULL_SCENARIO],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "TMPDIR": str(tmp_path)},  # not on the small disk (the load itself needs no TMPDIR)
    )
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout)
    assert outcome["error"] == (
        f"load into {disk / 'store'} failed and was rolled back: the disk is full; the store keeps its "
        "previous graph; free space (a load needs room for the old and the new graph side by side) "
        "or use --store on another disk"
    )
    assert sum(json.loads(outcome["stats"])["claims"].values()) == len(OLD.claims), outcome["stderr"]
    assert outcome["stderr"] == ""
    assert len([name for name in outcome["left"] if name.startswith("graph-")]) == 1  # the half-built one removed
