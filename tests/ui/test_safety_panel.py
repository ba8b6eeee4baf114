"""The safety panel (docs/clinical.md §6): opens at once, stores what it showed, ignores stray keys."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from medjournal.domain.instruments import PHQ9_ITEMS
from medjournal.storage import Journal
from medjournal.ui.today.safety_panel import SafetyPanel
from medjournal.ui.today.today_view import TodayView

pytestmark = pytest.mark.gui


def crisis_data() -> dict[str, Any]:
    data_file = resources.files("medjournal.domain").joinpath("data", "crisis_lines.json")
    return json.loads(data_file.read_text(encoding="utf-8"))


@pytest.fixture
def today(qtbot, journal: Journal) -> TodayView:
    view = TodayView(journal)
    qtbot.addWidget(view)
    view.show()
    return view


def answer_phq9(today: TodayView, item9: int) -> None:
    today.start_questionnaire("phq9")
    card = today.questionnaires.card
    assert card.isVisible()
    assert len(card.inputs) == len(PHQ9_ITEMS)
    card.set_answers([1, 1, 0, 2, 0, 1, 0, 0, item9])
    card.save_button.click()


def test_phq9_item9_opens_the_panel_and_stores_the_event(qtbot, today: TodayView, journal: Journal) -> None:
    journal.set_setting("country", "GB")
    with qtbot.waitSignal(today.safety_panel_opened, timeout=2000) as opened:
        answer_phq9(today, item9=1)
    panel: SafetyPanel = opened.args[0]
    qtbot.addWidget(panel)
    assert panel.isVisible()
    assert panel.isModal()

    events = journal.safety_events()
    assert [e.kind for e in events] == ["phq9_item9"]
    data = crisis_data()
    gb = data["countries"]["GB"]
    text = panel.plain_text()
    for line in gb["lines"]:
        assert line["number"] in text
        assert line["number"] in events[0].shown
    assert gb["emergency"] in text
    assert data["reviewed_on"] in text
    assert data["reviewed_on"] in events[0].shown
    assert "alerts no one" in text
    assert "prescriber" in text
    assert "immediate danger" in text
    # no number that is not in the data file for this country
    us_number = data["countries"]["US"]["lines"][0]["number"]
    assert us_number not in text


def test_zero_on_item9_does_not_open_the_panel(qtbot, today: TodayView, journal: Journal) -> None:
    opened: list[object] = []
    today.safety_panel_opened.connect(opened.append)
    answer_phq9(today, item9=0)
    assert opened == []
    assert journal.safety_events() == []
    assert [q.instrument for q in journal.questionnaires()] == ["phq9"]


def test_yes_to_the_journal_question_opens_the_panel(qtbot, today: TodayView, journal: Journal) -> None:
    journal.set_setting("country", "US")
    today.checkin.pain.set_rating(5)
    today.checkin.self_harm.setCurrentIndex(2)  # Yes
    with qtbot.waitSignal(today.safety_panel_opened, timeout=2000) as opened:
        assert today.save()
    panel: SafetyPanel = opened.args[0]
    qtbot.addWidget(panel)
    events = journal.safety_events()
    assert [e.kind for e in events] == ["self_harm_question"]
    us = crisis_data()["countries"]["US"]
    assert us["lines"][0]["number"] in panel.plain_text()
    assert us["lines"][0]["number"] in events[0].shown
    assert journal.checkins()[0].self_harm_thoughts == 1


def test_stray_keys_do_not_close_the_panel_but_the_button_does(qtbot, journal: Journal) -> None:
    event = journal.record_safety_event("phq9_item9", "test")
    panel = SafetyPanel(journal, event.id)
    qtbot.addWidget(panel)
    panel.open()
    qtbot.waitExposed(panel)
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
        qtbot.keyClick(panel, key)
        qtbot.keyClick(panel.text, key)
    panel.reject()
    panel.close()
    assert panel.isVisible()
    assert not panel.read_button.isDefault()
    assert not panel.read_button.autoDefault()
    qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()


def test_changing_the_country_shows_its_lines_and_records_them(qtbot, journal: Journal) -> None:
    event = journal.record_safety_event("self_harm_question", "test")
    panel = SafetyPanel(journal, event.id)
    qtbot.addWidget(panel)
    combo: QComboBox = panel.country
    combo.setCurrentIndex(combo.findData("AU"))
    au = crisis_data()["countries"]["AU"]
    assert au["lines"][0]["number"] in panel.plain_text()
    assert au["lines"][0]["number"] in journal.safety_events()[0].shown
    assert journal.setting("country") == "AU"
