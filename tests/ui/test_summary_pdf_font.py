"""The doctor's PDF does not depend on the person's desktop font (docs/summary.md, "The chart of a long period"):
saved from the window at a 16 pt system font, page 1's chart has the same words at the same places as the PDF the
command line makes of the same journal and period. At 16 pt the window's PDF used to draw its dates into each
other and lose a medication's name."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.main_window import MainWindow
from medjournal.ui.summary.summary_view import SummaryView
from tests.conftest import Cli
from tests.test_pdf_long_chart import chart_words
from tests.ui.keys import CTRL, Keyboard, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

NOW = datetime(2026, 3, 15, 19, 40)


def test_the_pdf_saved_at_a_16_pt_font_is_the_command_lines_pdf(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, tmp_path: Path
) -> None:
    from medjournal.demo import write_demo

    demo = open_journal(journal_path, FixedClock(NOW.astimezone()))
    write_demo(demo, days=120)
    demo.close()
    saved = tmp_path / "from-the-window.pdf"
    period: dict[str, str] = {}
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(saved), "PDF files (*.pdf)"))
    )

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        view = of_type(window.view("summary"), SummaryView)
        with qtbot.waitSignal(view.preview_ready, timeout=60_000):
            Keyboard(qtbot).press(Qt.Key.Key_5, CTRL)  # View › 5 Summary: its pages are drawn
        assert window.current_section() == "summary"
        period["from"] = view.start_edit.date().toString("yyyy-MM-dd")
        period["to"] = view.end_edit.date().toString("yyyy-MM-dd")
        with qtbot.waitSignal(view.pdf_saved, timeout=60_000):
            qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
        window.close()

    desktop = QApplication.font()
    QApplication.setFont(QFont("DejaVu Sans", 16))  # as a person with low vision sets it on their desktop
    try:
        assert start_like_the_command(monkeypatch, journal_path, NOW.astimezone().isoformat(), session) == 0
    finally:
        QApplication.setFont(desktop)
    made = tmp_path / "from-the-command-line.pdf"
    result = Cli(journal_path, NOW)("report", "--from", period["from"], "--to", period["to"], "-o", str(made))
    assert result.exit_code == 0, result.output

    window_words, command_words = chart_words(saved, "en"), chart_words(made, "en")
    assert [box[4] for box in window_words] == [box[4] for box in command_words]
    for (x, y, _x1, _y1, text), (cx, cy, _cx1, _cy1, _same) in zip(window_words, command_words, strict=True):
        assert (text, round(x), round(y)) == (text, round(cx), round(cy))
    assert {"Duloxetine", "Ibuprofen"} <= {box[4] for box in window_words}
