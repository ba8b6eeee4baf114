"""Other treatments in time: physical therapy begun ten days after the medication is a second explanation for the
change, and the result says so with its date; sessions per week and the first date are on page 1; the printed chart
marks the sessions. Every session is typed in on 2026-03-15, after its day."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from medjournal.report.charts.charts import trend_data_from_summary
from tests.conftest import Cli
from tests.test_honest_rounding import _journal_with_a_change_of_minus_29_6_percent

SESSIONS = ["2026-02-11", "2026-02-18", "2026-02-25", "2026-03-04", "2026-03-11"]


def test_a_treatment_begun_between_the_windows_is_named_under_the_result(
    run_cli: Cli, tmp_path: Path
) -> None:
    _journal_with_a_change_of_minus_29_6_percent(run_cli)  # duloxetine from 2026-02-01
    for day in SESSIONS:
        result = run_cli("treatment", "physical_therapy", "--minutes", "45", "--date", day)
        assert result.exit_code == 0, result.output
    assert (
        run_cli("treatment", "exercise", "--minutes", "30", "--date", "2025-12-28").exit_code == 0
    )  # under way
    assert run_cli("treatment", "exercise", "--minutes", "30", "--date", "2026-02-20").exit_code == 0
    data = json.loads(run_cli("report", "--json", "--from", "2026-01-01", "--to", "2026-03-15").output)
    [medication] = data["medications"]
    # Exercise was under way 4 weeks before the baseline window (2026-01-18): it did not begin in the windows.
    assert medication["treatments_began"] == [
        {
            "kind": "physical_therapy",
            "label": "Physical therapy",
            "date": "2026-02-11",
            "where": "between the windows",
        }
    ]
    therapy = next(t for t in data["treatments"] if t["kind"] == "physical_therapy")
    assert therapy["first_date"] == "2026-02-11" and therapy["sessions"] == 5
    assert therapy["sessions_per_week"] == 0.5  # 5 × 7 / 74 days
    rows = {m.name: m for m in trend_data_from_summary(data).medications}
    assert len(rows["Treatments"].as_needed_moments) == 6  # every session in the period, drawn on the chart
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    out = tmp_path / "summary.pdf"
    assert run_cli("report", "-o", str(out), "--from", "2026-01-01", "--to", "2026-03-15").exit_code == 0
    first = " ".join(pdf_text(out, 1, 1).split())
    assert "also begun between the windows: physical therapy 2026-02-11" in first
    assert "Physical therapy: 5 sessions (0.5 a week) from 2026-02-11, 225 min" in first
