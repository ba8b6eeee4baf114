"""MedTimer's files read into dose rows (docs/csv-import.md, "MedTimer").

MedTimer (github.com/Futsch1/medTimer, an open-source Android reminder app) writes its dose events two ways:

- the CSV event export: semicolon-separated, unquoted, headers in the phone's language. Older versions wrote four
  columns (reminded time in the phone's short format; medicine name; amount; ``x`` when taken). Newer versions
  write nine: reminded; name; amount; taken (the time it was taken, empty when not); tags; interval; notes;
  reminded (ISO 8601); taken (ISO 8601). The ISO columns are UTC instants (``2026-12-01T07:00:00Z``) and are
  preferred; the columns are found by position, since the header words follow the phone's language.
- the JSON backup: ``{"events": {"version": N, "list": [...]}, ...}`` (or an events-only backup
  ``{"version": N, "list": [...]}``); each event has ``medicineName``, ``amount``, ``status`` (``TAKEN``,
  ``SKIPPED``, ``RAISED``, ``DELETED``, ``ACKNOWLEDGED``), ``remindedTimestamp`` and ``processedTimestamp`` (seconds
  since 1970) and ``notes``.

A taken event becomes a taken dose at the time it was taken, filling the slot of its reminder; a skipped event (and
in the CSV, any event not marked taken) a skipped dose. Events never answered, deleted, or about stock are left out
and counted. No SQL and no Qt here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any

from medjournal.domain import csv_dates
from medjournal.domain import validation as v
from medjournal.domain.csv_mapping import DoseRow, ParsedFile, Refused, parse_amount
from medjournal.domain.csv_read import CsvTable
from medjournal.domain.errors import ValidationError
from medjournal.i18n import N_, _, ngettext

_OLD_WIDTH = 4
_NEW_WIDTH = 9


def is_new_csv(table: CsvTable) -> bool:
    return table.width >= _NEW_WIDTH and "iso 8601" in table.header[7].casefold()


def check_csv(table: CsvTable) -> None:
    if not table.has_header or table.delimiter != ";" or table.width not in (_OLD_WIDTH, _NEW_WIDTH):
        raise ValidationError(
            _(
                "This is not a MedTimer event export (a semicolon-separated file with a header and 4 or 9 "
                "columns); import it with --format generic and --map."
            )
        )


def localized_values(table: CsvTable) -> list[tuple[int, str]]:
    """The reminded times in the phone's short format, for choosing the date order."""
    if is_new_csv(table):
        return []  # the ISO columns need no order
    return [(line, cells[0]) for line, cells in table.rows if cells]


def parse_csv(table: CsvTable, order: str | None, zone: tzinfo | None) -> ParsedFile:
    check_csv(table)
    result = ParsedFile(date_order=order)
    new = is_new_csv(table)
    for line, cells in table.rows:
        try:
            result.doses.append(_csv_row(line, list(cells), new, order, zone))
        except ValidationError as exc:
            result.refused.append(Refused(line, exc.message))
    return result


def _instant(text: str, zone: tzinfo | None) -> datetime:
    day, clock, offset = csv_dates.parse_date_time(text, "ymd")
    if clock is None or offset is None:
        raise ValidationError(_("{text} is not an ISO 8601 instant.").format(text=repr(text)))
    return csv_dates.as_zone(datetime.combine(day, clock, offset), zone)


def _local(text: str, order: str | None, zone: tzinfo | None) -> datetime:
    day, clock, offset = csv_dates.parse_date_time(text, order)
    if clock is None:
        raise ValidationError(_("{text} has no time of day.").format(text=repr(text)))
    if offset is not None:
        return csv_dates.as_zone(datetime.combine(day, clock, offset), zone)
    return csv_dates.local_moment(day, clock, zone)


def _row_width(found: int, width: int) -> str:
    return ngettext(
        "The row has {n} field; a MedTimer export row has {width}.",
        "The row has {n} fields; a MedTimer export row has {width}.",
        found,
    ).format(n=found, width=width)


def _csv_row(line: int, cells: list[str], new: bool, order: str | None, zone: tzinfo | None) -> DoseRow:
    if new:
        if len(cells) < _NEW_WIDTH:
            raise ValidationError(_row_width(len(cells), _NEW_WIDTH))
        # MedTimer does not quote: a note holding ';' spreads over more fields; the ISO columns stay last.
        note = ";".join(cells[6:-2]).strip()
        reminded_iso, taken_iso = cells[-2].strip(), cells[-1].strip()
        slot_at = _instant(reminded_iso, zone) if reminded_iso else _local(cells[0], order, zone)
        taken_text = cells[3].strip()
        if taken_iso:
            status, taken_at = "taken", _instant(taken_iso, zone)
        elif taken_text:
            status, taken_at = "taken", _local(taken_text, order, zone)
        else:
            status, taken_at = "skipped", slot_at
    else:
        if len(cells) != _OLD_WIDTH:
            raise ValidationError(_row_width(len(cells), _OLD_WIDTH))
        note = ""
        slot_at = _local(cells[0], order, zone)
        mark = cells[3].strip().casefold()
        if mark not in ("", "x"):
            raise ValidationError(
                _("The taken column holds {text}; MedTimer writes 'x' or nothing.").format(
                    text=repr(cells[3])
                )
            )
        status, taken_at = ("taken" if mark == "x" else "skipped"), slot_at
    name = v.check_name(cells[1], "medicine name")
    amount, unit = _amount(cells[2])
    return DoseRow(line, name, taken_at, slot_at, status, amount, unit, v.check_note(note))


def _amount(text: str) -> tuple[float | None, str]:
    try:
        return parse_amount(text)
    except ValidationError:
        return None, text.strip()  # MedTimer's amount is free text ("one tablet"): kept as the unit text


def events_of_backup(data: object) -> Sequence[Any]:
    """The event list of a MedTimer backup (the combined one or an events-only one)."""
    if isinstance(data, Mapping) and isinstance(data.get("events"), Mapping):
        data = data["events"]
    if isinstance(data, Mapping) and isinstance(data.get("list"), list):
        return list(data["list"])
    raise ValidationError(_("This JSON file is not a MedTimer backup with reminder events."))


def parse_backup(text: str, zone: tzinfo | None) -> ParsedFile:
    """Every event of a MedTimer JSON backup; an event's "line" is its position in the list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(_("Line {line}: the file is not valid JSON.").format(line=exc.lineno)) from None
    result = ParsedFile(date_order="ymd")
    for position, event in enumerate(events_of_backup(data), start=1):
        try:
            row = _event(position, event, zone)
        except ValidationError as exc:
            result.refused.append(Refused(position, exc.message))
            continue
        if isinstance(row, Refused):
            result.left_out.append(row)
        else:
            result.doses.append(row)
    return result


_LEFT_OUT = {
    "RAISED": N_("the reminder was never answered in MedTimer"),
    "DELETED": N_("the event was deleted in MedTimer"),
    "ACKNOWLEDGED": N_("a stock or expiry notice, not a dose"),
}


def _event(position: int, event: object, zone: tzinfo | None) -> DoseRow | Refused:
    if not isinstance(event, Mapping):
        raise ValidationError(_("The event is not an object."))
    kind = str(event.get("reminderType", "TIME_BASED"))
    if kind in ("OUT_OF_STOCK", "EXPIRATION_DATE"):
        return Refused(position, _(_LEFT_OUT["ACKNOWLEDGED"]))
    status = str(event.get("status", ""))
    if status in _LEFT_OUT:
        return Refused(position, _(_LEFT_OUT[status]))
    if status not in ("TAKEN", "SKIPPED"):
        raise ValidationError(
            _("The event's status {status} is not one MedTimer writes.").format(status=repr(status))
        )
    slot_at = _epoch(event.get("remindedTimestamp"), zone)
    processed = event.get("processedTimestamp")
    taken_at = _epoch(processed, zone) if status == "TAKEN" and processed else slot_at
    name = v.check_name(event.get("medicineName"), "medicine name")
    amount, unit = _amount(str(event.get("amount") or ""))
    note = v.check_note(str(event.get("notes") or ""))
    return DoseRow(position, name, taken_at, slot_at, status.lower(), amount, unit, note)


def _epoch(value: object, zone: tzinfo | None) -> datetime:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 32503680000:
        raise ValidationError(
            _("The event's time {value} is not seconds since 1970.").format(value=repr(value))
        )
    return csv_dates.as_zone(datetime.fromtimestamp(value, UTC), zone)
