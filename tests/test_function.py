"""Function on page 1: PEG's three items before → now, the general-activity item named as the function measure.

Split by item, pain can improve 7 → 4 while interference with general activity barely moves (6.5 → 6): the
combined PEG score hid that. Every PEG here is typed in on 2026-03-15, after the day it is about.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Cli

BEFORE = {"2026-01-20": "7,6,7", "2026-01-27": "7,6,6"}  # pain 7, enjoyment 6, activity 6.5
NOW = {"2026-03-08": "4,4,6", "2026-03-15": "4,5,6"}  # pain 4, enjoyment 4.5, activity 6


def _journal(run_cli: Cli) -> None:
    results = [
        run_cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-01")
    ]
    for day, answers in {**BEFORE, **NOW}.items():
        results.append(run_cli("questionnaire", "peg", "--answers", answers, "--date", day))
    assert all(r.exit_code == 0 for r in results), [r.output for r in results if r.exit_code]


def test_each_peg_item_before_and_now_with_activity_as_function(run_cli: Cli, tmp_path: Path) -> None:
    _journal(run_cli)
    result = run_cli("report", "--json", "--from", "2026-01-01", "--to", "2026-03-15")
    assert result.exit_code == 0, result.output
    [medication] = json.loads(result.output)["medications"]
    items = medication["peg_items"]
    assert {key: (item["baseline_mean"], item["current_mean"]) for key, item in items.items()} == {
        "pain": (7.0, 4.0),
        "enjoyment": (6.0, 4.5),
        "activity": (6.5, 6.0),
    }
    assert all(item["category"] is None for item in items.values())  # categories are for pain and PEG only
    assert medication["peg_response"]["category"] is not None
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    out = tmp_path / "summary.pdf"
    assert run_cli("report", "-o", str(out), "--from", "2026-01-01", "--to", "2026-03-15").exit_code == 0
    first = " ".join(pdf_text(out, 1, 1).split())
    assert (
        "Function (PEG general activity) 6.5 → 6.0 · PEG enjoyment of life 6.0 → 4.5 · "
        "PEG pain 7.0 → 4.0" in first
    )
