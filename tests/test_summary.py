"""The doctor summary on a hand-built journal: `medjournal report --json` has exactly the expected numbers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from medjournal.storage import Journal
from tests.dates import at, d, days

BASELINE_DAYS = days("2026-01-18", "2026-01-31", skip=("2026-01-20", "2026-01-27"))  # 12 rated days
CURRENT_DAYS = days("2026-03-02", "2026-03-15", skip=("2026-03-04", "2026-03-08", "2026-03-11", "2026-03-14"))


def build(journal: Journal) -> None:
    """Baseline 6.5 (6 × 7, 6 × 6), start 2026-02-01 at 30 mg, 60 mg from 02-15, current 4.2, missed doses."""
    journal.set_setting("summary_name", "Alex Example")
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01", purpose="low back pain")
    journal.change_dose("Duloxetine", 60, "2026-02-15", reason="titration")
    for index, day in enumerate(BASELINE_DAYS):
        journal.add_checkin(pain=7 if index % 2 == 0 else 6, mood=6, day=day, at=at(day, "09:00"))
    for index, day in enumerate(CURRENT_DAYS):
        pain = 5 if index < 2 else 4
        if day == d("2026-03-15"):
            journal.add_checkin(pain=3, mood=3, day=day, at=at(day, "07:00"))  # two ratings: 3 and 5 -> 4
            pain = 5
        journal.add_checkin(
            pain=pain, mood=3 if day != d("2026-03-15") else None, day=day, at=at(day, "09:00")
        )
    for day in days("2026-02-01", "2026-03-15", skip=("2026-03-05", "2026-03-06", "2026-03-10")):
        journal.record_dose("Duloxetine", at=at(day), amount=30 if day == d("2026-03-12") else None)
    journal.record_dose("Duloxetine", "skipped", at=at(d("2026-03-10")))
    journal.add_side_effect("headache", 2, day="2026-01-25")  # before the start: not new
    journal.add_side_effect("headache", 1, day="2026-02-20")
    journal.add_side_effect("headache", 2, day="2026-03-03")
    journal.add_side_effect("nausea", 2, day="2026-02-03")
    journal.add_side_effect("nausea", 1, day="2026-02-04")
    journal.add_side_effect("nausea", 3, day="2026-02-05")
    journal.add_side_effect("nausea", 0, day="2026-02-10")  # "none": not a report
    journal.add_questionnaire("phq9", [1, 1, 1, 1, 0, 0, 1, 0, 1], day="2026-03-01")
    journal.add_treatment("physical_therapy", day="2026-03-03", minutes=45)
    journal.add_question("Should I stay on 60 mg?")
    asked = journal.add_question("Can I take ibuprofen with it?")
    journal.mark_question_asked(asked.id, "2026-02-20")


@pytest.fixture
def report(journal: Journal, run_cli: Any) -> dict[str, Any]:
    build(journal)
    journal.close()
    result = run_cli("report", "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_hand_built_journal_has_exactly_the_expected_numbers(report: dict[str, Any]) -> None:
    assert report["format"] == "medjournal-summary/1"
    assert report["header"]["name"] == "Alex Example"
    assert report["header"]["generated_on"] == "2026-03-15"
    assert report["period"] == {
        "start": "2025-12-16",
        "end": "2026-03-15",
        "days": 90,
        "days_with_pain": 22,
        "days_with_data": 55,
        "completeness_percent": 24,
        "kind": "last_days",
        "basis": "the last 90 days",
        "last_visit": None,
        "visit_on_end_day": None,
    }
    assert report["pain"] == {"mean": 5.5, "min": 4.0, "max": 7.0, "days": 22}  # 120 / 22 = 5.45

    [med] = report["medications"]
    assert (med["name"], med["dose"], med["unit"], med["times"], med["as_needed"]) == (
        "Duloxetine",
        60.0,
        "mg",
        ["08:00"],
        False,
    )
    assert med["started"] == "2026-02-01" and med["stopped"] is None
    assert [(c["date"], c["dose"], c["kind"]) for c in med["dose_changes"]] == [
        ("2026-02-01", 30.0, "start"),
        ("2026-02-15", 60.0, "change"),
    ]
    adherence = med["adherence"]
    # 43 scheduled days (02-01 .. 03-15, one 08:00 slot; today's slot is taken), 03-05 and 03-06 not recorded,
    # 03-10 skipped: 40 / 43 = 93.0%.
    assert {
        k: adherence[k]
        for k in ("scheduled", "taken", "skipped", "not_recorded", "percent", "longest_gap_days")
    } == {"scheduled": 43, "taken": 40, "skipped": 1, "not_recorded": 2, "percent": 93, "longest_gap_days": 2}
    assert adherence["gaps"] == [
        {"start": "2026-03-05", "end": "2026-03-06", "days": 2, "skipped": 0, "not_recorded": 2}
    ]
    assert adherence["nothing_logged"] is False
    assert adherence["lower_doses"] == [
        {"date": "2026-03-12", "slot": "08:00", "amount": 30.0, "prescribed": 60.0}
    ]

    response = med["response"]
    # Baseline 78 / 12 = 6.5; current (2 × 5 + 8 × 4) / 10 = 4.2; change −2.3 = −35.4%.
    assert {
        k: response[k]
        for k in (
            "baseline_mean",
            "baseline_days",
            "current_mean",
            "current_days",
            "change_points",
            "change_percent",
            "category",
            "meets_two_points",
        )
    } == {
        "baseline_mean": 6.5,
        "baseline_days": 12,
        "current_mean": 4.2,
        "current_days": 10,
        "change_points": -2.3,
        "change_percent": -35,
        "category": "meaningful improvement",
        "meets_two_points": True,
    }
    assert (response["baseline_start"], response["baseline_end"]) == ("2026-01-18", "2026-01-31")
    assert (response["current_start"], response["current_end"]) == ("2026-03-02", "2026-03-15")
    assert (response["weeks_since_start"], response["weeks_since_dose_change"]) == (6, 4)
    assert response["text"] == "Pain 6.5 → 4.2 (−35%): meaningful improvement, 12 and 10 rated days"
    mood = med["mood_response"]
    assert (mood["baseline_mean"], mood["current_mean"], mood["change_points"]) == (6.0, 3.0, -3.0)
    assert med["peg_response"] is None and med["sleep_response"] is None

    assert report["side_effects"] == [
        # most days first, then the highest severity
        {
            "name": "nausea",
            "label": "Nausea",
            "days": 3,
            "mean_severity": 2.0,
            "max_severity": 3,
            "new_since_start": True,
            "days_before_start": 0,
            "per_14_days_since_start": 1.0,  # 3 days × 14 / 43 days since the start
            "current_days": 0,
            "first_date": "2026-02-03",
            "last_date": "2026-02-05",
            "course": ["new since start", "stopped (last 2026-02-05)"],
            "trend": "new_since_start",
            "stopped": True,
        },
        {
            "name": "headache",
            "label": "Headache",
            "days": 3,
            "mean_severity": 1.7,
            "max_severity": 2,
            "new_since_start": False,
            "days_before_start": 1,
            # 02-20 and 03-03 in the 43 days from the start (02-01) to 03-15: 2 × 14 / 43 = 0.65 per 14 days
            "per_14_days_since_start": 0.7,
            "current_days": 1,
            "first_date": "2026-01-25",
            "last_date": "2026-03-03",
            "course": ["as before the start"],
            "trend": "as_before",
            "stopped": False,
        },
    ]
    assert [q["score"] for q in report["questionnaires"]["phq9"]] == [6.0]
    assert report["questionnaires"]["phq9"][0]["item9"] == 1

    flags = [(f["kind"], f["date"]) for f in report["safety"]["flags"]]
    assert flags == [
        ("phq9_item9", "2026-03-01"),  # the questionnaire's day (typed in on 03-15), first on the page
        ("mood_fall", "2026-03-15"),
        ("doses_not_logged", "2026-03-05"),  # nothing logged on 03-05 and 03-06: not known to be missed
        ("lower_dose", "2026-03-12"),
    ]
    assert "2026-03-01" in report["safety"]["flags"][0]["detail"]
    assert report["safety"]["flags"][2]["detail"] == (
        "No dose of Duloxetine logged on 2 scheduled days in a row (2026-03-05 to 2026-03-06): nothing was "
        "recorded, so whether doses were taken or missed is not known."
    )
    assert report["treatments"] == [
        {
            "kind": "physical_therapy",
            "label": "Physical therapy",
            "sessions": 1,
            "minutes": 45,
            "days": 1,
            "first_date": "2026-03-03",
            "began": "2026-03-03",  # no session in the 4 weeks before the baseline window (2026-01-18)
            "sessions_per_week": 0.1,  # 1 × 7 / 90 days
            "dates": ["2026-03-03"],
        }
    ]
    assert report["questions"] == ["Should I stay on 60 mg?"]  # the asked one is left out
    assert report["empty"] is False


def test_daily_series_for_the_chart(report: dict[str, Any]) -> None:
    daily = {row["date"]: row for row in report["daily"]}
    assert len(daily) == 90
    assert daily["2026-03-15"]["pain"] == 4.0 and daily["2026-03-15"]["pain_ratings"] == 2
    assert daily["2026-03-14"]["pain"] is None  # missing, not zero
    # 7-day average on 03-15: days 03-09 .. 03-15 rated 03-09, 10, 12, 13, 15, all 4 -> 4.0
    assert daily["2026-03-15"]["pain_avg7"] == 4.0
    assert daily["2026-03-15"]["mood"] == 3.0
    assert daily["2026-02-10"]["pain_avg7"] is None  # nothing rated that week
    assert report["methods"] and report["caveats"]


def test_empty_journal_gives_an_honest_summary(journal: Journal, run_cli: Any) -> None:
    result = run_cli("report", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["empty"] is True and data["message"] == "No entries in this period."
    assert data["period"]["days"] == 90 and data["period"]["days_with_pain"] == 0
    assert data["pain"] == {"mean": None, "min": None, "max": None, "days": 0}
    assert data["medications"] == [] and data["safety"]["flags"] == []


def test_period_with_no_data(journal: Journal, run_cli: Any) -> None:
    build(journal)
    journal.close()
    result = run_cli("report", "--json", "--from", "2025-06-01", "--to", "2025-06-30")
    data = json.loads(result.output)
    assert result.exit_code == 0
    assert (data["period"]["start"], data["period"]["end"], data["period"]["days"]) == (
        "2025-06-01",
        "2025-06-30",
        30,
    )
    assert data["empty"] is True and data["medications"] == [] and data["side_effects"] == []
    assert data["pain"]["mean"] is None and data["questions"] == ["Should I stay on 60 mg?"]


def test_period_defaults_to_since_the_last_visit(journal: Journal, run_cli: Any) -> None:
    build(journal)
    journal.add_visit("2026-02-15")
    journal.close()
    data = json.loads(run_cli("report", "--json").output)
    assert data["period"]["start"] == "2026-02-15" and data["period"]["last_visit"] == "2026-02-15"
    assert data["period"]["basis"] == "since the last visit on 2026-02-15"
    assert data["period"]["days"] == 29
    # The baseline before the start (outside this period) is still read for the response.
    assert data["medications"][0]["response"]["baseline_mean"] == 6.5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-13-01"), "Error: The start date 2026-13-01 does not exist in the calendar."),
        (("--from", "2026-03-10", "--to", "2026-03-01"), "Error: The period starts"),
        (("-o", "summary.txt"), "must end in .pdf"),
        (("--from", "0001-01-01"), "Error: The start date 0001-01-01 is too far in the past."),
    ],
)
def test_bad_input_is_one_clear_line(run_cli: Any, args: tuple[str, ...], message: str) -> None:
    result = run_cli("report", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_report_in_words_on_the_terminal(journal: Journal, run_cli: Any) -> None:
    build(journal)
    journal.close()
    result = run_cli("report")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "Summary 2025-12-16 to 2026-03-15 (the last 90 days): pain rated on 22 of 90 days; "
        "self-reported data."
    )
    assert lines[1].startswith("! 2026-03-01: PHQ-9 item 9 answered")
    assert lines[1].endswith("(recorded on 2026-03-15)")
    assert "Duloxetine 60 mg 08:00: 93% taken (40 of 43, 1 skipped, 2 not recorded)" in lines
    assert "  Pain 6.5 → 4.2 (−35%): meaningful improvement, 12 and 10 rated days" in lines
    assert "Headache: 3 days, mean severity 1.7, max 2, as before the start" in lines


def test_pdf_output_without_the_pdf_module_is_one_clear_error(
    run_cli: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "medjournal.report.pdf.pdf", None)  # import now raises ImportError
    result = run_cli("report", "-o", str(tmp_path / "summary.pdf"))
    assert result.exit_code == 1
    assert result.output.strip() == "Error: PDF output is not available in this build; use --json."
    assert not (tmp_path / "summary.pdf").exists()
