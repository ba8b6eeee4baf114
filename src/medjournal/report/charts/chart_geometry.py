"""Where a lane draws its data, in the chart's scene pixels: what a label on the summary's chart must keep clear of
(chart_labels.py; docs/summary.md, *Labels on the chart*).

Every visible data item of a plot becomes rectangles (points, bars, marks) and segments (lines, the dotted dose
lines), taken from what the item draws (after clipping and thinning), widened by half its pen or symbol. For a
horizontal strip of the plot (a label's height), :meth:`Drawn.blocked` gives the x intervals where something is
drawn in that strip.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt

CLEARANCE = 1.5  # pixels kept free around what is drawn


class ToScene:
    """View (data) coordinates to scene pixels for one view box: a scale and an offset on each axis."""

    def __init__(self, box: pg.ViewBox) -> None:
        origin = box.mapViewToScene(QPointF(0.0, 0.0))
        unit = box.mapViewToScene(QPointF(1.0, 1.0))
        self.x0, self.y0 = origin.x(), origin.y()
        self.sx, self.sy = unit.x() - origin.x(), unit.y() - origin.y()

    def xs(self, values: Any) -> Any:
        """Scene x of view x (an array or one number)."""
        return self.x0 + self.sx * (np.asarray(values, dtype=float) if np.ndim(values) else float(values))

    def ys(self, values: Any) -> Any:
        return self.y0 + self.sy * (np.asarray(values, dtype=float) if np.ndim(values) else float(values))

    def view_x(self, scene_x: float) -> float:
        return float((scene_x - self.x0) / self.sx)

    def view_y(self, scene_y: float) -> float:
        return float((scene_y - self.y0) / self.sy)


class Drawn:
    """Rectangles (x0, y0, x1, y1) and segments (x0, y0, x1, y1, half width) in scene pixels."""

    def __init__(self) -> None:
        self.rects = np.zeros((0, 4))
        self.segments = np.zeros((0, 5))

    def add_rects(self, rects: np.ndarray) -> None:
        if len(rects):
            self.rects = np.vstack([self.rects, np.asarray(rects, dtype=float).reshape(-1, 4)])

    def add_rect(self, rect: QRectF) -> None:
        self.add_rects(np.array([[rect.left(), rect.top(), rect.right(), rect.bottom()]]))

    def add_polyline(self, xs: np.ndarray, ys: np.ndarray, half_width: float) -> None:
        """Consecutive finite points joined (pyqtgraph's ``connect="finite"``: a NaN breaks the line)."""
        if len(xs) == 1:
            xs, ys = np.repeat(xs, 2), np.repeat(ys, 2)  # one point: a segment of no length
        segments = np.column_stack([xs[:-1], ys[:-1], xs[1:], ys[1:], np.full(len(xs) - 1, half_width)])
        segments = segments[np.all(np.isfinite(segments[:, :4]), axis=1)]
        if len(segments):
            self.segments = np.vstack([self.segments, segments])

    def blocked(self, top: float, bottom: float) -> list[tuple[float, float]]:
        """The x intervals, merged and sorted, where something is drawn between ``top`` and ``bottom``."""
        intervals: list[np.ndarray] = []
        rects = self.rects
        hit = (rects[:, 1] <= bottom) & (rects[:, 3] >= top)
        intervals.append(rects[hit][:, [0, 2]])
        seg = self.segments
        if len(seg):
            x0, y0, x1, y1, half = (seg[:, i] for i in range(5))
            low, high = top - half, bottom + half
            dy = y1 - y0
            flat = np.abs(dy) < 1e-9
            with np.errstate(divide="ignore", invalid="ignore"):
                t_a = np.where(flat, 0.0, (low - y0) / dy)
                t_b = np.where(flat, 1.0, (high - y0) / dy)
            t_lo = np.maximum(0.0, np.minimum(t_a, t_b))
            t_hi = np.minimum(1.0, np.maximum(t_a, t_b))
            inside = np.where(flat, (y0 >= low) & (y0 <= high), t_lo <= t_hi)
            xa = x0 + t_lo * (x1 - x0)
            xb = x0 + t_hi * (x1 - x0)
            spans = np.column_stack([np.minimum(xa, xb) - half, np.maximum(xa, xb) + half])
            intervals.append(spans[inside])
        every = np.vstack(intervals) if intervals else np.zeros((0, 2))
        return merged((float(a), float(b)) for a, b in every)


def merged(intervals: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for low, high in sorted(intervals):
        if out and low <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], high))
        else:
            out.append((low, high))
    return out


def drawn_in(
    plot: pg.PlotItem, leave_out: Iterable[object] = (), only: Iterable[object] | None = None
) -> Drawn:
    """What ``plot`` draws, in scene pixels, leaving out the items in ``leave_out`` (a line a label may
    interrupt), or of the items in ``only``."""
    skipped = {id(item) for item in leave_out}
    chosen = None if only is None else {id(item) for item in only}
    box = plot.getViewBox()
    scene = ToScene(box)
    drawn = Drawn()
    for item in plot.items:
        if id(item) in skipped or (chosen is not None and id(item) not in chosen) or not item.isVisible():
            continue
        if isinstance(item, pg.PlotDataItem):
            _add_data_item(drawn, scene, item)
        elif isinstance(item, pg.ScatterPlotItem):
            _add_scatter(drawn, scene, item, float(item.opts["size"]))
        elif isinstance(item, pg.BarGraphItem):
            _add_bars(drawn, scene, item)
        elif isinstance(item, pg.InfiniteLine) and item.angle == 90:
            x = float(scene.xs(float(item.value())))
            area = box.sceneBoundingRect()
            drawn.add_polyline(
                np.array([x, x]), np.array([area.top(), area.bottom()]), _half(item.pen) + CLEARANCE
            )
    return drawn


def _half(pen: object) -> float:
    width = pen.widthF() if hasattr(pen, "widthF") else 1.0
    return max(float(width), 1.0) / 2


def _add_data_item(drawn: Drawn, scene: ToScene, item: pg.PlotDataItem) -> None:
    curve = item.curve
    if curve.isVisible() and item.opts.get("pen") is not None:
        xs, ys = curve.getData()
        if xs is not None and len(xs):
            drawn.add_polyline(scene.xs(xs), scene.ys(ys), _half(curve.opts["pen"]) + CLEARANCE)
    if item.scatter.isVisible() and item.opts.get("symbol") is not None:
        _add_scatter(drawn, scene, item.scatter, float(item.opts.get("symbolSize") or 5))


def _add_scatter(drawn: Drawn, scene: ToScene, scatter: pg.ScatterPlotItem, size: float) -> None:
    xs, ys = scatter.getData()
    if xs is None or not len(xs):
        return
    pen = scatter.opts.get("pen")
    stroke = _half(pen) if pen is not None and pen.style() != Qt.PenStyle.NoPen else 0.0
    half_x = half_y = size / 2 + stroke + CLEARANCE
    if scatter.opts.get("symbol") == "|":  # a tick: as wide as its pen
        half_x = stroke + CLEARANCE
    sx, sy = scene.xs(xs), scene.ys(ys)
    keep = np.isfinite(sx) & np.isfinite(sy)
    drawn.add_rects(np.column_stack([sx - half_x, sy - half_y, sx + half_x, sy + half_y])[keep])


def _add_bars(drawn: Drawn, scene: ToScene, bars: pg.BarGraphItem) -> None:
    opts = bars.opts
    width = np.broadcast_to(np.asarray(opts.get("width", 1.0), dtype=float), (_count(opts),))
    if opts.get("x0") is not None:
        left = np.broadcast_to(np.asarray(opts["x0"], dtype=float), width.shape)
    else:
        left = np.broadcast_to(np.asarray(opts.get("x", 0.0), dtype=float), width.shape) - width / 2
    y0 = np.broadcast_to(
        np.asarray(opts.get("y0") if opts.get("y0") is not None else 0.0, dtype=float), width.shape
    )
    height = np.broadcast_to(np.asarray(opts.get("height", 0.0), dtype=float), width.shape)
    xa, xb = scene.xs(left), scene.xs(left + width)
    ya, yb = scene.ys(y0), scene.ys(y0 + height)
    shown = height != 0  # a bar of no height draws nothing (no pen)
    xa, xb, ya, yb = xa[shown], xb[shown], ya[shown], yb[shown]
    drawn.add_rects(
        np.column_stack(
            [
                np.minimum(xa, xb) - CLEARANCE,
                np.minimum(ya, yb) - CLEARANCE,
                np.maximum(xa, xb) + CLEARANCE,
                np.maximum(ya, yb) + CLEARANCE,
            ]
        )
    )


def _count(opts: dict[str, Any]) -> int:
    for key in ("x0", "x", "height"):
        value = opts.get(key)
        if value is not None and np.ndim(value):
            return len(np.asarray(value))
    return 0
