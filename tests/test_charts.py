"""Chart data from the journal, the day axis, and the summary chart drawn as vectors on paper."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from medjournal.report.trends.trend_data import load_trend_data, range_for_preset
from medjournal.report.trends.trend_text import describe_day
from medjournal.storage import Journal

TODAY = date(2026, 3, 15)  # the conftest clock


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# -- series read from the journal (no Qt) -------------------------------------------------------------------


def test_daily_means_keep_missing_days_missing(journal: Journal) -> None:
    journal.add_checkin(pain=6, mood=3, day=days_ago(4), at=f"{days_ago(4)} 08:00")
    journal.add_checkin(pain=3, day=days_ago(4), at=f"{days_ago(4)} 20:00")
    journal.add_checkin(pain=5, sleep=7, day=days_ago(2))
    journal.add_checkin(pain=8, day=days_ago(1))
    journal.add_checkin(pain=2, day=days_ago(0))
    data = load_trend_data(journal, days_ago(6), TODAY)
    assert [date.fromordinal(int(d)) for d in data.pain.days] == [
        days_ago(4),
        days_ago(2),
        days_ago(1),
        TODAY,
    ]
    assert data.pain.values.tolist() == [4.5, 5.0, 8.0, 2.0]
    assert data.pain.counts.tolist() == [2, 1, 1, 1]
    assert data.pain.on(days_ago(3).toordinal()) is None  # a day without a rating is absent, not 0
    # 7-day average: shown once 3 of its 7 days are rated; the unrated day is skipped, not counted as 0.
    assert data.pain.average_on(days_ago(2).toordinal()) is None
    assert data.pain.average_on(days_ago(1).toordinal()) == pytest.approx((4.5 + 5 + 8) / 3)
    assert data.pain.average_on(TODAY.toordinal()) == pytest.approx((4.5 + 5 + 8 + 2) / 4)
    assert data.mood.values.tolist() == [3.0] and data.sleep.values.tolist() == [7.0]


def test_first_average_of_a_range_uses_the_days_before_it(journal: Journal) -> None:
    for n in range(10):
        journal.add_checkin(pain=n, day=days_ago(9 - n))  # 0 nine days ago … 9 today
    data = load_trend_data(journal, days_ago(2), TODAY)
    assert data.pain.values.tolist() == [7.0, 8.0, 9.0]
    assert data.pain.average_on(days_ago(2).toordinal()) == pytest.approx(sum(range(1, 8)) / 7)


def test_missed_doses_as_needed_ticks_and_todays_open_slots(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00,20:00", start=days_ago(5))
    journal.add_medication("Ibuprofen", 400, as_needed=True, start=days_ago(5))
    journal.record_dose("Duloxetine", at=f"{days_ago(3)} 08:00")
    journal.record_dose("Duloxetine", at=f"{days_ago(3)} 20:00")
    journal.record_dose("Duloxetine", at=f"{days_ago(2)} 08:10")
    journal.record_dose("Duloxetine", "skipped", at=f"{days_ago(2)} 20:00")
    journal.record_dose("Ibuprofen", at=f"{days_ago(1)} 12:00")
    data = load_trend_data(journal, days_ago(5), TODAY)
    rows = {m.name: m for m in data.medications}
    duloxetine = rows["Duloxetine"]
    # Days 5, 4, 2 and 1 ago had fewer than two doses taken; today is not over yet.
    assert [date.fromordinal(int(d)) for d in duloxetine.missed_days] == [
        days_ago(5),
        days_ago(4),
        days_ago(2),
        days_ago(1),
    ]
    assert duloxetine.taken_by_day[days_ago(2).toordinal()] == 1
    assert duloxetine.skipped_by_day[days_ago(2).toordinal()] == 1
    assert rows["Ibuprofen"].missed_days.size == 0
    assert rows["Ibuprofen"].as_needed_moments.tolist() == [days_ago(1).toordinal() + 0.5]
    text = describe_day(data, days_ago(2))
    assert "Duloxetine 30 mg × 2/day: 1 of 2 taken, 1 skipped" in text
    assert "Ibuprofen 400 mg as needed: 1 taken" in describe_day(data, days_ago(1))


def test_side_effect_strip_keeps_the_worst_severity_of_a_day(journal: Journal) -> None:
    journal.add_side_effect("nausea", 1, day=days_ago(3))
    journal.add_side_effect("nausea", 3, day=days_ago(3))
    journal.add_side_effect("nausea", 2, day=days_ago(1))
    journal.add_side_effect("Tingling toes", 1, day=days_ago(2))
    journal.add_side_effect("dry_mouth", 0, day=days_ago(2))
    data = load_trend_data(journal, days_ago(4), TODAY)
    assert data.symptoms == ["Nausea", "Tingling toes", "Dry mouth"]  # most days reported first
    assert data.grid_start == days_ago(4).toordinal()
    assert data.severity_grid[:, 0].tolist() == [0, 4, 0, 3, 0]  # 1 + severity; 0 = nothing logged
    assert data.severity_grid[2].tolist() == [0, 2, 1]  # "none" logged is kept apart from nothing logged
    assert data.severities_on(days_ago(3).toordinal()) == [("Nausea", 3)]


def test_questionnaires_as_share_of_each_scale(journal: Journal) -> None:
    journal.add_questionnaire("peg", [5, 5, 5], day=days_ago(7))
    journal.add_questionnaire("phq2", [2, 1], day=days_ago(7))
    journal.add_questionnaire("gad2", [0, 0], day=days_ago(7))
    data = load_trend_data(journal, days_ago(10), TODAY)
    percent = {q.instrument: q.percent.tolist() for q in data.questionnaires}
    assert percent == {"peg": [50.0], "phq2": [50.0], "gad2": [0.0]}


def test_ranges_read_in_chunks_join_into_the_same_series(journal: Journal) -> None:
    from medjournal.demo import write_demo
    from medjournal.report.trends.trend_merge import merge_trend_data

    plan = write_demo(journal, days=120)
    whole = load_trend_data(journal, plan.first_day, TODAY)
    middle = plan.start_day + timedelta(days=10)
    joined = merge_trend_data(
        load_trend_data(journal, plan.first_day, middle - timedelta(days=1)),
        load_trend_data(journal, middle, TODAY),
    )
    for name in ("pain", "mood", "sleep"):
        for field in ("days", "values", "counts", "average_days", "average"):
            assert np.array_equal(
                getattr(getattr(joined, name), field), getattr(getattr(whole, name), field), equal_nan=True
            ), (name, field)
    assert joined.symptoms == whole.symptoms
    assert np.array_equal(joined.severity_grid, whole.severity_grid)
    for a, b in zip(joined.medications, whole.medications, strict=True):
        assert np.array_equal(a.missed_days, b.missed_days)
        assert np.array_equal(a.as_needed_moments, b.as_needed_moments)
        assert a.taken_by_day == b.taken_by_day
    assert [q.days.tolist() for q in joined.questionnaires] == [q.days.tolist() for q in whole.questionnaires]
    with pytest.raises(ValueError, match="adjacent"):
        merge_trend_data(
            load_trend_data(journal, plan.first_day, middle), load_trend_data(journal, middle, TODAY)
        )


def assert_same_trend_data(a: Any, b: Any) -> None:
    assert (a.start, a.end, a.data_span) == (b.start, b.end, b.data_span)
    for name in ("pain", "mood", "sleep"):
        for field in ("days", "values", "counts", "average_days", "average"):
            assert np.array_equal(
                getattr(getattr(a, name), field), getattr(getattr(b, name), field), equal_nan=True
            ), (name, field)
    assert sorted(a.symptoms) == sorted(b.symptoms)
    for symptom in b.symptoms:
        assert np.array_equal(
            a.severity_grid[:, a.symptoms.index(symptom)], b.severity_grid[:, b.symptoms.index(symptom)]
        ), symptom
    assert [(m.id, m.steps) for m in a.medications] == [(m.id, m.steps) for m in b.medications]
    for x, y in zip(a.medications, b.medications, strict=True):
        assert np.array_equal(x.missed_days, y.missed_days)
        assert np.array_equal(x.as_needed_moments, y.as_needed_moments)
        assert (x.taken_by_day, x.skipped_by_day) == (y.taken_by_day, y.skipped_by_day)
    assert [(q.instrument, q.days.tolist()) for q in a.questionnaires] == [
        (q.instrument, q.days.tolist()) for q in b.questionnaires
    ]


def test_a_changed_day_read_again_and_spliced_in_equals_reading_everything(journal: Journal) -> None:
    """After one saved entry the Trends view reads only the days it touches (and the six 7-day averages
    after them), not ten years; the result must be what a full reload gives."""
    from medjournal.demo import write_demo
    from medjournal.report.trends.trend_merge import splice_trend_data

    plan = write_demo(journal, days=120)
    loaded = load_trend_data(journal, plan.first_day, TODAY)
    changed = plan.start_day + timedelta(days=20)
    journal.add_checkin(pain=10, mood=0, day=changed)
    journal.add_side_effect("Hair loss", 3, day=changed)
    for entry in journal.checkins(changed + timedelta(days=2), changed + timedelta(days=2)):
        journal.delete_entry("checkins", entry.id)
    journal.record_dose("Ibuprofen", "taken", at=f"{changed} 13:00")
    journal.add_questionnaire("peg", [9, 9, 9], day=changed + timedelta(days=1))
    fresh = load_trend_data(journal, changed, changed + timedelta(days=2 + 6))
    spliced = splice_trend_data(loaded, fresh)
    assert_same_trend_data(spliced, load_trend_data(journal, plan.first_day, TODAY))
    assert spliced.pain.on(changed.toordinal()) is not None
    # At either end of the loaded range, too.
    journal.add_checkin(pain=1, day=TODAY)
    journal.add_checkin(pain=9, day=plan.first_day)
    spliced = splice_trend_data(spliced, load_trend_data(journal, TODAY - timedelta(days=3), TODAY))
    spliced = splice_trend_data(
        spliced, load_trend_data(journal, plan.first_day, plan.first_day + timedelta(6))
    )
    assert_same_trend_data(spliced, load_trend_data(journal, plan.first_day, TODAY))
    with pytest.raises(ValueError, match="inside"):
        splice_trend_data(spliced, load_trend_data(journal, plan.first_day - timedelta(days=1), TODAY))


def test_range_presets() -> None:
    assert range_for_preset("4w", TODAY, None, None) == (days_ago(27), TODAY)
    assert range_for_preset("3m", TODAY, None, None) == (days_ago(90), TODAY)
    assert range_for_preset("1y", TODAY, None, None) == (days_ago(364), TODAY)
    assert range_for_preset("visit", TODAY, None, days_ago(40)) == (days_ago(40), TODAY)
    assert range_for_preset("visit", TODAY, None, None) == (days_ago(27), TODAY)  # no visit: a sane default


# -- the day axis and the paper chart (Qt) -------------------------------------------------------------------


@pytest.mark.gui
@pytest.mark.parametrize(
    ("days", "kind", "step_days", "pattern"),
    [
        (28, "day", 2, r"\d{1,2} [A-Z][a-z]{2}"),
        (91, "day", 7, r"\d{1,2} [A-Z][a-z]{2}"),
        (730, "month", 61, r"[A-Z][a-z]{2}( \d{4})?"),
        (3650, "year", 365, r"\d{4}"),
    ],
)
def test_day_axis_labels_never_crowd(qtbot, days: int, kind: str, step_days: int, pattern: str) -> None:
    import re

    from medjournal.report.charts.chart_items import day_of_x, day_start_x
    from medjournal.report.charts.day_axis import LABEL_PX, DayAxis

    width = 900
    axis = DayAxis("bottom")
    low, high = day_start_x(days_ago(days - 1)), day_start_x(TODAY) + 86400
    [(spacing, values)] = axis.tickValues(low, high, width)
    labels = axis.tickStrings(values, 1.0, spacing)
    assert axis.kind == kind
    assert all(re.fullmatch(pattern, label) for label in labels), labels
    ticks = [day_of_x(v + 1) for v in values]
    gaps = {(b - a).days for a, b in itertools.pairwise(ticks)}
    assert min(gaps) >= step_days - 3  # months and years vary in length
    assert min(gaps) * width / days >= LABEL_PX[kind] * 0.99  # room for each label
    if step_days == 7:
        assert all(day.weekday() == 0 for day in ticks)  # weeks start on Mondays
    assert all(low <= v <= high for v in values)


def summary_json() -> dict[str, Any]:
    """A small summary in the medjournal-summary/1 form, as report.to_json() gives it."""
    start, end = date(2026, 1, 1), date(2026, 3, 1)
    daily = []
    for n in range((end - start).days + 1):
        day = start + timedelta(days=n)
        pain = None if n % 9 == 4 else 6 - n / 30
        daily.append(
            {
                "date": day.isoformat(),
                "pain": pain,
                "pain_ratings": 1 if pain is not None else 0,
                "pain_avg7": 6 - n / 30 if n >= 6 else None,
                "mood": 5 + n / 60,
                "mood_avg7": None,
                "sleep": 5.0,
                "sleep_avg7": 5.0,
            }
        )
    return {
        "format": "medjournal-summary/1",
        "period": {"start": start.isoformat(), "end": end.isoformat(), "days": 60},
        "daily": daily,
        "medications": [
            {
                "name": "Ibuprofen",
                "unit": "mg",
                "under_evaluation": False,
                "dose_steps": [
                    {
                        "start": "2025-12-01",
                        "end": None,
                        "dose": 400,
                        "unit": "mg",
                        "times": [],
                        "as_needed": True,
                    }
                ],
                "response": {},
            },
            {
                "name": "Duloxetine",
                "unit": "mg",
                "under_evaluation": True,
                "dose_steps": [
                    {
                        "start": "2026-01-20",
                        "end": "2026-01-26",
                        "dose": 30,
                        "unit": "mg",
                        "times": ["08:00"],
                        "as_needed": False,
                    },
                    {
                        "start": "2026-01-27",
                        "end": None,
                        "dose": 60,
                        "unit": "mg",
                        "times": ["08:00"],
                        "as_needed": False,
                    },
                ],
                "adherence": {"gaps": [{"start": "2026-02-10", "end": "2026-02-11", "days": 2}]},
                "response": {
                    "baseline_start": "2026-01-06",
                    "baseline_end": "2026-01-19",
                    "current_start": "2026-02-16",
                    "current_end": "2026-03-01",
                },
            },
        ],
    }


@pytest.mark.gui
def test_summary_chart_is_laid_out_at_its_size_with_windows_and_steps(qtbot) -> None:
    from medjournal.report.charts.chart_items import day_of_x, window_dates
    from medjournal.report.charts.charts import summary_chart

    widget = summary_chart(summary_json(), 900, 420)
    qtbot.addWidget(widget)
    assert widget.ci.geometry().width() == 900 and widget.ci.geometry().height() == 420  # not a stale 640×480
    figure = widget.figure
    assert figure.names == ("pain", "medications", "mood_sleep")
    baseline, current = figure.lane("pain").windows
    assert window_dates(baseline) == (date(2026, 1, 6), date(2026, 1, 19))
    assert window_dates(current) == (date(2026, 2, 16), date(2026, 3, 1))
    marks = [line for line in figure.lane("pain").dose_marks if line.isVisible()]
    assert [(day_of_x(m.value()), m.label.format) for m in marks] == [
        (date(2026, 1, 20), "30 mg"),
        (date(2026, 1, 27), "60 mg"),
    ]
    points_x, points_y = figure.lane("pain").points.getData()
    assert len(points_x) == 60 - 7  # days without a rating are not drawn
    assert np.all(points_y <= 6)
    rows = figure.lane("medications").rows
    missed_x, _ = rows[1].missed.getData()
    assert [day_of_x(x) for x in missed_x] == [date(2026, 2, 10), date(2026, 2, 11)]
    view_low, view_high = figure.main_plot.getViewBox().viewRange()[0]
    assert (day_of_x(view_low + 1), day_of_x(view_high - 1)) == (date(2026, 1, 1), date(2026, 3, 1))


@pytest.mark.gui
def test_summary_chart_renders_as_vectors(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
    from PySide6.QtSvg import QSvgGenerator

    from medjournal.report.charts.charts import render_to_painter, summary_chart

    widget = summary_chart(summary_json(), 900, 420)
    qtbot.addWidget(widget)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(900, 420))
    generator.setViewBox(QRectF(0, 0, 900, 420))
    painter = QPainter(generator)
    render_to_painter(widget, painter, QRectF(0, 0, 900, 420))
    painter.end()
    svg = bytes(buffer.data().data()).decode()
    assert "<image" not in svg  # no raster anywhere, symbols included
    assert svg.count("<path") > 50
    assert "higher = worse pain" in svg and "Duloxetine" in svg

    pdf = tmp_path / "chart.pdf"
    writer = QPdfWriter(str(pdf))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    render_to_painter(widget, painter, QRectF(0, 0, writer.width(), writer.width() * 420 / 900))
    painter.end()
    if shutil.which("pdfimages") and shutil.which("pdftotext"):
        images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True)
        assert len(images.stdout.strip().splitlines()) == 2  # the header lines only: no image in the PDF
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Mood" in text and "60 mg" in text  # text stays text


@pytest.mark.gui
def test_labels_at_the_left_edge_are_moved_inside_or_hidden_not_cut(qtbot) -> None:
    """A dose step or baseline that begins before the first day shown used to be drawn half off the chart
    ("0 mg", "seline")."""
    from PySide6.QtCore import QPointF

    from medjournal.report.charts.chart_items import DAY, day_start_x, label_width
    from medjournal.report.charts.charts import summary_chart

    summary = summary_json()
    widget = summary_chart(summary, 900, 420)
    qtbot.addWidget(widget)
    figure = widget.figure
    pain = figure.lane("pain")
    baseline_label, current_label = pain.labels
    assert baseline_label.isVisible() and current_label.isVisible()
    box = pain.plot.getViewBox()
    window_left = box.mapViewToScene(QPointF(day_start_x(date(2026, 1, 6)), 0)).x()
    assert window_left < baseline_label.sceneBoundingRect().left() < window_left + 5  # at its window's start

    # Show from 10 Jan: the baseline (6-19 Jan) starts before the view, the 30 mg step (20 Jan) is inside.
    figure.set_range(date(2026, 1, 10), date(2026, 3, 1))
    view_low = figure.main_plot.getViewBox().viewRange()[0][0]
    assert baseline_label.isVisible()
    assert baseline_label.pos().x() >= view_low  # its left edge, where the text starts, is on the chart
    # The shading itself stops at the chart's edge too: on paper nothing clips it, and it covered the axis.
    for lane in figure.lanes.values():
        assert lane.windows[0].getRegion()[0] >= view_low and lane.windows[0].isVisible()
    # From 25 Jan: the 30 mg line is off the chart, so its label is hidden; too little baseline is left for text.
    figure.set_range(date(2026, 1, 25), date(2026, 3, 1))
    visible = [line.label.format for line in pain.dose_marks if line.label.isVisible()]
    assert visible == ["60 mg"]
    assert not baseline_label.isVisible()
    assert not any(lane.windows[0].isVisible() for lane in figure.lanes.values())
    assert all(lane.windows[1].isVisible() for lane in figure.lanes.values())
    view_low, view_high = figure.main_plot.getViewBox().viewRange()[0]
    px_per_day = figure.main_plot.getViewBox().width() / ((view_high - view_low) / DAY)
    assert current_label.isVisible() and current_label.pos().x() <= view_high
    assert (view_high - day_start_x(date(2026, 2, 16))) / DAY * px_per_day >= label_width(current_label)


def _dose_line_pixels_left_of_the_plot(widget: Any, y_value: float) -> int:
    """Pixels of the dose-step colour in the medication names' column, at the height of a dose line, when
    the chart is drawn the way the PDF draws it (report/pdf/pdf.py: recorded as SVG by ``render_to_painter``,
    where the view box clips nothing, then replayed)."""
    from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgGenerator, QSvgRenderer

    from medjournal.report.charts.chart_style import LIGHT
    from medjournal.report.charts.charts import render_to_painter

    lane = widget.figure.lane("medications")
    box = lane.plot.getViewBox()
    left = box.mapToScene(box.rect().topLeft()).x()
    y = box.mapViewToScene(QPointF(box.viewRange()[0][0], y_value)).y()
    width, height = widget.width(), widget.height()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(96)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    recorder = QPainter(generator)
    render_to_painter(widget, recorder, QRectF(0, 0, width, height))
    recorder.end()
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    QSvgRenderer(buffer.data()).render(painter, QRectF(0, 0, width, height))
    painter.end()
    dose = QColor(LIGHT.dose)
    found = 0
    for x in range(0, int(left) - 3):
        for dy in (-1, 0, 1):
            pixel = image.pixelColor(x, round(y) + dy)
            if (
                abs(pixel.red() - dose.red())
                + abs(pixel.green() - dose.green())
                + abs(pixel.blue() - dose.blue())
                < 60
            ):
                found += 1
    return found


@pytest.mark.gui
# Known, not yet traced: Qt says "Invalid path data; path truncated" while drawing this chart (a pyqtgraph path
# built from an array with no finite point); the assertions below still hold.
@pytest.mark.qt_log_ignore("Invalid path data")
def test_a_dose_step_begun_years_before_the_period_stays_inside_the_plot(qtbot, journal: Journal) -> None:
    """Duloxetine since 2021: on paper its 60 mg line ran from 2021 across the medication names to the left
    of the plot; its 30 mg label (March 2021) had no business on the chart either."""
    from medjournal.report.charts.chart_items import DAY, day_start_x
    from medjournal.report.charts.charts import summary_chart
    from medjournal.report.summary.summary import build_summary

    journal.add_medication("Duloxetine", 30, times="08:00", start="2021-03-01")
    journal.change_dose("Duloxetine", 60, "2021-03-15")
    for n in range(30):
        journal.add_checkin(pain=4, day=days_ago(n))
    report = build_summary(journal)
    widget = summary_chart(report, 900, 420)
    qtbot.addWidget(widget)
    view_low, view_high = widget.figure.main_plot.getViewBox().viewRange()[0]
    assert (view_low, view_high) == (day_start_x(report.period.start), day_start_x(TODAY) + DAY)
    [row] = widget.figure.lane("medications").rows.values()
    xs, ys = row.steps.getData()
    drawn = xs[~np.isnan(xs)]
    # The 60 mg step, from the chart's first day to its last (on paper interrupted where its label has to sit on
    # it: tests/test_chart_labels.py), its label at the chart's first day.
    assert [label.toPlainText() for label in row.labels if label.isVisible()] == ["60 mg"]
    box = row.labels[1].sceneBoundingRect()
    plot_area = widget.figure.lane("medications").plot.getViewBox().sceneBoundingRect()
    assert plot_area.left() <= box.left() <= plot_area.left() + 4
    assert drawn[-1] == view_high and view_low <= drawn.min()
    assert drawn[0] < view_low + (box.width() + 10) / plot_area.width() * (view_high - view_low)
    assert _dose_line_pixels_left_of_the_plot(widget, float(np.nanmax(ys))) == 0


@pytest.mark.gui
def test_an_as_needed_only_journal_gets_no_baseline_shading(qtbot, journal: Journal) -> None:
    """Only the medication the summary evaluates is shaded: an as-needed painkiller with a "baseline" in its
    response (the summary does not compare it) used to be shaded as if it were under evaluation."""
    from medjournal.report.charts.charts import summary_chart
    from medjournal.report.summary.summary import build_summary

    for n in range(60):
        journal.add_checkin(pain=5, day=days_ago(n))
    journal.add_medication("Ibuprofen", 400, as_needed=True, start=days_ago(30).isoformat())
    journal.record_dose("Ibuprofen", at=f"{days_ago(3).isoformat()} 12:00")
    summary = build_summary(journal).to_json()
    [ibuprofen] = summary["medications"]
    assert ibuprofen["under_evaluation"] is False and ibuprofen["response"]["baseline_start"] is not None
    widget = summary_chart(summary, 900, 420)
    qtbot.addWidget(widget)
    figure = widget.figure
    for lane in figure.lanes.values():
        assert lane.spans == (None, None)
        assert not any(region.isVisible() for region in lane.windows)
    assert not any(line.isVisible() for line in figure.lane("pain").dose_marks)
    assert not any(label.isVisible() for label in figure.lane("pain").labels)

    # A summary with a medication under evaluation still shades that one, and only that one.
    evaluated = summary_json()
    evaluated["medications"][0]["response"] = {"baseline_start": "2025-11-17", "baseline_end": "2025-11-30"}
    widget = summary_chart(evaluated, 900, 420)
    qtbot.addWidget(widget)
    assert widget.figure.lane("pain").spans == (
        (date(2026, 1, 6), date(2026, 1, 19)),
        (date(2026, 2, 16), date(2026, 3, 1)),
    )


def test_the_paper_legend_names_only_what_paper_draws(qapp) -> None:
    from medjournal.report.charts.charts import summary_chart

    widget = summary_chart(
        {"period": {"start": "2026-03-01", "end": "2026-03-15"}, "daily": [], "medications": []}
    )
    title = widget.figure.lanes["medications"].plot.titleLabel.text
    assert "as needed" in title and "2+ days" in title  # paper draws as-needed doses and gap days
    widget.close()
