"""The summary's chart puts each label where no data is drawn (docs/summary.md, *Labels on the chart*).

On page 1 the labels "30 mg", "60 mg", "current" and "400 mg as needed" used to be drawn over the pain dots, the
as-needed ticks and the dose line, and a doctor skimming the page could misread a dose. On paper, therefore:

- in the pain lane each dose change is labelled just right of its dotted line (left of it when the line is at the
  chart's right edge), "baseline" and "current" inside their shaded windows, at the highest place where nothing
  is drawn; when one finds none, the lane keeps a band a line high above its 0–10 scale, where nothing but the
  dotted dose lines is drawn, and they are placed again;
- a medication's dose label sits in its row, inside its own step, at the first place from the step's start where
  no as-needed tick, missed-day mark or other label is; the step's own line is interrupted under the label (the
  line resumes right after it, and the label says the dose the line stands for);
- a label that finds no free place is not drawn (the newest dose is placed first), and the caption under the
  chart says "dose labels where there is room"; the doses are all in the table above the chart.

What is drawn comes from the items themselves (chart_geometry.py), in the chart's scene pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF

from medjournal.report.charts.chart_geometry import Drawn, ToScene, drawn_in
from medjournal.report.charts.chart_items import DAY, PainLane, day_start_x
from medjournal.report.charts.chart_medications import MedicationLane, MedicationRow

GAP = 3.0  # pixels between a label and the line it names, or the line it interrupts
LABEL_SPACE = 12.0  # pixels between two labels side by side
PAIN_LOW, PAIN_HIGH = -0.3, 10.3  # the pain lane's 0–10 scale (chart_items.PainLane)


def size_of(label: pg.TextItem) -> tuple[float, float]:
    rect = label.textItem.boundingRect()
    return float(rect.width()), float(rect.height())


def box_of(label: pg.TextItem) -> QRectF:
    """The label's text box in scene pixels, from its origin and anchor (a TextItem is drawn at pixel size)."""
    if isinstance(label, pg.graphicsItems.InfiniteLine.InfLineLabel):
        label.updatePosition()
    width, height = size_of(label)
    origin = label.mapToScene(QPointF(0.0, 0.0))
    return QRectF(origin.x() - label.anchor[0] * width, origin.y() - label.anchor[1] * height, width, height)


def pin(label: pg.TextItem, left: float, top: float) -> None:
    """Move ``label`` so that its text box's top left corner is at scene pixel (``left``, ``top``)."""
    width, height = size_of(label)
    if isinstance(label, pg.graphicsItems.InfiniteLine.InfLineLabel):
        # Its origin is a point on its line: the anchor says where the text lies from there.
        label.orthoPos = 1.0
        label.updatePosition()
        origin = label.mapToScene(QPointF(0.0, 0.0))
        anchor = ((origin.x() - left) / width, (origin.y() - top) / height)
        label.anchors = [anchor, anchor]
        label.setAnchor(anchor)
        return
    target = QPointF(left + label.anchor[0] * width, top + label.anchor[1] * height)
    label.setPos(label.parentItem().mapFromScene(target))


def first_free(
    blocked: Sequence[tuple[float, float]],
    width: float,
    low: float,
    high: float,
    prefer: float,
    rightward: bool,
) -> float | None:
    """The left edge nearest ``prefer`` (searching right or left of it) of a span ``width`` wide that lies within
    [``low``, ``high``] and meets none of the ``blocked`` intervals (sorted, merged)."""
    if high - low < width:
        return None
    left = min(max(prefer, low), high - width)
    if rightward:
        for start, end in blocked:
            if end <= left:
                continue
            if start >= left + width:
                break
            left = end
        return left if left + width <= high else None
    for start, end in reversed(blocked):
        if start >= left + width:
            continue
        if end <= left:
            break
        left = start - width
    return left if left >= low else None


class Placer:
    """Labels placed one by one in one plot, each kept clear of the data and of the labels placed before it."""

    def __init__(self, plot: pg.PlotItem, drawn: Drawn) -> None:
        self.area = plot.getViewBox().sceneBoundingRect()
        self.drawn = drawn

    def strip(self, top: float, height: float) -> tuple[float, float]:
        top = max(self.area.top(), min(top, self.area.bottom() - height))
        return top, top + height

    def free(
        self, label: pg.TextItem, top: float, low: float, high: float, prefer: float, rightward: bool = True
    ) -> float | None:
        """The first free left edge from ``prefer`` for ``label`` in the strip from ``top``, its text within
        [``low``, ``high``] and the plot; None when there is none."""
        width, height = size_of(label)
        top, bottom = self.strip(top, height)
        low, high = max(low, self.area.left()), min(high, self.area.right())
        return first_free(self.drawn.blocked(top, bottom), width, low, high, prefer, rightward)

    def put(self, label: pg.TextItem, left: float, top: float) -> None:
        width, height = size_of(label)
        top = self.strip(top, height)[0]
        pin(label, left, top)
        label.setVisible(True)
        # Two labels side by side would read as one phrase ("baseline 30 mg"): a space of LABEL_SPACE between.
        self.drawn.add_rect(QRectF(left - LABEL_SPACE, top - 1, width + 2 * LABEL_SPACE, height + 2))

    def place_any(
        self, label: pg.TextItem, low: float, high: float, prefer: float, rightward: bool = True
    ) -> float | None:
        """Put ``label`` at the free place (:meth:`free`) nearest ``prefer`` in any strip of the plot, the
        highest of those as near; or hide it."""
        found = []
        for top in _strips(self.area, size_of(label)[1]):
            left = self.free(label, top, low, high, prefer, rightward)
            if left is not None:
                found.append((round(abs(left - prefer)), top, left))
        if not found:
            label.setVisible(False)
            return None
        _distance, top, left = min(found)
        self.put(label, left, top)
        return left

    def place(
        self, label: pg.TextItem, top: float, low: float, high: float, prefer: float, rightward: bool = True
    ) -> float | None:
        """Put ``label`` at :meth:`free`'s place, or hide it when there is none. Its left edge, or None."""
        left = self.free(label, top, low, high, prefer, rightward)
        if left is None:
            label.setVisible(False)
        else:
            self.put(label, left, top)
        return left


def place_labels(figure: Any) -> None:
    """Place every label of the paper chart (``figure``: a TrendFigure drawn for the summary); the medication
    lane's ``labels_left_out`` says whether a dose label had no room (the caption reads it)."""
    pain = figure.lanes.get("pain")
    left_out = isinstance(pain, PainLane) and place_pain_labels(pain)
    medications = figure.lanes.get("medications")
    if isinstance(medications, MedicationLane):
        medications.labels_left_out = place_dose_labels(medications) or left_out


def keep_band(lane: PainLane, height: float) -> None:
    """Give the pain lane a band ``height`` pixels high above its 0–10 scale: the range is widened upward so that
    0–10 keeps the rest of the plot."""
    box = lane.plot.getViewBox()
    pixels = float(box.height())
    if pixels <= 2 * height:
        high = PAIN_HIGH + (PAIN_HIGH - PAIN_LOW)  # a plot this low gives half to the band
    else:
        high = PAIN_LOW + (PAIN_HIGH - PAIN_LOW) * pixels / (pixels - height)
    if abs(box.viewRange()[1][1] - high) > 1e-9:
        lane.set_y(PAIN_LOW, high)


def band_height(labels: Sequence[pg.TextItem]) -> float:
    """A line of the labels' type, and room for half a pain dot at 10 (it is drawn 5 pixels wide)."""
    return max((size_of(label)[1] for label in labels), default=0.0) + 6


def place_pain_labels(lane: PainLane) -> bool:
    """The dose changes' labels, then "current" and "baseline", where no pain is drawn; in a band above the
    scale when one of them finds no such place. True when a dose label had no room."""
    marks = [line for i, line in enumerate(lane.dose_marks) if i < len(lane.changes)]
    texts = [line.label for line in marks] + list(lane.labels)
    for label in texts:
        label.setVisible(False)
    keep_band(lane, 0.0)
    wanted = any(lane.view_low <= day_start_x(day) < lane.view_high for day, _text in lane.changes)
    if not wanted and lane.spans == (None, None):
        return False  # nothing to label
    missing, left_out = _place_pain(lane, marks)
    if missing:
        for label in texts:
            label.setVisible(False)
        keep_band(lane, band_height(texts))
        missing, left_out = _place_pain(lane, marks)
        if not any(label.isVisible() for label in texts):
            keep_band(lane, 0.0)
    return left_out


def _strips(area: QRectF, height: float) -> list[float]:
    """The tops of the strips a label may take, from the plot's top down, two pixels apart."""
    return [float(top) for top in np.arange(area.top() + 1, area.bottom() - height, 2.0)]


def _place_pain(lane: PainLane, marks: Sequence[pg.InfiniteLine]) -> tuple[bool, bool]:
    """Each label at the highest place next to its line or inside its window where nothing is drawn. Whether a
    label that had the width it needs found no place, and whether that was a dose label."""
    placer = Placer(lane.plot, drawn_in(lane.plot))
    low, high = lane.view_low, lane.view_high
    scene = ToScene(lane.plot.getViewBox())
    missing = left_out = False
    for (day, _text), line in reversed(list(zip(lane.changes, marks, strict=False))):
        x = day_start_x(day)
        if not (low <= x < high):
            continue  # its line is off the chart
        line_x = float(scene.xs(x))
        width = size_of(line.label)[0]
        if line_x + GAP + width <= placer.area.right():
            left = placer.place_any(line.label, line_x + GAP, line_x + GAP + width, line_x + GAP)
        else:  # at the chart's right edge: the label ends at its line
            left = placer.place_any(line.label, line_x - GAP - width, line_x - GAP, line_x - GAP - width)
        left_out = left_out or left is None
    missing = left_out
    for index in (1, 0):  # "current", then "baseline"
        span = lane.spans[index]
        if span is None:
            continue
        first, last = max(day_start_x(span[0]), low), min(day_start_x(span[1]) + DAY, high)
        left, right = float(scene.xs(first)), float(scene.xs(last))
        label = lane.labels[index]
        if right - left < size_of(label)[0] + 2 * GAP:
            continue  # too narrow a window to name
        prefer = left + GAP if index == 0 else right - GAP
        placed = placer.place_any(label, left + GAP, right - GAP, prefer, rightward=index == 0)
        missing = missing or placed is None
    return missing, left_out


def place_dose_labels(lane: MedicationLane) -> bool:
    """Each medication's dose labels in its row, newest first; its own line is interrupted under a label that
    has to sit on it. True when a label had no room (``lane.labels_left_out``, which the caption reads)."""
    left_out = False
    rows = list(lane.rows.values())
    for row in rows:
        row.gaps = []
        row.clip(lane.view_low, lane.view_high)
        for label in row.labels:
            label.setVisible(False)
    placed: list[QRectF] = []
    for row in rows:
        drawn = drawn_in(lane.plot, leave_out=[row.steps])
        for rect in placed:
            drawn.add_rect(rect)
        own = drawn_in(lane.plot, only=[row.steps])
        spans, missing = _place_row(row, Placer(lane.plot, drawn), own, lane.view_low, lane.view_high)
        placed += spans
        scene = ToScene(lane.plot.getViewBox())
        row.gaps = [
            (scene.view_x(r.left() - GAP), scene.view_x(r.right() + GAP))
            for r in spans
            if _meets(own.blocked(r.top(), r.bottom()), r.left(), r.right())
        ]
        row.clip(lane.view_low, lane.view_high)
        left_out = left_out or missing
    return left_out


def _meets(blocked: Sequence[tuple[float, float]], left: float, right: float) -> bool:
    return any(start < right and left < end for start, end in blocked)


def _place_row(
    row: MedicationRow, placer: Placer, own: Drawn, low: float, high: float
) -> tuple[list[QRectF], bool]:
    """The boxes of the row's labels placed, and whether one had no room. ``own``: the row's dose line, which a
    label may interrupt where it has to (it is kept whole where a place as near is free of it)."""
    scene = ToScene(row.plot.getViewBox())
    row_top, row_bottom = float(scene.ys(row.row + 1.0)), float(scene.ys(row.row))
    shown: list[QRectF] = []
    missing = False
    steps = list(zip(row.steps_shown, row.labels, strict=False))
    for number, (step, label) in reversed(list(enumerate(steps))):
        start = day_start_x(step.start)
        end = day_start_x(step.end) + DAY if step.end is not None else high
        if high > low and (end <= low or start >= high):
            continue  # wholly outside the chart
        first, last = float(scene.xs(max(start, low))), float(scene.xs(min(end, high)))
        width, height = size_of(label)
        # Under the line against the row's bottom (as in Trends), in the middle, or against the top: the place
        # nearest the step's start, one that leaves the line whole first.
        tops = (row_bottom - 1 - height, (row_top + row_bottom - height) / 2, row_top + 1)
        spans = [(first + GAP, last - 1, first + GAP, True)]
        if number == len(steps) - 1:
            # The newest dose, begun in the chart's last days: its label may end at the chart's right edge.
            spans.append((placer.area.left(), last - 1, last - 1 - width, False))
        left = None
        for low_x, high_x, prefer, rightward in spans:
            found = []
            for order, top in enumerate(tops):
                x = placer.free(label, top, low_x, high_x, prefer, rightward)
                if x is not None:
                    strip = placer.strip(top, height)
                    cuts = _meets(own.blocked(*strip), x - GAP, x + width + GAP)
                    found.append((round(abs(x - prefer)), cuts, order, top, x))
            if found:
                *_rank, top, left = min(found)
                placer.put(label, left, top)
                break
        if left is None:
            label.setVisible(False)
            missing = True
        else:
            shown.append(box_of(label))
    return shown, missing
