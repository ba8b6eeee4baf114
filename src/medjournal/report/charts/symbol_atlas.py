"""Scatter points whose symbols all look alike, looked up once instead of once per point.

pyqtgraph draws a scatter's symbols from a pixmap atlas. Each time an item is given data (a saved check-in, a pan
or a zoom of the Trends chart), ``ScatterPlotItem.updateSpots`` asks its ``SymbolAtlas`` where every point's
symbol is, with one (symbol, size, pen, brush) tuple per point, and the atlas builds a key for each of them in
Python: about 7 ms for each of the pain, mood and sleep series of a 20-year journal shown whole, a fifth of the
refresh after a saved check-in (docs/trends.md, *Speed with ten years*).

The chart's daily points all share one style. :class:`UniformSymbolAtlas` answers such a request with one
lookup: when every tuple equals the first (a comparison made in C), the one place found for the first is the
place of every point. Any other request goes to pyqtgraph's own lookup, so what is drawn is the same pixmap,
pixel for pixel; only the time to find it changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

import pyqtgraph as pg

Item = TypeVar("Item", pg.PlotDataItem, pg.ScatterPlotItem)

try:
    from pyqtgraph.graphicsItems.ScatterPlotItem import SymbolAtlas
except ImportError:  # a pyqtgraph without it: the scatters keep their own atlas
    SymbolAtlas = None


if SymbolAtlas is not None:

    class UniformSymbolAtlas(SymbolAtlas):  # type: ignore[misc]
        """pyqtgraph's atlas, with one lookup for a request whose points all share one style."""

        def __getitem__(self, styles: Sequence[tuple[Any, ...]]) -> list[Any]:
            if isinstance(styles, list) and len(styles) > 1 and styles.count(styles[0]) == len(styles):
                return super().__getitem__(styles[:1]) * len(styles)  # type: ignore[no-any-return]
            return super().__getitem__(styles)  # type: ignore[no-any-return]


def uniform_symbols(item: Item) -> Item:
    """Give ``item`` (a ScatterPlotItem, or a PlotDataItem's scatter) the one-lookup atlas before it holds any
    point; ``item`` is returned.

    Nothing changes when pyqtgraph's scatter is not as expected (another version): the item keeps its atlas.
    """
    scatter: Any = item if isinstance(item, pg.ScatterPlotItem) else getattr(item, "scatter", None)
    atlas: Any = getattr(scatter, "fragmentAtlas", None)
    if SymbolAtlas is None or type(atlas) is not SymbolAtlas or len(atlas) or not hasattr(atlas, "_keys"):
        return item
    uniform = UniformSymbolAtlas()
    uniform.setDevicePixelRatio(atlas.devicePixelRatio())
    scatter.fragmentAtlas = uniform
    return item
