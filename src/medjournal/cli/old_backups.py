"""What ``encrypt`` and ``passphrase`` say and do about the backups not protected like the journal now is
(docs/data-safety.md, *Older backups*): plain ones, and ones encrypted with an earlier passphrase, which are
re-keyed while that passphrase is known."""

from __future__ import annotations

from pathlib import Path

import click

from medjournal.cli.passphrase import SecretSource, on_terminal, read, source_options
from medjournal.i18n import ngettext

LATER = "medjournal encrypt --old-backups encrypt --old-passphrase-file FILE"
old_passphrase_options = source_options("old", "an earlier passphrase, to re-key the backups made with it")


def unlock_earlier_backups(path: Path, backups: list[Path], source: SecretSource) -> None:
    """With ``--old-passphrase-fd/-file``: hold the keys of the backups made under that earlier passphrase."""
    from medjournal.storage.backup_keys import sort_backups, unlock_earlier

    if not source.given:
        return
    secret = read(source, "", prefix="old")
    locked = sort_backups(path, backups).locked
    if locked:
        n = len(unlock_earlier(locked, secret))
        click.echo(
            ngettext(
                "The earlier passphrase opens {n} backup.", "The earlier passphrase opens {n} backups.", n
            ).format(n=n)
        )


def choose(choice: str, n: int, default: str = "encrypt") -> str:
    """``choice``, or for ``ask`` the answer to a question about the ``n`` backups just described (on a
    terminal; otherwise ``keep``)."""
    if choice != "ask":
        return choice
    if not on_terminal():
        return "keep"
    return str(
        click.prompt(
            ngettext("Convert it, remove it or keep it?", "Convert them, remove them or keep them?", n),
            type=click.Choice(["encrypt", "remove", "keep"]),
            default=default,
            err=True,
        )
    )


def kept_text(n: int, later: bool) -> str:
    """The sentence after the ``n`` backups just described were kept: how they can still be converted
    (``later``), or that they open as they did; singular or plural with the sentence before it."""
    if later:
        return ngettext(
            "It was kept as it is; `medjournal encrypt --old-backups encrypt` converts it later.",
            "They were kept as they are; `medjournal encrypt --old-backups encrypt` converts them later.",
            n,
        )
    return ngettext(
        "It was kept as it is; it opens with the passphrase it was made with.",
        "They were kept as they are; they open with the passphrase they were made with.",
        n,
    )


def handle_old_backups(path: Path, backups: list[Path], choice: str) -> None:
    """After the journal was encrypted, or its passphrase changed: say what each older backup is, then encrypt
    the plain ones and re-key those of an earlier passphrase whose key is held (``encrypt``), remove the plain
    ones (``remove``; a backup under an earlier passphrase is never removed here), or keep them, as ``choice``
    says (``ask``: on a terminal, ask; otherwise keep)."""
    from medjournal.storage.backup_keys import converted_text, describe, sort_backups
    from medjournal.storage.encryption import convert_backups, remove_backups

    if not backups:
        return
    kinds = sort_backups(path, backups)
    for sentence in describe(kinds, backups[0].parent):
        click.echo(sentence)
    choice = choose(choice, len(backups))
    said: list[str] = []
    if choice == "encrypt":
        convert_backups(path, kinds.convertible)  # each verified before it replaces the backup
        said += converted_text(kinds)
    elif choice == "remove" and kinds.plain:
        remove_backups(kinds.plain)
        n = len(kinds.plain)
        said.append(ngettext("{n} backup removed.", "{n} backups removed.", n).format(n=n))
    elif choice == "keep" and kinds.plain:
        said.append(kept_text(len(kinds.plain), later=True))
    left = kinds.locked if choice == "encrypt" else kinds.under_earlier_passphrase
    if left:
        n = len(left)
        said.append(
            ngettext(
                "{n} backup under an earlier passphrase was left as it is; `{command}` re-keys it while you "
                "still know that passphrase.",
                "{n} backups under an earlier passphrase were left as they are; `{command}` re-keys them while "
                "you still know that passphrase.",
                n,
            ).format(n=n, command=LATER)
        )
    for sentence in said:
        click.echo(sentence)
