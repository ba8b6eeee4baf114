"""The journal file's own refusals in German (storage/file_problem.py, docs/translating.md "Refusals of the
journal file"): a damaged, foreign, newer, busy, read-only or full journal, and a restore that is refused, each
run as a person runs the command, with ``LANG=de_DE.UTF-8``. Each gives one ``Fehler:`` line, word for word,
and leaves the journal's bytes as they were.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from pathlib import Path

import pytest

from medjournal.storage import open_journal, schema
from medjournal.storage.backup import backup_to_folder
from medjournal.storage.database import wal_has_content
from tests.diskfull import fill, small_disk
from tests.root_powers import without_root_powers
from tests.test_cli_german import run
from tests.test_cli_german_messages import ERROR, GERMAN, refusal
from tests.test_migrations import make_first_schema_journal

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def digest(path: Path) -> str:
    """The journal's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def journal_with_entries(path: Path) -> None:
    journal = open_journal(path)
    try:
        journal.add_medication("Duloxetin", 30, "mg", times="08:00", start="2026-03-01")
        journal.add_checkin(pain=4, mood=6, day="2026-03-13", at="2026-03-15 08:00")  # typed in late
    finally:
        journal.close()


def refused_in_german(path: Path, *args: str) -> str:
    """The ``Fehler:`` line of ``args`` run in German on the journal ``path``, which must be left byte for byte."""
    before = digest(path)
    line = refusal(run(path, *args, lang=GERMAN))
    assert digest(path) == before
    assert not wal_has_content(path)  # nothing waits to be written into it either
    assert line.startswith(ERROR)
    return line


def test_a_truncated_header_is_damage_and_the_newest_backup_is_named(journal_path: Path) -> None:
    journal_with_entries(journal_path)
    journal = open_journal(journal_path)
    try:
        kept = backup_to_folder(journal.db, journal_path.parent / "backups", "auto")
    finally:
        journal.close()
    journal_path.write_bytes(b"SQLite for")
    for args in (["checkin", "--pain", "5", "--date", "2026-03-14"], ["today"]):
        assert refused_in_german(journal_path, *args) == ERROR + (
            f"Das Tagebuch {journal_path} ist beschädigt (die Datei ist abgeschnitten). Die neueste intakte "
            f"Sicherung ist {kept} (verwenden Sie: medjournal restore DATEI)."
        )


def test_a_file_of_garbage_is_not_a_journal(journal_path: Path) -> None:
    journal_path.write_bytes(b"Kein Tagebuch, nur Text.\n" * 40)
    assert refused_in_german(journal_path, "checkin", "--pain", "5") == ERROR + (
        f"{journal_path} ist kein medjournal-Tagebuch (es ist keine SQLite-Datenbank)."
    )


def test_a_damaged_page_found_by_the_integrity_check(journal_path: Path) -> None:
    journal_with_entries(journal_path)
    data = bytearray(journal_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(page, len(data), page):  # every page's header but the first's: the file's own header
        data[start : start + 12] = bytes(range(12))
    journal_path.write_bytes(bytes(data))
    assert refused_in_german(journal_path, "checkin", "--pain", "5") == ERROR + (
        f"Das Tagebuch {journal_path} ist beschädigt (SQLite hat darin eine beschädigte Seite gefunden)."
    )


def test_a_journal_from_a_newer_version_asks_for_an_update(journal_path: Path) -> None:
    journal_with_entries(journal_path)
    conn = sqlite3.connect(journal_path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    for args in (["checkin", "--pain", "5"], ["today"]):
        assert refused_in_german(journal_path, *args) == ERROR + (
            f"Das Tagebuch {journal_path} wurde von einer neueren Version von medjournal geschrieben (Schema "
            f"{schema.SCHEMA_VERSION + 1}, diese Version kennt {schema.SCHEMA_VERSION}); bitte aktualisieren Sie "
            "medjournal. Das Tagebuch wurde nicht verändert."
        )


def test_an_upgrade_whose_backup_cannot_be_made_changes_nothing(journal_path: Path) -> None:
    make_first_schema_journal(journal_path)
    backups = journal_path.parent / "backups"
    backups.write_text("a file where the backups' folder belongs", encoding="utf-8")
    assert refused_in_german(journal_path, "checkin", "--pain", "5") == ERROR + (
        f"Das Tagebuch {journal_path} wurde nicht auf diese Version von medjournal aktualisiert, weil die "
        "Sicherung, die vor einer Aktualisierung angelegt wird, nicht angelegt werden konnte; das Tagebuch wurde "
        f"nicht verändert. Die Sicherung konnte nicht nach {backups} geschrieben werden (die Datei existiert "
        "bereits); das Tagebuch ist unverändert."
    )


def test_a_journal_busy_in_another_program(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    journal_with_entries(journal_path)
    monkeypatch.setattr("medjournal.storage.database.BUSY_TIMEOUT_MS", 50)  # not ten seconds of waiting
    other = sqlite3.connect(journal_path)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        line = refused_in_german(journal_path, "checkin", "--pain", "5", "--date", "2026-03-14")
    finally:
        other.rollback()
        other.close()
    assert line == ERROR + (
        f"Das Tagebuch {journal_path} wird gerade von einem anderen Programm verwendet; versuchen Sie es gleich "
        "noch einmal. Der Eintrag wurde nicht gespeichert."
    )
    journal = open_journal(journal_path)
    try:
        assert [c.day.isoformat() for c in journal.checkins()] == ["2026-03-13"]
    finally:
        journal.close()


@POSIX
def test_a_read_only_journal(journal_path: Path) -> None:
    journal_with_entries(journal_path)
    journal_path.chmod(0o400)
    try:
        with without_root_powers():
            line = refused_in_german(journal_path, "checkin", "--pain", "5")
    finally:
        journal_path.chmod(0o600)
    assert line == ERROR + (
        f"Das Tagebuch {journal_path} ist schreibgeschützt (seine Berechtigungen erlauben keine Änderungen); es "
        "wurde nichts verändert."
    )


def test_a_full_disk_never_advises_a_restore(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "512k") as disk:
        path = disk / "journal.db"
        journal_with_entries(path)
        journal = open_journal(path)
        try:  # a good backup that a refusal decided by its words could wrongly offer
            backup_to_folder(journal.db, disk / "backups", "auto")
        finally:
            journal.close()
        fill(disk, leave=16 * 1024)
        line = refused_in_german(path, "checkin", "--pain", "7", "--mood", "5")
    found = re.fullmatch(
        re.escape(ERROR + f"Der Datenträger mit {path} ist voll (")
        + r"\d+"
        + re.escape(
            " KiB frei); schaffen Sie Platz und versuchen Sie es erneut. Im Tagebuch wurde nichts verändert und "
            "nichts geht verloren: Stellen Sie keine Sicherung wieder her."
        ),
        line,
    )
    assert found, line


def test_a_restore_from_an_empty_or_damaged_backup_is_refused(journal_path: Path, tmp_path: Path) -> None:
    journal_with_entries(journal_path)
    empty = tmp_path / "leer.db"
    empty.write_bytes(b"")
    assert (
        refused_in_german(journal_path, "restore", str(empty)) == ERROR + f"Die Sicherung {empty} ist leer."
    )
    damaged = tmp_path / "journal-2026-03-14_210500-auto.db"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(84))
    assert refused_in_german(journal_path, "restore", str(damaged)) == ERROR + (
        f"Das Tagebuch {damaged} ist beschädigt (die Datei ist abgeschnitten)."
    )
