"""When questionnaires are due (domain.due): plain Python, no screen."""

from __future__ import annotations

from datetime import date, timedelta

from medjournal.domain.due import (
    DueQuestionnaire,
    MedicationStart,
    questionnaires_due,
)
from medjournal.domain.records import QuestionnaireResult

DAY = date(2026, 3, 15)


def result(instrument: str, day: date, medication_id: int | None = None) -> QuestionnaireResult:
    return QuestionnaireResult(
        id=1, day=day, instrument=instrument, answers=(1,), score=1.0, medication_id=medication_id
    )


def names(items: list[DueQuestionnaire]) -> list[str]:
    return [item.instrument for item in items]


def test_everything_periodic_is_due_on_an_empty_journal() -> None:
    assert names(questionnaires_due(DAY, [], one_a_day=False)) == ["peg", "phq2", "gad2"]


def test_peg_is_weekly() -> None:
    six_days = [result("peg", DAY - timedelta(days=6))]
    seven_days = [result("peg", DAY - timedelta(days=7))]
    assert "peg" not in names(questionnaires_due(DAY, six_days, one_a_day=False))
    assert "peg" in names(questionnaires_due(DAY, seven_days, one_a_day=False))


def test_phq2_and_gad2_every_two_weeks() -> None:
    recent = [result("phq2", DAY - timedelta(days=13)), result("gad2", DAY - timedelta(days=14))]
    due = names(questionnaires_due(DAY, recent, one_a_day=False))
    assert "phq2" not in due
    assert "gad2" in due


def test_answers_after_the_day_do_not_count() -> None:
    later = [result("peg", DAY + timedelta(days=1))]
    assert "peg" in names(questionnaires_due(DAY, later, one_a_day=False))


def test_skipped_today_is_not_due_today_but_is_tomorrow() -> None:
    assert "phq2" not in names(questionnaires_due(DAY, [], skipped_on={"phq2": DAY}, one_a_day=False))
    assert "phq2" in names(
        questionnaires_due(DAY + timedelta(days=1), [], skipped_on={"phq2": DAY}, one_a_day=False)
    )


def test_pgic_at_four_eight_and_twelve_weeks() -> None:
    start = date(2026, 1, 1)
    starts = [MedicationStart(3, "Duloxetine", start)]
    assert starts[0].pgic_milestone(start + timedelta(days=27)) is None
    assert starts[0].pgic_milestone(start + timedelta(days=28)) == (4, start + timedelta(days=28))
    assert starts[0].pgic_milestone(start + timedelta(days=56)) == (8, start + timedelta(days=56))
    assert starts[0].pgic_milestone(start + timedelta(days=84 + 13)) == (12, start + timedelta(days=84))
    assert starts[0].pgic_milestone(start + timedelta(days=84 + 14)) is None
    week4 = start + timedelta(days=30)
    due = [d for d in questionnaires_due(week4, [], starts, one_a_day=False) if d.instrument == "pgic"]
    assert len(due) == 1
    assert due[0].medication_id == 3
    assert due[0].reason == "4 weeks after starting Duloxetine"


def test_pgic_answered_for_the_milestone_is_not_due_again_until_the_next() -> None:
    start = date(2026, 1, 1)
    starts = [MedicationStart(3, "Duloxetine", start)]
    answered = [result("pgic", start + timedelta(days=29), medication_id=3)]
    assert "pgic" not in names(
        questionnaires_due(start + timedelta(days=35), answered, starts, one_a_day=False)
    )
    assert "pgic" in names(questionnaires_due(start + timedelta(days=56), answered, starts, one_a_day=False))
    # an answer about another medication does not count
    other = [result("pgic", start + timedelta(days=29), medication_id=9)]
    assert "pgic" in names(questionnaires_due(start + timedelta(days=35), other, starts, one_a_day=False))


def test_pgic_skip_is_per_medication() -> None:
    start = date(2026, 1, 1)
    day = start + timedelta(days=28)
    starts = [MedicationStart(3, "Duloxetine", start), MedicationStart(4, "Amitriptyline", start)]
    due = questionnaires_due(day, [], starts, skipped_on={"pgic:3": day}, one_a_day=False)
    assert [d.medication_id for d in due if d.instrument == "pgic"] == [4]


def test_a_new_journal_starts_with_the_peg_alone_and_one_a_day() -> None:
    assert names(questionnaires_due(DAY, [])) == ["peg"]
    peg_today = [result("peg", DAY)]
    assert questionnaires_due(DAY, peg_today) == []  # one answered today: no more today
    tomorrow = DAY + timedelta(days=1)
    assert names(questionnaires_due(tomorrow, peg_today)) == ["phq2"]
    assert questionnaires_due(DAY, [], skipped_on={"peg": DAY}) == []  # skipped today: no other today


def test_a_late_entry_for_today_counts_but_one_for_another_day_does_not() -> None:
    yesterday = DAY - timedelta(days=1)
    typed_late = [result("peg", yesterday)]  # yesterday's PEG, typed today
    assert names(questionnaires_due(DAY, typed_late)) == ["phq2"]
