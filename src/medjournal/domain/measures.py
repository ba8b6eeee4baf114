"""Optional measures: weight, blood pressure with pulse, and alcohol in drinks per week (docs/clinical.md §6.7).

Each is stored in one unit (kilograms, mmHg and beats a minute, drinks) and checked against plausibility limits:
a value outside them is a typo or a misreading, never a real reading, and is refused with one sentence. The
limits are not clinical thresholds and nothing here judges a value. No SQL and no Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from medjournal.domain import validation as v
from medjournal.domain.entries import as_day
from medjournal.domain.errors import ValidationError
from medjournal.i18n import N_, _, format_amount

WEIGHT = "weight"
BLOOD_PRESSURE = "blood_pressure"
ALCOHOL = "alcohol"
KINDS = (WEIGHT, BLOOD_PRESSURE, ALCOHOL)

KG_PER_LB = 0.45359237  # the international pound (exact by definition)
WEIGHT_UNITS = ("kg", "lb")

# Plausibility limits (docs/clinical.md §6.7, with their reasons).
WEIGHT_KG = (20.0, 350.0)
SYSTOLIC = (60, 260)
DIASTOLIC = (30, 160)
PULSE = (25, 250)
DRINKS_PER_WEEK = (0.0, 200.0)

# Territories whose people weigh themselves in pounds by default (a setting may say otherwise).
POUND_TERRITORIES = frozenset({"US"})

_PRESSURE = re.compile(r"^\s*(\d{1,4}(?:[.,]\d+)?)\s*/\s*(\d{1,4}(?:[.,]\d+)?)\s*$")


# A measure's own sentences where they differ from domain.validation's (an empty or missing value is asked for).
_NUMBER_WORDS: dict[v.NumberProblem, str] = {
    **v.NUMBER_WORDS,
    "kind": N_("Give the {what} as a number."),
    "not_number": N_("The {what} {value!r} is not a number."),
}


def _number(value: object, what: str) -> float:
    try:
        return v.read_number(None if value == "" else value)
    except v.NotANumber as exc:
        raise ValidationError(_(_NUMBER_WORDS[exc.problem]).format(what=what, value=exc.text), what) from None


def kind_key(text: object) -> str:
    """The stored kind for what a person types: ``weight``, ``bp``/``blood pressure``, ``alcohol``/``drinks``."""
    word = " ".join(str(text or "").lower().replace("_", " ").replace("-", " ").split())
    aliases = {
        "weight": WEIGHT,
        "bp": BLOOD_PRESSURE,
        "blood pressure": BLOOD_PRESSURE,
        "alcohol": ALCOHOL,
        "drinks": ALCOHOL,
    }
    if word not in aliases:
        raise ValidationError(
            _("A measure is weight, blood pressure (bp) or alcohol, not {kind!r}.").format(
                kind=str(text)[:40]
            ),
            "kind",
        )
    return aliases[word]


def weight_unit(setting: object, country: object = None, locale_name: str | None = None) -> str:
    """``kg`` or ``lb``: the ``weight_unit`` setting when it names one, else pounds for a journal whose country is
    the United States or a locale of a pound territory (``en_US``), else kilograms."""
    if setting in WEIGHT_UNITS:
        return str(setting)
    if isinstance(country, str) and country.upper() in POUND_TERRITORIES:
        return "lb"
    territory = (locale_name or "").replace("-", "_").split(".")[0].split("_")
    if country in (None, "", "OTHER") and len(territory) > 1 and territory[1].upper() in POUND_TERRITORIES:
        return "lb"
    return "kg"


def to_kg(value: float, unit: str) -> float:
    return value * KG_PER_LB if unit == "lb" else value


def from_kg(kg: float, unit: str) -> float:
    """A stored weight in ``unit``."""
    return kg / KG_PER_LB if unit == "lb" else kg


def parse_pressure(text: str) -> tuple[float, float]:
    """``128/84`` as the two numbers (upper, lower); raises with one sentence for anything else."""
    match = _PRESSURE.match(text or "")
    if match is None:
        raise ValidationError(
            _("Write the blood pressure as upper/lower, for example 128/84; {text!r} is not.").format(
                text=str(text)[:40]
            ),
            "blood_pressure",
        )
    return float(match.group(1).replace(",", ".")), float(match.group(2).replace(",", "."))


def _whole(value: object, what: str) -> int:
    number = _number(value, what)
    if number != int(number):
        raise ValidationError(_("The {what} must be a whole number.").format(what=what), what)
    return int(number)


def check_weight(value: object, unit: str = "kg") -> float:
    """The weight in kilograms, rounded to grams."""
    if unit not in WEIGHT_UNITS:
        raise ValidationError(
            _("The weight's unit must be kg or lb, not {unit!r}.").format(unit=unit), "unit"
        )
    number = _number(value, _("weight"))
    kg = to_kg(number, unit)
    low, high = WEIGHT_KG
    if not low <= round(kg, 3) <= high:
        shown_low, shown_high = (round(from_kg(low, unit)), round(from_kg(high, unit)))
        raise ValidationError(
            _("A weight must be from {low} to {high} {unit}; {value} {unit} is not possible.").format(
                low=shown_low, high=shown_high, unit=unit, value=format_amount(number)
            ),
            "value",
        )
    return round(kg, 3)


def check_pressure(systolic: object, diastolic: object) -> tuple[int, int]:
    upper = _whole(systolic, _("upper (systolic) pressure"))
    lower = _whole(diastolic, _("lower (diastolic) pressure"))
    if not (SYSTOLIC[0] <= upper <= SYSTOLIC[1] and DIASTOLIC[0] <= lower <= DIASTOLIC[1]):
        raise ValidationError(
            _(
                "A blood pressure of {upper}/{lower} is not possible: the upper number must be from {s_low} to "
                "{s_high} mmHg and the lower one from {d_low} to {d_high}."
            ).format(
                upper=upper,
                lower=lower,
                s_low=SYSTOLIC[0],
                s_high=SYSTOLIC[1],
                d_low=DIASTOLIC[0],
                d_high=DIASTOLIC[1],
            ),
            "value",
        )
    if upper <= lower:
        raise ValidationError(
            _(
                "In a blood pressure the upper (systolic) number is higher than the lower (diastolic) one; "
                "{upper}/{lower} is not."
            ).format(upper=upper, lower=lower),
            "value",
        )
    return upper, lower


def check_pulse(value: object) -> int | None:
    if value is None or value == "":
        return None
    pulse = _whole(value, _("pulse"))
    if not PULSE[0] <= pulse <= PULSE[1]:
        raise ValidationError(
            _("A pulse must be from {low} to {high} beats a minute; {value} is not possible.").format(
                low=PULSE[0], high=PULSE[1], value=pulse
            ),
            "pulse",
        )
    return pulse


def check_drinks(value: object) -> float:
    """Drinks in the week ending on the entry's day, to one decimal (a half drink counts)."""
    number = _number(value, _("number of drinks"))
    low, high = DRINKS_PER_WEEK
    if not low <= number <= high:
        raise ValidationError(
            _("The drinks in a week must be from {low} to {high}; {value} is not possible.").format(
                low=format_amount(low), high=format_amount(high), value=format_amount(number)
            ),
            "value",
        )
    return round(number, 1)


def measure(values: Mapping[str, Any], today: date) -> dict[str, Any]:
    """A measure entry cleaned for storage: ``day``, ``kind``, ``value`` (kg, systolic mmHg or drinks),
    ``diastolic`` and ``pulse`` (blood pressure only) and ``note``. ``unit`` (``kg`` or ``lb``) says what a
    weight was given in; it is not stored."""
    kind = kind_key(values.get("kind"))
    day = v.check_entry_day(as_day(values.get("day"), "date"), today)
    diastolic: int | None = None
    pulse: int | None = None
    if kind == WEIGHT:
        value: float = check_weight(values.get("value"), str(values.get("unit") or "kg"))
    elif kind == BLOOD_PRESSURE:
        upper, diastolic = check_pressure(values.get("value"), values.get("diastolic"))
        value = float(upper)
        pulse = check_pulse(values.get("pulse"))
    else:
        value = check_drinks(values.get("value"))
    if kind != BLOOD_PRESSURE and (
        values.get("diastolic") not in (None, "") or values.get("pulse") not in (None, "")
    ):
        raise ValidationError(_("A pulse and a lower pressure belong to a blood pressure only."), "pulse")
    return {
        "day": day.isoformat(),
        "kind": kind,
        "value": value,
        "diastolic": diastolic,
        "pulse": pulse,
        "note": v.check_note(values.get("note")),
    }
