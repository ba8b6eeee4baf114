"""A summary longer than a year (report/pdf/pdf_long_period.py): the months before the last 365 days get one row each,
the last 365 days keep the daily log and every side-effect entry, and nothing else changes (pdftotext)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from tests.conftest import NOW, Cli
from tests.test_pdf import pdf_text

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

TODAY = NOW.date()
FIRST = TODAY - timedelta(days=599)  # 600 days: the first 235 by month
SINCE = TODAY - timedelta(days=364)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def long_pdf(journal_path: Path, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    generate(journal_path, days=600, end=TODAY)
    run = Cli(journal_path, NOW)
    pdf = tmp_path / "long.pdf"
    made = run("report", "--from", FIRST.isoformat(), "-o", str(pdf))
    assert made.exit_code == 0, made.output
    data = json.loads(run("report", "--from", FIRST.isoformat(), "--json").output)
    return pdf, data


def test_the_months_before_the_last_year_are_one_row_each(
    journal_path: Path, long_pdf: tuple[Path, dict[str, Any]]
) -> None:
    pdf, data = long_pdf
    text = pdf_text(pdf, 2, layout=True)
    assert f"Monthly log {FIRST} – {SINCE - timedelta(days=1)}" in flat(text)
    month = (FIRST.replace(day=1) + timedelta(days=32)).replace(day=1)  # the first whole month
    key = f"{month:%Y-%m}"
    days = [d for d in data["daily"] if d["date"].startswith(key)]
    pains = [d["pain"] for d in days if d["pain"] is not None]
    conn = sqlite3.connect(journal_path)
    effects = dict(
        conn.execute(
            "SELECT symptom, count(*) FROM side_effects WHERE substr(day, 1, 7) = ? GROUP BY symptom", [key]
        ).fetchall()
    )
    taken = conn.execute(
        "SELECT count(*) FROM dose_logs WHERE substr(day, 1, 7) = ? AND status = 'taken' AND slot IS NOT NULL",
        [key],
    ).fetchone()[0]
    conn.close()
    [row] = [line for line in text.splitlines() if line.strip().startswith(f"{key} ")]
    row = flat(row)
    assert f"{sum(pains) / len(pains):.1f} ({len(pains)})" in row
    assert f"{taken} of " in row
    listed = ", ".join(
        f"{name.replace('_', ' ').capitalize()} {count}" for name, count in sorted(effects.items())
    )
    assert effects and listed in flat(pdf_text(pdf, 2))  # the cell as one text (it wraps in the layout)
    # Those days are not listed one by one, the last 365 are.
    assert f"{month.isoformat()} {month:%a}" not in text
    assert f"Daily log {SINCE} – {TODAY}" in flat(text)
    assert f"{TODAY.isoformat()} {TODAY:%a}" in text


def test_side_effect_entries_of_the_last_year_are_listed_and_earlier_ones_counted(
    journal_path: Path, long_pdf: tuple[Path, dict[str, Any]]
) -> None:
    pdf, data = long_pdf
    later = flat(pdf_text(pdf, 2))
    entries = data["side_effect_log"]
    earlier = [e for e in entries if date.fromisoformat(e["date"]) < SINCE]
    assert earlier and len(earlier) < len(entries)
    assert (
        f"Side effects: every entry of the last 365 days ({len(earlier)} earlier entries are counted in the "
        "monthly log)" in later
    )
    listing = later.split("Side effects: every entry", 1)[1]
    listing = listing.split("How these numbers")[0]
    recent = [e for e in entries if date.fromisoformat(e["date"]) >= SINCE]
    assert all(f"{e['date']} {e['label']}" in listing for e in recent)
    assert not any(f"{e['date']} {e['label']}" in listing for e in earlier)


def test_a_year_or_less_keeps_the_daily_log_whole(journal_path: Path, tmp_path: Path) -> None:
    generate(journal_path, days=400, end=TODAY)
    pdf = tmp_path / "year.pdf"
    made = Cli(journal_path, NOW)(
        "report", "--from", (TODAY - timedelta(days=365)).isoformat(), "-o", str(pdf)
    )
    assert made.exit_code == 0, made.output
    later = flat(pdf_text(pdf, 2))
    assert "Monthly log" not in later and "Side effects: every entry " in later
    assert f"Daily log {TODAY - timedelta(days=365)} – {TODAY}" in later
