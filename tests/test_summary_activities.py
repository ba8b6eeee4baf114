"""The person's own activities before → now in the summary: the JSON, the command line's words and page 1
(docs/clinical.md §2.2 and §5.8). Every rating here is typed in on 2026-03-15, after the day it is about."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Cli

PERIOD = ("--from", "2026-01-01", "--to", "2026-03-15")
# Duloxetine from 2026-02-01: before = 2026-01-18 … 2026-01-31, now = 2026-03-02 … 2026-03-15.
WALK = {"2026-01-20": "2", "2026-01-27": "3", "2026-02-20": "9", "2026-03-08": "5", "2026-03-15": "6"}
MEAL = {"2026-03-08": "7"}  # rated only since the start: no baseline rating
OLD = {"2026-01-10": "1"}  # before the baseline window: in neither window


def _journal(run_cli: Cli) -> None:
    results = [
        run_cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-01"),
        run_cli("activity", "add", "walk 20 minutes"),
        run_cli("activity", "add", "sit through a meal"),
        run_cli("activity", "add", "lift a shopping bag"),
    ]
    for name, ratings in (
        ("walk 20 minutes", WALK),
        ("sit through a meal", MEAL),
        ("lift a shopping bag", OLD),
    ):
        for day, rating in ratings.items():
            results.append(run_cli("activity", "rate", name, rating, "--date", day))
    results.append(run_cli("activity", "retire", "sit through a meal"))  # retired: its ratings still count
    assert all(r.exit_code == 0 for r in results), [r.output for r in results if r.exit_code]


def test_each_activity_before_and_now_in_the_medications_windows(run_cli: Cli) -> None:
    _journal(run_cli)
    result = run_cli("report", "--json", *PERIOD)
    assert result.exit_code == 0, result.output
    [medication] = json.loads(result.output)["medications"]
    found = {
        a["name"]: (
            a["baseline_mean"],
            a["baseline_days"],
            a["current_mean"],
            a["current_days"],
            a["change_points"],
        )
        for a in medication["activities"]
    }
    assert found == {
        "walk 20 minutes": (2.5, 2, 5.5, 2, 3.0),
        "sit through a meal": (None, 0, 7.0, 1, None),
    }
    walk = medication["activities"][0]
    assert (walk["baseline_start"], walk["baseline_end"]) == ("2026-01-18", "2026-01-31")
    assert walk["text"] == "walk 20 minutes 2.5 → 5.5"
    assert medication["activities"][1]["text"] == "sit through a meal no rating before the start → 7.0"


def test_the_words_give_one_line_for_the_activities(run_cli: Cli) -> None:
    _journal(run_cli)
    result = run_cli("report", *PERIOD)
    assert result.exit_code == 0, result.output
    assert (
        "  Own activities (0 can't do – 10 able to do as before, higher = better), before → now: "
        "walk 20 minutes 2.5 → 5.5; sit through a meal no rating before the start → 7.0."
        in result.output.splitlines()
    )


def test_without_activities_nothing_is_said(run_cli: Cli) -> None:
    run_cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-01")
    run_cli("checkin", "--pain", "5")
    data = json.loads(run_cli("report", "--json", *PERIOD).output)
    assert data["medications"][0]["activities"] == []
    assert "Own activities" not in run_cli("report", *PERIOD).output


def test_page_1_prints_the_activities_in_the_is_it_working_box(run_cli: Cli, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    _journal(run_cli)
    out = tmp_path / "summary.pdf"
    assert run_cli("report", "-o", str(out), *PERIOD).exit_code == 0
    first = " ".join(pdf_text(out, 1, 1).split())
    assert (
        "Own activities (0 can't do – 10 able to do as before, higher = better), before → now: walk 20 minutes "
        "2.5 → 5.5; sit through a meal no rating before the start → 7.0" in first
    )
    assert "lift a shopping bag" not in first


def test_the_demo_prints_its_activities_on_a_page_1_that_keeps_its_full_box(
    run_cli: Cli, tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    assert run_cli("demo").exit_code == 0
    out = tmp_path / "demo.pdf"
    result = run_cli("report", "-o", str(out))  # the demo says country US: Letter, where page 1 is fullest
    assert result.exit_code == 0, result.output
    first = " ".join(pdf_text(out, 1, 1).split())
    assert (
        "Own activities (0 can't do – 10 able to do as before, higher = better), before → now: walk 20 minutes"
        in first
    )
    assert "sit through a meal" in first
    assert "Not room for more here" not in first  # the one medication keeps its full box on page 1
