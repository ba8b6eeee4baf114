"""The encrypted export: a JSON export inside an authenticated envelope (docs/export-format.md, *Encrypted*).

AES-256-GCM with a key derived from a passphrase by scrypt, both from the ``cryptography`` package. The
envelope's own fields (format, cipher, scrypt parameters and salt) are authenticated as associated data, so
changing any byte of the file makes it fail to open rather than open differently.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from typing import Any

from medjournal.domain.errors import MedjournalError
from medjournal.i18n import _

ENVELOPE_FORMAT = "medjournal-encrypted-export/1"
CIPHER = "AES-256-GCM"
SCRYPT_N = 2**17  # 128 MiB of memory with r = 8: about half a second here
SCRYPT_R = 8
SCRYPT_P = 1
MAX_SCRYPT_N = 2**20  # a file asking for more is refused (it would need 1 GiB to open)
SALT_BYTES = 16
NONCE_BYTES = 12


class WrongExportPassphrase(MedjournalError):
    """The passphrase does not open the encrypted export (or the file was changed)."""


def _kdf(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _associated_data(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def is_envelope(data: object) -> bool:
    return isinstance(data, dict) and data.get("format") == ENVELOPE_FORMAT


def seal(plaintext: bytes, passphrase: str) -> str:
    """The envelope (JSON text) holding ``plaintext`` encrypted with ``passphrase``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    header = {
        "format": ENVELOPE_FORMAT,
        "cipher": CIPHER,
        "kdf": {
            "name": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": base64.b64encode(salt).decode("ascii"),
        },
    }
    key = _kdf(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(key).encrypt(nonce, plaintext, _associated_data(header))
    envelope = {
        **header,
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "ciphertext": base64.b64encode(sealed).decode("ascii"),
    }
    return json.dumps(envelope, indent=1) + "\n"


def _field(data: dict[str, Any], name: str, path: object) -> bytes:
    value = data.get(name)
    if not isinstance(value, str):
        raise MedjournalError(
            _("The encrypted export {path} is damaged (its {field} is missing).").format(
                path=path, field=name
            )
        )
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise MedjournalError(
            _("The encrypted export {path} is damaged (its {field} is not base64).").format(
                path=path, field=name
            )
        ) from None


def open_envelope(data: dict[str, Any], passphrase: str, path: object) -> bytes:
    """The plaintext inside the envelope ``data`` read from ``path``. One sentence when the passphrase (or the
    file) is wrong."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kdf = data.get("kdf")
    if data.get("cipher") != CIPHER or not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
        raise MedjournalError(
            _("The encrypted export {path} uses a cipher this medjournal does not know.").format(path=path)
        )
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in (n, r, p)):
        raise MedjournalError(
            _("The encrypted export {path} is damaged (its scrypt parameters are not numbers).").format(
                path=path
            )
        )
    assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
    if not (2 <= n <= MAX_SCRYPT_N and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
        raise MedjournalError(
            _(
                "The encrypted export {path} asks for scrypt parameters outside what medjournal writes."
            ).format(path=path)
        )
    salt = _field(kdf, "salt", path)
    nonce = _field(data, "nonce", path)
    sealed = _field(data, "ciphertext", path)
    if len(nonce) != NONCE_BYTES or len(salt) < 8:
        raise MedjournalError(
            _("The encrypted export {path} is damaged (its nonce or salt has the wrong length).").format(
                path=path
            )
        )
    if not passphrase:
        raise WrongExportPassphrase(
            _("The passphrase is empty; the encrypted export {path} was not opened.").format(path=path)
        )
    header = {"format": data["format"], "cipher": CIPHER, "kdf": kdf}
    key = _kdf(passphrase, salt, n, r, p)
    try:
        return AESGCM(key).decrypt(nonce, sealed, _associated_data(header))
    except InvalidTag:
        raise WrongExportPassphrase(
            _(
                "The passphrase does not open the encrypted export {path} (or the file was changed); "
                "nothing was imported."
            ).format(path=path)
        ) from None
