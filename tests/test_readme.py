"""The README's tour runs as written and prints what the README shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from dealgraph.queries import named

README = Path(__file__).resolve().parent.parent / "README.md"


def console_examples() -> list[tuple[list[str], str]]:
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S):
        command, *output = block.splitlines()
        assert command.startswith("$ dealgraph "), command
        examples.append((shlex.split(command.removeprefix("$ dealgraph ")), "\n".join(output) + "\n"))
    return examples


def test_the_readme_tour_prints_what_it_shows(invoke):
    examples = console_examples()
    assert len(examples) >= 3
    for args, expected in examples:
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.output)
        assert result.output == expected, args


def test_the_readme_python_example_prints_what_it_shows(tmp_path, documents_dir, monkeypatch, capsys):
    text = README.read_text(encoding="utf-8")
    code, shown = re.search(
        r"```python\n(.*?)```\n\nIt prints \(on a new store\):\n\n```text\n(.*?)```", text, re.S
    ).groups()
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(code.replace("../shared/sources", str(documents_dir)), "README.md", "exec"), namespace)
    assert capsys.readouterr().out == shown
    assert (tmp_path / ".dealgraph").is_dir()
    assert named.PLEDGES.params == ("id",)


def test_the_readme_schema_figures_are_the_schema():
    """The README's "12 node tables, 15 relationship tables over N kind pairs" is what
    ``python -c "from dealgraph.graph.embedded import schema_statements as s; print(...)"`` counts."""
    from dealgraph.graph.embedded import schema_statements

    found = re.search(
        r"(\d+) node tables,\s+(\d+) relationship tables over (\d+) kind pairs", README.read_text(encoding="utf-8")
    )
    assert found, "the README names the schema's size"
    statements = schema_statements()
    nodes = sum(s.startswith("CREATE NODE TABLE") for s in statements)
    rels = [s for s in statements if s.startswith("CREATE REL TABLE")]
    pairs = sum(s.count("FROM ") for s in rels)
    assert tuple(map(int, found.groups())) == (nodes, len(rels), pairs)
