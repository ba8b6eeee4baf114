"""The names the window suggests are names the checks know, in every language (docs/clinical.md §4.5), and a
medication added under its German name in the guided start gets the antidepressant's checks on Today and in the
Stop dialog. The window is started as the ``medjournal`` command starts it; the name is typed with keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from medjournal import i18n
from medjournal.domain import knowledge
from medjournal.ui.journal.first_run import FirstRunDialog
from medjournal.ui.language import apply_language
from medjournal.ui.main_window import MainWindow
from medjournal.ui.medications.medications_view import MedicationsView
from medjournal.ui.today.today_view import TodayView
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-03-15T09:30"


def _guided_start(qtbot: Any, window: MainWindow) -> FirstRunDialog:
    qtbot.waitUntil(lambda: window.first_run_dialog is not None and window.first_run_dialog.isVisible())
    return of_type(window.first_run_dialog, FirstRunDialog)


def _journal(db: Path, language: str) -> None:
    """An empty journal whose window speaks ``language``: the guided start opens."""
    journal = journal_at(db, NOW)
    journal.set_setting("language", language)
    journal.close()


def _run(monkeypatch: pytest.MonkeyPatch, db: Path, session: Callable[[QWidget], None]) -> None:
    try:
        assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    finally:
        apply_language("en")


def _example(field: QLineEdit) -> str:
    """The name in a placeholder such as "for example Duloxetine" or "z. B. Duloxetin"."""
    return field.placeholderText().split()[-1]


@pytest.mark.parametrize("language", i18n.available_languages())
def test_every_example_name_the_window_shows_is_known(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    db = tmp_path / "journal.db"
    _journal(db, language)
    examples: list[str] = []

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        guided = _guided_start(qtbot, window)
        examples.append(_example(guided.name))
        guided.reject()
        medications = of_type(window.view("medications"), MedicationsView)
        dialog = medications.make_medication_dialog()
        examples.append(_example(dialog.name))
        dialog.reject()
        dialog.deleteLater()
        window.close()

    _run(monkeypatch, db, session)
    assert len(examples) == 2
    for example in examples:
        assert knowledge.is_known(example), (language, example)
        assert knowledge.is_antidepressant(example), (language, example)


def test_duloxetin_typed_in_the_german_guided_start_gets_the_antidepressant_checks(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    _journal(db, "de")
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        window.activateWindow()
        guided = _guided_start(qtbot, window)
        guided.activateWindow()  # offscreen, nothing brings a new dialog to the front as a desktop does
        keys = Keyboard(qtbot)
        keys.play("Alt+N")  # "&Name"
        assert QApplication.focusWidget() is guided.name
        keys.type("Duloxetin")
        keys.play("Alt+H")  # "Dieses Medikament &hinzufügen"
        qtbot.waitUntil(lambda: bool(window.journal.medications()))
        keys.play("Esc")
        qtbot.waitUntil(lambda: not guided.isVisible())
        today = of_type(window.view("today"), TodayView)
        today.warnings_panel.refresh()
        seen["prompts"] = [row.warning for row in today.warnings_panel.prompt_rows.values()]
        seen["warnings"] = [row.warning.kind for row in today.warnings_panel.rows.values()]
        medications = of_type(window.view("medications"), MedicationsView)
        medications.select_medication(window.journal.medications()[0].id)
        stop = medications.make_dose_dialog("stop")
        assert stop is not None
        seen["taper"] = stop.taper_note.text() if stop.taper_note is not None else None
        stop.reject()
        stop.deleteLater()
        window.close()

    _run(monkeypatch, db, session)
    reopened = journal_at(db, NOW)
    [medication] = reopened.medications()
    reopened.close()
    assert medication.name.casefold() == "duloxetin"
    [prompt] = seen["prompts"]
    assert prompt.kind == "self_harm_offer"
    assert prompt.title == "Die Frage dieser Woche, wie es Ihnen geht (freiwillig)"
    assert "not_checked" not in seen["warnings"]
    assert seen["taper"] is not None and seen["taper"].startswith(
        f"{medication.name} ist ein Antidepressivum"
    )
