"""Validation: each check raises :class:`ValidationError` with one sentence that says what was wrong.

Every way in (window, command line, import) goes through these functions, so the same input gets the same
answer everywhere.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from medjournal.domain.errors import FormatError, ValidationError
from medjournal.i18n import N_, _, format_decimal

# The names of fields that sentences below name ("The {what} is empty."), marked for translation; a sentence
# shows ``_(what)``; tests/test_field_names.py finds any field name passed to a validator without its German.
FIELD_NAMES = (
    N_("activity rating"),
    N_("activity's name"),
    N_("amount"),
    N_("checklist item"),
    N_("daily maximum"),
    N_("date asked"),
    N_("date of the change"),
    N_("date retired"),
    N_("date"),
    N_("dose status"),
    N_("dose"),
    N_("form"),
    N_("hours slept"),
    N_("medication name"),
    N_("medicine name"),
    N_("minutes"),
    N_("mood"),
    N_("name for summaries"),
    N_("name"),
    N_("note"),
    N_("notes"),
    N_("pain"),
    N_("purpose"),
    N_("question"),
    N_("reason"),
    N_("refill units"),
    N_("refill warning days"),
    N_("safety event kind"),
    N_("severity"),
    N_("side effect"),
    N_("sleep rating"),
    N_("sleep"),
    N_("slot"),
    N_("start date"),
    N_("stock"),
    N_("stop date"),
    N_("stop reason"),
    N_("time acknowledged"),
    N_("time counted"),
    N_("time recorded"),
    N_("time taken"),
    N_("time"),
    N_("treatment"),
    N_("unit size"),
    N_("unit"),
    N_("units"),
    N_("visit date"),
    N_("warning"),
)


def _field(what: str) -> str:
    """A field's name in the language in use (an empty name stays empty: gettext would give the header)."""
    return _(what) if what else what


MAX_NAME_LENGTH = 80
MAX_NOTE_LENGTH = 4000
MAX_DOSE = 100_000.0
MIN_DOSE = 1e-6
MAX_STOCK_UNITS = 1_000_000
MAX_TIMES_PER_DAY = 12
MAX_TREATMENT_MINUTES = 24 * 60
CHECKIN_FUTURE_ALLOWANCE = timedelta(days=1)
EARLIEST_DAY = date(1900, 1, 1)

DAY_FORM = "YYYY-MM-DD"  # the forms a FormatError names (domain/errors.py)
MOMENT_FORM = "YYYY-MM-DD HH:MM"
TIME_FORM = "HH:MM"
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
_DATETIME_RE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$"
)


def parse_day(text: str, what: str = "date") -> date:
    """Parse ``YYYY-MM-DD``; a date that does not exist (2025-02-30) is refused with a sentence."""
    if not isinstance(text, str):
        raise ValidationError(_("The {what} must be written as YYYY-MM-DD.").format(what=_field(what)), what)
    value = text.strip()
    if not _DAY_RE.match(value):
        raise FormatError(
            _("The {what} {value} is not a date; write it as YYYY-MM-DD.").format(
                what=_field(what), value=repr(value)
            ),
            what,
            form=DAY_FORM,
            text=value,
        )
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("The {what} {value} does not exist in the calendar.").format(what=_field(what), value=value),
            what,
        ) from None
    if parsed < EARLIEST_DAY:
        raise ValidationError(
            _("The {what} {value} is too far in the past.").format(what=_field(what), value=value), what
        )
    return parsed


def _written_as(
    text: object, pattern: re.Pattern[str], what: str, not_text: str, no_match: str, form: str
) -> re.Match[str]:
    """``text`` matched by ``pattern`` (after trimming), or one sentence: ``not_text`` when it is not text at
    all, ``no_match`` (with the value) as a :class:`FormatError` naming ``form`` when it is written otherwise.
    Both sentences are marked with ``N_``."""
    if not isinstance(text, str):
        raise ValidationError(_(not_text).format(what=_field(what)), what)
    value = text.strip()
    match = pattern.match(value)
    if match is None:
        message = _(no_match).format(what=_field(what), value=repr(value))
        raise FormatError(message, what, form=form, text=value)
    return match


def parse_clock_time(text: str, what: str = "time") -> time:
    """Parse a time of day ``HH:MM`` (24-hour)."""
    match = _written_as(
        text,
        _TIME_RE,
        what,
        N_("The {what} must be written as HH:MM."),
        N_("The {what} {value} is not a time of day; write it as HH:MM, e.g. 08:00."),
        TIME_FORM,
    )
    value = match.group(0)
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValidationError(
            _("The {what} {value} does not exist; hours go 00–23 and minutes 00–59.").format(
                what=_field(what), value=value
            ),
            what,
        )
    return time(hour, minute)


def parse_times(text: str | Sequence[str]) -> list[str]:
    """Parse a schedule such as ``08:00,20:00`` into sorted, unique ``HH:MM`` strings."""
    parts = [p for p in (text.split(",") if isinstance(text, str) else list(text))]
    parts = [p.strip() for p in parts if isinstance(p, str) and p.strip()]
    if not parts:
        raise ValidationError(_("Give at least one time of day, e.g. 08:00 or 08:00,20:00."), "times")
    parsed = sorted({parse_clock_time(p).strftime("%H:%M") for p in parts})
    if len(parsed) != len(parts):
        raise ValidationError(_("The same time of day is listed twice."), "times")
    if len(parsed) > MAX_TIMES_PER_DAY:
        raise ValidationError(
            _("At most {n} times a day can be scheduled.").format(n=MAX_TIMES_PER_DAY), "times"
        )
    return parsed


def parse_moment(text: str, local_zone: tzinfo | None = None, what: str = "time") -> datetime:
    """Parse ``YYYY-MM-DD HH:MM`` (local time) or a full ISO 8601 time with offset; returns an aware datetime."""
    match = _written_as(
        text,
        _DATETIME_RE,
        what,
        N_("The {what} must be written as YYYY-MM-DD HH:MM."),
        N_("The {what} {value} is not a date and time; write it as YYYY-MM-DD HH:MM."),
        MOMENT_FORM,
    )
    value = match.group(0)
    try:
        day = parse_day(match.group(1), "date")
    except ValidationError as exc:
        raise ValidationError(
            exc.message, what
        ) from None  # the sentence names the date; the field stays `what`
    clock_time = parse_clock_time(match.group(2), what)
    if match.group(3):
        try:
            moment = datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            raise ValidationError(
                _("The {what} {value} has an offset that does not parse.").format(
                    what=_field(what), value=repr(value)
                ),
                what,
            ) from None
        return moment
    from medjournal.domain.localtime import local_moment

    reference = datetime.now(local_zone) if local_zone is not None else None
    return local_moment(day, clock_time, reference, what)  # the day's own offset; a skipped hour is refused


def normalise_name(name: str) -> str:
    """One spelling per name: full-width letters become ordinary ones (NFKC), invisible format characters
    (zero-width spaces, direction marks) go and runs of white space become one space, so "Dulo\u200bxetine" or
    "ＤＵＬＯＸＥＴＩＮＥ" cannot become a second Duloxetine."""
    kept = "".join(ch for ch in unicodedata.normalize("NFKC", name) if unicodedata.category(ch) != "Cf")
    return " ".join(kept.split())


def _check_length_and_bytes(text: str, what: str, limit: int) -> None:
    """What a name and a note both must be: at most ``limit`` characters, and valid text."""
    if len(text) > limit:
        raise ValidationError(
            _("The {what} is longer than {n} characters.").format(what=_field(what), n=limit), what
        )
    if has_invalid_characters(text):
        raise ValidationError(
            _("The {what} holds bytes that are not valid text (not UTF-8).").format(what=_field(what)), what
        )


def check_name(name: object, what: str = "name") -> str:
    if not isinstance(name, str):
        raise ValidationError(_("The {what} must be text.").format(what=_field(what)), what)
    cleaned = normalise_name(name)
    if not cleaned:
        raise ValidationError(_("The {what} is empty.").format(what=_field(what)), what)
    _check_length_and_bytes(cleaned, what, MAX_NAME_LENGTH)
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        raise ValidationError(_("The {what} contains control characters.").format(what=_field(what)), what)
    return cleaned


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(text: str) -> bool:
    """Control characters other than new lines and tabs (terminal escapes, NUL, ...)."""
    return _CONTROL.search(text) is not None


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_invalid_characters(text: str) -> bool:
    """Lone surrogates: what invalid UTF-8 on a command line, or a broken JSON escape, turns into."""
    return _SURROGATE.search(text) is not None


def check_note(note: object, what: str = "note") -> str:
    if note is None:
        return ""
    if not isinstance(note, str):
        raise ValidationError(_("The {what} must be text.").format(what=_field(what)), what)
    _check_length_and_bytes(note, what, MAX_NOTE_LENGTH)
    if has_control_characters(note):
        # Terminal escapes and the like would reach the summary and the terminal; new lines and tabs are fine.
        raise ValidationError(_("The {what} contains control characters.").format(what=_field(what)), what)
    return note.strip()


NumberProblem = Literal["kind", "too_large", "not_number", "not_finite"]


class NotANumber(ValueError):
    """What :func:`read_number` found wrong, for the caller to word: ``problem`` and the ``text`` as given
    (cut to 40 characters) when a text was not a number."""

    def __init__(self, problem: NumberProblem, text: str = "") -> None:
        super().__init__(problem)
        self.problem: NumberProblem = problem
        self.text = text


# The sentence for each problem, {what} being the field and {value} the text in quotes.
NUMBER_WORDS: dict[NumberProblem, str] = {
    "kind": N_("The {what} must be a number."),
    "too_large": N_("The {what} is far too large a number."),
    "not_number": N_("The {what} {value} is not a number."),
    "not_finite": N_("The {what} must be a finite number."),
}


def read_number(value: object) -> float:
    """A number typed or written as text ("7,5" or "7.5"), finite; :class:`NotANumber` otherwise."""
    if isinstance(value, bool):
        raise NotANumber("kind")
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any float (10**400)
            raise NotANumber("too_large") from None
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            raise NotANumber("not_number", value[:40]) from None
    else:
        raise NotANumber("kind")
    if not math.isfinite(number):
        raise NotANumber("not_finite")
    return number


def as_number(value: object, what: str) -> float:
    """A number typed or written as text ("7,5" or "7.5"), finite; one sentence naming ``what`` otherwise."""
    try:
        return read_number(value)
    except NotANumber as exc:
        words = _(NUMBER_WORDS[exc.problem])
        raise ValidationError(words.format(what=_field(what), value=repr(exc.text)), what) from None


def check_scale(value: object, what: str, low: int = 0, high: int = 10) -> int:
    """A whole-number rating on a closed scale (pain, mood, sleep 0–10; severity 0–3)."""
    number = as_number(value, what)
    if number != int(number):
        raise ValidationError(
            _("The {what} must be a whole number from {low} to {high}.").format(
                what=_field(what), low=low, high=high
            ),
            what,
        )
    if not low <= number <= high:
        raise ValidationError(
            _("The {what} must be from {low} to {high}; {number} is outside.").format(
                what=_field(what), low=low, high=high, number=format_decimal(number, 6)
            ),
            what,
        )
    return int(number)


def check_optional_scale(value: object, what: str, low: int = 0, high: int = 10) -> int | None:
    if value is None or value == "":
        return None
    return check_scale(value, what, low, high)


def check_dose(value: object, what: str = "dose") -> float:
    number = as_number(value, what)
    if number <= 0:
        raise ValidationError(_("The {what} must be more than 0.").format(what=_field(what)), what)
    if number < MIN_DOSE:  # 1e-320 would make a dose's units infinite
        raise ValidationError(
            _("The {what} {number} is implausibly small.").format(
                what=_field(what), number=format_decimal(number, 6)
            ),
            what,
        )
    if number > MAX_DOSE:
        raise ValidationError(
            _("The {what} {number} is implausibly large.").format(
                what=_field(what), number=format_decimal(number, 6)
            ),
            what,
        )
    return number


def check_sleep_hours(value: object) -> float | None:
    if value is None or value == "":
        return None
    number = as_number(value, "hours slept")
    if not 0 <= number <= 24:
        raise ValidationError(_("The hours slept must be from 0 to 24."), "sleep_hours")
    return round(number, 2)


def check_minutes(value: object) -> int | None:
    if value is None or value == "":
        return None
    number = as_number(value, "minutes")
    if number != int(number) or not 0 < number <= MAX_TREATMENT_MINUTES:
        raise ValidationError(
            _("The minutes must be a whole number from 1 to {n}.").format(n=MAX_TREATMENT_MINUTES), "minutes"
        )
    return int(number)


def check_units(value: object, what: str = "units", allow_negative: bool = False) -> float:
    number = as_number(value, what)
    if not allow_negative and number < 0:
        raise ValidationError(_("The {what} cannot be negative.").format(what=_field(what)), what)
    if abs(number) > MAX_STOCK_UNITS:
        raise ValidationError(
            _("The {what} {number} is implausibly large.").format(
                what=_field(what), number=format_decimal(number, 6)
            ),
            what,
        )
    return number


def check_not_future(day: date, today: date, allowance: timedelta = timedelta(0), what: str = "date") -> date:
    if day > today + allowance:
        limit = (today + allowance).isoformat()
        raise ValidationError(
            _("The {what} {day} is in the future (latest allowed: {limit}).").format(
                what=_field(what), day=day.isoformat(), limit=limit
            ),
            what,
        )
    return day


# The one rule for "after today" (docs/data-safety.md, "Dates after today"). An entry is about a day that
# has come: today, or tomorrow for a person a time zone ahead of this computer's clock. A dose is a moment: it
# was taken (or skipped) when it happened, so it may be logged at most a few minutes ahead of the clock (a
# watch a little fast, a time rounded up to the quarter hour), never for a moment that has not come yet.
DOSE_AHEAD_ALLOWANCE = timedelta(minutes=15)


def latest_entry_day(today: date) -> date:
    """The last day an entry may be dated on ``today``: tomorrow."""
    return today + CHECKIN_FUTURE_ALLOWANCE


def entry_day_ok(day: date, today: date) -> bool:
    """Whether an entry may be dated ``day`` on ``today`` (:func:`latest_entry_day`)."""
    return day <= latest_entry_day(today)


def check_entry_day(day: date, today: date, what: str = "date") -> date:
    """``day``, or one sentence when it is after :func:`latest_entry_day`."""
    return check_not_future(day, today, CHECKIN_FUTURE_ALLOWANCE, what)


# A planned dose step (a start, a change of dose, a stop) may be set up to a year ahead; further out it would
# block every later change.
PLANNED_DAYS_AHEAD = timedelta(days=366)


def latest_planned_day(today: date) -> date:
    """The last day a dose step may be planned for on ``today``."""
    return today + PLANNED_DAYS_AHEAD


def check_planned_day(day: date, today: date, what: str) -> date:
    """``day``, or one sentence when it is after :func:`latest_planned_day`."""
    return check_not_future(day, today, PLANNED_DAYS_AHEAD, what)


def dose_moment_ok(moment: datetime, now: datetime) -> bool:
    """Whether a dose may be logged as taken or skipped at ``moment`` when it is ``now``."""
    return moment <= now + DOSE_AHEAD_ALLOWANCE


def check_dose_moment(moment: datetime, now: datetime, what: str = "time taken") -> datetime:
    """``moment``, or one sentence when it has not come yet (more than :data:`DOSE_AHEAD_ALLOWANCE` after
    ``now``). Each is shown as written, in its own time zone."""
    if not dose_moment_ok(moment, now):
        raise ValidationError(
            _("The {what} {moment} has not come yet (it is now {now}); log a dose once it is taken.").format(
                **_moment_and_now(what, moment, now)
            ),
            what,
        )
    return moment


def check_moment_come(moment: datetime, now: datetime, what: str) -> datetime:
    """``moment`` (a stock counted, a warning acknowledged, an entry recorded), or one sentence when it has not
    come yet: the same allowance as a dose's (:data:`DOSE_AHEAD_ALLOWANCE`, a clock a little fast)."""
    if not dose_moment_ok(moment, now):
        raise ValidationError(
            _("The {what} {moment} has not come yet (it is now {now}).").format(
                **_moment_and_now(what, moment, now)
            ),
            what,
        )
    return moment


def _moment_and_now(what: str, moment: datetime, now: datetime) -> dict[str, str]:
    """The field and the two moments as a refusal shows them: each as written, in its own time zone."""
    return {
        "what": _field(what),
        "moment": moment.strftime("%Y-%m-%d %H:%M"),
        "now": now.strftime("%Y-%m-%d %H:%M"),
    }


def check_choice(value: object, choices: Iterable[str], what: str) -> str:
    options = list(choices)
    if not isinstance(value, str) or value not in options:
        raise ValidationError(
            _("The {what} must be one of: {options}.").format(what=_field(what), options=", ".join(options)),
            what,
        )
    return value


def check_locations(values: Iterable[str] | str | None, known: Sequence[str]) -> list[str]:
    """Pain locations: known area keys, or free words for "other" (kept short)."""
    if values is None:
        return []
    items = values.split(",") if isinstance(values, str) else list(values)
    result: list[str] = []
    for raw in items:
        if not isinstance(raw, str):
            raise ValidationError(_("A pain location must be text."), "locations")
        item = raw.strip()
        if not item:
            continue
        key = item.lower().replace(" ", "_").replace("-", "_")
        if key not in known:
            raise ValidationError(
                _("Unknown pain location {item}; use one of: {options}.").format(
                    item=repr(item), options=", ".join(known)
                ),
                "locations",
            )
        if key not in result:
            result.append(key)
    return result


# Letters of other scripts drawn like Latin ones (Unicode's confusables, the ones a keyboard layout gives).
_LOOK_ALIKE = str.maketrans(
    "аеорсухіјѕԁһӏԛԝвнкмтАВЕЗІЈКМНОРСТУХЅαβεικνορτυχΑΒΕΗΙΚΜΝΟΡΤΥΧΖ",
    "aeopcyxijsdhlqwbhkmtABE3IJKMHOPCTYXSabeiknoptuxABEHIKMNOPTYXZ",
)


def name_skeleton(name: str) -> str:
    """What a name looks like, for telling look-alikes apart: accents dropped ("Duloxetíne"), letters of other
    scripts that are drawn like Latin ones made Latin ("Duloxеtine" with a Cyrillic е), case ignored."""
    decomposed = unicodedata.normalize("NFKD", normalise_name(name))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.translate(_LOOK_ALIKE).casefold()
