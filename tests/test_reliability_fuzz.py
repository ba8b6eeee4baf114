"""Hypothesis: random damage to a journal (and its -wal file) is refused cleanly, or the journal opens sound."""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import open_journal

NOW = datetime(2026, 3, 15, 9, 30).astimezone()
_counter = itertools.count()


class SoundFiles(dict[str, bytes]):
    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing example
        return "<the sound journal's bytes>"


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    path = tmp_path_factory.mktemp("fuzz-sound") / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-01-01")
    for number in range(120):
        journal.add_checkin(
            pain=number % 11, note=f"entry {number} " + "y" * (number * 7 % 300), day="2026-03-01"
        )
    journal.close()
    files = SoundFiles(main=path.read_bytes())
    journal = open_journal(path, FixedClock(NOW))
    for number in range(15):
        journal.add_treatment("exercise", minutes=number + 1, note=f"wal {number}")
    files["wal_main"], files["wal"] = path.read_bytes(), Path(f"{path}-wal").read_bytes()
    journal.close()
    return files


damage = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1, exclude_max=True), st.binary(max_size=0)),
    st.tuples(st.just("overwrite"), st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("zero"), st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=4096)),
)


def apply(data: bytes, how: tuple[str, float, bytes]) -> bytes:
    kind, where, noise = how
    offset = int(where * len(data))
    if kind == "truncate":
        return data[:offset]
    if kind == "zero":
        noise = bytes(len(noise))
    return data[:offset] + noise + data[offset + len(noise) :]


def fingerprint(path: Path) -> tuple[str | None, ...]:
    return tuple(
        hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None
        for p in (path, Path(f"{path}-wal"))
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(how=damage, with_wal=st.booleans(), damage_wal=st.booleans())
def test_random_damage_is_refused_untouched_or_opens_sound(
    tmp_path: Path, sound: dict[str, bytes], how: tuple[str, float, bytes], with_wal: bool, damage_wal: bool
) -> None:
    folder = tmp_path / str(next(_counter))
    folder.mkdir()
    path = folder / "journal.db"
    if with_wal:
        main, wal = sound["wal_main"], sound["wal"]
        if damage_wal:
            wal = apply(wal, how)
        else:
            main = apply(main, how)
        path.write_bytes(main)
        Path(f"{path}-wal").write_bytes(wal)
    else:
        path.write_bytes(apply(sound["main"], how))
    before = fingerprint(path)
    try:
        journal = open_journal(path, FixedClock(NOW))
    except JournalFileError as refused:
        assert str(path) in refused.message
        assert fingerprint(path) == before, "a refused journal must be left byte for byte"
        return
    try:
        # Opened: then it is sound, and every row of it can be read from SQLite. (Damage inside a value, such as
        # a JSON list overwritten with zeros, is invisible to SQLite's checks: see docs/data-safety.md.)
        assert journal.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for table in ("medications", "regimens", "checkins", "treatments", "dose_logs", "settings"):
            journal._rows(f"SELECT * FROM {table}")
    finally:
        journal.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
