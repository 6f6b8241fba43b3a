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


def test_the_readme_python_example_runs(tmp_path, documents_dir, monkeypatch):
    code = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S).group(1)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(code.replace("../shared/sources", str(documents_dir)), "README.md", "exec"), namespace)
    assert (tmp_path / ".dealgraph").is_dir()
    assert named.PLEDGES.params == ("id",)
