"""Export and import of a whole journal (format ``medjournal-export/1``) and CSV export.

Import is all-or-nothing: every record is checked first (``storage/import_check.py``: the same validators as new
entries, plus the references between tables); the first bad record is named by table and position, and nothing is
written.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from medjournal import __version__
from medjournal.domain.errors import MedjournalError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import _
from medjournal.storage import collector, safety_dates, schema
from medjournal.storage.bulk_insert import indexes_made_after, insert_rows
from medjournal.storage.import_check import check_import as check_import
from medjournal.storage.import_check import column_defaults as column_defaults
from medjournal.storage.import_check import table_columns as table_columns
from medjournal.storage.journal import Journal
from medjournal.storage.output_file import check_new_target, new_output, new_output_folder, private_file

EXPORT_FORMAT = "medjournal-export/1"
SAFETY_DAYS_SCHEMA = 3  # safety events carry their source and its day from this schema on
STOCK_COUNTED_SCHEMA = 7  # a tracked stock carries the moment of its count from this schema on


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


_ROW = json.JSONEncoder(ensure_ascii=False).encode  # the C encoder: one record at a time


def export_text(data: dict[str, Any]) -> str:
    """``data`` as the export's JSON text: the header's fields and each table on lines of their own, and each
    record on one line (docs/export-format.md). The same document ``json.dumps(data, indent=1)`` would give,
    laid out so that Python's C encoder writes it: an indented dump goes through the pure-Python encoder, about
    three times slower on a large journal, and a record per line reads and compares (diff) as well."""
    lines = ["{"]
    for key, value in data.items():
        if key != "tables":
            lines.append(f" {_ROW(key)}: {_ROW(value)},")
    lines.append(' "tables": {')
    tables = list(data["tables"].items())
    for number, (table, rows) in enumerate(tables):
        end = "," if number < len(tables) - 1 else ""
        if not rows:
            lines.append(f"  {_ROW(table)}: []{end}")
            continue
        lines.append(f"  {_ROW(table)}: [")
        lines.append(",\n".join(["   " + _ROW(row) for row in rows]))
        lines.append(f"  ]{end}")
    lines.append(" }")
    lines.append("}")
    return "\n".join(lines) + "\n"


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
    text = export_text(data)
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
        with collector.paused():  # a hundred thousand records, none in a cycle (storage/collector.py)
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
    refuse_broken_text(text, data)
    return data


# A JSON escape of a UTF-16 surrogate: half of an escaped pair (an emoji), or alone, which is no character at all.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def refuse_broken_text(text: str, data: Any) -> None:
    """Refuse, naming the record and its field, an export whose JSON escapes make a lone surrogate: text that is
    no character and that SQLite cannot store. It reached the insert as an "unexpected internal error"
    (UnicodeEncodeError) for fields the record checks pass unread (``recorded_at``, ``source``). Only a file that
    has such an escape at all is walked."""
    tables = data.get("tables") if isinstance(data, dict) else None
    if not isinstance(tables, dict) or _SURROGATE_ESCAPE.search(text) is None:
        return
    from medjournal.domain.validation import has_invalid_characters
    from medjournal.storage.import_check import RecordRefused

    for table, rows in tables.items():
        for position, row in enumerate(rows if isinstance(rows, list) else [], start=1):
            if not isinstance(row, dict):
                continue
            broken = next(
                (
                    field
                    for field, value in row.items()
                    if has_invalid_characters(field)
                    or (isinstance(value, str) and has_invalid_characters(value))
                ),
                None,
            )
            if broken is not None:
                raise RecordRefused(
                    position,
                    repr(table) if has_invalid_characters(table) else table,
                    _(
                        "Record {n} of {table}: the field {field} holds bytes that are not valid text (not UTF-8)."
                    ),
                    field=repr(broken),
                )


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
        text = inner.decode("utf-8")
        opened = json.loads(text)
    except (UnicodeDecodeError, RecursionError, ValueError):  # ValueError: JSON errors included
        raise MedjournalError(
            _("The encrypted export {path} holds no valid JSON.").format(path=path)
        ) from None
    refuse_broken_text(text, opened)
    return opened


def import_json(
    journal: Journal, path: Path, dry_run: bool = False, passphrase: str | None = None
) -> dict[str, int]:
    """Import an export (an encrypted one with its ``passphrase``) into an empty journal. All or nothing."""
    return import_data(journal, load_export(path, passphrase), dry_run)


def import_data(journal: Journal, data: Mapping[str, Any], dry_run: bool = False) -> dict[str, int]:
    """Import an export already read by :func:`load_export` into an empty journal. All or nothing."""
    with collector.paused():  # storage/collector.py
        return _import_data(journal, data, dry_run)


def _import_data(journal: Journal, data: Mapping[str, Any], dry_run: bool) -> dict[str, int]:
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
            if data["schema_version"] < STOCK_COUNTED_SCHEMA:
                schema.backfill_stock_counted_at(journal.db.conn)  # as migration 0007 does
    except sqlite3.IntegrityError as exc:
        raise MedjournalError(
            _("The import was refused by the journal's checks ({reason}); nothing was written.").format(
                reason=exc
            )
        ) from None
    return counts
