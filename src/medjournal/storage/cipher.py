"""Passphrase encryption of a journal file with SQLCipher 4 (docs/data-safety.md says what it protects).

An encrypted journal is an SQLCipher 4 database with SQLCipher's default settings: its first 16 bytes are a
random salt, every page is encrypted with AES-256 and authenticated with HMAC-SHA512, and the key is derived
from the passphrase with PBKDF2-HMAC-SHA512 (256,000 iterations). The key is derived here, once per file
family, with the same function, so that every later connection (the window's, a backup's, a reader's) uses the
raw key instead of spending the derivation again. Backups of an encrypted journal are written with the same
key and salt, so the passphrase (or the recovery key) opens them too.

Keys live only in this process's memory (``_KEYS``, by salt); nothing here writes a passphrase or a key to a
file or a log. A connection to an encrypted file is wrapped so that its errors are the standard library's
``sqlite3`` exceptions: the rest of storage/ (and sqlite-utils) catches those.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from medjournal.domain.errors import JournalFileError
from medjournal.i18n import _
from medjournal.storage import key_derivation

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = key_derivation.KEY_BYTES
KDF_ITERATIONS = key_derivation.KDF_ITERATIONS  # SQLCipher 4's default (PBKDF2-HMAC-SHA512)
RECOVERY_PREFIX = "mjkey"
_RECOVERY = re.compile(r"^mjkey(?:-?[0-9a-f]{8}){12}$")
# Salt -> raw key of every file unlocked in this process; never written anywhere.
_KEYS: dict[bytes, bytes] = {}


class PassphraseNeeded(JournalFileError):
    """The journal is encrypted and this process does not hold its key yet."""


class WrongPassphrase(JournalFileError):
    """The passphrase (or recovery key) given does not open the file."""


def available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def _sqlcipher() -> Any:
    try:
        import sqlcipher3
    except ImportError:
        raise JournalFileError(
            _(
                "Encrypted journals need the sqlcipher3 package, which is missing from this installation "
                "(pip install sqlcipher3)."
            )
        ) from None
    return sqlcipher3


def looks_encrypted(path: Path) -> bool:
    """True for a file that can only be an encrypted database: not SQLite's header, and a whole number of
    pages. (A foreign file of that shape is told apart only by trying a passphrase on it.)"""
    try:
        size = path.stat().st_size
        if not path.is_file() or size < 1024 or size % 512:
            return False
        with path.open("rb") as handle:
            header = handle.read(24)
    except OSError:
        return False
    # An SQLite header whose first bytes were damaged still has SQLite's fixed payload fractions (64, 32, 32)
    # at bytes 21-23; in an encrypted file those bytes are ciphertext.
    return header[:16] != SQLITE_HEADER and header[21:24] != b"\x40\x20\x20"


def salt_of(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            salt = handle.read(SALT_BYTES)
    except OSError:
        return None
    return salt if len(salt) == SALT_BYTES and salt != SQLITE_HEADER else None


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """SQLCipher 4's key derivation, so that ``PRAGMA key = 'passphrase'`` in any SQLCipher opens the file
    (storage/key_derivation.py chooses what computes it; docs/data-safety.md, *Speed*)."""
    return key_derivation.derive_key(passphrase, salt)


def new_salt() -> bytes:
    import secrets

    return secrets.token_bytes(SALT_BYTES)


def is_recovery_key(text: str) -> bool:
    return bool(_RECOVERY.match(text.strip().lower()))


def parse_recovery_key(text: str) -> tuple[bytes, bytes]:
    """(key, salt) from a recovery key as printed by :func:`format_recovery_key`."""
    digits = text.strip().lower().removeprefix(RECOVERY_PREFIX).replace("-", "")
    raw = bytes.fromhex(digits)
    return raw[:KEY_BYTES], raw[KEY_BYTES:]


def format_recovery_key(key: bytes, salt: bytes) -> str:
    digits = (key + salt).hex()
    return "-".join([RECOVERY_PREFIX, *(digits[i : i + 8] for i in range(0, len(digits), 8))])


def key_for(path: Path) -> tuple[bytes, bytes] | None:
    """(key, salt) for an encrypted file this process has unlocked (it or another file with its salt)."""
    salt = salt_of(path)
    if salt is None or salt not in _KEYS:
        return None
    return _KEYS[salt], salt


def remember(key: bytes, salt: bytes) -> None:
    _KEYS[salt] = key


def forget_all() -> None:
    """Drop every key from memory (the window locks itself; tests start clean)."""
    _KEYS.clear()


# --- connections -------------------------------------------------------------------------------------------


def _translate(exc: BaseException) -> BaseException:
    """The standard library's exception of the same name, so callers need to know only ``sqlite3``."""
    kind = getattr(sqlite3, type(exc).__name__, None)
    if isinstance(kind, type) and issubclass(kind, sqlite3.Error):
        translated = kind(*exc.args)
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None:  # SQLite's result code, which storage/file_problem.py decides by
            translated.sqlite_errorcode = code
        return translated
    return exc


class _Cursor:
    """A cursor whose errors are the standard library's. The calls of every save and every read (``fetchone``,
    ``fetchall``, iterating) are written out; the rest goes through :func:`_guard`."""

    __slots__ = ("_errors", "_inner")

    def __init__(self, inner: Any, errors: type[BaseException]) -> None:
        self._inner = inner
        self._errors = errors

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        return _guard(value, self._errors) if callable(value) else value

    # Read at every save (sqlite-utils reads both after its INSERT): a property is found at once, where
    # ``__getattr__`` is reached only after the ordinary lookup has failed, about 1.3 us each.
    @property
    def lastrowid(self) -> Any:
        return self._inner.lastrowid

    @property
    def description(self) -> Any:
        return self._inner.description

    @property
    def rowcount(self) -> int:
        return cast(int, self._inner.rowcount)

    def fetchone(self) -> Any:
        try:
            return self._inner.fetchone()
        except self._errors as exc:
            raise _translate(exc) from None

    def fetchall(self) -> list[Any]:
        try:
            return cast(list[Any], self._inner.fetchall())
        except self._errors as exc:
            raise _translate(exc) from None

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._inner
        except self._errors as exc:
            raise _translate(exc) from None


def _guard(function: Callable[..., Any], errors: type[BaseException]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        if args and any(isinstance(arg, CipherConnection) for arg in args):
            args = tuple(arg._inner if isinstance(arg, CipherConnection) else arg for arg in args)
        if kwargs and isinstance(kwargs.get("target"), CipherConnection):
            kwargs["target"] = kwargs["target"]._inner
        try:
            result = function(*args, **kwargs)
        except errors as exc:
            raise _translate(exc) from None
        if type(result).__name__ == "Cursor":
            return _Cursor(result, errors)
        return result

    return call


# Methods of a connection whose guarded wrapper is made once per connection rather than at every call (the
# lookup and wrapping cost as much as SQLCipher's page encryption); ``execute`` is written out in the class.
_STABLE_METHODS = frozenset({"executemany", "executescript", "commit", "rollback", "cursor"})


class CipherConnection:
    """An SQLCipher connection that behaves like an ``sqlite3.Connection`` (errors included)."""

    def __init__(self, inner: Any, errors: type[BaseException], key: bytes, salt: bytes) -> None:
        object.__setattr__(self, "_inner", inner)
        object.__setattr__(self, "_errors", errors)
        object.__setattr__(self, "key_and_salt", (key, salt))

    def execute(self, *args: Any) -> Any:
        """Written out rather than guarded (a save runs it a handful of times; see docs/data-safety.md,
        *Speed*)."""
        try:
            return _Cursor(self._inner.execute(*args), self._errors)
        except self._errors as exc:
            raise _translate(exc) from None

    @property
    def in_transaction(self) -> bool:
        """Read by sqlite-utils and storage/ about five times a save; see :attr:`_Cursor.lastrowid`."""
        return cast(bool, self._inner.in_transaction)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if not callable(value):
            return value
        guarded = _guard(value, self._errors)
        if name in _STABLE_METHODS:
            object.__setattr__(self, name, guarded)  # found on the instance from now on
        return guarded

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._inner, name, value)

    def __enter__(self) -> CipherConnection:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> Any:
        try:
            return self._inner.__exit__(*exc_info)
        except self._errors as exc:
            raise _translate(exc) from None


def key_pragma(key: bytes, salt: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}{salt.hex()}'\""


def connect_with_key(target: str, key: bytes, salt: bytes, uri: bool = False, timeout: float = 5.0) -> Any:
    """An SQLCipher connection to ``target`` (a path or a ``file:`` URI) keyed with ``key`` and ``salt``.

    SQLCipher's own log lines (a failed HMAC check is logged to stderr) are switched off first.
    """
    module = _sqlcipher()
    try:
        inner = module.connect(target, uri=uri, timeout=timeout)
    except module.Error as exc:
        raise _translate(exc) from None
    try:
        inner.execute("PRAGMA cipher_log_level = NONE")
        inner.execute(key_pragma(key, salt))
    except module.Error as exc:
        inner.close()
        raise _translate(exc) from None
    return cast(sqlite3.Connection, CipherConnection(inner, module.Error, key, salt))


def key_of(conn: Any) -> tuple[bytes, bytes] | None:
    """(key, salt) of a connection to an encrypted journal, None for a plain one."""
    if isinstance(conn, CipherConnection):
        return cast(tuple[bytes, bytes], conn.key_and_salt)
    return None


def connect(target: str, path: Path, uri: bool = False, timeout: float = 5.0) -> sqlite3.Connection:
    """``sqlite3.connect(target)``, or SQLCipher with the key this process holds when ``path`` is encrypted.

    An encrypted file whose key is not held raises :class:`PassphraseNeeded`.
    """
    if looks_encrypted(path):
        found = key_for(path)
        if found is None:
            raise PassphraseNeeded(_("The journal {path} is protected with a passphrase.").format(path=path))
        return cast(sqlite3.Connection, connect_with_key(target, *found, uri=uri, timeout=timeout))
    return sqlite3.connect(target, uri=uri, timeout=timeout)


def connect_like(conn: Any, path: Path) -> sqlite3.Connection:
    """A new connection to ``path`` encrypted like ``conn`` (same key and salt), or plain like it."""
    found = key_of(conn)
    if found is None:
        return sqlite3.connect(str(path))
    return cast(sqlite3.Connection, connect_with_key(str(path), *found))


def unlock(path: Path, secret: str) -> None:
    """Check ``secret`` (a passphrase or a recovery key) against the encrypted file ``path`` and keep its key
    in memory. Raises :class:`WrongPassphrase` (one sentence; nothing changed) when it does not open it."""
    begin_unlock(path, secret).finish()


class PendingUnlock:
    """An unlock whose key is being derived in the background (:func:`begin_unlock`); :meth:`finish` checks
    it against the file and keeps it. Until then nothing holds the key and nothing reads the journal."""

    def __init__(self, path: Path, salt: bytes, key: bytes | key_derivation.Derivation) -> None:
        self.path, self.salt, self._key = path, salt, key

    def finish(self) -> None:
        """Keep the key once it opens the file; :class:`WrongPassphrase` (nothing changed) when it does not."""
        key = self._key if isinstance(self._key, bytes) else self._key.key()
        if not opens(self.path, key, self.salt):
            raise WrongPassphrase(
                _("The passphrase does not open the journal {path}; nothing was changed.").format(
                    path=self.path
                )
            )
        remember(key, self.salt)


def begin_unlock(path: Path, secret: str) -> PendingUnlock:
    """Start unlocking ``path`` with ``secret``: a passphrase's key is derived in a background thread (about
    0.15 s of CPU) while the caller goes on, e.g. loading the window's modules. What can be refused without the
    key (not encrypted, an empty passphrase, another journal's recovery key) is refused here, at once."""
    salt = salt_of(path)
    if salt is None:
        raise JournalFileError(_("The journal {path} is not protected with a passphrase.").format(path=path))
    if is_recovery_key(secret):
        key, key_salt = parse_recovery_key(secret)
        if key_salt != salt:
            raise WrongPassphrase(
                _("That recovery key belongs to another journal, not {path}.").format(path=path)
            )
        return PendingUnlock(path, salt, key)
    if not secret:
        raise WrongPassphrase(
            _("The passphrase is empty; the journal {path} was not opened.").format(path=path)
        )
    return PendingUnlock(path, salt, key_derivation.Derivation(secret, salt))


def opens(path: Path, key: bytes, salt: bytes) -> bool:
    """Whether ``key`` decrypts the first page of ``path`` (read-only; the file is not changed)."""
    try:
        conn = connect_with_key(path.resolve().as_uri() + "?mode=ro", key, salt, uri=True)
    except sqlite3.Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        from medjournal.storage.file_problem import SQLITE_NOTADB, sqlite_code

        if sqlite_code(exc) == SQLITE_NOTADB:  # the key does not decrypt the first page
            return False
        raise
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
    return True
