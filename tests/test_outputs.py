"""Every output file (PDF, JSON export, CSV folder, backup) is new, private, whole and synced, or not there at
all: never over another file or the journal, never through a temporary file someone else left (issue 19)."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from medjournal.storage import Journal
from medjournal.storage import output_file as out
from tests.conftest import Cli
from tests.diskfull import fill, small_disk


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_entries(run_cli: Cli) -> None:
    assert run_cli("med", "add", "Duloxetine", "--dose", "30", "--unit", "mg", "--times", "08:00",
                   "--start", "2026-03-01").exit_code == 0  # fmt: skip
    for day in range(1, 15):
        result = run_cli("checkin", "--pain", "5", "--mood", "5", "--date", f"2026-03-{day:02d}")
        assert result.exit_code == 0, result.output


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_report_refuses_to_write_over_the_journal(tmp_path: Path) -> None:
    journal_file = tmp_path / "J.pdf"
    run = Cli(journal_file, __import__("tests.conftest").conftest.NOW)
    with_entries(run)
    before = digest(journal_file)
    result = run("report", "-o", str(journal_file))
    assert result.exit_code == 1
    assert "is the journal itself" in result.output
    assert digest(journal_file) == before
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "command",
    [["report", "-o"], ["export", "-o"], ["backup", "-o"]],
    ids=["report", "export", "backup"],
)
def test_outputs_never_replace_an_existing_file(run_cli: Cli, tmp_path: Path, command: list[str]) -> None:
    with_entries(run_cli)
    target = tmp_path / ("mine.pdf" if command[0] == "report" else "mine.json")
    target.write_text("the person's own file")
    result = run_cli(*command, str(target))
    assert result.exit_code == 1, result.output
    assert "already exists" in result.output
    assert target.read_text() == "the person's own file"


@pytest.mark.parametrize("command", ["report", "export", "backup", "csv"])
def test_a_planted_temporary_file_or_symlink_is_never_used(
    run_cli: Cli, tmp_path: Path, command: str
) -> None:
    """The old fixed names (.NAME.partial, NAME.part, NAME.partial) are not used; a symlink there stays as is."""
    with_entries(run_cli)
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours")
    shared = tmp_path / "shared"
    shared.mkdir()
    name = {"report": "s.pdf", "csv": "csv"}.get(command, "s.json")
    target = shared / name
    for planted in (f".{name}.partial", f"{name}.part", f"{name}.partial", f"{name}.restoring"):
        (shared / planted).symlink_to(victim)
    args = {
        "report": ["report", "-o", str(target)],
        "export": ["export", "-o", str(target)],
        "backup": ["backup", "-o", str(target)],
        "csv": ["export", "--csv", str(target)],
    }[command]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "not yours"
    assert not target.is_symlink()
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode == (0o700 if command == "csv" else 0o600)
    leftovers = [p.name for p in shared.iterdir() if out._MARK in p.name]
    assert leftovers == []


def test_outputs_are_private_under_any_umask(run_cli: Cli, tmp_path: Path) -> None:
    with_entries(run_cli)
    old = os.umask(0)
    try:
        assert run_cli("report", "-o", str(tmp_path / "s.pdf")).exit_code == 0
        assert run_cli("export", "--csv", str(tmp_path / "csv")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "s.pdf").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "csv").stat().st_mode) == 0o700
    for child in (tmp_path / "csv").iterdir():
        assert stat.S_IMODE(child.stat().st_mode) == 0o600, child


def test_leftovers_of_killed_runs_are_removed_but_not_those_of_running_ones(
    run_cli: Cli, tmp_path: Path
) -> None:
    with_entries(run_cli)
    gone = dead_pid()
    killed_file = tmp_path / f".s.pdf{out._MARK}{gone}-abcd1234{out._SUFFIX}"
    killed_file.write_bytes(b"%PDF half")
    killed_folder = tmp_path / f".csv{out._MARK}{gone}-abcd1234{out._SUFFIX}"
    killed_folder.mkdir()
    (killed_folder / "checkins.csv").write_text("2 of 13 files")
    running = tmp_path / f".other.pdf{out._MARK}{os.getppid()}-abcd1234{out._SUFFIX}"
    running.write_bytes(b"being written")
    result = run_cli("export", "-o", str(tmp_path / "e.json"))
    assert result.exit_code == 0, result.output
    assert not killed_file.exists()
    assert not killed_folder.exists()
    assert running.exists()


def test_the_journal_folder_is_swept_when_the_journal_opens(run_cli: Cli, journal_path: Path) -> None:
    with_entries(run_cli)
    staged = out.temporary_name(journal_path).with_name(
        f".{journal_path.name}{out._MARK}{dead_pid()}-00000000{out._SUFFIX}"
    )
    staged.write_bytes(b"a restore that was killed")
    assert run_cli("today").exit_code == 0
    assert not staged.exists()


def test_a_csv_export_that_fails_half_way_leaves_no_folder(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medjournal.storage import exchange

    journal.add_checkin(pain=4, mood=5)
    real, calls = out.private_file, []

    def failing(path: Path) -> int:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path)

    monkeypatch.setattr(exchange, "private_file", failing)
    with pytest.raises(out.OutputError, match="is full"):
        exchange.export_csv(journal, tmp_path / "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in tmp_path.iterdir() if p.name.startswith("journal.db")
    )


def test_an_export_on_a_full_disk_says_so_and_leaves_nothing(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medjournal.storage import exchange

    journal.add_checkin(pain=4, mood=5, note="x" * 3000)

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(out.OutputError, match=r"The disk holding .* is full"):
        exchange.export_json(journal, tmp_path / "e.json")
    assert not (tmp_path / "e.json").exists()
    assert not [p for p in tmp_path.iterdir() if out._MARK in p.name]


@pytest.mark.parametrize("command", ["report", "export", "backup", "csv"])
def test_a_really_full_disk_writes_no_output_and_says_it_is_full(
    run_cli: Cli, tmp_path: Path, command: str
) -> None:
    with_entries(run_cli)
    with small_disk(tmp_path / "small", "96k") as disk:
        fill(disk, leave=4096)
        target = disk / {"report": "s.pdf", "csv": "csv"}.get(command, "s.json")
        args = {
            "report": ["report", "-o", str(target)],
            "export": ["export", "-o", str(target)],
            "backup": ["backup", "-o", str(target)],
            "csv": ["export", "--csv", str(target)],
        }[command]
        result = run_cli(*args)
        assert result.exit_code == 1, result.output
        assert "full" in result.output
        assert "Traceback" not in result.output
        assert not target.exists()
        assert [p.name for p in disk.iterdir()] == ["filler"]


def test_logs_and_settings_folders_are_private_under_umask_zero(tmp_path: Path) -> None:
    from medjournal.paths import AppPaths
    from medjournal.ui.app import setup_logging

    old = os.umask(0)
    try:
        paths = AppPaths(tmp_path / "data", tmp_path / "config", tmp_path / "logs")
        setup_logging(paths)
        from medjournal.ui.main_window import ui_settings

        settings = ui_settings()
        settings.setValue("window/section", "today")
        settings.sync()
    finally:
        os.umask(old)
        import logging
        from logging.handlers import RotatingFileHandler

        root = logging.getLogger("medjournal")
        for handler in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
            root.removeHandler(handler)
            handler.close()
    assert stat.S_IMODE((tmp_path / "logs").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "logs" / "medjournal.log").stat().st_mode) == 0o600
    config = Path(settings.fileName()).parent
    assert stat.S_IMODE(config.stat().st_mode) == 0o700
