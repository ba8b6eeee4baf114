"""Each warning rule fires on a hand-built journal and stays silent on its near-miss twin.

The clock is 2026-03-15 09:30 (conftest).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from medjournal.domain import knowledge
from medjournal.domain.records import Regimen
from medjournal.domain.warnings import JournalWarning, course_start, journal_warnings
from medjournal.storage import Journal

Builder = Callable[[Journal], None]


def daily_doses(journal: Journal, name: str, days: range, amount: float | None = None) -> None:
    for day in days:
        journal.record_dose(name, at=f"2026-03-{day:02d} 08:00", amount=amount)


def duloxetine(journal: Journal, start: str = "2026-03-01") -> None:
    journal.add_medication("Duloxetine", 60, times="08:00", start=start)


# -- builders: (fires, near miss) ------------------------------------------------------------------------


def gap_of_two_days(journal: Journal) -> None:
    duloxetine(journal)
    daily_doses(journal, "Duloxetine", range(1, 13))  # nothing on the 13th and 14th


def gap_of_one_day(journal: Journal) -> None:
    duloxetine(journal)
    daily_doses(journal, "Duloxetine", range(1, 13))
    journal.record_dose("Duloxetine", at="2026-03-14 08:00")  # only the 13th missing


def gap_of_two_days_not_antidepressant(journal: Journal) -> None:
    journal.add_medication("Metformin", 500, times="08:00", start="2026-03-01")
    daily_doses(journal, "Metformin", range(1, 13))


def skipped_two_days(journal: Journal) -> None:
    duloxetine(journal)
    daily_doses(journal, "Duloxetine", range(1, 13))
    for day in (13, 14):
        journal.record_dose("Duloxetine", "skipped", at=f"2026-03-{day} 08:00")


def stopped_antidepressant(journal: Journal) -> None:
    duloxetine(journal)
    journal.stop_medication("Duloxetine", on="2026-03-14", reason="side effects")


def dose_change_not_stop(journal: Journal) -> None:
    duloxetine(journal)
    journal.change_dose("Duloxetine", 30, "2026-03-14")
    journal.record_dose("Duloxetine", at="2026-03-14 08:00")
    journal.record_dose("Duloxetine", at="2026-03-15 08:00")


def stopped_long_ago(journal: Journal) -> None:
    duloxetine(journal, "2026-01-01")
    journal.stop_medication("Duloxetine", on="2026-02-01")


def lower_dose_taken(journal: Journal) -> None:
    duloxetine(journal)
    journal.record_dose("Duloxetine", at="2026-03-14 08:00", amount=30)
    journal.record_dose("Duloxetine", at="2026-03-15 08:00")


def prescribed_dose_taken(journal: Journal) -> None:
    duloxetine(journal)
    journal.record_dose("Duloxetine", at="2026-03-14 08:00", amount=60)
    journal.record_dose("Duloxetine", at="2026-03-15 08:00")


def as_needed_over_maximum(journal: Journal) -> None:
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=2, start="2026-03-01")
    for hour in (8, 13, 19):
        journal.record_dose("Ibuprofen", at=f"2026-03-14 {hour:02d}:00")


def as_needed_at_maximum(journal: Journal) -> None:
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=2, start="2026-03-01")
    for hour in (8, 19):
        journal.record_dose("Ibuprofen", at=f"2026-03-14 {hour:02d}:00")


def serotonergic_pair(journal: Journal) -> None:
    duloxetine(journal)
    journal.add_medication("Tramadol", 50, as_needed=True, max_daily=4, start="2026-03-10")


def serotonergic_partner_stopped(journal: Journal) -> None:
    duloxetine(journal)
    journal.add_medication("Tramadol", 50, as_needed=True, max_daily=4, start="2026-03-05")
    journal.stop_medication("Tramadol", on="2026-03-12")


def snri_with_nsaid(journal: Journal) -> None:
    duloxetine(journal)
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=3, start="2026-03-10")


def unknown_partner(journal: Journal) -> None:
    duloxetine(journal)
    journal.add_medication("Paracetamol", 1000, as_needed=True, max_daily=4, start="2026-03-10")


def positive_phq2(journal: Journal) -> None:
    journal.add_questionnaire("phq2", "2,1", day="2026-03-14")


def negative_phq2(journal: Journal) -> None:
    journal.add_questionnaire("phq2", "1,1", day="2026-03-14")


def positive_then_negative_gad2(journal: Journal) -> None:
    journal.add_questionnaire("gad2", "2,2", day="2026-03-01")
    journal.add_questionnaire("gad2", "1,0", day="2026-03-14")


def positive_gad2(journal: Journal) -> None:
    journal.add_questionnaire("gad2", "2,2", day="2026-03-14")


def phq9_first_two_items_positive(journal: Journal) -> None:
    journal.add_questionnaire("phq9", "2,1,0,0,0,0,0,0,0", day="2026-03-14")


def mood_before_and_after(current: int) -> Builder:
    def build(journal: Journal) -> None:
        duloxetine(journal)
        for offset in range(1, 15):  # the 14 days before the start: mood 7
            journal.add_checkin(mood=7, day=(date(2026, 3, 1) - timedelta(days=offset)).isoformat())
        for day in range(2, 16):
            journal.add_checkin(mood=current, day=f"2026-03-{day:02d}")

    return build


def negative_stock(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-03-01", stock_units=1, unit_size=30)
    journal.record_dose("Duloxetine", at="2026-03-15 09:30")  # after the count (given at 09:30)


def ample_stock(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-03-01", stock_units=60, unit_size=30)
    journal.record_dose("Duloxetine", at="2026-03-15 09:30")


RULES: list[tuple[str, Builder, list[Builder], str]] = [
    (
        "missed_days",
        gap_of_two_days,
        [gap_of_one_day, gap_of_two_days_not_antidepressant],
        "No dose of Duloxetine was logged as taken on 2 days in a row (2026-03-13 to 2026-03-14).",
    ),
    ("missed_days", skipped_two_days, [gap_of_one_day], "on 2 days in a row"),
    (
        "stopped",
        stopped_antidepressant,
        [dose_change_not_stop, stopped_long_ago],
        "Duloxetine is logged as stopped from 2026-03-14. Stopping an antidepressant",
    ),
    (
        "lower_dose",
        lower_dose_taken,
        [prescribed_dose_taken],
        "A dose of Duloxetine lower than the prescribed 60 mg was logged once since 2026-03-14 "
        "(latest: 30 mg on 2026-03-14).",
    ),
    (
        "over_daily_maximum",
        as_needed_over_maximum,
        [as_needed_at_maximum],
        "Ibuprofen on 2026-03-14: 3 doses were logged, more than the daily maximum of 2 in your journal.",
    ),
    (
        "caution",
        serotonergic_pair,
        [serotonergic_partner_stopped, unknown_partner],
        "Ask your doctor or pharmacist about taking Duloxetine with Tramadol.",
    ),
    (
        "caution",
        snri_with_nsaid,
        [unknown_partner],
        "Ask your doctor or pharmacist about taking Duloxetine with Ibuprofen.",
    ),
    (
        "mood_screen",
        positive_phq2,
        [negative_phq2],
        "Your PHQ-2 score on 2026-03-14 was 3 (3 or more is a positive screen for depression).",
    ),
    (
        "mood_screen",
        positive_gad2,
        [positive_then_negative_gad2],
        "Your GAD-2 score on 2026-03-14 was 4 (3 or more is a positive screen for anxiety).",
    ),
    ("mood_screen", phq9_first_two_items_positive, [negative_phq2], "Your PHQ-2 (PHQ-9 items 1–2) score"),
    (
        "mood_drop",
        mood_before_and_after(4),
        [mood_before_and_after(5)],
        "Your mood over the last 14 days averaged 4.0 out of 10, 3.0 points lower than in the 14 days before "
        "you started Duloxetine (7.0; 14 and 14 rated days).",
    ),
    ("stock", negative_stock, [ample_stock], "Duloxetine: -1 units on hand. That is below zero"),
]


def kinds(journal: Journal, kind: str) -> list[JournalWarning]:
    return [w for w in journal_warnings(journal, journal.now()) if w.kind == kind]


@pytest.mark.parametrize(
    ("kind", "fires", "near_misses", "text"), RULES, ids=[f"{r[0]}-{r[1].__name__}" for r in RULES]
)
def test_rule_fires_and_its_near_miss_twin_stays_silent(
    journal_path, clock, kind: str, fires: Builder, near_misses: list[Builder], text: str
) -> None:
    from medjournal.storage import open_journal

    fired = open_journal(journal_path, clock)
    fires(fired)
    found = kinds(fired, kind)
    assert len(found) == 1, found
    assert text in found[0].message
    assert found[0].source  # every warning names where its rule comes from
    fired.close()
    for index, near_miss in enumerate(near_misses):
        twin = open_journal(journal_path.with_name(f"twin{index}.db"), clock)
        near_miss(twin)
        assert kinds(twin, kind) == [], near_miss.__name__
        twin.close()


def test_acknowledged_warnings_are_hidden_but_kept(journal: Journal, clock) -> None:
    serotonergic_pair(journal)
    [warning] = journal_warnings(journal, journal.now())
    assert warning.key == "caution:1-2:serotonin"
    assert "Cymbalta (duloxetine) US prescribing information" in warning.source
    journal.acknowledge_warning(warning.key)
    journal.acknowledge_warning(warning.key)  # twice is harmless
    assert journal_warnings(journal, journal.now()) == []
    [kept] = journal_warnings(journal, journal.now(), include_acknowledged=True)
    assert kept.key == warning.key and kept.acknowledged
    clock.advance(timedelta(days=3))
    assert journal_warnings(journal, journal.now()) == []  # the key is stable from day to day


def test_keys_stay_stable_while_a_gap_grows(journal: Journal, clock) -> None:
    gap_of_two_days(journal)
    [first] = kinds(journal, "missed_days")
    clock.advance(timedelta(days=2))
    [later] = kinds(journal, "missed_days")
    assert later.key == first.key
    assert "on 4 days in a row" in later.message


def test_mood_drop_key_is_the_first_day_of_the_episode(journal: Journal, clock) -> None:
    mood_before_and_after(3)(journal)
    [warning] = kinds(journal, "mood_drop")
    clock.advance(timedelta(days=1))
    journal.add_checkin(mood=3)
    [next_day] = kinds(journal, "mood_drop")
    assert next_day.key == warning.key


def test_mood_drop_against_a_baseline_months_ago(journal: Journal, clock) -> None:
    duloxetine(journal, "2025-10-01")
    for offset in range(1, 15):
        journal.add_checkin(mood=8, day=(date(2025, 10, 1) - timedelta(days=offset)).isoformat())
    for day in range(2, 16):
        journal.add_checkin(mood=4, day=f"2026-03-{day:02d}")
    [warning] = kinds(journal, "mood_drop")
    assert (
        "4.0 out of 10, 4.0 points lower than in the 14 days before you started Duloxetine" in warning.message
    )


def test_a_start_date_in_the_past_is_not_a_gap(journal: Journal) -> None:
    duloxetine(journal, "2025-06-01")  # entered today with an old start; first logged dose is today
    journal.record_dose("Duloxetine", at="2026-03-15 08:00")
    assert kinds(journal, "missed_days") == []


def test_stop_of_an_archived_antidepressant_is_still_noted(journal: Journal) -> None:
    stopped_antidepressant(journal)
    journal.archive_medication("Duloxetine")
    assert len(kinds(journal, "stopped")) == 1


def test_course_start_follows_dose_steps_and_restarts() -> None:
    steps = [
        Regimen(1, 1, date(2026, 1, 1), date(2026, 1, 31), 30, "mg", ("08:00",)),
        Regimen(2, 1, date(2026, 2, 1), date(2026, 2, 10), 60, "mg", ("08:00",)),
        Regimen(3, 1, date(2026, 3, 1), None, 60, "mg", ("08:00",)),
    ]
    assert course_start(steps[:2], date(2026, 2, 5)) == date(2026, 1, 1)
    assert course_start(steps, date(2026, 3, 5)) == date(2026, 3, 1)
    assert course_start(steps[:2], date(2026, 2, 20)) is None


def test_no_warning_tells_anyone_to_start_stop_or_change(journal_path, clock) -> None:
    from medjournal.storage import open_journal

    messages: list[str] = []
    for index, (_, fires, _, _) in enumerate(RULES):
        opened = open_journal(journal_path.with_name(f"all{index}.db"), clock)
        fires(opened)
        messages += [w.message for w in journal_warnings(opened, opened.now())]
        opened.close()
    assert len(messages) >= len(RULES)
    forbidden = re.compile(
        r"\b(you should|stop taking|start taking|increase|decrease|reduce your|"
        r"change your dose|do not take|don't take)\b",
        re.I,
    )
    for message in messages:
        assert not forbidden.search(message), message


def test_rules_and_cautions_are_reviewed_data_with_sources() -> None:
    for caution in knowledge.cautions():
        assert knowledge.source_text(caution["source"]) != caution["source"]
    for name in ("missed_days", "stopped", "lower_dose", "over_daily_maximum", "mood_screen", "mood_drop"):
        rule = knowledge.warning_rule(name)
        assert knowledge.source_text(rule["source"]) != rule["source"], name
