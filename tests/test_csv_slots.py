"""The import's slot index (storage/csv_slots.py) finds the slots a search of every row found before it: the same
slot and day for doses near midnight, on the days the clocks change, across a change of dose step, in any order
of rows; and through ``medjournal import-csv``, doses typed in long after their day land on their slots."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from medjournal.domain import schedule
from medjournal.domain.records import Regimen
from medjournal.storage import open_journal
from medjournal.storage.csv_plan import _minute
from medjournal.storage.csv_slots import SlotIndex
from tests.conftest import Cli


def searched(regimens: Sequence[Regimen], moment: datetime) -> tuple[date, str] | None:
    """The search the index replaces, row by row (csv_plan.nearest_slot before the index)."""
    local = moment.replace(tzinfo=None)
    best: tuple[timedelta, date, str] | None = None
    for day in (local.date() - timedelta(days=1), local.date()):
        for _regimen, slot in schedule.scheduled_slots(regimens, day):
            distance = abs(local - datetime.combine(day, datetime.strptime(slot, "%H:%M").time()))
            if distance <= schedule.MATCH_WINDOW and (best is None or distance < best[0]):
                best = (distance, day, slot)
    return None if best is None else (best[1], best[2])


def step(
    number: int, start: str, end: str | None, times: tuple[str, ...], as_needed: bool = False
) -> Regimen:
    return Regimen(
        id=number,
        medication_id=1,
        start_date=date.fromisoformat(start),
        end_date=date.fromisoformat(end) if end else None,
        dose=30.0,
        unit="mg",
        times=times,
        as_needed=int(as_needed),
    )


# Morning and bedtime, then a week taken as needed, then three slots with one just after midnight and two slots at
# the same time of day four hours apart from the next (ties), across both of Europe's clock changes of 2026.
STEPS = [
    step(1, "2026-03-20", "2026-03-27", ("08:00", "22:00")),
    step(2, "2026-03-28", "2026-04-03", (), as_needed=True),
    step(3, "2026-04-04", "2026-10-20", ("00:30", "12:00", "23:45")),
    step(4, "2026-10-21", None, ("04:00", "12:00", "20:00")),
]
BERLIN = ZoneInfo("Europe/Berlin")


def moments() -> list[datetime]:
    """Every 7 minutes around the steps' changes and the clock changes, in Berlin's time."""
    found = []
    for first, last in (
        (datetime(2026, 3, 18, 12), datetime(2026, 4, 7)),
        (datetime(2026, 10, 18), datetime(2026, 10, 28)),
    ):
        at = first
        while at < last:
            found.append(at.replace(tzinfo=BERLIN))
            at += timedelta(minutes=7)
    return found


def test_the_index_finds_the_slot_the_search_found_for_every_moment_in_any_order() -> None:
    every = moments()
    random.Random(18).shuffle(every)  # rows out of order: each day's slots worked out when first asked
    index = SlotIndex(STEPS)
    matched = 0
    for moment in every:
        assert index.nearest(moment) == searched(STEPS, moment), moment
        matched += index.nearest(moment) is not None
    assert 0 < matched < len(every)  # some moments have a slot, some (the as-needed week, midday gaps) none
    for day in {m.date() for m in every} | {date(2026, 3, 19)}:
        assert index.regimen_on(day) == schedule.regimen_on(STEPS, day)
    assert index.first_day == date(2026, 3, 20)


def test_doses_near_midnight_and_on_clock_changes_keep_their_slots_and_days() -> None:
    index = SlotIndex(STEPS)
    cases = {
        datetime(2026, 3, 21, 1, 30): (date(2026, 3, 20), "22:00"),  # a bedtime dose after midnight
        datetime(2026, 3, 20, 0, 30): None,  # before the first morning slot's window, no evening before
        datetime(2026, 4, 5, 0, 5): (date(2026, 4, 4), "23:45"),  # 20 minutes after the late slot
        datetime(2026, 4, 5, 0, 20): (date(2026, 4, 5), "00:30"),  # nearer the day's own 00:30
        datetime(2026, 10, 25, 2, 30): (date(2026, 10, 25), "04:00"),  # the hour that happens twice
        datetime(2026, 10, 21, 16, 0): (date(2026, 10, 21), "12:00"),  # a tie: the first found, the earlier
        datetime(2026, 3, 30, 8, 0): None,  # taken as needed that week
    }
    for moment, expected in cases.items():
        for fold in (0, 1):
            at = moment.replace(tzinfo=BERLIN, fold=fold)
            assert index.nearest(at) == expected == searched(STEPS, at), at
    assert SlotIndex([]).nearest(datetime(2026, 3, 21, 8, tzinfo=BERLIN)) is None
    assert not SlotIndex([]) and SlotIndex(STEPS)


ROWS = [  # New York's clocks went forward on 8 March 2026 and back on 1 November 2025
    "08.03.26;01:30;Duloxetine;30 mg;ja",  # after midnight: the bedtime slot of 7 March
    "10.03.26;15:00;Duloxetine;30 mg;ja",  # no slot within 4 hours: an extra dose of its own day
    "08.03.26;11:50;Duloxetine;30 mg;ja",  # the morning after the clocks went forward
    "02.11.25;01:30;Duloxetine;30 mg;ja",  # the hour that happens twice: the evening before's slot
    "09.03.26;04:10;Duloxetine;;nein",  # a skip before the morning slot
    "01.11.25;07:00;Duloxetine;30 mg;ja",
]


def test_an_import_typed_in_late_puts_each_dose_on_its_slot_whatever_the_order(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    expected = {
        ("2026-03-07", "22:00", "2026-03-08T01:30:00-05:00", "taken"),
        ("2026-03-10", None, "2026-03-10T15:00:00-04:00", "taken"),
        ("2026-03-08", "08:00", "2026-03-08T11:50:00-04:00", "taken"),
        ("2025-11-01", "22:00", "2025-11-02T01:30:00-04:00", "taken"),
        ("2026-03-09", "08:00", "2026-03-09T04:10:00-04:00", "skipped"),
        ("2025-11-01", "08:00", "2025-11-01T07:00:00-04:00", "taken"),
    }
    for attempt, rows in enumerate((ROWS, sorted(ROWS), ROWS[::-1])):
        path = tmp_path / f"doses-{attempt}.csv"
        path.write_text(
            "Datum;Uhrzeit;Medikament;Dosis;Genommen\n" + "\n".join(rows) + "\n", encoding="utf-8"
        )
        db = tmp_path / f"journal-{attempt}.db"
        cli = Cli(db, run_cli.now)
        added = cli(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,22:00", "--start", "2025-10-01"
        )
        assert added.exit_code == 0, added.output
        result = cli("import-csv", str(path), "--tz", "America/New_York", "--date-order", "dmy")
        assert result.exit_code == 0, result.output
        assert "Added: 6 doses." in result.output
        journal = open_journal(db)
        try:
            logs = {(d.day.isoformat(), d.slot, d.taken_at, d.status) for d in journal.dose_logs()}
        finally:
            journal.close()
        assert logs == expected, rows
        again = cli("import-csv", str(path), "--tz", "America/New_York", "--date-order", "dmy")
        assert "Skipped, already in the journal or twice in the file: 6." in again.output, again.output
    assert not journal_path.exists()


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9999, 12, 30)),
    st.sampled_from([None, BERLIN, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")]),
    st.booleans(),
)
def test_two_entries_are_compared_by_their_minute_on_this_computers_clock(
    moment: datetime, zone: ZoneInfo | None, as_text: bool
) -> None:
    """The key of 'the same dose at the same minute' (csv_plan._minute): the minute on this computer's clock, as
    ``astimezone()`` gives it (a moment without an offset: its own clock)."""
    at = moment.replace(tzinfo=zone)
    expected = (at.astimezone() if zone else at).timetuple()[:5]
    assert _minute(at.isoformat() if as_text and zone else at) == expected


def test_the_minute_is_the_local_clocks_in_every_zone_this_computer_can_be_in() -> None:
    """The same key with this computer set to zones with clock changes, a half-hour offset and offsets of
    seconds (local mean time before 1900 and until 1972 in Monrovia): moments every 7 minutes and 13 seconds
    around the clock changes of 2026 and of 1970, and from 1900 to 1972, each as a datetime and as its text."""
    zones = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Africa/Monrovia", "Australia/Lord_Howe"]
    starts = [datetime(2026, 3, 28), datetime(2026, 10, 24), datetime(1970, 1, 1), datetime(1972, 5, 1)]
    moments = [start + timedelta(seconds=433 * n) for start in starts for n in range(0, 700)]
    moments += [datetime(1900, 1, 1) + timedelta(hours=263 * n, seconds=17 * n) for n in range(0, 2500)]
    saved = os.environ.get("TZ")
    try:
        for local_zone in zones:
            os.environ["TZ"] = local_zone
            time.tzset()
            for moment in moments:
                for zone in (ZoneInfo("UTC"), BERLIN, ZoneInfo("Africa/Monrovia")):
                    at = moment.replace(tzinfo=zone)
                    expected = at.astimezone().timetuple()[:5]
                    assert _minute(at) == expected, (local_zone, at)
                    assert _minute(at.isoformat()) == expected, (local_zone, at)
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


HEADER = "Datum;Uhrzeit;Medikament;Dosis;Genommen;Schmerz;Nebenwirkung;Schwere\n"
EARLIER = [  # a year and a half of entries, typed in on 15 March 2026
    "01.06.25;22:00;Duloxetine;30 mg;ja;;;",
    "01.06.25;21:00;;;;6;;",
    "02.03.26;00:30;Duloxetine;30 mg;ja;;;",  # the bedtime dose of 1 March, after midnight
    "02.03.26;09:00;;;;;Übelkeit;2",
    "10.03.26;21:15;;;;5;;",
]


def test_a_second_file_is_compared_with_the_journals_entries_of_its_own_days_and_the_evening_before(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    """The journal's entries are read for the file's days only (csv_plan._span): a dose whose slot is the
    evening before the file's first day is still found, and nothing is imported twice."""
    added = run_cli("med", "add", "Duloxetine", "--dose", "30", "--times", "22:00", "--start", "2025-01-01")
    assert added.exit_code == 0, added.output
    first = tmp_path / "first.csv"
    first.write_text(HEADER + "\n".join(EARLIER) + "\n", encoding="utf-8")
    result = run_cli("import-csv", str(first), "--tz", "Europe/Berlin", "--date-order", "dmy")
    assert "Added: 2 doses, 2 check-ins, 1 side effect." in result.output, result.output
    second = tmp_path / "second.csv"
    second.write_text(
        HEADER + "\n".join([*EARLIER[2:], "05.03.26;22:05;Duloxetine;30 mg;ja;;;"]) + "\n", encoding="utf-8"
    )
    result = run_cli("import-csv", str(second), "--tz", "Europe/Berlin", "--date-order", "dmy")
    assert "Added: 1 dose." in result.output, result.output
    assert "Skipped, already in the journal or twice in the file: 3." in result.output
    journal = open_journal(journal_path)
    try:
        doses = sorted((d.day.isoformat(), d.slot) for d in journal.dose_logs())
        assert doses == [("2025-06-01", "22:00"), ("2026-03-01", "22:00"), ("2026-03-05", "22:00")]
        assert len(journal.checkins()) == 2 and len(journal.side_effects()) == 1
    finally:
        journal.close()
