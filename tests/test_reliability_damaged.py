"""A damaged, truncated, foreign or too new journal is refused with its reason, and left exactly as it was."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import open_journal, schema
from medjournal.storage.backup import backup_to_folder

PAGE = 4096
NOW = datetime(2026, 3, 15, 9, 30).astimezone()


def fingerprint(path: Path) -> dict[str, str | None]:
    """Hashes of the journal and its -wal file (None where absent)."""
    out: dict[str, str | None] = {}
    for side in ("", "-wal"):
        candidate = Path(f"{path}{side}")
        out[side or "main"] = (
            hashlib.sha256(candidate.read_bytes()).hexdigest() if candidate.exists() else None
        )
    return out


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Bytes of a sound journal with a few hundred entries: checkpointed, and with a live -wal file."""
    folder = tmp_path_factory.mktemp("sound")
    path = folder / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-01-01")
    for number in range(300):
        journal.add_checkin(
            pain=number % 11, note=f"entry {number} " + "x" * (number % 200), day="2026-03-01"
        )
    journal.close()
    files = {"main": path.read_bytes()}
    journal = open_journal(path, FixedClock(NOW))
    for number in range(20):
        journal.add_side_effect("nausea", 1, note=f"in the wal {number}")
    files["wal_main"] = path.read_bytes()
    files["wal"] = Path(f"{path}-wal").read_bytes()
    journal.close()
    return files


def place(folder: Path, main: bytes, wal: bytes | None = None) -> Path:
    """Write a journal (and -wal) into ``folder`` with a good backup of the sound journal beside it."""
    path = folder / "journal.db"
    path.write_bytes(main)
    if wal is not None:
        Path(f"{path}-wal").write_bytes(wal)
    return path


def with_backup(folder: Path, sound: dict[str, bytes]) -> Path:
    source = folder / "source.db"
    source.write_bytes(sound["main"])
    conn = sqlite3.connect(source)
    written = backup_to_folder(conn, folder / "backups", "manual", NOW, "journal.db")
    conn.close()
    source.unlink()
    return written


def overwrite(data: bytes, offset: int, length: int, seed: int) -> bytes:
    noise = random.Random(seed).randbytes(length)
    return data[:offset] + noise + data[offset + length :]


def foreign_firefox(path: Path) -> None:
    db = Database(path)
    db.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    db.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    db.close()


def foreign_with_application_id(path: Path) -> None:
    db = Database(path)
    db.execute("PRAGMA application_id = 252006673")  # Fossil's
    db.execute("CREATE TABLE blob (rid INTEGER PRIMARY KEY, content BLOB)")
    db.close()


def foreign_sqlite_utils_app(path: Path) -> None:
    """Another program that also keeps its schema with sqlite-utils migrations (a different migration set)."""
    db = Database(path)
    db.execute(
        "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, "
        "applied_at TEXT)"
    )
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('notes', '0001', 'x')"
    )
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    db.close()


def newer(how: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        conn = sqlite3.connect(path)
        if how == "user_version":
            conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
        else:
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('medjournal', '0099_from_the_future', '2030-01-01')"
            )
            conn.commit()
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()

    return make


# (case id, how to make the file from the sound bytes, expected words of the message)
TRUNCATED = "truncated"
DAMAGED = "damaged"
NOT_SQLITE = "not an SQLite database"
FOREIGN = "another program"
NEWER = "newer version of medjournal"


def byte_cases(sound: dict[str, bytes]) -> dict[str, tuple[bytes, bytes | None, str]]:
    main, size = sound["main"], len(sound["main"])
    pages = size // PAGE
    assert pages >= 8, "the sound journal should span several pages"
    cases: dict[str, tuple[bytes, bytes | None, str]] = {
        "truncated to 10 bytes": (main[:10], None, TRUNCATED),
        "truncated to 60 bytes": (main[:60], None, TRUNCATED),
        "truncated to 300 bytes": (main[:300], None, TRUNCATED),
        "truncated to 1000 bytes": (main[:1000], None, TRUNCATED),
        "truncated to one page": (main[:PAGE], None, TRUNCATED),
        "truncated at half": (main[: size // 2], None, TRUNCATED),
        "truncated in the middle of a page": (main[: size // 2 + 1234], None, TRUNCATED),
        "truncated by one page": (main[:-PAGE], None, TRUNCATED),
        "truncated by 100 bytes": (main[:-100], None, TRUNCATED),
        "magic overwritten": (overwrite(main, 0, 16, 1), None, NOT_SQLITE),
        "page size overwritten": (main[:16] + b"\x00\x03" + main[18:], None, DAMAGED),
        "header fields overwritten": (overwrite(main, 40, 60, 2), None, DAMAGED),
        "schema page overwritten": (overwrite(main, 100, 64, 3), None, DAMAGED),
        "second page overwritten": (overwrite(main, PAGE, 64, 4), None, DAMAGED),
        "middle page overwritten": (overwrite(main, (pages // 2) * PAGE, 64, 5), None, DAMAGED),
        "last page overwritten": (overwrite(main, (pages - 1) * PAGE, 64, 6), None, DAMAGED),
        "whole middle page random": (overwrite(main, (pages // 2) * PAGE, PAGE, 7), None, DAMAGED),
        "with its -wal, main file truncated": (
            sound["wal_main"][: len(sound["wal_main"]) // 2],
            sound["wal"],
            DAMAGED,
        ),
        "with its -wal, a page overwritten": (
            overwrite(sound["wal_main"], 2 * PAGE, 64, 8),
            sound["wal"],
            DAMAGED,
        ),
        "text file": (b"Pain diary\n2026-03-01 pain 6\n" * 40, None, NOT_SQLITE),
        "png image": (b"\x89PNG\r\n\x1a\n" + bytes(2000), None, NOT_SQLITE),
        "json export": (b'{"format": "medjournal-export/1", "tables": {}}\n', None, NOT_SQLITE),
        "empty with a -wal": (b"", sound["wal"], DAMAGED),
    }
    return cases


BYTE_CASES = [
    "truncated to 10 bytes",
    "truncated to 60 bytes",
    "truncated to 300 bytes",
    "truncated to 1000 bytes",
    "truncated to one page",
    "truncated at half",
    "truncated in the middle of a page",
    "truncated by one page",
    "truncated by 100 bytes",
    "magic overwritten",
    "page size overwritten",
    "header fields overwritten",
    "schema page overwritten",
    "second page overwritten",
    "middle page overwritten",
    "last page overwritten",
    "whole middle page random",
    "with its -wal, main file truncated",
    "with its -wal, a page overwritten",
    "text file",
    "png image",
    "json export",
    "empty with a -wal",
]
BUILT_CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "sqlite file of a browser": (foreign_firefox, FOREIGN),
    "sqlite file with another application id": (foreign_with_application_id, FOREIGN),
    "sqlite-utils file of another program": (foreign_sqlite_utils_app, FOREIGN),
    "newer schema version": (newer("user_version"), NEWER),
    "unknown migration": (newer("migration"), NEWER),
}


def make_case(case: str, folder: Path, sound: dict[str, bytes]) -> tuple[Path, str]:
    if case in BUILT_CASES:
        build, expected = BUILT_CASES[case]
        path = folder / "journal.db"
        if case in ("newer schema version", "unknown migration"):
            path.write_bytes(sound["main"])
        build(path)
        return path, expected
    main, wal, expected = byte_cases(sound)[case]
    return place(folder, main, wal), expected


ALL_CASES = BYTE_CASES + list(BUILT_CASES)


@pytest.mark.parametrize("case", ALL_CASES)
def test_a_bad_journal_is_refused_and_left_byte_for_byte(
    case: str, tmp_path: Path, sound: dict[str, bytes]
) -> None:
    path, expected = make_case(case, tmp_path, sound)
    backup = with_backup(tmp_path, sound)
    before = fingerprint(path)
    with pytest.raises(JournalFileError) as refused:
        open_journal(path, FixedClock(NOW))
    assert expected in refused.value.message
    assert str(path) in refused.value.message
    assert refused.value.newest_backup == str(backup)
    assert fingerprint(path) == before
    assert not list(tmp_path.glob("journal.db.*-20*")), "nothing was set aside or restored by itself"


@pytest.mark.parametrize(
    "case",
    [
        "truncated at half",
        "page size overwritten",
        "text file",
        "sqlite file of a browser",
        "newer schema version",
        "with its -wal, a page overwritten",
    ],
)
def test_the_command_line_says_why_in_one_error_line_naming_the_backup(
    case: str, tmp_path: Path, sound: dict[str, bytes], run_cli: Any
) -> None:
    path, expected = make_case(case, tmp_path, sound)
    backup = with_backup(tmp_path, sound)
    before = fingerprint(path)
    assert run_cli.db == path
    result = run_cli("checkin", "--pain", "4")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert expected in lines[0] and str(backup) in lines[0]
    assert "Traceback" not in result.output + result.stderr
    assert fingerprint(path) == before


def test_without_backups_the_error_says_so_by_not_naming_one(tmp_path: Path, sound: dict[str, bytes]) -> None:
    path = place(tmp_path, sound["main"][: len(sound["main"]) // 2])
    with pytest.raises(JournalFileError) as refused:
        open_journal(path)
    assert refused.value.newest_backup is None


def test_an_empty_file_with_backups_is_refused_but_an_empty_new_one_is_used(
    tmp_path: Path, sound: dict[str, bytes]
) -> None:
    path = place(tmp_path, b"")
    open_journal(path).close()  # empty and no backups: a journal whose creation was interrupted
    assert path.stat().st_size > 0
    path.write_bytes(b"")
    with_backup(tmp_path, sound)
    with pytest.raises(JournalFileError, match="empty"):
        open_journal(path)
    assert path.stat().st_size == 0


def test_the_sound_journal_with_its_wal_opens_with_every_entry(
    tmp_path: Path, sound: dict[str, bytes]
) -> None:
    """The control case: the same bytes, undamaged, open (so the refusals above are about the damage)."""
    path = place(tmp_path, sound["wal_main"], sound["wal"])
    journal = open_journal(path, FixedClock(NOW))
    try:
        assert journal.counts()["checkins"] == 300
        assert journal.counts()["side_effects"] == 20
    finally:
        journal.close()


def test_a_damaged_backup_is_skipped_for_the_newest_good_one(tmp_path: Path, sound: dict[str, bytes]) -> None:
    good = with_backup(tmp_path, sound)
    newer_but_bad = good.with_name("journal-2026-03-16_080000-auto.db")
    shutil.copy(good, newer_but_bad)
    data = newer_but_bad.read_bytes()
    newer_but_bad.write_bytes(data[: len(data) // 2])
    path = place(tmp_path, b"not a journal at all" * 100)
    with pytest.raises(JournalFileError) as refused:
        open_journal(path)
    assert refused.value.newest_backup == str(good)
