"""The same medicine entered twice (docs/clinical.md §4.7), through the command: ``med add`` says so when the
second entry is added, ``today`` and ``report`` (and their --json) show the same-medicine caution in place of the
serotonin-syndrome one between the two entries, and page 1 of the summary prints it. A stopped entry and a
current one (a switch of brand) are a pair only on the days their dose steps overlap. Every entry is typed in
after its start day (the clock is 2026-03-15)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli
from tests.test_pdf import pdf_text

SAME = "Cymbalta and duloxetine 30 are both duloxetine, the same medicine"
TOTAL = (
    "as entered, 60 mg a day of Cymbalta and 30 mg a day of duloxetine 30, 90 mg of duloxetine a day in all."
)
ADVICE = (
    "Make sure your prescriber knows about both entries. If they are one prescription entered twice, it can be "
    "kept as one entry in Medications, so that the summary counts it once."
)


def ok(run_cli: Cli, *args: str) -> str:
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    return result.output


def flat(text: str) -> str:
    return " ".join(text.split())


def cymbalta_and_duloxetine(run_cli: Cli) -> str:
    """Cymbalta 60 mg from 1 March and "duloxetine 30" 30 mg from 8 March, both typed in on 15 March; the output
    of adding the second."""
    ok(run_cli, "med", "add", "Cymbalta", "--dose", "60", "--times", "08:00", "--start", "2026-03-01")
    return ok(
        run_cli, "med", "add", "duloxetine 30", "--dose", "30", "--times", "20:00", "--start", "2026-03-08"
    )


def warnings_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in document["warnings"] if w["kind"] == "caution"]


def test_adding_the_second_entry_says_it_is_the_same_medicine_and_adds_it(run_cli: Cli) -> None:
    output = cymbalta_and_duloxetine(run_cli)
    assert f"Note: {SAME}: {TOTAL} {ADVICE}" in flat(output)
    listed = ok(run_cli, "med", "list")
    assert "Cymbalta" in listed and "duloxetine 30" in listed  # said, not refused


def test_today_shows_the_same_medicine_instead_of_serotonin_syndrome(run_cli: Cli) -> None:
    cymbalta_and_duloxetine(run_cli)
    text = flat(ok(run_cli, "today"))
    assert f"! {SAME}: {TOTAL} {ADVICE}" in text
    assert "Source: Prospective drug use review, 42 CFR 456.705(b)" in text
    assert "serotonin" not in text.lower()
    cautions = warnings_of(json.loads(ok(run_cli, "today", "--json")))
    assert [(c["key"], c["title"]) for c in cautions] == [
        ("same-medicine:1-2", "Cymbalta and duloxetine 30: the same medicine twice (duloxetine)")
    ]
    assert cautions[0]["message"] == f"{SAME}: {TOTAL} {ADVICE}"
    assert cautions[0]["watch"] == ""


def test_a_third_medication_keeps_its_own_cautions_with_each_entry(run_cli: Cli) -> None:
    cymbalta_and_duloxetine(run_cli)
    ok(
        run_cli,
        "med",
        "add",
        "Tramal",
        "--dose",
        "50",
        "--as-needed",
        "--max-daily",
        "4",
        "--start",
        "2026-03-10",
    )
    cautions = warnings_of(json.loads(ok(run_cli, "today", "--json")))
    assert sorted(c["key"] for c in cautions) == [
        "caution:1-3:serotonin",
        "caution:2-3:serotonin",
        "same-medicine:1-2",
    ]


def test_the_summary_and_its_json_say_it_with_the_first_day_both_were_taken(run_cli: Cli) -> None:
    cymbalta_and_duloxetine(run_cli)
    text = flat(ok(run_cli, "report"))
    assert f"! Caution: {SAME}: {TOTAL} {ADVICE} Both taken from 2026-03-08." in text
    assert "serotonin" not in text.lower()
    cautions = warnings_of(json.loads(ok(run_cli, "report", "--json")))
    assert [(c["key"], c["date"]) for c in cautions] == [("same-medicine:1-2", "2026-03-08")]


@pytest.mark.gui
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_page_one_of_the_pdf_prints_it(run_cli: Cli, tmp_path: Path) -> None:
    cymbalta_and_duloxetine(run_cli)
    pdf = tmp_path / "summary.pdf"
    ok(run_cli, "report", "-o", str(pdf))
    first = flat(pdf_text(pdf, 1, 1))
    assert f"{SAME}: {TOTAL} {ADVICE} Both taken from 2026-03-08." in first
    assert "screening for therapeutic duplication" in first
    assert "serotonin" not in first.lower()


def test_strengths_as_needed_and_ahead_of_its_start(run_cli: Cli) -> None:
    """ "Duloxetine" and "Duloxetine 60": a total only of what both schedule in one unit; an entry added ahead of
    its start is compared on its first day."""
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-03-01")
    output = flat(
        ok(
            run_cli,
            "med",
            "add",
            "Duloxetine 60",
            "--dose",
            "30",
            "--times",
            "08:00,20:00",
            "--start",
            "2026-03-20",
        )
    )
    assert (
        "60 mg a day of Duloxetine and 60 mg a day of Duloxetine 60, 120 mg of duloxetine a day in all."
        in output
    )
    ok(run_cli, "med", "add", "Advil", "--dose", "200", "--times", "08:00", "--start", "2026-03-01")
    output = flat(
        ok(
            run_cli,
            "med",
            "add",
            "Nurofen 400",
            "--dose",
            "400",
            "--as-needed",
            "--max-daily",
            "3",
            "--start",
            "2026-03-02",
        )
    )
    assert (
        "Note: Advil and Nurofen 400 are both ibuprofen, the same medicine: as entered, Advil 200 mg a day, "
        "Nurofen 400 as needed." in output
    )
    cautions = warnings_of(json.loads(ok(run_cli, "today", "--json")))
    assert "caution:3-4:two_nsaids" not in {c["key"] for c in cautions}  # not two NSAIDs: one, twice
    assert "same-medicine:3-4" in {c["key"] for c in cautions}


def test_a_switch_of_brand_is_not_the_same_medicine_twice(run_cli: Cli) -> None:
    """Cymbalta stopped from 8 March (its last day the 7th), duloxetine from the 8th: no day has both."""
    ok(run_cli, "med", "add", "Cymbalta", "--dose", "60", "--times", "08:00", "--start", "2026-02-01")
    ok(run_cli, "med", "stop", "Cymbalta", "--on", "2026-03-08", "--reason", "generic from the pharmacy")
    output = ok(
        run_cli, "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-03-08"
    )
    assert "same medicine" not in output
    assert "same medicine" not in ok(run_cli, "today")
    assert "same medicine" not in ok(run_cli, "report")


def test_overlapping_dose_steps_are_a_pair_on_the_summary_only_for_their_days(run_cli: Cli) -> None:
    """Duloxetine added on the 15th with a start date of the 5th, Cymbalta stopped from the 10th: both were
    taken from the 5th to the 9th. Today (one is current) has no caution; the summary, which covers those
    days, has it from the 5th."""
    ok(run_cli, "med", "add", "Cymbalta", "--dose", "60", "--times", "08:00", "--start", "2026-02-01")
    ok(run_cli, "med", "stop", "Cymbalta", "--on", "2026-03-10")
    output = ok(
        run_cli, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-05"
    )
    assert "same medicine" not in output  # not both taken today
    assert "same medicine" not in ok(run_cli, "today")
    cautions = warnings_of(json.loads(ok(run_cli, "report", "--json")))
    assert [(c["key"], c["date"]) for c in cautions] == [("same-medicine:1-2", "2026-03-05")]
    assert "90 mg of duloxetine a day in all" in cautions[0]["message"]


def test_no_dose_advice_and_no_phone_number(run_cli: Cli) -> None:
    cymbalta_and_duloxetine(run_cli)
    caution = warnings_of(json.loads(ok(run_cli, "today", "--json")))[0]
    words = f"{caution['title']} {caution['message']}".lower()
    for advice in (
        "increase",
        "reduce",
        "lower the",
        "stop taking",
        "take less",
        "take more",
        "change the dose",
    ):
        assert advice not in words
    assert not re.search(r"\d{3}[ -]?\d{3}", words)  # no number that could be read as a phone line
