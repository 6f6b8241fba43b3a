"""A Stanford CoreNLP server on 127.0.0.1: fetch its jars, build the launcher, start, stop.

CoreNLP 4.5.10 and its English models come from Maven Central through Maven (``mvn``), into
Maven's own cache (``~/.m2``, once; 474 MB); the small launcher in ``java/Launcher.java`` is
compiled against them into ``${XDG_CACHE_HOME:-~/.cache}/dealgraph/corenlp-<version>``. A server
keeps its pid, ready file and log in its own directory, and listens on loopback only.

>>> server = start(Path(".corenlp"))      # doctest: +SKIP
>>> server.url                             # doctest: +SKIP
'http://127.0.0.1:9000'
>>> stop(Path(".corenlp"))                 # doctest: +SKIP

``python -m dealgraph.extract.server start|stop|status|fetch [--dir DIR] [--port N]`` is what
``scripts/corenlp-server`` runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from dealgraph.errors import DealgraphError

VERSION = "4.5.10"
ANNOTATORS = "tokenize,ssplit,pos,lemma,ner,depparse"
HEAP = "6g"  # ner + depparse use about 3 GB; CoreNLP's coreference (benchmarks/coref.py) about 5
JAVA_DIR = Path(__file__).resolve().parent / "java"
START_SECONDS = 600  # loading the models takes 15–60 s; a busy 2-core machine, longer


class NLPUnavailableError(DealgraphError):
    """CoreNLP cannot be fetched, built, started or reached; the message says what to do."""


class Server(NamedTuple):
    url: str
    pid: int
    directory: Path


def cache_root() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dealgraph"


def java_tool(name: str) -> str | None:
    """``java`` or ``javac``: from ``$JAVA_HOME`` first, then the PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / name).is_file():
        return str(Path(home) / "bin" / name)
    return shutil.which(name)


HOW_TO_GET_JAVA = (
    "dealgraph extract needs Stanford CoreNLP, which runs on Java 17 or later: install a JDK and Maven "
    "(Debian/Ubuntu: apt-get install openjdk-17-jdk-headless maven), or point --nlp / $DEALGRAPH_CORENLP_URL "
    "at a running CoreNLP server, or use --engine rules"
)


def build() -> Path:
    """Fetch the jars (once) and compile the launcher (once per launcher source); the build dir.

    Raises NLPUnavailableError naming what is missing (Java, javac, Maven, the network).
    """
    javac = java_tool("javac")
    if java_tool("java") is None or javac is None:
        raise NLPUnavailableError(HOW_TO_GET_JAVA)
    source = JAVA_DIR / "Launcher.java"
    stamp = hashlib.sha256(source.read_bytes() + (JAVA_DIR / "pom.xml").read_bytes()).hexdigest()[:16]
    out = cache_root() / f"corenlp-{VERSION}"
    if (out / "classes" / "Launcher.class").is_file() and _read(out / "stamp") == stamp:
        return out
    mvn = shutil.which("mvn")
    if mvn is None:
        raise NLPUnavailableError(HOW_TO_GET_JAVA)
    out.mkdir(parents=True, exist_ok=True)
    print(f"corenlp: fetching Stanford CoreNLP {VERSION} and its models (474 MB, once, into ~/.m2)", file=sys.stderr)
    fetched = subprocess.run(
        [mvn, "-q", "-B", "-Dstyle.color=never", "-f", str(JAVA_DIR / "pom.xml"),
         "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
         f"-Dmdep.outputFile={out / 'cp.txt'}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
    )  # fmt: skip
    if fetched.returncode != 0:
        tail = "\n".join(fetched.stdout.strip().splitlines()[-5:])
        raise NLPUnavailableError(f"Maven could not fetch edu.stanford.nlp:stanford-corenlp:{VERSION}:\n{tail}")
    shutil.rmtree(out / "classes", ignore_errors=True)
    compiled = subprocess.run(
        [javac, "-nowarn", "--release", "17", "-d", str(out / "classes"),
         "-cp", _read(out / "cp.txt"), str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
    )  # fmt: skip
    if compiled.returncode != 0:
        raise NLPUnavailableError(f"the CoreNLP launcher did not compile:\n{compiled.stdout.strip()}")
    (out / "stamp").write_text(stamp)
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""


def running(directory: Path) -> Server | None:
    """The server whose pid file is in ``directory``, if that process is our launcher for it."""
    home = directory.resolve() / "home"
    text = _read(home / "pid")
    if not text.isdigit():
        return None
    pid = int(text)
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    if b"Launcher" not in cmdline or str(home).encode() not in cmdline:
        return None  # a stale pid file must never name another process
    ready = _read(home / "ready")
    return Server(f"http://{ready}" if ready else "", pid, directory)


def _free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """9000 (CoreNLP's usual port), else the next free one up to 9019, else any free port."""
    for port in range(9000, 9020):
        if _free(port):
            return port
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(directory: Path, *, port: int | None = None, quiet: bool = False, annotators: str = ANNOTATORS) -> Server:
    """Start a server keeping its files in ``directory`` (or return the one running there).

    Waits until a warm-up document has gone through every annotator. Raises NLPUnavailableError
    with the log's tail when it cannot start.
    """
    directory.mkdir(parents=True, exist_ok=True)
    directory = directory.resolve()
    current = running(directory)
    if current is not None and current.url:
        return current
    if current is not None:
        return _wait(directory, current.pid, None)
    out = build()
    java = java_tool("java")
    assert java is not None  # build() checked
    port = port if port is not None else free_port()
    if not _free(port):
        raise NLPUnavailableError(f"port {port} on 127.0.0.1 is already in use; choose another with --port")
    home = directory / "home"
    home.mkdir(exist_ok=True)
    for name in ("ready", "pid"):
        (home / name).unlink(missing_ok=True)
    classpath = f"{out / 'classes'}:{_read(out / 'cp.txt')}"
    log = open(directory / "server.log", "wb")  # noqa: SIM115 - the child keeps it
    with log:
        child = subprocess.Popen(
            [java, f"-Xmx{HEAP}", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
             "-cp", classpath, "Launcher", str(home), str(port), annotators],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    if not quiet:
        print(
            f"corenlp: starting CoreNLP {VERSION} on 127.0.0.1:{port} (models load in about a minute)", file=sys.stderr
        )
    return _wait(directory, child.pid, child)


def _wait(directory: Path, pid: int, child: subprocess.Popen[bytes] | None) -> Server:
    home = directory / "home"
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        ready = _read(home / "ready")
        if ready and _answers(f"http://{ready}"):
            return Server(f"http://{ready}", pid, directory)
        alive = child.poll() is None if child is not None else _alive(pid)
        if not alive:
            raise NLPUnavailableError(f"CoreNLP exited during start-up:\n{_tail(directory)}")
        time.sleep(0.5)
    _kill(pid)
    raise NLPUnavailableError(f"CoreNLP did not become ready within {START_SECONDS} s:\n{_tail(directory)}")


def _tail(directory: Path) -> str:
    lines = _read(directory / "server.log").splitlines()[-15:]
    return "\n".join(lines) + f"\n(the log is {directory / 'server.log'})"


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/ready", timeout=5) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:  # our own child that ended is a zombie until reaped: reap it, it is gone
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:  # not our child (scripts/corenlp-server stop): init reaps it
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def stop(directory: Path) -> bool:
    """Stop the server running from ``directory``; False when none was running."""
    current = running(directory)
    if current is None:
        return False
    os.kill(current.pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(current.pid):
        time.sleep(0.2)
    if _alive(current.pid):
        _kill(current.pid)
        while _alive(current.pid):
            time.sleep(0.1)
    for name in ("ready", "pid"):
        (directory.resolve() / "home" / name).unlink(missing_ok=True)
    return True


@contextlib.contextmanager
def session(url: str | None) -> Iterator[str]:
    """The CoreNLP URL to use: ``url`` when given; else a server started for this run (said on
    stderr) in a temporary directory, stopped on the way out. Raises NLPUnavailableError."""
    if url:
        yield url
        return
    if java_tool("java") is None:
        raise NLPUnavailableError(HOW_TO_GET_JAVA)
    print(
        "extract: no CoreNLP server given (--nlp or $DEALGRAPH_CORENLP_URL); starting one for this run. "
        "To skip this wait next time: scripts/corenlp-server start, then export DEALGRAPH_CORENLP_URL=<its URL>",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory(prefix="dealgraph-corenlp-") as directory:
        server = start(Path(directory))
        try:
            yield server.url
        finally:
            stop(Path(directory))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="corenlp-server", description="A CoreNLP server on 127.0.0.1.")
    parser.add_argument("command", choices=["start", "stop", "status", "fetch"])
    parser.add_argument("--dir", type=Path, default=Path(os.environ.get("DEALGRAPH_CORENLP_DIR", ".corenlp")))
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            print(f"corenlp-server: CoreNLP {VERSION} built in {build()}")
        elif args.command == "start":
            server = start(args.dir, port=args.port)
            print(f"corenlp-server: CoreNLP {VERSION} on {server.url} (pid {server.pid}, files in {server.directory})")
        elif args.command == "stop":
            print("corenlp-server: stopped" if stop(args.dir) else "corenlp-server: not running")
        else:
            current = running(args.dir)
            if current is None:
                print("corenlp-server: not running")
                return 3
            print(f"corenlp-server: running on {current.url or '(starting)'} (pid {current.pid})")
    except NLPUnavailableError as exc:
        print(f"corenlp-server: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
