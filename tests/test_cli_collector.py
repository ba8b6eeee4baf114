"""A command looks for reference cycles less often; the window starts with Python's own setting
(cli/__init__.py, ``COMMAND_COLLECTOR_THRESHOLD``)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from medjournal import cli as medjournal_cli


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["medjournal", *args])
    with pytest.raises(SystemExit) as ended:
        medjournal_cli.main()
    return int(ended.value.code or 0)


def test_a_command_runs_with_the_collector_looking_less_often_and_leaves_it_as_it_was(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    real_journal = medjournal_cli.Context.journal

    def journal(self: medjournal_cli.Context, *args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return real_journal(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(medjournal_cli.Context, "journal", journal)
    assert run_main(monkeypatch, "--db", str(tmp_path / "journal.db"), "checkin", "--pain", "4") == 0
    assert seen == [(medjournal_cli.COMMAND_COLLECTOR_THRESHOLD, *before[1:])]
    assert gc.get_threshold() == before


def test_the_window_starts_with_the_collector_as_python_sets_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from medjournal.ui import app

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    def run_window(db_path: Path, clock: object) -> int:
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(app, "run_window", run_window)
    assert run_main(monkeypatch, "--db", str(tmp_path / "journal.db")) == 0
    assert seen == [before]
    assert gc.get_threshold() == before
