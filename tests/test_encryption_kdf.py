"""The passphrase's key derivation is SQLCipher 4's own (docs/data-safety.md, *The format* and *Speed*): the key
medjournal derives is the one ``PRAGMA key = 'passphrase'`` derives in any SQLCipher, whatever computes it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, encryption, open_journal
from tests.conftest import NOW


@pytest.fixture(autouse=True)
def _no_keys_left() -> Iterator[None]:
    cipher.forget_all()
    yield
    cipher.forget_all()


@pytest.mark.parametrize(
    "passphrase", ["correct horse battery", "Schlüssel für Düloxetin ☂", "x" * 1024, " leading and trailing "]
)
def test_the_key_is_pbkdf2_hmac_sha512_with_sqlciphers_iterations(passphrase: str) -> None:
    salt = bytes(range(16))
    expected = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, 256_000, 32)
    assert cipher.derive_key(passphrase, salt) == expected
    assert cipher.derive_key(passphrase, bytes(16)) != expected  # the salt counts


def test_without_the_cryptography_package_the_key_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "cryptography.hazmat.primitives.kdf.pbkdf2", None)  # import fails
    salt = bytes(range(16))
    assert cipher.derive_key("correct horse battery", salt) == hashlib.pbkdf2_hmac(
        "sha512", b"correct horse battery", salt, 256_000, 32
    )


def test_sqlcipher_opens_the_journal_with_the_passphrase_itself(tmp_path: Path) -> None:
    """No raw key here: SQLCipher derives it from the passphrase, as the ``sqlcipher`` tool does."""
    sqlcipher3 = pytest.importorskip("sqlcipher3")
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_checkin(pain=4, day="2026-03-13", note="entered late")
    journal.close()
    encryption.convert(path, "Schlüssel für Düloxetin")
    cipher.forget_all()
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute("PRAGMA key = 'Schlüssel für Düloxetin'")
        assert conn.execute("SELECT day, pain, note FROM checkins").fetchall() == [
            ("2026-03-13", 4, "entered late")
        ]
    finally:
        conn.close()
    wrong = sqlcipher3.connect(str(path))
    try:
        wrong.execute("PRAGMA cipher_log_level = NONE")
        wrong.execute("PRAGMA key = 'Schlussel fur Duloxetin'")
        with pytest.raises(sqlcipher3.DatabaseError, match="not a database"):
            wrong.execute("SELECT count(*) FROM checkins").fetchall()
    finally:
        wrong.close()
