"""Arrow tables and ``COPY … FROM $rows`` statements that bulk-load a dataset into LadybugDB.

``COPY`` from an in-memory Arrow table is the fastest way into LadybugDB (see benchmarks/load.py):
no file is written, lists travel as native ``list<string>`` columns, dates as ``date32``, and a
null is a null, so no text needs quoting, escaping or decoding. Column types come from
``rows.NODE_PROPERTIES`` / ``REL_PROPERTIES``, so new properties load without changes here.
A relationship table's first two columns are the ``_from`` and ``_to`` ids of its ends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

FROM_COLUMN, TO_COLUMN = "_from", "_to"


def arrow_type(kind: str) -> Any:
    """The Arrow type of a store type (``STRING``, ``DOUBLE``, ``STRING[]``, …)."""
    import pyarrow as pa

    if kind.endswith("[]"):
        return pa.list_(arrow_type(kind[:-2]))
    types = {
        "STRING": pa.string(),
        "DOUBLE": pa.float64(),
        "FLOAT": pa.float32(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
        "INT64": pa.int64(),
        "INT32": pa.int32(),
    }
    return types[kind]


def columns(props: Mapping[str, str], *, ends: bool = False) -> dict[str, str]:
    """The columns of a table of ``props`` and their store types (``_from``/``_to`` first when ``ends``)."""
    return {**({FROM_COLUMN: "STRING", TO_COLUMN: "STRING"} if ends else {}), **props}


def table(props: Mapping[str, str], rows: Sequence[Sequence[Any]], *, ends: bool = False) -> Any:
    """A pyarrow Table of ``rows``, each a tuple of values in the order of ``columns(props, ends=ends)``."""
    import pyarrow as pa

    kinds = columns(props, ends=ends)
    data = list(zip(*rows, strict=True)) if rows else [() for _ in kinds]
    return pa.table(
        {name: pa.array(values, arrow_type(kind)) for (name, kind), values in zip(kinds.items(), data, strict=True)}
    )


def copy_statement(table: str, *, pair: tuple[str, str] | None = None) -> str:
    """``COPY table FROM $rows`` (an Arrow table of ``table()``); ``pair`` (from, to) for a
    relationship table joining several kind pairs."""
    statement = f"COPY `{table}` FROM $rows"
    if pair:
        statement += f" (from='{pair[0]}', to='{pair[1]}')"
    return statement
