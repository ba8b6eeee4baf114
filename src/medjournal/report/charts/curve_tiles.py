"""A long solid line drawn from pictures of its parts, so that a change at its end redraws only the end.

The 7-day averages of twenty years are lines of 7,305 points each, and drawing them was about half of each
paint of the Trends chart with "All" shown. A saved check-in changes the last days of each average, not the
twenty years before them.

``TiledCurve`` keeps the picture of a ``pg.PlotCurveItem`` as tiles, strips 128 pixels wide side by side over
the part of the line that can be seen. Each tile is drawn by the curve's own ``paint`` into an image of its own,
with the same transform moved by a whole number of pixels, and given only the segments that can reach it; the
tiles are put on the chart at whole pixels. pyqtgraph draws a solid line wider than a pixel, without
antialiasing, as separate segments (``drawLines``) in an opaque pen, so every pixel comes out as the direct
drawing gives it (``tests/ui/test_trends_curve_tiles.py`` compares them).

When the curve is given new data, the tiles from the first changed point rightwards are drawn again at the next
paint; when the chart moved, was zoomed or resized, the first paint draws the line directly and keeps no tile (a
pan costs what it did), and the tiles are made at the next paint with the same transform.

Anything else is drawn directly, as before: pyqtgraph's export mode (the summary's PDF stays vectors), a paint
device that is not a raster or is scaled (a screen at 125, 150 or 200 %: see ``_key``), an antialiased or
translucent pen, and a line drawn as one path, which is what pyqtgraph does with a dashed pen (the sleep average).
Qt's dasher does count the pattern along the parts outside a tile without drawing them (a tile of the dashed sleep
line cost under a millisecond, the whole line about 12), but the dashes Qt draws depend on the size of the image
they are drawn into: the same line drawn into a wider image, at the same place, came out different by thousands of
pixels. No tile of it can be the chart's picture.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPaintEngine, QPainter, QTransform

logger = logging.getLogger(__name__)

TILE_PX = 128  # device-independent pixels per tile
PAD_PX = 4  # room around the curve's bounding rectangle for the pen (pyqtgraph pads it for the pen already)


class TiledCurve:
    """Draws ``curve`` (a PlotCurveItem) from cached tiles where that gives the same pixels."""

    def __init__(self, curve: pg.PlotCurveItem) -> None:
        self.curve = curve
        self.tiles: dict[int, QImage] = {}  # tile's left edge in logical pixels -> its picture
        self.key: tuple[object, ...] | None = None  # what the tiles were drawn for
        self.last_key: tuple[object, ...] | None = None  # the last paint's, tiled or not
        self.stale_from: float | None = None  # logical x from which tiles are out of date (None: all valid)
        self.paints = 0  # tiles drawn (for tests)
        self._paint = curve.paint
        self._set_data = curve.setData
        curve.paint = self.paint
        curve.setData = self.set_data

    def forget(self) -> None:
        """Keep no tile: the next paint draws the line directly, as after the chart moved, and the one after it
        makes the tiles again (the benchmark's redraw samples begin so: benchmarks/bench_trends.py)."""
        self.tiles.clear()
        self.key = self.last_key = None
        self.stale_from = None

    # -- data --------------------------------------------------------------------------------------------------

    def set_data(self, *args: Any, **kwargs: Any) -> None:
        old_x, old_y = self.curve.xData, self.curve.yData
        self._set_data(*args, **kwargs)
        first = _first_change(old_x, old_y, self.curve.xData, self.curve.yData)
        if first is None:
            return
        if first <= 0 or self.key is None:
            self.tiles.clear()
            return
        # The segment into the first changed point changes too; the tiles right of it are drawn again.
        x = float(self.curve.xData[first - 1])
        world = self.key[0]
        assert isinstance(world, QTransform)
        left = world.map(QPointF(x, 0.0)).x() - PAD_PX
        self.stale_from = left if self.stale_from is None else min(self.stale_from, left)

    # -- paint ---------------------------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: Any, widget: Any = None) -> None:
        # An exception out of a paint called by Qt ends the program (as pyqtgraph's own paint knows): anything
        # unforeseen here draws the line directly, as before, and forgets the tiles.
        try:
            tiled = self._paint_tiles(painter, option, widget)
        except Exception:
            logger.debug("The line is drawn directly: its tiles failed", exc_info=True)
            self.tiles.clear()
            self.key = self.last_key = None
            tiled = False
        if not tiled:
            self._paint(painter, option, widget)

    def _paint_tiles(self, painter: QPainter, option: Any, widget: Any) -> bool:
        """Draw the line from its tiles, making those it lacks; False when it is to be drawn directly."""
        key = self._key(painter)
        if key is None:
            return False
        if key != self.key:
            self.tiles.clear()
            self.stale_from = None
            if key != self.last_key:  # moved, zoomed or resized: drawn directly, the tiles made next time
                self.last_key = key
                return False
            self.key = key
        self.last_key = key
        world, dpr, area = key[0], key[1], key[2]
        assert isinstance(world, QTransform) and isinstance(dpr, float) and isinstance(area, tuple)
        left, top, width, height = (int(value) for value in area)
        if self.stale_from is not None:
            for x0 in [x0 for x0 in self.tiles if x0 + TILE_PX > self.stale_from]:
                del self.tiles[x0]
            self.stale_from = None
        for x0 in range(left, left + width, TILE_PX):
            if x0 not in self.tiles:
                self.tiles[x0] = self._draw_tile(
                    world, dpr, x0, top, min(TILE_PX, left + width - x0), height, option, widget
                )
        painter.save()
        try:
            painter.setWorldTransform(QTransform())
            for x0 in range(left, left + width, TILE_PX):
                painter.drawImage(QPointF(x0, top), self.tiles[x0])
        finally:
            painter.restore()
        return True

    def _draw_tile(
        self,
        world: QTransform,
        dpr: float,
        x0: int,
        top: int,
        width: int,
        height: int,
        option: Any,
        widget: Any,
    ) -> QImage:
        image = QImage(round(width * dpr), round(height * dpr), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(0)
        tile_painter = QPainter(image)
        curve = self.curve
        segments = self._segments_within(world, x0, width)
        if (
            segments is not None
        ):  # a solid line: its segments are drawn one by one, those near the tile will do
            curve._getLineSegments = segments.drawargs
        try:
            tile_painter.setWorldTransform(world * QTransform.fromTranslate(-x0, -top))
            self._paint(tile_painter, option, widget)
        finally:
            tile_painter.end()
            if segments is not None:
                del curve._getLineSegments
        self.paints += 1
        return image

    def _segments_within(self, world: QTransform, x0: int, width: int) -> Any:
        """The segments of a line drawn as separate segments (pyqtgraph draws a solid line wider than a pixel
        so) that can reach the tile from ``x0`` to ``x0 + width``; None for a line drawn as one path (dashed)."""
        curve = self.curve
        pens = [pen for pen in (curve.opts["shadowPen"], curve.opts["pen"]) if pen is not None]
        if curve.opts["stepMode"] or curve.opts["connect"] != "finite" or not pens:
            return None
        if not all(curve._shouldUseDrawLineSegments(pen) for pen in pens):
            return None
        x, y = curve.xData, curve.yData
        if len(x) < 2 or not bool(np.all(x[1:] >= x[:-1])):
            return None
        reach = PAD_PX + max(pen.widthF() for pen in pens)
        low, high = sorted(
            ((x0 - reach - world.dx()) / world.m11(), (x0 + width + reach - world.dx()) / world.m11())
        )
        first = max(int(np.searchsorted(x, low, "left")) - 1, 0)
        last = int(np.searchsorted(x, high, "right")) + 1
        return arrayToLineSegments(
            x[first:last], y[first:last], connect="finite", finiteCheck=not curve.opts["skipFiniteCheck"]
        )

    def _key(self, painter: QPainter) -> tuple[object, ...] | None:
        """What the tiles depend on, or None when the curve must be drawn directly."""
        curve = self.curve
        if curve._exportOpts is not False or curve.opts["antialias"] or curve.xData is None:
            return None
        if curve.opts["fillLevel"] is not None or curve.opts["compositionMode"] is not None:
            return None
        engine = painter.paintEngine()
        if engine is None or engine.type() != QPaintEngine.Type.Raster:
            return None
        pens = [curve.opts["pen"], curve.opts["shadowPen"]]
        if any(pen is not None and pen.color().alpha() != 255 for pen in pens):
            return None
        world = painter.worldTransform()
        if not world.isAffine() or world.m12() != 0.0 or world.m21() != 0.0:  # scaled and moved only
            return None
        device = painter.device()
        dpr = float(device.devicePixelRatioF()) if device is not None else 1.0
        if dpr != 1.0:
            # Scaled screens are drawn directly. With tiles there, the tiled area was limited below by the
            # widget's width divided by the scale although a widget's width is already in logical pixels: the
            # averages stopped short of the chart's right part (at 200 % halfway, at 150 % two thirds across,
            # the current 14-day window included). Limited by the painter's logical window instead, 200 % came
            # out the direct drawing's pixels but 150 % still moved the line's steps by a device pixel at tiles
            # that begin on half pixels. Tiles on a scaled screen need a test that paints the widget itself at
            # that scale (a grab paints into a pixmap, whose width is in device pixels, and misses both).
            return None
        rect = world.mapRect(curve.boundingRect())
        edges = (rect.left(), rect.top(), rect.right(), rect.bottom())
        if not all(math.isfinite(edge) for edge in edges) or rect.isEmpty():  # a point alone, a gap: NaN
            return None
        if not all(curve._shouldUseDrawLineSegments(pen) for pen in pens if pen is not None):
            return None  # one path (a dashed pen): see the module's docstring
        if painter.hasClipping():  # only the part that can be seen (zoomed in, the line runs on for years)
            rect = rect.intersected(world.mapRect(painter.clipBoundingRect()))
        if device is not None:
            rect = rect.intersected(QRectF(0.0, 0.0, device.width() / dpr, device.height() / dpr))
        if rect.isEmpty():
            return None
        area = _aligned(rect)
        return (world, dpr, area, QRectF(curve.boundingRect()), *(_pen_key(pen) for pen in pens))


def _aligned(rect: QRectF) -> tuple[int, int, int, int]:
    left, top = math.floor(rect.left()) - PAD_PX, math.floor(rect.top()) - PAD_PX
    right, bottom = math.ceil(rect.right()) + PAD_PX, math.ceil(rect.bottom()) + PAD_PX
    return left, top, right - left, bottom - top


def _pen_key(pen: Any) -> tuple[object, ...] | None:
    if pen is None:
        return None
    return (
        pen.color().rgba(),
        pen.widthF(),
        int(pen.style().value),
        tuple(pen.dashPattern()),
        pen.dashOffset(),
        pen.isCosmetic(),
        int(pen.capStyle().value),
        int(pen.joinStyle().value),
    )


def _first_change(
    old_x: np.ndarray | None, old_y: np.ndarray | None, new_x: np.ndarray | None, new_y: np.ndarray | None
) -> int | None:
    """The index of the first point that differs, 0 when the points cannot be compared, None when none does."""
    if old_x is None or old_y is None or new_x is None or new_y is None:
        return 0
    if old_x.shape != new_x.shape or old_y.shape != new_y.shape:
        return 0
    differs = ~((old_x == new_x) & ((old_y == new_y) | (np.isnan(old_y) & np.isnan(new_y))))
    if not differs.any():
        return None
    return int(np.argmax(differs))
