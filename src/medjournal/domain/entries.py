"""One validator per kind of entry, shared by the window, the command line, editing and import.

Each takes the raw field values and returns them cleaned for storage (days as ``YYYY-MM-DD``, lists as JSON
lists), or raises :class:`ValidationError` with one sentence. No SQL and no Qt here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from medjournal.domain import instruments, knowledge, schedule
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError
from medjournal.domain.records import DOSE_STATUSES
from medjournal.i18n import N_, _

Values = dict[str, Any]

TREATMENT_ALIASES = {
    "physical_therapy": "physical_therapy",
    "physical-therapy": "physical_therapy",
    "physical therapy": "physical_therapy",
    "physiotherapy": "physical_therapy",
    "physio": "physical_therapy",
    "pt": "physical_therapy",
    "exercise": "exercise",
    "other": "other",
}


def as_day(value: object, what: str = "date") -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return v.parse_day(value, what)
    raise ValidationError(
        _("The {what} must be written as YYYY-MM-DD.").format(what=_(what) if what else what), what
    )


def as_moment(value: object, what: str = "time") -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.astimezone()
    if isinstance(value, str):
        return v.parse_moment(value, what=what)
    raise ValidationError(
        _("The {what} must be written as YYYY-MM-DD HH:MM.").format(what=_(what) if what else what), what
    )


def _entry_day(values: Mapping[str, Any], today: date) -> date:
    return v.check_entry_day(as_day(values.get("day"), "date"), today)


def checkin(values: Mapping[str, Any], today: date) -> Values:
    day = _entry_day(values, today)
    moment = as_moment(values.get("time"), "time") if values.get("time") else None
    cleaned: Values = {
        "day": day.isoformat(),
        "time": moment.isoformat(timespec="seconds") if moment else "",
        "pain": v.check_optional_scale(values.get("pain"), "pain"),
        "mood": v.check_optional_scale(values.get("mood"), "mood"),
        "sleep": v.check_optional_scale(values.get("sleep"), "sleep rating"),
        "sleep_hours": v.check_sleep_hours(values.get("sleep_hours")),
        "locations": json.dumps(v.check_locations(values.get("locations"), knowledge.body_area_keys())),
        "self_harm_thoughts": _yes_no(values.get("self_harm_thoughts")),
        "note": v.check_note(values.get("note")),
    }
    empty = all(cleaned[k] is None for k in ("pain", "mood", "sleep", "sleep_hours", "self_harm_thoughts"))
    if empty and not cleaned["note"]:
        raise ValidationError(_("A check-in needs at least a pain, mood or sleep rating, or a note."), "pain")
    return cleaned


def _yes_no(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float) and value in (0, 1):
        return int(value)
    if isinstance(value, str) and value.strip().lower() in ("yes", "no", "y", "n", "1", "0", "true", "false"):
        return int(value.strip().lower() in ("yes", "y", "1", "true"))
    raise ValidationError(
        _("The answer about thoughts of self-harm must be yes or no."), "self_harm_thoughts"
    )


# Suicidal thoughts are a safety question (docs/clinical.md §3 and §6), never a side-effect severity.
_SELF_HARM_WORDS = (
    "suicid",
    "self-harm",
    "self harm",
    "selfharm",
    "hurting myself",
    "hurt myself",
    "kill myself",
    "killing myself",
    "better off dead",
    "end my life",
    "ending my life",
)
SELF_HARM_NOT_A_SIDE_EFFECT = N_(
    "Thoughts of suicide or of hurting yourself are a safety question, not a side-effect rating: answer it in the "
    "check-in (medjournal checkin --self-harm yes), which shows where to get help. If you are in danger now, call "
    "your emergency number."
)


def side_effect(values: Mapping[str, Any], today: date) -> Values:
    name = v.check_name(values.get("symptom"), "side effect")
    if any(word in name.casefold() for word in _SELF_HARM_WORDS):
        raise ValidationError(_(SELF_HARM_NOT_A_SIDE_EFFECT), "symptom")
    symptom = knowledge.side_effect_key(name)
    return {
        "day": _entry_day(values, today).isoformat(),
        "symptom": symptom,
        "severity": v.check_scale(values.get("severity"), "severity", 0, 3),
        "note": v.check_note(values.get("note")),
    }


def treatment(values: Mapping[str, Any], today: date) -> Values:
    raw_kind = v.check_name(values.get("kind"), "treatment")
    kind = TREATMENT_ALIASES.get(raw_kind.lower(), raw_kind)
    return {
        "day": _entry_day(values, today).isoformat(),
        "kind": kind,
        "minutes": v.check_minutes(values.get("minutes")),
        "note": v.check_note(values.get("note")),
    }


def questionnaire(values: Mapping[str, Any], today: date) -> Values:
    inst = instruments.instrument(str(values.get("instrument", "")))
    raw = values.get("answers")
    if isinstance(raw, str):
        raw = json.loads(raw) if raw.strip().startswith("[") else instruments.parse_answers(raw)
    answers = instruments.check_answers(inst, raw if isinstance(raw, list | tuple) else [])
    medication_id = values.get("medication_id")
    if medication_id is not None and (isinstance(medication_id, bool) or not isinstance(medication_id, int)):
        raise ValidationError(
            _("The questionnaire's medication is not a medication of this journal."), "medication"
        )
    return {
        "day": _entry_day(values, today).isoformat(),
        "instrument": inst.key,
        "answers": json.dumps(answers),
        "score": inst.score(answers),
        "medication_id": medication_id,
    }


def _claimed_day(value: object) -> date | None:
    """The day a dose log says it belongs to, if readable; :func:`schedule.log_day` decides whether it holds."""
    try:
        return as_day(value, "day") if value not in (None, "") else None
    except ValidationError:
        return None


def dose_log(values: Mapping[str, Any], today: date, now: datetime) -> Values:
    """A dose log; its ``day`` is the date of ``taken_at``, or the evening before for a dose taken just after
    midnight for that evening's slot (see :func:`medjournal.domain.schedule.log_day`). A dose is logged once
    it has happened: ``taken_at`` may not be later than ``now`` (:func:`validation.check_dose_moment`)."""
    moment = as_moment(values.get("taken_at"), "time taken")
    v.check_entry_day(moment.date(), today, "time taken")
    v.check_dose_moment(moment, now, "time taken" if values.get("status") != "skipped" else "time")
    raw_slot = values.get("slot")
    slot = (
        None
        if raw_slot is None or raw_slot == ""
        else v.parse_clock_time(str(raw_slot), "slot").strftime("%H:%M")
    )
    amount = values.get("amount")
    return {
        "day": schedule.log_day(moment, slot, _claimed_day(values.get("day"))).isoformat(),
        "taken_at": moment.isoformat(timespec="seconds"),
        "slot": slot,
        "status": v.check_choice(values.get("status"), DOSE_STATUSES, "dose status"),
        "amount": None if amount is None or amount == "" else v.check_dose(amount, "amount"),
        "note": v.check_note(values.get("note")),
    }


def medication(values: Mapping[str, Any]) -> Values:
    cleaned: Values = {
        "name": v.check_name(values.get("name"), "medication name"),
        "purpose": v.check_note(values.get("purpose"), "purpose"),
        "form": v.check_note(values.get("form"), "form"),
        "unit": v.check_name(values.get("unit") or "mg", "unit"),
        "notes": v.check_note(values.get("notes"), "notes"),
        "archived": 1 if values.get("archived") else 0,
        "stock_units": None,
        "unit_size": None,
        "refill_warning_days": None,
        "known_as": known_as(values.get("known_as")),
    }
    if values.get("stock_units") not in (None, ""):
        cleaned["stock_units"] = v.check_units(values["stock_units"], "stock", allow_negative=True)
    if values.get("unit_size") not in (None, ""):
        cleaned["unit_size"] = v.check_dose(values["unit_size"], "unit size")
    if values.get("refill_warning_days") not in (None, ""):
        days = v.check_scale(values["refill_warning_days"], "refill warning days", 0, 90)
        cleaned["refill_warning_days"] = days
    counted_at = values.get("stock_counted_at")
    if counted_at not in (None, ""):  # when the stock was counted (domain/stock.py)
        cleaned["stock_counted_at"] = as_moment(counted_at, "time").isoformat(timespec="seconds")
    return cleaned


def known_as(value: Any) -> str:
    """What a person says a medication the journal does not know is: a generic or brand name the reviewed data
    knows, or one of its class keys (docs/clinical.md §4.6); empty to leave it unset."""
    text = " ".join(str(value or "").split())
    if not text:
        return ""
    if len(text) > 80 or not knowledge.is_known("", text):
        classes = ", ".join(sorted(knowledge.load("medications")["classes"]))
        raise ValidationError(
            _(
                "medjournal does not know {name}. Give a generic name (such as ibuprofen), a brand (such as "
                "Advil) or one of these kinds: {kinds}."
            ).format(name=repr(text[:80]), kinds=classes),
            "known_as",
        )
    return text


def _times_list(times: Any) -> Any:
    """Times stored as a JSON list (``["08:00"]``) as that list of texts; anything else as given, so that a text
    such as ``[`` is refused by :func:`validation.parse_times` as the time it is not, never as a decoding error."""
    if not (isinstance(times, str) and times.strip().startswith("[")):
        return times
    try:
        listed = json.loads(times)
    except ValueError:
        return times
    return [str(item) for item in listed] if isinstance(listed, list) else times


def regimen(values: Mapping[str, Any]) -> Values:
    start = as_day(values.get("start_date"), "start date")
    end_raw = values.get("end_date")
    end = as_day(end_raw, "end date") if end_raw not in (None, "") else None
    if end is not None and end < start:
        raise ValidationError(_("A dose step cannot end before it starts."), "end_date")
    as_needed = bool(values.get("as_needed"))
    times_raw = values.get("times")
    times_raw = _times_list(times_raw)
    if as_needed:
        times: list[str] = []
        if times_raw:
            raise ValidationError(
                _("An as-needed medication has no fixed times; give --times or --as-needed."), "times"
            )
    else:
        if not times_raw:
            raise ValidationError(
                _("Give the times of day (e.g. 08:00,20:00) or mark it as needed."), "times"
            )
        times = v.parse_times(times_raw)
    max_daily = values.get("max_daily")
    if not as_needed and max_daily not in (None, ""):
        raise ValidationError(
            _("A daily maximum is for as-needed medications; a scheduled one has its times."), "max_daily"
        )
    return {
        "start_date": start.isoformat(),
        "end_date": end.isoformat() if end else None,
        "dose": v.check_dose(values.get("dose")),
        "unit": v.check_name(values.get("unit") or "mg", "unit"),
        "times": json.dumps(times),
        "as_needed": int(as_needed),
        "max_daily": None if max_daily in (None, "") else v.check_scale(max_daily, "daily maximum", 1, 48),
        "reason": v.check_note(values.get("reason"), "reason"),
        "stop_reason": v.check_note(values.get("stop_reason"), "stop reason"),
    }


def visit(values: Mapping[str, Any], today: date) -> Values:
    """A visit that took place: like every entry, not after tomorrow (docs/summary.md, "Recording a visit")."""
    day = as_day(values.get("day"), "visit date")
    v.check_entry_day(day, today, "visit date")
    return {"day": day.isoformat(), "note": v.check_note(values.get("note"))}


def question(values: Mapping[str, Any]) -> Values:
    text = v.check_note(values.get("text"), "question")
    if not text:
        raise ValidationError(_("The question is empty."), "text")
    asked = values.get("asked_on")
    return {"text": text, "asked_on": as_day(asked, "date asked").isoformat() if asked else None}


def refill(values: Mapping[str, Any], today: date) -> Values:
    units = v.check_units(values.get("units"), "refill units")
    if units <= 0:
        raise ValidationError(_("A refill must add more than 0 units."), "units")
    return {
        "day": _entry_day(values, today).isoformat(),
        "units": units,
        "note": v.check_note(values.get("note")),
    }


SAFETY_SOURCES = ("", "questionnaire", "checkin")


def safety_event(values: Mapping[str, Any]) -> Values:
    """A safety event; ``day`` is the day the answer is about (default: the day of ``occurred_at``)."""
    moment = as_moment(values.get("occurred_at"), "time")
    given = values.get("day")
    day = as_day(given, "date") if given not in (None, "") else moment.date()
    source = values.get("source") or ""
    if source not in SAFETY_SOURCES:
        raise ValidationError(
            _("Unknown source {source} of a safety event.").format(source=repr(source)), "source"
        )
    source_id = values.get("source_id")
    if source_id is not None and (type(source_id) is not int or not source):
        raise ValidationError(_("A safety event's source_id must be the id of its source."), "source_id")
    return {
        "day": day.isoformat(),
        "occurred_at": moment.isoformat(timespec="seconds"),
        "kind": v.check_name(values.get("kind"), "safety event kind"),
        "detail": v.check_note(values.get("detail")),
        "shown": v.check_note(values.get("shown")),
        "source": source,
        "source_id": source_id,
    }
