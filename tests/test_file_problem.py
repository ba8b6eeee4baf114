"""Refusals decided by their typed reason and SQLite's result code, never by their words
(storage/file_problem.py, docs/translating.md "Refusals of the journal file")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from medjournal.domain.errors import DiskFullError, JournalFileError
from medjournal.i18n import use_language
from medjournal.storage import cipher
from medjournal.storage import file_problem as words
from medjournal.storage.database import sqlite_problem
from medjournal.storage.file_problem import Reason


def busy_error(path: Path) -> sqlite3.OperationalError:
    """A real ``database is locked`` from SQLite: another connection holds the write lock."""
    holder = sqlite3.connect(path)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        holder.rollback()
        holder.close()
    return caught.value


def test_a_real_busy_error_is_told_by_its_code_in_any_language(tmp_path: Path) -> None:
    error = busy_error(tmp_path / "journal.db")
    assert words.sqlite_code(error) == words.SQLITE_BUSY
    with use_language("de"):
        problem = sqlite_problem(tmp_path / "journal.db", error)
    assert problem.reason is Reason.BUSY
    assert problem.message.startswith("Das Tagebuch ") and "anderen Programm" in problem.message


def test_the_code_wins_over_the_words(tmp_path: Path) -> None:
    """SQLite's words are read only for an error made without a code: a code of SQLITE_FULL is a full disk
    whatever the text says, and a 'locked' in a text with another code is not taken for busy."""
    full = sqlite3.OperationalError("something unexpected")
    full.sqlite_errorcode = 13  # SQLITE_FULL
    corrupt = sqlite3.DatabaseError("row locked in a damaged page")
    corrupt.sqlite_errorcode = 11 | (1 << 8)  # an extended SQLITE_CORRUPT code
    assert sqlite_problem(tmp_path / "journal.db", full).reason is Reason.DISK_FULL
    assert sqlite_problem(tmp_path / "journal.db", corrupt).reason is Reason.DAMAGED
    assert words.sqlite_code(sqlite3.OperationalError("database is locked")) == words.SQLITE_BUSY  # no code


def test_a_full_disk_is_a_disk_full_error_in_german_too(tmp_path: Path) -> None:
    error = sqlite3.OperationalError("database or disk is full")
    with use_language("de"):
        raised = sqlite_problem(tmp_path / "journal.db", error).error(newest_backup="backup.db")
    assert isinstance(raised, DiskFullError)
    assert raised.newest_backup is None  # a full disk never names a backup
    assert raised.message == (
        f"Der Datenträger mit {tmp_path / 'journal.db'} ist voll; schaffen Sie Platz und versuchen Sie es "
        "erneut. Es ist nichts verloren gegangen."
    )
    with use_language("de"):
        damaged = words.TRUNCATED(path=tmp_path / "journal.db").error(newest_backup="backup.db")
    assert type(damaged) is JournalFileError and damaged.newest_backup == "backup.db"


def test_an_error_of_sqlcipher_keeps_its_code_when_it_becomes_the_standard_librarys() -> None:
    sqlcipher3 = pytest.importorskip("sqlcipher3")
    conn = sqlcipher3.connect(":memory:")
    try:
        with pytest.raises(sqlcipher3.OperationalError) as caught:
            conn.execute("SELECT * FROM no_such_table")
    finally:
        conn.close()
    translated = cipher._translate(caught.value)
    assert isinstance(translated, sqlite3.OperationalError)
    assert translated.sqlite_errorcode == caught.value.sqlite_errorcode == 1
