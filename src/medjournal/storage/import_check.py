"""The check of an import (docs/export-format.md): every record of every table, against the same validators as
new entries (``domain/``) and the references between tables, with the fast check of ``storage/import_fast.py`` for
the tables that grow by thousands a year. The first bad record is named by table and position, in the person's
language, and nothing has been written (``storage/exchange.py`` writes only what this returns).
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from medjournal.domain import activities, entries, measures, settings_rules
from medjournal.domain import validation as v
from medjournal.domain.errors import MedjournalError, ValidationError
from medjournal.i18n import N_, _, ngettext
from medjournal.storage import import_dates, import_fast, import_table, schema
from medjournal.storage.journal import Journal

# Each record is checked with no limit on its dates; import_dates then holds them to the limits of typed entries,
# with the export's own "today" (docs/data-safety.md, "Dates after today").
_NO_FUTURE_LIMIT = date(9000, 1, 1)
_NO_FUTURE_MOMENT = datetime(9000, 1, 1, tzinfo=UTC)

Validator = Callable[[Mapping[str, Any]], Any]

# Per table: the validator for its values, and the columns holding references to other tables.
_VALIDATORS: dict[str, Validator] = {
    "medications": entries.medication,
    "regimens": entries.regimen,
    "dose_logs": lambda row: entries.dose_log(row, _NO_FUTURE_LIMIT, _NO_FUTURE_MOMENT),
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

_INT64 = import_fast.INT64


_is_scalar = import_fast.is_scalar


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


def check_import(journal: Journal, data: Mapping[str, Any]) -> dict[str, Sequence[Any]]:
    """Check every record; return rows ready to insert per table, or raise naming the first bad record."""
    tables = data["tables"]
    unknown = [name for name in tables if name not in schema.DATA_TABLES]
    if unknown:
        raise MedjournalError(_("The export has an unknown table {table}.").format(table=repr(unknown[0])))
    prepared: dict[str, Sequence[Any]] = {}
    ids: dict[str, set[Any]] = {}
    for table in schema.DATA_TABLES:
        rows = tables.get(table, [])
        if not isinstance(rows, list):
            raise MedjournalError(
                _("The table {table} in the export is not a list of records.").format(table=table)
            )
        columns = table_columns(journal, table)
        reference = _REFERENCES.get(table)
        defaults = column_defaults(journal, table)
        key = "key" if table == "settings" else "id"
        shape = _Shape(table, columns, required_columns(journal, table), key, reference)
        known = ids.get(_REFERRED.get(table, "medications"), set())
        fast = import_table.check_table(table, rows, columns, defaults, reference, known, _VALIDATORS[table])
        if fast is not None and not fast.refused:  # every record vouched for, checked a column at a time
            ids[table], prepared[table] = set(fast.keys), fast.values
        else:
            ids[table], prepared[table] = _one_by_one(rows, shape, fast, defaults, ids)
        if table in _CROSS_CHECKS:
            _CROSS_CHECKS[table](rows)
    today, now = import_dates.reference(journal.now(), data.get("exported_at"))
    import_dates.refuse_dates_ahead(
        prepared,
        lambda table: table_columns(journal, table),
        today,
        now,
        lambda n, table, reason: RecordRefused(n, table, _("Record {n} of {table}: {reason}"), reason=reason),
    )
    return prepared


def _one_by_one(
    rows: list[Any],
    shape: _Shape,
    fast: import_table.FastTable | None,
    defaults: Mapping[str, Any],
    ids: dict[str, set[Any]],
) -> tuple[set[Any], list[Any]]:
    """The keys and the rows of values of a table checked record by record, in order, so that the first bad
    record is the one named: the full check for each record the fast check (if any) did not vouch for."""
    seen: set[Any] = set()
    prepared: list[Any] = []
    for position, row in enumerate(rows, start=1):
        if (
            shape.table == "settings"
            and isinstance(row, dict)
            and isinstance(row.get("key"), str)  # a damaged key (a list, a number) is refused below
            and row.get("key") in settings_rules.NOT_IMPORTED
        ):
            continue  # this computer's own choice (a folder of the computer that exported), never taken
        if fast is not None and position - 1 not in fast.refused:
            seen.add(row["id"])  # its first record with this id: the fast check refuses the later ones
            prepared.append(fast.values[position - 1])
            continue
        _check_record(position, row, shape, seen, ids)
        prepared.append([row[c] if c in row else defaults[c] for c in shape.columns])
    return seen, prepared


@dataclass(frozen=True)
class _Shape:
    """What a record of one table must look like: its columns, the required ones, its key, its reference."""

    table: str
    columns: list[str]
    required: list[str]
    key: str
    reference: str | None

    @functools.cached_property
    def known(self) -> frozenset[str]:
        return frozenset(self.columns)


class RecordRefused(MedjournalError):
    """A record of the export is refused: one sentence naming the record (its table and position) and why."""

    def __init__(self, position: int, table: str, template: str, **values: Any) -> None:
        super().__init__(template.format(n=position, table=table, **values))


def _check_fields(position: int, row: Any, shape: _Shape) -> None:
    """A record is an object with no field its table lacks and each field its table needs."""
    if not isinstance(row, dict):
        raise RecordRefused(position, shape.table, _("Record {n} of {table} is not an object."))
    extra = [c for c in row if c not in shape.known]
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
    odd = next((c for c, value in row.items() if type(value) is not str and not _is_scalar(value)), None)
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
