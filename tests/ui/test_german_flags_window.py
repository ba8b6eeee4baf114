"""A German window shows the domain's warning and flag sentences in German with German dates (docs/translating.md,
"Dates inside sentences"): Today's warnings, and the summary saved from the Summary view."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QTabWidget, QWidget

from medjournal.ui.language import apply_language
from tests.test_pdf_german_flags import build_every_flag
from tests.ui.keys import journal_at, start_like_the_command

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

NOW = "2026-03-15T09:30"


def test_a_german_window_says_the_warnings_and_flags_in_german(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medjournal.ui.summary.summary_view import SummaryView
    from medjournal.ui.today.warnings_panel import WarningsPanel

    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW)
    build_every_flag(journal)
    journal.set_setting("language", "de")
    journal.close()
    target = tmp_path / "fuer-dr-lee.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(target), "PDF (*.pdf)"))
    )
    seen: dict[str, str] = {}

    def session(window: QWidget) -> None:
        panel = window.findChild(WarningsPanel)
        assert panel is not None
        seen["today"] = " ".join(label.text() for label in panel.findChildren(QLabel))
        tabs = window.findChild(QTabWidget)
        assert tabs is not None
        tabs.setCurrentIndex(
            [tabs.tabText(i).replace("&", "") for i in range(tabs.count())].index("Zusammenfassung")
        )
        qtbot.waitUntil(lambda: any(v.isVisible() for v in window.findChildren(SummaryView)))
        view = next(v for v in window.findChildren(SummaryView) if v.isVisible())
        if view.page_count() == 0:
            with qtbot.waitSignal(view.preview_ready, timeout=60000):
                pass
        with qtbot.waitSignal(view.pdf_saved, timeout=60000):
            view.save_button.click()
        window.close()

    try:
        assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    finally:
        apply_language("en")  # the window set German for the whole process
    today = " ".join(seen["today"].split())
    assert "Ihr PHQ-9 vom 10.03.2026 ergab 10 Punkte (mittelgradig)." in today
    assert "Sie haben „Zunehmende Depression“ am 08.03.2026 als mittel bewertet." in today
    assert "Amitriptyline ist ab 20.02.2026 als abgesetzt eingetragen." in today
    assert "2026-03" not in today and "2026-02" not in today  # no ISO day in a sentence
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Selbstverletzungsfrage: 2-mal gestellt: ja am 10.03.2026, 12.03.2026." in text
    assert "PHQ-9 Frage 9 mit „An einzelnen Tagen“ beantwortet (Fragebogen vom 10.03.2026)." in text
    assert (
        "Keine Dosis von Duloxetine an 5 Tagen in Folge als genommen eingetragen (10.02.2026 bis 14.02.2026)"
        in text
    )
    for english in ("Self-harm question", "positive screen", "in a row", "rated days", "item 9 answered"):
        assert english not in text, english


def test_the_safety_panel_gives_the_review_day_of_the_crisis_numbers_by_locale() -> None:
    from datetime import date

    from medjournal.domain import knowledge
    from medjournal.i18n import use_language
    from medjournal.ui.today.safety_panel import panel_html

    with use_language("de"):
        info = knowledge.crisis_info("DE")
        text = panel_html(info)
    reviewed = date.fromisoformat(info.reviewed_on)
    assert f"Krisennummern geprüft am {reviewed:%d.%m.%Y}." in text and info.reviewed_on not in text
    with use_language("en"):
        assert f"Crisis numbers reviewed on {info.reviewed_on}." in panel_html(knowledge.crisis_info("DE"))
