"""The Trends view on real journals: the response in words, shaded windows, presets, hover, empty states."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPalette

from medjournal.demo import write_demo
from medjournal.domain.analysis import ComparisonSpan, response_for
from medjournal.report.charts.chart_items import day_of_x, x_of
from medjournal.storage import Journal
from medjournal.ui.trends.trends_view import TrendsView

pytestmark = pytest.mark.gui

TODAY = date(2026, 3, 15)  # the conftest clock


def open_view(qtbot, journal: Journal) -> TrendsView:
    view = TrendsView(journal)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def window_mean(journal: Journal, first: date, last: date) -> Fraction:
    """Mean of the daily pain means between two days, computed here from the raw check-ins."""
    by_day: dict[date, list[int]] = {}
    for checkin in journal.checkins(first, last):
        if checkin.pain is not None:
            by_day.setdefault(checkin.day, []).append(checkin.pain)
    means = [Fraction(sum(v), len(v)) for v in by_day.values()]
    return sum(means, Fraction(0)) / len(means)


def one_decimal(value: Fraction) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def test_demo_journal_response_and_shaded_windows(qtbot, journal: Journal) -> None:
    plan = write_demo(journal)
    view = open_view(qtbot, journal)
    # It opens on the medication the summary evaluates, shaded at once; no need to choose it first.
    assert view.medication_combo.currentText() == "Duloxetine"
    view.medication_combo.setCurrentIndex(0)
    assert view.shaded_windows() is None
    assert "Choose a medication" in view.response_label.text()

    view.select_medication("Duloxetine")

    baseline = (plan.start_day - timedelta(days=14), plan.start_day - timedelta(days=1))
    current = (TODAY - timedelta(days=13), TODAY)
    assert view.shaded_windows() == (baseline, current)
    before = window_mean(journal, *baseline)
    after = window_mean(journal, *current)
    percent = round((after - before) / before * 100)
    text = view.response_label.text()
    assert f"Pain {one_decimal(before)} → {one_decimal(after)} (−{abs(percent)}%)" in text
    duloxetine = journal.medication("Duloxetine")
    expected = response_for(
        ComparisonSpan(duloxetine, journal.regimens(duloxetine.id), TODAY), journal.checkins()
    )
    assert view.response is not None and view.response.describe() == expected.describe()
    assert expected.category is not None and expected.category in text
    assert "cannot show that the medication caused" in text
    # The dose steps are marked where they start: 30 mg on the start day, 60 mg a week later.
    marks = [line for line in view.figure.lane("pain").dose_marks if line.isVisible()]
    assert [day_of_x(line.value()) for line in marks] == [plan.start_day, plan.step_day]

    view.select_medication("Ibuprofen")  # as needed since the journal's first day: nothing recorded before it
    assert "no before/after comparison possible" in view.response_label.text()
    view.medication_combo.setCurrentIndex(0)
    assert view.shaded_windows() is None


def test_demo_missed_doses_and_as_needed_ticks(qtbot, journal: Journal) -> None:
    plan = write_demo(journal)
    view = open_view(qtbot, journal)
    view.set_preset("all")
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert view.data is not None
    rows = {m.name: m for m in view.data.medications}
    # Demo: no record on start+17, +31, +44; skipped on +24, +38.
    expected = sorted(plan.start_day + timedelta(days=d) for d in (17, 24, 31, 38, 44))
    assert [date.fromordinal(int(d)) for d in rows["Duloxetine"].missed_days] == expected
    lane = view.figure.lane("medications")
    missed_x, _ = lane.rows[rows["Duloxetine"].id].missed.getData()
    assert sorted(day_of_x(x) for x in missed_x) == expected
    ibuprofen_taken = [log for log in journal.dose_logs() if log.medication_id == rows["Ibuprofen"].id]
    ticks_x, _ = lane.rows[rows["Ibuprofen"].id].ticks.getData()
    assert len(ticks_x) == len(ibuprofen_taken) > 0


def test_range_presets_and_loading_by_range(qtbot, journal: Journal) -> None:
    plan = write_demo(journal, days=200)
    view = open_view(qtbot, journal)
    assert view.preset == "3m"
    assert view.data is not None and view.data.start > plan.first_day + timedelta(days=60)  # not all queried
    view.medication_combo.setCurrentIndex(0)  # no medication: the presets are the plain ranges
    view.set_preset("3m")
    assert view.visible_days() == (TODAY - timedelta(days=90), TODAY)
    view.set_preset("4w")
    assert view.visible_days() == (TODAY - timedelta(days=27), TODAY)
    view.set_preset("1y")
    assert view.visible_days() == (TODAY - timedelta(days=364), TODAY)
    view.set_preset("all")
    assert view.visible_days() == (plan.first_day, TODAY)
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)  # older days arrive chunk by chunk
    assert view.data.start == plan.first_day
    assert len(view.data.pain) == len({c.day for c in journal.checkins() if c.pain is not None})
    assert not view.preset_buttons["visit"].isEnabled()
    journal.add_visit(day=TODAY - timedelta(days=40))
    view.refresh()
    assert view.preset_buttons["visit"].isEnabled()
    view.set_preset("visit")
    assert view.visible_days() == (TODAY - timedelta(days=40), TODAY)


def test_panning_past_the_loaded_days_loads_them(qtbot, journal: Journal) -> None:
    plan = write_demo(journal, days=200)
    view = open_view(qtbot, journal)
    view.set_preset("4w")
    view.refresh()
    assert view.data is not None and view.data.start > plan.first_day
    view.figure.set_range(plan.first_day, plan.first_day + timedelta(days=30))
    qtbot.waitUntil(lambda: view.data is not None and view.data.start <= plan.first_day, timeout=3000)


def test_refresh_updates_the_same_plot_items(qtbot, journal: Journal) -> None:
    write_demo(journal)
    view = open_view(qtbot, journal)
    points = view.figure.lane("pain").points
    had_today = any(c.pain is not None for c in journal.checkins(TODAY, TODAY))
    before = len(points.getData()[0])
    for checkin in journal.checkins(TODAY, TODAY):
        journal.delete_entry("checkins", checkin.id)
    journal.add_checkin(pain=9, day=TODAY)
    journal.add_checkin(pain=3, day=TODAY)
    view.refresh()
    assert view.figure.lane("pain").points is points
    items_before = len(view.figure.lane("medications").plot.items)
    view.refresh()
    assert len(view.figure.lane("medications").plot.items) == items_before  # nothing rebuilt or leaked
    xs, ys = points.getData()
    assert len(xs) == before + (0 if had_today else 1)
    assert ys[list(xs).index(x_of(TODAY.toordinal()))] == pytest.approx(6.0)  # today's mean of 9 and 3


def test_hover_shows_that_days_values(qtbot, journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start=TODAY - timedelta(days=20))
    day = TODAY - timedelta(days=3)
    journal.add_checkin(pain=7, mood=4, sleep=6, day=day)
    journal.add_checkin(pain=4, day=day)
    journal.record_dose("Duloxetine", at=f"{day.isoformat()} 08:05")
    journal.add_side_effect("nausea", 2, day=day)
    view = open_view(qtbot, journal)
    plot = view.figure.lane("pain").plot
    scene_pos = plot.getViewBox().mapViewToScene(QPointF(float(x_of(day.toordinal())), 5.0))
    view.plot_widget.scene().sigMouseMoved.emit(scene_pos)
    text = view.hover_label.text()
    assert text.startswith(f"{day:%a} {day.day} {day:%b %Y}")
    assert "pain 5.5 (2 ratings)" in text
    assert "mood 4.0" in text and "sleep 6.0" in text
    assert "Duloxetine 30 mg: 1 of 1 taken" in text
    assert "Nausea moderate" in text
    assert view.figure.lane("mood_sleep").cursor.isVisible()


def test_empty_journal_says_what_to_log(qtbot, journal: Journal) -> None:
    view = open_view(qtbot, journal)
    assert view.stack.currentWidget() is view.empty_label
    assert "check-in" in view.empty_label.text() and "pain (0–10)" in view.empty_label.text()
    journal.add_checkin(pain=5, day=TODAY - timedelta(days=1))
    journal.add_checkin(pain=6, day=TODAY)
    view.refresh()
    assert view.stack.currentWidget() is not view.empty_label
    assert view.hint.isVisible()
    assert "Only 2 days with a pain rating" in view.hint.text()


def test_sparse_hint_goes_once_there_are_enough_days(qtbot, journal: Journal) -> None:
    for offset in range(10):
        journal.add_checkin(pain=5, day=TODAY - timedelta(days=offset))
    view = open_view(qtbot, journal)
    assert not view.hint.isVisible()
    _, ys = view.figure.lane("pain").average.getData()
    assert np.nanmax(ys) == pytest.approx(5.0)


def test_dark_palette_draws_on_a_dark_background(qtbot, journal: Journal) -> None:
    write_demo(journal)
    view = TrendsView(journal)
    qtbot.addWidget(view)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    view.setPalette(palette)
    assert view.style_.dark
    assert QColor(view.style_.background).lightness() < 60
    assert QColor(view.style_.foreground).lightness() > 200
    assert view.figure.lane("pain").points.getData()[0].size > 0  # data kept across the restyle


def test_a_hidden_view_reloads_when_shown_again(qtbot, journal: Journal) -> None:
    journal.add_checkin(pain=5, day=TODAY - timedelta(days=1))
    view = open_view(qtbot, journal)
    view.hide()
    journal.add_checkin(pain=7, day=TODAY)
    view.refresh()  # another section saved something while Trends was hidden
    assert len(view.figure.lane("pain").points.getData()[0]) == 1
    view.show()
    qtbot.waitExposed(view)
    _, ys = view.figure.lane("pain").points.getData()
    assert ys.tolist() == [5.0, 7.0]


def test_three_months_widens_to_show_the_selected_baseline(qtbot, journal: Journal) -> None:
    """The demo's medication started about three months ago: its baseline lay just left of "3 months", so it
    was selected but not shaded anywhere on screen."""
    plan = write_demo(journal, days=120)
    view = open_view(qtbot, journal)
    baseline_start = plan.start_day - timedelta(days=14)
    assert baseline_start < TODAY - timedelta(days=90)  # outside the plain 3-month range
    assert view.medication_combo.currentText() == "Duloxetine"  # preselected: shaded and in view at once
    assert view.preset == "3m" and view.visible_days()[0] <= baseline_start
    view.medication_combo.setCurrentIndex(0)
    view.preset_buttons["3m"].click()
    assert view.visible_days()[0] == TODAY - timedelta(days=90)

    view.select_medication("Duloxetine")
    first, last = view.visible_days()
    assert first <= baseline_start and last == TODAY
    assert view.window_note.isHidden()

    view.preset_buttons["4w"].click()  # four weeks stay four weeks, and the panel says where the baseline is
    assert view.visible_days()[0] == TODAY - timedelta(days=27)
    assert not view.window_note.isHidden()
    assert "before the days shown" in view.window_note.text()

    view.preset_buttons["3m"].click()
    assert view.visible_days()[0] <= baseline_start
    assert view.window_note.isHidden()
    view.medication_combo.setCurrentIndex(0)  # no medication: back to a plain three months
    view.preset_buttons["3m"].click()
    assert view.visible_days()[0] == TODAY - timedelta(days=90)


def test_a_save_in_today_reads_only_that_day_again(qtbot, journal: Journal, monkeypatch) -> None:
    """With ten years shown, every save used to read the whole journal again (about a second)."""
    import medjournal.report.trends.trend_data as trends_module  # the view imports it where it reads
    from medjournal.ui.main_window import MainWindow

    plan = write_demo(journal, days=120)
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.show()
    trends: Any = window.view("trends")
    window.show_section("trends")
    trends.set_preset("all")
    qtbot.waitUntil(lambda: not trends.loading)
    assert trends.data is not None and trends.data.start <= plan.first_day
    reads: list[tuple[date, date]] = []
    from medjournal.report.trends.trend_data import load_trend_data as real_load

    def counted_load(journal: Journal, start: date, end: date) -> object:
        reads.append((start, end))
        return real_load(journal, start, end)

    monkeypatch.setattr(trends_module, "load_trend_data", counted_load)
    window.show_section("today")
    today: Any = window.view("today")
    today.set_day(TODAY - timedelta(days=3))  # a missed day filled in later
    today.checkin.pain.setValue(10)
    assert today.save()
    window.show_section("trends")
    qtbot.waitUntil(lambda: not trends.loading)
    assert reads == [(TODAY - timedelta(days=3), TODAY)]  # the day and the averages after it, not 120 days
    assert trends.data is not None and trends.data.start <= plan.first_day  # older days are still there
    value, count = trends.data.pain.on((TODAY - timedelta(days=3)).toordinal()) or (None, 0)
    assert count >= 1 and value is not None
    means = window_mean(journal, TODAY - timedelta(days=3), TODAY - timedelta(days=3))
    assert value == pytest.approx(float(means))
    pain_x, _ = trends.figure.lane("pain").points.getData()
    assert len(pain_x) == len(trends.data.pain)  # drawn, too

    reads.clear()  # an edit in History that moves an entry to another day reads both days
    history: Any = window.view("history")
    history.journal_changed.emit((TODAY - timedelta(days=40), TODAY - timedelta(days=38)))
    window.show_section("trends")
    assert reads == [(TODAY - timedelta(days=40), TODAY - timedelta(days=32))]


def test_a_small_window_scrolls_the_chart_instead_of_crushing_or_cutting_it(qtbot, journal: Journal) -> None:
    """At 200% on a 1920×1080 screen (960×540 logical) the lanes were squeezed until the ticks and symptom
    names overlapped, and the lane titles pushed the right end of the chart (today) out of sight."""
    from PySide6.QtCore import Qt

    write_demo(journal, days=120)
    view = open_view(qtbot, journal)
    needed = view.plot_widget.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize)
    assert view.plot_widget.minimumWidth() >= needed.width()  # every lane title fits: nothing is cut
    assert view.plot_widget.minimumHeight() >= 5 * 100  # five lanes, each tall enough to read
    view.resize(700, 400)
    assert view.plot_widget.width() >= view.plot_widget.minimumWidth()


def test_the_arrow_keys_step_a_day_cursor_through_the_chart(qtbot, journal: Journal) -> None:
    """A day's values were shown only on mouse hover; keyboard users had no way to read them."""
    from PySide6.QtCore import Qt

    from medjournal.report.trends.trend_text import describe_day

    write_demo(journal, days=120)
    view = open_view(qtbot, journal)
    view.preset_buttons["4w"].click()
    view.plot_widget.setFocus()
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_Left)  # the first press lands on the newest day
    assert view.cursor_day == TODAY
    assert view.data is not None
    assert view.hover_label.text() == describe_day(view.data, TODAY)
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_Left)
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_PageUp)
    assert view.cursor_day == TODAY - timedelta(days=8)
    assert view.hover_label.text() == describe_day(view.data, TODAY - timedelta(days=8))
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_Home)
    first = view.visible_days()[0]
    assert view.cursor_day == first
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_Left)  # past the left edge: the chart pans with the cursor
    assert view.cursor_day == first - timedelta(days=1)
    assert view.visible_days()[0] == first - timedelta(days=1)
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_End)
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_Right)  # never past today
    assert view.cursor_day <= TODAY


def _old_trial(journal: Journal, start: date) -> None:
    """Pain 8 in the 14 days before ``start``, pain 3 in the last 14 days: a big "improvement" if compared."""
    for offset in range(1, 15):
        journal.add_checkin(pain=8, mood=4, day=start - timedelta(days=offset))
        journal.add_checkin(pain=3, mood=7, day=TODAY - timedelta(days=offset - 1))
    journal.add_medication("Duloxetine", 30, times="08:00", start=start.isoformat())


def test_a_medication_started_years_ago_is_not_compared_as_in_the_summary(qtbot, journal: Journal) -> None:
    """The Trends view compared a duloxetine taken since 2021 with the 14 days before 2021; the summary does
    not (start within the period or the 365 days before it, docs/methods.md)."""
    from medjournal.report.summary.summary import build_summary

    _old_trial(journal, date(2021, 3, 1))
    journal.change_dose("Duloxetine", 60, "2021-03-15")
    view = open_view(qtbot, journal)
    view.select_medication("Duloxetine")

    assert view.response is not None
    assert view.response.baseline is None and view.response.category is None and not view.response.valid
    text = view.response_label.text()
    assert "started 1 Mar 2021, more than a year before this period; no recent baseline to compare" in text
    assert "<b>3.0</b> (14 rated days)" in text  # the last 14 days are still shown
    assert "Last dose change 15 Mar 2021" in text  # its days as Trends writes them
    assert "This period: the last 90 days (16 Dec 2025 – 15 Mar 2026)" in text
    assert "→" not in text and "improvement" not in text and "Baseline (shaded blue)" not in text
    assert view.shaded_windows() is None  # only the last 14 days are shaded, no baseline
    assert view.figure.lane("pain").spans[0] is None
    assert view.window_note.isHidden()

    [summary] = build_summary(journal).medications
    assert not summary.recent_start
    assert view.response.describe() == summary.response.describe()  # the same numbers and words
    assert view.response.notes == summary.response.notes


@pytest.mark.parametrize(("days_before", "compared"), [(365, True), (366, False)])
def test_the_year_before_the_summary_period_is_the_boundary(
    qtbot, journal: Journal, days_before: int, compared: bool
) -> None:
    from medjournal.report.summary.summary import build_summary

    period_start = TODAY - timedelta(days=89)  # no visit: the summary covers the last 90 days
    _old_trial(journal, period_start - timedelta(days=days_before))
    view = open_view(qtbot, journal)
    view.select_medication("Duloxetine")
    [summary] = build_summary(journal).medications
    assert view.response is not None
    assert view.response.valid is compared is summary.response.valid
    assert view.response.describe() == summary.response.describe()
    assert ("substantial improvement" in view.response_label.text()) is compared


def _journal_with(journal: Journal, starts: dict[str, tuple[date, bool]]) -> None:
    """Medications started on the given days (as needed when True), with a daily pain check-in for 30 days."""
    for name, (start, as_needed) in starts.items():
        if as_needed:
            journal.add_medication(name, 200, as_needed=True, max_daily=3, start=start.isoformat())
        else:
            journal.add_medication(name, 30, times=["08:00"], start=start.isoformat())
    for offset in range(30):
        journal.add_checkin(pain=5, day=(TODAY - timedelta(days=offset)).isoformat())


def test_trends_opens_on_the_medication_the_summary_evaluates(qtbot, journal: Journal) -> None:
    """It opened on "Medication: None", so nothing was shaded until one was chosen."""
    from medjournal.report.summary.summary import build_summary

    _journal_with(
        journal,
        {
            "Amitriptyline": (
                TODAY - timedelta(days=900),
                False,
            ),  # years old: the summary does not compare it
            "Duloxetine": (TODAY - timedelta(days=40), False),
            "Ibuprofen": (TODAY - timedelta(days=10), True),  # the newest, but as needed
        },
    )
    assert build_summary(journal).side_effects_relative_to == "Duloxetine"
    view = open_view(qtbot, journal)
    assert view.medication_combo.currentText() == "Duloxetine"
    start = TODAY - timedelta(days=40)
    assert view.shaded_windows() == (
        (start - timedelta(days=14), start - timedelta(days=1)),
        (TODAY - timedelta(days=13), TODAY),
    )
    assert "Choose a medication" not in view.response_label.text()


def test_without_an_evaluated_medication_trends_opens_on_the_newest_scheduled_one(
    qtbot, journal: Journal
) -> None:
    from medjournal.report.summary.summary import build_summary

    _journal_with(
        journal,
        {
            "Amitriptyline": (TODAY - timedelta(days=1500), False),
            "Duloxetine": (TODAY - timedelta(days=900), False),  # neither is recent enough for the summary
            "Ibuprofen": (TODAY - timedelta(days=800), True),
        },
    )
    assert not any(m.under_evaluation for m in build_summary(journal).medications)
    view = open_view(qtbot, journal)
    assert view.medication_combo.currentText() == "Duloxetine"


def test_only_as_needed_medications_leave_trends_on_none(qtbot, journal: Journal) -> None:
    _journal_with(journal, {"Ibuprofen": (TODAY - timedelta(days=20), True)})
    view = open_view(qtbot, journal)
    assert view.medication_combo.currentData() is None
    assert "Choose a medication" in view.response_label.text()


def test_choosing_none_in_trends_is_kept_after_a_refresh(qtbot, journal: Journal) -> None:
    _journal_with(journal, {"Duloxetine": (TODAY - timedelta(days=40), False)})
    view = open_view(qtbot, journal)
    assert view.medication_combo.currentText() == "Duloxetine"
    view.medication_combo.setCurrentIndex(0)
    journal.add_checkin(pain=3)
    view.refresh()
    assert view.medication_combo.currentData() is None and view.shaded_windows() is None


def test_a_first_medication_added_later_is_preselected(qtbot, journal: Journal) -> None:
    for offset in range(30):
        journal.add_checkin(pain=6, day=(TODAY - timedelta(days=offset)).isoformat())
    view = open_view(qtbot, journal)
    assert view.medication_combo.currentData() is None
    journal.add_medication("Duloxetine", 30, times=["08:00"], start=(TODAY - timedelta(days=20)).isoformat())
    view.refresh()
    assert view.medication_combo.currentText() == "Duloxetine"


def test_trends_and_the_summary_compare_the_same_measures(qtbot, journal: Journal) -> None:
    """One comparison builder (report/summary/comparison.py): on the demo, Trends shows exactly the summary's
    pain, mood, sleep and PEG results (with PEG's three items, the activity item being function) for the medication
    under evaluation."""
    from medjournal.report.summary.summary import build_summary

    write_demo(journal)
    view = open_view(qtbot, journal)
    view.select_medication("Duloxetine")
    [summary] = [m for m in build_summary(journal).medications if m.medication.name == "Duloxetine"]
    items = {"peg_pain", "peg_enjoyment", "peg_activity"}
    assert set(summary.responses) == {"pain", "mood", "sleep", "peg"} | items
    assert view.response == summary.responses["pain"]
    text = view.response_label.text()
    for measure in ("mood", "sleep", "peg", *items):
        assert summary.responses[measure].describe().replace("<", "&lt;") in text


def test_a_rating_just_outside_both_windows_is_not_compared(qtbot, journal: Journal) -> None:
    """Mood rated only on the day before the current window (typed in later) is in neither window: neither Trends
    nor the summary lists a mood comparison. Trends once listed it, because it read one day more."""
    from medjournal.report.summary.summary import build_summary

    start = TODAY - timedelta(days=30)
    for offset in range(1, 15):
        journal.add_checkin(pain=7, day=start - timedelta(days=offset))
        journal.add_checkin(pain=4, day=TODAY - timedelta(days=offset - 1))
    journal.add_checkin(mood=2, day=TODAY - timedelta(days=14))
    journal.add_medication("Duloxetine", 30, times="08:00", start=start.isoformat())
    view = open_view(qtbot, journal)
    view.select_medication("Duloxetine")
    [summary] = build_summary(journal).medications
    assert set(summary.responses) == {"pain"}
    assert view.response == summary.responses["pain"] and view.response.valid
    assert "Mood" not in view.response_label.text()
