"""What a journal setting and a warning acknowledgement may hold: the checks an import applies to them, the
same ones the command line and the window apply when they are set (docs/export-format.md, *Settings and
acknowledgements*).

A setting medjournal reads is checked for its type and its values; ``backup_dir`` names a folder of the
computer that wrote the export and is never imported (the importing computer keeps its own choice). Settings
this version does not know (a newer medjournal's) are kept if they are small, plain JSON. The refusals are in the
language in use; the values they quote stay as given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from medjournal.domain import knowledge
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError
from medjournal.i18n import _

NOT_IMPORTED = frozenset({"backup_dir"})
MAX_DEPTH = 6
MAX_TEXT = 10_000
_LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
_HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# A warning's key: its kind, then what it is about ("over-max:3:2026-03-10", "caution:a-b:serotonin").
_ACK_KEY = re.compile(r"^[a-z]+(-[a-z]+)*:[A-Za-z0-9_.:-]{1,200}$")


def _country(value: Any) -> Any:
    codes = {code for code, _ in knowledge.crisis_countries()} | {"OTHER"}
    if value in (None, ""):  # no country: the system's settings choose
        return value
    if not isinstance(value, str) or value not in codes:
        raise ValidationError(
            _("the country {value} is not one medjournal has crisis lines for.").format(value=repr(value))
        )
    return value


def _page_size(value: Any) -> Any:
    if value not in (None, "A4", "Letter"):
        raise ValidationError(_("the page size must be A4, Letter or empty."))
    return value


def _language(value: Any) -> Any:
    if value not in (None, "") and not (isinstance(value, str) and _LANGUAGE.match(value)):
        raise ValidationError(_("the language must be a code such as de or pt_BR, or empty."))
    return value


def _weight_unit(value: Any) -> Any:
    if value not in (None, "", "kg", "lb"):
        raise ValidationError(_("the weight unit must be kg, lb or empty."))
    return value


def _name(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValidationError(_("the name for summaries must be text."))
    return v.check_name(value, "name for summaries") if value.strip() else value


def _weekday(value: Any) -> Any:
    if type(value) is not int or not 1 <= value <= 7:
        raise ValidationError(_("the first day of the week must be a whole number from 1 to 7."))
    return value


def _flag(value: Any) -> Any:
    if not isinstance(value, bool):
        raise ValidationError(_("this setting must be true or false."))
    return value


def _text_list(value: Any) -> Any:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("this setting must be a list of texts."))
    for item in value:
        v.check_name(item, "checklist item")
    return value


def _reminders(value: Any) -> Any:
    if not isinstance(value, dict):
        raise ValidationError(_("the reminders setting must be an object."))
    for key in ("doses", "checkin"):
        if key in value and not isinstance(value[key], bool):
            raise ValidationError(_("reminders.{key} must be true or false.").format(key=key))
    delay = value.get("dose_delay_minutes", 0)
    if type(delay) is not int or not 0 <= delay <= 24 * 60:
        raise ValidationError(
            _("reminders.dose_delay_minutes must be a whole number of minutes up to a day.")
        )
    time = value.get("checkin_time", "20:00")
    if not isinstance(time, str) or not _HH_MM.match(time):
        raise ValidationError(_("reminders.checkin_time must be a time HH:MM."))
    return value


IDLE_LOCK_MINUTES = (0, 5, 15, 30, 60)  # docs/data-safety.md, *Locking after a time without input*


def _idle_lock(value: Any) -> Any:
    if type(value) is not int or value not in IDLE_LOCK_MINUTES:
        raise ValidationError(_("the idle lock must be 0 (off), 5, 15, 30 or 60 minutes."))
    return value


CHECKS: dict[str, Callable[[Any], Any]] = {
    "country": _country,
    "page_size": _page_size,
    "language": _language,
    "summary_language": _language,
    "summary_name": _name,
    "first_day_of_week": _weekday,
    "weight_unit": _weight_unit,
    "reminders": _reminders,
    "own_side_effects": _text_list,
    "reminders.keep_in_tray": _flag,
    "reminders.start_at_login": _flag,
    # Today's "Add your activities" prompt put away (ui/today/today_activities.py)
    "activities_prompt_dismissed": _flag,
    "idle_lock": _idle_lock,
}


def _depth(value: Any, level: int = 0) -> int:
    if isinstance(value, dict):
        return max((_depth(item, level + 1) for item in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(item, level + 1) for item in value), default=level + 1)
    return level


def check_setting(key: str, value: Any) -> Any:
    """The value, when ``key`` may hold it; raises :class:`ValidationError` saying why not."""
    check = CHECKS.get(key)
    if check is not None:
        return check(value)
    if _depth(value) > MAX_DEPTH:
        raise ValidationError(_("the setting {key} is nested too deeply.").format(key=repr(key)))
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise ValidationError(_("the setting {key} is too long.").format(key=repr(key)))
    return value


def check_ack_key(key: object) -> str:
    """A warning acknowledgement's key: the same name rules as everywhere, and the form warnings give them."""
    if not isinstance(key, str):
        raise ValidationError(_("a warning acknowledgement's key must be text."))
    cleaned = v.check_name(key, "warning")
    if not _ACK_KEY.match(cleaned):
        raise ValidationError(_("{key} is not the key of a medjournal warning.").format(key=repr(cleaned)))
    return cleaned
