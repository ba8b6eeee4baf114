"""Reading a CSV file written by a phone app or a spreadsheet: its encoding, delimiter and header row.

Plain Python, no SQL and no Qt. The rules (docs/csv-import.md): a byte-order mark names the encoding (UTF-8, UTF-16
little or big endian); without one, UTF-16 is recognised by its zero bytes, then UTF-8 is tried and Latin-1
(Windows-1252) is the fallback that reads any byte. The delimiter is the one of ``; , TAB |`` that splits the first
rows into the same number of columns, most of them; the first row is a header unless it holds a date, a time or a
number. Every row keeps the line number it starts on, so a refused row can be named.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

from medjournal.domain.errors import ValidationError
from medjournal.i18n import N_, _

DELIMITERS = (";", ",", "\t", "|")
DELIMITER_NAMES = {";": N_("semicolon"), ",": N_("comma"), "\t": N_("tab"), "|": N_("vertical bar")}
MAX_FILE_BYTES = 200 * 1024 * 1024
_SAMPLE_ROWS = 50
_DATA_LIKE = re.compile(r"^\s*[-+]?\d+([.,:/]\d+)*([ T,]+.*)?$")


@dataclass(frozen=True)
class CsvTable:
    """A file's rows: ``rows`` holds (line number, cells) for every row after the header."""

    encoding: str
    delimiter: str
    header: tuple[str, ...]
    has_header: bool
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    @property
    def width(self) -> int:
        return len(self.header)

    def column_names(self) -> list[str]:
        """A name per column: its header, or "column N" in a file without one."""
        return [name or f"column {i}" for i, name in enumerate(self.header, start=1)]


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", "UTF-8 with BOM"), "UTF-8 with BOM"
    if data.startswith(codecs.BOM_UTF16_LE):
        return _strict(data[2:], "utf-16-le", "UTF-16"), "UTF-16 LE"
    if data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data[2:], "utf-16-be", "UTF-16"), "UTF-16 BE"
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        # UTF-16 without a mark: ASCII text has a zero byte in every other place.
        order = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return _strict(data, order, "UTF-16"), order.upper().replace("UTF-16-", "UTF-16 ")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Latin-1 (Windows-1252)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1 if codec == "utf-8" else None
        if line:
            message = _("The file says it is {name} but is not readable as {name} (line {line}).")
        else:
            message = _("The file says it is {name} but is not readable as {name}.")
        raise ValidationError(message.format(name=name, line=line)) from None


def _split(text: str, delimiter: str) -> list[tuple[int, tuple[str, ...]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)
    rows: list[tuple[int, tuple[str, ...]]] = []
    start = 1
    try:
        for cells in reader:
            if "".join(cells).strip():  # a row of empty or blank cells is no row
                rows.append((start, tuple(cells)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError(
            _("Line {line}: the file cannot be read as CSV ({error}).").format(line=start, error=exc)
        ) from None
    return rows


def sniff_delimiter(text: str) -> str:
    """The delimiter that gives the most rows of one common width (more than one column)."""
    sample = "\n".join(text.splitlines()[: _SAMPLE_ROWS * 2])
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = _split(sample, delimiter)[:_SAMPLE_ROWS]
        except ValidationError:
            continue
        widths = [len(cells) for _, cells in rows]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = (widths.count(common), common) if common > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def looks_like_data(cell: str) -> bool:
    """A date, a time or a number, which a header cell is not."""
    return bool(_DATA_LIKE.match(cell)) and any(ch.isdigit() for ch in cell)


def read_table(data: bytes, delimiter: str | None = None, has_header: bool | None = None) -> CsvTable:
    """Read ``data`` into a table; ``delimiter`` and ``has_header`` override what is detected."""
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is larger than {size} MB.").format(size=MAX_FILE_BYTES // (1024 * 1024))
        )
    if b"\x00" in data[:4096] and not (data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))):
        text, encoding = decode(data)
        if "\x00" in text:
            raise ValidationError(
                _("The file is not text (it holds zero bytes): is it a spreadsheet, not CSV?")
            )
    else:
        text, encoding = decode(data)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ValidationError(_("The file is empty."))
    chosen = delimiter or sniff_delimiter(text)
    rows = _split(text, chosen)
    first = [cell.strip() for cell in rows[0][1]]
    header_row = has_header if has_header is not None else not any(looks_like_data(c) for c in first)
    width = max(len(cells) for _, cells in rows[: _SAMPLE_ROWS + 1])
    if header_row:
        header = tuple(first)
        body = rows[1:]
    else:
        header = tuple("" for _ in range(width))
        body = rows
    return CsvTable(
        encoding, chosen, header, header_row, tuple(body)
    )  # as written: spaces may be a cell's text
