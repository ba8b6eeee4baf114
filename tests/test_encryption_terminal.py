"""The passphrase typed on a terminal: asked without echo, twice for a new one, never shown."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from medjournal.storage import cipher
from tests.test_encryption import PASSPHRASE, make_plain

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


PROMPTS = (b"New passphrase:", b"The same again:", b"Passphrase for")


def run_on_terminal(args: list[str], typed: list[str]) -> tuple[int, str]:
    """Run medjournal on a pseudo-terminal, typing the next line each time a passphrase prompt appears."""
    import pty
    import select
    import signal

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execv(sys.executable, [sys.executable, "-m", "medjournal", *args])
    seen = b""
    answered = 0
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 60)
            if not ready:
                break  # the child waits for something this test does not type: fail below, not hang
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break  # the child ended (EIO on Linux)
            if not chunk:
                break
            seen += chunk
            asked = sum(seen.count(prompt) for prompt in PROMPTS)
            while answered < min(asked, len(typed)):
                os.write(fd, typed[answered].encode() + b"\n")
                answered += 1
    finally:
        ended, status = os.waitpid(pid, os.WNOHANG)
        if ended == 0:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace")


def test_encrypt_asks_twice_without_echo_and_a_later_command_asks_once(journal_path: Path) -> None:
    make_plain(journal_path)
    code, screen = run_on_terminal(
        ["--db", str(journal_path), "encrypt", "--old-backups", "keep"], [PASSPHRASE, PASSPHRASE]
    )
    assert code == 0, screen
    assert "cannot be recovered" in screen and "The same again" in screen
    assert PASSPHRASE not in screen
    code, screen = run_on_terminal(["--db", str(journal_path), "today", "--json"], [PASSPHRASE])
    assert code == 0, screen
    assert "Passphrase for" in screen and PASSPHRASE not in screen
    cipher.forget_all()


def test_two_different_new_passphrases_change_nothing(journal_path: Path) -> None:
    make_plain(journal_path)
    before = journal_path.read_bytes()
    code, screen = run_on_terminal(["--db", str(journal_path), "encrypt"], [PASSPHRASE, PASSPHRASE + "x"])
    assert code == 1
    assert "The two passphrases differ; nothing was changed." in screen
    assert journal_path.read_bytes() == before
