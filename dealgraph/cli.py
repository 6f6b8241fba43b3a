"""The ``dealgraph`` command: parse options, make one library call, format the answer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dealgraph.config import store_location
from dealgraph.errors import DealgraphError, SourceError

if TYPE_CHECKING:
    from dealgraph.graph.store import Store
    from dealgraph.queries.lookups import Tie

REL_TYPES = (
    "PLEDGES",
    "DEMANDS",
    "OFFERS",
    "SUPPLIES",
    "DEPENDS_ON",
    "PARTICIPATES_IN",
    "PART_OF",
    "LEADS",
    "AFFILIATED_WITH",
    "LOCATED_IN",
    "IN_EXCHANGE_FOR",
    "SUPPORTS",
    "SUSPECTS",
    "ANALYZES",
    "REPORTS",
)


class ProblemsError(click.ClickException):
    """Several problems, one per line, then a summary line; exit 1."""

    def __init__(self, error: SourceError, outcome: str = "nothing was loaded"):
        super().__init__(str(error))
        self.error = error
        self.outcome = outcome

    def show(self, file: Any = None) -> None:
        from dealgraph.output import for_terminal

        for problem in self.error.problems:
            click.echo(for_terminal(str(problem)), err=True)
        count = len(self.error.problems)
        click.echo(f"Error: {count} problem{'s' if count != 1 else ''} in the sources; {self.outcome}", err=True)


class DealgraphGroup(click.Group):
    """Turns library errors into one clear message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SourceError as exc:
            raise ProblemsError(exc) from None
        except DealgraphError as exc:
            from dealgraph.output import for_terminal

            raise click.ClickException(for_terminal(str(exc))) from None
        except Exception as exc:
            message = _driver_error(exc)
            if message is None:
                raise
            raise click.ClickException(message) from None


def _driver_error(exc: Exception) -> str | None:
    module = type(exc).__module__ or ""
    if module.startswith("neo4j"):
        return f"Neo4j: {exc}"
    return None


class Session:
    """What the group shares with its commands; the store opens on first use."""

    def __init__(self, location: str, options: dict[str, Any] | None = None):
        self.location = location
        self.options: dict[str, Any] = options or {}
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from dealgraph.graph import open_store

            self._store = open_store(self.location, **self.options)
            unfinished = getattr(self._store, "unfinished_loads", None)
            for pid in unfinished() if unfinished else ():
                click.echo(
                    f"note: a load into {self.location} (pid {pid}) stopped before it finished; "
                    "the store holds the graph from before it, and the next load removes what it left",
                    err=True,
                )
        return self._store

    def close(self) -> None:
        from dealgraph.launch import may_leave_open

        if self._store is not None and not may_leave_open(self._store):  # the process ends next
            self._store.close()


pass_session = click.make_pass_decorator(Session)


def emit(text: str, *, code: bool = False, nl: bool = True) -> None:
    """Write an answer to stdout: byte-exact to a pipe or a file (click strips no escape
    sequence); to a terminal with the control characters a source may hold shown, not obeyed.
    ``code`` (JSON, a Cypher script) shows them as ``\\uXXXX``, so the text stays valid."""
    import sys

    from dealgraph.output import for_terminal, for_terminal_code

    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream: not a terminal
        tty = False
    if tty:
        text = for_terminal_code(text) if code else for_terminal(text)
    click.echo(text, nl=nl, color=True)


def format_option(*choices: str) -> Any:
    """The ``--format`` option with these choices, ``table`` first and default."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default="table", show_default=True, help="Output format."
    )


FORMAT = format_option("table", "json", "csv")
TABLE_OR_JSON = format_option("table", "json")


def _as_of_option() -> Any:
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="The world as the sources describe it on this date (YYYY-MM-DD): valid time.",
    )


@click.group(cls=DealgraphGroup)
@click.option(
    "--store",
    metavar="PATH|URI",
    help="Store directory, or a Neo4j URI (bolt://, neo4j://, neo4j+s://); "
    "default: $DEALGRAPH_STORE, else $NEO4J_URI, else ./.dealgraph.",
)
@click.version_option(package_name="dealgraph")
@click.pass_context
def cli(ctx: click.Context, store: str | None) -> None:
    """Explore who pledges what to whom, with the evidence for every tie.

    \b
    Quick tour:
      dealgraph load                 load the bundled corpus
      dealgraph actor Japan          every tie of an actor, with evidence
      dealgraph pledges Japan        what Japan pledges, and what is pledged to it
      dealgraph cypher "MATCH (n:Country) RETURN n.name"
      dealgraph viz -o deal.html     an interactive view, works offline
    """
    session = Session(location=store_location(store))
    ctx.obj = session
    ctx.call_on_close(session.close)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--documents",
    "documents",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    envvar="DEALGRAPH_DOCUMENTS",
    show_envvar=True,
    help="Directory with the source documents; every evidence quote must occur in its document.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=None,
    envvar="DEALGRAPH_BATCH_SIZE",
    show_envvar=True,
    help="Rows per UNWIND batch written to the store (default 5000).",
)
@click.option(
    "--with-corpus",
    is_flag=True,
    help="Load the bundled corpus too, e.g. with a reviewed `dealgraph extract` file that extends it.",
)
@pass_session
def load(
    session: Session, paths: tuple[str, ...], documents: str | None, batch_size: int | None, with_corpus: bool
) -> None:
    """Load sources into the store (default: the bundled corpus).

    PATHS are claims files (.yaml), tables (.csv, .jsonl) or directories of them. The store
    then mirrors exactly these sources: loading twice changes nothing, and claims removed
    from the sources disappear. Any problem loads nothing. Extracted claims (from
    `dealgraph extract`) that repeat a claim already there add their evidence to it.
    """
    from dealgraph.config import bundled_sources
    from dealgraph.loading import load as do_load

    if batch_size:
        session.options["batch_size"] = batch_size
    from dealgraph.progress import Progress

    sources = [str(bundled_sources()), *paths] if with_corpus else list(paths)
    store = session.store
    progress = Progress("loading")
    if hasattr(store, "progress"):
        store.progress = progress
    try:
        report = do_load(store, sources, documents_dir=documents)
    finally:
        progress.close()
    ds = report.dataset
    click.echo(f"loaded {len(ds.entities)} entities and {len(ds.claims)} claims into {session.location}")
    click.echo("entities: " + ", ".join(f"{k.value} {n}" for k, n in ds.kind_counts().items()))
    click.echo("claims: " + ", ".join(f"{t.value} {n}" for t, n in ds.type_counts().items()))
    click.echo(f"changes: {report.change.summary()}")
    if not report.evidence_checked:
        click.echo("evidence quotes not checked against the documents (use --documents DIR)")


@cli.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--doc-id", metavar="ID", help="The article's document id (default: its file name). One article only.")
@click.option(
    "--date",
    "article_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The article's date (YYYY-MM-DD): resolves 'in March', 'Feb. 17' and the like.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not to stdout.")
@click.option(
    "--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True, help="Output format."
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.6,
    show_default=True,
    help="Candidates below this confidence are listed (commented out in YAML), not proposed.",
)
@click.option(
    "--against",
    multiple=True,
    type=click.Path(exists=True),
    help="Sources whose entities to link to (default: the bundled corpus). Repeatable.",
)
@click.option(
    "--engine",
    type=click.Choice(["corenlp", "rules"]),
    default="corenlp",
    show_default=True,
    help="corenlp: Stanford CoreNLP's parse and the relation patterns; rules: trigger words, no server.",
)
@click.option(
    "--nlp",
    "nlp_url",
    metavar="URL",
    envvar="DEALGRAPH_CORENLP_URL",
    help="A running CoreNLP server ($DEALGRAPH_CORENLP_URL). Without one, extract starts its own for the run.",
)
def extract(
    articles: tuple[Path, ...],
    doc_id: str | None,
    article_date: Any,
    output: Path | None,
    fmt: str,
    threshold: float,
    against: tuple[str, ...],
    engine: str,
    nlp_url: str | None,
) -> None:
    """Propose claims from ARTICLES (plain text, Markdown or HTML) for review.

    Links known entities (any name or alias, any script, checked against NER; descriptions;
    pronouns), finds new ones with a kind, and proposes relationships from dependency patterns
    over CoreNLP's parse, with money, dates, a confidence and the evidence (quote and character
    span) of each. Writes the claims format: review it, then
    `dealgraph load --with-corpus FILE`. The summary line goes to stdout with -o, else to
    stderr. Nothing is written if any article cannot be read.
    """
    import contextlib
    import re as _re

    from dealgraph.extract import extract_articles
    from dealgraph.extract.review import to_json, to_yaml

    if doc_id is not None:
        if len(articles) > 1:
            raise click.UsageError("--doc-id names one article; give one ARTICLE or leave --doc-id out")
        if not _re.fullmatch(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*", doc_id) or len(doc_id) > 120:
            raise click.BadParameter(
                f"{doc_id!r}: expected lower-case letters and digits, joined by '-', '_' or '.'"
                ", at most 120 characters",
                param_hint="--doc-id",
            )
    from dealgraph.extract.server import NLPUnavailableError, session
    from dealgraph.progress import Progress

    progress = Progress("extracting")
    try:
        with session(nlp_url) if engine == "corenlp" else contextlib.nullcontext("") as url:
            result = extract_articles(
                list(articles),
                against=list(against) or None,
                doc_id=doc_id,
                article_date=article_date.date() if article_date else None,
                threshold=threshold,
                engine=engine,
                nlp_url=url or None,
                progress=progress,
            )
    except SourceError as exc:
        raise ProblemsError(exc, "nothing was written") from None
    except NLPUnavailableError as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    finally:
        progress.close()
    text = to_json(result) + "\n" if fmt == "json" else to_yaml(result, command=" ".join(str(a) for a in articles))
    if output is None:
        emit(text, code=fmt == "json", nl=False)
        click.echo(result.summary(), err=True)
        return
    from dealgraph.files import write_atomically

    try:
        write_atomically(output, text)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}; nothing was written") from None
    click.echo(f"wrote {output}: {result.summary()}")


@cli.command()
@click.argument("name")
@_as_of_option()
@TABLE_OR_JSON
@pass_session
def actor(session: Session, name: str, as_of: Any, fmt: str) -> None:
    """Every relationship of an actor, grouped by type and direction.

    NAME is an id, a name or any alias, in any script (Takaichi, 高市早苗).
    """
    from dealgraph import output
    from dealgraph.queries.lookups import actor as lookup

    report = lookup(session.store, name, day=as_of.date() if as_of else None)
    if fmt == "json":
        emit(output.actor_json(report, as_of.date() if as_of else None), code=True)
        return
    if as_of:
        click.echo(output.AS_OF_ACTOR.format(day=as_of.date()) + "\n")
    emit(output.for_terminal(output.fit(output.actor_text(report, as_of.date() if as_of else None))))


def _echo_ties(ties: list[Tie], fmt: str, empty: str) -> None:
    from dealgraph import output

    if fmt == "json":
        emit(output.to_json([t.as_dict() for t in ties]), code=True)
    elif fmt == "csv":
        emit(output.to_csv(output.TIE_COLUMNS, output.tie_rows(ties)))
    elif not ties:
        emit(output.for_terminal(empty))
    else:
        emit(output.table(output.TIE_COLUMNS, output.tie_rows(ties)))  # cells escaped


def _lookup_command(name: str, function: str, help_text: str, empty: str) -> None:
    @cli.command(name=name, help=help_text)
    @click.argument("name")
    @FORMAT
    @pass_session
    def command(session: Session, name: str, fmt: str) -> None:
        from dealgraph.queries import lookups

        ref, ties = getattr(lookups, function)(session.store, name)
        _echo_ties(ties, fmt, empty.format(name=ref.name))


_lookup_command("pledges", "pledges", "Pledges made by an actor, or made to it.", "no pledges by or to {name}")
_lookup_command("demands", "demands", "Demands made by an actor, or made of it.", "no demands by or of {name}")
_lookup_command(
    "supply",
    "supply",
    "Supply links of a mineral: suppliers, dependants, and dependants of its suppliers.",
    "no supply links for {name}",
)
_lookup_command(
    "participants",
    "participants",
    "Who takes part in a project or in any of its parts.",
    "no participants in {name}",
)


@cli.command()
@click.option("--type", "rel_type", type=click.Choice(REL_TYPES, case_sensitive=False), help="Only this type.")
@click.option("--actor", "name", metavar="NAME", help="Only claims touching this entity.")
@FORMAT
@pass_session
def claims(session: Session, rel_type: str | None, name: str | None, fmt: str) -> None:
    """List claims, by type and/or entity (e.g. --type ANALYZES: who analysed what)."""
    from dealgraph.graph.vocabulary import RelType
    from dealgraph.queries.lookups import claims as lookup

    ties = lookup(session.store, type=RelType(rel_type.upper()) if rel_type else None, name=name)
    _echo_ties(ties, fmt, "no claims match")


def _param(value: str) -> tuple[str, Any]:
    import json

    key, sep, raw = value.partition("=")
    if not sep or not key:
        raise click.BadParameter(f"expected KEY=VALUE, got {value!r}")
    try:
        return key, json.loads(raw)
    except ValueError:  # json.JSONDecodeError
        return key, raw


@cli.command()
@click.argument("query")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A $parameter; VALUE is read as JSON when it parses, else as text. Repeatable.",
)
@click.option("--write", is_flag=True, help="Allow the query to write (read-only by default).")
@FORMAT
@pass_session
def cypher(session: Session, query: str, params: tuple[str, ...], write: bool, fmt: str) -> None:
    """Run a Cypher QUERY on the store (read-only unless --write).

    Example: dealgraph cypher "MATCH (a)-[r:PLEDGES]->(b) WHERE a.id = $who RETURN b.name" -p who=japan
    """
    from dealgraph import output

    result = session.store.query(query, dict(_param(p) for p in params), write=write)
    if fmt == "json":
        emit(output.to_json(result.records()), code=True)
    elif fmt == "csv":
        emit(output.to_csv(result.columns, result.rows))
    else:
        emit(output.table(result.columns, result.rows))  # cells escaped
        click.echo(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")


@cli.command()
@TABLE_OR_JSON
@pass_session
def stats(session: Session, fmt: str) -> None:
    """Counts of entities by kind, claims by type and evidence by document."""
    from dealgraph import output
    from dealgraph.queries.lookups import stats as lookup

    s = lookup(session.store)
    if fmt == "json":
        emit(output.to_json({"entities": s.kinds, "claims": s.types, "evidence": s.evidence}), code=True)
    else:
        emit(output.for_terminal(output.fit(output.stats_text(s, session.location))))


KINDS = (
    "Country",
    "Leader",
    "Person",
    "Company",
    "Organization",
    "Project",
    "Mineral",
    "Place",
    "Agreement",
    "Policy",
    "Event",
    "Document",
)


def _names(allowed: tuple[str, ...], what: str) -> Any:
    """A click callback for comma-separated names from ``allowed`` (any case)."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
        if not value:
            return None
        by_fold = {a.casefold(): a for a in allowed}
        chosen = []
        for part in (p.strip() for p in value.split(",")):
            if part.casefold() not in by_fold:
                raise click.BadParameter(f"unknown {what} '{part}'; choose from {', '.join(allowed)}")
            chosen.append(by_fold[part.casefold()])
        return tuple(chosen)

    return parse


@cli.command()
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, writable=True),
    default="dealgraph.html",
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--focus", metavar="NAME", help="Show only this actor's neighbourhood (any name or alias).")
@click.option(
    "--depth", type=click.IntRange(min=0), default=1, show_default=True, help="Steps from --focus to include."
)
@click.option("--kinds", metavar="K,...", callback=_names(KINDS, "kind"), help="Only entities of these kinds.")
@click.option(
    "--types",
    metavar="T,...",
    callback=_names(REL_TYPES, "relationship type"),
    help="Only relationships of these types.",
)
@click.option("--open", "open_", is_flag=True, help="Open the page in the default browser.")
@pass_session
def viz(
    session: Session,
    out: str,
    focus: str | None,
    depth: int,
    kinds: tuple[str, ...] | None,
    types: tuple[str, ...] | None,
    open_: bool,
) -> None:
    """Write an interactive HTML view of the graph: one self-contained file, works offline.

    Click a node or an edge for its details and evidence; search by any name; toggle kinds and
    relationship types in the legend.
    """
    from dealgraph.graph.vocabulary import Kind, RelType
    from dealgraph.viz import view_html

    page = view_html(
        session.store,
        focus=focus,
        depth=depth,
        kinds=[Kind(k) for k in kinds] if kinds else None,
        types=[RelType(t) for t in types] if types else None,
    )
    from dealgraph.files import write_atomically

    path = Path(out)
    try:
        write_atomically(path, page)
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror}; nothing was written") from None
    click.echo(f"wrote {path} ({len(page.encode()) // 1024} KB)")
    if open_:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


def _echo_analysis(value: Any, fmt: str, text: Any) -> None:
    from dealgraph import analysis_output
    from dealgraph.output import fit, for_terminal

    if fmt == "json":
        emit(analysis_output.as_json(value), code=True)
    else:
        emit(for_terminal(fit(text(value))))


@cli.command()
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", type=click.IntRange(min=1), default=6, show_default=True, help="Longest path to look for.")
@click.option(
    "--types",
    metavar="T,...",
    callback=_names(REL_TYPES, "relationship type"),
    help="Only walk relationships of these types.",
)
@click.option(
    "--through-countries", is_flag=True, help="Let paths pass through countries (hubs that most entities are tied to)."
)
@_as_of_option()
@TABLE_OR_JSON
@pass_session
def path(
    session: Session,
    a: str,
    b: str,
    max_hops: int,
    types: tuple[str, ...] | None,
    through_countries: bool,
    as_of: Any,
    fmt: str,
) -> None:
    """Every shortest path between two actors, with the claim and evidence of each step."""
    from dealgraph import analysis_output
    from dealgraph.graph.vocabulary import RelType
    from dealgraph.queries.analysis import path as lookup

    result = lookup(
        session.store,
        a,
        b,
        max_hops=max_hops,
        types=[RelType(t) for t in types] if types else None,
        day=as_of.date() if as_of else None,
        through_countries=through_countries,
    )
    _echo_analysis(result, fmt, analysis_output.path_text)


@cli.command()
@click.argument("a")
@click.argument("b")
@_as_of_option()
@TABLE_OR_JSON
@pass_session
def ledger(session: Session, a: str, b: str, as_of: Any, fmt: str) -> None:
    """The bilateral ledger: what each side gives and demands, with amounts and totals."""
    from dealgraph import analysis_output
    from dealgraph.queries.analysis import ledger as lookup

    _echo_analysis(lookup(session.store, a, b, day=as_of.date() if as_of else None), fmt, analysis_output.ledger_text)


@cli.command()
@click.argument("name", required=False)
@_as_of_option()
@TABLE_OR_JSON
@pass_session
def timeline(session: Session, name: str | None, as_of: Any, fmt: str) -> None:
    """Dated claims in order (of one actor with NAME); moved deadlines as their history."""
    from dealgraph import analysis_output
    from dealgraph.queries.analysis import timeline as lookup

    day = as_of.date() if as_of else None
    events = lookup(session.store, name, day=day)
    _echo_analysis(events, fmt, lambda e: analysis_output.timeline_text(e, day))


@cli.command()
@TABLE_OR_JSON
@pass_session
def conflicts(session: Session, fmt: str) -> None:
    """Where sources disagree about the same relationship, side by side with their evidence."""
    from dealgraph import analysis_output
    from dealgraph.queries.analysis import conflicts as lookup

    _echo_analysis(lookup(session.store), fmt, analysis_output.conflicts_text)


@cli.command()
@click.option(
    "--by",
    type=click.Choice(["pagerank", "betweenness", "degree"]),
    default="pagerank",
    show_default=True,
    help="The measure.",
)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many to list.")
@TABLE_OR_JSON
@pass_session
def rank(session: Session, by: str, top: int, fmt: str) -> None:
    """The most central entities by a network measure, with what the measure means."""
    from dealgraph import analysis_output
    from dealgraph.queries.analysis import rank as lookup

    _echo_analysis(lookup(session.store, by=by, top=top), fmt, lambda r: analysis_output.rank_text(r, by))


@cli.command()
@TABLE_OR_JSON
@pass_session
def communities(session: Session, fmt: str) -> None:
    """Groups of entities more tied to each other than to the rest of the graph."""
    from dealgraph import analysis_output
    from dealgraph.queries.analysis import communities as lookup

    _echo_analysis(lookup(session.store), fmt, analysis_output.communities_text)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "json", "csv", "cypher"]),
    required=True,
    help="graphml (Gephi, yEd), node-link json, neo4j-admin csv, or a cypher script.",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(),
    default=None,
    help="File (a directory for csv). Default: stdout for json and cypher, dealgraph.graphml, dealgraph-csv/.",
)
@pass_session
def export(session: Session, fmt: str, out: str | None) -> None:
    """Export the graph for other tools; `dealgraph load` reads the csv export back."""
    from pathlib import Path

    from dealgraph import exports
    from dealgraph.files import write_atomically
    from dealgraph.graph.store import loaded_graph

    data = loaded_graph(session.store)
    target = Path(out or ("dealgraph-csv" if fmt == "csv" else "dealgraph.graphml"))
    try:
        if fmt == "csv":
            files = exports.to_csv(data, target)
            click.echo("wrote " + ", ".join(str(f) for f in files))
        elif fmt == "graphml":
            exports.to_graphml(data, target)
            click.echo(f"wrote {target}")
        elif out:
            write_atomically(target, exports.to_json(data) if fmt == "json" else exports.to_cypher(data))
            click.echo(f"wrote {out}")
        else:
            emit(exports.to_json(data) if fmt == "json" else exports.to_cypher(data), code=True, nl=False)
    except OSError as exc:
        done = "" if fmt == "csv" else "; nothing was written"  # csv: each file is whole or not there
        raise click.ClickException(f"cannot write {exc.filename or target}: {exc.strerror}{done}") from None
