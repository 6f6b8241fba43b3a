"""``python -m dealgraph``: the ``dealgraph`` command (see ``dealgraph.launch``)."""

from dealgraph.launch import main

if __name__ == "__main__":
    main(prog_name="dealgraph")
