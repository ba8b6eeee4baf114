"""The guided start adds one medication after another: after "Add this medication" every field of step 1 is back to
how the dialog opened, so nothing of the first medication (its dose, its times, what it is for) is saved with the
second unseen (docs/user-guide.md, "The first days"). The window is started as the ``medjournal`` command starts it
and both medications are typed with keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from medjournal.ui.journal.first_run import FirstRunDialog
from medjournal.ui.main_window import MainWindow
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-12-06T19:30"


def test_two_medications_typed_in_the_guided_start_keep_only_their_own_fields(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    journal_at(db, NOW).close()
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        qtbot.waitUntil(lambda: window.first_run_dialog is not None and window.first_run_dialog.isVisible())
        guided = of_type(window.first_run_dialog, FirstRunDialog)
        guided.activateWindow()  # offscreen, nothing brings a new dialog to the front as a desktop does
        keys = Keyboard(qtbot)
        keys.play("Alt+N")
        keys.type("duloxetine")
        keys.play("Alt+D")
        keys.type("60")
        keys.play("Alt+T")
        keys.type("20:00")
        keys.play("Alt+F")
        keys.type("back pain")
        keys.play("Alt+A")
        qtbot.waitUntil(lambda: guided.name.text() == "")
        seen["after first"] = (
            guided.purpose.text(),
            guided.dose.value(),
            guided.times.text(),
            guided.as_needed.isChecked(),
        )
        seen["focus"] = guided.focusWidget() is guided.name
        seen["message"] = guided.message.text()
        # The second one: an as-needed painkiller whose "for" is left empty on purpose.
        keys.type("ibuprofen")
        keys.play("Alt+M")
        keys.play("Alt+A")
        qtbot.waitUntil(lambda: guided.name.text() == "")
        guided.reject()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["after first"] == ("", 30.0, "08:00", False)
    assert seen["focus"] is True
    assert "duloxetine" in str(seen["message"])
    journal = journal_at(db, NOW)
    try:
        medications = {m.name: m for m in journal.medications()}
        assert sorted(medications) == ["duloxetine", "ibuprofen"]
        assert medications["duloxetine"].purpose == "back pain"
        assert medications["ibuprofen"].purpose == ""
        first = journal.current_regimen(medications["duloxetine"].id)
        second = journal.current_regimen(medications["ibuprofen"].id)
        assert first is not None and second is not None
        assert (first.dose, first.times, first.as_needed) == (60.0, ("20:00",), 0)
        assert (second.dose, second.times, second.as_needed, second.max_daily) == (30.0, (), 1, 3)
    finally:
        journal.close()
