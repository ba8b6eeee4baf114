"""Page 1 of the printed summary with several medications under evaluation (docs/clinical.md §7: one page).

Three medications started 10, 6 and 4 weeks before the end of the period, each with a baseline, plus an
as-needed painkiller: page 1 must still hold the chart, the side effects and every medication's result.
"""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from medjournal.storage import Journal
from tests.dates import at, d
from tests.test_pdf import build_known_journal, image_rows, pdf_text, write

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

END = d("2026-03-15")
STARTS = {"Duloxetine": END - timedelta(weeks=10), "Amitriptyline": END - timedelta(weeks=6)}
STARTS["Gabapentin"] = END - timedelta(weeks=4)


DOSE_TIMES = {"Duloxetine": ("08:00",), "Amitriptyline": ("21:00",), "Gabapentin": ("08:00", "20:00")}


def build_three_medication_journal(journal: Journal, blank_days: bool = False) -> None:
    """Daily check-ins over 14 weeks up to 2026-03-15; duloxetine (titrated 30 → 60 mg), amitriptyline and
    gabapentin started 10, 6 and 4 weeks before the end, ibuprofen as needed, a few side effects.

    One day in nine has no check-in; with ``blank_days`` it has no dose logged either, which next to a
    forgotten dose makes "no dose logged, 2+ days in a row" safety flags (four of them).
    """
    journal.set_setting("summary_name", "Sam Several")
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start=STARTS["Duloxetine"])
    journal.change_dose("Duloxetine", 60, STARTS["Duloxetine"] + timedelta(days=7), reason="titration")
    journal.add_medication("Amitriptyline", 10, "mg", times="21:00", start=STARTS["Amitriptyline"])
    journal.add_medication("Gabapentin", 300, "mg", times="08:00,20:00", start=STARTS["Gabapentin"])
    journal.add_medication(
        "Ibuprofen", 400, "mg", as_needed=True, max_daily=3, start=END - timedelta(weeks=20)
    )
    first = END - timedelta(weeks=14) + timedelta(days=1)
    for offset in range(98):
        day = first + timedelta(days=offset)
        if offset % 9 != 4:
            pain = max(1.0, 7.5 - offset * 0.035 + (offset % 3) * 0.5 - 0.5)
            mood, sleep = 4 + offset // 30, 5 + (offset % 4 == 0)
            journal.add_checkin(pain=round(pain), mood=mood, sleep=sleep, day=day, at=at(day, "09:00"))
        elif blank_days:
            continue
        for name, start in STARTS.items():
            if day >= start and offset % 11 != 7:
                for time in DOSE_TIMES[name]:
                    if at(day, time) <= journal.now():  # today's evening doses are still to come
                        journal.record_dose(name, at=at(day, time))
        if offset % 6 == 2:
            journal.record_dose("Ibuprofen", at=at(day, "13:00"))
    for symptom, severity, day in (
        ("nausea", 2, STARTS["Duloxetine"] + timedelta(days=2)),
        ("nausea", 1, STARTS["Duloxetine"] + timedelta(days=5)),
        ("dry_mouth", 1, STARTS["Amitriptyline"] + timedelta(days=3)),
        ("dizziness", 2, STARTS["Gabapentin"] + timedelta(days=1)),
        ("dizziness", 1, STARTS["Gabapentin"] + timedelta(days=4)),
        ("fatigue", 1, END - timedelta(days=3)),
    ):
        journal.add_side_effect(symptom, severity, day=day)
    for weeks, answers in ((4, 4), (8, 3)):
        journal.add_questionnaire(
            "pgic", [answers], day=STARTS["Duloxetine"] + timedelta(weeks=weeks), medication="Duloxetine"
        )
    journal.add_questionnaire(
        "pgic", [3], day=STARTS["Amitriptyline"] + timedelta(weeks=4), medication="Amitriptyline"
    )
    for week in range(0, 98, 7):
        journal.add_questionnaire("peg", [6, 5, 6], day=first + timedelta(days=week))
    journal.add_treatment("physical_therapy", day=END - timedelta(days=10), minutes=45)
    journal.add_question("Which of these three is doing the work?")


def page_text(path: Path, page: int) -> str:
    return " ".join(pdf_text(path, page, page).split())


def summary_of(journal: Journal) -> dict[str, Any]:
    from medjournal.report.summary.summary import build_summary

    return dict(build_summary(journal).to_json())


def response_form(journal: Journal) -> tuple[str, bool]:
    from medjournal.report.pdf.pdf import layout_summary
    from medjournal.report.summary.summary import build_summary

    layout = layout_summary(build_summary(journal), journal)
    try:
        return layout.response_form, layout.first_page_fits
    finally:
        layout.release()


CATEGORIES = {
    "Amitriptyline": "5.8 (13 days) 4.3 (12 days) −1.4 (−25%) minimal improvement no Minimally improved (03-01)",
    "Duloxetine": "6.8 (12 days) 4.3 (12 days) −2.4 (−36%) meaningful improvement yes No change (02-01); "
    "Minimally improved (03-01)",
    "Gabapentin": "5.5 (12 days) 4.3 (12 days) −1.2 (−21%) minimal improvement no not answered",
}


def test_three_medications_fit_on_page_one_as_one_table(journal: Journal, tmp_path: Path) -> None:
    build_three_medication_journal(journal)
    data = summary_of(journal)
    categories = {m["name"]: m["response"]["category"] for m in data["medications"] if not m["as_needed"]}
    assert categories == {
        "Amitriptyline": "minimal improvement",
        "Duloxetine": "meaningful improvement",
        "Gabapentin": "minimal improvement",
    }
    assert response_form(journal) == ("compact", True)
    path = write(journal, tmp_path / "three.pdf")
    first = page_text(path, 1)
    assert "page 1 of" in first
    assert "Pain, 0–10 (higher = worse pain): daily mean and 7-day average" in first  # the chart
    side_effects = first.index("Side effects severity 0 none – 3 severe")
    for row in ("Dizziness 2 1.5", "Fatigue 1 1.0", "Nausea 2 1.5", "Dry mouth 1 1.0"):
        assert row in first[side_effects:], row
    assert "My questions for the doctor 1. Which of these three is doing the work?" in first
    for name, line in CATEGORIES.items():
        assert f"{name} {line}" in first, name
    # Nothing of the full boxes is lost: window dates, weeks, mood, sleep and PEG under each line.
    assert (
        "started 2026-01-04, 10 weeks ago · 9 weeks since the last dose change · "
        "before = 2025-12-21 – 2026-01-03 · Mood 4.0 → 6.6 · Sleep 5.3 → 5.3 · PEG 5.7 → 5.7 (2 and 2 scores)"
    ) in first
    assert "now = the last 14 days 2026-03-02 – 2026-03-15" in first
    assert first.count("cannot show that the medication caused a change") == 1  # the caveats once
    assert "Is it working? Duloxetine" not in pdf_text(path)  # no full box anywhere: page 1 holds it all
    assert image_rows(path) == []


def test_when_even_the_table_cannot_fit_the_full_boxes_follow_and_page_one_says_so(
    journal: Journal, tmp_path: Path
) -> None:
    build_three_medication_journal(journal, blank_days=True)  # four safety flags take the room
    assert response_form(journal) == ("brief", True)  # page 1 holds the brief table and all the rest
    path = write(journal, tmp_path / "flags.pdf")
    first, second = page_text(path, 1), page_text(path, 2)
    assert "Safety flags: please review first (4)" in first
    assert "Pain, 0–10 (higher = worse pain): daily mean and 7-day average" in first
    assert "Side effects severity 0 none" in first and "Dizziness 2 1.5" in first
    for name, line in CATEGORIES.items():
        assert f"{name} {line}" in first, name
    assert "Mood 4.0 → 6.6" not in first  # the lines under each medication moved to the full boxes ...
    assert (
        "Not room for more here: mood, sleep and PEG in the same windows, the weeks since the start and the "
        "notes are on the next page: “Is it working? Each medication in full”."
    ) in first  # ... and page 1 says where
    assert "My questions for the doctor 1. Which of these three is doing the work?" in first
    full = second.index("Is it working? Each medication in full")
    assert "My questions for the doctor" not in second
    for name in CATEGORIES:
        assert f"Is it working? {name}: pain before vs now" in second[full:], name
    assert "Mood (higher = better) 4.0 → 6.6" in second[full:]
    assert (
        "10 weeks since start (week 11 of the 12 the label's trials took) · 9 weeks since the last dose change"
        in second[full:]
    )
    assert second.count("cannot show that the medication caused a change") == 1
    assert image_rows(path) == []


def test_one_medication_keeps_its_full_box(journal: Journal, tmp_path: Path) -> None:
    build_known_journal(journal)
    assert response_form(journal) == ("full", True)
    first = page_text(write(journal, tmp_path / "one.pdf"), 1)
    assert "Is it working? Duloxetine: pain before vs now" in first
    assert "Change −3.0 points (−43%): meaningful improvement · change of 2 points or more: yes" in first


def test_a_window_without_enough_data_is_said_in_the_table(journal: Journal, qapp: Any) -> None:
    """Two medications in the table, one with a baseline too thin to compare: the real document's fields,
    varied (report/summary/summary_types.py)."""
    from copy import deepcopy

    from medjournal.report.pdf.pdf_response import COMPACT, responses_html
    from medjournal.report.summary.summary import build_summary
    from medjournal.report.summary.summary_types import MedicationDoc

    build_known_journal(journal)
    document = build_summary(journal, end=END, now=at(END, "20:00")).to_json()
    [template] = document["medications"]

    def med(name: str, baseline: float | None, days: int) -> MedicationDoc:
        change = None if baseline is None else 4.0 - baseline
        percent = None if baseline is None or change is None else round(change / baseline * 100)
        copy = deepcopy(template)
        copy["name"] = name
        response = copy["response"]
        assert response is not None
        response["baseline_mean"] = baseline
        response["baseline_days"] = days
        response["current_mean"] = 4.0
        response["current_days"] = 12
        response["change_points"] = change
        response["change_percent"] = percent
        response["category"] = None if baseline is None else "meaningful improvement"
        response["meets_two_points"] = None if baseline is None else True
        return copy

    data = deepcopy(document)
    data["medications"] = [med("Alpha", 6.0, 10), med("Beta", None, 3)]
    [box] = responses_html(data, COMPACT)
    text = " ".join(re.sub(r"<[^>]+>", " ", box).split())
    assert "Alpha 6.0 (10 days) 4.0 (12 days) −2.0 (−33%) meaningful improvement yes" in text
    assert (
        "Beta not enough data (3 rated days) 4.0 (12 days) not computed each window needs 5 rated days"
        in text
    )
    assert text.count("cannot show that the medication caused a change") == 1


def test_when_page_one_runs_over_it_says_the_full_boxes_follow_what_ran_over(
    journal: Journal, tmp_path: Path
) -> None:
    build_three_medication_journal(journal, blank_days=True)
    for number in range(12):  # a long list of questions: nothing left to tighten holds it on page 1
        journal.add_question(f"Question {number + 1}: " + "could this be the reason for how I feel? " * 3)
    assert response_form(journal) == ("brief", False)
    path = write(journal, tmp_path / "over.pdf")
    first, second = page_text(path, 1), page_text(path, 2)
    assert (
        "Not room for more here: mood, sleep and PEG in the same windows, the weeks since the start and the "
        "notes are on the page after “My questions for the doctor”: “Is it working? Each medication in full”."
    ) in first
    full = second.index("Is it working? Each medication in full")
    assert second.index("Question 12:") < full
