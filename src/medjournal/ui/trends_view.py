"""Trends: pain, doses, mood and sleep, side effects and questionnaires on one shared time axis.

The figure's plot items are created once; ``refresh()`` reads the journal into numpy arrays and calls
``setData`` on them, and the range presets only move the view. Selecting a medication shades its baseline and
current windows and shows its response in words beside the chart.
"""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain.analysis import Response, peg_response_for, response_for
from medjournal.report.chart_items import day_of_x, day_start_x
from medjournal.report.chart_style import style_for_palette
from medjournal.report.charts import TrendFigure
from medjournal.report.trend_data import TrendData, load_trend_data, range_for_preset
from medjournal.report.trend_text import (
    EMPTY_STATE,
    NO_MEDICATION,
    describe_day,
    describe_response,
    sparse_hint,
)
from medjournal.storage import Journal

PRESETS = (
    ("4w", "4 weeks"),
    ("3m", "3 months"),
    ("1y", "1 year"),
    ("all", "All"),
    ("visit", "Since last visit"),
)
SPARSE_DAYS = 7
HOVER_IDLE = "Point at a day to see its values. Drag to pan, scroll to zoom."


class TrendsView(QWidget):
    """The Trends section of the window."""

    journal_changed = Signal()  # never emitted: this view only reads; present for the shared view contract

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TrendsView")
        self.journal = journal
        self.data: TrendData | None = None
        self.response: Response | None = None
        self.preset = "3m"

        self.medication_combo = QComboBox()
        self.medication_combo.setAccessibleName("Medication to evaluate")
        self.medication_combo.setMinimumContentsLength(14)
        self.medication_combo.currentIndexChanged.connect(self._medication_chosen)
        medication_label = QLabel("&Medication:")
        medication_label.setBuddy(self.medication_combo)
        self.preset_buttons: dict[str, QPushButton] = {}
        self.preset_group = QButtonGroup(self)
        self.preset_group.setExclusive(True)
        bar = QHBoxLayout()
        bar.addWidget(medication_label)
        bar.addWidget(self.medication_combo)
        bar.addSpacing(16)
        bar.addWidget(QLabel("Show:"))
        for key, text in PRESETS:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, k=key: self.set_preset(k))
            self.preset_group.addButton(button)
            self.preset_buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)

        self.plot_widget = pg.GraphicsLayoutWidget()
        self.plot_widget.setMinimumHeight(360)
        self.style_ = style_for_palette(self.palette())
        self.figure = TrendFigure(self.plot_widget, self.style_)
        self.plot_widget.scene().sigMouseMoved.connect(self._mouse_moved)

        self.response_label = QLabel(NO_MEDICATION)
        self.response_label.setObjectName("TrendsResponse")
        self.response_label.setWordWrap(True)
        self.response_label.setTextFormat(Qt.TextFormat.RichText)
        self.response_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.response_label.setFixedWidth(250)
        self.response_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        chart_page = QWidget()
        chart_row = QHBoxLayout(chart_page)
        chart_row.setContentsMargins(0, 0, 0, 0)
        chart_row.addWidget(self.plot_widget, 1)
        chart_row.addWidget(self.response_label)

        self.empty_label = QLabel(EMPTY_STATE)
        self.empty_label.setObjectName("TrendsEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(40)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(chart_page)

        self.hover_label = QLabel(HOVER_IDLE)
        self.hover_label.setObjectName("TrendsHover")
        self.hover_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.hover_label)
        self.refresh()

    # -- loading ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the journal and redraw, keeping the selected medication and range."""
        data = load_trend_data(self.journal)
        self.data = data
        if data.is_empty:
            self.stack.setCurrentWidget(self.empty_label)
            self.hint.setVisible(False)
            self._fill_medications(data)
            self._enable_presets()
            return
        self.stack.setCurrentIndex(1)
        rated = len(data.pain)
        self.hint.setText(sparse_hint(rated))
        self.hint.setVisible(rated < SPARSE_DAYS)
        self.figure.set_data(data)
        self._fill_medications(data)
        self._enable_presets()
        self._update_response()
        self.set_preset(self.preset)

    def _fill_medications(self, data: TrendData) -> None:
        chosen = self.medication_combo.currentData()
        self.medication_combo.blockSignals(True)
        self.medication_combo.clear()
        self.medication_combo.addItem("None", None)
        for series in data.medications:
            self.medication_combo.addItem(series.name, series.id)
        index = self.medication_combo.findData(chosen) if chosen is not None else 0
        self.medication_combo.setCurrentIndex(max(index, 0))
        self.medication_combo.setEnabled(bool(data.medications))
        self.medication_combo.blockSignals(False)

    def _enable_presets(self) -> None:
        has_visit = self.journal.last_visit() is not None
        self.preset_buttons["visit"].setEnabled(has_visit)
        self.preset_buttons["visit"].setToolTip("" if has_visit else "No visit logged yet.")
        if self.preset == "visit" and not has_visit:
            self.preset = "3m"

    # -- controls ---------------------------------------------------------------------------------------

    def set_preset(self, key: str) -> None:
        """Show one of the range presets: 4w, 3m, 1y, all, visit."""
        self.preset = key
        self.preset_buttons[key].setChecked(True)
        last_visit = self.journal.last_visit()
        start, end = range_for_preset(
            key, self.journal.today(), self.data, last_visit.day if last_visit else None
        )
        self.figure.set_range(start, end)

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
        self._update_response()

    def _update_response(self) -> None:
        data = self.data
        medication_id = self.medication_combo.currentData()
        if data is None or medication_id is None or medication_id not in data.medication_records:
            self.response = None
            self.response_label.setText(NO_MEDICATION)
            self.figure.set_windows(None, None)
            self.figure.set_dose_changes([])
            return
        medication = data.medication_records[medication_id]
        steps = data.regimens.get(medication_id, [])
        today = self.journal.today()
        pain = response_for(medication, steps, data.checkins, today)
        others = [
            response_for(medication, steps, data.checkins, today, field=name)
            for name in ("mood", "sleep")
            if len(getattr(data, name))
        ]
        if any(q.instrument == "peg" for q in data.questionnaires):
            others.append(peg_response_for(medication, steps, data.questionnaire_results, today))
        self.response = pain
        self.response_label.setText(describe_response(pain, others))
        baseline = (
            (pain.baseline_start, pain.baseline_end) if pain.baseline_start and pain.baseline_end else None
        )
        current = (pain.current_start, pain.current_end) if pain.current_start and pain.current_end else None
        self.figure.set_windows(baseline, current)
        series = next(s for s in data.medications if s.id == medication_id)
        self.figure.set_dose_changes([(step.start, step.label()) for step in series.steps])

    # -- hover ------------------------------------------------------------------------------------------

    def _mouse_moved(self, position: QPointF) -> None:
        if self.data is None or self.data.is_empty:
            return
        for lane in self.figure.lanes.values():
            if lane.plot.sceneBoundingRect().contains(position):
                x = lane.plot.getViewBox().mapSceneToView(position).x()
                self.show_day(day_of_x(x))
                return
        self.figure.set_cursor(None)
        self.hover_label.setText(HOVER_IDLE)

    def show_day(self, day: date) -> None:
        """Show one day's values under the chart and mark it with a cursor line."""
        if self.data is None:
            return
        self.figure.set_cursor(day_start_x(day) + 43200.0)
        self.hover_label.setText(describe_day(self.data, day))

    # -- for tests and screenshots ----------------------------------------------------------------------

    def shaded_windows(self) -> tuple[tuple[date, date], tuple[date, date]] | None:
        """The first and last day of the baseline and current shading, or None when nothing is shaded."""
        from medjournal.report.chart_items import window_dates

        pain = self.figure.lanes[self.figure.names[0]]
        baseline, current = pain.windows
        if not baseline.isVisible() or not current.isVisible():
            return None
        return window_dates(baseline), window_dates(current)

    def visible_days(self) -> tuple[date, date]:
        low, high = self.figure.main_plot.getViewBox().viewRange()[0]
        return day_of_x(low + 1), day_of_x(high - 1)
