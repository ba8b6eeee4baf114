"""What the translation walks look at: the dialogs to open, and what the person typed (shown as typed in every
language). Used by tests/ui/test_pseudo_locale.py and tests/ui/test_german_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from medjournal.domain import instruments, knowledge
from medjournal.domain.errors import JournalFileError
from medjournal.storage import Journal
from medjournal.ui.journal.language_settings import ENDONYMS

UNIT_SYMBOLS = ("mg", "mcg", "µg", "g", "ml")


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


def dialogs(journal: Journal, folder: Path) -> dict[str, Callable[[], QDialog]]:
    from medjournal.ui.errors import UnexpectedErrorDialog
    from medjournal.ui.help import HelpDialog, about_text
    from medjournal.ui.history.entry_editor import EntryEditor
    from medjournal.ui.journal.csv_import_dialog import CsvImportDialog
    from medjournal.ui.journal.first_run import FirstRunDialog
    from medjournal.ui.journal.recovery import RecoveryDialog
    from medjournal.ui.journal.settings_dialog import SettingsDialog
    from medjournal.ui.journal.unlock_dialog import UnlockDialog
    from medjournal.ui.medications.dose_change_dialog import DoseChangeDialog
    from medjournal.ui.medications.medication_dialog import MedicationDialog
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
