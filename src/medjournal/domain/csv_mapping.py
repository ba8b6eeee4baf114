"""Which column holds which field, and each row of a CSV file turned into entries (docs/csv-import.md).

A row can give a dose (a medication, with a date and time), a check-in (pain, mood or sleep), a side effect, or
several of these at once. A row that cannot be read is refused with its line number and one reason; the rest of the
file is still checked, and nothing is written while any row is refused. No SQL and no Qt here.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from functools import lru_cache
from typing import Any

from medjournal.domain import csv_dates, knowledge
from medjournal.domain import validation as v
from medjournal.domain.csv_read import CsvTable
from medjournal.domain.errors import ValidationError
from medjournal.i18n import N_, _, ngettext

# The fields a column can be mapped to, with the words shown in the dialog.
FIELDS: dict[str, str] = {
    "datetime": N_("date and time"),
    "date": N_("date"),
    "time": N_("time"),
    "medication": N_("medication"),
    "amount": N_("dose / amount"),
    "status": N_("taken / skipped"),
    "pain": N_("pain 0–10"),
    "mood": N_("mood 0–10"),
    "sleep": N_("sleep 0–10"),
    "side_effect": N_("side effect"),
    "severity": N_("side-effect severity 0–3"),
    "note": N_("note"),
}

# Header words (English and German, lower case) that suggest a field; a suggestion is shown, never applied unseen.
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "datetime": ("date and time", "datetime", "timestamp", "zeitpunkt", "datum und uhrzeit"),
    "date": ("date", "day", "datum", "tag"),
    "time": ("time", "uhrzeit", "zeit", "hour"),
    "medication": ("medication", "medicine", "medicine name", "med", "drug", "name", "medikament", "arznei"),
    "amount": ("dose", "amount", "dosage", "dosis", "menge"),
    "status": ("taken", "status", "genommen", "eingenommen", "taken/skipped"),
    "pain": ("pain", "schmerz", "schmerzen", "pain level"),
    "mood": ("mood", "stimmung"),
    "sleep": ("sleep", "schlaf", "sleep quality"),
    "side_effect": ("side effect", "side effects", "symptom", "nebenwirkung"),
    "severity": ("severity", "schwere", "stärke"),
    "note": ("note", "notes", "comment", "comments", "notiz", "notizen", "bemerkung"),
}

TAKEN_WORDS = frozenset({"x", "yes", "y", "taken", "1", "true", "ja", "j", "✓", "✔", "done", "genommen"})
SKIPPED_WORDS = frozenset({"no", "n", "skipped", "0", "false", "nein", "-", "not taken", "missed", "skip"})
_SEVERITY_WORDS = {
    "none": 0,
    "mild": 1,
    "moderate": 2,
    "severe": 3,
    "keine": 0,
    "leicht": 1,
    "mittel": 2,
    "stark": 3,
}
_AMOUNT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([^\d\s].*)?$")


@dataclass(frozen=True)
class DoseRow:
    line: int
    medication: str
    taken_at: datetime  # when taken (or when the reminder was, for a dose not taken)
    slot_at: datetime  # the moment whose scheduled slot it fills (MedTimer: the reminder's time)
    status: str
    amount: float | None
    amount_text: str
    note: str


@dataclass(frozen=True)
class CheckinRow:
    line: int
    day: date
    moment: datetime | None
    pain: int | None
    mood: int | None
    sleep: int | None
    note: str


@dataclass(frozen=True)
class SideEffectRow:
    line: int
    day: date
    symptom: str
    severity: int
    note: str


@dataclass(frozen=True)
class Refused:
    line: int
    reason: str


@dataclass
class ParsedFile:
    """What a file holds, before it is compared with the journal."""

    doses: list[DoseRow] = field(default_factory=list)
    checkins: list[CheckinRow] = field(default_factory=list)
    side_effects: list[SideEffectRow] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    left_out: list[Refused] = field(
        default_factory=list
    )  # rows that are not entries (a MedTimer stock alert)
    date_order: str | None = None


def guess_mapping(header: Sequence[str]) -> dict[str, int]:
    """A suggestion from the header's words: field -> column index (0-based)."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = " ".join(name.casefold().replace("_", " ").split())
        for field_name, words in _HEADER_WORDS.items():
            if key in words and field_name not in found:
                found[field_name] = index
                break
    if "datetime" in found and ("date" in found or "time" in found):
        found.pop("datetime")
    return found


def parse_map_option(text: str, table: CsvTable) -> dict[str, int]:
    """``FIELD=COLUMN,...``: a column by its header (any case) or its number from 1."""
    mapping: dict[str, int] = {}
    names = [name.casefold() for name in table.column_names()]
    for part in filter(None, (p.strip() for p in text.split(","))):
        if "=" not in part:
            raise ValidationError(
                _("--map needs FIELD=COLUMN pairs; {part} has no '='.").format(part=repr(part))
            )
        key, column = (s.strip() for s in part.split("=", 1))
        key = key.casefold().replace("-", "_").replace(" ", "_")
        if key not in FIELDS:
            raise ValidationError(
                _("--map: {key} is not a field; the fields are {fields}.").format(
                    key=repr(key), fields=", ".join(FIELDS)
                )
            )
        if column.isdigit() and 1 <= int(column) <= table.width:
            mapping[key] = int(column) - 1
        elif column.casefold() in names:
            mapping[key] = names.index(column.casefold())
        else:
            raise ValidationError(
                _("--map: the file has no column {column} (its columns: {columns}).").format(
                    column=repr(column[:40]), columns=", ".join(n[:40] for n in table.column_names()[:30])
                )
            )
    return mapping


def check_mapping(mapping: Mapping[str, int]) -> None:
    """A mapping must say when (a date, or a date and time) and what (a medication, a rating or a side effect)."""
    if "datetime" in mapping and "date" in mapping:
        raise ValidationError(_("Map either a date-and-time column or a date column, not both."))
    if "datetime" not in mapping and "date" not in mapping:
        raise ValidationError(_("No column is mapped to the date (or the date and time)."))
    kinds = ("medication", "pain", "mood", "sleep", "side_effect")
    if not any(k in mapping for k in kinds):
        raise ValidationError(_("No column is mapped to a medication, pain, mood, sleep or a side effect."))
    for needs, what in (("amount", "medication"), ("status", "medication"), ("severity", "side_effect")):
        if needs in mapping and what not in mapping:
            raise ValidationError(
                _("The {needs} column needs a {what} column too.").format(
                    needs=_(FIELDS[needs]), what=_(FIELDS[what])
                )
            )


def mapping_text(mapping: Mapping[str, int], table: CsvTable) -> str:
    names = table.column_names()
    return ", ".join(f"{key}={names[index]}" for key, index in mapping.items())


def _cell(cells: Sequence[str], mapping: Mapping[str, int], key: str) -> str:
    index = mapping.get(key)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def parse_status(text: str, empty_means_skipped: bool = False) -> str:
    word = text.strip().casefold()
    if not word:
        if empty_means_skipped:
            return "skipped"
        raise ValidationError(_("The taken/skipped cell is empty."))
    if word in TAKEN_WORDS:
        return "taken"
    if word in SKIPPED_WORDS:
        return "skipped"
    raise ValidationError(
        _("{text} is neither taken (x, yes, taken) nor skipped (no, skipped).").format(text=repr(text))
    )


@lru_cache(maxsize=1024)
def parse_amount(text: str) -> tuple[float | None, str]:
    """The number of an amount such as ``30 mg`` or ``0,5`` and its unit ('' when none); (None, '') if empty."""
    if not text.strip():
        return None, ""
    match = _AMOUNT.match(text)
    if not match:
        raise ValidationError(_("The amount {text} does not start with a number.").format(text=repr(text)))
    number = v.check_dose(float(match.group(1).replace(",", ".")), "amount")
    return number, (match.group(2) or "").strip()


@lru_cache(maxsize=1024)
def _rating(text: str, what: str, high: int = 10) -> int | None:
    value = text.strip()
    if not value:
        return None
    value = value.split("/")[0].strip().replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        raise ValidationError(
            _("The {what} {text} is not a number from 0 to {high}.").format(
                what=_(what), text=repr(text), high=high
            )
        ) from None
    return v.check_optional_scale(number, what, 0, high)


def _severity(text: str) -> int:
    word = text.strip().casefold()
    if word in _SEVERITY_WORDS:
        return _SEVERITY_WORDS[word]
    if not word:
        raise ValidationError(_("A side effect needs its severity (0–3 or none, mild, moderate, severe)."))
    rating = _rating(word, "severity", 3)
    assert rating is not None
    return rating


def _moment(
    written: tuple[date, time | None, tzinfo | None], clock: time | None, zone: tzinfo | None
) -> tuple[date, datetime | None]:
    """The day and moment of a row: its date as written (``csv_dates.parse_date_time``), the time of its time
    column if it has one (else the date's own), in the person's ``zone`` where the file gives no offset."""
    day, own_clock, offset = written
    clock = clock or own_clock
    if clock is None:
        return day, None
    if offset is not None:
        moment = csv_dates.as_zone(datetime.combine(day, clock, offset), zone)
        return moment.date(), moment
    return day, csv_dates.local_moment(day, clock, zone)


def date_values(table: CsvTable, mapping: Mapping[str, int]) -> list[tuple[int, str]]:
    key = "datetime" if "datetime" in mapping else "date"
    return [(line, _cell(cells, mapping, key)) for line, cells in table.rows]


@dataclass(frozen=True)
class _Bad:
    """A cell's text that its field refuses, with the sentence why."""

    message: str


def _each_once(texts: Sequence[str], convert: Callable[[str], Any]) -> list[Any]:
    """``convert`` of each text stripped of spaces, asked once per distinct text; a refusal becomes a
    :class:`_Bad`."""
    done: dict[str, Any] = {}
    for text in set(texts):
        try:
            done[text] = convert(text.strip())
        except ValidationError as exc:
            done[text] = _Bad(exc.message)
    return list(map(done.__getitem__, texts))


def _good(value: Any) -> Any:
    if isinstance(value, _Bad):
        raise ValidationError(value.message)
    return value


@lru_cache(maxsize=4096)
def _medication_name(text: str) -> str:
    return v.check_name(text, "medication name")


# Per field, the reading of a cell's (stripped) text into its value, given the file's date order.
_CONVERTERS: dict[str, Callable[[str | None], Callable[[str], Any]]] = {
    "datetime": lambda order: lambda text: csv_dates.parse_date_time(text, order),
    "date": lambda order: lambda text: csv_dates.parse_date_time(text, order),
    "time": lambda _order: lambda text: csv_dates.parse_time(text) if text else None,
    "note": lambda _order: v.check_note,
    "pain": lambda _order: lambda text: _rating(text, "pain"),
    "mood": lambda _order: lambda text: _rating(text, "mood"),
    "sleep": lambda _order: lambda text: _rating(text, "sleep rating"),
    "amount": lambda _order: parse_amount,
    "status": lambda _order: parse_status,
    "medication": lambda _order: lambda text: _medication_name(text) if text else "",
    "side_effect": lambda _order: (
        lambda text: knowledge.side_effect_key(v.check_name(text, "side effect")) if text else ""
    ),
    "severity": lambda _order: _severity,
}


# The fields of a row in the order they are read (the first bad one is the row's refusal), after its date, and the
# value each takes where no column is mapped to it.
_ABSENT: dict[str, Any] = {
    "time": None,
    "note": "",
    "pain": None,
    "mood": None,
    "sleep": None,
    "medication": "",
    "amount": (None, ""),
    "status": "taken",
    "side_effect": "",
    "severity": "",  # read as the severity's text: a side effect needs one
}


def parse_generic(
    table: CsvTable, mapping: Mapping[str, int], order: str | None, zone: tzinfo | None
) -> ParsedFile:
    """Every row of a spreadsheet-like file, by ``mapping``: each column's distinct texts read once, then each
    row judged in the order of its fields, its first refusal named with its line."""
    check_mapping(mapping)
    result = ParsedFile(date_order=order)
    needed = max(mapping.values()) + 1
    rows = [cells if len(cells) >= needed else cells + ("",) * needed for _, cells in table.rows]
    values = {
        key: _each_once(list(map(operator.itemgetter(index), rows)), _CONVERTERS[key](order))
        for key, index in mapping.items()
    }
    # A side effect without a severity column is refused for it; with no side-effect column it is never read.
    absent = {**_ABSENT, "severity": _each_once([""], _severity)[0]} if "side_effect" in mapping else _ABSENT
    columns = [
        values["datetime" if "datetime" in mapping else "date"],
        *(values[key] if key in values else itertools.repeat(absent[key]) for key in _ABSENT),
    ]
    for (line, cells), row in zip(table.rows, zip(*columns, strict=False), strict=True):
        try:
            if needed > len(cells):
                raise ValidationError(
                    ngettext(
                        "The row has {n} field; the mapped columns need {needed}.",
                        "The row has {n} fields; the mapped columns need {needed}.",
                        len(cells),
                    ).format(n=len(cells), needed=needed)
                )
            _add_row(result, line, row, zone)
        except ValidationError as exc:
            result.refused.append(Refused(line, exc.message))
    return result


def _add_row(result: ParsedFile, line: int, row: Sequence[Any], zone: tzinfo | None) -> None:
    """The entries of one row from its fields' values (the date's, then those of ``_ABSENT``'s fields, as read by
    ``_CONVERTERS``), refused at its first bad field in that order."""
    if _Bad in map(type, row):  # a bad field the reading does not reach (an amount with no dose) is no fault
        _refuse_first_bad(row, zone)
    written, clock, note, pain, mood, sleep, medication, amount, status, symptom, severity = row
    day, moment = _moment(written, clock, zone)
    dose = checkin = side_effect = None
    if medication:
        taken = _dose_time(moment)
        amount, unit = amount
        dose_note = "" if _has_checkin(pain, mood, sleep) else note
        dose = DoseRow(line, medication, taken, taken, status, amount, unit, dose_note)
    if pain is not None or mood is not None or sleep is not None:
        checkin = CheckinRow(line, day, moment, pain, mood, sleep, note)
    if symptom:
        side_effect = SideEffectRow(line, day, symptom, severity, "")
    if dose is None and checkin is None and side_effect is None:
        if not note:
            raise ValidationError(_("The row has no medication, rating or side effect."))
        checkin = CheckinRow(line, day, moment, None, None, None, note)
    if dose is not None:
        result.doses.append(dose)
    if checkin is not None:
        result.checkins.append(checkin)
    if side_effect is not None:
        result.side_effects.append(side_effect)


def _refuse_first_bad(row: Sequence[Any], zone: tzinfo | None) -> None:
    """Raise the refusal of the first bad field of ``row`` that :func:`_add_row` reads, in its order: the date,
    time, note and ratings, then a dose's time, amount, status and medication, then a side effect's name and
    severity."""
    written, clock, note, pain, mood, sleep, medication, amount, status, symptom, severity = row
    for value in (written, clock, note, pain, mood, sleep):
        _good(value)
    if medication:
        _dose_time(_moment(written, clock, zone)[1])
        for value in (amount, status, medication):
            _good(value)
    if symptom:
        _good(symptom)
        _good(severity)


def _dose_time(moment: datetime | None) -> datetime:
    if moment is None:
        raise ValidationError(_("A dose needs a time of day as well as a date."))
    return moment


def _has_checkin(pain: int | None, mood: int | None, sleep: int | None) -> bool:
    return pain is not None or mood is not None or sleep is not None


def clock_of(moment: datetime) -> time:
    return moment.timetz().replace(tzinfo=None)
