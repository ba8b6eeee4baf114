"""The demo stays a demo (docs/command-line.md): nothing after now, and never in the person's own journal."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from medjournal.paths import resolve_journal_path
from tests.conftest import Cli

MOMENTS = {
    "dose_logs": "taken_at",
    "checkins": "time",
    "safety_events": "occurred_at",
}


@pytest.mark.parametrize(
    "now", ["2026-03-15T04:05", "2026-03-15T09:30", "2026-03-15T13:10", "2026-03-15T23:50"]
)
def test_the_demo_never_writes_after_now(journal_path: Path, now: str) -> None:
    result = Cli(journal_path, datetime.fromisoformat(now).astimezone())("demo", "--days", "60")
    assert result.exit_code == 0, result.output
    limit = datetime.fromisoformat(now).astimezone()
    later: list[str] = []
    with sqlite3.connect(journal_path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for column in {"recorded_at", MOMENTS.get(table, "recorded_at")} & set(columns):
                for (value,) in conn.execute(f"SELECT {column} FROM {table} WHERE {column} != ''"):
                    if value and datetime.fromisoformat(value) > limit:
                        later.append(f"{table}.{column} {value}")
            if "day" in columns:
                for (value,) in conn.execute(f"SELECT day FROM {table}"):
                    if value > limit.date().isoformat():
                        later.append(f"{table}.day {value}")
        dose_today = conn.execute("SELECT count(*) FROM dose_logs WHERE day = '2026-03-15'").fetchone()[0]
    assert later == []
    if now.endswith("04:05"):
        assert dose_today == 0  # the morning dose is still to come


def test_demo_without_db_writes_a_separate_demo_journal() -> None:
    from medjournal.cli import cli, register_commands

    register_commands()
    result = CliRunner().invoke(cli, ["demo", "--days", "30"], env={"MEDJOURNAL_NOW": "2026-03-15T21:00"})
    assert result.exit_code == 0, result.output
    own = resolve_journal_path(None)
    demo = own.with_name("demo-journal.db")
    assert demo.exists()
    assert f"Open it with: medjournal --db {demo}" in result.output
    if own.exists():  # opening may create it; it must hold nothing
        with sqlite3.connect(own) as conn:
            assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
