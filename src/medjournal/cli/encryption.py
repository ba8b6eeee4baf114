"""``encrypt``, ``decrypt`` and ``passphrase``: protect the journal with a passphrase, remove it, change it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.cli.old_backups import (
    choose,
    handle_old_backups,
    kept_text,
    old_passphrase_options,
    unlock_earlier_backups,
)
from medjournal.cli.passphrase import SecretSource, read, source_options
from medjournal.domain.errors import MedjournalError
from medjournal.i18n import N_, _, ngettext
from medjournal.paths import backup_dir_for

NO_RECOVERY = N_(
    "A forgotten passphrase cannot be recovered: without it, or the recovery key, nobody (medjournal included) "
    "can read the journal or its backups again."
)
BACKUP_CHOICES = ("ask", "keep", "encrypt", "remove")


_new_passphrase_options = source_options("new", "the new passphrase")


def _old_backups_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--old-backups",
        type=click.Choice(BACKUP_CHOICES),
        default="ask",
        show_default=True,
        help="Backups not protected like the journal now is: convert them too, remove them, or keep them "
        "(ask: on a terminal, ask; otherwise keep).",
    )(func)


def _backup_folder(ctx: Context) -> Path:
    """The folder the journal's backups go to (its "backup_dir" setting, if chosen), read before converting."""
    journal = ctx.journal(existing=True)
    folder = journal.auto_backup.folder if journal.auto_backup is not None else journal.backup_dir
    ctx.close()  # the conversion needs the journal to itself
    return Path(folder or backup_dir_for(ctx.db_path))


def _handle_old_backups(path: Path, backups: list[Path], choice: str, encrypted: bool) -> None:
    from medjournal.storage.encryption import convert_backups, remove_backups

    if encrypted:
        handle_old_backups(path, backups, choice)  # plain ones and ones under an earlier passphrase
        return
    if not backups:
        return
    folder = backups[0].parent
    count = len(backups)
    told = ngettext(
        "{n} older backup in {folder} is still encrypted.",
        "{n} older backups in {folder} are still encrypted.",
        count,
    )
    click.echo(told.format(n=count, folder=folder))
    choice = choose(choice, count, default="keep")
    if choice == "encrypt":
        skipped = convert_backups(path, backups)
        done = len(backups) - len(skipped)
        text = ngettext("{n} backup converted.", "{n} backups converted.", done).format(n=done)
        if skipped:
            left = ngettext(
                "{n} backup was left as it was.", "{n} backups were left as they were.", len(skipped)
            )
            text += " " + left.format(n=len(skipped))
        click.echo(text)
    elif choice == "remove":
        remove_backups(backups)
        click.echo(ngettext("{n} backup removed.", "{n} backups removed.", count).format(n=count))
    else:
        click.echo(kept_text(count, later=False))


@click.command("encrypt")
@_new_passphrase_options
@click.option(
    "--recovery-key-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the recovery key to this new file instead of printing it.",
)
@_old_backups_option
@old_passphrase_options
@click.pass_obj
@handle_errors
def encrypt(
    ctx: Context,
    new_passphrase_fd: int | None,
    new_passphrase_file: Path | None,
    recovery_key_file: Path | None,
    old_backups: str,
    old_passphrase_fd: int | None,
    old_passphrase_file: Path | None,
) -> None:
    """Protect the journal and its backups with a passphrase (SQLCipher, AES-256).

    The passphrase is asked twice without echo, or read from --new-passphrase-fd / --new-passphrase-file.
    A recovery key is printed once (or written to --recovery-key-file): keep it somewhere safe.
    """
    from medjournal.storage import cipher, recovery_key
    from medjournal.storage.encryption import backups_not_matching, convert

    path = ctx.db_path.expanduser()
    if cipher.looks_encrypted(path):
        if old_backups in ("encrypt", "remove"):
            folder = _backup_folder(ctx)
            backups = backups_not_matching(path, folder)
            if old_backups == "encrypt":
                unlock_earlier_backups(path, backups, SecretSource(old_passphrase_fd, old_passphrase_file))
            _handle_old_backups(path, backups, old_backups, encrypted=True)
            return
        raise MedjournalError(
            _(
                "The journal {path} is already protected with a passphrase (medjournal passphrase changes it)."
            ).format(path=path)
        )
    if recovery_key_file is not None:
        recovery_key.check_writable(recovery_key_file)  # before anything is changed
    folder = _backup_folder(ctx)
    source = SecretSource(new_passphrase_fd, new_passphrase_file)
    if not source.given:
        click.echo(_(NO_RECOVERY), err=True)
    new = read(source, _("New passphrase: "), confirm=True)
    done = convert(path, new, folder)
    click.echo(_("The journal {path} is now encrypted; it opens only with the passphrase.").format(path=path))
    assert done.recovery_key is not None
    written = False
    if recovery_key_file is not None:
        try:
            recovery_key.write(recovery_key_file, done.recovery_key, path)
            written = True
        except recovery_key.KeyFileError as exc:
            click.echo(exc.message, err=True)  # the key is printed instead: never lost
    if written:
        click.echo(
            _("The recovery key was written to {path}; keep it apart from this computer.").format(
                path=recovery_key_file
            )
        )
    else:
        click.echo(_("Recovery key (shown once; it opens the journal if the passphrase is forgotten):"))
        click.echo(done.recovery_key)
    _handle_old_backups(path, done.old_backups, old_backups, encrypted=True)


@click.command("decrypt")
@_old_backups_option
@click.pass_obj
@handle_errors
def decrypt(ctx: Context, old_backups: str) -> None:
    """Remove the passphrase: the journal becomes a plain SQLite file that anyone with it can read."""
    from medjournal.storage import cipher
    from medjournal.storage.encryption import convert

    path = ctx.db_path.expanduser()
    if not cipher.looks_encrypted(path):
        raise MedjournalError(
            _("The journal {path} is not protected with a passphrase; nothing was changed.").format(path=path)
        )
    folder = _backup_folder(ctx)
    done = convert(path, None, folder)
    click.echo(
        _("The journal {path} is no longer encrypted: anyone with the file can read it.").format(path=path)
    )
    _handle_old_backups(path, done.old_backups, "keep" if old_backups == "ask" else old_backups, False)


@click.command("passphrase")
@_new_passphrase_options
@_old_backups_option
@click.pass_obj
@handle_errors
def passphrase(
    ctx: Context, new_passphrase_fd: int | None, new_passphrase_file: Path | None, old_backups: str
) -> None:
    """Change the passphrase of an encrypted journal (the current one first, then the new one twice).

    The old recovery key stops working; a new one is printed once.
    """
    from medjournal.storage import cipher
    from medjournal.storage.encryption import convert

    path = ctx.db_path.expanduser()
    if not cipher.looks_encrypted(path):
        raise MedjournalError(
            _("The journal {path} is not protected with a passphrase (medjournal encrypt).").format(path=path)
        )
    folder = _backup_folder(ctx)  # asks for the current passphrase
    new = read(SecretSource(new_passphrase_fd, new_passphrase_file), _("New passphrase: "), confirm=True)
    done = convert(path, new, folder)
    click.echo(_("The passphrase of {path} was changed.").format(path=path))
    click.echo(_("New recovery key (shown once; the old one no longer opens the journal):"))
    click.echo(str(done.recovery_key))
    _handle_old_backups(path, done.old_backups, old_backups, encrypted=True)
