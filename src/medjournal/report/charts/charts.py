"""pyqtgraph figures that draw the same way on screen (Trends view) and on paper (the summary's chart).

``TrendFigure`` stacks lanes that share one x axis; ``summary_chart`` builds the paper version from a summary
report; ``render_to_painter`` draws any of them into a QPainter as vectors (PDF, SVG, printer).

pyqtgraph's SVGExporter is broken on Qt >= 6.11 (pyqtgraph issue #3495), so paper output goes through
``QGraphicsScene.render`` with the items' export mode on instead; and a widget that was never shown keeps a
stale 640×480 layout, so it is shown off screen (``WA_DontShowOnScreen``) before it is measured or drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.i18n import N_, _
from medjournal.report.charts import chart_paper as paper
from medjournal.report.charts.chart_activities import ActivityLane
from medjournal.report.charts.chart_items import (
    DAY,
    LEFT_AXIS_WIDTH,
    MAX_SYMPTOM_ROWS,
    Lane,
    MoodSleepLane,
    PainLane,
    QuestionnaireLane,
    SideEffectLane,
    day_start_x,
)
from medjournal.report.charts.chart_labels import place_labels
from medjournal.report.charts.chart_measures import MeasuresLane
from medjournal.report.charts.chart_medications import MedicationLane
from medjournal.report.charts.chart_style import LIGHT, ChartStyle
from medjournal.report.charts.chart_thinning import thinned_to
from medjournal.report.trends.trend_compare import same_values
from medjournal.report.trends.trend_data import DailySeries, DoseStep, MedicationSeries, TrendData

ALL_LANES = ("pain", "medications", "mood_sleep", "side_effects", "activities", "questionnaires", "measures")
PAPER_LANES = ("pain", "medications", "mood_sleep")
# Lanes whose new series change only their points and lines: no title, row of names or size (follow_font).
POINTS_ONLY = frozenset({"pain", "mood_sleep"})
# Lines of text a lane needs at least (title, ticks): its minimum height follows the font (follow_font).
LANE_TEXT_ROWS = {
    "pain": 6,
    "medications": 3,
    "mood_sleep": 5,
    "side_effects": 3,
    "activities": 4,
    "questionnaires": 5,
    "measures": 4,
}
STRETCH = {
    "pain": 30,
    "medications": 8,
    "mood_sleep": 20,
    "side_effects": 12,
    "activities": 10,
    "questionnaires": 14,
    "measures": 12,
}


class TrendFigure:
    """Lanes stacked in a GraphicsLayoutWidget with their x axes linked; only the bottom lane shows dates."""

    def __init__(
        self,
        widget: pg.GraphicsLayoutWidget,
        style: ChartStyle,
        lanes: Sequence[str] = ALL_LANES,
        *,
        in_steps: bool = False,
    ) -> None:
        """The figure with all its lanes; with ``in_steps``, none yet: each ``next(figure.lanes_to_build)``
        then builds one, so that a window can build the chart between its event loop's turns
        (docs/architecture.md, *Start-up*). The figure is usable once that iterator is exhausted."""
        self.widget = widget
        self.style = style
        widget.setBackground(style.background)
        layout = widget.ci
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(0)
        self.names = tuple(lanes)
        self.lanes: dict[str, Lane] = {}
        self.data: TrendData | None = None
        self.font: QFont | None = None  # set by follow_font on screen; paper keeps fixed sizes
        self.on_paper = False  # the summary's chart: labels placed clear of the data (chart_labels.py)
        # False while summary_chart builds the paper chart: nothing is fitted to the view until it is laid out.
        self.laid_out = True
        self.labels_placed = False
        self._base_minimum: tuple[int, int] | None = None
        self._shown: dict[str, tuple[object, ...]] = {}  # each lane's series as last given to it
        self._windows: object = ()  # the windows and dose changes as last shown (none yet)
        self._dose_changes: list[tuple[date, str]] | None = None
        self.lanes_to_build = self._build_lanes()
        if not in_steps:
            for _lane in self.lanes_to_build:
                pass

    def _build_lanes(self) -> Iterator[str]:
        """Build the lanes one at a time, yielding each one's name once it is made and linked."""
        layout = self.widget.ci
        makers = {
            "pain": PainLane,
            "medications": MedicationLane,
            "mood_sleep": MoodSleepLane,
            "side_effects": SideEffectLane,
            "questionnaires": QuestionnaireLane,
            "measures": MeasuresLane,
            "activities": ActivityLane,
        }
        for row, name in enumerate(self.names):
            lane = makers[name](layout, row, self.style, show_dates=row == len(self.names) - 1)
            self.lanes[name] = lane
            layout.layout.setRowStretchFactor(row, STRETCH[name])
            if row:
                lane.plot.setXLink(self.lanes[self.names[0]].plot)
            if row < len(self.names) - 1:
                yield name
        self.main_plot.sigXRangeChanged.connect(self._range_changed)
        self.main_plot.getViewBox().sigResized.connect(self._range_changed)
        yield self.names[-1]

    @property
    def main_plot(self) -> pg.PlotItem:
        return self.lanes[self.names[0]].plot

    def lane(self, name: str) -> Any:
        return self.lanes[name]

    def set_data(self, data: TrendData) -> None:
        """Show ``data``; a lane whose series hold the same values as before is left as it is, so that a saved
        check-in redraws the lanes it changed and not twenty years of every other lane (docs/trends.md)."""
        self.data = data
        changed = set()
        for name, lane in self.lanes.items():
            series = lane_series(lane, data)
            if not same_values(series, self._shown.get(name)):
                lane.set_series(*series)  # type: ignore[attr-defined]
                self._shown[name] = series
                changed.add(name)
            if isinstance(lane, MedicationLane):
                self.widget.ci.layout.setRowStretchFactor(
                    self.names.index(name), STRETCH[name] * max(1, len(data.medications))
                )
            elif isinstance(lane, SideEffectLane):
                self.widget.ci.layout.setRowStretchFactor(
                    self.names.index(name), STRETCH[name] * max(1, min(len(data.symptoms), 6)) // 3
                )
        span = data.data_span or (data.start, data.end)
        # Room for at least a year, so that the "1 year" preset shows a whole year even in a young journal.
        first = day_start_x(min(span[0], data.start, max(span[1], data.end) - timedelta(days=364))) - 14 * DAY
        last = day_start_x(max(span[1], data.end)) + 15 * DAY
        for lane in self.lanes.values():
            lane.plot.setLimits(xMin=first, xMax=last, minXRange=7 * DAY)
        if self.font is not None and not changed <= POINTS_ONLY:
            self.follow_font(self.font)  # the rows of names (and some titles) depend on the data
        self._range_changed()

    def refit(self) -> None:
        """Fit the labels again to the lanes' sizes (after the layout changed)."""
        self._range_changed()

    def _range_changed(self, *_: object) -> None:
        if self.on_paper and not self.laid_out:
            return  # fitted (and its labels placed) at the size it is laid out at: see summary_chart
        view = self.main_plot.getViewBox()
        low, high = view.viewRange()[0]
        px_per_day = max(view.width(), 1.0) / max((high - low) / DAY, 1.0)
        for lane in self.lanes.values():
            lane.view_low, lane.view_high = low, high
            lane.set_density(px_per_day)
        if self.on_paper:
            place_labels(self)
            self.labels_placed = True

    def set_windows(self, baseline: tuple[date, date] | None, current: tuple[date, date] | None) -> None:
        if (baseline, current) == self._windows:
            return  # as shown (a save refreshes the response beside the chart, mostly for the same windows)
        self._windows = (baseline, current)
        for lane in self.lanes.values():
            lane.set_windows(baseline, current)
        self._range_changed()  # places the window labels inside the view

    def set_dose_changes(self, changes: Sequence[tuple[date, str]]) -> None:
        if list(changes) == self._dose_changes:
            return  # as shown
        self._dose_changes = list(changes)
        pain = self.lanes.get("pain")
        if isinstance(pain, PainLane):
            pain.set_dose_changes(changes)
        self._range_changed()

    def set_range(self, start: date, end: date) -> None:
        self.main_plot.setXRange(day_start_x(start), day_start_x(end) + DAY, padding=0.0)

    def follow_font(self, font: QFont) -> None:
        """Size the lanes' text from ``font`` (the person's system font) and give each lane room for it.

        On screen a 16 pt system font made the tick labels large while the titles stayed at 10 pt, and the
        medication and symptom rows overlapped until pyqtgraph dropped some names. Each lane's minimum height
        now holds its rows at the font's line height, and the left axis is as wide as its longest name. Paper
        keeps its own fixed sizes (the summary does not call this).
        """
        self.font = QFont(font)
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        size = f"{font.pointSizeF():g}pt" if font.pointSizeF() > 0 else "10pt"
        names: list[str] = []
        for name, lane in self.lanes.items():
            lane.plot.setTitle(lane.title, color=self.style.foreground, size=size, justify="left")
            rows = LANE_TEXT_ROWS[name]
            if name == "medications" and self.data is not None:
                rows = 2 * max(1, len(self.data.medications)) + 1
                names += [series.name for series in self.data.medications]
            elif name == "side_effects" and self.data is not None:
                shown = list(self.data.symptoms)[:MAX_SYMPTOM_ROWS]
                rows = max(len(shown), 2) + 1
                names += [symptom if len(symptom) <= 16 else symptom[:15] + "…" for symptom in shown]
            lane.plot.setMinimumHeight(line * (rows + 2))
            for axis in ("left", "bottom"):
                lane.plot.getAxis(axis).setStyle(tickFont=font)
            # pyqtgraph makes the date axis as high as 0.8 of a label's box: at 16 pt the descenders ("Sept.")
            # were cut off at the chart's foot. A whole line of the font below the tick.
            dates = lane.plot.getAxis("bottom")
            dates.setHeight(line + dates.style["tickTextOffset"][1] + max(0, dates.style["tickLength"]))
        widest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        for lane in self.lanes.values():
            lane.plot.getAxis("left").setWidth(max(LEFT_AXIS_WIDTH, widest + metrics.averageCharWidth() * 2))
        # The widget scrolls (in its section's scroll area) rather than squeezing the lanes below that.
        if self._base_minimum is None:
            self._base_minimum = (self.widget.minimumWidth(), self.widget.minimumHeight())
        needed = self.widget.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize)
        self.widget.setMinimumSize(
            max(self._base_minimum[0], int(needed.width()) + 1),
            max(self._base_minimum[1], int(needed.height()) + 1),
        )

    def set_cursor(self, x: float | None) -> None:
        for lane in self.lanes.values():
            lane.cursor.setVisible(x is not None)
            if x is not None:
                lane.cursor.setPos(x)


def lane_series(lane: Lane, data: TrendData) -> tuple[object, ...]:
    """What ``lane.set_series`` is given from ``data``."""
    if isinstance(lane, PainLane):
        return (data.pain,)
    if isinstance(lane, MedicationLane):
        return (data.medications, data.end)
    if isinstance(lane, MoodSleepLane):
        return (data.mood, data.sleep)
    if isinstance(lane, SideEffectLane):
        return (data.symptoms, data.severity_grid, data.grid_start)
    if isinstance(lane, QuestionnaireLane):
        return (data.questionnaires,)
    if isinstance(lane, MeasuresLane):
        return (data.measures,)
    if isinstance(lane, ActivityLane):
        return (data.activities,)
    raise TypeError(f"no series for {type(lane).__name__}")


def show_offscreen(widget: QWidget, width: int | None = None, height: int | None = None) -> None:
    """Lay a widget out at its real size without putting it on screen (a never-shown one stays 640×480)."""
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    if width and height:
        widget.resize(width, height)
    widget.show()
    QApplication.processEvents()


def render_to_painter(widget: pg.GraphicsView, painter: QPainter, target_rect: QRectF) -> None:
    """Draw the chart's scene into ``painter`` inside ``target_rect`` as vector paths and text (no raster).

    Items are put in pyqtgraph's export mode first, so scatter symbols are drawn as paths rather than cached
    pixmaps. The widget keeps its own aspect ratio inside the target rectangle.
    """
    if not widget.isVisible():
        show_offscreen(widget)
    scene = widget.scene()
    source = QRectF(widget.rect())
    items = [item for item in scene.items() if hasattr(item, "setExportMode")]
    options = {"painter": painter, "antialias": True, "background": None, "resolutionScale": 1.0}
    for item in items:
        item.setExportMode(True, options)
    try:
        scene.render(painter, target_rect, source, Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        for item in items:
            item.setExportMode(False)


def summary_chart(report: Any, width_px: int = 900, height_px: int = 420) -> pg.GraphicsLayoutWidget:
    """The summary's chart, laid out at ``width_px`` × ``height_px`` and ready for :func:`render_to_painter`.

    Daily pain with its 7-day average; each medication's dose steps as a step line (days inside an adherence
    gap marked ×); for the medication under evaluation, dotted lines where its dose changed and its baseline
    and current windows shaded; and a mood and sleep lane. ``report`` is a SummaryReport or its ``to_json()``.
    """
    summary = report.to_json() if hasattr(report, "to_json") else dict(report)
    widget = pg.GraphicsLayoutWidget()
    figure = TrendFigure(widget, LIGHT, PAPER_LANES)
    figure.on_paper = True
    # Each step below (data, windows, dose lines, range) changes the view: fitting the lanes to it and placing
    # the labels each time, on a widget not yet laid out, took a second of a 20-year summary and was all redone
    # once laid out. It is done when the widget is laid out at its size (show_offscreen), and on each change
    # after that (docs/summary.md, *Labels on the chart*).
    figure.laid_out = False
    medications = figure.lanes["medications"]
    if isinstance(medications, MedicationLane):
        medications.on_paper = True
    paper.use_paper_font(widget)  # the axes first: the least height below is measured in their type
    # One as-needed tick or gap mark per pixel column where a column holds more than a day (chart_thinning);
    # on a long period the ticks become a bar per week or month from every dose (chart_paper).
    full = trend_data_from_summary(summary)
    treatments_left_out = (
        paper.has_treatments(full) and paper.least_height(figure, len(full.medications)) > height_px
    )
    if treatments_left_out:
        full = paper.without_treatments(full)
    data = thinned_to(full, width_px)
    figure.set_data(data)
    _say_when_empty(figure, data)
    evaluated = _evaluated(summary)
    first = data.start
    if evaluated is not None:
        baseline, current = _windows(evaluated.get("response") or {})
        figure.set_windows(baseline, current)
        figure.set_dose_changes(
            [(step.start, step.label()) for step in _steps(evaluated) if data.start < step.start <= data.end]
        )
        if baseline is not None and baseline[0] < first:
            first = baseline[
                0
            ]  # the axis widens to show the baseline window before the period (as Trends does)
    paper.use_paper_font(widget)  # and the labels set_data and the windows added
    figure.set_range(first, data.end)
    kind = paper.show_shares(figure, full, width_px)
    paper.medication_title(figure, kind)
    paper.compact_text(figure)
    paper.reserve_rows(figure, len(data.medications))
    widget.figure = figure  # keeps the lanes alive with the widget
    figure.laid_out = True
    show_offscreen(widget, width_px, height_px)
    if not figure.labels_placed:  # laid out without a resize (the size it had)
        figure.refit()
    paper.fit(widget, figure, kind, treatments_left_out)
    return widget


EMPTY_LANES = {
    "pain": (("pain",), N_("Pain: no pain ratings in this period")),
    "mood_sleep": (("mood", "sleep"), N_("Mood and sleep: no mood or sleep ratings in this period")),
}


def _say_when_empty(figure: TrendFigure, data: TrendData) -> None:
    """A lane with nothing to draw says so in words, so a blank lane never reads as a line of zeros."""
    for lane_name, (series_names, words) in EMPTY_LANES.items():
        lane = figure.lanes.get(lane_name)
        if lane is not None and all(len(getattr(data, name).days) == 0 for name in series_names):
            lane.plot.setTitle(_(words), color=LIGHT.foreground, size="10pt", justify="left")


def trend_data_from_summary(summary: Mapping[str, Any]) -> TrendData:
    """Chart series from a summary in the ``medjournal-summary/1`` format (docs/summary-format.md): the
    period, the ``daily`` rows (``pain``, ``pain_ratings``, ``pain_avg7``, ``mood``, ``mood_avg7``, ``sleep``,
    ``sleep_avg7``) and each medication's ``dose_steps`` and adherence ``gaps``."""
    period = summary.get("period") or {}
    rows = [row for row in summary.get("daily") or [] if isinstance(row, Mapping) and _day(row.get("date"))]
    end = _day(period.get("end")) or (_day(rows[-1]["date"]) if rows else None) or date.today()
    start = _day(period.get("start")) or (_day(rows[0]["date"]) if rows else None) or end - timedelta(days=89)
    series = {name: _series_from_rows(rows, name) for name in ("pain", "mood", "sleep")}
    medications = [
        MedicationSeries(
            id=index,
            name=str(med.get("name", "")),
            steps=_steps(med),
            as_needed_moments=as_array(_as_needed_moments(med)),
            missed_days=as_array(_gap_days(med, start, end)),
            taken_by_day={},
            scheduled_by_day={},
            skipped_by_day={},
        )
        for index, med in enumerate(summary.get("medications") or [])
        if _steps(med)
    ]
    # Other treatments' sessions on the same time line, in one row (their names and first days are in the text).
    sessions = sorted(
        day.toordinal() + 0.5
        for item in summary.get("treatments") or []
        if isinstance(item, Mapping)
        for day in map(_day, item.get("dates") or [])
        if day is not None
    )
    if sessions:
        medications.append(
            MedicationSeries(
                id=-1,
                name=_("Treatments"),
                steps=[],
                as_needed_moments=as_array(sessions),
                missed_days=as_array([]),
                taken_by_day={},
                scheduled_by_day={},
                skipped_by_day={},
            )
        )
    return TrendData(
        start=start,
        end=end,
        pain=series["pain"],
        mood=series["mood"],
        sleep=series["sleep"],
        medications=medications,
        symptoms=[],
        severity_grid=np.zeros((0, 0), dtype=np.uint8),
        grid_start=start.toordinal(),
        questionnaires=[],
        visits=[],
        data_span=(start, end),
    )


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _series_from_rows(rows: Iterable[Mapping[str, Any]], name: str) -> DailySeries:
    days, values, counts, average_days, averages = [], [], [], [], []
    for row in rows:
        ordinal = date.fromisoformat(str(row["date"])).toordinal()
        value = row.get(name)
        if value is not None:
            days.append(ordinal)
            values.append(float(value))
            counts.append(int(row.get(f"{name}_ratings") or 1))
        average = row.get(f"{name}_avg7")
        average_days.append(ordinal)
        averages.append(np.nan if average is None else float(average))
    return DailySeries(
        as_array(days), as_array(values), as_array(counts), as_array(average_days), as_array(averages)
    )


def as_array(items: Sequence[float]) -> np.ndarray:
    return np.asarray(items, dtype=float)


def _steps(med: Mapping[str, Any]) -> list[DoseStep]:
    steps = []
    for step in med.get("dose_steps") or []:
        start = _day(step.get("start"))
        if start is None or step.get("dose") is None:
            continue
        steps.append(
            DoseStep(
                start,
                _day(step.get("end")),
                float(step["dose"]),
                str(step.get("unit") or med.get("unit") or ""),
                bool(step.get("as_needed")),
                tuple(step.get("times") or ()),
            )
        )
    return steps


def _as_needed_moments(med: Mapping[str, Any]) -> list[float]:
    """Doses taken outside a slot ("YYYY-MM-DD HH:MM"), as the Trends view places them: day + time of day."""
    moments = []
    for text in med.get("as_needed_doses") or []:
        day, _, clock = str(text).partition(" ")
        parsed = _day(day)
        if parsed is None or ":" not in clock:
            continue
        hour, minute = clock.split(":", 1)
        moments.append(parsed.toordinal() + (int(hour) * 60 + int(minute)) / 1440)
    return moments


def _gap_days(med: Mapping[str, Any], start: date, end: date) -> list[float]:
    days: list[float] = []
    for gap in (med.get("adherence") or {}).get("gaps") or []:
        first, last = _day(gap.get("start")), _day(gap.get("end"))
        if first is not None and last is not None:
            days += [float(o) for o in range(max(first, start).toordinal(), min(last, end).toordinal() + 1)]
    return days


def _evaluated(summary: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The medication whose response the chart shades: the first one the summary evaluates
    (``under_evaluation``), else none. A medication that is not evaluated (as needed, or started more than a
    year before the period) gets no shaded windows, whatever its ``response`` holds."""
    medications = [m for m in summary.get("medications") or [] if isinstance(m, Mapping)]
    chosen = [m for m in medications if m.get("under_evaluation") is True]
    return chosen[0] if chosen else None


def _windows(response: Mapping[str, Any]) -> tuple[tuple[date, date] | None, tuple[date, date] | None]:
    return _span(response, "baseline"), _span(response, "current")


def _span(response: Mapping[str, Any], name: str) -> tuple[date, date] | None:
    start, end = _day(response.get(f"{name}_start")), _day(response.get(f"{name}_end"))
    return (start, end) if start and end else None
