"""What each of a journal's older backups is, told truthfully (docs/data-safety.md, *Older backups*): plain,
encrypted with the journal's current key, or encrypted with an earlier passphrase; and the keys of backups
made under an earlier passphrase, so that they can be re-keyed while that passphrase is still known.

A backup is encrypted with the key (and salt) its journal had when it was written; after the passphrase
changes, those backups open only with the earlier passphrase (or its recovery key). Re-keying one
(:func:`medjournal.storage.encryption.convert_backups`) writes a new file beside it, verifies it and only then
renames it over the backup, so an interrupted re-key leaves the backup as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from medjournal.i18n import _
from medjournal.storage import cipher


@dataclass(frozen=True)
class BackupKinds:
    """Backups not encrypted like the journal, by kind (each list newest first, as listed)."""

    plain: list[Path] = field(default_factory=list)
    earlier: list[Path] = field(default_factory=list)  # another key, held in this process: can be re-keyed
    locked: list[Path] = field(default_factory=list)  # another key, not held: needs its passphrase

    @property
    def under_earlier_passphrase(self) -> list[Path]:
        return self.earlier + self.locked

    @property
    def convertible(self) -> list[Path]:
        return self.plain + self.earlier


def sort_backups(journal: Path, backups: list[Path]) -> BackupKinds:
    """``backups`` (of the journal at ``journal``) by kind; those encrypted like the journal are left out."""
    journal_salt = cipher.salt_of(journal) if cipher.looks_encrypted(journal) else None
    kinds = BackupKinds()
    for backup in backups:
        if not cipher.looks_encrypted(backup):
            if journal_salt is not None:
                kinds.plain.append(backup)
            continue
        if cipher.salt_of(backup) == journal_salt:
            continue
        (kinds.earlier if cipher.key_for(backup) is not None else kinds.locked).append(backup)
    return kinds


def unlock_earlier(backups: list[Path], secret: str) -> list[Path]:
    """Keep the key of every backup in ``backups`` that ``secret`` (an earlier passphrase, or its recovery key)
    opens; returns those it opened. Each salt is tried once (backups of one passphrase share it)."""
    opened: list[Path] = []
    tried: dict[bytes, bool] = {}
    for backup in backups:
        salt = cipher.salt_of(backup)
        if salt is None:
            continue
        if salt not in tried:
            try:
                cipher.unlock(backup, secret)
                tried[salt] = True
            except cipher.WrongPassphrase:
                tried[salt] = False
        if tried[salt]:
            opened.append(backup)
    if not opened:
        raise cipher.WrongPassphrase(
            _("The earlier passphrase given opens none of the backups; nothing was changed.")
        )
    return opened


def describe(kinds: BackupKinds, folder: Path) -> list[str]:
    """One sentence per kind of older backup, for the command line and the window alike."""
    from medjournal.i18n import ngettext

    said = []
    if kinds.plain:
        said.append(
            ngettext(
                "{n} older backup in {folder} is plain (anyone with it can read it).",
                "{n} older backups in {folder} are plain (anyone with them can read them).",
                len(kinds.plain),
            ).format(n=len(kinds.plain), folder=folder)
        )
    earlier = kinds.under_earlier_passphrase
    if earlier:
        said.append(
            ngettext(
                "{n} older backup in {folder} is encrypted with an earlier passphrase: it opens only with that "
                "passphrase (or its recovery key), not with the current one.",
                "{n} older backups in {folder} are encrypted with an earlier passphrase: they open only with "
                "that passphrase (or its recovery key), not with the current one.",
                len(earlier),
            ).format(n=len(earlier), folder=folder)
        )
    return said


def converted_text(kinds: BackupKinds) -> list[str]:
    """What encrypting the older backups did (after :func:`medjournal.storage.encryption.convert_backups` of
    ``kinds.convertible``), one sentence per kind."""
    from medjournal.i18n import ngettext

    said = []
    if kinds.plain:
        n = len(kinds.plain)
        said.append(ngettext("{n} plain backup encrypted.", "{n} plain backups encrypted.", n).format(n=n))
    if kinds.earlier:
        n = len(kinds.earlier)
        said.append(
            ngettext(
                "{n} backup re-encrypted with the current passphrase.",
                "{n} backups re-encrypted with the current passphrase.",
                n,
            ).format(n=n)
        )
    return said
