"""The main window: sections, shortcuts, lazy sections, remembered geometry and section, error tiers."""

from __future__ import annotations

import logging
import sys
from typing import Any

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from medjournal.domain.errors import JournalFileError
from medjournal.storage import Journal
from medjournal.ui import errors
from medjournal.ui.main_window import SECTIONS, MainWindow, ui_settings

pytestmark = pytest.mark.gui


def test_settings_live_in_the_temporary_folder(qsettings_dir, monkeypatch) -> None:
    monkeypatch.delenv("MEDJOURNAL_HOME")  # without it: the platform's place (here the temporary one)
    settings = ui_settings()
    assert settings.fileName().startswith(str(qsettings_dir))
    assert QSettings.defaultFormat() == QSettings.Format.IniFormat


def test_window_settings_live_under_medjournal_home(qtbot, journal: Journal, qsettings_dir, tmp_path) -> None:
    """QSettings ignored MEDJOURNAL_HOME: a portable or test setup still wrote the person's own config."""
    import os
    from pathlib import Path

    home = Path(os.environ["MEDJOURNAL_HOME"])
    expected = home / "config" / "window.ini"
    assert Path(ui_settings().fileName()) == expected
    journal.add_checkin(pain=3)
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.show_section("history")
    window.close()
    assert expected.is_file() and "section=history" in expected.read_text()
    assert [p for p in qsettings_dir.rglob("*") if p.is_file()] == []  # the platform's place is untouched


def test_an_empty_journal_opens_on_today_whatever_was_last_used(qtbot, journal: Journal, tmp_path) -> None:
    """The last section is remembered per person, not per journal: a new journal opened on History."""
    ui_settings().setValue("window/section", "history")
    empty = MainWindow(journal, first_run=False)
    qtbot.addWidget(empty)
    assert empty.current_section() == "today"
    empty.close()
    assert ui_settings().value("window/section") == "history"  # still remembered for a journal with entries

    journal.add_checkin(pain=5)
    used = MainWindow(journal, first_run=False)
    qtbot.addWidget(used)
    assert used.current_section() == "history"
    used.switch_journal(tmp_path / "brand-new.db", True)
    assert used.current_section() == "today"
    assert ui_settings().value("window/section") == "history"
    used.close()
    used.journal.close()


def test_sections_in_order(window: MainWindow) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Today", "Medications", "History", "Trends", "Summary"]


def test_ctrl_number_switches_sections(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    for number, section in enumerate(SECTIONS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_section() == section.key


def test_lazy_sections_load_when_first_shown(window: MainWindow) -> None:
    assert "trends" not in window.views
    assert "summary" not in window.views
    window.show_section("trends")
    assert "trends" in window.views


def test_geometry_and_section_are_restored(qtbot, journal: Journal) -> None:
    journal.add_checkin(pain=4)  # an empty journal always opens on Today
    first = MainWindow(journal, first_run=False)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.setGeometry(QRect(30, 40, 700, 520))
    first.show_section("history")
    first.close()

    second = MainWindow(journal, first_run=False)
    qtbot.addWidget(second)
    assert second.current_section() == "history"
    assert (second.x(), second.y(), second.width(), second.height()) == (30, 40, 700, 520)


def test_write_in_one_section_refreshes_the_others(qtbot, window: MainWindow, monkeypatch) -> None:
    history = window.view("history")
    calls = []
    monkeypatch.setattr(history, "refresh", lambda: calls.append("history"))
    today: Any = window.view("today")
    today.journal_changed.emit(None)
    assert calls == ["history"]


def test_ctrl_s_saves_the_check_in(qtbot, window: MainWindow, journal: Journal) -> None:
    window.activateWindow()
    window.show_section("today")
    today: Any = window.view("today")
    today.checkin.pain.set_rating(4)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [c.pain for c in journal.checkins()] == [4]


def test_expected_errors_are_one_sentence(qtbot, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(errors, "show_message", lambda parent, text, title="medjournal": shown.append(text))
    result = errors.guarded(None, lambda: (_ for _ in ()).throw(JournalFileError("The journal is locked.")))
    assert result is None
    assert shown == ["The journal is locked."]


def test_unexpected_errors_are_logged_and_shown_with_copy_details(qtbot, caplog) -> None:
    hook = errors.ExceptionHook()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        exc_type, exc, tb = sys.exc_info()
    assert exc_type is not None and exc is not None
    hook(exc_type, exc, tb)
    assert len(hook.dialogs) == 1
    dialog = hook.dialogs[0]  # deletes itself on close
    assert "RuntimeError: boom" in dialog.details
    assert any("unexpected error" in r.message for r in caplog.records)
    dialog.copy_button.click()
    assert "RuntimeError: boom" in QApplication.clipboard().text()
    dialog.close()
    assert hook.dialogs == []


def test_an_unexpected_error_logs_no_name_above_debug(qtbot, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    hook = errors.ExceptionHook()
    name = "Zebra" + "fluoxamine"  # as data, the way a name reaches an error (not in a source line)
    try:
        raise KeyError(name)
    except KeyError:
        exc_type, exc, tb = sys.exc_info()
    assert exc_type is not None and exc is not None
    hook(exc_type, exc, tb)
    loud = [r for r in caplog.records if r.levelno > logging.DEBUG]
    assert loud and all("Zebrafluoxamine" not in r.getMessage() and r.exc_info is None for r in loud)
    assert any("KeyError" in r.getMessage() for r in loud)
    assert "Zebrafluoxamine" in hook.dialogs[0].details  # the person still sees it, and can copy it
    hook.dialogs[0].close()


def _indicator_contrast(qtbot, style, palette) -> int:
    """Largest lightness difference between the unchecked box of a check box and the window behind it."""
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    box = QCheckBox("Lower back, left")
    qtbot.addWidget(box)
    box.setStyle(style)
    box.setPalette(palette)
    box.resize(box.sizeHint())
    image = box.grab().toImage()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = style.subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    ratio = image.devicePixelRatio()
    background = palette.color(palette.ColorRole.Window).lightness()
    return int(
        max(
            abs(image.pixelColor(int(x * ratio), int(y * ratio)).lightness() - background)
            for x in range(rect.left(), rect.right() + 1)
            for y in range(rect.top(), rect.bottom() + 1)
        )
    )


def test_unchecked_check_boxes_are_visible_on_a_dark_palette(qtbot) -> None:
    """With Fusion and a dark palette an unchecked box was the colour of the window ("Where it hurts")."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QStyleFactory

    from medjournal.ui.app import VisibleIndicatorStyle

    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.Base, "#1f1f1f"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
    ):
        dark.setColor(role, QColor(colour))
    assert (
        _indicator_contrast(qtbot, QStyleFactory.create("Fusion"), dark) < 30
    )  # the problem, as Fusion has it
    assert _indicator_contrast(qtbot, VisibleIndicatorStyle(), dark) >= 80
    light = QStyleFactory.create("Fusion").standardPalette()
    assert _indicator_contrast(qtbot, VisibleIndicatorStyle(), light) >= 40  # light: as Fusion draws it


def test_the_application_uses_the_visible_indicator_style_over_fusion(qtbot) -> None:
    from PySide6.QtWidgets import QStyleFactory

    from medjournal.ui.app import VisibleIndicatorStyle, application

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.style().name()
    app.setStyle(QStyleFactory.create("Fusion"))
    try:
        application()
        assert isinstance(app.style(), VisibleIndicatorStyle)
    finally:
        app.setStyle(QStyleFactory.create(before or "Fusion"))


def _mnemonics(root) -> dict[str, list[str]]:
    """Alt+letter keys of the visible buttons, buddied labels and group boxes under ``root``."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QGroupBox

    found: dict[str, list[str]] = {}
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QGroupBox):
            text = widget.title()
        elif isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        else:
            continue
        match = re.search(r"&(\w)", text.replace("&&", ""))
        if match:
            found.setdefault(match.group(1).lower(), []).append(text)
    return found


def test_no_alt_key_does_two_things(qtbot, journal: Journal) -> None:
    """Alt+F went to the File menu or History's From field by turns; Alt+A, Alt+H and several in the
    medication dialog were taken twice as well."""
    import re

    from medjournal.demo import write_demo
    from medjournal.ui.medications.medication_dialog import MedicationDialog

    write_demo(journal, days=60)
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    menus = {
        match.group(1).lower()
        for action in window.menuBar().actions()
        if (match := re.search(r"&(\w)", action.text()))
    }
    for section in SECTIONS:
        view = window.view(section.key)
        ready = getattr(view, "preview_ready", None)  # the summary preview draws its pages from timers:
        if ready is not None:  # let it finish, so that none fires after the window is gone
            with qtbot.waitSignal(ready, timeout=30000):
                window.show_section(section.key)
        else:
            window.show_section(section.key)
        used = _mnemonics(view)
        assert {k: v for k, v in used.items() if len(v) > 1} == {}, section.key
        assert not menus & set(used), (section.key, menus & set(used))
    dialog = MedicationDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    assert {k: v for k, v in _mnemonics(dialog).items() if len(v) > 1} == {}


def test_the_first_window_fits_a_small_screen() -> None:
    """200% scaling on a 1920×1080 screen leaves about 960×540: a 1100×780 window hung off the screen."""
    from PySide6.QtCore import QSize

    from medjournal.ui.main_window import default_size

    assert default_size(QSize(2560, 1400)) == QSize(1100, 780)
    small = default_size(QSize(960, 510))
    assert small.width() <= 960 and small.height() <= 510


def test_a_new_window_is_no_larger_than_the_screen(qtbot, journal: Journal) -> None:
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()
