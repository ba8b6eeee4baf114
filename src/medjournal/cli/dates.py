"""One reading of dates and times for every command's options (docs/command-line.md).

Days: ``YYYY-MM-DD``, ``today``, ``yesterday`` or ``N days ago``. Times: ``HH:MM`` (today), a day in words with
``HH:MM`` (``yesterday 08:00``, ``2 days ago 08:00``), ``YYYY-MM-DD HH:MM`` or a full ISO 8601 time with its
offset. Anything else (``20261101``, ``2026-W01-1``, a wall-clock time the clocks skipped) is refused with one
sentence, before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TypeVar

from medjournal.cli.words import word_index
from medjournal.domain import validation as v
from medjournal.domain.clock import Clock
from medjournal.domain.errors import FormatError, ValidationError
from medjournal.domain.localtime import local_moment
from medjournal.i18n import N_, _, ngettext

DAY_WORDS = (N_("today"), N_("yesterday"))  # 0 and 1 days back; also in the language in use (cli/words.py)
DAY_HELP = "YYYY-MM-DD, today, yesterday or 'N days ago'"
TIME_HELP = "HH:MM for today, 'yesterday HH:MM', '2 days ago HH:MM' or 'YYYY-MM-DD HH:MM'"
_WORD_TIME = re.compile(r"^(.+?)\s+(\d{1,2}:\d{2})$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLOCK_TIME = re.compile(r"^\d{1,2}:\d{2}$")
_DAYS_AGO = re.compile(r"^(\d{1,4}) days? ago$", re.IGNORECASE)
T = TypeVar("T")


def day_option(value: str | None, clock: Clock, what: str = "date") -> date | None:
    """A day given on the command line, or None when the option was not given."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    back = word_index(text, DAY_WORDS)
    ago = _DAYS_AGO.match(" ".join(text.split()))
    if ago is not None:
        back = int(ago.group(1))
    elif back is None:
        back = _days_ago_in_words(text)
    if back is not None:
        return clock.now().date() - timedelta(days=back)
    return _with_hint(
        lambda: v.parse_day(text, what),
        v.DAY_FORM,
        # Translators: a date the command line could not read; it also reads the words after YYYY-MM-DD.
        _("The {what} {value} is not a date; write it as YYYY-MM-DD, or today, yesterday or 'N days ago'."),
        what,
    )


def _days_ago_in_words(text: str) -> int | None:
    """``vor 3 Tagen``: "N days ago" in the language in use (English is read by ``_DAYS_AGO``), or None."""
    wanted = " ".join(text.split()).casefold()
    for n in (1, 2):
        form = ngettext("{n} day ago", "{n} days ago", n).casefold()
        before, marker, after = form.partition("{n}")
        if marker:
            found = re.fullmatch(re.escape(before) + r"(\d{1,4})" + re.escape(after), wanted)
            if found is not None:
                return int(found.group(1))
    return None


def moment_option(value: str | None, clock: Clock, what: str = "time") -> datetime | None:
    """A moment given on the command line, with its day's own UTC offset; None when not given."""
    if value is None or not value.strip():
        return None
    text = " ".join(value.split())
    now = clock.now()
    words = _WORD_TIME.match(text)
    if words is not None and not _ISO_DAY.match(words.group(1)):  # "yesterday 08:00", "2 days ago 08:00"
        day = day_option(words.group(1), clock, what)
        assert day is not None
        return local_moment(day, v.parse_clock_time(words.group(2), what), now, what)
    if _CLOCK_TIME.match(text):
        return local_moment(now.date(), v.parse_clock_time(text, what), now, what)
    return _with_hint(
        lambda: v.parse_moment(text, what=what),
        v.MOMENT_FORM,
        # Translators: a time the command line could not read; it also reads the forms after YYYY-MM-DD HH:MM.
        _(
            "The {what} {value} is not a date and time; write it as YYYY-MM-DD HH:MM, or HH:MM for today, "
            "or 'yesterday HH:MM'."
        ),
        what,
    )


def _with_hint(parse: Callable[[], T], form: str, sentence: str, what: str) -> T:
    """``parse()``; when it refuses text that is not written as ``form`` (a FormatError, whatever the language
    of its sentence), the refusal is ``sentence`` instead, which also names the words the command line reads."""
    try:
        return parse()
    except FormatError as exc:
        if exc.form != form:
            raise
        raise ValidationError(
            sentence.format(what=_(what) if what else what, value=repr(exc.text)), what
        ) from None
