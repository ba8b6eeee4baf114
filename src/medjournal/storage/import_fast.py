"""Fast acceptance checks for the high-volume tables of an import (check-ins and dose logs).

A table is checked a column at a time: each distinct value of a column is asked once (twenty years of check-ins
hold a few thousand days and a handful of notes, not a hundred thousand of each), and only the rules that join two
fields of a record go row by row. The answer is the set of records the check does not vouch for: a record outside
it is one the full validator in ``domain.entries`` would accept unchanged; a record in it, including every record
the check is unsure of, goes through the full validator, which gives the message. So these checks can only make an
import faster, never more permissive: ``tests/test_import_fast.py`` holds them to that with random records, one at
a time and in tables.
"""

from __future__ import annotations

import itertools
import json
import math
import operator
import re
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from medjournal.domain import knowledge, schedule
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError
from medjournal.domain.records import DOSE_STATUSES

_FULL_CHECK_FROM = date(9000, 1, 1)
INT64 = range(-(2**63), 2**63)  # the integers SQLite stores

Columns = Mapping[str, Sequence[Any]]


# Numbers of these types can be equal across them (1 == 1.0 == True) and still be judged apart.
_NUMBERS = frozenset({bool, int, float})


def refused_positions(column: Sequence[Any], ok: Callable[[Any], bool]) -> set[int]:
    """The positions in ``column`` whose value ``ok`` refuses, asking ``ok`` once per distinct value. Where the
    column mixes kinds of number, a value is the pair of its type and itself (1, 1.0 and True are told apart); a
    list or an object among the values is refused where it stands."""
    kinds = set(map(type, column))
    if list in kinds or dict in kinds:
        return {i for i, x in enumerate(column) if type(x) in (list, dict) or not ok(x)}
    if len(kinds & _NUMBERS) > 1:
        pairs = list(zip(map(type, column), column, strict=True))
        wrong_pairs = {pair for pair in set(pairs) if not ok(pair[1])}
        return {i for i, pair in enumerate(pairs) if pair in wrong_pairs} if wrong_pairs else set()
    wrong = {x for x in set(column) if not ok(x)}
    return {i for i, x in enumerate(column) if x in wrong} if wrong else set()


@lru_cache(maxsize=65536)
def _day_ok(text: str) -> bool:
    if len(text) != 10:
        return False
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        return False
    # Days from 9000 on go to the full check, which decides them (exchange._NO_FUTURE_LIMIT): the same answer.
    return parsed.isoformat() == text and v.EARLIEST_DAY <= parsed < _FULL_CHECK_FROM


def _text_day_ok(value: object) -> bool:
    return type(value) is str and _day_ok(value)


def _all_days_ok(days: list[str]) -> bool:
    """Whether ``_day_ok`` passes each of ``days`` (text), asked of all of them at once."""
    try:
        parsed = list(map(date.fromisoformat, days))
    except ValueError:
        return False
    return list(map(date.isoformat, parsed)) == days and (
        not parsed or (min(parsed) >= v.EARLIEST_DAY and max(parsed) < _FULL_CHECK_FROM)
    )


def refused_days(column: Sequence[Any]) -> set[int]:
    """``refused_positions(column, _text_day_ok)``, quicker where every day passes."""
    if set(map(type, column)) == {str} and _all_days_ok(list(set(column))):
        return set()
    return refused_positions(column, _text_day_ok)


# The exact form the Journal writes (isoformat with seconds and an offset), so parsing it succeeds only for a
# real moment and gives back the same text.
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}")


def _moment_ok(text: object) -> bool:
    if type(text) is not str or len(text) != 25 or not _MOMENT.match(text) or text[:4] < "1900":
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _refused_moments(column: Sequence[Any], days_checked: Set[str] = frozenset()) -> set[int]:
    """``refused_positions(column, _moment_ok)``, quicker: when every value is text of the moment's length, its
    day (before the ``T``) and its time of day with the offset (from the ``T`` on) are checked apart, each distinct
    one once. The pattern and the parse read the two parts apart, so a moment passes when both do (the day's check
    is the stricter one: days from 9000 on go the slow way, which decides them). ``days_checked``: days known to
    pass ``_day_ok``, not asked again."""
    if (
        set(map(type, column)) == {str}
        and set(map(len, column)) == {25}
        # A day _day_ok passes is written as the pattern wants, from 1900 on (validation.EARLIEST_DAY).
        and _all_days_ok(list(set(map(operator.itemgetter(slice(0, 10)), column)) - days_checked))
        and all(
            _moment_ok("2000-01-01" + rest) for rest in set(map(operator.itemgetter(slice(10, None)), column))
        )
    ):
        return set()
    return refused_positions(column, _moment_ok)


@lru_cache(maxsize=4096)
def _locations_ok(text: str) -> bool:
    try:
        values = json.loads(text)
    except ValueError:
        return False
    keys = knowledge.body_area_keys()
    return (
        isinstance(values, list)
        and all(isinstance(x, str) and x in keys for x in values)
        and len(set(values)) == len(values)
        and json.dumps(values) == text
    )


@lru_cache(maxsize=2048)
def _slot_ok(text: str) -> bool:
    return (
        len(text) == 5
        and text[2] == ":"
        and text[:2].isdigit()
        and text[3:].isdigit()
        and int(text[:2]) < 24
        and int(text[3:]) < 60
    )


def _scale_ok(value: object, high: int = 10) -> bool:
    return value is None or (type(value) is int and 0 <= value <= high)


def passes_unchanged(check: Callable[[Any], Any], value: object) -> bool:
    """Whether the domain's ``check`` of one field accepts ``value`` and gives it back as it is (what the full
    check asks of every field: ``storage/import_check.py``)."""
    try:
        return bool(check(value) == value)
    except ValidationError:
        return False


def note_ok(value: object) -> bool:
    return type(value) is str and passes_unchanged(v.check_note, value)


def is_scalar(value: object) -> bool:
    """Text, a number SQLite can store (a 64-bit integer, a finite float), or null: what any field may hold."""
    if value is None or isinstance(value, str):
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value in INT64
    return isinstance(value, float) and math.isfinite(value)


def _hours_ok(hours: object) -> bool:
    return hours is None or (
        (type(hours) is int or type(hours) is float) and 0 <= hours <= 24 and round(hours, 2) == hours
    )


def _harm_ok(harm: object) -> bool:
    return harm in (None, 0, 1) and type(harm) is not bool


def _amount_ok(amount: object) -> bool:
    return amount is None or (
        (type(amount) is int or type(amount) is float)
        and math.isfinite(amount)
        and v.MIN_DOSE <= amount <= v.MAX_DOSE
    )


def _status_ok(status: object) -> bool:
    return type(status) is str and status in DOSE_STATUSES


def _slot_or_none_ok(slot: object) -> bool:
    return slot is None or (type(slot) is str and _slot_ok(slot))


def _by_column(columns: Columns, rules: Mapping[str, Callable[[Any], bool]]) -> set[int]:
    refused: set[int] = set()
    for name, ok in rules.items():
        refused |= refused_positions(columns[name], ok)
    return refused


_CHECKIN_RULES: dict[str, Callable[[Any], bool]] = {
    "note": note_ok,
    "locations": lambda value: type(value) is str and _locations_ok(value),
    "self_harm_thoughts": _harm_ok,
    "pain": _scale_ok,
    "mood": _scale_ok,
    "sleep": _scale_ok,
    "sleep_hours": _hours_ok,
}


def refused_checkins(columns: Columns) -> set[int]:
    """The check-ins (positions from 0) this check does not vouch for; ``columns`` holds each column's values,
    ``None`` where a record lacks the field."""
    days = columns["day"]
    refused = _by_column(columns, _CHECKIN_RULES) | refused_days(days)
    refused |= _refused_moments(columns["time"], frozenset() if refused else set(days))
    # A check-in says something: a rating, the hours slept or a note (the rule that joins the fields).
    pain, mood, sleep, hours, note = (columns[c] for c in ("pain", "mood", "sleep", "sleep_hours", "note"))
    refused.update(
        i
        for i in _positions_of_none(pain)
        if mood[i] is None and sleep[i] is None and hours[i] is None and not note[i]
    )
    return refused


def _positions_of_none(column: Sequence[Any]) -> Iterator[int]:
    """The positions in ``column`` that hold None, found without a Python loop over every value."""
    return itertools.compress(itertools.count(), map(operator.is_, column, itertools.repeat(None)))


def refused_dose_logs(columns: Columns) -> set[int]:
    """The dose logs (positions from 0) this check does not vouch for; as :func:`refused_checkins`."""
    taken_at, day, slot = columns["taken_at"], columns["day"], columns["slot"]
    refused = _by_column(
        columns,
        {"status": _status_ok, "note": note_ok, "slot": _slot_or_none_ok, "amount": _amount_ok},
    ) | _refused_moments(taken_at)
    # The day is the day it was taken, or the evening before for a dose of a late slot just after midnight. The
    # records whose day is not their moment's own are found first (no Python loop over every record).
    taken_on = map(operator.itemgetter(slice(0, 10)), map(str, taken_at))
    other_day = itertools.compress(itertools.count(), map(operator.ne, day, taken_on))
    if len(day) != len(taken_at):
        raise ValueError("the columns of a table have one length")
    refused.update(
        i
        for i in other_day
        if not (slot[i] is not None and _evening_before_ok(day[i], str(taken_at[i]), slot[i]))
    )
    return refused


def _evening_before_ok(day: object, taken_at: str, slot: object) -> bool:
    """A bedtime dose taken just after midnight keeps the evening's day (``schedule.log_day``, the same rule)."""
    if not (
        type(day) is str and _day_ok(day) and type(slot) is str and _slot_ok(slot) and _moment_ok(taken_at)
    ):
        return False
    claimed = date.fromisoformat(day)
    return schedule.log_day(datetime.fromisoformat(taken_at), slot, claimed) == claimed


REFUSED = {"checkins": refused_checkins, "dose_logs": refused_dose_logs}


_CHECKIN_FIELDS = (*_CHECKIN_RULES, "day", "time")
_DOSE_LOG_FIELDS = ("taken_at", "day", "slot", "status", "note", "amount")
FIELDS = {"checkins": _CHECKIN_FIELDS, "dose_logs": _DOSE_LOG_FIELDS}  # the fields these checks judge


def _vouched(
    refused: Callable[[Columns], set[int]], rows: Sequence[Mapping[str, Any]], names: Sequence[str]
) -> list[bool]:
    """For each row, whether the check vouches for it: the rows checked as one table, a column at a time (the
    answer per row is the same as for that row alone; tests/test_import_fast.py)."""
    if not rows:
        return []
    try:  # rows that hold each of the fields (as the CSV import's do): each column read in one pass
        columns = {name: list(map(operator.itemgetter(name), rows)) for name in names}
    except KeyError:
        columns = {name: [row.get(name) for row in rows] for name in names}
    out = refused(columns)
    return [i not in out for i in range(len(rows))]


def checkins_ok(rows: Sequence[Mapping[str, Any]]) -> list[bool]:
    """Whether the check vouches for each of ``rows`` (check-ins), checked together."""
    return _vouched(refused_checkins, rows, _CHECKIN_FIELDS)


def dose_logs_ok(rows: Sequence[Mapping[str, Any]]) -> list[bool]:
    """Whether the check vouches for each of ``rows`` (dose logs), checked together."""
    return _vouched(refused_dose_logs, rows, _DOSE_LOG_FIELDS)


def checkin_ok(row: Mapping[str, Any]) -> bool:
    """Whether the check vouches for one check-in (a table of one record)."""
    return checkins_ok([row])[0]


def dose_log_ok(row: Mapping[str, Any]) -> bool:
    """Whether the check vouches for one dose log (a table of one record)."""
    return dose_logs_ok([row])[0]
