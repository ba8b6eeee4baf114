"""Shared fixtures. Qt runs offscreen, the clock is fixed, nothing touches the real home directory, and no
journal key is held from one test to the next."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from medjournal.domain.clock import FixedClock
from medjournal.storage import Journal, open_journal
from tests.printers import PrivateCups, cups_server, no_print_system, why_no_cups

# No time limit per example: Hypothesis's default deadline (200 ms) is a timed assertion, and on a shared, busy
# machine it failed examples that were right (speed is measured by benchmarks/, docs/contributing.md).
settings.register_profile("medjournal", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("medjournal")

# A Sunday morning in March; tests that need another moment move the clock.
NOW = datetime(2026, 3, 15, 9, 30).astimezone()


@pytest.fixture(autouse=True)
def _qt_objects_end_with_their_test() -> Iterator[None]:
    """After each test, Qt deletes what it was asked to delete and Python collects what the test left, there
    and then. Left for later, a test's windows and charts were collected inside another test's window start
    (which pauses the collector until the window shows, then collects everything at once), and the run crashed
    there in Qt (QGraphicsScene::clear, QScreen::virtualSiblings) with nothing pointing at the test that left
    them."""
    yield
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture(autouse=True)
def _log_file_ends_with_its_test() -> Iterator[None]:
    """A window started in a test (ui/app.py ``setup_logging``) logs to a file in that test's home; the handler
    is closed with the test. Left on the logger, it went on writing into an earlier test's home, and a later
    test's own ``setup_logging`` saw it and made no log folder of its own."""
    import logging

    logger = logging.getLogger("medjournal")
    handlers, level = list(logger.handlers), logger.level
    yield
    for handler in [h for h in logger.handlers if h not in handlers]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(level)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MEDJOURNAL_HOME", str(home))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("MEDJOURNAL_DB", raising=False)
    monkeypatch.delenv("MEDJOURNAL_NOW", raising=False)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # no desktop notifications from tests
    # The machine's locale chooses a journal's crisis lines when it has no country (docs/clinical.md §6.2): tests
    # start from a locale without a territory and set one where they need it.
    monkeypatch.setenv("LANG", "C.UTF-8")
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(journal_path: Path, clock: FixedClock) -> Iterator[Journal]:
    opened = open_journal(journal_path, clock)
    yield opened
    opened.close()


class Cli:
    """Runs the command line in-process against one journal file with a fixed clock."""

    def __init__(self, db: Path, now: datetime) -> None:
        self.db = db
        self.now = now

    def __call__(self, *args: str, input: str | None = None) -> Result:
        from medjournal.cli import cli, register_commands

        register_commands()
        runner = CliRunner()
        return runner.invoke(
            cli,
            ["--db", str(self.db), *args],
            input=input,
            env={"MEDJOURNAL_NOW": self.now.isoformat()},
            catch_exceptions=True,
        )


@pytest.fixture
def run_cli(journal_path: Path) -> Cli:
    return Cli(journal_path, NOW)


@pytest.fixture(scope="session")
def cups_queues() -> Iterator[PrivateCups]:
    """A private CUPS server with cups-pdf queues (tests/printers.py); skipped, saying why, where it cannot run."""
    reason = why_no_cups()
    if reason:
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="medjournal-cups-"))
    folder.chmod(0o755)  # the print filters run as the lp user and must reach the server's temporary folder
    server = PrivateCups(folder)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def printers(cups_queues: PrivateCups) -> Iterator[PrivateCups]:
    """This process prints to the private CUPS server; the PDFs of the test's jobs are removed after it."""
    with cups_server(cups_queues.socket):
        yield cups_queues
        cups_queues.remove_job_pdfs()


@pytest.fixture
def no_printers(tmp_path: Path) -> Iterator[None]:
    """A computer with no printer set up."""
    with no_print_system(tmp_path):
        yield


@pytest.fixture(autouse=True)
def no_keys_left() -> Iterator[None]:
    """No journal key is held from one test to the next (an encrypted journal's tests forget theirs)."""
    from medjournal.storage import cipher

    cipher.forget_all()
    yield
    cipher.forget_all()
