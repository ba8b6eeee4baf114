"""One reading of dates and times for every command's options (docs/command-line.md).

Days: ``YYYY-MM-DD``, ``today`` or ``yesterday``. Times: ``HH:MM`` (today), ``today HH:MM``, ``yesterday HH:MM``,
``YYYY-MM-DD HH:MM`` or a full ISO 8601 time with its offset. Anything else (``20261101``, ``2026-W01-1``, a
wall-clock time the clocks skipped) is refused with one sentence, before anything is written.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from medjournal.domain import validation as v
from medjournal.domain.clock import Clock
from medjournal.domain.errors import ValidationError
from medjournal.domain.localtime import local_moment

DAY_WORDS = {"today": 0, "yesterday": 1}
DAY_HELP = "YYYY-MM-DD, today or yesterday"
TIME_HELP = "HH:MM for today, 'yesterday HH:MM' or 'YYYY-MM-DD HH:MM'"
_WORD_TIME = re.compile(r"^(today|yesterday)\s+(\S+)$", re.IGNORECASE)
_CLOCK_TIME = re.compile(r"^\d{1,2}:\d{2}$")


def day_option(value: str | None, clock: Clock, what: str = "date") -> date | None:
    """A day given on the command line, or None when the option was not given."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    back = DAY_WORDS.get(text.lower())
    if back is not None:
        return clock.now().date() - timedelta(days=back)
    try:
        return v.parse_day(text, what)
    except ValidationError as exc:
        if "is not a date" not in exc.message:
            raise
        raise ValidationError(f"{exc.message.rstrip('.')}, or today, or yesterday.", what) from None


def moment_option(value: str | None, clock: Clock, what: str = "time") -> datetime | None:
    """A moment given on the command line, with its day's own UTC offset; None when not given."""
    if value is None or not value.strip():
        return None
    text = " ".join(value.split())
    now = clock.now()
    words = _WORD_TIME.match(text)
    if words is not None:
        day = now.date() - timedelta(days=DAY_WORDS[words.group(1).lower()])
        return local_moment(day, v.parse_clock_time(words.group(2), what), now, what)
    if _CLOCK_TIME.match(text):
        return local_moment(now.date(), v.parse_clock_time(text, what), now, what)
    try:
        return v.parse_moment(text, what=what)
    except ValidationError as exc:
        if "is not a date and time" not in exc.message:
            raise
        raise ValidationError(
            f"{exc.message.rstrip('.')}, or HH:MM for today, or 'yesterday HH:MM'.", what
        ) from None
