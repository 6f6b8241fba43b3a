"""A progress bar on stderr for work that takes more than two seconds, none when stderr is not a
terminal (a pipe, a file, a test): ``store.progress = Progress("loading")`` before a load."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class Progress:
    """Called with ``(done, total)`` as work advances; draws click's progress bar once ``delay``
    seconds have passed, on a terminal only. ``close()`` ends the bar's line."""

    def __init__(self, label: str, *, delay: float = 2.0, stream: TextIO | None = None):
        self.label = label
        self.delay = delay
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self._bar: Any = None
        self._shown = 0
        try:
            self.enabled = self.stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        if self._bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            import click

            self._bar = click.progressbar(length=total, label=self.label, file=self.stream)
            self._bar.__enter__()
        step = min(done, total) - self._shown
        if step > 0:
            self._bar.update(step)
            self._shown += step

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
