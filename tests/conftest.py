"""Shared fixtures: the source documents, the bundled corpus, a loaded embedded store, and the
Neo4j server the test command started (scripts/test), or the one NEO4J_URI names.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealgraph.cli import cli
from dealgraph.config import bundled_sources
from dealgraph.graph.dataset import Dataset
from dealgraph.graph.embedded import EmbeddedStore
from dealgraph.loaders import load_sources
from dealgraph.queries.named import NamedQuery

REPO = Path(__file__).resolve().parent.parent

#: The Neo4j the tests use. Taken out of the environment so that, inside the tests, a command
#: without --store still means the embedded store, as it does for a user without NEO4J_URI.
NEO4J = {
    name: os.environ.pop(name, None) for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")
}
#: No default: a test run that was given no server must not take whatever listens on Neo4j's usual
#: port (a Neo4j of your own, another checkout's test run) and empty it.
NEO4J_URI = NEO4J["NEO4J_URI"]
#: The CoreNLP server scripts/test started, taken out of the environment like the NEO4J_* ones:
#: a test that wants it asks for the ``corenlp_url`` fixture.
CORENLP_URL = os.environ.pop("DEALGRAPH_CORENLP_URL", None) or "http://127.0.0.1:9000"


@pytest.fixture(scope="session")
def documents_dir() -> Path:
    """The source articles: $DEALGRAPH_DOCUMENTS, else ../shared/sources beside the repo."""
    path = Path(os.environ.get("DEALGRAPH_DOCUMENTS") or REPO.parent / "shared" / "sources")
    if not (path / "000_b1e3e52c24c235de.txt").is_file():
        pytest.fail(f"source documents not found in {path}; set DEALGRAPH_DOCUMENTS")
    return path


@pytest.fixture(scope="session")
def corpus(documents_dir: Path) -> Dataset:
    return load_sources([bundled_sources()], documents_dir=documents_dir)


def _named_params(query: NamedQuery, value: str = "japan", type_: str = "") -> dict[str, object]:
    values = {
        "id": value,
        "key": value,
        "type": type_,
        "ids": list(dict.fromkeys([value, "japan", "softbank-group"])),
        "claims": ["japan-pledges-us-investment-plan", "first-tranche-part-of-us-investment-plan"],
    }
    return {p: values[p] for p in query.params}


@pytest.fixture(scope="session")
def named_params():
    """``named_params(query, value="japan", type_="")``: parameters that make a named query
    answer on the corpus, ``value`` as the id or name key, with Japan and SoftBank as the other
    ids and two claims that exist."""
    return _named_params


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory: pytest.TempPathFactory, corpus: Dataset):
    """An embedded store holding the bundled corpus; tests must not write to it."""
    store = EmbeddedStore(tmp_path_factory.mktemp("corpus") / "store")
    store.load(corpus)
    store.close()
    yield store
    store.close()


@pytest.fixture
def invoke(loaded_store: EmbeddedStore):
    """Run the CLI on the loaded corpus store; returns the click Result. Tables are laid out
    for 80 columns (output that is not a terminal), whatever $COLUMNS says."""
    loaded_store.close()  # the CLI opens its own connection

    def run(*args: str, store: str | None = None, columns: int | None = None):
        runner = CliRunner(env={"COLUMNS": str(columns) if columns else None})
        return runner.invoke(cli, ["--store", store or loaded_store.location, *args], catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def neo4j_env() -> dict[str, str]:
    """NEO4J_* variables for the test server; fails (never skips) when no server answers."""
    from dealgraph.errors import StoreError
    from dealgraph.graph.neo4j_store import Neo4jStore

    if not NEO4J_URI:
        pytest.fail(
            "the Neo4j tests need a server of their own, which they empty: run them through scripts/test, "
            "which starts one, or set NEO4J_URI to a test server"
        )
    env = {k: v for k, v in NEO4J.items() if v} | {"NEO4J_URI": NEO4J_URI}
    probe = Neo4jStore(
        NEO4J_URI,
        user=env.get("NEO4J_USERNAME"),
        password=env.get("NEO4J_PASSWORD"),
        database=env.get("NEO4J_DATABASE"),
    )
    try:
        probe.query("RETURN 1")
    except StoreError as exc:
        pytest.fail(f"the Neo4j tests need a server: {exc}. Run them through scripts/test, which starts one.")
    finally:
        probe.close()
    return env


def neo4j_store_for(env: dict[str, str], **options):
    from dealgraph.graph.neo4j_store import Neo4jStore

    return Neo4jStore(
        env["NEO4J_URI"],
        user=env.get("NEO4J_USERNAME"),
        password=env.get("NEO4J_PASSWORD"),
        database=env.get("NEO4J_DATABASE"),
        **options,
    )


@pytest.fixture
def neo4j_store(neo4j_env):
    """The test server's database, emptied; tests may write anything to it (emptied after too)."""
    store = neo4j_store_for(neo4j_env)
    store.query("MATCH (n) DETACH DELETE n", write=True)
    yield store
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.close()


@pytest.fixture
def neo4j_corpus(neo4j_env, corpus: Dataset):
    """The test server's database holding the bundled corpus (a no-op when it already does)."""
    store = neo4j_store_for(neo4j_env)
    if store.query("MATCH (n) WHERE NOT (n:Entity OR n:DealgraphLive) RETURN count(n) AS n").rows != [[0]]:
        store.query("MATCH (n) DETACH DELETE n", write=True)  # left by a test run that was cut short
    store.load(corpus)
    yield store
    store.close()


@pytest.fixture(scope="session")
def corenlp_url() -> str:
    """The test CoreNLP server's URL; fails (never skips) when no server answers."""
    import urllib.request

    try:
        with urllib.request.urlopen(f"{CORENLP_URL}/ready", timeout=10) as answer:
            assert answer.status == 200
    except (OSError, AssertionError) as exc:
        pytest.fail(
            f"the extraction tests need a CoreNLP server at {CORENLP_URL} ({exc}). "
            "Run them through scripts/test, which starts one, or set DEALGRAPH_CORENLP_URL."
        )
    return CORENLP_URL
