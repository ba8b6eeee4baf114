"""A medication's form in the Medications view: a stored English word ("capsule", from the demo, the command
line or an import) in the window's language, the person's own word as typed (domain/forms.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from medjournal.domain.forms import form_text
from medjournal.i18n import use_language
from medjournal.ui.main_window import MainWindow
from medjournal.ui.medications.medications_view import MedicationsView
from tests.ui.keys import Keyboard
from tests.ui.walk_subjects import on_the_demo, show_and_wait

pytestmark = pytest.mark.gui


def subtitles(qtbot: QtBot, window: MainWindow) -> dict[str, str]:
    """Each medication's line under its name, walked with the Down key in the list of medications."""
    show_and_wait(qtbot, window, "medications")
    view = window.view("medications")
    assert isinstance(view, MedicationsView)
    names = view.medication_list
    names.setFocus()
    names.setCurrentRow(0)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is names)
    found = {view.title.text(): view.subtitle.text()}
    for _row in range(names.count() - 1):
        Keyboard(qtbot).press(Qt.Key.Key_Down)
        found[view.title.text()] = view.subtitle.text()
    return found


@pytest.mark.parametrize(
    ("language", "capsule", "tablet"), [("de", "Kapsel", "Tablette"), ("en", "capsule", "tablet")]
)
def test_the_demo_journals_forms_are_in_the_windows_language(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, language: str, capsule: str, tablet: str
) -> None:
    seen: dict[str, str] = {}

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        journal = window.journal
        journal.add_medication("Pregabalin", 75, times="20:00", start="2026-03-01", form="Retardkapsel")
        window.refresh_all()
        seen.update(subtitles(qtbot, window))
        window.close()

    assert on_the_demo(monkeypatch, tmp_path / "journal.db", language, session, days=30) == 0
    assert seen["Duloxetine"].endswith(f" · {capsule}"), seen
    assert seen["Ibuprofen"].endswith(f" · {tablet}"), seen
    assert seen["Pregabalin"] == "Retardkapsel"  # the person's own word, as typed


def test_only_the_offered_words_are_translated() -> None:
    with use_language("de"):
        assert [form_text(word) for word in ("capsule", " Tablet ", "drops", "Kapsel", "capsules", "")] == [
            "Kapsel",
            "Tablette",
            "Tropfen",
            "Kapsel",
            "capsules",  # not a word offered: the person's own, kept
            "",
        ]
