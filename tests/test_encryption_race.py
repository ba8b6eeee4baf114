"""Conversions against command-line writers: while several `medjournal` processes record entries, `medjournal
encrypt`, `passphrase` and `decrypt` run again and again. A conversion renames a new file over the journal, so a
writer that had the old file open would write into a file that no longer has a name (or put its -wal beside
the new one); every acknowledged entry must be in the journal at the end, and the journal must stay sound."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from medjournal.storage import cipher
from medjournal.storage.database import inspect_file
from tests import crash_writer
from tests.conftest import NOW, Cli

WRITER = str(Path(crash_writer.__file__))
WRITERS = 4
ENTRIES_EACH = 15
CONVERSIONS = 6
PASSPHRASE = "correct horse battery"


def notes_in(path: Path) -> list[str]:
    conn = cipher.connect(path.resolve().as_uri() + "?mode=ro", path, uri=True)
    try:
        return [str(row[0]) for row in conn.execute("SELECT note FROM treatments")]
    finally:
        conn.close()


def test_conversions_lose_no_entry_of_command_line_writers_running_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    run = Cli(path, NOW)
    assert run("treatment", "exercise", "--minutes", "10", "--note", "before").exit_code == 0
    env = {**os.environ, "MEDJOURNAL_NOW": NOW.isoformat()}
    writers = [
        subprocess.Popen(
            [sys.executable, WRITER, str(path), "--cli", str(1000 * (n + 1)), str(ENTRIES_EACH), str(secret)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(WRITERS)
    ]
    steps = (
        ["encrypt", "--new-passphrase-file", str(secret)],
        ["--passphrase-file", str(secret), "passphrase", "--new-passphrase-file", str(secret)],
        ["--passphrase-file", str(secret), "decrypt"],
    )
    conversions: list[subprocess.CompletedProcess[str]] = []
    writing = lambda: any(w.poll() is None for w in writers)  # noqa: E731
    while len(conversions) < CONVERSIONS or (writing() and len(conversions) < 4 * CONVERSIONS):
        step = steps[len(conversions) % len(steps)]
        conversions.append(
            subprocess.run(
                [sys.executable, "-m", "medjournal", "--db", str(path), *step],
                capture_output=True,
                text=True,
                env=env,
                timeout=180,
            )
        )
    acknowledged: list[int] = []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        acknowledged += [int(line.split()[3]) for line in out.splitlines() if line.startswith("ack")]
    for done in conversions:
        assert done.returncode == 0, done.stderr
    assert len(acknowledged) == WRITERS * ENTRIES_EACH
    if cipher.looks_encrypted(path):
        cipher.unlock(path, PASSPHRASE)
    try:
        assert inspect_file(path, thorough=True) is None
        found = set(notes_in(path))
    finally:
        cipher.forget_all()
    missing = sorted(n for n in acknowledged if crash_writer.note_for(n) not in found)
    assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged entries lost: {missing[:10]}"
    assert "before" in found
