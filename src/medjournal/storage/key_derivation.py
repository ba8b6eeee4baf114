"""The passphrase's key: SQLCipher 4's PBKDF2-HMAC-SHA512 with 256,000 iterations (docs/data-safety.md).

The function and its result are fixed by the file format (``PRAGMA key = 'passphrase'`` in any SQLCipher opens
the journal); what this module chooses is only what computes it, the first that works of:

1. the OpenSSL inside the SQLCipher extension (``sqlcipher3``), called through ``ctypes``, which lets go of
   Python's lock while it runs: the window's modules load on the other core meanwhile;
2. the ``cryptography`` package (as fast; recent releases let go of the lock, not all that pyproject allows);
3. ``hashlib`` (the OpenSSL Python was built with: about twice the CPU time).

Each is checked against ``hashlib`` on a short derivation before it is first used, so a library that computes
something else is never trusted with a passphrase (a wrong key would refuse the right passphrase).
:class:`Derivation` runs one derivation in a background thread; nothing here stores a passphrase or a key.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

KEY_BYTES = 32
KDF_ITERATIONS = 256_000  # SQLCipher 4's default (PBKDF2-HMAC-SHA512)

Pbkdf2 = Callable[[bytes, bytes, int], bytes]  # (secret, salt, iterations) -> key


def _reference(secret: bytes, salt: bytes, iterations: int) -> bytes:
    import hashlib  # loaded only with a passphrase, like the rest of this module's work

    return hashlib.pbkdf2_hmac("sha512", secret, salt, iterations, KEY_BYTES)


def _agrees(candidate: Pbkdf2) -> bool:
    """Whether ``candidate`` computes the reference function (two short derivations, well under 1 ms)."""
    for secret, salt, iterations in (
        (b"medjournal", bytes(range(16)), 3),
        ("Schl\u00fcssel".encode(), b"s" * 16, 2),
    ):
        if candidate(secret, salt, iterations) != _reference(secret, salt, iterations):
            return False
    return True


def _sqlcipher_openssl() -> Pbkdf2 | None:
    """``PKCS5_PBKDF2_HMAC`` of the OpenSSL linked into the ``sqlcipher3`` extension, when it exports it (the
    Linux wheels do). ``ctypes`` releases Python's lock for the call."""
    try:
        import ctypes

        from sqlcipher3 import _sqlite3  # type: ignore[import-not-found,attr-defined,unused-ignore]

        library = ctypes.CDLL(_sqlite3.__file__)
        pbkdf2 = library.PKCS5_PBKDF2_HMAC
        sha512 = library.EVP_sha512
    except (ImportError, OSError, AttributeError):
        return None
    sha512.restype = ctypes.c_void_p
    sha512.argtypes = []
    pbkdf2.restype = ctypes.c_int
    pbkdf2.argtypes = [
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.c_char_p,
    ]

    def derive(secret: bytes, salt: bytes, iterations: int) -> bytes:
        out = ctypes.create_string_buffer(KEY_BYTES)
        digest = sha512()
        if (
            not digest
            or pbkdf2(secret, len(secret), salt, len(salt), iterations, digest, KEY_BYTES, out) != 1
        ):
            raise ValueError("PKCS5_PBKDF2_HMAC failed")
        return out.raw

    return derive


def _cryptography() -> Pbkdf2 | None:
    try:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
    except ImportError:
        return None

    def derive(secret: bytes, salt: bytes, iterations: int) -> bytes:
        kdf = PBKDF2HMAC(algorithm=hashes.SHA512(), length=KEY_BYTES, salt=salt, iterations=iterations)
        return kdf.derive(secret)

    return derive


IMPLEMENTATIONS: tuple[Callable[[], Pbkdf2 | None], ...] = (_sqlcipher_openssl, _cryptography)


@functools.cache
def pbkdf2() -> Pbkdf2:
    """The first implementation that loads and agrees with ``hashlib``; ``hashlib`` itself otherwise."""
    for load in IMPLEMENTATIONS:
        candidate = load()
        try:
            if candidate is not None and _agrees(candidate):
                return candidate
        except (ValueError, OSError, TypeError):
            continue
    return _reference


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """SQLCipher 4's key for ``passphrase`` and the file's ``salt``."""
    return pbkdf2()(passphrase.encode("utf-8"), salt, KDF_ITERATIONS)


class Derivation:
    """The key of a passphrase, derived in a background thread from the moment this is made; :meth:`key`
    waits for it. The thread is a daemon: quitting does not wait for it."""

    def __init__(self, passphrase: str, salt: bytes) -> None:
        import threading

        self._key: bytes | None = None
        self._error: BaseException | None = None
        implementation = pbkdf2()  # chosen here, so the thread only computes
        secret = passphrase.encode("utf-8")

        def run() -> None:
            try:
                self._key = implementation(secret, salt, KDF_ITERATIONS)
            except BaseException as exc:  # handed to the waiting caller, never lost in the thread
                self._error = exc

        self._thread = threading.Thread(target=run, name="medjournal-key", daemon=True)
        self._thread.start()

    def key(self) -> bytes:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._key is not None
        return self._key
