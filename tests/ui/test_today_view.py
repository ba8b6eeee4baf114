"""Today beyond the typical day: skips with a reason, as-needed counts, missed days, side effects,
questionnaires, and bad input that writes nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from medjournal.storage import Journal
from medjournal.ui import errors
from medjournal.ui.today.today_view import TodayView

pytestmark = pytest.mark.gui

DAY = date(2026, 3, 15)


@pytest.fixture
def today(qtbot, journal: Journal) -> TodayView:
    view = TodayView(journal)
    qtbot.addWidget(view)
    view.show()
    return view


def row_for(view: TodayView, name: str, slot: str | None = None):
    for index, row in enumerate(view.dose_list.rows):
        if row.name == name and (slot is None or (row.slot and row.slot.slot == slot)):
            view.dose_list.setCurrentItem(view.dose_list.item(index))
            return row
    raise AssertionError(f"no row for {name} {slot}")


def test_skip_with_a_reason(qtbot, today: TodayView, journal: Journal, monkeypatch) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    today.refresh()
    monkeypatch.setattr(today.doses, "ask_skip_reason", lambda row: "felt sick")
    row_for(today, "Duloxetine", "08:00")
    qtbot.keyClick(today.dose_list, Qt.Key.Key_S)
    [log] = journal.dose_logs(DAY, DAY)
    assert (log.status, log.slot, log.note) == ("skipped", "08:00", "felt sick")
    assert "Skipped" in today.dose_list.item(0).text(3)


def test_cancelled_skip_writes_nothing(qtbot, today: TodayView, journal: Journal, monkeypatch) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    today.refresh()
    monkeypatch.setattr(today.doses, "ask_skip_reason", lambda row: None)
    row_for(today, "Duloxetine")
    qtbot.keyClick(today.dose_list, Qt.Key.Key_S)
    assert journal.dose_logs() == []


def test_taken_time_can_be_edited_and_undone(qtbot, today: TodayView, journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    today.refresh()
    today.time_edit.setTime(QTime(7, 45))  # the person's own change marks the time as chosen
    today.doses._time_changed(QTime(7, 45))
    row_for(today, "Duloxetine")
    qtbot.keyClick(today.dose_list, Qt.Key.Key_T)
    [log] = journal.dose_logs(DAY, DAY)
    assert datetime.fromisoformat(log.taken_at).strftime("%H:%M") == "07:45"
    row_for(today, "Duloxetine")
    qtbot.keyClick(today.dose_list, Qt.Key.Key_U)
    assert journal.dose_logs() == []


def test_an_earlier_day_counts_its_as_needed_doses_without_saying_today(
    today: TodayView, journal: Journal
) -> None:
    """A day typed in late: its as-needed count read "1 of at most 2 today" on a day that was not today."""
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=2, start="2026-01-01")
    journal.record_dose("Ibuprofen", "taken", at="2026-03-14 13:10")  # yesterday, written today
    today.day_edit.setDate(QDate(2026, 3, 14))  # the person picks yesterday
    row_for(today, "Ibuprofen")
    assert today.dose_list.item(0).text(3) == "1 of at most 2 taken that day"


def test_as_needed_count_against_the_daily_maximum(qtbot, today, journal: Journal, monkeypatch) -> None:
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=2, start="2026-01-01")
    today.refresh()
    row_for(today, "Ibuprofen")
    qtbot.keyClick(today.dose_list, Qt.Key.Key_T)
    qtbot.keyClick(today.dose_list, Qt.Key.Key_T)
    assert "2 of at most 2 taken" in today.dose_list.item(0).text(3)
    asked: list[str] = []

    def decline(parent: object, text: str, title: str = "") -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(errors, "ask_yes_no", decline)
    qtbot.keyClick(today.dose_list, Qt.Key.Key_T)
    assert asked and "daily maximum is 2" in asked[0]
    assert len(journal.dose_logs(DAY, DAY)) == 2


def test_a_missed_day_is_filled_in_and_recorded_later(qtbot, today: TodayView, journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    earlier = DAY - timedelta(days=3)
    today.day_edit.setDate(QDate(earlier.year, earlier.month, earlier.day))
    assert today.late_banner.isVisible()
    assert "recorded later" in today.late_banner.text()
    row_for(today, "Duloxetine")
    qtbot.keyClick(today.dose_list, Qt.Key.Key_T)
    today.checkin.pain.set_rating(3)
    assert today.save()
    [log] = journal.dose_logs()
    assert log.day == earlier
    assert datetime.fromisoformat(log.taken_at).strftime("%H:%M") == "08:00"  # the slot time on a past day
    [checkin] = journal.checkins()
    assert checkin.day == earlier
    assert checkin.recorded_at.startswith(DAY.isoformat())


def test_the_future_cannot_be_chosen(today: TodayView) -> None:
    today.day_edit.setDate(QDate(2026, 3, 20))
    assert today.day() == DAY


def test_same_as_yesterday_in_one_action(qtbot, today: TodayView, journal: Journal) -> None:
    yesterday = DAY - timedelta(days=1)
    journal.add_side_effect("nausea", 2, day=yesterday)
    journal.add_side_effect("Ringing ears", 1, day=yesterday)
    today.refresh()
    qtbot.mouseClick(today.same_button, Qt.MouseButton.LeftButton)
    assert today.side_effects.ratings() == {"nausea": 2, "Ringing ears": 1}
    assert today.save()
    assert sorted((e.symptom, e.severity) for e in journal.side_effects(DAY, DAY)) == [
        ("Ringing ears", 1),
        ("nausea", 2),
    ]


def test_own_side_effect_is_added_and_kept(qtbot, today: TodayView, journal: Journal) -> None:
    today.own_edit.setText("Jaw clenching")
    today.own_edit.setFocus()
    today.add_own_side_effect()
    assert "Jaw clenching" in today.side_effects.symptom_keys()
    assert journal.setting("own_side_effects") == ["Jaw clenching"]


def test_bad_input_shows_one_sentence_and_writes_nothing(qtbot, today: TodayView, journal: Journal) -> None:
    today.side_effects.set_ratings({"nausea": 1})
    today.checkin.areas.item(0).setCheckState(Qt.CheckState.Checked)  # a location but no rating or note
    assert not today.save()
    assert "needs at least a pain, mood or sleep rating" in today.status.text()
    assert journal.checkins() == [] and journal.side_effects() == []


def test_several_check_ins_a_day(today: TodayView, journal: Journal) -> None:
    today.checkin.pain.set_rating(7)
    assert today.save()
    today.new_checkin()  # Ctrl+N
    assert today.checkin.pain.rating() is None and today.checkin.title() == "Check-in"
    today.checkin.pain.set_rating(4)
    today.checkin.note.setText("after the walk")
    assert today.save()
    assert [c.pain for c in journal.checkins(DAY, DAY)] == [7, 4]
    assert "pain 7" in today.earlier.text() and "pain 4" in today.earlier.text()


def test_treatments_with_minutes(today: TodayView, journal: Journal) -> None:
    today.treatments.minutes["physical_therapy"].setValue(45)
    assert today.save()
    assert [(t.kind, t.minutes) for t in journal.treatments()] == [("physical_therapy", 45)]
    assert journal.checkins() == []


def test_questionnaire_card_saves_with_exact_wording(qtbot, today: TodayView, journal: Journal) -> None:
    card = today.questionnaires.card
    assert card.isVisible()
    assert today.questionnaires.due[0].instrument == "peg"
    labels = " ".join(w.text() for w in card.findChildren(type(card.header)))
    assert "What number best describes your pain on average in the past week?" in labels
    assert "Krebs" in card.attribution.text()
    card.set_answers([6, 5, 4])
    card.save_button.click()
    [result] = journal.questionnaires()
    assert (result.instrument, result.answers, result.score) == ("peg", (6, 5, 4), 5.0)
    assert today.questionnaires.due == []  # one questionnaire a day (docs/today.md)
    assert not card.isVisible()


def test_questionnaire_can_be_skipped_for_the_day(qtbot, today: TodayView, journal: Journal) -> None:
    card = today.questionnaires.card
    assert [d.instrument for d in today.questionnaires.due] == ["peg"]  # a new journal: the PEG alone
    card.skip_button.click()
    assert today.questionnaires.due == []  # skipped for the day; the others wait for the next days
    assert journal.questionnaires() == []


def test_unanswered_questionnaire_says_so_and_writes_nothing(today: TodayView, journal: Journal) -> None:
    card = today.questionnaires.card
    card.save_button.click()
    assert "answer every question" in card.error.text()
    assert journal.questionnaires() == []


def test_positive_phq2_offers_the_phq9(today: TodayView, journal: Journal) -> None:
    today.start_questionnaire("phq2")
    today.questionnaires.card.set_answers([2, 2])
    today.questionnaires.card.save_button.click()
    due = today.questionnaires.card.due
    assert due is not None and due.instrument == "phq9"
