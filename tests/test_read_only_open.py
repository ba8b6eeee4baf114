"""Read commands (``today``, ``med list``, ``stock``) open the journal read-only, and lose no guarantee by it.

Run through the command line: the same output as the full open, a damaged or foreign file refused with the same
line and left byte for byte as it was, an old journal still upgraded, a write through a read-only journal refused.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import Result

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal, schema
from medjournal.storage.read_only import open_journal_read_only
from tests.conftest import Cli

NOW = datetime(2026, 3, 15, 9, 30).astimezone()
READ_COMMANDS = [
    ["today", "--json"],
    ["med", "list", "--json"],
    ["stock", "--json"],
    ["today"],
    ["med", "list"],
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    """A journal with a schedule, stock, a dose typed in two days late and an as-needed dose."""
    path = tmp_path / "journal.db"
    cli = Cli(path, NOW)
    assert cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00", "--start", "2026-03-01",
               "--stock", "28", "--unit-size", "30").exit_code == 0  # fmt: skip
    assert cli("med", "add", "Ibuprofen", "--dose", "400", "--as-needed", "--max-daily", "3").exit_code == 0
    assert cli("take", "Duloxetine", "--at", "2026-03-15 08:10").exit_code == 0
    assert cli("take", "Ibuprofen", "--at", "2026-03-15 09:00").exit_code == 0
    late = Cli(path, datetime(2026, 3, 17, 21, 0).astimezone())  # typed in on the 17th for the 15th
    assert late("take", "Duloxetine", "--at", "2026-03-15 20:05").exit_code == 0
    return path


def full_open_output(path: Path, args: list[str]) -> str:
    """What the command printed before read commands had a read-only open: run it on a journal already open."""
    from click.testing import CliRunner

    from medjournal.cli import Context, cli, register_commands

    register_commands()
    context = Context(path, FixedClock(NOW))
    context._journal = open_journal(path, FixedClock(NOW))
    try:
        result = CliRunner().invoke(cli.commands[args[0]], args[1:], obj=context, catch_exceptions=False)
    finally:
        context.close()
    return result.output


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_a_read_command_prints_what_the_full_open_prints(journal_file: Path, args: list[str]) -> None:
    expected = full_open_output(journal_file, args)
    before = digest(journal_file)
    result = Cli(journal_file, NOW)(*args)
    assert result.exit_code == 0, result.output
    assert result.output == expected
    assert digest(journal_file) == before


def test_today_shows_the_dose_typed_in_late(journal_file: Path) -> None:
    result = Cli(journal_file, NOW)("today", "--json", "--at", "2026-03-15 21:00")
    slots = json.loads(result.output)["slots"]
    assert [(s["slot"], s["status"]) for s in slots if s["medication"] == "Duloxetine"] == [
        ("08:00", "taken"),
        ("20:00", "taken"),
    ]


def damaged_copies(source: Path, folder: Path) -> dict[str, Path]:
    data = source.read_bytes()
    made = {
        "garbage header": b"not a journal at all" + data[20:],
        "truncated": data[:1000],
        "bad page size": data[:16] + b"\x00\x03" + data[18:],
    }
    paths = {}
    for name, content in made.items():
        path = folder / f"{name.replace(' ', '-')}.db"
        path.write_bytes(content)
        paths[name] = path
    import sqlite3

    foreign = folder / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    paths["foreign"] = foreign
    newer = folder / "newer.db"
    newer.write_bytes(data)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    paths["newer"] = newer
    return paths


def only_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    return lines[0]


@pytest.mark.parametrize("args", [["today", "--json"], ["med", "list"], ["stock", "--json"]], ids=" ".join)
def test_a_damaged_or_foreign_file_is_refused_and_left_as_it_was(
    journal_file: Path, tmp_path: Path, args: list[str]
) -> None:
    for name, path in damaged_copies(journal_file, tmp_path).items():
        before = digest(path)
        message = only_error(Cli(path, NOW)(*args))
        assert digest(path) == before, name
        # The same sentence as a writing command gives (both come from the full open's checks).
        assert message == only_error(Cli(path, NOW)("checkin", "--pain", "5")), name
        assert digest(path) == before, name
        assert str(path) in message


def test_an_old_journal_is_still_upgraded_by_a_read_command(tmp_path: Path) -> None:
    from sqlite_utils import Database

    path = tmp_path / "first-release.db"
    db = Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    schema.migrations.apply(db, stop_before="0002_stock_and_warnings")
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute(
        "INSERT INTO medications (name, recorded_at) VALUES ('Duloxetine', '2026-01-01T08:00:00+00:00')"
    )
    db.close()
    assert open_journal_read_only(path, FixedClock(NOW)) is None  # it must be upgraded: the full open
    result = Cli(path, NOW)("med", "list", "--json")
    assert result.exit_code == 0, result.output
    assert [m["name"] for m in json.loads(result.output)["medications"]] == ["Duloxetine"]
    journal = open_journal_read_only(path, FixedClock(NOW))
    assert journal is not None  # upgraded by the read command's full open, so now read-only will do
    journal.close()


def test_a_missing_or_empty_file_takes_the_full_open(tmp_path: Path) -> None:
    assert open_journal_read_only(tmp_path / "absent.db") is None
    (tmp_path / "empty.db").write_bytes(b"")
    assert open_journal_read_only(tmp_path / "empty.db") is None
    assert not (tmp_path / "absent.db").exists()


def test_a_write_through_a_read_only_journal_is_refused(journal_file: Path) -> None:
    before = digest(journal_file)
    journal = open_journal_read_only(journal_file, FixedClock(NOW))
    assert journal is not None
    try:
        assert not hasattr(journal, "add_checkin")  # the reads only: no write can be asked of it
        with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only"):  # nor can SQL write
            journal.db.execute(
                "INSERT INTO checkins (day, time, pain, mood, locations, note, recorded_at) "
                "VALUES ('2026-03-15', '2026-03-15T09:00:00+01:00', 4, 5, '[]', '', '2026-03-15')"
            )
        assert journal.checkins() == []
    finally:
        journal.close()
    assert digest(journal_file) == before
    reopened = open_journal(journal_file, FixedClock(NOW))
    assert reopened.counts()["checkins"] == 0
    reopened.close()


def test_read_commands_load_neither_sqlite_utils_nor_qt(journal_file: Path) -> None:
    for args in (["today", "--json"], ["med", "list", "--json"], ["stock", "--json"]):
        code = (
            "import sys\n"
            "from medjournal.cli import main\n"
            f"sys.argv = ['medjournal', '--db', {str(journal_file)!r}, *{args!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlite_utils', 'numpy', 'PySide6')))\n"
        )
        env = {"MEDJOURNAL_NOW": NOW.isoformat(), "PATH": "/usr/bin:/bin"}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        assert result.stdout.strip().splitlines()[-1] == "[]", args
        assert result.stdout.strip().splitlines()[0] in ("{", "Duloxetine (current, since 2026-03-01)")


def test_a_damaged_page_met_by_a_read_is_one_error_line(tmp_path: Path) -> None:
    """The read-only open skips integrity_check; a read that meets the damage still stops with one line."""
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-01-01")
    for number in range(400):
        journal.add_checkin(pain=number % 11, mood=5, note="x" * 300, day="2026-03-14")
    journal.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(len(data) - 6 * page, len(data), page):  # the newest check-ins' pages
        data[offset : offset + 64] = bytes(range(64))
    path.write_bytes(bytes(data))
    before = digest(path)
    reader = open_journal_read_only(path, FixedClock(NOW))
    assert reader is not None  # the header and schema are sound: the read-only open takes it
    reader.close()
    message = only_error(Cli(path, NOW)("today", "--json"))
    assert "is damaged (SQLite found a damaged page in it)" in message, message  # met by a read, not the open
    assert digest(path) == before
    # A writing command's full open finds the damage before anything is written.
    refused = only_error(Cli(path, NOW)("checkin", "--pain", "5"))
    assert "is damaged" in refused and "newest good backup" in refused
    assert digest(path) == before


def test_damaged_text_in_the_migrations_table_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """The schema check reads every column the migration step reads, so the file is refused untouched."""
    import sqlite3

    path = tmp_path / "journal.db"
    open_journal(path, FixedClock(NOW)).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE _sqlite_migrations SET applied_at = CAST(x'32ff30' AS TEXT)")
    conn.commit()
    conn.close()
    assert not Path(f"{path}-wal").exists()
    before = digest(path)
    for args in (["today", "--json"], ["checkin", "--pain", "4"]):
        assert "is damaged" in only_error(Cli(path, NOW)(*args))
        assert digest(path) == before
        assert not Path(f"{path}-wal").exists()


def test_the_expected_schema_made_without_sqlite_utils_is_sqlite_utils_own() -> None:
    from medjournal.storage.read_only import expected_objects_plain
    from medjournal.storage.schema_check import expected_objects, expected_objects_migrated

    for count in range(1, len(schema.MIGRATION_NAMES) + 1):
        applied = schema.MIGRATION_NAMES[:count]
        assert (
            expected_objects_plain(applied) == expected_objects_migrated(applied) == expected_objects(applied)
        )


def test_the_schema_written_out_is_what_the_migrations_make_now() -> None:
    """storage/expected_schema.py is a copy for speed: after a new migration, write it again
    (python -m medjournal.storage.expected_schema)."""
    from medjournal.storage import expected_schema
    from medjournal.storage.schema_check import expected_objects_migrated

    assert expected_schema.MIGRATIONS == schema.MIGRATION_NAMES
    assert expected_objects_migrated(schema.MIGRATION_NAMES) == expected_schema.OBJECTS
    assert expected_schema.objects_for(schema.MIGRATION_NAMES[:-1]) is None  # an older list: made from them


@pytest.mark.parametrize("args", [["today", "--json"], ["med", "list"], ["stock", "--json"]], ids=" ".join)
def test_a_hostile_journal_is_refused_by_read_commands_untouched(tmp_path: Path, args: list[str]) -> None:
    from tests.test_hostile_files import HOSTILE, make_hostile, sound_journal

    for attack, sql in sorted(HOSTILE.items()):
        path = tmp_path / f"{attack}.db"
        sound_journal(path)
        make_hostile(path, sql)
        before = digest(path)
        assert open_journal_read_only(path, FixedClock(NOW)) is None, attack
        message = only_error(Cli(path, NOW)(*args))
        assert "is not a sound medjournal journal" in message, attack
        assert digest(path) == before
        assert not Path(f"{path}-wal").exists()


def test_a_command_that_reads_first_and_then_writes_gets_the_whole_journal(journal_file: Path) -> None:
    from medjournal.cli import Context
    from medjournal.storage.read_only import ReadOnlyJournal

    context = Context(journal_file, FixedClock(NOW))
    try:
        assert isinstance(context.journal(read_only=True), ReadOnlyJournal)
        writer = context.journal()
        writer.add_checkin(pain=4, mood=5)
        assert len(context.journal(read_only=True).checkins()) == 1
    finally:
        context.close()
    reopened = open_journal(journal_file, FixedClock(NOW))
    assert reopened.counts()["checkins"] == 1
    reopened.close()
