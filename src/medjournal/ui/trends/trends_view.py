"""Trends: pain, doses, mood and sleep, side effects and questionnaires on one shared time axis.

The figure's plot items are created once; ``refresh()`` reads the journal into numpy arrays and calls
``setData`` on them, and the range presets only move the view. Selecting a medication shades its baseline and
current windows and shows its response in words beside the chart.

A window that starts on Trends shows the section's frame first, with "Drawing the chart…" where the chart goes,
and builds the chart in steps while its event loop turns: the chart's modules (numpy, pyqtgraph, the charts and the
summary's comparison) are imported in a thread, then the lanes are made one per turn (docs/architecture.md,
*Start-up*). So this module imports none of them at its top: each is imported where it is used.
"""

from __future__ import annotations

import gc
import importlib
import math
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGraphicsLayoutItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain.analysis import Response, evaluated_start
from medjournal.domain.errors import MedjournalError
from medjournal.i18n import N_, _
from medjournal.report.charts.chart_style import ChartStyle, style_for_palette
from medjournal.storage import Journal
from medjournal.ui.stacking_columns import StackingColumns

if TYPE_CHECKING:
    from medjournal.report.trends.trend_data import TrendData

# What the chart needs beyond the frame, in the order a thread imports them at a start on Trends (numpy and
# pyqtgraph first, under the charts): none makes a QObject or touches the QApplication at import (docs/trends.md).
CHART_MODULES = (
    "numpy",
    "pyqtgraph",
    "medjournal.report.charts.charts",
    "medjournal.report.trends.trend_merge",
    "medjournal.report.trends.trend_text",
    "medjournal.report.summary.summary",
    "medjournal.report.summary.comparison",
    "medjournal.report.summary.activities",
)
DRAWING = N_("Drawing the chart…")

PRESETS = (
    ("4w", N_("4 weeks")),
    ("3m", N_("3 months")),
    ("1y", N_("1 year")),
    ("all", N_("All")),
    ("visit", N_("Since last visit")),
)
SPARSE_DAYS = 7
CHART_MIN_WIDTH, CHART_MIN_HEIGHT = 740, 560  # logical pixels, so the same at every scale factor
CHUNK_DAYS = 183  # read at most about half a year per step when many years are shown
HOVER_IDLE = N_(
    "Point at a day to see its values (or Tab to the chart and use ← →). Drag to pan, scroll to zoom."
)
CHART_NAME = N_("Trends chart: left and right arrows step through the days")
DAY_KEYS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_PageUp: -7, Qt.Key.Key_PageDown: 7}
WIDENED_PRESETS = ("3m", "1y")  # these widen to show the selected medication's baseline...
BASELINE_REACH_DAYS = 366  # ...when it starts at most this many days before the preset's first day


def medication_to_preselect(journal: Journal, data: TrendData) -> int | None:
    """The medication Trends opens on: the one the summary evaluates (its reference for "new since the
    start"), else the most recently started scheduled medication, else None (only as-needed ones)."""
    from medjournal.report.summary.summary import build_summary

    shown = {series.id for series in data.medications}
    try:
        report = build_summary(journal)
    except MedjournalError:
        report = None
    if report is not None:
        evaluated = [m for m in report.medications if m.under_evaluation and m.medication.id in shown]
        reference = next(
            (m for m in evaluated if m.medication.name == report.side_effects_relative_to),
            evaluated[0] if evaluated else None,
        )
        if reference is not None:
            return reference.medication.id
    today = journal.today()
    started: list[tuple[date, int]] = []
    for medication_id in shown:
        scheduled = [step for step in data.regimens.get(medication_id, []) if not step.as_needed]
        if scheduled:
            start = evaluated_start(scheduled, today) or max(step.start_date for step in scheduled)
            started.append((start, medication_id))
    return max(started)[1] if started else None


class TrendsView(QWidget):
    """The Trends section of the window. With ``in_steps`` (a window starting on Trends) it is made as a frame
    with "Drawing the chart…" where the chart goes, and the chart is built after the window shows, a step per
    event-loop turn; ``chart_built`` is emitted once the chart is built and filled."""

    journal_changed = Signal(object)  # never emitted: Trends only reads (the section protocol has it)
    chart_built = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None, *, in_steps: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("TrendsView")
        self.journal = journal
        self.data: TrendData | None = None
        self.response: Response | None = None
        self.preset = "3m"
        self._shown_once = False
        self.loading = False  # True while older days are still being read in the background
        self._generation = 0
        self._pending_start: date | None = None
        self._stale = False
        self._changed: tuple[date, date] | None = None  # days changed while hidden, read again when shown
        self._preselect = True  # until a medication is chosen (also "None"), the one the summary evaluates
        self.building = True  # until the chart is built and filled (a start on Trends builds it in steps)
        self.chart_made = False  # once its lanes and page are made, before the journal is read into them

        bar = self._top_bar()

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)

        self.stack = self._chart_place()

        self.hover_label = QLabel(_(HOVER_IDLE))
        self.hover_label.setObjectName("TrendsHover")
        self.hover_label.setWordWrap(True)

        self._layout = QVBoxLayout(self)
        self._layout.addLayout(bar)
        self._layout.addWidget(self.hint)
        self._layout.addWidget(self.stack, 1)
        self._layout.addWidget(self.hover_label)
        self._steps = self._build_steps()
        self.importer = threading.Thread(target=_import_chart_modules, name="trends-imports")
        self._waiter = QTimer(self)
        self._waiter.setInterval(5)
        self._waiter.timeout.connect(self._imports_done)
        self._build_stopped = False
        self._collector_paused = False
        self._written_while_building = False  # a write reached the view while its chart was being built
        if in_steps:  # begun at the event loop's first turn after the view is first shown (showEvent)
            self.medication_combo.setEnabled(False)  # filled once the chart has read the journal
        else:
            for _step in self._steps:
                pass

    def _chart_place(self) -> QStackedWidget:
        """Where the chart goes: "Drawing the chart…" until it is built; the words of an empty journal."""
        self.empty_label = QLabel()
        self.empty_label.setObjectName("TrendsEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(40)
        self.drawing_label = QLabel(_(DRAWING))
        self.drawing_label.setObjectName("TrendsDrawing")
        self.drawing_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drawing_label.setEnabled(False)  # quiet: the palette's disabled text
        stack = QStackedWidget()
        stack.addWidget(self.empty_label)
        stack.addWidget(self.drawing_label)
        stack.setCurrentWidget(self.drawing_label)
        return stack

    # -- building the chart -----------------------------------------------------------------------------

    def _go_on_building(self) -> None:
        """Begin the build, or go on with one that stopped while the window was closed (a window closed to
        the tray and shown again)."""
        if not self.building or self._abandoned():
            return
        if self.importer.ident is None:
            # Python's cyclic collector waits, as during the window's own start (ui/app.py run_window): the
            # imports and the chart make many objects that stay and little garbage.
            self._collector_paused = gc.isenabled()
            gc.disable()
            self.importer.start()
            self._waiter.start()
        elif self._build_stopped:
            self._build_stopped = False
            self._next_step()

    def _imports_done(self) -> None:
        if self.importer.is_alive():
            return
        self._waiter.stop()
        self._next_step()

    def _next_step(self) -> None:
        """One step of the chart's build; the next one at the event loop's next turn."""
        if self._abandoned():
            self._build_stopped = True
            self._resume_collector()
            return
        if next(self._steps, None) is not None:
            QTimer.singleShot(0, self, self._next_step)
        else:
            self._resume_collector()

    def _resume_collector(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            gc.enable()

    def _abandoned(self) -> bool:
        """Whether the build should stop: the window was closed, or this view was taken out of it (another
        journal opened in the window, whose own views replace this one's)."""
        window = self.window()
        return window is self or not window.isVisible()

    def _build_steps(self) -> Iterator[str]:
        """The chart's build, a step at a time: each ``yield`` is where the event loop may turn."""
        from medjournal.report.trends.trend_text import empty_state

        self.empty_label.setText(empty_state())
        yield from self._build_chart()
        chart_page = self._chart_page()
        self.stack.addWidget(chart_page)
        # the response goes under the chart when both do not fit side by side (a 16 pt font)
        StackingColumns(self, self._layout, self.chart_row, self._response_under_chart, self._readable_width)
        self.chart_made = True
        yield "page"
        self.stack.setCurrentWidget(chart_page)
        self._written_while_building = False
        reading = self._refreshing()
        if next(reading, None) is not None:  # read and drawn; the response beside the chart at the next turn
            page = self.stack.currentWidget() or chart_page  # the chart, or the words of an empty journal
            self.stack.setCurrentWidget(self.drawing_label)  # the chart shows whole, not without its response
            yield "read"
            for _step in reading:
                pass
            yield "response"
            self.stack.setCurrentWidget(page)  # laid out and painted at the next turn, a turn of its own
        self.building = False
        if self._written_while_building:  # a write between the read and now
            self.refresh()
        self.drawing_label.hide()
        self.stack.removeWidget(self.drawing_label)
        self.drawing_label.deleteLater()
        self.chart_built.emit()
        yield "filled"

    def _readable_width(self, widget: QWidget) -> int:
        """The chart's width with its lane titles whole (chart_items.narrowable lets it be narrower)."""
        if widget is not self.plot_widget:
            return 0
        layout: QGraphicsLayoutItem = self.plot_widget.ci  # type: ignore[attr-defined]
        return math.ceil(layout.effectiveSizeHint(Qt.SizeHint.PreferredSize).width())

    def _response_under_chart(self, under: bool) -> None:
        for label in (self.response_label, self.window_note):
            label.setMaximumWidth(16777215 if under else 250)

    def _top_bar(self) -> QHBoxLayout:
        """The medication to evaluate and the range presets."""
        self.medication_combo = QComboBox()
        self.medication_combo.setAccessibleName(_("Medication to evaluate"))
        self.medication_combo.setMinimumContentsLength(14)
        self.medication_combo.currentIndexChanged.connect(self._medication_chosen)
        medication_label = QLabel(_("&Medication:"))
        medication_label.setBuddy(self.medication_combo)
        self.preset_buttons: dict[str, QPushButton] = {}
        self.preset_group = QButtonGroup(self)
        self.preset_group.setExclusive(True)
        bar = QHBoxLayout()
        bar.addWidget(medication_label)
        bar.addWidget(self.medication_combo)
        bar.addSpacing(16)
        bar.addWidget(QLabel(_("Show:")))
        for key, text in PRESETS:
            button = QPushButton(_(text))
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, k=key: self.set_preset(k))
            self.preset_group.addButton(button)
            self.preset_buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def _build_chart(self) -> Iterator[str]:
        """The chart: its lanes (a step each), its keyboard day cursor and the loading of the days scrolled
        into view."""
        import pyqtgraph as pg

        from medjournal.report.charts.charts import TrendFigure

        self.plot_widget = pg.GraphicsLayoutWidget()
        # Below this the five lanes crush (ticks and symptom names overlap) and the lane titles are cut on the
        # right; a small window (200% scaling on a small screen) scrolls the section (the main window's scroll
        # area) instead.
        self.plot_widget.setMinimumSize(CHART_MIN_WIDTH, CHART_MIN_HEIGHT)
        self.style_ = style_for_palette(self.palette())
        self.figure = TrendFigure(self.plot_widget, self.style_, in_steps=True)
        yield "widget"
        yield from self.figure.lanes_to_build
        self.figure.follow_font(self.font())
        self.plot_widget.scene().sigMouseMoved.connect(self._mouse_moved)
        self.plot_widget.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus
        )  # ← → move a day cursor: values by keyboard
        self.plot_widget.setAccessibleName(_(CHART_NAME))
        # A visible focus ring: the chart is a keyboard stop, so a person must see when it has the focus.
        self.plot_widget.setStyleSheet(
            "QGraphicsView { border: 2px solid transparent; }"
            " QGraphicsView:focus { border: 2px solid palette(highlight); }"
        )
        self.plot_widget.installEventFilter(self)
        self.cursor_day: date | None = None
        self.load_timer = QTimer(self)
        self.load_timer.setSingleShot(True)
        self.load_timer.setInterval(250)
        self.load_timer.timeout.connect(self._load_visible)
        self.figure.main_plot.sigXRangeChanged.connect(self.load_timer.start)
        self.figure.main_plot.sigXRangeChanged.connect(self._update_window_note)

    def _chart_page(self) -> QWidget:
        """The chart with the response and the baseline note beside it."""
        from medjournal.report.trends.trend_text import no_medication

        self.response_label = QLabel(no_medication())
        self.response_label.setObjectName("TrendsResponse")
        self.response_label.setWordWrap(True)
        self.response_label.setTextFormat(Qt.TextFormat.RichText)
        self.response_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.response_label.setMinimumWidth(190)  # narrower only when the chart needs the room
        self.response_label.setMaximumWidth(250)
        self.response_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.window_note = QLabel()  # says so when the shaded baseline is outside the days shown
        self.window_note.setObjectName("TrendsWindowNote")
        self.window_note.setWordWrap(True)
        self.window_note.setMinimumWidth(190)
        self.window_note.setMaximumWidth(250)
        self.window_note.setVisible(False)

        chart_page = self.chart_page = QWidget()
        chart_row = QHBoxLayout(chart_page)
        chart_row.setContentsMargins(0, 0, 0, 0)
        chart_row.addWidget(self.plot_widget, 1)
        side = QVBoxLayout()
        side.addWidget(self.response_label)
        side.addWidget(self.window_note)
        side.addStretch(1)
        chart_row.addLayout(side)
        self.chart_row = chart_row
        return chart_page

    # -- loading ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the journal and redraw, keeping the selected medication, the range and the zoom.

        While the view is hidden behind another section, the reload waits until it is shown again: every save
        elsewhere refreshes every section, and a hidden chart need not pay for that.
        """
        if self.building:
            self._written_while_building = True  # read again, if need be, once the chart is built
            return
        for _step in self._refreshing():
            pass

    def _refreshing(self) -> Iterator[str]:
        """:meth:`refresh` in two steps: the journal read and drawn, then the response beside the chart."""
        if self._shown_once and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._changed = None
        first_time = self.data is None or self.data.journal_is_empty
        start, end = self._preset_range(self.preset)
        if not first_time:  # only the days in view (and the preset's), not everything loaded so far
            low, high = self.visible_days()
            start, end = min(start, low), max(end, high)
        self._load(max(start, end - timedelta(days=CHUNK_DAYS - 1)), end)
        yield "read"
        self._load_in_background(start)
        self._enable_presets()
        self._update_response()
        self._update_window_note()
        if first_time:
            self.set_preset(self.preset)

    def refresh_days(self, first: date, last: date) -> None:
        """Reload after a change that touched only ``first``–``last`` (a saved check-in, an edited entry).

        Only those days are read again, with the six after them whose 7-day averages include them, and put in
        place of the old ones: a save costs the same with ten years shown as with four weeks.
        """
        from medjournal.report.trends.trend_data import ROLLING_WINDOW, load_trend_data
        from medjournal.report.trends.trend_merge import splice_trend_data

        if self.building:
            self._written_while_building = True
            return
        data = self.data
        if data is None or data.journal_is_empty or self.loading:
            self.refresh()
            return
        if self._changed is not None:
            first, last = min(first, self._changed[0]), max(last, self._changed[1])
        if self._shown_once and not self.isVisible():
            self._changed = (first, last)  # a hidden chart waits until it is shown again
            return
        self._changed = None
        low = max(first, data.start)
        high = min(last + timedelta(days=ROLLING_WINDOW - 1), data.end)
        fresh = load_trend_data(self.journal, low, high) if low <= high else None
        if fresh is None or fresh.journal_is_empty:
            self.refresh()  # the change lies outside the loaded days, or the journal was emptied
            return
        spliced = splice_trend_data(data, fresh)
        self._show_data(spliced)
        self._fill_medications(spliced)
        self._enable_presets()
        self._update_response()
        self._update_window_note()
        self._ensure_loaded(*self.visible_days())  # a new day after the loaded ones (midnight passed)

    def focus_first(self) -> None:
        """The keyboard stays where it was (the tab bar): the chart takes the arrow keys once tabbed to."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.building:
            QTimer.singleShot(0, self, self._go_on_building)  # the chart's build, once the window is shown
        self._shown_once = True
        if self._stale:
            self.refresh()
        elif self._changed is not None:
            self.refresh_days(*self._changed)

    def _load(self, start: date, end: date) -> None:
        """Query the journal for ``start``–``end`` only and hand the arrays to the existing plot items."""
        from medjournal.report.trends.trend_data import load_trend_data
        from medjournal.report.trends.trend_text import sparse_hint

        self._generation += 1  # older chunks still queued belong to data that is now replaced
        self.loading = False
        data = load_trend_data(self.journal, start, end)
        self.data = data
        self._fill_medications(data)
        if data.journal_is_empty:
            self.stack.setCurrentWidget(self.empty_label)
            self.hint.setVisible(False)
            return
        self.stack.setCurrentWidget(self.chart_page)
        span = data.data_span
        whole = span is not None and data.covers(*span)
        self.hint.setText(sparse_hint(len(data.pain)))
        self.hint.setVisible(whole and len(data.pain) < SPARSE_DAYS)
        self.figure.set_data(data)

    def _ensure_loaded(self, start: date, end: date) -> None:
        """Make ``start``–``end`` loaded: newer days at once, older days in chunks from the event loop."""
        from medjournal.report.trends.trend_data import load_trend_data
        from medjournal.report.trends.trend_merge import merge_trend_data

        data = self.data
        if data is None or data.journal_is_empty or data.data_span is None:
            return
        start = max(start, min(data.data_span[0], data.start))
        end = min(end, max(data.data_span[1], self.journal.today()))
        if end > data.end:
            self._show_data(
                merge_trend_data(data, load_trend_data(self.journal, data.end + timedelta(days=1), end))
            )
        self._load_in_background(start)

    def _load_in_background(self, start: date) -> None:
        """Load the days from ``start`` up to what is loaded, newest first, one chunk per event-loop turn, so
        that ten years never freeze the window: each chunk is drawn as soon as it is read."""
        data = self.data
        if data is None or data.journal_is_empty or start >= data.start:
            return
        if self.loading and self._pending_start is not None:
            self._pending_start = min(self._pending_start, start)
            return
        self._pending_start = start
        self.loading = True
        generation = self._generation
        QTimer.singleShot(0, lambda: self._load_older_chunk(generation))

    def _load_older_chunk(self, generation: int) -> None:
        from medjournal.report.trends.trend_data import load_trend_data
        from medjournal.report.trends.trend_merge import merge_trend_data

        data, target = self.data, self._pending_start
        if generation != self._generation or data is None or target is None:
            return
        if target >= data.start:
            self.loading = False
            return
        first = max(target, data.start - timedelta(days=CHUNK_DAYS))
        self._show_data(
            merge_trend_data(load_trend_data(self.journal, first, data.start - timedelta(days=1)), data)
        )
        if first > target:
            QTimer.singleShot(0, lambda: self._load_older_chunk(generation))
        else:
            self.loading = False

    def _show_data(self, data: TrendData) -> None:
        self.data = data
        self.figure.set_data(data)

    def _load_visible(self) -> None:
        """After a pan or zoom past what is loaded, load the days that came into view."""
        if self.data is not None and not self.data.journal_is_empty:
            self._ensure_loaded(*self.visible_days())

    def _fill_medications(self, data: TrendData) -> None:
        chosen = self.medication_combo.currentData()
        if chosen is None and self._preselect and data.medications:
            chosen = medication_to_preselect(self.journal, data)
        self.medication_combo.blockSignals(True)
        self.medication_combo.clear()
        self.medication_combo.addItem(_("None"), None)
        for series in data.medications:
            self.medication_combo.addItem(series.name, series.id)
        index = self.medication_combo.findData(chosen) if chosen is not None else 0
        self.medication_combo.setCurrentIndex(max(index, 0))
        self.medication_combo.setEnabled(bool(data.medications))
        self.medication_combo.blockSignals(False)

    def _enable_presets(self) -> None:
        has_visit = self.journal.last_visit() is not None
        self.preset_buttons["visit"].setEnabled(has_visit)
        self.preset_buttons["visit"].setToolTip("" if has_visit else _("No visit logged yet."))
        if self.preset == "visit" and not has_visit:
            self.preset = "3m"

    # -- controls ---------------------------------------------------------------------------------------

    def _preset_range(self, key: str) -> tuple[date, date]:
        from medjournal.report.trends.trend_data import range_for_preset

        last_visit = self.journal.last_visit()
        return range_for_preset(key, self.journal.today(), self.data, last_visit.day if last_visit else None)

    def set_preset(self, key: str) -> None:
        """Show one of the range presets: 4w, 3m, 1y, all, visit (loading its days if they are not loaded)."""
        self.preset = key
        self.preset_buttons[key].setChecked(True)
        if not self.chart_made:
            return  # the chart opens on it once built
        if key == "all" and self.data is not None and self.data.data_span is not None:
            span = self.data.data_span
            start, end = min(span[0], self.journal.today()), max(span[1], self.journal.today())
        else:
            start, end = self._preset_range(key)
            baseline = self.response.baseline_start if self.response is not None else None
            if (
                key in WIDENED_PRESETS
                and baseline is not None
                and 0 < (start - baseline).days <= BASELINE_REACH_DAYS
            ):
                start = baseline - timedelta(days=3)  # a selected medication's baseline stays in view
        self.figure.set_range(start, end)
        self._ensure_loaded(start, end)
        self._update_window_note()

    def select_medication(self, name_or_id: str | int) -> None:
        index = (
            self.medication_combo.findData(name_or_id)
            if isinstance(name_or_id, int)
            else self.medication_combo.findText(name_or_id, Qt.MatchFlag.MatchFixedString)
        )
        if index < 0:
            raise LookupError(f"No medication {name_or_id!r} in the Trends view.")
        self.medication_combo.setCurrentIndex(index)

    def _medication_chosen(self, _index: int) -> None:
        if not self.chart_made:
            return
        self._preselect = False
        self._update_response()
        pain = self.response
        baseline = pain.baseline_start if pain is not None else None
        if baseline is not None and self.preset in WIDENED_PRESETS and baseline < self.visible_days()[0]:
            self.set_preset(self.preset)  # widen "3 months" so that the shaded baseline is in view
        self._update_window_note()

    def _update_window_note(self, *_args: object) -> None:
        from medjournal.report.trends.trend_text import short_date

        pain = self.response
        note = ""
        if pain is not None and pain.baseline_start and pain.baseline_end and self.data is not None:
            first, last = self.visible_days()
            within_year = (self.journal.today() - pain.baseline_start).days <= 364
            if within_year:
                choices = _("“{year}” or “{all}”").format(year=_("1 year"), all=_("All"))
            else:
                choices = _("“{all}”").format(all=_("All"))
            if pain.baseline_end < first:
                note = _(
                    "The shaded baseline ({start} – {end}) is before the days shown: choose {choices}, "
                    "or drag the chart."
                )
            elif pain.baseline_start > last:
                note = _(
                    "The shaded baseline ({start} – {end}) is after the days shown: choose {choices}, "
                    "or drag the chart."
                )
            note = note.format(
                start=short_date(pain.baseline_start), end=short_date(pain.baseline_end), choices=choices
            )
        self.window_note.setText(note)
        self.window_note.setVisible(bool(note))

    def _update_response(self) -> None:
        from medjournal.report.summary.activities import activities_text, activity_json, compare_activities
        from medjournal.report.summary.comparison import compare_medication, recent_from
        from medjournal.report.summary.summary import choose_period
        from medjournal.report.trends.trend_text import describe_response, no_medication

        data = self.data
        medication_id = self.medication_combo.currentData()
        if data is None or medication_id is None or medication_id not in data.medication_records:
            self.response = None
            self.response_label.setText(no_medication())
            self.figure.set_windows(None, None)
            self.figure.set_dose_changes([])
            return
        medication = data.medication_records[medication_id]
        steps = data.regimens.get(medication_id, [])
        today = self.journal.today()
        # The summary's comparison (report/summary/comparison.py), for the period the next summary covers.
        period = choose_period(self.journal, None, None, today)
        responses = compare_medication(self.journal, medication, steps, today, recent_from(period.start))
        pain = responses.pop("pain")
        self.response = pain
        # The person's own activities in the same windows, in the summary's words (report/summary/activities.py).
        own = activities_text(
            [
                activity_json(a)
                for a in compare_activities(self.journal, medication, steps, today, recent_from(period.start))
            ]
        )
        self.response_label.setText(describe_response(pain, list(responses.values()), period, own))
        self._show_response_on_chart()

    def _show_response_on_chart(self) -> None:
        """Shade the selected medication's windows and mark where its dose steps start."""
        pain = self.response
        series = (
            next((s for s in self.data.medications if s.id == pain.medication_id), None)
            if (pain is not None and self.data is not None)
            else None
        )
        if pain is None or series is None:
            self.figure.set_windows(None, None)
            self.figure.set_dose_changes([])
            return
        baseline = (
            (pain.baseline_start, pain.baseline_end) if pain.baseline_start and pain.baseline_end else None
        )
        current = (pain.current_start, pain.current_end) if pain.current_start and pain.current_end else None
        self.figure.set_windows(baseline, current)
        self.figure.set_dose_changes([(step.start, step.label()) for step in series.steps])

    def closeEvent(self, event: QCloseEvent) -> None:
        self._generation += 1  # chunks still queued must not read a journal that may be closing
        self.loading = False
        super().closeEvent(event)

    # -- theme ----------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self.chart_made and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            style = style_for_palette(self.palette())
            if style != self.style_:
                self._restyle(style)

    def _restyle(self, style: ChartStyle) -> None:
        """Rebuild the figure in the new colours (light or dark mode) over the same data and range."""
        from medjournal.report.charts.charts import TrendFigure

        shown = self.visible_days() if self.data is not None and not self.data.journal_is_empty else None
        self.plot_widget.clear()
        self.style_ = style
        self.figure = TrendFigure(self.plot_widget, style)
        self.figure.follow_font(self.font())  # the rebuilt lanes sized for the font too, not pyqtgraph's 9 pt
        self.figure.main_plot.sigXRangeChanged.connect(self.load_timer.start)
        self.figure.main_plot.sigXRangeChanged.connect(self._update_window_note)
        if self.data is not None and not self.data.journal_is_empty:
            self.figure.set_data(self.data)
            self._show_response_on_chart()  # no new query: the journal may be busy or closing
        if shown is not None:
            self.figure.set_range(*shown)

    # -- hover ------------------------------------------------------------------------------------------

    def _mouse_moved(self, position: QPointF) -> None:
        from medjournal.report.charts.chart_items import day_of_x

        if self.data is None or self.data.journal_is_empty:
            return
        for lane in self.figure.lanes.values():
            if lane.plot.sceneBoundingRect().contains(position):
                x = lane.plot.getViewBox().mapSceneToView(position).x()
                self.show_day(day_of_x(x))
                return
        self.figure.set_cursor(None)
        self.hover_label.setText(_(HOVER_IDLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plot_widget and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._day_key(event.key()):
                return True
        return super().eventFilter(watched, event)

    def _day_key(self, key: int) -> bool:
        """Arrow keys on the chart: a day back or on (Page Up/Down: a week), panning when it leaves the view."""
        if self.data is None or self.data.journal_is_empty:
            return False
        first, last = self.visible_days()
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            day = first if key == Qt.Key.Key_Home else last
        elif key in DAY_KEYS:
            start = self.cursor_day if self.cursor_day is not None else last + timedelta(days=1)
            day = start + timedelta(days=DAY_KEYS[Qt.Key(key)])
        else:
            return False
        day = min(day, self.journal.today())
        if day < first or day > last:  # keep the cursor in view: pan by the step
            shift = day - (first if day < first else last)
            self.figure.set_range(first + shift, last + shift)
        self.show_day(day)
        return True

    def show_day(self, day: date) -> None:
        """Show one day's values under the chart and mark it with a cursor line."""
        from medjournal.report.charts.chart_items import day_start_x
        from medjournal.report.trends.trend_text import describe_day

        if self.data is None:
            return
        self.cursor_day = day
        self.figure.set_cursor(day_start_x(day) + 43200.0)
        readout = describe_day(self.data, day)
        self.hover_label.setText(readout)
        self._announce(readout)

    def _announce(self, readout: str) -> None:
        """Screen readers speak a change of the focused object's name: the chart's name carries the day."""
        spoken = " ".join(readout.replace("<br>", ". ").split())
        self.plot_widget.setAccessibleName(f"{_(CHART_NAME)}. {spoken}")
        self.plot_widget.setAccessibleDescription(spoken)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self.plot_widget, QAccessible.Event.NameChanged))

    # -- for tests and screenshots ----------------------------------------------------------------------

    def shaded_windows(self) -> tuple[tuple[date, date], tuple[date, date]] | None:
        """The first and last day of the baseline and current shading, or None when nothing is shaded."""
        baseline, current = self.figure.lanes[self.figure.names[0]].spans  # shaded where they are in view
        if baseline is None or current is None:
            return None
        return baseline, current

    def visible_days(self) -> tuple[date, date]:
        from medjournal.report.charts.chart_items import day_of_x

        low, high = self.figure.main_plot.getViewBox().viewRange()[0]
        return day_of_x(low + 1), day_of_x(high - 1)


def _import_chart_modules() -> None:
    """In a thread of its own at a start on Trends: import what the chart needs, so that the window's thread
    finds it loaded. An import that fails here fails again, with its message, where the window imports it."""
    for name in CHART_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            return
