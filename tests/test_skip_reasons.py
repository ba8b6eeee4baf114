"""Why doses were skipped reaches page 1: "3 skipped (ran out at the weekend ×2; felt sick)"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Cli


def _skips(run_cli: Cli) -> None:
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-03-01"
        ).exit_code
        == 0
    )
    for day, reason in (
        ("03-07", "ran out at the weekend"),
        ("03-08", "Ran out at the  weekend"),
        ("03-10", ""),
    ):
        args = ["skip", "Duloxetine", "--at", f"2026-{day} 08:00"] + (["--reason", reason] if reason else [])
        assert run_cli(*args).exit_code == 0  # typed in on 2026-03-15, days after each skip
    assert run_cli("skip", "Duloxetine", "--at", "2026-03-11 08:00", "--reason", "felt sick").exit_code == 0


def test_skip_reasons_are_counted_in_the_json_and_printed_in_the_adherence_cell(
    run_cli: Cli, tmp_path: Path
) -> None:
    _skips(run_cli)
    result = run_cli("report", "--json", "--from", "2026-03-01", "--to", "2026-03-14")
    assert result.exit_code == 0, result.output
    medication = json.loads(result.output)["medications"][0]
    assert medication["adherence"]["skipped"] == 4
    assert medication["adherence"]["skip_reasons"] == [
        {"reason": "ran out at the weekend", "count": 2},
        {"reason": "felt sick", "count": 1},
    ]
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    out = tmp_path / "summary.pdf"
    assert run_cli("report", "-o", str(out), "--from", "2026-03-01", "--to", "2026-03-14").exit_code == 0
    first = " ".join(pdf_text(out, 1, 1).split())
    assert "4 skipped (ran out at the weekend ×2; felt sick)" in first
