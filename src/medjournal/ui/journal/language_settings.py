"""Settings › Language: the window's language and the summary's (the doctor's may differ from the person's).

Journal settings written here (a contract with ``ui/app.py`` and the summary, docs/translating.md):
  language          the window's language code ("" = the system's language)
  summary_language  the summary's language code ("" = the window's)

The window takes a new language when medjournal next starts: its texts are built once, when each view is made.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from medjournal import i18n
from medjournal.i18n import _
from medjournal.ui.today.checkin_form import muted_label

# Each language by its own name, as a person looking for their language expects to find it.
ENDONYMS = {"en": "English", "de": "Deutsch"}


def language_choices() -> list[tuple[str, str]]:
    """(code, name) for every language with a catalogue, English first."""
    codes = [i18n.SOURCE_LANGUAGE] + [c for c in i18n.available_languages() if c != i18n.SOURCE_LANGUAGE]
    return [(code, ENDONYMS.get(code, code)) for code in codes]


def _stored(value: object) -> str:
    return value if isinstance(value, str) else ""


def _language_box(default_label: str, current: str) -> QComboBox:
    box = QComboBox()
    box.addItem(default_label, "")
    for code, name in language_choices():
        box.addItem(name, code)
    found = box.findData(current)
    if found < 0:  # a code this version has no catalogue for: keep it rather than lose it on Save
        box.addItem(current, current)
        found = box.count() - 1
    box.setCurrentIndex(found)
    return box


class LanguageSettings(QGroupBox):
    """The two language choices; :meth:`values` gives the settings to store."""

    def __init__(self, journal: Any, parent: QWidget | None = None) -> None:
        super().__init__(_("Language"), parent)
        form = QFormLayout(self)
        self.window_language = _language_box(_("System default"), _stored(journal.setting("language", "")))
        window_label = QLabel(_("&Window language"))
        window_label.setBuddy(self.window_language)
        form.addRow(window_label, self.window_language)
        self.summary_language = _language_box(
            _("Same as the window"), _stored(journal.setting("summary_language", ""))
        )
        summary_label = QLabel(_("Summar&y language"))
        summary_label.setBuddy(self.summary_language)
        form.addRow(summary_label, self.summary_language)
        form.addRow(
            muted_label(
                _(
                    "The window changes language when medjournal next starts. The summary for your doctor "
                    "can be in another language than the window."
                )
            )
        )

    def values(self) -> dict[str, str]:
        return {
            "language": str(self.window_language.currentData() or ""),
            "summary_language": str(self.summary_language.currentData() or ""),
        }
