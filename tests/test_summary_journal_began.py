"""A medication started on or before the journal's first entry has no before/after comparison, and the summary
says so rather than "no pain comparison yet" (docs/summary.md, "In short"): in "In short", in the response's JSON
and text, on page 1 and in Trends, in English and German. Every entry here is typed in late (recorded on
2026-03-15 for days in January and February), as a person catching up on a paper diary does."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli

START = date(2026, 1, 10)
LAST = date(2026, 3, 15)  # the conftest clock's day


def checkins(run: Cli, days: list[date], pain: int) -> None:
    for day in days:
        result = run("checkin", "--pain", str(pain), "--mood", "5", "--date", day.isoformat())
        assert result.exit_code == 0, result.output


def summary(run: Cli) -> dict[str, Any]:
    result = run("report", "--json", "--from", START.isoformat(), "--to", LAST.isoformat())
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def started_with_the_journal(run: Cli, start: date = START) -> None:
    added = run("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", start.isoformat())
    assert added.exit_code == 0, added.output
    checkins(run, [START], 7)  # the journal's first entry
    checkins(run, [LAST - timedelta(days=n) for n in range(7)], 4)


def test_a_start_on_the_journals_first_day_is_said_to_have_no_comparison(run_cli: Cli) -> None:
    started_with_the_journal(run_cli)
    data = summary(run_cli)
    [med] = data["medications"]
    response = med["response"]
    assert med["under_evaluation"] is True
    assert response["journal_began"] == "2026-01-10"
    assert response["baseline_days"] == 0 and response["change_points"] is None
    assert data["in_short"].startswith(
        "Started 2026-01-10, as the journal began: no before/after comparison possible · "
    )
    assert "no pain comparison yet" not in data["in_short"]
    assert response["text"] == (
        "Pain in the last 14 days: 4.0 (7 rated days); started 2026-01-10, the journal began 2026-01-10: "
        "no before/after comparison possible"
    )
    assert med["mood_response"]["journal_began"] == "2026-01-10"  # every measure by the same rule


def test_a_start_before_the_journals_first_day(run_cli: Cli) -> None:
    started_with_the_journal(run_cli, START - timedelta(days=3))
    data = summary(run_cli)
    assert data["medications"][0]["response"]["journal_began"] == "2026-01-10"
    assert data["in_short"].startswith(
        "Started 2026-01-07, before the journal began: no before/after comparison possible · "
    )


def test_days_before_the_start_typed_in_later_make_the_comparison(run_cli: Cli) -> None:
    """The rule follows the days the entries are about, not when they were typed: a few late check-ins before
    the start turn it into "too few ratings"; five or more give the comparison."""
    started_with_the_journal(run_cli)
    checkins(run_cli, [START - timedelta(days=n) for n in (1, 2)], 7)
    few = summary(run_cli)
    assert few["medications"][0]["response"]["journal_began"] is None
    assert few["medications"][0]["response"]["baseline_days"] == 2
    assert few["in_short"].startswith("Too few pain ratings before the start to compare · ")
    checkins(run_cli, [START - timedelta(days=n) for n in (3, 4, 5)], 7)
    enough = summary(run_cli)
    response = enough["medications"][0]["response"]
    assert response["journal_began"] is None and response["baseline_days"] == 5
    assert enough["in_short"].startswith("Pain 7.0 → 4.0 (−43%), meaningful improvement · ")


def test_too_few_ratings_in_the_last_days(run_cli: Cli) -> None:
    added = run_cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-01")
    assert added.exit_code == 0, added.output
    checkins(run_cli, [date(2026, 2, 1) - timedelta(days=n) for n in range(1, 8)], 7)
    checkins(run_cli, [LAST - timedelta(days=n) for n in range(2)], 4)
    assert summary(run_cli)["in_short"].startswith("Too few pain ratings in the last 14 days to compare · ")


def test_page_one_says_it_in_english_and_german(run_cli: Cli, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    started_with_the_journal(run_cli)
    pages = {}
    for language in ("en", "de"):
        assert run_cli("setting", "summary_language", language).exit_code == 0
        out = tmp_path / f"{language}.pdf"
        made = run_cli("report", "-o", str(out), "--from", START.isoformat(), "--to", LAST.isoformat())
        assert made.exit_code == 0, made.output
        pages[language] = " ".join(pdf_text(out, 1, 1).split())
    english, german = pages["en"], pages["de"]
    assert (
        "In short: Started 2026-01-10, as the journal began: no before/after comparison possible" in english
    )
    assert "nothing recorded: the journal began 2026-01-10" in english
    assert "no pain comparison yet" not in english and "not enough data (0 rated days)" not in english
    assert "In Kürze: Begonnen am 10.01.2026, als das Tagebuch begann" in german
    assert "kein Vorher-nachher-Vergleich möglich" in german
    assert "nichts erfasst: das Tagebuch begann am 10.01.2026" in german


def test_rescue_painkillers_have_no_before_when_the_journal_began_with_the_start(run_cli: Cli) -> None:
    """The 14 days before the start were never recorded: no "0.0 → 7.0" as if no painkiller had been taken."""
    started_with_the_journal(run_cli)
    added = run_cli("med", "add", "Ibuprofen", "--dose", "400", "--as-needed", "--start", START.isoformat())
    assert added.exit_code == 0, added.output
    for n in range(5):  # typed in on 2026-03-15 for the days before
        taken = run_cli("take", "Ibuprofen", "--at", f"{(LAST - timedelta(days=n)).isoformat()} 09:00")
        assert taken.exit_code == 0, taken.output
    data = summary(run_cli)
    [duloxetine] = [m for m in data["medications"] if m["name"] == "Duloxetine"]
    [use] = duloxetine["rescue"]
    assert use["name"] == "Ibuprofen" and use["before"] is None
    assert use["now"]["days_per_week"] == pytest.approx(2.5)
