"""How much of a summary's period came from an import (docs/csv-import.md, "Marked as imported").

The summary's header says it in one line, such as "41 doses imported from a CSV file", so the doctor knows that part of
the record was kept in another app or a spreadsheet and brought in later.
"""

from __future__ import annotations

from collections.abc import Iterable

from medjournal.domain.records import CheckIn, DoseLog, SideEffect

SOURCE_WORDS = {"csv": "from a CSV file", "medtimer": "from MedTimer"}
_NOUNS = (
    ("dose_logs", "dose", "doses"),
    ("checkins", "check-in", "check-ins"),
    ("side_effects", "side effect", "side effects"),
)


def imported_lines(
    doses: Iterable[DoseLog], checkins: Iterable[CheckIn], side_effects: Iterable[SideEffect]
) -> tuple[str, ...]:
    """One phrase per source, in a fixed order: "41 doses, 3 check-ins imported from a CSV file"."""
    counts: dict[str, dict[str, int]] = {}
    for table, entries in (("dose_logs", doses), ("checkins", checkins), ("side_effects", side_effects)):
        for entry in entries:
            if entry.source:
                per_source = counts.setdefault(entry.source, {})
                per_source[table] = per_source.get(table, 0) + 1
    lines = []
    for source in sorted(counts):
        parts = [
            f"{counts[source][table]} {one if counts[source][table] == 1 else many}"
            for table, one, many in _NOUNS
            if counts[source].get(table)
        ]
        lines.append(f"{', '.join(parts)} imported {SOURCE_WORDS.get(source, 'from ' + source)}")
    return tuple(lines)
