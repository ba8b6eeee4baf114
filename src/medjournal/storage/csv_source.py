"""Reading an import file from disk into rows: a spreadsheet's CSV, MedTimer's CSV export or its JSON backup.

The file is read once, whole; a file that cannot be read gives one sentence naming the file (and the line, when
a line is at fault). Which column holds which field comes from the caller (``--map`` or the dialog), from a saved
mapping, or, for a generic file without one, from the header's words: the mapping used is always shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from medjournal.domain import csv_dates, csv_mapping, medtimer
from medjournal.domain.csv_mapping import ParsedFile
from medjournal.domain.csv_read import CsvTable, decode, read_table
from medjournal.domain.errors import MedjournalError, ValidationError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import _

FORMATS = ("generic", "medtimer")
SOURCES = {"generic": "csv", "medtimer": "medtimer"}


@dataclass
class ImportOptions:
    format: str = "generic"
    mapping: dict[str, int] | None = None  # field -> column index; None: from the header's words
    map_text: str | None = None  # the --map option, read against the file's columns
    date_order: str | None = None
    zone: tzinfo | None = None  # None: this computer's zone
    medications: dict[str, str] = field(default_factory=dict)  # name in the file -> journal name, or "new"
    prefer_file: bool = False  # conflicts take the file's version


@dataclass
class LoadedFile:
    path: Path
    source: str  # what imported entries are marked with
    table: CsvTable | None  # None for a MedTimer JSON backup
    mapping: dict[str, int]
    parsed: ParsedFile


def zone_named(name: str | None) -> tzinfo | None:
    if name in (None, ""):
        return None
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise MedjournalError(
            _("{name} is not a time zone name; use a name such as Europe/Berlin or America/New_York.").format(
                name=repr(name)
            )
        ) from None


def read_bytes(path: Path) -> bytes:
    try:
        return path.expanduser().read_bytes()
    except FileNotFoundError:
        raise MedjournalError(_("The file {path} does not exist.").format(path=path)) from None
    except IsADirectoryError:
        raise MedjournalError(_("{path} is a folder, not a file.").format(path=path)) from None
    except OSError as exc:
        raise MedjournalError(
            _("The file {path} cannot be read ({error}).").format(path=path, error=os_reason(exc))
        ) from None


def read_csv(path: Path) -> CsvTable:
    try:
        return read_table(read_bytes(path))
    except ValidationError as exc:
        raise MedjournalError(f"{path}: {exc.message}") from None


def load_file(path: Path, options: ImportOptions) -> LoadedFile:
    """The rows of ``path`` as entries, each bad row refused with its line number."""
    if options.format not in FORMATS:
        raise MedjournalError(_("The format must be one of {formats}.").format(formats=", ".join(FORMATS)))
    if options.date_order is not None and options.date_order not in csv_dates.DATE_ORDERS:
        raise MedjournalError(
            _("The date order must be one of {orders}.").format(orders=", ".join(csv_dates.DATE_ORDERS))
        )
    data = read_bytes(path)
    source = SOURCES[options.format]
    try:
        if options.format == "medtimer" and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            text, _encoding = decode(data)
            return LoadedFile(path, source, None, {}, medtimer.parse_backup(text, options.zone))
        table = read_table(data)
        if options.format == "medtimer":
            medtimer.check_csv(table)
            order = _order(options.date_order, lambda: medtimer.localized_values(table))
            return LoadedFile(path, source, table, {}, medtimer.parse_csv(table, order, options.zone))
        mapping = _mapping(table, options)
        order = _order(options.date_order, lambda: csv_mapping.date_values(table, mapping))
        return LoadedFile(
            path, source, table, mapping, csv_mapping.parse_generic(table, mapping, order, options.zone)
        )
    except ValidationError as exc:
        raise MedjournalError(f"{path}: {exc.message}") from None


def _mapping(table: CsvTable, options: ImportOptions) -> dict[str, int]:
    if options.mapping is not None:
        mapping = dict(options.mapping)
    elif options.map_text:
        mapping = csv_mapping.parse_map_option(options.map_text, table)
    else:
        mapping = csv_mapping.guess_mapping(table.header)
        if not mapping:
            raise ValidationError(
                _(
                    "its columns were not recognised; say which is which with --map FIELD=COLUMN,... "
                    "(its columns: {columns})."
                ).format(columns=", ".join(n[:40] for n in table.column_names()[:30]))
            )
    if any(index >= table.width for index in mapping.values()):
        raise ValidationError(
            _("the mapping names a column the file does not have (it has {width}).").format(width=table.width)
        )
    csv_mapping.check_mapping(mapping)
    return mapping


def _order(chosen: str | None, dates: Callable[[], list[tuple[int, str]]]) -> str | None:
    """The date order chosen, or else the one the file's ``dates`` (line, text) show (read only then)."""
    if chosen is not None:
        return chosen
    values = dates()
    found = csv_dates.detect_order(values)
    if found is None:
        sample = next((text for _, text in values if text), "")
        raise ValidationError(
            _(
                "its dates could be day-first or month-first (every day is 12 or less, such as {sample}); "
                "choose the date order: --date-order dmy (day/month/year) or mdy (month/day/year)."
            ).format(sample=repr(sample))
        )
    return found


MAPPINGS_SETTING = "csv_mappings"


def saved_mappings(journal: Any) -> dict[str, dict[str, Any]]:
    """Mappings saved by name (setting ``csv_mappings``): format, ``map`` (FIELD=HEADER,...) and date order."""
    saved = journal.setting(MAPPINGS_SETTING, {})
    if not isinstance(saved, dict):
        return {}
    return {str(k): dict(v) for k, v in saved.items() if isinstance(v, dict)}


def save_mapping(journal: Any, name: str, loaded: LoadedFile, file_format: str) -> None:
    saved = saved_mappings(journal)
    entry: dict[str, Any] = {"format": file_format, "date_order": loaded.parsed.date_order}
    if loaded.table is not None and loaded.mapping:
        names = loaded.table.column_names()
        entry["map"] = ",".join(f"{key}={names[i]}" for key, i in loaded.mapping.items())
    saved[name] = entry
    journal.set_setting(MAPPINGS_SETTING, saved)
