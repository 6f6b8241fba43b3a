"""``python -m dealgraph``: the ``dealgraph`` command (``--help`` alone is answered without click:
see ``dealgraph.quickhelp``)."""

import sys

from dealgraph.quickhelp import answered

if __name__ == "__main__" and not answered(sys.argv[1:], "dealgraph"):
    from dealgraph.cli import cli

    cli(prog_name="dealgraph")
