"""Measures on the summary: before → now in the response's windows, the same numbers in ``report --json``, the
command line's words and page 1 (docs/clinical.md §6.7)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.storage.journal import Journal, open_journal
from tests.conftest import Cli
from tests.test_measures import neutral_locale  # noqa: F401 (autouse: bare weights in kg)

PERIOD = ("--from", "2026-02-01", "--to", "2026-03-31")
END = datetime(2026, 3, 31, 21, 0).astimezone()  # the summary is made on the period's last evening
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def _journal(run_cli: Cli) -> None:
    """Duloxetine from 2026-03-01 (baseline window 02-15 … 02-28, now 03-18 … 03-31 for a period ending 03-31).
    The baseline readings are typed in on 2026-03-15 (the test clock), after their days."""
    commands = [
        ("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01"),
        ("measure", "weight", "82.0", "--date", "2026-02-16"),
        ("measure", "weight", "82.8", "--date", "2026-02-23"),  # before: mean 82.4
        ("measure", "weight", "80.0", "--date", "2026-02-10"),  # outside both windows: not counted
        ("measure", "bp", "126/84", "--pulse", "70", "--date", "2026-02-20"),
        ("measure", "bp", "130/84", "--pulse", "74", "--date", "2026-02-20"),  # same day: 128/84, pulse 72
        ("measure", "alcohol", "4", "--date", "2026-02-28"),
    ]
    for command in commands:
        result = run_cli(*command)
        assert result.exit_code == 0, (command, result.output)


def _now_readings(journal_path: Path) -> None:
    """Readings of the current window, written on their own days."""
    for day, kind, value, extra in (
        ("2026-03-20", "weight", 84.1, {}),
        ("2026-03-25", "bp", 131, {"diastolic": 86, "pulse": 75}),
        ("2026-03-29", "alcohol", 2, {}),
    ):
        journal = open_journal(
            journal_path, FixedClock(datetime.fromisoformat(f"{day}T20:00:00").astimezone())
        )
        try:
            journal.add_measure(
                kind, value, day=day, diastolic=extra.get("diastolic"), pulse=extra.get("pulse")
            )
        finally:
            journal.close()


def test_before_and_now_are_the_same_numbers_in_json_words_and_page_one(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    _journal(run_cli)
    _now_readings(journal_path)
    later = Cli(journal_path, END)
    summary = json.loads(later("report", "--json", *PERIOD).output)
    [medication] = summary["medications"]
    weight, pressure, alcohol = medication["measures"]
    assert weight == {
        "kind": "weight",
        "unit": "kg",
        "before": {"start": "2026-02-15", "end": "2026-02-28", "readings": 2, "value": 82.4},
        "now": {"start": "2026-03-18", "end": "2026-03-31", "readings": 1, "value": 84.1},
    }
    assert pressure["before"] == {
        "start": "2026-02-15",
        "end": "2026-02-28",
        "readings": 2,
        "systolic": 128,
        "diastolic": 84,
        "pulse": 72,
    }
    assert (pressure["now"]["systolic"], pressure["now"]["diastolic"], pressure["now"]["pulse"]) == (
        131,
        86,
        75,
    )
    assert (alcohol["unit"], alcohol["before"]["value"], alcohol["now"]["value"]) == ("drinks/week", 4.0, 2.0)

    line = (
        "Measures before → now: Weight 82.4 → 84.1 kg · Blood pressure 128/84 → 131/86 (pulse 72 → 75) · "
        "Alcohol 4 → 2 drinks/week"
    )
    words = later("report", *PERIOD).output
    assert f"  {line}." in words

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    out = tmp_path / "summary.pdf"
    assert later("report", "-o", str(out), *PERIOD).exit_code == 0
    assert line in " ".join(pdf_text(out, 1, 1).split())


def test_a_window_without_a_reading_says_so_and_pounds_follow_the_setting(
    run_cli: Cli, journal_path: Path
) -> None:
    _journal(run_cli)
    assert run_cli("setting", "weight_unit", "lb").exit_code == 0
    later = Cli(journal_path, END)
    summary = json.loads(later("report", "--json", *PERIOD).output)
    weight = summary["medications"][0]["measures"][0]
    assert weight["unit"] == "lb"
    assert weight["before"]["value"] == 181.7  # 82.4 kg
    assert weight["now"] == {"start": "2026-03-18", "end": "2026-03-31", "readings": 0, "value": None}
    words = later("report", *PERIOD).output
    assert (
        "Weight 181.7 lb → no reading · Blood pressure 128/84 → no reading · Alcohol 4 drinks/week → no reading"
        in words
    )


def test_no_measures_no_line(run_cli: Cli, journal_path: Path) -> None:
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01"
        ).exit_code
        == 0
    )
    assert run_cli("checkin", "--pain", "6").exit_code == 0
    summary = json.loads(run_cli("report", "--json").output)
    assert summary["medications"][0]["measures"] == []
    assert "Measures" not in run_cli("report").output


@needs_poppler
@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_the_demo_page_one_shows_the_measures_in_its_full_box(
    journal: Journal, tmp_path: Path, paper: str
) -> None:
    from medjournal.demo import write_demo
    from medjournal.report.pdf.pdf import write_pdf
    from medjournal.report.summary.summary import build_summary
    from tests.test_pdf import pdf_info, pdf_text

    write_demo(journal)
    path = write_pdf(build_summary(journal), tmp_path / "demo.pdf", journal, page_size=paper)
    first = " ".join(pdf_text(path, 1, 1).split())
    assert "Measures before → now: Weight " in first and " lb · Blood pressure " in first
    assert "drinks/week" in first
    assert "Not room for more here" not in first  # the full box stayed on page 1
    assert "My questions for the doctor" in first
    assert pdf_text(path, 2, 2).lstrip().startswith("Daily log")
    assert paper.lower() in pdf_info(path)["Page size"].lower()
