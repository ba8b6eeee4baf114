"""The -wal file comes and goes as other processes open and close the journal: looking at it never fails because
it vanished in between (a command-line writer was refused with "No such file or directory: journal.db-wal" while
a conversion ran beside it, tests/test_encryption_race.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medjournal.storage.database import wal_has_content


def test_a_wal_file_is_measured_where_it_is_and_not_there_where_it_is_gone(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    wal = tmp_path / "journal.db-wal"
    assert wal_has_content(journal) is False
    wal.write_bytes(b"")
    assert wal_has_content(journal) is False
    wal.write_bytes(b"x" * 32)
    assert wal_has_content(journal) is True


def test_a_wal_file_removed_between_looking_and_measuring_is_not_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old code asked exists() and then stat(): another process removing the file in between made stat()
    raise. Here exists() says yes and the file is gone, as in that race."""
    journal = tmp_path / "journal.db"
    monkeypatch.setattr(Path, "exists", lambda self, **_kw: True)
    assert not os.path.lexists(f"{journal}-wal")
    assert wal_has_content(journal) is False
