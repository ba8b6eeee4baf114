"""Refusals that used to be English or silent, in German through the command (docs/translating.md): a dose change
that gives an as-needed medication times of day, and an entry that is no longer in the journal, named by its kind.

The clock is 2026-03-15 09:30 (``tests/test_cli_german.py``'s ``run``); every refusal writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medjournal.domain.errors import NotFoundError
from medjournal.i18n import use_language
from medjournal.storage import Journal, open_journal
from medjournal.storage.journal_editing import EDITABLE
from tests.test_cli import snapshot
from tests.test_cli_german import run
from tests.test_cli_german_messages import ERROR, GERMAN, refusal


def _as_needed(journal_path: Path) -> None:
    journal = open_journal(journal_path)
    try:
        journal.add_medication("Ibuprofen", 400, "mg", as_needed=True, max_daily=3, start="2026-03-01")
    finally:
        journal.close()


def test_changing_an_as_needed_dose_with_times_is_refused_in_one_german_line(journal_path: Path) -> None:
    _as_needed(journal_path)
    before = snapshot(journal_path)
    args = ("med", "change", "Ibuprofen", "--dose", "600", "--times", "08:00,20:00", "--from", "2026-03-10")
    german = refusal(run(journal_path, *args, lang=GERMAN))
    assert german == ERROR + (
        "Ibuprofen wird bei Bedarf eingenommen, daher kann eine Dosisänderung keine Uhrzeiten festlegen; lassen "
        "Sie die Uhrzeiten weg oder legen Sie im Fenster unter „Dosis ändern“ feste Uhrzeiten fest."
    )
    english = refusal(run(journal_path, *args))
    assert english == (
        "Error: Ibuprofen is taken as needed, so a dose change cannot give it times of day; leave the times out, "
        "or give it fixed times in the window's Change dose."
    )
    assert snapshot(journal_path) == before


def test_changing_an_as_needed_dose_without_times_still_works(journal_path: Path) -> None:
    _as_needed(journal_path)
    result = run(
        journal_path, "med", "change", "Ibuprofen", "--dose", "600", "--from", "2026-03-10", lang=GERMAN
    )
    assert result.exit_code == 0, result.output
    journal = open_journal(journal_path)
    try:
        steps = journal.regimens(journal.medication("Ibuprofen").id)
    finally:
        journal.close()
    assert [(s.dose, s.as_needed, list(s.times), s.start_date.isoformat()) for s in steps] == [
        (400, True, [], "2026-03-01"),
        (600, True, [], "2026-03-10"),
    ]


@pytest.mark.parametrize("table", [*EDITABLE, "medications"])
def test_an_entry_gone_is_named_by_its_kind_in_german(journal: Journal, table: str) -> None:
    with use_language("de"):
        with pytest.raises(NotFoundError) as deleting:
            journal.delete_entry(table, 4711)
        if table != "medications":
            with pytest.raises(NotFoundError) as editing:
                journal.update_entry(table, 4711, {"note": "x"})
            assert editing.value.message == deleting.value.message
    with pytest.raises(NotFoundError) as english:
        journal.delete_entry(table, 4711)
    german = deleting.value.message
    assert german.endswith(" ist nicht mehr im Tagebuch."), german
    assert english.value.message.startswith("That ") and "no longer exists" in english.value.message
    assert table not in german and table.replace("_", " ") not in english.value.message
    assert journal.counts() == dict.fromkeys(journal.counts(), 0)
