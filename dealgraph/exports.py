"""The graph in other tools' formats: GraphML (Gephi, yEd), node-link JSON, neo4j-admin CSV
and a Cypher script.

Every export is flat: the properties are the stores' own (``graph.rows``), with lists and
nested values as JSON text where a format has no lists, and dates as ISO text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from pathlib import Path
from typing import Any

from dealgraph.graph.dataset import Dataset
from dealgraph.graph.model import Claim, Kind
from dealgraph.graph.neo4j_store import ENTITY_LABEL, LIVE_LABEL, schema_statements
from dealgraph.graph.rows import claim_row, entity_row
from dealgraph.loaders.tabular import format_list

FORMATS = ("graphml", "json", "csv", "cypher")


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def flat_graph(data: Dataset) -> Any:
    """A networkx MultiDiGraph whose attributes are all strings and numbers (GraphML's types)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for e in data.entities.values():
        g.add_node(e.id, **{k: _flat(v) for k, v in entity_row(e).items() if v is not None and k != "id"})
    for c in data.claims.values():
        props = {k: _flat(v) for k, v in claim_row(c).items() if v is not None and k != "id"}
        g.add_edge(c.source, c.target, key=c.id, type=c.type.value, **props)
    return g


def to_graphml(data: Dataset, path: Path) -> None:
    import networkx as nx

    from dealgraph.files import write_atomically

    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(data), buffer, encoding="utf-8")
    write_atomically(path, buffer.getvalue().decode("utf-8"))


def to_json(data: Dataset) -> str:
    import networkx as nx

    from dealgraph.output import finite

    link = nx.node_link_data(flat_graph(data), edges="edges")
    return json.dumps(finite(link), ensure_ascii=False, indent=1, allow_nan=False)


# -- neo4j-admin CSV --------------------------------------------------------------------------

DOCUMENT_COLUMNS = ["id:ID", "title", "publisher", "language", "published"]
ENTITY_COLUMNS = ["id:ID", ":LABEL", "name", "aliases:string[]", "wikidata", "description", "attributes"]
CLAIM_COLUMNS = [
    "id",
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "counterparty",
    "status",
    "confidence:double",
    "amount:double",
    "currency",
    "qualifier",
    "usd:double",
    "usd_basis",
    "usd_rate:double",
    "usd_rate_date",
    "stated_on",
    "due_by",
    "valid_from",
    "valid_to",
    "evidence",
    "due_history",
    "note",
]


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return repr(float(value))


def _claim_cells(c: Claim) -> list[str]:
    m = c.money
    usd = m.usd if m and m.usd and m.usd.basis.value != "same_currency" else None
    history = [
        {
            "due_by": str(h.due_by),
            "evidence": [ev.model_dump() for ev in h.evidence],
            **({"note": h.note} if h.note else {}),
        }
        for h in c.due_history
    ]
    return [
        c.id,
        c.source,
        c.target,
        c.type.value,
        c.counterparty or "",
        c.status.value if c.status else "",
        _number(c.confidence),
        _number(m.amount) if m else "",
        m.currency if m else "",
        m.qualifier.value if m else "",
        _number(usd.amount) if usd else "",
        usd.basis.value if usd else "",
        _number(usd.rate) if usd and usd.rate is not None else "",
        usd.rate_date.isoformat() if usd and usd.rate_date else "",
        *(
            str(getattr(c, name)) if getattr(c, name) else ""
            for name in ("stated_on", "due_by", "valid_from", "valid_to")
        ),
        json.dumps([ev.model_dump() for ev in c.evidence], ensure_ascii=False),
        json.dumps(history, ensure_ascii=False) if history else "",
        c.note or "",
    ]


def to_csv(data: Dataset, directory: Path) -> list[Path]:
    """``documents.csv``, ``entities.csv`` and ``claims.csv`` with neo4j-admin import headers,
    which ``dealgraph load DIRECTORY`` and ``neo4j-admin database import`` both read."""
    directory.mkdir(parents=True, exist_ok=True)
    docs = [e for e in data.entities.values() if e.kind is Kind.DOCUMENT]
    others = [e for e in data.entities.values() if e.kind is not Kind.DOCUMENT]
    files = {
        "documents.csv": (
            DOCUMENT_COLUMNS,
            [
                [
                    d.id,
                    d.name,
                    d.attributes.get("publisher", "unknown"),
                    d.attributes.get("language", "unknown"),
                    d.attributes.get("published", "unknown"),
                ]
                for d in docs
            ],
        ),
        "entities.csv": (
            ENTITY_COLUMNS,
            [
                [
                    e.id,
                    e.kind.value,
                    e.name,
                    format_list(e.aliases),
                    e.wikidata or "",
                    e.description or "",
                    json.dumps(e.attributes, ensure_ascii=False) if e.attributes else "",
                ]
                for e in others
            ],
        ),
        "claims.csv": (CLAIM_COLUMNS, [_claim_cells(c) for c in data.claims.values()]),
    }
    from dealgraph.files import write_atomically

    written = []
    for name, (header, rows) in files.items():
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(rows)
        write_atomically(directory / name, text.getvalue())  # each file whole, or not there
        written.append(directory / name)
    return written


# -- Cypher script ----------------------------------------------------------------------------


def cypher_literal(value: Any) -> str:
    """A value as a Cypher literal; strings escaped so no input can end the literal."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("a non-finite number has no Cypher literal")
        return repr(value)
    if isinstance(value, dt.date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch in "\\'":
                out.append("\\" + ch)
            elif ord(ch) < 0x20 or ch in "\u2028\u2029":
                out.append(f"\\u{ord(ch):04x}")
            else:
                out.append(ch)
        return "'" + "".join(out) + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{k}`: {cypher_literal(v)}" for k, v in value.items() if v is not None) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


#: The generation an exported script writes, as a first dealgraph load would.
EXPORT_GENERATION = 1


def cypher_statements(data: Dataset, *, batch: int = 500) -> list[str]:
    """Statements that recreate the graph in an empty Neo4j database, schema first: its nodes
    as generation 1 and the live pointer naming it, as a dealgraph load leaves them, so
    dealgraph reads the database as it reads one it loaded."""
    statements = list(schema_statements())
    by_kind: dict[Kind, list[dict[str, Any]]] = {}
    for e in data.entities.values():
        by_kind.setdefault(e.kind, []).append(entity_row(e))
    for kind, rows in by_kind.items():
        for start in range(0, len(rows), batch):
            statements.append(
                f"UNWIND {cypher_literal(rows[start : start + batch])} AS row "
                f"CREATE (n:{ENTITY_LABEL}:{kind.value}) SET n = row, n.gen = {EXPORT_GENERATION}"
            )
    by_type: dict[str, list[dict[str, Any]]] = {}
    for c in data.claims.values():
        by_type.setdefault(c.type.value, []).append({"s": c.source, "t": c.target, "p": claim_row(c)})
    for rel, rows in by_type.items():
        for start in range(0, len(rows), batch):
            statements.append(
                f"UNWIND {cypher_literal(rows[start : start + batch])} AS row "
                f"MATCH (a:{ENTITY_LABEL} {{id: row.s}}), (b:{ENTITY_LABEL} {{id: row.t}}) "
                f"CREATE (a)-[r:{rel}]->(b) SET r = row.p"
            )
    statements.append(f"MERGE (live:{LIVE_LABEL} {{id: 'live'}}) SET live.gen = {EXPORT_GENERATION}")
    return statements


def to_cypher(data: Dataset) -> str:
    """A script for cypher-shell or the driver: one statement per line block, each ending ';'."""
    head = f"// dealgraph export: {len(data.entities)} entities, {len(data.claims)} claims\n"
    return head + "".join(s + ";\n" for s in cypher_statements(data))
