"""The country for crisis lines, chosen in Settings and in the guided start (docs/clinical.md §6.2).

Its first choice, "Automatic", keeps the journal without a country: the crisis lines then follow the territory
of the system's locale (de_AT → Austria) when the reviewed data has it. The box shows which country that is, and
a line under it says where it comes from."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from medjournal.domain import knowledge
from medjournal.i18n import _, system_territory
from medjournal.storage.journal import Journal

AUTOMATIC = ""  # the stored value of "Automatic": no country in the journal


def automatic_label() -> str:
    """The "Automatic" choice, naming the country it gives: "Automatic (Austria)", or "Automatic" when the system's
    settings name no country medjournal has crisis lines for (AUTOMATIC_NOTE says where it comes from)."""
    info = knowledge.crisis_info(AUTOMATIC, system_territory())
    if info.from_system:
        return _("Automatic ({country})").format(country=info.label)
    return _("Automatic")


def automatic_note() -> str:
    """Said under the box: where "Automatic" takes the country from."""
    return _("Automatic: the country of your system's settings, if medjournal has its crisis lines.")


def country_box(journal: Journal) -> QComboBox:
    """The "Automatic" choice and every country of the reviewed data, showing the journal's setting."""
    box = QComboBox()
    box.addItem(automatic_label(), AUTOMATIC)
    for code, label in knowledge.crisis_countries():
        box.addItem(label, code)
    stored = journal.setting("country")
    box.setCurrentIndex(max(0, box.findData(stored if isinstance(stored, str) else AUTOMATIC)))
    return box


def chosen_country(box: QComboBox) -> str | None:
    """The setting to store: a country's code, or None for "Automatic"."""
    code = str(box.currentData() or "")
    return code or None


def locale_choice(journal: Journal) -> str:
    """What the guided start shows first: the journal's country, else the system locale's, else "Automatic"."""
    stored = journal.setting("country")
    if isinstance(stored, str) and stored:
        return stored
    return knowledge.locale_country(system_territory()) or AUTOMATIC
