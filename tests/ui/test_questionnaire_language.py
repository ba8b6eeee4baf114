"""Questionnaires in German only in their official wording (PHQ-D); the rest in English, saying so."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

from medjournal import i18n
from medjournal.domain.due import DueQuestionnaire
from medjournal.domain.instrument_wording import OFFICIAL, localized
from medjournal.domain.instruments import instrument
from medjournal.ui.today.questionnaire_card import QuestionnaireCard


def _texts(card: QuestionnaireCard) -> str:
    return "\n".join(label.text() for label in card.findChildren(QLabel))


def test_phq9_in_german_uses_the_phq_d_wording_and_scores_the_same(qtbot: QtBot) -> None:
    card = QuestionnaireCard()
    qtbot.addWidget(card)
    with i18n.use_language("de"):
        card.show_questionnaire(DueQuestionnaire("phq9", "weekly"))
    text = _texts(card)
    assert "Wie oft fühlten Sie sich im Verlauf der letzten 2 Wochen" in text
    assert "9. Gedanken, dass Sie lieber tot wären oder sich Leid zufügen möchten" in text
    assert "Löwe" in text and "Spitzer" in text
    combos = card.findChildren(QComboBox)
    assert len(combos) == 9
    assert [combos[0].itemText(i) for i in range(4)] == [
        "0 Überhaupt nicht",
        "1 An einzelnen Tagen",
        "2 An mehr als der Hälfte der Tage",
        "3 Beinahe jeden Tag",
    ]
    card.set_answers([1, 0, 0, 0, 0, 0, 0, 0, 2])
    assert card.answers() == [1, 0, 0, 0, 0, 0, 0, 0, 2]  # stored as numbers, whatever the language


def test_peg_has_no_official_german_translation_and_says_it_is_the_english_original(qtbot: QtBot) -> None:
    card = QuestionnaireCard()
    qtbot.addWidget(card)
    with i18n.use_language("de"):
        card.show_questionnaire(DueQuestionnaire("peg", "weekly"))
    text = _texts(card)
    assert "What number best describes your pain on average in the past week?" in text
    assert (
        "Englisches Original: Für PEG ist keine offizielle Übersetzung in dieser Sprache enthalten." in text
    )


def test_every_official_translation_keeps_the_number_of_items_and_answers() -> None:
    for (key, language), translation in OFFICIAL.items():
        original = instrument(key)
        assert len(translation.items) == len(original.items), key
        shown = localized(original, language)
        assert shown.official and shown.note == ""
        assert [(i.low, i.high) for i in shown.instrument.items] == [(i.low, i.high) for i in original.items]
        assert all(len(i.anchors) == i.high - i.low + 1 for i in shown.instrument.items)
    assert localized(instrument("phq9"), "en").instrument == instrument("phq9")
