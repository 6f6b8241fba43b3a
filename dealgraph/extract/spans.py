"""A set of non-overlapping character spans with fast overlap queries (bisect, not scans),
so that finding names in a long article stays linear."""

from __future__ import annotations

import bisect


class Spans:
    """Non-overlapping ``[start, end)`` spans, kept sorted."""

    def __init__(self, spans: list[tuple[int, int]] | None = None):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(spans or []):
            if not self.overlaps(s, e):
                self.add(s, e)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span of the set."""
        i = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return i > 0 and self.ends[i - 1] > start

    def covering(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans of the set that overlap ``[start, end)``."""
        i = bisect.bisect_left(self.starts, end)
        out = []
        while i > 0 and self.ends[i - 1] > start:
            out.append((self.starts[i - 1], self.ends[i - 1]))
            i -= 1
        return out[::-1]

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def between(items: list, starts: list[int], lo: int, hi: int) -> list:
    """The items (sorted by start, ``starts`` their starts) that start in ``[lo, hi)``."""
    return items[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
