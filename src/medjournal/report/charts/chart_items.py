"""The lanes of the trends figure: pyqtgraph plots that own their items and only ever ``setData`` on them.

The same lanes draw on screen (Trends view) and on paper (summary chart). The x axis counts seconds from
1970-01-01 as if every day were 86,400 s long (no time zone, no daylight-saving jumps), so the axis
(:class:`~medjournal.report.charts.day_axis.DayAxis`) shows each day as written in the journal. A day's point sits at
its noon; shaded windows cover whole days.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem

from medjournal.domain import instruments
from medjournal.i18n import _
from medjournal.report.charts.chart_style import QUESTIONNAIRE_LOOKS, ChartStyle, tinted
from medjournal.report.charts.curve_tiles import TiledCurve
from medjournal.report.charts.day_axis import DayAxis
from medjournal.report.charts.points_in_place import PointsInPlace
from medjournal.report.charts.symbol_atlas import uniform_symbols
from medjournal.report.charts.value_axis import ValueAxis
from medjournal.report.trends.trend_data import (
    SEVERITY_WORDS,
    DailySeries,
    QuestionnaireSeries,
)

DAY = 86400.0
EPOCH = date(1970, 1, 1).toordinal()
LEFT_AXIS_WIDTH = 112
MAX_SYMPTOM_ROWS = 10
DENSE_PX_PER_DAY = 2.5  # below this, daily points fade so that the averages stay readable


def label_width(item: pg.TextItem) -> float:
    """A label's width in pixels as it is drawn, in the font it is drawn with: a 16 pt system font makes "30 mg"
    wider than a fixed guess per character, and two dose labels touched ("30 mg60 mg")."""
    return float(item.textItem.boundingRect().width())


def declutter(labels: Sequence[tuple[float, pg.TextItem]], px_per_day: float) -> None:
    """Hide labels that would overlap the next one; of two that collide, the later one (the newer dose) stays.

    ``labels``: (chart x, the drawn label), in any order.
    """
    next_x = float("inf")
    for x, item in sorted(labels, key=lambda entry: entry[0], reverse=True):
        room = (next_x - x) / DAY * px_per_day
        fits = room >= label_width(item) + 6
        item.setVisible(fits)
        if fits:
            next_x = x


def x_of(ordinals: np.ndarray | float) -> np.ndarray | float:
    """Chart x of a day's noon (fractional ordinals place a time of day)."""
    return (
        (np.asarray(ordinals, dtype=float) - EPOCH) * DAY + DAY / 2
        if isinstance(ordinals, np.ndarray)
        else (float(ordinals) - EPOCH) * DAY + DAY / 2
    )


def day_start_x(day: date) -> float:
    return float(day.toordinal() - EPOCH) * DAY


def day_of_x(x: float) -> date:
    """The calendar day under chart coordinate ``x``."""
    return date.fromordinal(int(np.floor(x / DAY)) + EPOCH)


def window_dates(region: pg.LinearRegionItem) -> tuple[date, date]:
    """First and last day covered by a shaded window."""
    low, high = region.getRegion()
    return day_of_x(low + 1), day_of_x(high - 1)


def narrowable(label: pg.LabelItem) -> None:
    """A lane's title never makes the chart wider than the room it has.

    pyqtgraph gives a title label its text's width as the least it may have, so a long title (a German one, the
    person's own activity names, a 16 pt font) widened the whole chart and the Trends section scrolled sideways.
    Here the label asks for its text's width but takes less when there is no more room; what does not fit is cut
    at the lane's right edge, and the whole title is the label's tooltip. Every later ``setTitle`` on the plot
    keeps this, since the plot keeps its label.
    """
    measure = label.updateMin

    def update_min() -> None:
        measure()
        label.setMinimumWidth(0)
        label._sizeHint[Qt.SizeHint.MinimumSize] = (0, label.minimumHeight())
        label.setToolTip(label.text)
        label.updateGeometry()

    label.updateMin = update_min
    label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape, True)
    update_min()


class Lane:
    """One plot of the figure, with the x axis shared with the others."""

    def __init__(
        self, layout: pg.GraphicsLayout, row: int, style: ChartStyle, title: str, show_dates: bool
    ) -> None:
        self.style = style
        self.title = title
        # No context menu: made without one, the view box does not build pyqtgraph's menu (two axis panels of
        # widgets) for setMenuEnabled(False) to throw away, which was a seventh of the chart's build.
        self.plot: pg.PlotItem = layout.addPlot(
            row=row,
            col=0,
            axisItems={"bottom": DayAxis("bottom"), "left": ValueAxis("left")},
            enableMenu=False,
        )
        self.plot.setTitle(title, color=style.foreground, size="10pt", justify="left")
        narrowable(self.plot.titleLabel)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.getViewBox().setDefaultPadding(0.0)
        # No axis shows a unit label, so pyqtgraph's SI prefix (its label rewritten as HTML at each change of
        # the range, for all four axes of every lane) would only cost time: off, the ticks stay as they are.
        for name in ("left", "bottom", "right", "top"):
            self.plot.getAxis(name).enableAutoSIPrefix(False)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(style.muted))
            axis.setTextPen(pg.mkPen(style.foreground))
        self.plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
        self.plot.showAxis("bottom", show_dates)
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        self.windows = (
            pg.LinearRegionItem(movable=False, brush=pg.mkBrush(*style.baseline), pen=pg.mkPen(None)),
            pg.LinearRegionItem(movable=False, brush=pg.mkBrush(*style.current), pen=pg.mkPen(None)),
        )
        for region in self.windows:
            region.setZValue(-10)
            region.setVisible(False)
            self.plot.addItem(region, ignoreBounds=True)
        self.dense = False
        self.view_low = 0.0  # edges of the shared x range, set by the figure before set_density
        self.view_high = 0.0
        self.spans: tuple[tuple[date, date] | None, tuple[date, date] | None] = (None, None)
        self.daily_points: list[tuple[pg.PlotDataItem, str]] = []
        self.cursor = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(style.muted, width=1, style=Qt.PenStyle.DashLine)
        )
        self.cursor.setVisible(False)
        self.plot.addItem(self.cursor, ignoreBounds=True)

    def set_windows(self, baseline: tuple[date, date] | None, current: tuple[date, date] | None) -> None:
        self.spans = (baseline, current)
        self._clamp_windows()

    def _clamp_windows(self) -> None:
        """Shade only the visible part of each window: on paper (``render_to_painter``) the view box does
        not clip its children, and a baseline before the period was painted over the left axis."""
        low, high = self.view_low, self.view_high
        for region, span in zip(self.windows, self.spans, strict=True):
            if span is None:
                region.setVisible(False)
                continue
            first, last = day_start_x(span[0]), day_start_x(span[1]) + DAY
            if high > low:
                first, last = max(first, low), min(last, high)
            region.setVisible(first < last)
            region.setRegion((first, last) if first < last else (low, low))

    def set_density(self, px_per_day: float) -> None:
        """Adapt to the zoom: fainter daily points and fewer labels when days are only a few pixels wide."""
        self._clamp_windows()
        dense = px_per_day < DENSE_PX_PER_DAY
        # Several days to a pixel (years on one chart): each daily point series keeps the highest and the lowest
        # day of every run of that many days ("peak"), which draws the same spread with a fraction of the points
        # (20 years on paper drew 40,000 symbols, two seconds of a whole-history summary).
        step = max(1, int(1 / max(px_per_day, 1e-9)))
        for item, _color in self.daily_points:
            item.setDownsampling(ds=step, auto=False, method="peak")
        if dense != self.dense:
            self.dense = dense
            for item, color in self.daily_points:
                faded = pg.mkColor(color)
                faded.setAlpha(90 if dense else 255)
                item.setSymbolBrush(pg.mkBrush(faded))
                item.setSymbolSize(3 if dense else 5)

    def set_y(self, low: float, high: float, ticks: Sequence[tuple[float, str]] | None = None) -> None:
        # The limits first: set after the range, the old ones clamped it, and a lane given a new row (a symptom
        # or a medication logged while the chart was open) kept its old height and hid its top row.
        self.plot.setLimits(yMin=low, yMax=high)
        self.plot.setYRange(low, high, padding=0.0)
        if ticks is not None:
            self.plot.getAxis("left").setTicks([list(ticks)])


def _points(style_color: str, size: float = 5, symbol: str = "o") -> pg.PlotDataItem:
    item = uniform_symbols(
        pg.PlotDataItem(
            pen=None, symbol=symbol, symbolSize=size, symbolPen=None, symbolBrush=pg.mkBrush(style_color)
        )
    )
    item.setClipToView(True)
    item.scatter.in_place = PointsInPlace(
        item.scatter
    )  # a saved check-in moves its points (points_in_place.py)
    return item


def _line(color: str, width: float = 2.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> pg.PlotDataItem:
    item = pg.PlotDataItem(pen=pg.mkPen(color, width=width, style=style), connect="finite")
    item.setClipToView(True)
    item.setDownsampling(auto=True, method="peak")
    item.tiles = TiledCurve(item.curve)  # a change at the line's end redraws its end (curve_tiles.py)
    return item


class PainLane(Lane):
    def __init__(
        self, layout: pg.GraphicsLayout, row: int, style: ChartStyle, show_dates: bool = False
    ) -> None:
        title = _("Pain, 0–10 (higher = worse pain): daily mean and 7-day average")
        super().__init__(layout, row, style, title, show_dates)
        self.set_y(-0.3, 10.3, [(v, str(v)) for v in (0, 2, 4, 6, 8, 10)])
        self.points = _points(style.pain, 5)
        self.daily_points.append((self.points, style.pain))
        self.average = _line(style.pain_average, 2.2)
        self.plot.addItem(self.points)
        self.plot.addItem(self.average)
        self.labels = [  # at the bottom of the windows, clear of the dose labels at the top
            pg.TextItem(_("baseline"), color=style.muted, anchor=(0, 1)),
            pg.TextItem(_("current"), color=style.muted, anchor=(1, 1)),
        ]
        for label in self.labels:
            label.setVisible(False)
            self.plot.addItem(label, ignoreBounds=True)
        self.dose_marks: list[pg.InfiniteLine] = []
        self.changes: list[tuple[date, str]] = []

    def set_series(self, pain: DailySeries) -> None:
        self.points.setData(x_of(pain.days), pain.values)
        self.average.setData(x_of(pain.average_days), pain.average)

    def set_windows(self, baseline: tuple[date, date] | None, current: tuple[date, date] | None) -> None:
        super().set_windows(baseline, current)
        for label, span in zip(self.labels, self.spans, strict=True):
            label.setVisible(span is not None)

    def _place_window_labels(self, px_per_day: float) -> None:
        """Keep "baseline" and "current" inside the visible part of their window, or hide them: a label
        anchored at a window edge that lies outside the view would be cut ("seline")."""
        low, high = self.view_low, self.view_high
        for index, (label, span) in enumerate(zip(self.labels, self.spans, strict=True)):
            if span is None:
                label.setVisible(False)
                continue
            first, last = max(day_start_x(span[0]), low), min(day_start_x(span[1]) + DAY, high)
            room = (last - first) / DAY * px_per_day
            label.setVisible(high > low and room >= label_width(label) + 4)
            # baseline at its left edge, current right-aligned at its right edge (usually the chart's end)
            label.setPos(first if index == 0 else last, -0.3)

    def set_dose_changes(self, changes: Sequence[tuple[date, str]]) -> None:
        """Dotted lines where each dose step of the selected medication starts, labelled with its dose."""
        while len(self.dose_marks) < len(changes):
            line = pg.InfiniteLine(
                angle=90,
                pen=pg.mkPen(self.style.dose, width=1, style=Qt.PenStyle.DotLine),
                label="",
                labelOpts={"position": 0.97, "color": self.style.foreground, "anchors": [(0, 0), (0, 0)]},
            )
            self.plot.addItem(line, ignoreBounds=True)
            self.dose_marks.append(line)
        for i, line in enumerate(self.dose_marks):
            line.setVisible(i < len(changes))
            if i < len(changes):
                line.setPos(day_start_x(changes[i][0]))
                line.label.setFormat(changes[i][1])
        self.changes = list(changes)

    def set_density(self, px_per_day: float) -> None:
        super().set_density(px_per_day)
        shown = [
            (day_start_x(day), line.label)
            for (day, _text), line in zip(self.changes, self.dose_marks, strict=False)
        ]
        declutter(shown, px_per_day)
        for x, label in shown:
            if x < self.view_low or (self.view_high > self.view_low and x >= self.view_high):
                label.setVisible(False)  # its line is off the chart: the label would be cut ("0 mg")
        self._place_window_labels(px_per_day)


class MoodSleepLane(Lane):
    def __init__(
        self, layout: pg.GraphicsLayout, row: int, style: ChartStyle, show_dates: bool = False
    ) -> None:
        title = _("{Mood} and {sleep}, 0–10 (higher = better): daily, 7-day average").format(
            Mood=tinted(style.mood, _("Mood")), sleep=tinted(style.sleep, _("sleep"))
        )
        super().__init__(layout, row, style, title, show_dates)
        self.set_y(-0.3, 10.3, [(v, str(v)) for v in (0, 5, 10)])
        self.mood_points = _points(style.mood, 4)
        self.sleep_points = _points(style.sleep, 4, "s")
        self.daily_points += [(self.mood_points, style.mood), (self.sleep_points, style.sleep)]
        self.mood_average = _line(style.mood, 2.0)
        self.sleep_average = _line(style.sleep, 2.0, Qt.PenStyle.DashLine)
        for item in (self.mood_points, self.sleep_points, self.mood_average, self.sleep_average):
            self.plot.addItem(item)

    def set_series(self, mood: DailySeries, sleep: DailySeries) -> None:
        self.mood_points.setData(x_of(mood.days), mood.values)
        self.sleep_points.setData(x_of(sleep.days), sleep.values)
        self.mood_average.setData(x_of(mood.average_days), mood.average)
        self.sleep_average.setData(x_of(sleep.average_days), sleep.average)


SEVERITY_STEPS = 3  # each symptom's band is drawn as a bar of 1, 2 or 3 steps: mild, moderate, severe


def severity_bars(grid: np.ndarray) -> np.ndarray:
    """The (days, symptoms) severity grid as an image of bars, so severity reads by height as well as colour.

    Each symptom gets ``SEVERITY_STEPS`` rows, bottom to top; a day's bar fills one step for mild, two for
    moderate, three for severe ("none" logged fills the band faintly). The first symptom is drawn at the top.

    >>> severity_bars(np.array([[2, 4]], dtype=np.uint8)).tolist()  # mild first symptom, severe second
    [[4, 4, 4, 2, 0, 0]]
    """
    days, symptoms = grid.shape
    flipped = grid[:, ::-1]
    steps = np.arange(SEVERITY_STEPS, dtype=np.int16)
    level = np.repeat(flipped, SEVERITY_STEPS, axis=1).astype(np.int16)
    step = np.tile(steps, symptoms)[None, :]
    filled = (level == 1) | ((level >= 2) & (step <= level - 2))
    return np.where(filled, level, 0).astype(np.uint8).reshape(days, symptoms * SEVERITY_STEPS)


class SideEffectLane(Lane):
    """Symptom × day: a bar whose height and colour say the worst severity logged that day."""

    def __init__(
        self, layout: pg.GraphicsLayout, row: int, style: ChartStyle, show_dates: bool = False
    ) -> None:
        # The marks are coloured; the words stay in the text colour so they keep 4.5:1 contrast.
        marks = ("▁", "▄", "█")
        words = ", ".join(
            f"<span style='color:{color}'>{mark}</span> {_(word)}"
            for color, mark, word in zip(style.severity, marks, SEVERITY_WORDS[1:], strict=True)
        )
        super().__init__(
            layout, row, style, _("Side effects by day: {words}").format(words=words), show_dates
        )
        self.image = pg.ImageItem(axisOrder="col-major")
        none_logged = (*pg.mkColor(style.muted).getRgb()[:3], 70)
        lut = [(0, 0, 0, 0), none_logged, *(pg.mkColor(c).getRgb() for c in style.severity)]
        self.image.setLookupTable(np.asarray(lut, dtype=np.ubyte))
        self.image.setLevels((0, 4))
        self.plot.addItem(self.image)

    def set_series(self, symptoms: Sequence[str], grid: np.ndarray, grid_start: int) -> None:
        """Show the most often reported symptoms (the hover text still lists every one logged that day)."""
        symptoms = list(symptoms)[:MAX_SYMPTOM_ROWS]
        grid = grid[:, : len(symptoms)]
        count = max(len(symptoms), 1)
        if len(symptoms):
            self.image.setImage(severity_bars(grid), autoLevels=False, levels=(0, 4))
            self.image.setRect(
                QRectF(
                    day_start_x(date.fromordinal(grid_start)), 0.0, grid.shape[0] * DAY, float(len(symptoms))
                )
            )
            self.image.setVisible(True)
        else:
            self.image.setVisible(False)
        ticks = [
            (count - 1 - i + 0.5, name if len(name) <= 16 else name[:15] + "…")
            for i, name in enumerate(symptoms)
        ]
        self.set_y(0, count, ticks)


class QuestionnaireLane(Lane):
    NAMES: ClassVar[dict[str, str]] = {
        key: instruments.short_name(instruments.instrument(key)) for key in instruments.CHART_ORDER
    }

    def __init__(
        self, layout: pg.GraphicsLayout, row: int, style: ChartStyle, show_dates: bool = False
    ) -> None:
        names = " ".join(
            tinted(style.questionnaires[key], f"{QUESTIONNAIRE_LOOKS[key].mark} {name}")
            for key, name in self.NAMES.items()
        )
        title = _("Questionnaires, % of each scale (higher = worse): {names}").format(names=names)
        super().__init__(layout, row, style, title, show_dates)
        self.set_y(-5, 105, [(0, "0%"), (50, "50%"), (100, "100%")])
        self.items: dict[str, pg.PlotDataItem] = {}
        self.px_per_day = 10.0

    def set_series(self, series: Sequence[QuestionnaireSeries]) -> None:
        present = {s.instrument for s in series}
        for key in [k for k in self.items if k not in present]:
            self.plot.removeItem(self.items.pop(key))
        for one in series:
            item = self.items.get(one.instrument)
            if item is None:
                color = self.style.questionnaires.get(one.instrument, self.style.foreground)
                item = uniform_symbols(
                    pg.PlotDataItem(
                        pen=pg.mkPen(color, width=1),
                        symbol=_symbol(one.instrument),
                        symbolSize=7,
                        symbolPen=None,
                        symbolBrush=pg.mkBrush(color),
                    )
                )
                item.setClipToView(True)
                self.plot.addItem(item)
                self.items[one.instrument] = item
            item.setData(x_of(one.days), one.percent)
        self.dense = not self.dense  # restyle the new items too
        self.set_density(self.px_per_day)

    def set_density(self, px_per_day: float) -> None:
        self.px_per_day = px_per_day
        was = self.dense
        super().set_density(px_per_day)
        if was == self.dense:
            return
        for key, item in self.items.items():  # many years: points only, smaller, no joining lines
            color = self.style.questionnaires.get(key, self.style.foreground)
            item.setPen(None if self.dense else pg.mkPen(color, width=1))
            item.setSymbolSize(4 if self.dense else 7)


def _symbol(instrument: str) -> str:
    look = QUESTIONNAIRE_LOOKS.get(instrument)
    return look.symbol if look is not None else "o"
