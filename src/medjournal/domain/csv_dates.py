"""Dates and times as phones and spreadsheets write them (docs/csv-import.md, "Dates and times").

Accepted: ISO 8601 (``2026-12-01``, ``2026-12-01 08:00``, ``2026-12-01T07:00:00Z``) and numeric short formats with
``/``, ``.`` or ``-`` (``12/1/26, 8:00 AM``, ``01.12.26, 08:00``, ``1/12/2026 20:00``), with a 24-hour or 12-hour
clock. Which of day and month comes first is decided for the whole column: a value with a first number over 12 is
day-first, one with a second number over 12 is month-first; when every value fits both (every day ≤ 12) the person
must choose (``--date-order``), nothing is guessed. A two-digit year is 20YY. A time without an offset is local to
the zone the person names, stored with that day's offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache

from medjournal.domain.errors import ValidationError
from medjournal.i18n import N_, _

DATE_ORDERS = ("dmy", "mdy", "ymd")
ORDER_NAMES = {"dmy": N_("day/month/year"), "mdy": N_("month/day/year"), "ymd": N_("year-month-day")}

_TIME = r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?\s*([AaPp])?\.?\s*(?:[Mm]\.?)?"
_ZONE = r"(Z|[+-]\d{2}:?\d{2})?"
_ISO = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?:[T ,]+{_TIME}{_ZONE})?$")
_NUMERIC = re.compile(rf"^(\d{{1,4}})([./-])(\d{{1,2}})\2(\d{{1,4}})\.?(?:[ ,T]+{_TIME}{_ZONE})?$")
_TIME_ONLY = re.compile(rf"^{_TIME}$")


def _clean(text: str) -> str:
    # Android writes a narrow no-break space before AM/PM; spreadsheets may write a no-break space.
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def _numeric_parts(text: str) -> tuple[int, int] | None:
    """The first two numbers of a day-or-month-first date, or None for ISO and year-first dates."""
    match = _NUMERIC.match(_clean(text))
    if not match or len(match.group(1)) == 4:
        return None
    return int(match.group(1)), int(match.group(3))


def detect_order(values: Iterable[tuple[int, str]]) -> str | None:
    """The date order of a column of (line, text): ``ymd``, ``dmy`` or ``mdy``, or None when it is ambiguous.

    Raises when the column mixes day-first and month-first dates.
    """
    possible = {"dmy", "mdy"}
    day_first: int | None = None
    month_first: int | None = None
    numeric = False
    for line, text in values:
        parts = _numeric_parts(text)
        if parts is None:
            continue
        numeric = True
        first, second = parts
        if first > 12 >= second:
            possible.discard("mdy")
            day_first = day_first or line
        elif second > 12 >= first:
            possible.discard("dmy")
            month_first = month_first or line
    if not numeric:
        return "ymd"
    if not possible:
        raise ValidationError(
            _(
                "The dates mix day-first (line {day_first}) and month-first (line {month_first}) orders; "
                "fix the file or choose the order."
            ).format(day_first=day_first, month_first=month_first)
        )
    return possible.pop() if len(possible) == 1 else None


def _clock(hour: str | None, minute: str | None, second: str | None, half: str | None, text: str) -> time:
    if hour is None or minute is None:
        return time(0, 0)
    h, m, s = int(hour), int(minute), int(second or 0)
    if half:
        if not 1 <= h <= 12:
            raise ValidationError(
                _("{text} has an hour of {hour} with AM/PM.").format(text=repr(text), hour=h)
            )
        h = h % 12 + (12 if half in "Pp" else 0)
    if h > 23 or m > 59 or s > 59:
        raise ValidationError(_("{text} is not a time of day.").format(text=repr(text)))
    return time(h, m, s)


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) <= 2 else int(text)


@lru_cache(maxsize=8192)
def parse_date_time(text: str, order: str | None) -> tuple[date, time | None, tzinfo | None]:
    """A date, its time of day if written, and its offset if written. ``order`` is needed for short formats."""
    value = _clean(text)
    if not value:
        raise ValidationError(_("The date is empty."))
    iso = _ISO.match(value)
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
        clock_groups = iso.group(4, 5, 6, 7)
        zone = iso.group(8)
    else:
        numeric = _NUMERIC.match(value)
        if not numeric:
            raise ValidationError(
                _("{text} is not a date this import reads (see docs/csv-import.md).").format(text=repr(text))
            )
        a, b, c = numeric.group(1), numeric.group(3), numeric.group(4)
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        elif order == "dmy":
            day, month, year = int(a), int(b), _year(c)
        elif order == "mdy":
            month, day, year = int(a), int(b), _year(c)
        elif order == "ymd":
            year, month, day = _year(a), int(b), int(c)
        else:
            raise ValidationError(
                _("{text} could be day-first or month-first; choose the date order.").format(text=repr(text))
            )
        clock_groups = numeric.group(5, 6, 7, 8)
        zone = numeric.group(9)
    try:
        parsed = date(year, month, day)
    except ValueError:
        shown = _(ORDER_NAMES.get(order or "ymd", ORDER_NAMES["ymd"]))
        raise ValidationError(
            _("{text} is not a date (read as {order}).").format(text=repr(text), order=shown)
        ) from None
    written = clock_groups[0] is not None
    hour, minute, second, half = clock_groups
    clock = _clock(hour, minute, second, half, text) if written else None
    return parsed, clock, _offset(zone)


@lru_cache(maxsize=4096)
def parse_time(text: str) -> time:
    value = _clean(text)
    match = _TIME_ONLY.match(value)
    if not match:
        raise ValidationError(
            _("{text} is not a time of day (such as 08:00 or 8:00 AM).").format(text=repr(text))
        )
    hour, minute, second, half = match.group(1, 2, 3, 4)
    return _clock(hour, minute, second, half, text)


def local_moment(day: date, clock: time, zone: tzinfo | None) -> datetime:
    """The moment ``day`` ``clock`` in ``zone`` (None: this computer's zone), with that day's offset."""
    if zone is None:
        return datetime.combine(day, clock).astimezone()
    return datetime.combine(day, clock, zone)


def as_zone(moment: datetime, zone: tzinfo | None) -> datetime:
    """A moment written with its own offset, shown in the person's zone (None: this computer's)."""
    return moment.astimezone(zone) if zone is not None else moment.astimezone()
