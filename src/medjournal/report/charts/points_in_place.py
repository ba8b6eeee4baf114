"""Daily points given new values in place, when only values changed: a saved check-in moves a day's point.

pyqtgraph's ``ScatterPlotItem.setData`` throws its points away and builds them again: a new record array, each
point's style and its place in the symbol atlas (about 2 ms for each of the pain, mood and sleep series of the
heavy journal shown whole, three times a save). When the new points are the old ones, at the same x, in the same
style, and only some heights changed, ``PointsInPlace`` writes the new heights into the record array the
scatter keeps and tells it what ``setData`` would have told it after that: its bounds and its picture are out of
date. Anything else (other days, another style, points given as spots) goes to pyqtgraph's ``setData``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg


class PointsInPlace:
    """Puts new heights into ``scatter``'s points in place where that is all ``setData`` would change."""

    def __init__(self, scatter: pg.ScatterPlotItem) -> None:
        self.scatter = scatter
        self.style: dict[str, Any] | None = None  # the keywords of the last setData, but x and y
        self.in_place = 0  # updates made in place (for tests)
        self._set_data = scatter.setData
        scatter.setData = self.set_data

    def set_data(self, *args: Any, **kwargs: Any) -> None:
        if not args and self._moved_in_place(kwargs):
            return
        self._set_data(*args, **kwargs)
        self.style = _style_of(kwargs) if not args else None

    def _moved_in_place(self, kwargs: dict[str, Any]) -> bool:
        style = _style_of(kwargs)
        if self.style is None or style is None or not _same_style(style, self.style):
            return False
        x, y = kwargs.get("x"), kwargs.get("y")
        if not isinstance(x, np.ndarray) or not isinstance(y, np.ndarray) or x.shape != y.shape:
            return False
        scatter = self.scatter
        data = scatter.data
        if len(data) == 0 or len(data) != len(x) or not np.array_equal(data["x"], x):
            return False
        old = data["y"]
        changed = ~((old == y) | (np.isnan(old) & np.isnan(y)))
        if changed.any():
            data["y"][changed] = y[changed]
            # What ScatterPlotItem.addPoints does once its points are in place (pyqtgraph 0.13 to 0.14).
            scatter.prepareGeometryChange()
            scatter.informViewBoundsChanged()
            scatter.bounds = [None, None]
            scatter.invalidate()
            scatter.sigPlotChanged.emit(scatter)
            self.in_place += 1
        return True


def _style_of(kwargs: dict[str, Any]) -> dict[str, Any] | None:
    """The keywords but x and y, or None when a point is given its own style, data or place another way."""
    style = {key: value for key, value in kwargs.items() if key not in ("x", "y")}
    if any(style.get(key) is not None for key in ("spots", "pos", "data", "mask")):
        return None
    if any(isinstance(value, np.ndarray | list | tuple) for value in style.values()):
        return None  # a style per point
    return style


def _same_style(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.keys() != b.keys():
        return False
    for key, value in a.items():
        other = b[key]
        if value is other:
            continue
        if type(value) is not type(other):
            return False
        try:
            if not bool(value == other):
                return False
        except (TypeError, ValueError):
            return False
    return True
