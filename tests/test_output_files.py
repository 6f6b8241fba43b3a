"""``export -o`` and ``viz -o`` write as a shell's ``>`` would: special files are written to, not
replaced; symbolic links are followed; a replaced file keeps its mode; a new one follows the umask.
Every special file here is made in a temporary directory (never the real /dev/null)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from dealgraph.files import write_atomically

COMMANDS = [
    ("export", "--format", "json", "-o"),
    ("export", "--format", "graphml", "-o"),
    ("viz", "-o"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:3]))
def test_a_fifo_is_written_to_not_replaced(invoke, tmp_path, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = invoke(*command, str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got and len(got[0]) > 1000  # the whole export came through the pipe
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:3]))
def test_a_device_node_is_written_to_not_replaced(invoke, tmp_path, command):
    null = tmp_path / "null"  # a twin of /dev/null, in our own directory
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = invoke(*command, str(null))
    assert result.exit_code == 0, result.output
    info = null.lstat()
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:3]))
def test_a_symlink_is_followed_and_kept(invoke, tmp_path, command):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out"
    target.write_text("old")
    link = tmp_path / "link"
    link.symlink_to(target)
    result = invoke(*command, str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert len(target.read_text(encoding="utf-8")) > 1000
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out"]


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "new")
    write_atomically(link, "text")
    assert link.is_symlink() and (tmp_path / "new").read_text() == "text"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:3]))
def test_a_replaced_file_keeps_its_mode(invoke, tmp_path, command):
    out = tmp_path / "out"
    out.write_text("old")
    out.chmod(0o644)
    assert invoke(*command, str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644 and out.read_text(encoding="utf-8") != "old"
    out.chmod(0o640)
    assert invoke(*command, str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_a_new_file_follows_the_umask(invoke, tmp_path):
    old = os.umask(0o027)
    try:
        assert invoke("export", "--format", "json", "-o", str(tmp_path / "a.json")).exit_code == 0
        assert invoke("export", "--format", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
        os.umask(0o002)
        assert invoke("viz", "-o", str(tmp_path / "b.html")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "csv" / "claims.csv").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "b.html").stat().st_mode) == 0o664


def test_a_socket_is_refused_and_left(invoke, tmp_path):
    import socket

    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        result = invoke("export", "--format", "json", "-o", str(path))
        assert result.exit_code == 1
        assert result.output == (
            f"Error: cannot write {path}: not a regular file, a FIFO or a character device; "
            "name another file; nothing was written\n"
        )
        assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_failed_write_leaves_no_temporary_file(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OSError) as caught:
        write_atomically(loop, "text")
    assert caught.value.filename == str(loop)
    assert [p.name for p in tmp_path.iterdir()] == ["loop"] and Path(loop).is_symlink()
