"""Load sources into a store: read, validate, then replace the store's graph in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dealgraph.config import bundled_sources
from dealgraph.graph.dataset import Change, Dataset
from dealgraph.graph.store import Store
from dealgraph.loaders.sources import load_sources


@dataclass(frozen=True)
class LoadReport:
    """What was loaded and what it changed in the store."""

    dataset: Dataset
    change: Change
    evidence_checked: bool


def load(store: Store, paths: Sequence[Path | str] = (), *, documents_dir: Path | str | None = None) -> LoadReport:
    """Make ``store`` mirror the sources at ``paths`` (default: the bundled corpus).

    Validation happens before the store is touched: a SourceError leaves it as it was.

    >>> load(EmbeddedStore(".dealgraph"), documents_dir="../shared/sources")  # doctest: +SKIP
    """
    dataset = load_sources(list(paths) or [bundled_sources()], documents_dir=documents_dir)
    change = store.load(dataset)
    return LoadReport(dataset=dataset, change=change, evidence_checked=documents_dir is not None)
