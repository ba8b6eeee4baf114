"""Shared fixtures. Qt runs offscreen, the clock is fixed, and nothing touches the real home directory."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from medjournal.domain.clock import FixedClock
from medjournal.storage import Journal, open_journal

# A Sunday morning in March; tests that need another moment move the clock.
NOW = datetime(2026, 3, 15, 9, 30).astimezone()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MEDJOURNAL_HOME", str(home))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("MEDJOURNAL_DB", raising=False)
    monkeypatch.delenv("MEDJOURNAL_NOW", raising=False)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(journal_path: Path, clock: FixedClock) -> Iterator[Journal]:
    opened = open_journal(journal_path, clock)
    yield opened
    opened.close()


class Cli:
    """Runs the command line in-process against one journal file with a fixed clock."""

    def __init__(self, db: Path, now: datetime) -> None:
        self.db = db
        self.now = now

    def __call__(self, *args: str, input: str | None = None) -> Result:
        from medjournal.cli import cli, register_commands

        register_commands()
        runner = CliRunner()
        return runner.invoke(
            cli,
            ["--db", str(self.db), *args],
            input=input,
            env={"MEDJOURNAL_NOW": self.now.isoformat()},
            catch_exceptions=True,
        )


@pytest.fixture
def run_cli(journal_path: Path) -> Cli:
    return Cli(journal_path, NOW)
