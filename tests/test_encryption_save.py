"""A check-in saved on an encrypted journal, as Today's Save button saves it: what the connection wrapper
(storage/cipher.py) costs each save (docs/data-safety.md, *Speed*)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, encryption, open_journal
from medjournal.ui.today.today_save import plan_save, write_plan
from tests.conftest import NOW

PASSPHRASE = "correct horse battery"
# Read by sqlite-utils and storage/ at every save; each is found on the wrapper's class, not through its
# ``__getattr__`` fallback (reached only after the ordinary lookup has failed, about 1.3 us each).
READ_AT_EVERY_SAVE = {"in_transaction", "lastrowid", "description", "rowcount"}


@pytest.fixture
def fallbacks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names looked up through the wrapper's ``__getattr__`` fallback, connection's and cursors'."""
    names: list[str] = []
    for kind in (cipher.CipherConnection, cipher._Cursor):
        original = kind.__getattr__

        def recording(self: Any, name: str, original: Any = original) -> Any:
            names.append(name)
            return original(self, name)

        monkeypatch.setattr(kind, "__getattr__", recording)
    yield names
    cipher.forget_all()


def test_a_save_on_an_encrypted_journal_reads_what_it_needs_without_the_fallback(
    tmp_path: Path, fallbacks: list[str]
) -> None:
    path = tmp_path / "journal.db"
    clock = FixedClock(NOW)
    plain = open_journal(path, clock)
    plain.add_checkin(day=NOW.date() - timedelta(days=1), pain=3, note="yesterday")
    plain.close()
    encryption.convert(path, PASSPHRASE)
    cipher.forget_all()
    cipher.unlock(path, PASSPHRASE)
    journal = open_journal(path, clock)
    try:
        assert isinstance(journal.db.conn, cipher.CipherConnection)
        fallbacks.clear()  # opening reads what it reads once; a save is what is repeated
        values = {"pain": 5, "mood": 6, "sleep": 5, "note": "typed late"}
        saved = write_plan(journal, plan_save(NOW.date(), values, None, {}, {}, {}), None)
        assert not journal.db.conn.in_transaction
    finally:
        journal.close()
    assert saved is not None and saved.pain == 5 and saved.note == "typed late"
    assert not READ_AT_EVERY_SAVE & set(fallbacks), fallbacks
    # The entry is in the file under the id the save returned, and the journal is still unreadable as plain.
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM checkins").fetchone()
    cipher.unlock(path, PASSPHRASE)
    again = open_journal(path, clock)
    try:
        rows = again.db.conn.execute("SELECT id, pain, note FROM checkins ORDER BY id").fetchall()
    finally:
        again.close()
    assert [tuple(row) for row in rows][-2:] == [(saved.id - 1, 3, "yesterday"), (saved.id, 5, "typed late")]
