"""The one-lookup symbol atlas of the chart's points (report/charts/symbol_atlas.py): it finds the same places as
pyqtgraph's own atlas, draws the same pixels, and is left out when pyqtgraph's scatter is not as expected."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
import pytest
from pyqtgraph.graphicsItems.ScatterPlotItem import SymbolAtlas
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QImage

from medjournal.report.charts.charts import show_offscreen
from medjournal.report.charts.symbol_atlas import UniformSymbolAtlas, uniform_symbols

pytestmark = pytest.mark.gui


def test_the_places_found_are_pyqtgraphs(qtbot: Any) -> None:
    pen, brush, other = pg.mkPen("#d55e00"), pg.mkBrush("#d55e00"), pg.mkBrush("#0072b2")
    uniform = [("o", 5.0, pen, brush)] * 500
    mixed = [("o", 5.0, pen, brush), ("s", 4.0, pen, other), ("o", 5.0, pen, brush)]
    for styles in (uniform, mixed, uniform[:1], []):
        assert UniformSymbolAtlas()[list(styles)] == SymbolAtlas()[list(styles)]


def test_a_uniform_request_is_looked_up_once(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []
    real_keys = SymbolAtlas._keys

    def keys(atlas: SymbolAtlas, styles: Any) -> Any:
        sizes.append(len(styles))
        return real_keys(atlas, styles)

    monkeypatch.setattr(SymbolAtlas, "_keys", keys)
    pen, brush = pg.mkPen(None), pg.mkBrush("#009e73")
    UniformSymbolAtlas()[[("s", 4.0, pen, brush)] * 300]
    assert sizes == [1]


def image_of(item: Any, x: np.ndarray, y: np.ndarray) -> QImage:
    widget = pg.PlotWidget()
    widget.addItem(item)
    item.setData(x, y)
    show_offscreen(widget, 400, 300)
    image = widget.grab().toImage()
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return image


def test_the_points_are_drawn_pixel_for_pixel_the_same(qtbot: Any) -> None:
    rng = np.random.default_rng(3)
    x, y = np.arange(2000, dtype=float), rng.uniform(0, 10, 2000)

    def points() -> pg.PlotDataItem:
        return pg.PlotDataItem(
            pen=None, symbol="o", symbolSize=5, symbolPen=None, symbolBrush=pg.mkBrush("#d55e00")
        )

    faster = uniform_symbols(points())
    assert isinstance(faster.scatter.fragmentAtlas, UniformSymbolAtlas)
    assert image_of(faster, x, y) == image_of(points(), x, y)
    assert image_of(uniform_symbols(points()), x, y) != image_of(points(), x, y[::-1])  # the images do differ
    ticks = uniform_symbols(pg.ScatterPlotItem(symbol="|", size=10, pen=pg.mkPen("#cc79a7", width=1.5)))
    assert isinstance(ticks.fragmentAtlas, UniformSymbolAtlas)
    plain = pg.ScatterPlotItem(symbol="|", size=10, pen=pg.mkPen("#cc79a7", width=1.5))
    assert image_of(ticks, x, y) == image_of(plain, x, y)


def test_an_unexpected_scatter_keeps_its_own_atlas(qtbot: Any) -> None:
    item = pg.PlotDataItem(pen=None, symbol="o")
    item.setData([1.0, 2.0], [3.0, 4.0])  # its atlas already holds a symbol: it is left as it is
    atlas = item.scatter.fragmentAtlas
    assert uniform_symbols(item).scatter.fragmentAtlas is atlas

    class Elsewhere:
        scatter = None

    odd = Elsewhere()
    assert uniform_symbols(odd) is odd
