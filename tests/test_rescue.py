"""Rescue painkillers before the start vs now: in the box on page 1, the JSON, the words, the chart and the log.

A clinician found ibuprofen use falling from most baseline days to almost none, which supports the result, yet
page 1 said only "37 doses on 34 days". Every dose here is typed in on 2026-03-15, days or weeks after it was taken.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from medjournal.report.charts.charts import trend_data_from_summary
from tests.conftest import Cli

BEFORE = ["2026-01-18", "2026-01-19", "2026-01-20", "2026-01-22", "2026-01-25", "2026-01-27", "2026-01-30"]
NOW = ["2026-03-09"]


def _journal(run_cli: Cli) -> None:
    ok = [
        run_cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-01"),
        run_cli(
            "med",
            "add",
            "Ibuprofen",
            "--dose",
            "400",
            "--as-needed",
            "--max-daily",
            "3",
            "--start",
            "2026-01-01",
        ),
    ]
    for day in BEFORE + NOW:
        ok.append(run_cli("take", "Ibuprofen", "--at", f"{day} 13:00"))
    ok.append(run_cli("take", "Ibuprofen", "--at", "2026-01-18 20:00"))  # a second dose on one baseline day
    assert all(result.exit_code == 0 for result in ok), [r.output for r in ok if r.exit_code]


def test_rescue_use_per_week_before_and_now(run_cli: Cli, tmp_path: Path) -> None:
    _journal(run_cli)
    result = run_cli("report", "--json", "--from", "2026-01-01", "--to", "2026-03-15")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    duloxetine = next(m for m in summary["medications"] if m["name"] == "Duloxetine")
    [rescue] = duloxetine["rescue"]
    # Baseline 2026-01-18 … 01-31: 7 days, 8 doses; now 03-02 … 03-15: 1 day, 1 dose; per week = ÷ 2.
    assert rescue["before"] == {
        "start": "2026-01-18",
        "end": "2026-01-31",
        "days": 7,
        "doses": 8,
        "days_per_week": 3.5,
        "doses_per_week": 4.0,
    }
    assert rescue["now"]["days"] == 1 and rescue["now"]["days_per_week"] == 0.5
    words = run_cli("report", "--from", "2026-01-01", "--to", "2026-03-15").output
    assert "Ibuprofen as needed, per week before → now: 3.5 → 0.5 days, 4.0 → 0.5 doses." in words

    ibuprofen = next(m for m in summary["medications"] if m["name"] == "Ibuprofen")
    assert len(ibuprofen["as_needed_doses"]) == 9 and "2026-01-18 20:00" in ibuprofen["as_needed_doses"]
    chart = trend_data_from_summary(summary)
    ticks = next(m for m in chart.medications if m.name == "Ibuprofen").as_needed_moments
    assert len(ticks) == 9  # the printed chart draws each dose as Trends does

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    out = tmp_path / "summary.pdf"
    assert run_cli("report", "-o", str(out), "--from", "2026-01-01", "--to", "2026-03-15").exit_code == 0
    first = " ".join(pdf_text(out, 1, 1).split())
    assert "Rescue painkillers, per week before → now: Ibuprofen 3.5 → 0.5 days, 4.0 → 0.5 doses" in first
    later = " ".join(pdf_text(out, 2).split())
    assert "+2 Ibuprofen" in later  # 2026-01-18: the daily log names the drug
