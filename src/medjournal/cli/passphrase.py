"""Where the command line gets a passphrase: a file descriptor, a file, or a no-echo prompt on a terminal.

Never from the command line's arguments or the environment, which other users of the computer can see in
the process list. A passphrase read from a descriptor or a file is its first line, without the line ending.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from medjournal.domain.errors import MedjournalError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import _

MAX_LENGTH = 1024


@dataclass(frozen=True)
class SecretSource:
    """A descriptor or a file named on the command line; neither means "ask on the terminal"."""

    fd: int | None = None
    file: Path | None = None
    what: str = "passphrase"

    @property
    def given(self) -> bool:
        return self.fd is not None or self.file is not None


def _strip_line_end(data: bytes) -> str:
    line = data.split(b"\n", 1)[0].removesuffix(b"\r")
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        raise MedjournalError(_("The passphrase given is not UTF-8 text.")) from None


def read_fd(fd: int) -> str:
    """One line from descriptor ``fd``, read byte by byte so that a second line stays for the next reader."""
    data = bytearray()
    try:
        while len(data) <= MAX_LENGTH:
            byte = os.read(fd, 1)
            if not byte or byte == b"\n":
                break
            data += byte
    except OSError as exc:
        raise MedjournalError(
            _("The passphrase could not be read from descriptor {fd} ({reason}).").format(
                fd=fd, reason=os_reason(exc)
            )
        ) from None
    return _strip_line_end(bytes(data))


def read_file(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LENGTH + 2)
    except OSError as exc:
        raise MedjournalError(
            _("The passphrase file {path} could not be read ({reason}).").format(
                path=path, reason=os_reason(exc)
            )
        ) from None
    return _strip_line_end(data)


def on_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def options_text(prefix: str) -> str:
    """The two options a script gives a secret with: ``--PREFIX-passphrase-fd`` and ``-file`` ("" for the
    journal's own ``--passphrase-fd`` and ``--passphrase-file``)."""
    name = f"--{prefix}-passphrase" if prefix else "--passphrase"
    return _("{fd} N or {file} FILE").format(fd=f"{name}-fd", file=f"{name}-file")


def read(
    source: SecretSource, prompt: str, confirm: bool = False, needed: str = "", prefix: str | None = None
) -> str:
    """The secret from ``source``, or asked on the terminal without echo (twice when ``confirm``).

    ``needed`` starts the sentence shown when there is neither a source nor a terminal, which names the options
    of ``prefix`` (by default "new" when ``confirm``, else the journal's own).
    """
    if source.fd is not None:
        return read_fd(source.fd)
    if source.file is not None:
        return read_file(source.file)
    if not on_terminal():
        option = options_text(("new" if confirm else "") if prefix is None else prefix)
        needed = needed or _("A new passphrase is needed")
        raise MedjournalError(
            _("{needed}: type it on a terminal, or give {option}.").format(needed=needed, option=option)
        )
    first = str(click.prompt(prompt, hide_input=True, default="", show_default=False, err=True))
    if confirm:
        second = str(
            click.prompt(_("The same again"), hide_input=True, default="", show_default=False, err=True)
        )
        if first != second:
            raise MedjournalError(_("The two passphrases differ; nothing was changed."))
    return first


def unlock_if_needed(ctx: Any) -> str | None:
    """Before a command opens an encrypted journal: read its passphrase and check it (one sentence if wrong).
    Returns the passphrase read, or None when none was needed."""
    from medjournal.storage import cipher

    path = Path(ctx.db_path).expanduser()
    if not cipher.looks_encrypted(path) or cipher.key_for(path) is not None:
        return None
    source = ctx.passphrase_source or SecretSource()
    needed = _("The journal {path} is protected with a passphrase").format(path=path)
    secret = read(source, _("Passphrase for {path}: ").format(path=path), needed=needed)
    cipher.unlock(path, secret)
    return secret


def source_options(prefix: str, what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--PREFIX-passphrase-file`` and ``--PREFIX-passphrase-fd`` for a command, reading ``what`` (never argv)."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        func = click.option(
            f"--{prefix}-passphrase-file",
            type=click.Path(dir_okay=False, path_type=Path),
            help=f"Read {what} from the first line of this file.",
        )(func)
        return click.option(
            f"--{prefix}-passphrase-fd",
            type=click.IntRange(min=0),
            help=f"Read {what} from this file descriptor (one line).",
        )(func)

    return decorate
