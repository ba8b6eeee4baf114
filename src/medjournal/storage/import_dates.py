"""An import's dates after today, under the rules typed entries keep (docs/data-safety.md, "Dates after today").

Each record of an export is checked by its table's validator (``storage/import_check.py``) with no limit on
its dates; this module then holds the checked records to the same limits as typed entries: an entry is dated
at latest tomorrow, a dose was taken or skipped at a moment that had come, a planned dose step starts at
most a year ahead. "Today" and "now" are those of the export when it was made, where the export says so
(its ``exported_at``), and of this computer when later: an export made by medjournal imports back on another
computer whose clock is a time zone behind. The first record past a limit is named, and the import refuses
the whole file, as it does any bad record (all or nothing).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from medjournal.domain import entries
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError

# Per table, its columns holding the day an entry is about (dated at latest tomorrow).
ENTRY_DAYS: dict[str, tuple[str, ...]] = {
    "checkins": ("day",),
    "side_effects": ("day",),
    "questionnaires": ("day",),
    "treatments": ("day",),
    "visits": ("day",),
    "refills": ("day",),
    "measures": ("day",),
    "activity_ratings": ("day",),
    "safety_events": ("day",),
    "dose_logs": ("day",),
    "questions": ("asked_on",),
    "activities": ("retired_on",),
}
# Per table, its columns holding the moment a dose was taken or skipped (not after now).
DOSE_MOMENTS: dict[str, tuple[str, ...]] = {"dose_logs": ("taken_at",)}
# Per table, its columns holding a moment that has come (not after now): a stock counted, a warning acknowledged,
# and every record's own moment of writing (``recorded_at``, in each table that has one). A count "made" in 2099
# would keep every dose from changing the stock (domain/stock.py).
MOMENTS: dict[str, tuple[str, ...]] = {
    "medications": ("stock_counted_at",),
    "warning_acks": ("acknowledged_at",),
}
RECORDED_AT = "recorded_at"
# Per table, its columns holding a moment on the day an entry is about (its day at latest tomorrow): a safety
# event happens when the check-in or questionnaire it comes from is given, which may be dated tomorrow.
MOMENT_DAYS: dict[str, tuple[str, ...]] = {"safety_events": ("occurred_at",)}
# The name a refusal gives each column (domain/validation.py's FIELD_NAMES); "date" where it is not here.
FIELD = {
    "asked_on": "date asked",
    "retired_on": "date retired",
    "stock_counted_at": "time counted",
    "acknowledged_at": "time acknowledged",
    "recorded_at": "time recorded",
    "occurred_at": "time",
}
# Per table, its columns holding planned days (a dose step's start and end: at most a year ahead).
PLANNED_DAYS: dict[str, tuple[str, ...]] = {"regimens": ("start_date", "end_date")}

Refuse = Callable[[int, str, str], Exception]  # (position from 1, table, sentence) -> the error to raise


def reference(now: datetime, exported_at: object) -> tuple[date, datetime]:
    """The "today" and "now" an import's dates are held to. "Now" is the later of ``now`` and the moment the
    export says it was made (``exported_at``), that one never taken as more than a day ahead of ``now`` (a clock
    set wrong, or a file written by hand); "today" is the later of this computer's day and the export's own day
    (its moment in the exporting computer's time zone, which may be a day ahead of this one's)."""
    exported = _moment(exported_at)
    if exported is None:
        return now.date(), now
    exported = min(exported, now + v.CHECKIN_FUTURE_ALLOWANCE)
    return max(now.date(), exported.date()), max(now, exported)


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def refuse_dates_ahead(
    prepared: Mapping[str, Sequence[Sequence[Any]]],
    columns_of: Callable[[str], list[str]],
    today: date,
    now: datetime,
    refuse: Refuse,
) -> None:
    """Raise ``refuse(position, table, sentence)`` for the first record (table by table) dated past a limit."""
    for table, rows in prepared.items():
        if not rows or table == "settings":  # the one table without a date or a moment
            continue
        columns = columns_of(table)
        try:
            _check_table(table, rows, columns, today, now)
        except _Ahead as ahead:
            raise refuse(ahead.position, table, ahead.sentence) from None


class _Ahead(Exception):
    def __init__(self, position: int, sentence: str) -> None:
        super().__init__(sentence)
        self.position, self.sentence = position, sentence


def _check_table(
    table: str, rows: Sequence[Sequence[Any]], columns: list[str], today: date, now: datetime
) -> None:
    latest_day = v.latest_entry_day(today).isoformat()
    for name in ENTRY_DAYS.get(table, ()):
        for position, day in _past(rows, columns.index(name), latest_day):
            _at(position, v.check_entry_day, date.fromisoformat(day), today, FIELD.get(name, "date"))
    latest_planned = v.latest_planned_day(today).isoformat()
    for name in PLANNED_DAYS.get(table, ()):
        what = "start date" if name == "start_date" else "stop date"
        for position, day in _past(rows, columns.index(name), latest_planned):
            _at(position, v.check_planned_day, date.fromisoformat(day), today, what)
    # A moment's own day may be a day behind the reference's (a zone further west): look at those from then on.
    from_day = (today - timedelta(days=2)).isoformat()
    for name in DOSE_MOMENTS.get(table, ()):
        for position, text in _past(rows, columns.index(name), from_day):
            moment = datetime.fromisoformat(text)
            _at(position, v.check_entry_day, moment.date(), today, "time taken")
            skipped = rows[position - 1][columns.index("status")] == "skipped"
            _at(position, v.check_dose_moment, moment, now, "time" if skipped else "time taken")
    for name in MOMENT_DAYS.get(table, ()):
        for position, text in _past(rows, columns.index(name), from_day):
            happened = entries.as_moment(text)  # read already by the table's validator
            _at(position, v.check_entry_day, happened.date(), today, FIELD[name])
    recorded = (RECORDED_AT,) if RECORDED_AT in columns else ()
    for name in (*MOMENTS.get(table, ()), *recorded):
        for position, text in _past(rows, columns.index(name), from_day):
            if (written := _readable_moment(text)) is not None:
                _at(position, v.check_moment_come, written, now, FIELD[name])
            elif (written_on := _readable_day(text)) is not None:  # a day with no time, held as a day
                _at(position, v.check_entry_day, written_on, today, FIELD[name])


def _readable_moment(text: str) -> datetime | None:
    """``text`` as a moment; None for a ``recorded_at`` that does not read as one (it is kept as it is written,
    never read for a rule, as imports have always kept it)."""
    try:
        return entries.as_moment(text)
    except ValidationError:
        return None


def _readable_day(text: str) -> date | None:
    """The day ``text`` begins with (``2099-01-01``, ``2099-01-01 garbled``), None when it begins with none."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _past(rows: Sequence[Sequence[Any]], index: int, limit: str) -> Iterator[tuple[int, str]]:
    """(position from 1, value) of each text in column ``index`` that sorts after ``limit`` (dates written as
    YYYY-MM-DD, as the validators left them, sort as they follow each other)."""
    column = list(map(operator.itemgetter(index), rows))
    texts = [value for value in column if isinstance(value, str)]
    if not texts or max(texts)[:10] <= limit:
        return
    for position, value in enumerate(column, start=1):
        if isinstance(value, str) and value[:10] > limit:
            yield position, value


def _at(position: int, check: Callable[..., object], *values: Any) -> None:
    """``check(*values)``; its refusal as :class:`_Ahead` at ``position``."""
    try:
        check(*values)
    except ValidationError as exc:
        raise _Ahead(position, exc.message) from None
