"""Fast acceptance checks for the high-volume tables of an import.

Each function returns True only for a record that the full validator in ``domain.entries`` would accept unchanged;
anything else (including every record it is unsure of) goes through the full validator, which gives the message.
So these checks can only make an import faster, never more permissive: ``tests/test_import_fast.py`` holds them to
that with random records.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from medjournal.domain import knowledge, schedule
from medjournal.domain import validation as v
from medjournal.domain.records import DOSE_STATUSES

_FULL_CHECK_FROM = date(9000, 1, 1)


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


def _note_ok(value: object) -> bool:
    return (
        type(value) is str
        and len(value) <= v.MAX_NOTE_LENGTH
        and not v.has_control_characters(value)
        and value.strip() == value
    )


def checkin_ok(row: dict[str, Any]) -> bool:
    day = row.get("day")
    hours = row.get("sleep_hours")
    locations = row.get("locations")
    harm = row.get("self_harm_thoughts")
    if not (
        type(day) is str
        and _day_ok(day)
        and _moment_ok(row.get("time"))
        and _note_ok(row.get("note"))
        and type(locations) is str
        and _locations_ok(locations)
        and harm in (None, 0, 1)
        and type(harm) is not bool
    ):
        return False
    pain, mood, sleep = row.get("pain"), row.get("mood"), row.get("sleep")
    if not (_scale_ok(pain) and _scale_ok(mood) and _scale_ok(sleep)):
        return False
    if hours is not None and not (
        type(hours) in (int, float) and 0 <= hours <= 24 and round(hours, 2) == hours
    ):
        return False
    return not (pain is None and mood is None and sleep is None and hours is None and not row["note"])


def dose_log_ok(row: dict[str, Any]) -> bool:
    taken_at = row.get("taken_at")
    slot = row.get("slot")
    amount = row.get("amount")
    if not (_moment_ok(taken_at) and row.get("status") in DOSE_STATUSES and _note_ok(row.get("note"))):
        return False
    if slot is not None and not (type(slot) is str and _slot_ok(slot)):
        return False
    day = row.get("day")
    if day != str(taken_at)[:10] and not (slot is not None and _evening_before_ok(day, str(taken_at), slot)):
        return False
    return amount is None or (
        type(amount) in (int, float) and math.isfinite(amount) and v.MIN_DOSE <= amount <= v.MAX_DOSE
    )


def _evening_before_ok(day: object, taken_at: str, slot: str) -> bool:
    """A bedtime dose taken just after midnight keeps the evening's day (``schedule.log_day``, the same rule)."""
    if not (type(day) is str and _day_ok(day)):
        return False
    claimed = date.fromisoformat(day)
    return schedule.log_day(datetime.fromisoformat(taken_at), slot, claimed) == claimed


FAST_CHECKS = {"checkins": checkin_ok, "dose_logs": dose_log_ok}
