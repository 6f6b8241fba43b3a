"""Loaders: sources (YAML claims files, CSV, JSON Lines) → a validated Dataset."""

from dealgraph.loaders.sources import build_dataset, load_sources, read_records

__all__ = ["build_dataset", "load_sources", "read_records"]
