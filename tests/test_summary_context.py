"""Context for a reader who sees only page 1: what each medication is for, the dose "as of" a period that ended
before the summary was made (with today's dose when it changed since), and the week of the label's trial length."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import Cli

DECEMBER = datetime(2026, 12, 6, 20, 0).astimezone()


def _journal(run_cli: Cli) -> Cli:
    later = Cli(run_cli.db, DECEMBER)  # everything typed in on 2026-12-06, for March and April
    results = [
        later(
            "med",
            "add",
            "Duloxetine",
            "--dose",
            "30",
            "--times",
            "08:00",
            "--start",
            "2026-03-01",
            "--for",
            "low back pain",
        ),
        later(
            "med", "change", "Duloxetine", "--dose", "60", "--from", "2026-03-08", "--reason", "planned step"
        ),
        later(
            "med",
            "change",
            "Duloxetine",
            "--dose",
            "90",
            "--from",
            "2026-06-01",
            "--reason",
            "doctor's advice",
        ),
    ]
    assert all(r.exit_code == 0 for r in results), [r.output for r in results if r.exit_code]
    return later


def test_a_march_april_summary_made_in_december(run_cli: Cli, tmp_path: Path) -> None:
    later = _journal(run_cli)
    result = later("report", "--json", "--from", "2026-03-01", "--to", "2026-04-30")
    assert result.exit_code == 0, result.output
    [medication] = json.loads(result.output)["medications"]
    assert medication["purpose"] == "low back pain"
    assert medication["dose"] == 60.0  # as of 2026-04-30
    assert medication["today"] == {"dose": 90.0, "unit": "mg", "times": ["08:00"]}
    assert medication["judged_after_weeks"]["weeks"] == 12
    assert "duloxetine" in medication["judged_after_weeks"]["source"].lower()
    same_day = later("report", "--json", "--from", "2026-11-01", "--to", "2026-12-06")
    assert json.loads(same_day.output)["medications"][0]["today"] is None  # a period up to today: no "today"
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    out = tmp_path / "summary.pdf"
    assert later("report", "-o", str(out), "--from", "2026-03-01", "--to", "2026-04-30").exit_code == 0
    first = " ".join(pdf_text(out, 1, 1).split())
    assert "Medications as of 2026-04-30" in first and "Current medications" not in first
    assert "Duloxetine for low back pain" in first
    assert "60 mg, 08:00 today: 90 mg" in first
    assert "8 weeks since start (week 9 of the 12 the label's trials took)" in first  # 03-01 → 04-30


def test_the_label_weeks_follow_a_brand_name_or_what_the_person_says_it_is() -> None:
    from medjournal.domain.knowledge import response_weeks

    for name in ("Cymbalta 60 mg", "DULOXETINE"):
        weeks = response_weeks(name)
        assert weeks is not None and weeks[0] == 12
    assert response_weeks("Frobnol") is None
    found = response_weeks("My evening pill", "amitriptyline")
    assert found is not None and found[0] == 6
