"""Clinical review of the summary: what flags say when nothing was logged, old medications, visits on the last
day, restarts, mood-fall rounding, as-needed only. Every expectation is computed by hand in the comments.

The clock is 2026-03-15 09:30 (conftest): the 08:00 slot of 03-15 is still due (2-hour window), so it is not
counted; the default period is 2025-12-16 .. 2026-03-15 (90 days).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from medjournal.report.summary.summary import build_summary
from medjournal.storage import Journal
from tests.dates import at, d
from tests.dates import days as span


def test_no_dose_logged_in_the_period_is_not_called_missed(journal: Journal, run_cli: Any) -> None:
    journal.add_medication("Duloxetine", 60, "mg", times="08:00", start="2026-02-01")
    data = build_summary(journal).to_json()
    [med] = data["medications"]
    # 02-01 .. 03-14: 28 + 14 = 42 scheduled slots, none logged.
    adherence = med["adherence"]
    assert (adherence["scheduled"], adherence["taken"], adherence["skipped"], adherence["not_recorded"]) == (
        42,
        0,
        0,
        42,
    )
    assert adherence["percent"] == 0 and adherence["nothing_logged"] is True
    assert adherence["gaps"] == [
        {"start": "2026-02-01", "end": "2026-03-14", "days": 42, "skipped": 0, "not_recorded": 42}
    ]
    [flag] = data["safety"]["flags"]
    assert flag["kind"] == "doses_not_logged"
    assert flag["detail"] == (
        "No dose of Duloxetine was logged in this period (42 scheduled days, 2026-02-01 to 2026-03-14): "
        "whether doses were taken or missed is not known."
    )
    assert "taken on 42 days" not in flag["detail"] and "missed on" not in flag["detail"]
    journal.close()
    words = run_cli("report").output
    assert "Duloxetine 60 mg 08:00: no dose logged in the period (42 scheduled, none recorded)" in words


def test_a_run_with_skipped_doses_says_what_was_logged(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 60, "mg", times="08:00", start="2026-03-01")
    for day in span("2026-03-01", "2026-03-14"):
        if day.isoformat() in ("2026-03-06", "2026-03-07"):
            journal.record_dose("Duloxetine", "skipped", at=at(day))
        elif day.isoformat() != "2026-03-08":
            journal.record_dose("Duloxetine", at=at(day))
    # 03-06 skipped, 03-07 skipped, 03-08 nothing: one run of 3 days, 2 skipped and 1 not recorded.
    data = build_summary(journal).to_json()
    [flag] = data["safety"]["flags"]
    assert flag["kind"] == "missed_doses"
    assert flag["detail"] == (
        "No dose of Duloxetine recorded as taken on 3 days in a row (2026-03-06 to 2026-03-08): "
        "2 logged as skipped, 1 not recorded."
    )
    adherence = data["medications"][0]["adherence"]
    # 14 slots (03-01 .. 03-14), 11 taken: 78.57% -> 79.
    assert (adherence["scheduled"], adherence["taken"], adherence["percent"]) == (14, 11, 79)
    assert adherence["nothing_logged"] is False and adherence["longest_gap_days"] == 3


def old_medication(journal: Journal, start: str) -> None:
    journal.add_medication("Duloxetine", 60, "mg", times="08:00", start=start)
    first = d(start)
    for i in range(1, 15):  # 14 rated days of pain 8 right before the start: a valid baseline, but old
        journal.add_checkin(
            pain=8, mood=6, day=first - timedelta(days=i), at=at(first - timedelta(days=i), "09:00")
        )
    for day in span("2026-03-01", "2026-03-14"):
        journal.add_checkin(pain=4, mood=6, day=day, at=at(day, "09:00"))
    journal.add_side_effect("nausea", 1, day="2026-03-10")


def test_a_medication_started_over_a_year_before_has_no_comparison(journal: Journal, run_cli: Any) -> None:
    # Period 2025-12-16 .. 2026-03-15; a year before its start is 2024-12-16; 2024-12-15 is one day older.
    old_medication(journal, "2024-12-15")
    data = build_summary(journal).to_json()
    [med] = data["medications"]
    assert med["started"] == "2024-12-15"
    assert med["recent_start"] is False and med["under_evaluation"] is False
    response = med["response"]
    assert response is not None
    assert {
        k: response[k] for k in ("baseline_mean", "baseline_days", "change_points", "change_percent")
    } == {
        "baseline_mean": None,
        "baseline_days": 0,
        "change_points": None,
        "change_percent": None,
    }
    assert (response["category"], response["meets_two_points"], response["baseline_start"]) == (
        None,
        None,
        None,
    )
    # Current window 03-02 .. 03-15: 03-02 .. 03-14 rated 4 (13 days).
    assert (response["current_mean"], response["current_days"]) == (4.0, 13)
    assert response["text"] == (
        "Pain in the last 14 days: 4.0 (13 rated days); started 2024-12-15, no recent baseline to compare"
    )
    mood = med["mood_response"]
    assert mood is not None and mood["change_points"] is None
    # No recent start to judge "new since start" against.
    assert data["side_effects_relative_to"] is None
    assert [(s["name"], s["new_since_start"]) for s in data["side_effects"]] == [("nausea", None)]
    journal.close()
    words = run_cli("report").output
    assert "no recent baseline to compare" in words


def test_a_medication_started_exactly_a_year_before_is_compared(journal: Journal) -> None:
    old_medication(journal, "2024-12-16")
    [med] = build_summary(journal).to_json()["medications"]
    assert med["recent_start"] is True and med["under_evaluation"] is True
    # Baseline 8.0 (14 days) -> current 4.0 (13 days): −4.0 points, −50%: substantial improvement.
    response = med["response"]
    assert response is not None
    assert (response["baseline_mean"], response["current_mean"], response["change_percent"]) == (
        8.0,
        4.0,
        -50,
    )
    assert response["category"] == "substantial improvement" and response["meets_two_points"] is True


def test_a_visit_today_starts_the_default_period_only_from_tomorrow(journal: Journal, run_cli: Any) -> None:
    journal.add_visit(day="2026-02-15")
    journal.add_visit(day="2026-03-15")  # today
    data = build_summary(journal).to_json()
    assert (data["period"]["start"], data["period"]["end"], data["period"]["days"]) == (
        "2026-02-15",
        "2026-03-15",
        29,
    )
    assert data["period"]["last_visit"] == "2026-02-15"
    assert data["period"]["visit_on_end_day"] == "2026-03-15"
    assert data["period"]["basis"] == (
        "since the last visit on 2026-02-15; the visit today starts the next summary from 2026-03-16"
    )
    journal.close()
    first_line = run_cli("report").output.splitlines()[0]
    assert first_line == (
        "Summary 2026-02-15 to 2026-03-15 (since the last visit on 2026-02-15; the visit today starts the next "
        "summary from 2026-03-16): pain rated on 0 of 29 days; self-reported data."
    )


def test_tomorrow_the_period_starts_at_the_visit(journal: Journal) -> None:
    journal.add_visit(day="2026-03-14")  # yesterday
    period = build_summary(journal).to_json()["period"]
    assert (period["start"], period["basis"], period["visit_on_end_day"]) == (
        "2026-03-14",
        "since the last visit on 2026-03-14",
        None,
    )


def test_mood_fall_is_rounded_half_up_like_every_other_mean(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    # Baseline 02-15 .. 02-28: 6 days of mood 6 and 2 of mood 7 -> 50 / 8 = 6.25 (shown 6.3, not 6.2).
    for index, day in enumerate(span("2026-02-20", "2026-02-27")):
        journal.add_checkin(pain=5, mood=7 if index < 2 else 6, day=day, at=at(day, "09:00"))
    # Current 03-02 .. 03-15: 6 days of 3 and 2 of 4 -> 26 / 8 = 3.25 (shown 3.3); fall exactly 3.0.
    for index, day in enumerate(span("2026-03-05", "2026-03-12")):
        journal.add_checkin(pain=5, mood=4 if index < 2 else 3, day=day, at=at(day, "09:00"))
    data = build_summary(journal).to_json()
    [flag] = [f for f in data["safety"]["flags"] if f["kind"] == "mood_fall"]
    assert flag["detail"] == (
        "Mood fell from 6.3 (14 days before starting Duloxetine) to 3.3 (last 14 days), 3.0 points."
    )
    mood = data["medications"][0]["mood_response"]
    assert mood is not None
    assert (mood["baseline_mean"], mood["current_mean"], mood["change_points"]) == (6.3, 3.3, -3.0)


def test_restart_after_a_long_break_is_a_new_trial(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-01-05")
    journal.stop_medication("Duloxetine", on="2026-02-01")  # last day taken 01-31
    journal.restart_medication("Duloxetine", 30, start="2026-02-20", times="08:00")  # a 19-day break
    for day in span("2026-02-06", "2026-02-19"):
        journal.add_checkin(pain=6, day=day, at=at(day, "09:00"))
    for day in span("2026-03-02", "2026-03-15"):
        journal.add_checkin(pain=5, day=day, at=at(day, "09:00"))
    [med] = build_summary(journal).to_json()["medications"]
    assert med["started"] == "2026-02-20" and med["first_started"] == "2026-01-05"
    assert [(c["date"], c["kind"]) for c in med["dose_changes"]] == [
        ("2026-01-05", "start"),
        ("2026-02-20", "restart"),
    ]
    # Baseline = the 14 days before the restart (02-06 .. 02-19, off the medication): 6.0 -> 5.0, −17%.
    response = med["response"]
    assert response is not None
    assert (response["baseline_start"], response["baseline_end"]) == ("2026-02-06", "2026-02-19")
    assert (response["change_points"], response["change_percent"], response["category"]) == (
        -1.0,
        -17,
        "minimal improvement",
    )


def test_as_needed_only_journal_has_no_percent_and_no_comparison(journal: Journal, run_cli: Any) -> None:
    journal.add_medication("Ibuprofen", 400, "mg", as_needed=True, max_daily=3, start="2026-03-01")
    for day in ("2026-03-02", "2026-03-04", "2026-03-04"):
        journal.record_dose("Ibuprofen", at=at(day, "12:00" if day != "2026-03-04" else "18:00"))
    data = build_summary(journal).to_json()
    [med] = data["medications"]
    assert med["as_needed"] is True and med["under_evaluation"] is False
    adherence = med["adherence"]
    assert (adherence["percent"], adherence["longest_gap_days"], adherence["scheduled"]) == (None, None, 0)
    assert (adherence["extra_doses"], adherence["days_taken"], adherence["nothing_logged"]) == (3, 2, False)
    # Used on 2 of the 90 days of the period: 2 × 30 / 90 = 0.67 -> 0.7 days a month.
    assert med["days_used_per_month"] == 0.7
    assert data["safety"]["flags"] == []
    journal.close()
    output = run_cli("report", "--json").output
    assert json.loads(output)["medications"][0]["adherence"]["percent"] is None
