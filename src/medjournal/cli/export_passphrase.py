"""The command line's side of encrypted exports (storage/envelope.py): the choice, and the passphrase."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from medjournal.cli.passphrase import SecretSource, on_terminal, read, source_options
from medjournal.domain.errors import MedjournalError
from medjournal.i18n import N_, _

PLAIN_WARNING = N_("The export is not encrypted: anyone who gets {path} can read everything in it.")


# ``--export-passphrase-fd`` and ``--export-passphrase-file``: the encrypted export's passphrase.
options = source_options("export", "the encrypted export's passphrase")


def choose(journal: Any, encrypted: bool, plain: bool, csv: bool) -> bool:
    """Whether to encrypt the export. An encrypted journal's export is never plain by default."""
    from medjournal.storage import cipher

    if encrypted and plain:
        raise MedjournalError(_("Give --encrypted or --plain, not both."))
    if encrypted and csv:
        raise MedjournalError(
            _("CSV files cannot be encrypted; use -o FILE.json --encrypted, or --csv --plain.")
        )
    if encrypted or plain:
        return encrypted
    if cipher.key_of(journal.db.conn) is None:
        return False
    if csv or not on_terminal():
        raise MedjournalError(
            _(
                "This journal is encrypted: choose --encrypted (the export is protected with a passphrase) or "
                "--plain (anyone with the file can read it)."
            )
        )
    answer = click.prompt(
        _(
            "This journal is encrypted. Export encrypted (with a passphrase) or plain (anyone with the file "
            "can read it)?"
        ),
        type=click.Choice(["encrypted", "plain"]),
        default="encrypted",
        err=True,
    )
    return bool(answer == "encrypted")


def new_passphrase(fd: int | None, file: Path | None) -> str:
    from medjournal.storage.encryption import passphrase_problem

    secret = read(
        SecretSource(fd, file),
        _("Passphrase for the export: "),
        confirm=True,
        needed=_("The encrypted export needs a passphrase"),
        prefix="export",
    )
    problem = passphrase_problem(secret)
    if problem is not None:
        raise MedjournalError(problem)
    return secret


def passphrase_of(file: Path, fd: int | None, source_file: Path | None) -> str:
    return read(
        SecretSource(fd, source_file),
        _("Passphrase of {file}: ").format(file=file),
        needed=_("{file} is an encrypted export; its passphrase is needed").format(file=file),
        prefix="export",
    )
