"""Settings: the journal file, the backups folder, country for crisis lines, name for summaries, first day of
the week and reminder preferences. Everything except the journal's own location is stored in the journal's
settings (so it travels with the journal), through the Journal API.

Journal settings written here (keys are a contract with the reminders and summary code):
  country            crisis-line country code from ``domain/data/crisis_lines.json`` (None = the system's)
  summary_name       name printed on summaries ("" = none)
  first_day_of_week  1 = Monday … 7 = Sunday (ISO)
  backup_dir         folder for automatic backups ("" = the ``backups`` folder beside the journal)
  reminders          {"doses": bool, "dose_delay_minutes": int, "checkin": bool, "checkin_time": "HH:MM"}
  language, summary_language   see ``ui/journal/language_settings.py``
  idle_lock          minutes without input before an encrypted journal's window locks (0 = off; ui/journal/idle_lock.py)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from medjournal.domain.errors import ValidationError
from medjournal.i18n import N_, _
from medjournal.paths import backup_dir_for
from medjournal.storage.autobackup import BACKUP_DIR_SETTING, resolve_backup_dir
from medjournal.storage.journal import Journal
from medjournal.ui.buttons import quiet_button
from medjournal.ui.journal.country_box import automatic_note, chosen_country, country_box
from medjournal.ui.journal.language_settings import LanguageSettings
from medjournal.ui.journal_dialog import JournalDialog
from medjournal.ui.journal_write import attempt
from medjournal.ui.today.checkin_form import muted_label

DAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
DEFAULT_REMINDERS: dict[str, Any] = {
    "doses": True,
    "dose_delay_minutes": 30,
    "checkin": True,
    "checkin_time": "20:00",
}
JOURNAL_FILTER = N_("medjournal journals (*.db);;All files (*)")


def reminder_settings(journal: Journal) -> dict[str, Any]:
    """The reminder preferences with defaults filled in."""
    stored = journal.setting("reminders", {}) or {}
    return {**DEFAULT_REMINDERS, **(stored if isinstance(stored, dict) else {})}


def backup_folder(journal: Journal, setting: object) -> Path | None:
    """The backups folder ``setting`` names for ``journal``: a relative one taken from the journal's folder as at
    its open (storage/autobackup.py ``resolve_backup_dir``), the default one when none is chosen
    (docs/data-safety.md, *How backups work*); None for a journal without a file when none is chosen."""
    if journal.path is not None:
        return resolve_backup_dir(setting, journal.path, backup_dir_for(journal.path))
    return Path(setting).expanduser() if isinstance(setting, str) and setting else None


def apply_journal_settings(journal: Journal) -> Journal:
    """Settings that change how the opened journal behaves: the backups folder (:func:`backup_folder`)."""
    folder = backup_folder(journal, journal.setting(BACKUP_DIR_SETTING, ""))
    if folder is not None:
        journal.backup_dir = folder
    return journal


def choose_journal_file(parent: QWidget | None, create: bool) -> Path | None:
    """Ask for a journal file to open, or a new file name to create. None when cancelled."""
    if create:
        name, _filter = QFileDialog.getSaveFileName(
            parent, _("Create a new journal"), "journal.db", _(JOURNAL_FILTER)
        )
    else:
        name, _filter = QFileDialog.getOpenFileName(parent, _("Open another journal"), "", _(JOURNAL_FILTER))
    return Path(name) if name else None


def idle_lock_choice(journal: Journal) -> QComboBox:
    """Off, or the minutes without input after which the window of an encrypted journal locks."""
    from medjournal.domain.settings_rules import IDLE_LOCK_MINUTES

    combo = QComboBox()
    for minutes in IDLE_LOCK_MINUTES:
        combo.addItem(_("{n} minutes").format(n=minutes) if minutes else _("never (off)"), minutes)
    combo.setCurrentIndex(max(0, combo.findData(journal.setting("idle_lock", 0))))
    return combo


class SettingsDialog(JournalDialog):
    """``switch_requested(path, create)`` asks the window to open another journal file."""

    switch_requested = Signal(Path, bool)
    passphrase_requested = Signal()  # Protect with a passphrase (ui/journal/passphrase_dialog.py)

    activities_changed = Signal()  # the activities were set up (written at once, whatever Save or Cancel)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(journal, _("Settings"), parent)
        layout = self.column

        layout.addWidget(self._files_box(journal))
        layout.addWidget(self._person_box(journal))
        layout.addWidget(self._reminders_box(journal))
        self.languages = LanguageSettings(journal)
        layout.addWidget(self.languages)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Save | standard.Cancel)
        buttons.button(standard.Save).setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.foot.addWidget(buttons)

    def _files_box(self, journal: Journal) -> QGroupBox:
        """Where the journal is, opening or creating another, and the backups folder."""
        files = QGroupBox(_("Journal file"))
        files_form = QFormLayout(files)
        location = QLabel(str(journal.path) if journal.path else _("(in memory)"))
        location.setWordWrap(True)
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        files_form.addRow(_("This journal"), location)
        buttons_row = QHBoxLayout()
        self.open_button = QPushButton(_("&Open another…"))
        self.new_button = QPushButton(_("Create &new…"))
        for button in (self.open_button, self.new_button):
            button.setAutoDefault(False)  # Enter in a field saves; it must not open a file dialog
        self.open_button.clicked.connect(lambda: self._switch(create=False))
        self.new_button.clicked.connect(lambda: self._switch(create=True))
        buttons_row.addWidget(self.open_button)
        buttons_row.addWidget(self.new_button)
        buttons_row.addStretch(1)
        files_form.addRow("", buttons_row)
        self.passphrase_button = quiet_button(
            _("Change or remove the &passphrase…") if journal.encrypted else _("&Protect with a passphrase…"),
            self._passphrase,
        )
        self.passphrase_button.setEnabled(journal.path is not None)
        files_form.addRow("", self.passphrase_button)
        self.idle_lock: QComboBox | None = idle_lock_choice(journal) if journal.encrypted else None
        if self.idle_lock is not None:
            idle_label = QLabel(_("&Lock after no input for"))
            idle_label.setBuddy(self.idle_lock)
            files_form.addRow(idle_label, self.idle_lock)
        self.backup_dir = QLineEdit(str(journal.setting("backup_dir", "") or ""))
        self.backup_dir.setPlaceholderText(
            str(journal.backup_dir or _("the backups folder beside the journal"))
        )
        browse = quiet_button(_("Choose…"), self._choose_backup_dir)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_dir, 1)
        backup_row.addWidget(browse)
        backup_label = QLabel(_("&Backups folder"))
        backup_label.setBuddy(self.backup_dir)
        files_form.addRow(backup_label, backup_row)
        return files

    def _person_box(self, journal: Journal) -> QGroupBox:
        """The country for crisis lines, the name on summaries and the first day of the week."""
        person = QGroupBox(_("You"))
        person_form = QFormLayout(person)
        self.country = country_box(journal)
        country_label = QLabel(_("&Country for crisis lines"))
        country_label.setBuddy(self.country)
        person_form.addRow(country_label, self.country)
        person_form.addRow("", muted_label(automatic_note()))
        self.name = QLineEdit(str(journal.setting("summary_name", "") or ""))
        self.name.setPlaceholderText(_("optional"))
        name_label = QLabel(_("N&ame on summaries"))
        name_label.setBuddy(self.name)
        person_form.addRow(name_label, self.name)
        self.first_day = QComboBox()
        self.first_day.addItems([_(day) for day in DAYS])
        stored_day = journal.setting("first_day_of_week", 1)
        self.first_day.setCurrentIndex(int(stored_day) - 1 if stored_day in range(1, 8) else 0)
        first_day_label = QLabel(_("&First day of the week"))
        first_day_label.setBuddy(self.first_day)
        person_form.addRow(first_day_label, self.first_day)
        self.weight_unit = _weight_unit_box(journal)
        weight_label = QLabel(_("Wei&ght in"))
        weight_label.setBuddy(self.weight_unit)
        person_form.addRow(weight_label, self.weight_unit)
        self.activities_button = quiet_button(_("Your own ac&tivities…"), self._set_up_activities)
        person_form.addRow(_("Rated weekly with the PEG"), self.activities_button)
        return person

    def _reminders_box(self, journal: Journal) -> QGroupBox:
        reminders = QGroupBox(_("Reminders"))
        reminders_form = QFormLayout(reminders)
        prefs = reminder_settings(journal)
        self.remind_doses = QCheckBox(_("Remind me of scheduled doses not yet logged"))
        self.remind_doses.setChecked(bool(prefs["doses"]))
        reminders_form.addRow(self.remind_doses)
        self.dose_delay = QSpinBox()
        self.dose_delay.setRange(0, 240)
        self.dose_delay.setSuffix(_(" min after the scheduled time"))
        self.dose_delay.setValue(int(prefs["dose_delay_minutes"]))
        reminders_form.addRow(_("Dose reminder"), self.dose_delay)
        self.remind_checkin = QCheckBox(_("Remind me to check in once a day"))
        self.remind_checkin.setChecked(bool(prefs["checkin"]))
        reminders_form.addRow(self.remind_checkin)
        self.checkin_time = QTimeEdit()
        self.checkin_time.setDisplayFormat("HH:mm")
        hour, minute = (int(p) for p in str(prefs["checkin_time"]).split(":"))
        self.checkin_time.setTime(QTime(hour, minute))
        reminders_form.addRow(_("Check-in reminder at"), self.checkin_time)
        reminders_form.addRow(muted_label(_("Reminders show only while medjournal is running.")))
        return reminders

    def values(self) -> dict[str, Any]:
        backup = self.backup_dir.text().strip()
        return {
            "country": chosen_country(self.country),
            "summary_name": " ".join(self.name.text().split()),
            "first_day_of_week": self.first_day.currentIndex() + 1,
            "weight_unit": str(self.weight_unit.currentData() or ""),
            **self.languages.values(),
            "backup_dir": backup,
            **({"idle_lock": self.idle_lock.currentData()} if self.idle_lock is not None else {}),
            "reminders": {
                "doses": self.remind_doses.isChecked(),
                "dose_delay_minutes": self.dose_delay.value(),
                "checkin": self.remind_checkin.isChecked(),
                "checkin_time": self.checkin_time.time().toString("HH:mm"),
            },
        }

    def validate(self, values: dict[str, Any]) -> None:
        if len(values["summary_name"]) > 80:
            raise ValidationError(_("The name on summaries can be at most 80 characters."), "summary_name")
        backup = values["backup_dir"]
        if backup:
            folder = backup_folder(self.journal, backup)
            if folder is not None and folder.exists() and not folder.is_dir():
                raise ValidationError(
                    _("{folder} is a file, not a folder; choose a folder for backups.").format(folder=folder)
                )

    def _write(self, values: dict[str, Any]) -> None:
        self.validate(values)
        with self.journal.batch():
            for key, value in values.items():
                if self.journal.setting(key) != value:
                    self.journal.set_setting(key, value)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def save(self) -> None:
        values = self.values()
        if attempt(lambda: self._write(values), self, self._show_error) is None:
            return
        apply_journal_settings(self.journal)
        self.accept()

    def _set_up_activities(self) -> None:
        """Saved as they are changed, whether Settings is then saved or cancelled (ui/today/activities_dialog.py)."""
        from medjournal.ui.today.activities_dialog import ActivitiesDialog

        dialog = ActivitiesDialog(self.journal, self)
        dialog.changed.connect(self.activities_changed.emit)
        dialog.exec()

    def _choose_backup_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Backups folder"), self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def _passphrase(self) -> None:
        self.reject()
        self.passphrase_requested.emit()

    def _switch(self, create: bool) -> None:
        path = choose_journal_file(self, create)
        if path is not None:
            self.reject()
            self.switch_requested.emit(path, create)


def _weight_unit_box(journal: Journal) -> QComboBox:
    """kg or lb for weights (stored in kg either way); "automatic" follows the country and the language."""
    box = QComboBox()
    box.addItem(
        _("Automatic ({unit} for your country and language)").format(
            unit=journal.weight_unit(automatic=True)
        ),
        "",
    )
    box.addItem(_("kilograms (kg)"), "kg")
    box.addItem(_("pounds (lb)"), "lb")
    stored = journal.setting("weight_unit", "")
    box.setCurrentIndex(max(0, box.findData(stored if stored in ("kg", "lb") else "")))
    return box
