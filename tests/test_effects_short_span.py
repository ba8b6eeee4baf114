"""A side effect's rate since a start is given only once 14 days have passed since it (docs/clinical.md §3.3):
nausea on the day after a start used to read "1 → 14.0 days per 14" and "more often since start". Entries are
typed in late, on the evening of the period's last day."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import Cli

END = date(2026, 3, 15)

ADD_DULOXETINE = ("med", "add", "Duloxetine", "--dose", "30", "--unit", "mg", "--times", "08:00", "--start")


def nausea_course(tmp_path: Path, days_since_start: int) -> dict[str, object]:
    start = END - timedelta(days=days_since_start - 1)
    run = Cli(tmp_path / f"journal-{days_since_start}.db", datetime(2026, 3, 15, 21, 30))
    for args in (
        (*ADD_DULOXETINE, start.isoformat()),
        ("side-effect", "nausea", "--severity", "1", "--date", (start - timedelta(days=3)).isoformat()),
        ("side-effect", "nausea", "--severity", "2", "--date", END.isoformat()),
        ("side-effect", "nausea", "--severity", "1", "--date", (END - timedelta(days=1)).isoformat()),
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
    report = run(
        "report", "--from", (END - timedelta(days=89)).isoformat(), "--to", END.isoformat(), "--json"
    )
    assert report.exit_code == 0, report.output
    [nausea] = json.loads(report.output)["side_effects"]
    return {key: nausea[key] for key in ("days_before_start", "per_14_days_since_start", "course")}


@pytest.mark.parametrize("days_since_start", [2, 13])
def test_under_14_days_since_the_start_there_is_no_rate_and_no_more_often(
    tmp_path: Path, days_since_start: int
) -> None:
    assert nausea_course(tmp_path, days_since_start) == {
        "days_before_start": 1,
        "per_14_days_since_start": None,
        "course": [],
    }


def test_from_14_days_since_the_start_the_rate_is_given(tmp_path: Path) -> None:
    assert nausea_course(tmp_path, 14) == {
        "days_before_start": 1,
        "per_14_days_since_start": 2.0,  # 2 days reported in the 14 since the start
        "course": ["more often since start"],
    }
