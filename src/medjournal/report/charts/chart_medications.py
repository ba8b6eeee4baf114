"""The medication lane: one row per medication with its dose steps, as-needed doses and missed days."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from medjournal.i18n import _
from medjournal.report.charts.chart_items import DAY, Lane, day_start_x, declutter, label_width, x_of
from medjournal.report.charts.chart_style import ChartStyle, tinted
from medjournal.report.charts.symbol_atlas import uniform_symbols
from medjournal.report.trends.trend_data import DoseStep, MedicationSeries

# On screen a row is laid out in pixels from its bottom up: its dose labels, then its marks (docs/trends.md,
# *The medication rows*). The marks are at most this many pixels from their centre (the as-needed tick is 10 pixels
# high in a 1.5-pixel pen, the × 9 pixels), with this space between them and the labels and the row's edges.
MARK_HALF_PX = 6.0
ROW_GAP_PX = 1.0
RISE_PX = 4.0  # the least height between the lowest and the highest dose line
MARKS = (0.65, 0.5, 0.35)  # (as-needed tick, lowest dose, dose rise) as parts of a row until it is laid out


def label_height(label: pg.TextItem) -> float:
    return float(label.boundingRect().height())


def least_row_px(text_px: float) -> float:
    """The least height of a medication's row on screen: a line of text ``text_px`` high under its marks."""
    return math.ceil(ROW_GAP_PX + text_px + ROW_GAP_PX + 2 * MARK_HALF_PX + RISE_PX + ROW_GAP_PX)


class MedicationRow:
    """One medication in the medication lane: dose steps as a step line, as-needed ticks, missed-day marks."""

    def __init__(self, plot: pg.PlotItem, style: ChartStyle, on_paper: bool = False) -> None:
        self.plot = plot
        self.style = style
        # On paper a row is about a line of type high: its marks keep to the middle of it, so that a dose label
        # fits in the row beside them without touching the rows above and below (chart_labels.py).
        self.on_paper = on_paper
        self.mark_y, self.dose_low, self.dose_rise = (0.5, 0.3, 0.4) if on_paper else MARKS
        self.label_y = (
            0.06  # the labels' bottom edge, as a part of the row (on screen: set in pixels, lay_out)
        )
        self.steps = pg.PlotDataItem(pen=pg.mkPen(style.dose, width=2), connect="finite")
        self.ticks = uniform_symbols(
            pg.ScatterPlotItem(symbol="|", size=10, pen=pg.mkPen(style.as_needed, width=1.5))
        )
        self.missed = uniform_symbols(
            pg.ScatterPlotItem(symbol="x", size=9, pen=None, brush=pg.mkBrush(style.missed))
        )
        self.labels: list[pg.TextItem] = []
        self.bars: pg.BarGraphItem | None = None  # as-needed doses per week or month (chart_share.py)
        self.steps_shown: list[DoseStep] = []
        self.segments: list[tuple[float, float, float]] = []  # (first x, last x, y) of each scheduled step
        self.view_low = self.view_high = 0.0
        self.row = 0.0  # the band from row to row + 1 the medication is drawn in
        self.gaps: list[tuple[float, float]] = []  # x spans where a dose label interrupts the line (paper)
        self.clipped: tuple[list[float], list[float]] | None = None  # the dose line's points as last drawn
        self.series: MedicationSeries | None = None
        self.last_day: date | None = None
        for item in (self.steps, self.ticks, self.missed):
            plot.addItem(item)

    def set_series(self, series: MedicationSeries, row: float, last_day: date) -> None:
        """Lay the medication out in ``row`` (a band from ``row`` to ``row + 1``): the dose line in the upper
        half (higher = larger dose), the dose labels under it, missed days as × on the line."""
        self.series, self.last_day, self.row = series, last_day, row
        self._place_marks()
        while len(self.labels) < len(series.steps):
            label = pg.TextItem(color=self.style.foreground, anchor=(0, 1))  # bottom left at its point
            if not self.on_paper:  # its box is its line of text, so that the marks can sit just above it
                label.textItem.document().setDocumentMargin(0)
            self.plot.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        for i, label in enumerate(self.labels):
            label.setVisible(i < len(series.steps))
            if i < len(series.steps):
                step = series.steps[i]
                label.setText(step.label())
                label.setPos(day_start_x(step.start), row + self.label_y)
        self.steps_shown = list(series.steps)

    def _place_marks(self) -> None:
        """The dose line, the as-needed ticks and the missed-day marks at the row's heights for them."""
        series, last_day, row = self.series, self.last_day, self.row
        if series is None or last_day is None:
            return
        scale = self.dose_rise / series.max_dose
        self.segments = [
            (day_start_x(step.start), day_start_x(step.end or last_day) + DAY, self._y(step, row, scale))
            for step in series.steps
            if not step.as_needed  # no daily dose to draw: its doses are the ticks
        ]
        self.clip(self.view_low, self.view_high)
        moments = series.as_needed_moments
        self.ticks.setData(x_of(moments) - DAY / 2, np.full(len(moments), row + self.mark_y))
        missed = series.missed_days
        heights = [
            self._y(step, row, scale) if step else row + self.mark_y
            for step in (series.step_on(date.fromordinal(int(d))) for d in missed)
        ]
        self.missed.setData(x_of(missed), np.asarray(heights, dtype=float))

    def lay_out(self, row_px: float, least_px: float) -> bool:
        """On screen, lay the row out from its bottom up: the dose labels against the row's bottom, every mark
        (the dose line, its × and the as-needed ticks) above them, so that a label never covers a mark of its
        row ("400 mg as needed" was written across the ticks of its doses). The heights are parts of a row
        ``least_px`` high, the least the lane gives a row (:func:`least_row_px`): a higher row keeps them, and
        its label and marks only move further apart, so the chart is the same at every size of the window. A
        row lower than that (a lane squeezed) shows no label that would reach its marks (True: one had to go).
        Marks that move are drawn again; the same heights are left as they are."""
        text = max((label_height(label) for label in self.labels[: len(self.steps_shown)]), default=0.0)
        floor = (ROW_GAP_PX + text + ROW_GAP_PX + MARK_HALF_PX) / least_px  # the lowest a mark's centre goes
        top = 1.0 - (MARK_HALF_PX + ROW_GAP_PX) / least_px  # the highest
        marks = (floor, floor, max(0.0, top - floor))
        label_y = ROW_GAP_PX / least_px
        if marks != (self.mark_y, self.dose_low, self.dose_rise):
            self.mark_y, self.dose_low, self.dose_rise = marks
            self.clipped = None
            self._place_marks()
        self.label_y = label_y
        fits = label_y * row_px + text + ROW_GAP_PX <= floor * row_px - MARK_HALF_PX
        left_out = False
        for label in self.labels:
            label.setPos(label.pos().x(), self.row + label_y)
            if not fits and label.isVisible():
                label.setVisible(False)
                left_out = True
        return left_out

    def set_shares(self, periods: Sequence[tuple[date, date]], shares: np.ndarray, row: float) -> None:
        """Draw the as-needed doses as a bar per span, as high as the share of its days with one, instead of a
        tick per dose (a long period on paper, chart_share.py); the missed-day marks stay."""
        if self.bars is not None:
            self.plot.removeItem(self.bars)
        self.bars = pg.BarGraphItem(
            x0=[day_start_x(first) for first, _last in periods],
            width=[((last - first).days + 1) * DAY for first, last in periods],
            y0=row + 0.15,
            height=0.7 * np.asarray(shares, dtype=float),
            pen=None,
            brush=pg.mkBrush(self.style.as_needed),
        )
        self.bars.setZValue(-5)  # under the dose line, the marks and the labels; over the shaded windows
        self.plot.addItem(self.bars)
        self.ticks.setData([], [])

    def fit_labels(self, row_px: float) -> bool:
        """Hide the dose labels when the row is too low to hold one inside it (it would run into the row above
        and the names); True when a label had to go. The dose line is drawn all the same."""
        left_out = False
        for label in self.labels:
            if label.isVisible() and label.boundingRect().height() > 0.94 * row_px:
                label.setVisible(False)
                left_out = True
        return left_out

    def clip(self, low: float, high: float) -> None:
        """Draw the dose steps only between ``low`` and ``high`` (the visible x range, when known): on paper
        (``render_to_painter``) the view box does not clip its children, and a step that began before the
        period was painted across the medication names to the left of the plot. On paper the line is
        interrupted where a dose label is written in its place (``gaps``, chart_labels.py)."""
        self.view_low, self.view_high = low, high
        xs: list[float] = []
        ys: list[float] = []
        for first, last, y in self.segments:
            if high > low:
                first, last = max(first, low), min(last, high)
            for part_first, part_last in _without(first, last, self.gaps):
                xs += [part_first, part_last, np.nan]
                ys += [y, y, np.nan]
        if (xs, ys) != self.clipped:  # the same line at every change of the view that leaves it whole: kept
            self.clipped = (xs, ys)
            self.steps.setData(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))

    def declutter(self, px_per_day: float, view_low: float, view_high: float = 0.0) -> None:
        """Keep each dose label readable: a step that began left of the view is labelled at the view's edge,
        a label that would run past the right edge ends at it (a dose changed in the period's last days is the
        one the doctor reads: it was cut to "75.5 m"), and the label of a step wholly outside the view is
        hidden."""
        labels = []
        for step, label in zip(self.steps_shown, self.labels, strict=False):
            start = day_start_x(step.start)
            end = day_start_x(step.end) + DAY if step.end is not None else float("inf")
            x = view_low if start < view_low < end else start
            if view_high > view_low and px_per_day > 0:
                width = (label_width(label) + 2) / px_per_day * DAY
                x = max(min(x, view_high - width), view_low)
            label.setPos(x, label.pos().y())
            if view_high > view_low and (end <= view_low or start >= view_high):
                label.setVisible(False)
                continue
            labels.append((x, label))
        declutter(labels, px_per_day)

    def _y(self, step: DoseStep, row: float, scale: float) -> float:
        return row + self.mark_y if step.as_needed else row + self.dose_low + step.dose * scale

    def remove(self) -> None:
        for item in (self.steps, self.ticks, self.missed, *self.labels):
            self.plot.removeItem(item)
        if self.bars is not None:
            self.plot.removeItem(self.bars)


def _without(first: float, last: float, gaps: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of [first, last] outside every gap.

    >>> _without(0.0, 10.0, [(2.0, 3.0), (9.0, 12.0)])
    [(0.0, 2.0), (3.0, 9.0)]
    """
    parts = []
    for gap_first, gap_last in sorted(gaps):
        if gap_first > first and first < last:
            parts.append((first, min(gap_first, last)))
        first = max(first, gap_last)
    if first < last:
        parts.append((first, last))
    return parts


class MedicationLane(Lane):
    def __init__(
        self, layout: pg.GraphicsLayout, row: int, style: ChartStyle, show_dates: bool = False
    ) -> None:
        title = _("Medications: dose steps, {as_needed}, {missed}").format(
            as_needed=tinted(style.as_needed, "| " + _("as needed")),
            missed=tinted(style.missed, "× " + _("day without a dose logged as taken")),
        )
        super().__init__(layout, row, style, title, show_dates)
        self.rows: dict[int, MedicationRow] = {}
        self.labels_left_out = False  # a dose label had no room in its row (the summary's caption says so)
        self.on_paper = False  # the summary's chart (charts.summary_chart): rows about a line high
        # A row's marks are laid out in pixels: again when the lane alone changes height (the window's height
        # shared out again, a medication added), not only when the shared x axis moves.
        self.plot.getViewBox().sigResized.connect(self._resized)

    def set_series(self, medications: Sequence[MedicationSeries], last_day: date) -> None:
        for medication_id in [key for key in self.rows if key not in {m.id for m in medications}]:
            self.rows.pop(medication_id).remove()
        count = max(len(medications), 1)
        ticks = []
        for index, series in enumerate(medications):
            row = float(count - 1 - index)  # first medication on top
            if series.id not in self.rows:
                self.rows[series.id] = MedicationRow(self.plot, self.style, self.on_paper)
            self.rows[series.id].set_series(series, row, last_day)
            name = series.name if len(series.name) <= 16 else series.name[:15] + "…"
            ticks.append((row + 0.5, name))
        self.set_y(0, count, ticks)
        if not self.on_paper:  # every row as high as its label and its marks need (paper: chart_paper.py)
            self.plot.getViewBox().setMinimumHeight(count * self.least_row_px())

    def _row_px(self) -> float:
        return float(self.plot.getViewBox().height()) / max(len(self.rows), 1)

    def least_row_px(self) -> float:
        """The least height of a row on screen, for a line of the labels' font (the application's)."""
        return least_row_px(math.ceil(QFontMetricsF(QApplication.font()).lineSpacing()))

    def _resized(self, *_: object) -> None:
        if not self.on_paper:
            row_px, least = self._row_px(), self.least_row_px()
            self.labels_left_out = any([row.lay_out(row_px, least) for row in self.rows.values()])

    def set_density(self, px_per_day: float) -> None:
        was = self.dense
        super().set_density(px_per_day)
        row_px = self._row_px()
        self.labels_left_out = False
        for row in self.rows.values():
            row.clip(self.view_low, self.view_high)
            row.declutter(px_per_day, self.view_low, self.view_high)
            if self.on_paper:  # the summary's labels are placed where nothing is drawn (chart_labels.py)
                self.labels_left_out = row.fit_labels(row_px) or self.labels_left_out
            else:
                self.labels_left_out = row.lay_out(row_px, self.least_row_px()) or self.labels_left_out
            if was != self.dense or row.missed.opts["size"] != (5 if self.dense else 9):
                row.missed.setSize(5 if self.dense else 9)
