"""The Journal API: the one way in to the data."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import NotFoundError, ValidationError
from medjournal.domain.records import CheckIn, DoseLog
from medjournal.storage.journal import DAY_TABLES, Journal


def test_a_titration_is_two_dose_steps(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    journal.change_dose("Duloxetine", 60, "2026-03-08", reason="planned")
    steps = journal.regimens(journal.medication("duloxetine").id)
    assert [(s.start_date, s.end_date, s.dose) for s in steps] == [
        (date(2026, 3, 1), date(2026, 3, 7), 30.0),
        (date(2026, 3, 8), None, 60.0),
    ]
    assert steps[1].reason == "planned" and steps[1].times == ("08:00",)


def test_stop_and_restart(journal: Journal) -> None:
    journal.add_medication("Amitriptyline", 10, "mg", times="21:00", start="2026-02-01")
    stopped = journal.stop_medication("Amitriptyline", "2026-02-20", "drowsy")
    assert stopped.end_date == date(2026, 2, 19) and stopped.stop_reason == "drowsy"
    assert journal.current_regimen(stopped.medication_id, date(2026, 2, 25)) is None
    with pytest.raises(ValidationError, match="not being taken"):
        journal.stop_medication("Amitriptyline", "2026-03-01")
    restarted = journal.restart_medication("Amitriptyline", 10, "2026-03-01", times="21:00")
    assert journal.current_regimen(stopped.medication_id, date(2026, 3, 5)) == restarted


def test_doses_fill_the_nearest_open_slot(journal: Journal) -> None:
    journal.add_medication("Gabapentin", 300, "mg", times="08:00,20:00", start="2026-03-01")
    morning = journal.record_dose("Gabapentin", at="2026-03-14 09:10")
    evening = journal.record_dose("Gabapentin", at="2026-03-14 19:00")
    extra = journal.record_dose("Gabapentin", at="2026-03-14 13:30")
    assert (morning.slot, evening.slot, extra.slot) == ("08:00", "20:00", None)
    assert morning.amount == 300
    statuses = {s.slot: s.status for s in journal.day_slots(date(2026, 3, 14))}
    assert statuses == {"08:00": "taken", "20:00": "taken"}


def test_slot_statuses_through_the_day(journal: Journal, clock: FixedClock) -> None:
    journal.add_medication("Duloxetine", 60, "mg", times="08:00,20:00", start="2026-03-01")
    clock.set(datetime(2026, 3, 15, 10, 30).astimezone())
    journal.record_dose("Duloxetine", at="2026-03-15 10:30")  # more than two hours late
    clock.set(datetime(2026, 3, 15, 9, 0).astimezone())
    by_slot = {s.slot: s.status for s in journal.day_slots()}
    assert by_slot == {"08:00": "late", "20:00": "upcoming"}
    clock.set(datetime(2026, 3, 15, 21, 0).astimezone())
    assert {s.slot: s.status for s in journal.day_slots()}["20:00"] == "due"
    clock.set(datetime(2026, 3, 15, 23, 0).astimezone())
    assert {s.slot: s.status for s in journal.day_slots()}["20:00"] == "missed"


def test_a_skip_needs_a_slot(journal: Journal) -> None:
    journal.add_medication("Ibuprofen", 400, "mg", as_needed=True, max_daily=3, start="2026-03-01")
    with pytest.raises(ValidationError, match="no scheduled dose"):
        journal.record_dose("Ibuprofen", "skipped")
    assert journal.dose_logs() == []


def test_safety_answers_record_an_event(journal: Journal) -> None:
    journal.add_checkin(mood=2, self_harm_thoughts=True)
    journal.add_questionnaire("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0])
    journal.add_questionnaire("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 3])
    assert [e.kind for e in journal.safety_events()] == ["self_harm_question", "phq9_item9"]
    assert "Nearly every day" in journal.safety_events()[1].detail


def test_edit_validates_and_delete_can_be_undone(journal: Journal) -> None:
    entry = journal.add_checkin(pain=6, mood=5, note="first")
    with pytest.raises(ValidationError, match="pain must be from 0 to 10"):
        journal.update_entry("checkins", entry.id, {"pain": 12})
    assert journal.checkins()[0].pain == 6
    edited = journal.update_entry("checkins", entry.id, {"pain": 4})
    assert isinstance(edited, CheckIn)
    assert edited.pain == 4 and edited.note == "first"
    deleted = journal.delete_entry("checkins", entry.id)
    assert journal.checkins() == []
    journal.restore_entry(deleted)
    assert journal.checkins() == [edited]


def test_deleting_a_medication_takes_its_history_and_undo_brings_it_back(journal: Journal) -> None:
    med = journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    journal.change_dose("Duloxetine", 60, "2026-03-08")
    journal.record_dose("Duloxetine", at="2026-03-14 08:00")
    journal.add_questionnaire("pgic", [2], medication="Duloxetine")
    before = journal.counts()
    deleted = journal.delete_entry("medications", med.id)
    assert journal.counts()["dose_logs"] == 0 and journal.counts()["regimens"] == 0
    assert journal.questionnaires()[0].medication_id is None
    journal.restore_entry(deleted)
    assert journal.counts() == before
    assert journal.questionnaires()[0].medication_id == med.id


def test_unknown_things_are_named(journal: Journal) -> None:
    with pytest.raises(NotFoundError, match="no medication called 'Nope'"):
        journal.medication("Nope")
    with pytest.raises(NotFoundError):
        journal.update_entry("checkins", 999, {"pain": 1})


def test_entries_made_later_keep_their_day_and_when_they_were_recorded(journal: Journal) -> None:
    entry = journal.add_checkin(pain=5, day="2026-03-10")
    assert entry.day == date(2026, 3, 10)
    assert entry.recorded_at.startswith("2026-03-15")


def test_questions_and_visits(journal: Journal) -> None:
    first = journal.add_question("Can I take it at night?")
    journal.add_question("What about the sweating?")
    journal.mark_question_asked(first.id)
    assert [q.text for q in journal.questions()] == ["What about the sweating?"]
    journal.add_visit("2026-02-01")
    journal.add_visit("2026-03-01")
    last = journal.last_visit()
    assert last is not None and last.day == date(2026, 3, 1)


def test_settings_round_trip(journal: Journal) -> None:
    assert journal.setting("country", "OTHER") == "OTHER"
    journal.set_setting("country", "GB")
    journal.set_setting("country", "AU")
    assert journal.settings() == {"country": "AU"}


def test_date_span(journal: Journal) -> None:
    assert journal.date_span() is None
    journal.add_checkin(pain=3, day="2026-03-01")
    journal.add_side_effect("nausea", 1, day=(date(2026, 3, 15) - timedelta(days=1)).isoformat())
    assert journal.date_span() == (date(2026, 3, 1), date(2026, 3, 14))


def test_date_span_reads_the_day_indexes_instead_of_scanning(journal: Journal) -> None:
    """The summary asks for the journal's first day once per medication: on 100,000 rows a scan took 11 ms a
    question, the index a few microseconds. SQLite reads min() and max() from an index only one to a subquery."""
    # the clock says 2026-03-15: both are typed in after their day, and the day counts, not the typing
    journal.add_checkin(pain=3, day="2026-03-10")
    journal.add_checkin(pain=4, day="2026-02-01")
    asked: list[str] = []
    journal.db.conn.set_trace_callback(asked.append)
    try:
        assert journal.date_span() == (date(2026, 2, 1), date(2026, 3, 10))
    finally:
        journal.db.conn.set_trace_callback(None)
    statement = next(sql for sql in asked if "min(" in sql)
    plan = [row[3] for row in journal.db.conn.execute("EXPLAIN QUERY PLAN " + statement).fetchall()]
    assert plan, "no query plan"
    scans = [step for step in plan if step.split(" ")[:2] in (["SCAN", t] for t in DAY_TABLES)]
    assert not scans, plan
    assert sum(step.startswith("SEARCH") for step in plan) == 2 * len(DAY_TABLES), plan


def test_an_edited_dose_cannot_take_a_slot_that_is_already_logged(journal: Journal) -> None:
    journal.add_medication("Gabapentin", 300, "mg", times="08:00,20:00", start="2026-03-01")
    journal.record_dose("Gabapentin", at="2026-03-14 08:05")
    evening = journal.record_dose("Gabapentin", at="2026-03-14 20:10")
    with pytest.raises(ValidationError, match="08:00 dose of 2026-03-14 is already logged"):
        journal.update_entry("dose_logs", evening.id, {"slot": "08:00"})
    with pytest.raises(ValidationError, match="skipped dose must be one of the scheduled doses"):
        journal.update_entry("dose_logs", evening.id, {"slot": None, "status": "skipped"})
    assert journal.entry("dose_logs", evening.id) == evening
    moved = journal.update_entry("dose_logs", evening.id, {"taken_at": "2026-03-13 20:10"})
    assert isinstance(moved, DoseLog)
    assert moved.day == date(2026, 3, 13) and moved.slot == "20:00"


def test_pgic_is_about_one_medication(journal: Journal) -> None:
    journal.add_medication("Ibuprofen", 400, "mg", as_needed=True, start="2026-02-01")
    duloxetine = journal.add_medication("Duloxetine", 60, "mg", times="08:00", start="2026-02-15")
    answered = journal.add_questionnaire("pgic", [2])  # the only scheduled medication
    assert answered.medication_id == duloxetine.id
    journal.add_medication("Amitriptyline", 10, "mg", times="21:00", start="2026-03-01")
    with pytest.raises(ValidationError, match=r"Say which medication .*Amitriptyline, Duloxetine"):
        journal.add_questionnaire("pgic", [3])
    assert len(journal.questionnaires(instrument="pgic")) == 1
    chosen = journal.add_questionnaire("pgic", [3], medication="Amitriptyline")
    assert chosen.medication_id != duloxetine.id


def test_an_edited_dose_cannot_move_before_the_start(journal: Journal) -> None:
    journal.add_medication("Gabapentin", 300, "mg", times="08:00", start="2026-03-01")
    dose = journal.record_dose("Gabapentin", at="2026-03-14 08:05")
    with pytest.raises(ValidationError, match="was started on 2026-03-01"):
        journal.update_entry("dose_logs", dose.id, {"taken_at": "2026-02-20 08:05"})
    assert journal.entry("dose_logs", dose.id) == dose
