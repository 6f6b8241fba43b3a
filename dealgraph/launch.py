"""The ``dealgraph`` process (the script and ``python -m dealgraph``): start and end it quickly.

Two costs of a lookup are in neither its question nor its answer. Importing click: ``--help``
alone is answered from a stored copy of the help (``dealgraph.quickhelp``). And closing the
embedded store: LadybugDB frees the metadata of every column of every table one by one, about
20 ms on the bundled corpus and over 100 ms at 100,000 relationships, after the answer is out.
A store opened read-only has nothing to write back, so when a command leaves one open, this
process flushes its output and ends with the command's exit status at once (``os._exit``), and
the system frees it all in one go. Stores opened for writing (``load``, ``cypher --write``) are
closed as ever, and so is everything when dealgraph runs inside another program (tests, a
notebook, ``CliRunner``): only ``main`` ends processes.
"""

from __future__ import annotations

import os
import sys

_ending = False  # main() runs a command in this process, and will end it
_left_open = False  # a read-only store was left open for the end of the process


def main(prog_name: str | None = None) -> None:
    """Run the ``dealgraph`` command in this process and end it."""
    global _ending
    from dealgraph.quickhelp import answered

    if answered(sys.argv[1:], prog_name or os.path.basename(sys.argv[0])):
        return
    from dealgraph.cli import cli

    _ending = True
    try:
        cli(prog_name=prog_name)  # standalone: it ends in SystemExit, whatever happens
    except SystemExit as exc:
        if _left_open and (exc.code is None or isinstance(exc.code, int)):
            _end(exc.code or 0)
        raise


def may_leave_open(store: object) -> bool:
    """Whether the CLI may leave ``store`` open rather than close it: only a store open read-only
    (nothing to write back), and only when ``main`` ends the process right after the command."""
    global _left_open
    if _ending and getattr(store, "open_read_only", False):
        _left_open = True
        return True
    return False


def _end(code: int) -> None:
    """End the process now with ``code``, after writing out what is buffered."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):  # no stream, a closed one, a reader gone
            pass
    os._exit(code)
