"""Export and import of a whole journal (format ``medjournal-export/1``) and CSV export.

Import is all-or-nothing: every record is checked first (the same validators as new entries, plus the
references between tables); the first bad record is named by table and position, and nothing is written.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import operator
import os
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from medjournal import __version__
from medjournal.domain import activities, entries, measures, settings_rules
from medjournal.domain import validation as v
from medjournal.domain.errors import MedjournalError, ValidationError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import N_, _, ngettext
from medjournal.storage import safety_dates, schema
from medjournal.storage.bulk_insert import indexes_made_after, insert_rows
from medjournal.storage.import_fast import FAST_CHECKS
from medjournal.storage.journal import Journal
from medjournal.storage.output_file import check_new_target, new_output, new_output_folder, private_file

EXPORT_FORMAT = "medjournal-export/1"
SAFETY_DAYS_SCHEMA = 3  # safety events carry their source and its day from this schema on
_NO_FUTURE_LIMIT = date(9000, 1, 1)  # imported entries keep their own dates, whatever today is here

Validator = Callable[[Mapping[str, Any]], Any]

# Per table: the validator for its values, and the columns holding references to other tables.
_VALIDATORS: dict[str, Validator] = {
    "medications": entries.medication,
    "regimens": entries.regimen,
    "dose_logs": lambda row: entries.dose_log(row, _NO_FUTURE_LIMIT),
    "checkins": lambda row: entries.checkin(_decode(row, "locations"), _NO_FUTURE_LIMIT),
    "side_effects": lambda row: entries.side_effect(row, _NO_FUTURE_LIMIT),
    "questionnaires": lambda row: entries.questionnaire(row, _NO_FUTURE_LIMIT),
    "treatments": lambda row: entries.treatment(row, _NO_FUTURE_LIMIT),
    "safety_events": entries.safety_event,
    "visits": lambda row: entries.visit(row, _NO_FUTURE_LIMIT),
    "questions": entries.question,
    "refills": lambda row: entries.refill(row, _NO_FUTURE_LIMIT),
    "measures": lambda row: measures.measure(row, _NO_FUTURE_LIMIT),
    "warning_acks": lambda row: (
        settings_rules.check_ack_key(row["key"]),
        entries.as_moment(row["acknowledged_at"], "time acknowledged"),
    ),
    "activities": activities.activity_row,
    "activity_ratings": lambda row: activities.rating_row(row, _NO_FUTURE_LIMIT),
    "settings": lambda row: settings_rules.check_setting(str(row["key"]), _setting_value(row)),
}
_REFERENCES = {
    "regimens": "medication_id",
    "dose_logs": "medication_id",
    "refills": "medication_id",
    "questionnaires": "medication_id",
    "activity_ratings": "activity_id",
}
# The table a reference points into, where it is not a medication, and what one record of it is called.
_REFERRED = {"activity_ratings": "activities"}
_UNKNOWN_REFERENCE = {
    "medications": N_("Record {n} of {table} refers to medication {value}, which is not in the export."),
    "activities": N_("Record {n} of {table} refers to activity {value}, which is not in the export."),
}


_INT64 = range(-(2**63), 2**63)


def _is_scalar(value: object) -> bool:
    """Text, a number SQLite can store (a 64-bit integer, a finite float), or null."""
    if value is None or isinstance(value, str):
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value in _INT64
    return isinstance(value, float) and math.isfinite(value)


def _setting_value(row: Mapping[str, Any]) -> Any:
    value = row.get("value")
    if not isinstance(value, str):
        raise ValidationError(_("A setting's value must be JSON text."))
    try:
        return json.loads(value)
    except RecursionError:
        raise ValidationError(_("A setting's value is nested too deeply.")) from None
    except json.JSONDecodeError:
        raise ValidationError(_("A setting's value is not valid JSON.")) from None


def _decode(row: Mapping[str, Any], key: str) -> dict[str, Any]:
    copy = dict(row)
    if isinstance(copy.get(key), str):
        try:
            copy[key] = json.loads(copy[key])
        except json.JSONDecodeError:
            raise ValidationError(_("The {field} value is not a JSON list.").format(field=key)) from None
    return copy


def table_columns(journal: Journal, table: str) -> list[str]:
    return [row[1] for row in journal.db.execute(f"PRAGMA table_info({table})").fetchall()]


def required_columns(journal: Journal, table: str) -> list[str]:
    """Columns an imported record must carry: NOT NULL with no default (the id is checked on its own)."""
    rows = journal.db.execute(f"PRAGMA table_info({table})").fetchall()
    return [row[1] for row in rows if row[3] and row[4] is None and not row[5]]


def _why_different(field: str, given: Any, expected: Any) -> str:
    if isinstance(given, str) and isinstance(expected, int | float):
        return _("the field {field} must be a number, not text ({value}).").format(
            field=repr(field), value=repr(given)
        )
    if isinstance(given, int | float) and isinstance(expected, str):
        return _("the field {field} must be text, not a number ({value}).").format(
            field=repr(field), value=repr(given)
        )
    return _(
        "the field {field} holds {value}, which does not match the rest of the record (expected {expected})."
    ).format(field=repr(field), value=repr(given), expected=repr(expected))


def column_defaults(journal: Journal, table: str) -> dict[str, Any]:
    """Defaults for columns an older export may lack (``''``, ``0``, ``'[]'`` ...)."""
    defaults: dict[str, Any] = {}
    for row in journal.db.execute(f"PRAGMA table_info({table})").fetchall():
        literal = row[4]
        if literal is None:
            defaults[row[1]] = None
        elif literal.startswith("'"):
            defaults[row[1]] = literal[1:-1].replace("''", "'")
        else:
            defaults[row[1]] = float(literal) if "." in literal else int(literal)
    return defaults


def export_data(journal: Journal) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in schema.DATA_TABLES:
        order = "key" if table == "settings" else "id"
        cursor = journal.db.execute(f"SELECT * FROM {table} ORDER BY {order}")
        names = [d[0] for d in cursor.description]
        tables[table] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return {
        "format": EXPORT_FORMAT,
        "schema_version": schema.SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": journal.now().isoformat(timespec="seconds"),
        "tables": tables,
    }


def check_new_file(path: Path, journal: Journal | None = None) -> None:
    """Refuse to write over anything: an existing file, the journal itself, or a file in a missing folder."""
    check_new_target(path, journal.path if journal is not None else None)


def write_private_text(path: Path, text: str, journal_path: Path | None = None) -> None:
    """Write health data as a new file readable by the owner only (0600), whole or not at all."""
    with new_output(path, journal_path) as output:
        data = text.encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(output.fd, view)
            view = view[written:]


def export_json(journal: Journal, path: Path, passphrase: str | None = None) -> dict[str, int]:
    """Write the whole journal to a new file ``path`` (never over an existing one), owner-only; with a
    ``passphrase``, inside an encrypted envelope (storage/envelope.py)."""
    check_new_file(path, journal)
    data = export_data(journal)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    if passphrase is not None:
        from medjournal.storage.envelope import seal

        text = seal(text.encode("utf-8"), passphrase)
    write_private_text(path, text, journal.path)
    return {table: len(rows) for table, rows in data["tables"].items()}


def export_csv(journal: Journal, folder: Path) -> dict[str, int]:
    """One CSV per table (UTF-8 with a byte-order mark so spreadsheets detect the encoding), owner-only.

    The folder must be new or empty, so that no file of the person's is replaced. The files are written into
    a temporary folder beside it that takes the folder's name once every file is complete.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise MedjournalError(
            _("{folder} already exists and is not an empty folder; choose a new folder name.").format(
                folder=folder
            )
        )
    if not folder.absolute().parent.is_dir():
        raise MedjournalError(
            _("The folder {folder} does not exist.").format(folder=folder.absolute().parent)
        )
    counts: dict[str, int] = {}
    with new_output_folder(folder, journal.path) as output:
        for table in schema.DATA_TABLES:
            columns = table_columns(journal, table)
            order = "key" if table == "settings" else "id"
            rows = journal.db.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
            fd = private_file(output.temporary / f"{table}.csv")
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                writer.writerows(rows)
            counts[table] = len(rows)
    return counts


def _export_text(path: Path) -> str:
    """The text of ``path``, or one sentence saying why it cannot be read."""
    reason = ""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        message = _("The file {path} does not exist.")
    except UnicodeDecodeError:
        message = _("{path} is not a medjournal export (it is not UTF-8 text).")
    except OSError as exc:
        message, reason = _("The file {path} cannot be read ({reason})."), os_reason(exc)
    raise MedjournalError(message.format(path=path, reason=reason))


def load_export(path: Path, passphrase: str | None = None) -> dict[str, Any]:
    """The export in ``path``; an encrypted one is opened with ``passphrase`` (``ExportIsEncrypted`` without)."""
    text = _export_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MedjournalError(
            _("{path} is not valid JSON (line {line}, column {column}).").format(
                path=path, line=exc.lineno, column=exc.colno
            )
        ) from None
    except RecursionError:
        raise MedjournalError(
            _("{path} is not a medjournal export (its JSON is nested too deeply).").format(path=path)
        ) from None
    except ValueError:  # an integer of thousands of digits
        raise MedjournalError(
            _("{path} is not a medjournal export (it holds a number too long to read).").format(path=path)
        ) from None
    from medjournal.storage.envelope import is_envelope

    if is_envelope(data):
        data = _opened(path, data, passphrase)
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise MedjournalError(
            _("{path} is not a medjournal export (format {format} expected).").format(
                path=path, format=EXPORT_FORMAT
            )
        )
    if not isinstance(data.get("schema_version"), int) or data["schema_version"] > schema.SCHEMA_VERSION:
        raise MedjournalError(
            _("{path} was exported by a newer version of medjournal; please update medjournal.").format(
                path=path
            )
        )
    if not isinstance(data.get("tables"), dict):
        raise MedjournalError(_("{path} has no tables.").format(path=path))
    return data


class ExportIsEncrypted(MedjournalError):
    """An encrypted export was given without its passphrase."""


def _opened(path: Path, data: dict[str, Any], passphrase: str | None) -> Any:
    from medjournal.storage.envelope import open_envelope

    if passphrase is None:
        raise ExportIsEncrypted(
            _("{path} is an encrypted export; its passphrase is needed to import it.").format(path=path)
        )
    inner = open_envelope(data, passphrase, path)
    try:
        return json.loads(inner.decode("utf-8"))
    except (UnicodeDecodeError, RecursionError, ValueError):  # ValueError: JSON errors included
        raise MedjournalError(
            _("The encrypted export {path} holds no valid JSON.").format(path=path)
        ) from None


def check_import(journal: Journal, data: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Check every record; return rows ready to insert per table, or raise naming the first bad record."""
    tables = data["tables"]
    unknown = [name for name in tables if name not in schema.DATA_TABLES]
    if unknown:
        raise MedjournalError(_("The export has an unknown table {table}.").format(table=repr(unknown[0])))
    prepared: dict[str, list[Any]] = {}
    ids: dict[str, set[Any]] = {}
    for table in schema.DATA_TABLES:
        rows = tables.get(table, [])
        if not isinstance(rows, list):
            raise MedjournalError(
                _("The table {table} in the export is not a list of records.").format(table=table)
            )
        columns = table_columns(journal, table)
        column_set = set(columns)
        getter = operator.itemgetter(*columns)
        fast = FAST_CHECKS.get(table)
        reference = _REFERENCES.get(table)
        known_ids = ids.get(_REFERRED.get(table, "medications"), set())
        defaults = column_defaults(journal, table)
        required = required_columns(journal, table)
        key = "key" if table == "settings" else "id"
        shape = _Shape(table, columns, required, key, reference)
        seen: set[Any] = set()
        prepared_rows: list[Any] = []
        for position, row in enumerate(rows, start=1):
            if (
                table == "settings"
                and isinstance(row, dict)
                and isinstance(row.get("key"), str)  # a damaged key (a list, a number) is refused below
                and row.get("key") in settings_rules.NOT_IMPORTED
            ):
                continue  # this computer's own choice (a folder of the computer that exported), never taken
            if (
                fast is not None
                and type(row) is dict
                and row.keys() <= column_set
                and type(row.get("id")) is int
                and row["id"] in _INT64
                and row["id"] not in seen
                and type(row.get("recorded_at")) is str
                and (reference is None or (type(row.get(reference)) is int and row[reference] in known_ids))
                and fast(row)
            ):
                seen.add(row["id"])
                # An older export lacks the newer columns: their defaults, merged in C rather than per column.
                prepared_rows.append(getter(row) if len(row) == len(columns) else getter(defaults | row))
                continue
            _check_record(position, row, shape, seen, ids)
            prepared_rows.append([row[c] if c in row else defaults[c] for c in columns])
        ids[table] = seen
        prepared[table] = prepared_rows
        if table in _CROSS_CHECKS:
            _CROSS_CHECKS[table](rows)
    return prepared


@dataclass(frozen=True)
class _Shape:
    """What a record of one table must look like: its columns, the required ones, its key, its reference."""

    table: str
    columns: list[str]
    required: list[str]
    key: str
    reference: str | None


class RecordRefused(MedjournalError):
    """A record of the export is refused: one sentence naming the record (its table and position) and why."""

    def __init__(self, position: int, table: str, template: str, **values: Any) -> None:
        super().__init__(template.format(n=position, table=table, **values))


def _check_fields(position: int, row: Any, shape: _Shape) -> None:
    """A record is an object with no field its table lacks and each field its table needs."""
    if not isinstance(row, dict):
        raise RecordRefused(position, shape.table, _("Record {n} of {table} is not an object."))
    extra = [c for c in row if c not in shape.columns]
    if extra:
        raise RecordRefused(
            position,
            shape.table,
            _("Record {n} of {table} has an unknown field {field}."),
            field=repr(extra[0]),
        )
    missing = next((c for c in shape.required if c not in row), None)
    if missing is not None:
        raise RecordRefused(
            position, shape.table, _("Record {n} of {table} has no {field} field."), field=repr(missing)
        )


def _check_record(position: int, row: Any, shape: _Shape, seen: set[Any], ids: dict[str, set[Any]]) -> None:
    """The full check of one record the fast check did not pass: raises naming the record and what is wrong
    with it; adds its key to ``seen``."""
    table, key, reference = shape.table, shape.key, shape.reference
    _check_fields(position, row, shape)
    identifier = row.get(key)
    valid_id = (
        type(identifier) is int and identifier in _INT64
        if key == "id"
        else (type(identifier) is str and bool(identifier))
    )
    if not valid_id:
        raise RecordRefused(position, table, _("Record {n} of {table} has no valid {key}."), key=key)
    if identifier in seen:
        raise RecordRefused(
            position,
            table,
            _("Record {n} of {table} repeats {key} {value}."),
            key=key,
            value=repr(identifier),
        )
    seen.add(identifier)
    if (
        reference
        and row.get(reference) is not None
        and (not _is_scalar(row[reference]) or row[reference] not in ids[_REFERRED.get(table, "medications")])
    ):
        raise RecordRefused(
            position,
            table,
            _(_UNKNOWN_REFERENCE[_REFERRED.get(table, "medications")]),
            value=repr(row[reference]),
        )
    odd = next((c for c, value in row.items() if not _is_scalar(value)), None)
    if odd is not None:
        raise RecordRefused(
            position,
            table,
            _(
                "Record {n} of {table}: the field {field} must be text, a number that is not too large, or empty."
            ),
            field=repr(odd),
        )
    try:
        cleaned = _VALIDATORS[table](row)
    except ValidationError as exc:
        raise RecordRefused(
            position, table, _("Record {n} of {table}: {reason}"), reason=exc.message
        ) from None
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise RecordRefused(
            position, table, _("Record {n} of {table} is malformed ({error})."), error=type(exc).__name__
        ) from None
    if isinstance(cleaned, dict):
        differs = next((c for c, value in cleaned.items() if c in row and row[c] != value), None)
        if differs is not None:
            reason = _why_different(differs, row[differs], cleaned[differs])
            raise RecordRefused(position, table, _("Record {n} of {table}: {reason}"), reason=reason)


def _unique_names(table: str) -> Callable[[list[dict[str, Any]]], None]:
    """The cross-check that no two records of ``table`` (medications, activities) share a name."""

    def check(rows: list[dict[str, Any]]) -> None:
        seen: dict[str, int] = {}
        for position, row in enumerate(rows, start=1):
            key = v.name_skeleton(str(row["name"]))
            if key in seen:
                raise RecordRefused(
                    position,
                    table,
                    _("Record {n} of {table} repeats the name {name} of record {other}."),
                    name=repr(row["name"]),
                    other=seen[key],
                )
            seen[key] = position

    return check


def _dose_steps_do_not_overlap(rows: list[dict[str, Any]]) -> None:
    """Two dose steps of one medication may not cover the same day (a titration ends one before the next)."""
    by_medication: dict[Any, list[tuple[str, str | None, int]]] = {}
    for position, row in enumerate(rows, start=1):
        by_medication.setdefault(row["medication_id"], []).append(
            (row["start_date"], row.get("end_date"), position)
        )
    for steps in by_medication.values():
        steps.sort(key=lambda step: (step[0], step[2]))
        for (_begun, end, first), (start, _ended, second) in itertools.pairwise(steps):
            if end is None or end >= start:
                raise RecordRefused(
                    max(first, second),
                    "regimens",
                    _(
                        "Record {n} of {table} overlaps record {other}: two dose steps of one medication "
                        "cannot cover the same day."
                    ),
                    other=min(first, second),
                )


def _activities_check(rows: list[dict[str, Any]]) -> None:
    _unique_names("activities")(rows)
    if sum(1 for row in rows if row.get("retired_on") in (None, "")) > activities.MAX_ACTIVE:
        raise MedjournalError(
            ngettext(
                "The export asks more than {n} activity at a time.",
                "The export asks more than {n} activities at a time.",
                activities.MAX_ACTIVE,
            ).format(n=activities.MAX_ACTIVE)
        )


_CROSS_CHECKS: dict[str, Callable[[list[dict[str, Any]]], None]] = {
    "medications": _unique_names("medications"),
    "activities": _activities_check,
    "regimens": _dose_steps_do_not_overlap,
}


def import_json(
    journal: Journal, path: Path, dry_run: bool = False, passphrase: str | None = None
) -> dict[str, int]:
    """Import an export (an encrypted one with its ``passphrase``) into an empty journal. All or nothing."""
    data = load_export(path, passphrase)
    if not journal.is_empty():
        raise MedjournalError(
            _(
                "This journal already has entries; import into a new, empty journal "
                "(for example: medjournal --db NEW.db import FILE.json)."
            )
        )
    prepared = check_import(journal, data)
    counts = {table: len(rows) for table, rows in prepared.items()}
    if dry_run:
        return counts
    filled = [table for table, rows in prepared.items() if rows]
    try:
        with journal.db.atomic():
            with indexes_made_after(journal.db.conn, filled):
                for table in filled:
                    verb = "INSERT OR REPLACE" if table == "settings" else "INSERT"
                    insert_rows(journal.db.conn, table, table_columns(journal, table), prepared[table], verb)
            if data["schema_version"] < SAFETY_DAYS_SCHEMA:
                safety_dates.backfill(journal.db.conn)  # as migration 0003 does for an old journal
    except sqlite3.IntegrityError as exc:
        raise MedjournalError(
            _("The import was refused by the journal's checks ({reason}); nothing was written.").format(
                reason=exc
            )
        ) from None
    return counts
