"""A lane's value axis whose labels never overlap: neighbours at least a line of the tick font apart
(docs/trends.md, "Readable axes").

pyqtgraph spaces its automatic ticks by the axis length alone (more ticks as ``sqrt(length / 300)`` grows) and
always draws the first level's labels, however crowded; explicit ticks (pain 0–10 by 2) are drawn wherever they
fall. A lane a few lines high therefore printed 0, 50, 100, 150 and 200 over each other (the Measures lane at
1280×800, and every size at a 16 pt font). This axis widens the automatic step along 1, 2, 5 × 10ⁿ and keeps every
k-th explicit tick, the first and the last always among them, until neighbouring labels are a line apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

Tick = tuple[float, str]


def label_gap(font: QFont) -> float:
    """The least distance, in pixels, between the centres of two labels stacked on a vertical axis."""
    return QFontMetricsF(font).height()


def next_step(step: float) -> float:
    """The next larger of 1, 2, 5 × 10ⁿ after ``step``."""
    power = 10.0 ** math.floor(math.log10(step))
    for factor in (1.0, 2.0, 5.0, 10.0, 20.0):
        if factor * power > step * (1 + 1e-9):
            return factor * power
    return 10 * step  # not reached: 20 × 10ⁿ is always larger


def spaced_ticks(ticks: Sequence[Tick], pixels_per_unit: float, gap: float) -> list[Tick]:
    """Every k-th of ``ticks`` (sorted by value) for the smallest k that keeps the first and the last and leaves
    ``gap`` pixels between neighbours; the first alone when even the two ends are closer than that."""
    ordered = sorted(ticks)
    if len(ordered) < 2 or pixels_per_unit <= 0:
        return ordered
    last = len(ordered) - 1
    for k in range(1, last + 1):
        if last % k:
            continue
        kept = ordered[::k]
        if all((b[0] - a[0]) * pixels_per_unit >= gap for a, b in pairwise(kept)):
            return kept
    return ordered[:1]


class ValueAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph has no type hints
    """A vertical axis whose labels (automatic or explicit) are spaced at least :func:`label_gap` apart."""

    def __init__(self, orientation: str = "left", **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.all_ticks: list[list[Tick]] | None = None
        # Only the major level is labelled: its step already leaves room, and pyqtgraph's minor labels are
        # admitted by how much of the axis all labels fill together, not by their distance to each other.
        self.setStyle(maxTextLevel=0)

    def gap(self) -> float:
        font = self.style.get("tickFont")
        return label_gap(font if font is not None else self.font())

    def setTicks(self, ticks: Sequence[Sequence[Tick]] | None) -> None:
        self.all_ticks = None if ticks is None else [list(level) for level in ticks]
        super().setTicks(ticks)

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        levels: list[tuple[float, float]] = super().tickSpacing(minVal, maxVal, size)
        if not levels or size <= 0 or maxVal == minVal:
            return levels
        per_unit = size / abs(maxVal - minVal)
        major = levels[0][0]
        gap = self.gap()
        while major * per_unit < gap:
            major = next_step(major)
        return [(major, 0.0)] + [level for level in levels[1:] if level[0] < major]

    def generateDrawSpecs(self, p: Any) -> Any:
        if self.all_ticks is not None:
            low, high = self.range
            length = self.geometry().height()
            per_unit = length / abs(high - low) if high != low else 0.0
            self._tickLevels = [spaced_ticks(level, per_unit, self.gap()) for level in self.all_ticks]
        return super().generateDrawSpecs(p)
