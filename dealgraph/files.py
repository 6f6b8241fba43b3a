"""Writing the files a user names (``export -o``, ``viz -o``, ``extract -o``) as a shell's ``>``
would, but never half-written.

- A regular file (or a new one) is written under a temporary name beside it, then renamed over
  it: readers see the old file or the new one, never a part. A file being replaced keeps its
  mode (and, where the user may, its owner); a new file gets 0666 less the umask.
- A symbolic link is followed: the file it points to is written, the link stays.
- A FIFO or a character device (a pipe, ``/dev/null``, a terminal) is written to directly: it is
  never replaced by a regular file. Other special files (block devices, sockets) are refused.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def _umask() -> int:
    try:  # Linux names it without changing it
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` (see the module's docstring for what it does with
    links, special files and modes). OSError names ``path``; on an error ``path`` is unchanged."""
    path = Path(path)
    if not path.name:
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    real = Path(os.path.realpath(path))  # a link's target; a dangling link's target is created
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:  # a loop of links, a directory without search permission
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
            try:
                with open(real, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(path)) from None
            return
        if not stat.S_ISREG(info.st_mode):
            raise OSError(
                errno.EINVAL, "not a regular file, a FIFO or a character device; name another file", str(path)
            )
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
        try:
            os.fchmod(fd, mode)
            if info is not None and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(fd, info.st_uid, info.st_gid)
                except PermissionError:  # only root may give a file away: it becomes the writer's
                    pass
        except BaseException:
            os.close(fd)
            raise
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:  # as given: csv rows end in CRLF
            f.write(text)
        os.replace(tmp, real)
        tmp = None
    except OSError as exc:  # name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
