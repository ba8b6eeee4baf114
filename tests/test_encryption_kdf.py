"""The passphrase's key derivation is SQLCipher 4's own (docs/data-safety.md, *The format* and *Speed*): the key
medjournal derives is the one ``PRAGMA key = 'passphrase'`` derives in any SQLCipher, whatever computes it."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, encryption, key_derivation, open_journal
from tests.conftest import NOW


@pytest.mark.parametrize(
    "passphrase", ["correct horse battery", "Schlüssel für Düloxetin ☂", "x" * 1024, " leading and trailing "]
)
def test_the_key_is_pbkdf2_hmac_sha512_with_sqlciphers_iterations(passphrase: str) -> None:
    salt = bytes(range(16))
    expected = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, 256_000, 32)
    assert cipher.derive_key(passphrase, salt) == expected
    assert cipher.derive_key(passphrase, bytes(16)) != expected  # the salt counts


@pytest.fixture
def _choose_again() -> Iterator[None]:
    key_derivation.pbkdf2.cache_clear()
    yield
    key_derivation.pbkdf2.cache_clear()


@pytest.mark.parametrize("load", key_derivation.IMPLEMENTATIONS, ids=lambda load: load.__name__)
def test_every_implementation_computes_the_same_key(load: Callable[[], key_derivation.Pbkdf2 | None]) -> None:
    implementation = load()
    if implementation is None:
        pytest.skip(f"{load.__name__} is not available here")
    salt = bytes(range(16))
    for secret in (b"correct horse battery", "Schlüssel ☂".encode(), b"x" * 1024):
        assert implementation(secret, salt, 256_000) == hashlib.pbkdf2_hmac(
            "sha512", secret, salt, 256_000, 32
        )


def test_on_linux_the_key_is_derived_by_sqlciphers_own_openssl(_choose_again: None) -> None:
    """The implementation that lets go of Python's lock is the one chosen where the wheel allows it."""
    pytest.importorskip("sqlcipher3")
    if sys.platform != "linux":
        pytest.skip("only the Linux wheels are known to export OpenSSL's functions")
    assert key_derivation.pbkdf2().__qualname__.startswith("_sqlcipher_openssl")


def test_an_implementation_that_computes_something_else_is_never_used(
    monkeypatch: pytest.MonkeyPatch, _choose_again: None
) -> None:
    def wrong() -> key_derivation.Pbkdf2:
        return lambda secret, salt, iterations: hashlib.pbkdf2_hmac("sha256", secret, salt, iterations, 32)

    def broken() -> key_derivation.Pbkdf2:
        def fail(secret: bytes, salt: bytes, iterations: int) -> bytes:
            raise ValueError("PKCS5_PBKDF2_HMAC failed")

        return fail

    monkeypatch.setattr(key_derivation, "IMPLEMENTATIONS", (wrong, broken, lambda: None))
    salt = bytes(range(16))
    expected = hashlib.pbkdf2_hmac("sha512", b"correct horse battery", salt, 256_000, 32)
    assert cipher.derive_key("correct horse battery", salt) == expected  # hashlib's, the reference


def test_without_the_cryptography_package_the_key_is_the_same(
    monkeypatch: pytest.MonkeyPatch, _choose_again: None
) -> None:
    monkeypatch.setitem(sys.modules, "cryptography.hazmat.primitives.kdf.pbkdf2", None)  # import fails
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)
    salt = bytes(range(16))
    assert cipher.derive_key("correct horse battery", salt) == hashlib.pbkdf2_hmac(
        "sha512", b"correct horse battery", salt, 256_000, 32
    )


def test_the_background_derivation_gives_the_same_key_and_its_errors() -> None:
    salt = bytes(range(16))
    derivation = key_derivation.Derivation("Schlüssel für Düloxetin", salt)
    expected = hashlib.pbkdf2_hmac("sha512", "Schlüssel für Düloxetin".encode(), salt, 256_000, 32)
    assert derivation.key() == expected
    assert derivation.key() == expected  # asked again: the same, no second derivation
    with pytest.raises(TypeError):
        key_derivation.Derivation("x", None).key()  # type: ignore[arg-type]  # raised here, not lost


def encrypted_with(tmp_path: Path, passphrase: str) -> Path:
    """A journal with one check-in entered late, encrypted with ``passphrase``, its key forgotten."""
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_checkin(pain=4, day="2026-03-13", note="entered late")
    journal.close()
    encryption.convert(path, passphrase)
    cipher.forget_all()
    return path


def test_sqlcipher_opens_the_journal_with_the_passphrase_itself(tmp_path: Path) -> None:
    """No raw key here: SQLCipher derives it from the passphrase, as the ``sqlcipher`` tool does."""
    sqlcipher3 = pytest.importorskip("sqlcipher3")
    path = encrypted_with(tmp_path, "Schlüssel für Düloxetin")
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


def test_an_unlock_begun_in_the_background_holds_the_key_only_once_it_opened_the_file(tmp_path: Path) -> None:
    path = encrypted_with(tmp_path, "correct horse battery")
    before = path.read_bytes()
    with pytest.raises(cipher.WrongPassphrase, match="is empty"):
        cipher.begin_unlock(path, "")  # refused at once: nothing to derive
    pending = cipher.begin_unlock(path, "correct horse batterY")
    assert cipher.key_for(path) is None
    with pytest.raises(cipher.WrongPassphrase, match="does not open the journal"):
        pending.finish()
    assert cipher.key_for(path) is None
    pending = cipher.begin_unlock(path, "correct horse battery")
    assert cipher.key_for(path) is None  # not before it has been checked against the file
    pending.finish()
    assert cipher.key_for(path) is not None
    assert path.read_bytes() == before  # checking wrote nothing
    journal = open_journal(path, FixedClock(NOW))
    try:
        assert [(c.day.isoformat(), c.note) for c in journal.checkins()] == [("2026-03-13", "entered late")]
    finally:
        journal.close()
