"""What the translation walks look at: the dialogs to open, and what the person typed (shown as typed in every
language). Used by tests/ui/test_pseudo_locale.py and tests/ui/test_german_walk.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from medjournal.domain import instruments, knowledge
from medjournal.domain.due import DueQuestionnaire
from medjournal.domain.errors import JournalFileError
from medjournal.domain.pgic_due import pgic_due_near_end
from medjournal.storage import Journal
from medjournal.ui.journal.language_settings import ENDONYMS
from medjournal.ui.main_window import MainWindow

UNIT_SYMBOLS = ("mg", "mcg", "µg", "g", "ml")

# English the German window still shows because the code that makes the sentence does not translate it yet, as
# the message's pattern ({placeholders} stand for any text). Each names the module that owns it; the list shrinks
# as that work lands, and nothing else may be added.
STILL_ENGLISH: dict[str, str] = {
    # none left: the Trends view's before → now lines (domain/response_words.py) and the PGIC prompt's reason
    # (domain/pgic_due.py) are translated
}


def _still_english_patterns() -> list[re.Pattern[str]]:
    found = []
    for message in STILL_ENGLISH:
        parts = re.split(r"\{[^{}]*\}", message)
        found.append(re.compile("[^\n]*?".join(re.escape(part) for part in parts)))
    return found


def still_english(line: str) -> bool:
    """Whether ``line`` holds a sentence another module does not translate yet (``STILL_ENGLISH``)."""
    return any(pattern.search(line) for pattern in _still_english_patterns())


def without_still_english(text: str) -> str:
    """``text`` with those sentences taken out."""
    for pattern in _still_english_patterns():
        text = pattern.sub(" ", text)
    return text


def person_data(journal: Journal, *extra: str) -> list[str]:
    """Everything the person (here: the demo) typed, which is shown as typed in every language."""
    found = list(extra) + list(UNIT_SYMBOLS) + list(ENDONYMS.values())
    for medication in journal.medications(include_archived=True):
        found += [medication.name, medication.unit, medication.form, medication.purpose, medication.notes]
        for step in journal.regimens(medication.id):
            found += [step.reason, step.stop_reason, step.unit]
    for rows in (journal.checkins(), journal.side_effects(), journal.treatments(), journal.refills()):
        found += [row.note for row in rows]
    found += [log.note for log in journal.dose_logs()]
    found += [visit.note for visit in journal.visits()]
    found += [question.text for question in journal.questions()]
    found += [activity.name for activity in journal.activities(include_retired=True)]
    for key in instruments.INSTRUMENTS:  # validated wording: English until an official translation is bundled
        inst = instruments.instrument(key)
        found += [inst.title, inst.stem, inst.attribution, *(item.text for item in inst.items)]
        found += [anchor for item in inst.items for anchor in item.anchors]
    if journal.path is not None:
        found += [str(journal.path), str(journal.path.parent), journal.path.name]
    if journal.backup_dir is not None:
        found.append(str(journal.backup_dir))
    # names: the app's, and the crisis services' own names as the reviewed data gives them
    found.append("medjournal")
    countries = knowledge.load("crisis_lines")["countries"].values()
    found += [line["name"] for country in countries for line in country["lines"]]
    return [text for text in found if text]


def published_wording() -> list[str]:
    """The questionnaires' validated wording that is filled in as it is shown, with its ``{placeholders}`` (the
    PGIC's stem: "Since starting {medication} on {date}, my overall status is:"): English until an official
    translation is bundled (domain/instrument_wording.py), like the rest of :func:`person_data`'s wording."""
    found = []
    for key in instruments.INSTRUMENTS:
        inst = instruments.instrument(key)
        found += [text for text in (inst.stem, *(item.text for item in inst.items)) if "{" in text]
    return found


def document_titles(language: str) -> list[str]:
    """The titles of the bundled documents in the documentation dialog's list (Help › Open the documentation): each
    document's first heading, English on purpose but for a translated user guide (docs/translating.md, "The
    documentation Help shows")."""
    from medjournal import manual

    return [page.title for page in manual.pages(language=language)]


def documentation(language: str) -> list[str]:
    """What the documentation dialog shows of the bundled documents themselves: their titles (as
    :func:`document_titles`) and each one's text as the dialog renders it. The dialog's own words (its title,
    its button, the line for an installation without documents) are not among them: they are translated."""
    from PySide6.QtGui import QTextDocument

    from medjournal import manual

    found = document_titles(language)
    for page in manual.pages(language=language):
        document = QTextDocument()
        document.setMarkdown(page.text())
        found.append(document.toPlainText())
    return found


def dialogs(journal: Journal, folder: Path) -> dict[str, Callable[[], QDialog]]:
    from medjournal.ui.errors import UnexpectedErrorDialog
    from medjournal.ui.help import HelpDialog, ManualDialog, about_text
    from medjournal.ui.history.entry_editor import EntryEditor
    from medjournal.ui.journal.backup_unlock import BackupUnlockDialog
    from medjournal.ui.journal.csv_import_dialog import CsvImportDialog
    from medjournal.ui.journal.first_run import FirstRunDialog
    from medjournal.ui.journal.passphrase_dialog import PassphraseDialog
    from medjournal.ui.journal.recovery import RecoveryDialog
    from medjournal.ui.journal.settings_dialog import SettingsDialog
    from medjournal.ui.journal.unlock_dialog import UnlockDialog
    from medjournal.ui.medications.dose_change_dialog import DoseChangeDialog
    from medjournal.ui.medications.medication_dialog import MedicationDialog
    from medjournal.ui.summary.summary_pgic import PgicDialog
    from medjournal.ui.today.activities_dialog import ActivitiesDialog
    from medjournal.ui.today.dose_time_dialog import DoseTimeDialog
    from medjournal.ui.today.safety_panel import SafetyPanel

    medication = journal.medications()[0]
    csv = folder / "doses.csv"
    csv.write_text("date,time,medication,amount\n2026-03-01,08:00,Duloxetine,60\n", encoding="utf-8")

    def about() -> QDialog:
        box = QMessageBox()
        box.setText(about_text())
        return box

    dialogs: dict[str, Callable[[], QDialog]] = {
        "add medication": lambda: MedicationDialog(journal),
        "edit medication": lambda: MedicationDialog(journal, medication),
        "change dose": lambda: DoseChangeDialog(journal, medication, "change"),
        "stop": lambda: DoseChangeDialog(journal, medication, "stop"),
        "restart": lambda: DoseChangeDialog(journal, medication, "restart"),
        "settings": lambda: SettingsDialog(journal),
        "first run": lambda: FirstRunDialog(journal),
        "safety": lambda: SafetyPanel(journal, None),
        "unexpected error": lambda: UnexpectedErrorDialog("Traceback"),
        "help": HelpDialog,
        "about": about,
        "unlock": lambda: UnlockDialog(folder / "journal.db"),
        "when taken": lambda: DoseTimeDialog("Duloxetine", time(8, 0), time(11, 30)),
        "import": lambda: CsvImportDialog(journal, csv),
        "recovery": lambda: RecoveryDialog(JournalFileError("The file is damaged."), None, folder),
        "documentation": ManualDialog,
        "passphrase, set": lambda: PassphraseDialog(folder / "journal.db", encrypted=False),
        "passphrase, change": lambda: PassphraseDialog(folder / "journal.db", encrypted=True),
        "pgic": lambda: PgicDialog(journal, pgic_due(journal)),
        "own activities": lambda: ActivitiesDialog(journal),
        "unlock backup": lambda: BackupUnlockDialog(folder / "journal-2026-03-01_080000.db"),
    }

    def editor(table: str, entry_id: int) -> Callable[[], QDialog]:
        return lambda: EntryEditor(journal, table, entry_id)

    dialogs["edit checkins"] = editor("checkins", journal.checkins()[0].id)
    dialogs["edit side_effects"] = editor("side_effects", journal.side_effects()[0].id)
    dialogs["edit questionnaires"] = editor("questionnaires", journal.questionnaires()[0].id)
    dialogs["edit treatments"] = editor("treatments", journal.treatments()[0].id)
    dialogs["edit dose_logs"] = editor("dose_logs", journal.dose_logs()[0].id)
    dialogs["edit refills"] = editor("refills", journal.refills()[0].id)
    return dialogs


def pgic_due(journal: Journal) -> DueQuestionnaire:
    """The PGIC the Summary asks for a few days before a medication's 4-week milestone, as
    domain/pgic_due.py words its reason in the window's language ("4 weeks after starting …"; the day the
    milestone opens is DueQuestionnaire.opens, not in the reason)."""
    from medjournal.ui.today.today_questionnaires import medication_starts

    start = medication_starts(journal, journal.today())[0]
    end = start.started + timedelta(weeks=4, days=-3)
    return pgic_due_near_end(end, [], [start])[0]


DEMO_NOW = datetime(2026, 3, 15, 19, 40)  # the screenshots' evening


def on_the_demo(
    monkeypatch: Any, journal_path: Path, language: str, session: Callable[[QWidget], None], days: int
) -> int:
    """``medjournal --db JOURNAL`` on a demo journal of ``days`` days whose window language is ``language`` (on
    an English system), with ``session(window)`` in place of the person; English again afterwards."""
    from medjournal.demo import write_demo
    from medjournal.domain.clock import FixedClock
    from medjournal.storage import open_journal
    from medjournal.ui.language import apply_language
    from tests.ui.keys import start_like_the_command

    demo = open_journal(journal_path, FixedClock(DEMO_NOW.astimezone()))
    write_demo(demo, days=days)
    demo.set_setting("language", language)
    demo.close()
    monkeypatch.setenv("LANGUAGE", "en")
    try:
        return start_like_the_command(monkeypatch, journal_path, DEMO_NOW.astimezone().isoformat(), session)
    finally:
        apply_language("en")


def look_at_dialogs(
    qtbot: QtBot, journal: Journal, folder: Path, look: Callable[[str, QWidget], None]
) -> None:
    """Opens each of :func:`dialogs` in turn, has ``look(title, dialog)`` look at it shown, and closes it. Called
    with a window shown: dialogs made and destroyed one by one in a test without a window crashed Qt's
    offscreen platform."""
    for title, make in dialogs(journal, folder).items():
        dialog = make()
        dialog.show()
        qtbot.waitExposed(dialog)
        look(title, dialog)
        dialog.close()
        dialog.hide()  # the safety panel refuses to close for its first seconds
        dialog.deleteLater()  # before the journal closes with the window: no dialog outlives it


def show_and_wait(qtbot: QtBot, window: MainWindow, section: str) -> None:
    """The section shown, and the summary's preview drawn (its pages and the PGIC prompt come from timers), or
    History's rows fitted to their text."""
    ready = getattr(window.view(section), "preview_ready", None)
    if ready is not None and window.current_section() != section:
        with qtbot.waitSignal(ready, timeout=60000):
            window.show_section(section)
    else:
        window.show_section(section)
    qtbot.waitUntil(lambda: window.current_section() == section)
    settled = getattr(window.view(section), "settled", None)  # History: its rows fitted to their text
    if settled is not None:
        qtbot.waitUntil(settled)


def looking_at_lock_screen(qtbot: QtBot, window: MainWindow, look: Callable[[QWidget], None]) -> None:
    """The screen an encrypted journal's window shows while locked (ui/journal/idle_lock.py), over the window at
    its size, looked at by ``look``, then taken away."""
    from medjournal.ui.journal.idle_lock import lock_screen

    screen = lock_screen(window, lambda: None)
    screen.setGeometry(window.rect())
    screen.show()
    screen.raise_()
    qtbot.waitUntil(screen.isVisible)
    try:
        look(screen)
    finally:
        screen.hide()
        screen.deleteLater()
