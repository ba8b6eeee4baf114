"""The keys ``medjournal restore`` needs before it touches anything (docs/data-safety.md, *Restore*): the
journal's, when it is encrypted, and the backup's, when that is encrypted with another key.

The journal's passphrase comes from ``--passphrase-fd`` / ``--passphrase-file`` or the terminal, as for every
command. An encrypted backup is first tried with that same passphrase (a backup written by ``medjournal backup``
has the journal's key, and one made before a decrypt and encrypt with the same passphrase opens with it too);
otherwise its own passphrase is read from ``--backup-passphrase-fd`` / ``--backup-passphrase-file`` or asked.
"""

from __future__ import annotations

from pathlib import Path

import click

from medjournal.cli import Context
from medjournal.cli.passphrase import SecretSource, read, source_options, unlock_if_needed
from medjournal.i18n import _

backup_passphrase_options = source_options("backup", "the passphrase of an encrypted backup")


def unlock_for_restore(ctx: Context, backup: Path, backup_source: SecretSource) -> None:
    """Hold the keys of the journal and of ``backup`` (reading the passphrases given), or raise one sentence
    with nothing changed."""
    from medjournal.storage import cipher
    from medjournal.storage.restore import unlock_backup

    journal_secret = unlock_if_needed(ctx)
    if not cipher.looks_encrypted(backup) or cipher.key_for(backup) is not None:
        return
    tried = None
    if not backup_source.given:
        tried = journal_secret
        if tried is None and ctx.passphrase_source is not None and not cipher.looks_encrypted(ctx.db_path):
            tried = read(ctx.passphrase_source, "")  # a plain journal: the passphrase given is the backup's
        if tried is not None:
            try:
                unlock_backup(backup, tried)
                return
            except cipher.WrongPassphrase:
                click.echo(
                    _("The backup {path} does not open with the journal's passphrase.").format(path=backup),
                    err=True,
                )
    if tried is None:
        needed = _("The backup {path} is encrypted").format(path=backup)
    else:
        needed = _("The backup {path} is encrypted with another passphrase than the journal's").format(
            path=backup
        )
    secret = read(
        backup_source,
        _("Passphrase of the backup {path}: ").format(path=backup),
        needed=needed,
        prefix="backup",
    )
    unlock_backup(backup, secret)


def restore_outcome(journal: Path, backup_salt: bytes | None) -> str:
    """What became of the encryption of the restored entries, said after the restore (empty when the journal
    is encrypted like the backup was). ``backup_salt``: the backup's salt read before the restore (None: plain)."""
    from medjournal.storage.restore import encryption_after_restore

    outcome = encryption_after_restore(journal, backup_salt)
    if not outcome:
        return ""
    if outcome == "journal_key":
        return _(
            "The journal is still encrypted: the backup's entries are now protected with its passphrase."
        )
    return _(
        "The journal was not encrypted and still is not: anyone with the file can read the restored entries "
        "(medjournal encrypt protects them)."
    )


def salt_of_backup(backup: Path) -> bytes | None:
    from medjournal.storage.restore import salt_of_backup as salt

    return salt(backup)
