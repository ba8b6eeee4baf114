"""The small dialogs (unlock, "when was it taken?", the recovery dialog, an unexpected error) with long texts at a
16 pt font in German: nothing is squeezed or cut, no button leaves the screen or the dialog, on a 1366×768 screen
and on the same screen at 150 % scale (``QT_SCALE_FACTOR=1.5``: the window's pixels are 1.5 of the screen's, so the
screen is 910×512 of them) (docs/translating.md, "Room for larger fonts")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import open_journal
from medjournal.storage.backup import backup_to_folder, describe_backup
from medjournal.ui import dialog_fit
from medjournal.ui.language import apply_language
from tests.ui.fit_checks import out_of_reach, short_wrapped_labels, squashed
from tests.ui.pseudo_walk import clipped
from tests.ui.test_large_font import system_font  # noqa: F401 - the 16 pt fixture

pytestmark = pytest.mark.gui

SCREENS = {"1366×768": QRect(0, 0, 1366, 768), "1366×768 at 150 %": QRect(0, 0, 910, 512)}
# A folder name with no space to wrap at, as a person names a copy of their journals
FOLDER = "medjournal-Sicherungen-vom-alten-Laptop-vor-dem-Umzug-im-Maerz-2026-bitte-nicht-loeschen"
MEDICATION = "Duloxetin (Cymbalta) 30 mg magensaftresistente Hartkapseln, morgens zum Frühstück"


def _refused_with_backup(folder: Path) -> tuple[JournalFileError, Path]:
    """A journal cut short after its backup: opening it is refused in the window's language."""
    folder.mkdir(parents=True)
    path = folder / "Tagebuch-Rückenschmerzen-und-Duloxetin-seit-Januar-2026.db"
    journal = open_journal(path, FixedClock(datetime(2026, 3, 15, 9, 30).astimezone()))
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    for pain in (6, 5, 4):
        journal.add_checkin(pain=pain)
    backup = backup_to_folder(journal.db, folder / "backups", "auto", datetime(2026, 3, 14, 21, 5))
    journal.close()
    path.write_bytes(path.read_bytes()[: 3 * 4096])
    try:
        open_journal(path)
    except JournalFileError as refused:
        return refused, backup
    raise AssertionError("the damaged journal was opened")


def _traceback() -> str:
    """An unexpected error forty calls deep, as the window's exception hook words it."""
    from medjournal.ui.errors import details_for

    def down(n: int) -> None:
        if n == 0:
            raise RuntimeError("an unexpected state of the dose list " + "with a long explanation " * 12)
        further(n - 1)

    def further(n: int) -> None:  # two in turn: Python words a run of one repeated call in one line
        down(n)

    try:
        down(40)
    except RuntimeError as exc:
        return details_for(type(exc), exc, exc.__traceback__)
    raise AssertionError("no error")


def small_dialogs(folder: Path) -> dict[str, Callable[[], QDialog]]:
    from medjournal.ui.errors import UnexpectedErrorDialog
    from medjournal.ui.journal.recovery import RecoveryDialog
    from medjournal.ui.journal.unlock_dialog import UnlockDialog
    from medjournal.ui.today.dose_time_dialog import DoseTimeDialog

    refused, backup = _refused_with_backup(folder / FOLDER)
    details = _traceback()
    return {
        "unlock": lambda: UnlockDialog(folder / FOLDER / f"{FOLDER}.db"),
        "when taken": lambda: DoseTimeDialog(MEDICATION, time(8, 0), time(21, 30)),
        "recovery": lambda: RecoveryDialog(refused, describe_backup(backup), backup.parent),
        "recovery, no backup": lambda: RecoveryDialog(refused, None, folder / FOLDER / "backups"),
        "unexpected error": lambda: UnexpectedErrorDialog(details),
    }


@pytest.mark.usefixtures("system_font")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_small_dialogs_fit_with_long_texts_at_16_pt_in_german(
    screen: str, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    area = SCREENS[screen]
    monkeypatch.setattr(dialog_fit, "available", lambda _widget: area)  # the offscreen screen is 800×800
    found: dict[str, list[tuple[str, str]]] = {}
    apply_language("de")
    try:
        for title, make in small_dialogs(tmp_path).items():
            dialog = make()
            dialog.show()
            qtbot.waitExposed(dialog)
            QApplication.processEvents()
            found[title] = [
                *squashed(dialog),
                *short_wrapped_labels(dialog),
                *out_of_reach(dialog, area),
                *(("clipped " + where, text) for where, text in clipped(dialog, area.width())),
            ]
            dialog.hide()
            dialog.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        apply_language("en")
    assert found == {
        title: [] for title in ("unlock", "when taken", "recovery", "recovery, no backup", "unexpected error")
    }


def test_the_texts_are_long_and_german(qtbot: QtBot, tmp_path: Path) -> None:
    """The check's own texts: the refusal names the long path, the traceback is taller and wider than a screen."""
    from medjournal.ui.errors import UnexpectedErrorDialog
    from medjournal.ui.journal.recovery import RecoveryDialog

    apply_language("de")
    try:
        dialogs = small_dialogs(tmp_path)
        recovery = dialogs["recovery"]()
        qtbot.addWidget(recovery)
        error = dialogs["unexpected error"]()
        qtbot.addWidget(error)
    finally:
        apply_language("en")
    assert isinstance(recovery, RecoveryDialog) and isinstance(error, UnexpectedErrorDialog)
    assert FOLDER in recovery.reason.text() and recovery.windowTitle() != "medjournal cannot open the journal"
    lines = error.details.splitlines()
    assert len(lines) > 80 and max(len(line) for line in lines) > 300
