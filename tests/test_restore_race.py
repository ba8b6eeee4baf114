"""Restore against command-line writers (issue 19, point 1): while several `medjournal` processes record
entries, `medjournal restore` runs again and again; every acknowledged entry must end up in the journal or in
one of the before-restore backups, and the journal must stay sound."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from medjournal.storage.backup import list_backups
from medjournal.storage.database import inspect_file
from tests import crash_writer
from tests.conftest import NOW, Cli

WRITER = str(Path(crash_writer.__file__))
WRITERS = 4
ENTRIES_EACH = 20
RESTORES = 8


def notes_in(path: Path) -> set[str]:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return {str(row[0]) for row in conn.execute("SELECT note FROM treatments")}
    finally:
        conn.close()


def test_restore_loses_no_entry_of_command_line_writers_running_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    run = Cli(path, NOW)
    assert run("treatment", "exercise", "--minutes", "10", "--note", "before the backup").exit_code == 0
    saved = tmp_path / "saved.db"
    assert run("backup", "-o", str(saved)).exit_code == 0
    env = {**os.environ, "MEDJOURNAL_NOW": NOW.isoformat()}
    writers = [
        subprocess.Popen(
            [sys.executable, WRITER, str(path), "--cli", str(1000 * (n + 1)), str(ENTRIES_EACH)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(WRITERS)
    ]
    restores: list[subprocess.CompletedProcess[str]] = []
    writing = lambda: any(w.poll() is None for w in writers)  # noqa: E731
    while len(restores) < RESTORES or (writing() and len(restores) < 3 * RESTORES):
        restores.append(
            subprocess.run(
                [sys.executable, "-m", "medjournal", "--db", str(path), "restore", str(saved)],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
            )
        )
    acknowledged: list[int] = []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        acknowledged += [int(line.split()[3]) for line in out.splitlines() if line.startswith("ack")]
    for done in restores:
        assert done.returncode == 0, done.stderr
        assert "Restored" in done.stdout
    assert len(acknowledged) == WRITERS * ENTRIES_EACH
    assert inspect_file(path, thorough=True) is None
    kept = list_backups(tmp_path / "backups", "journal.db")
    assert len([b for b in kept if "-before-restore" in b.name]) >= RESTORES
    found = notes_in(path)
    for backup in kept:
        found |= notes_in(backup)
    missing = sorted(n for n in acknowledged if crash_writer.note_for(n) not in found)
    assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged entries lost: {missing[:10]}"
