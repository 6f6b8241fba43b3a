"""What a read-only query (``dealgraph cypher`` without ``--write``) may not do, checked before
it is sent: the stores' own read-only modes stop graph writes, not these side effects.

- Embedded (LadybugDB): statements that touch files or extensions (``COPY``, ``EXPORT``,
  ``IMPORT``, ``INSTALL``, ``UNINSTALL``, ``LOAD``, ``ATTACH``, ``CHECKPOINT``) and the table
  functions that read files (``READ_CSV``, ``READ_PARQUET``…).
- Neo4j: ``LOAD CSV`` (the server fetches a file or a URL), ``TERMINATE TRANSACTIONS`` (ends
  other sessions' work, a running load's included) and every procedure but the few that only
  read (``db.labels``, ``db.index.fulltext.queryNodes``…): ``db.stats.clear``,
  ``db.clearQueryCaches``, ``tx.setMetaData`` and the like run in read transactions.

Keywords are looked for outside string literals, comments and `quoted names`; a word used as
an alias (``AS load``), a property (``n.load``), a map key (``{load: 1}``) or a label is no
keyword.
"""

from __future__ import annotations

import re

from dealgraph.errors import QueryError

# String literals, `quoted names` and comments, found left to right so that a quote inside a
# comment or a name (or a comment mark inside a string) hides nothing.
_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|(`(?:[^`]|``)*`)|//[^\n]*|/\*.*?\*/", re.S)
# Words that are names, not keywords: an alias (not a call), a label or type, a map key.
_ALIAS = re.compile(r"\bAS\s+\w+\b(?!\s*\()", re.I)
_LABEL = re.compile(r":\s*\w+\b(?!\s*\()")
_KEY = re.compile(r"\b\w+\s*:(?![:=])")

_EMBEDDED_EFFECTS = re.compile(
    r"(?<![.\w])(?:COPY|EXPORT|IMPORT|INSTALL|UNINSTALL|LOAD|ATTACH|CHECKPOINT|READ_\w+)\b", re.I
)
_NEO4J_EFFECTS = re.compile(r"(?<![.\w])(?:LOAD\s+CSV|TERMINATE)\b", re.I)
_NAME_PART = r"(?:`(?:[^`]|``)*`|[A-Za-z_][\w$]*)"
_CALL = re.compile(rf"(?<![.\w])CALL\s+({_NAME_PART}(?:\s*\.\s*{_NAME_PART})*)", re.I)

#: The Neo4j procedures a read-only query may call: they read the schema, an index or the
#: server's version, and change nothing.
NEO4J_READ_PROCEDURES = frozenset(
    name.casefold()
    for name in (
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.fulltext.listAvailableAnalyzers",
        "db.awaitIndex",
        "db.awaitIndexes",
        "db.ping",
        "db.info",
        "dbms.components",
        "dbms.info",
    )
)

REFUSED = "the query writes files or changes the database; pass --write to allow it"


def _keywords(cypher: str) -> str:
    """``cypher`` with literals, comments, quoted names and names that are not keywords blanked."""
    text = _ALIAS.sub(" ", _LITERALS.sub(" ", cypher))
    return _KEY.sub(" ", _LABEL.sub(": ", text))


def check_embedded(cypher: str) -> None:
    """Raise QueryError when a read-only query to the embedded store would touch files."""
    if _EMBEDDED_EFFECTS.search(_keywords(cypher)):
        raise QueryError(REFUSED)


def check_neo4j(cypher: str) -> None:
    """Raise QueryError when a read-only query to Neo4j would have a side effect that read
    transactions allow (see the module's docstring)."""
    found = _NEO4J_EFFECTS.search(_keywords(cypher))
    if found:
        what = " ".join(found.group().upper().split())
        raise QueryError(f"{what} has effects outside the query (read-only by default); pass --write to allow it")
    code = _LITERALS.sub(lambda m: m.group(1) or " ", cypher)  # quoted names kept: they can name a procedure
    for call in _CALL.finditer(code):
        parts = re.findall(_NAME_PART, call.group(1))
        name = ".".join(p[1:-1].replace("``", "`") if p.startswith("`") else p for p in parts)
        if name.casefold() not in NEO4J_READ_PROCEDURES:
            raise QueryError(
                f"procedure {name} may change the database or the server (read-only by default); "
                "pass --write to allow it"
            )
