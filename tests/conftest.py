"""Shared fixtures: the source documents, the bundled corpus and a loaded embedded store."""

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

REPO = Path(__file__).resolve().parent.parent


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
    """Run the CLI on the loaded corpus store; returns the click Result."""
    loaded_store.close()  # the CLI opens its own connection

    def run(*args: str, store: str | None = None):
        return CliRunner().invoke(cli, ["--store", store or loaded_store.location, *args], catch_exceptions=False)

    return run
