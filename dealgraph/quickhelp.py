"""``dealgraph --help`` without importing click: the group's help, kept as text, printed as click prints it.

Importing click and the command definitions takes several times as long as Python takes to
start, and the group's help is the same text every time: so ``dealgraph --help`` (and
``python -m dealgraph --help``) with nothing else print the copy in ``dealgraph/_help.py``.
Anything the copy does not cover goes to click: other arguments, another program name, a
terminal narrower than 80 columns (click wraps to it), shell completion, an unwritable stdout.
``tests/test_cli.py`` checks that the copy is what click prints; after changing the group's help
or its commands, rewrite it with ``python -m dealgraph.quickhelp``.
"""

from __future__ import annotations

import os
import sys

#: The width click wraps help to in a terminal of 80 columns or more (or not a terminal).
WIDTH = 78


def answered(args: list[str], prog_name: str) -> bool:
    """Print the stored help and say True when ``args`` ask only for the group's help and click
    would print exactly that; else False, having printed nothing."""
    if args != ["--help"] or prog_name != "dealgraph" or sys.stdout is None:
        return False
    if "_DEALGRAPH_COMPLETE" in os.environ or _columns() < WIDTH + 2:
        return False
    from dealgraph._help import HELP

    try:
        sys.stdout.write(HELP + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left: as click does, exit 1 and say nothing at exit
        # (Python's own recipe: the final flush then writes to /dev/null, not to the closed pipe.)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    return True


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size()`` gives it to click (``$COLUMNS``,
    else the terminal's, else 80), without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
        columns = columns or 80
    return columns


def rendered() -> str:
    """The group's help as click renders it for ``dealgraph --help`` in a wide terminal."""
    import click

    from dealgraph.cli import cli

    return cli.get_help(click.Context(cli, info_name="dealgraph", terminal_width=WIDTH))


def write() -> None:
    """Rewrite ``dealgraph/_help.py`` with the help click renders now."""
    from pathlib import Path

    text = rendered()
    if '"""' in text or "\\" in text:
        raise SystemExit("the help holds a triple quote or a backslash: store it another way")
    module = (
        '"""The help of ``dealgraph --help``, as click renders it: written by ``python -m dealgraph.quickhelp``,\n'
        'checked by tests/test_cli.py; printed by ``dealgraph.quickhelp`` without importing click."""\n\n'
        f'HELP = """{text}"""\n'
    )
    Path(__file__).with_name("_help.py").write_text(module, encoding="utf-8")


if __name__ == "__main__":
    write()
