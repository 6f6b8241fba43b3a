"""Claims files in YAML: ``documents:``, ``entities:`` and ``claims:`` lists, with line numbers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from dealgraph.errors import Problem
from dealgraph.loaders.records import Record, RecordKind, read_source_text

SECTIONS: dict[str, RecordKind] = {"documents": "document", "entities": "entity", "claims": "claim"}


def plain(node: Any) -> Any:
    """ruamel's commented nodes as plain dicts, lists, str, int and float."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _lc(node: Any) -> Any:
    """ruamel's line/column record of a commented node."""
    return node.lc


def _line_finder(node: Any, base: int) -> Callable[[tuple[str | int, ...]], int]:
    def line_of(loc: tuple[str | int, ...]) -> int:
        current: Any = node
        line = base
        for part in loc:
            try:
                if isinstance(current, dict) and part in current:
                    line = _lc(current).key(part)[0] + 1
                    current = current[part]
                elif isinstance(current, list) and isinstance(part, int) and part < len(current):
                    line = _lc(current).item(part)[0] + 1
                    current = current[part]
                else:
                    break
            except (AttributeError, KeyError, IndexError, TypeError):
                break
        return line

    return line_of


def _yaml() -> Any:
    """A round-trip YAML reader that leaves dates as text, for the model to parse and judge."""
    from ruamel.yaml import YAML
    from ruamel.yaml.composer import Composer, ComposerError
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.events import AliasEvent

    class TextDates(RoundTripConstructor):
        pass

    class NoAliases(Composer):
        """Aliases refused: a few lines of them can stand for billions of values."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.parser.check_event(AliasEvent):
                mark = self.parser.peek_event().start_mark
                raise ComposerError(None, None, "aliases (*name) are not allowed here; write the value out", mark)
            return super().compose_node(parent, index)

    TextDates.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: str(node.value))
    yaml = YAML(typ="rt")
    yaml.Constructor = TextDates
    yaml.Composer = NoAliases
    yaml.max_depth = MAX_DEPTH  # nesting deeper than any claims file needs is an error, not a RecursionError
    return yaml


MAX_DEPTH = 50
#: The largest YAML claims file read. YAML with line numbers parses at 0.05–0.2 MB/s (a 1 MB
#: file of entities took 22 s on a busy 2-core machine, the same records as JSON Lines 0.5 s; a
#: 50 MB file took 5 min and 3 GB to report one error); JSON Lines has no such limit.
MAX_YAML_BYTES = 2 * 1024 * 1024


def read_yaml(path: Path, display: str) -> tuple[list[Record], list[Problem]]:
    """Parse one YAML claims file into records; problems instead of exceptions."""
    from ruamel.yaml.composer import MaxDepthExceededError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_source_text names the problem
    if size > MAX_YAML_BYTES:
        return [], [
            Problem(
                display,
                None,
                f"a YAML file of {size / 2**20:.1f} MiB is over the {MAX_YAML_BYTES // 2**20} MiB limit for YAML;"
                " write large sources as JSON Lines (.jsonl: one JSON object per line), which has none",
            )
        ]
    text, problem = read_source_text(path, display)
    if problem is not None:
        return [], [problem]
    try:
        doc: Any = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        if isinstance(exc, MaxDepthExceededError):
            what = f"nested more than {MAX_DEPTH} levels deep"
        return [], [Problem(display, line, f"invalid YAML: {what}")]
    except YAMLError as exc:
        return [], [Problem(display, None, f"invalid YAML: {exc}")]
    if doc is None:
        return [], [Problem(display, None, "empty file: expected documents:, entities: or claims:")]
    if not isinstance(doc, dict):
        return [], [Problem(display, 1, "expected a mapping with documents:, entities: or claims:")]
    records: list[Record] = []
    problems: list[Problem] = []
    for key, items in doc.items():
        line = _lc(doc).key(key)[0] + 1
        if key not in SECTIONS:
            allowed = ", ".join(SECTIONS)
            problems.append(Problem(display, line, f"unknown section {key!r} (allowed: {allowed})"))
            continue
        if items is None:
            continue
        items = cast(Any, items)
        if not isinstance(items, list):
            problems.append(Problem(display, line, f"{key}: expected a list of mappings"))
            continue
        for i, item in enumerate(items):
            item_line = _lc(items).item(i)[0] + 1
            if not isinstance(item, dict):
                problems.append(Problem(display, item_line, f"{key}: expected a mapping, got {plain(item)!r}"))
                continue
            records.append(
                Record(
                    kind=SECTIONS[key],
                    data=plain(item),
                    path=display,
                    line=item_line,
                    line_of=_line_finder(item, item_line),
                )
            )
    return records, problems
