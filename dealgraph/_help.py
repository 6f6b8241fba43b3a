"""The help of ``dealgraph --help``, as click renders it: written by ``python -m dealgraph.quickhelp``,
checked by tests/test_cli.py; printed by ``dealgraph.quickhelp`` without importing click."""

HELP = """Usage: dealgraph [OPTIONS] COMMAND [ARGS]...

  Explore who pledges what to whom, with the evidence for every tie.

  Quick tour:
    dealgraph load                 load the bundled corpus
    dealgraph actor Japan          every tie of an actor, with evidence
    dealgraph pledges Japan        what Japan pledges, and what is pledged to it
    dealgraph cypher "MATCH (n:Country) RETURN n.name"
    dealgraph viz -o deal.html     an interactive view, works offline

Options:
  --store PATH|URI  Store directory, or a Neo4j URI (bolt://, neo4j://,
                    neo4j+s://); default: $DEALGRAPH_STORE, else $NEO4J_URI,
                    else ./.dealgraph.
  --version         Show the version and exit.
  --help            Show this message and exit.

Commands:
  actor         Every relationship of an actor, grouped by type and...
  claims        List claims, by type and/or entity (e.g.
  communities   Groups of entities more tied to each other than to the...
  conflicts     Where sources disagree about the same relationship, side...
  cypher        Run a Cypher QUERY on the store (read-only unless --write).
  demands       Demands made by an actor, or made of it.
  export        Export the graph for other tools; `dealgraph load` reads...
  extract       Propose claims from ARTICLES (plain text, Markdown or...
  ledger        The bilateral ledger: what each side gives and demands,...
  load          Load sources into the store (default: the bundled corpus).
  participants  Who takes part in a project or in any of its parts.
  path          Every shortest path between two actors, with the claim...
  pledges       Pledges made by an actor, or made to it.
  rank          The most central entities by a network measure, with what...
  stats         Counts of entities by kind, claims by type and evidence...
  supply        Supply links of a mineral: suppliers, dependants, and...
  timeline      Dated claims in order (of one actor with NAME); moved...
  viz           Write an interactive HTML view of the graph: one..."""
