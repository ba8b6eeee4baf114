"""Undo of a delete (Journal.restore_entry) when the journal changed in between, as it can from the window."""

from __future__ import annotations

import pytest

from medjournal.domain.errors import NotFoundError, ValidationError
from medjournal.domain.records import SideEffect
from medjournal.storage import Journal


def test_restore_keeps_the_original_id_when_it_is_free(journal: Journal) -> None:
    first = journal.add_side_effect("nausea", 2)
    journal.add_side_effect("headache", 1)
    deleted = journal.delete_entry("side_effects", first.id)
    assert journal.restore_entry(deleted) == first.id
    assert journal.entry("side_effects", first.id) == first


def test_restore_after_a_new_entry_took_the_id(journal: Journal) -> None:
    nausea = journal.add_side_effect("nausea", 2, note="after breakfast")
    deleted = journal.delete_entry("side_effects", nausea.id)
    headache = journal.add_side_effect("headache", 1)
    assert headache.id == nausea.id  # SQLite reuses the highest id

    new_id = journal.restore_entry(deleted)

    assert new_id != nausea.id
    assert journal.entry("side_effects", headache.id) == headache
    restored = journal.entry("side_effects", new_id)
    assert isinstance(restored, SideEffect)
    assert (restored.symptom, restored.severity, restored.note, restored.recorded_at) == (
        "nausea",
        2,
        "after breakfast",
        nausea.recorded_at,
    )


def test_restore_a_medication_whose_id_was_taken_moves_its_rows_along(journal: Journal) -> None:
    duloxetine = journal.add_medication("Duloxetine", 30, times="08:00", start="2026-03-01", stock_units=10)
    journal.change_dose("Duloxetine", 60, "2026-03-08", reason="step up")
    journal.record_dose("Duloxetine")  # now, after the count: it takes one from the stock
    journal.add_questionnaire("peg", "5,5,5", medication="Duloxetine")
    stock = journal.medication("Duloxetine").stock_units
    deleted = journal.delete_medication(duloxetine.id)
    ibuprofen = journal.add_medication("Ibuprofen", 400, as_needed=True, start="2026-03-01")
    assert ibuprofen.id == duloxetine.id

    new_id = journal.restore_entry(deleted)

    restored = journal.medication("Duloxetine")
    assert restored.id == new_id != ibuprofen.id
    assert restored.stock_units == stock == 9
    assert [(r.dose, r.reason) for r in journal.regimens(new_id)] == [(30.0, ""), (60.0, "step up")]
    assert [log.medication_id for log in journal.dose_logs()] == [new_id]
    assert journal.questionnaires()[0].medication_id == new_id
    assert [r.dose for r in journal.regimens(ibuprofen.id)] == [400.0]


def test_a_medication_of_the_same_name_added_since_blocks_the_restore(journal: Journal) -> None:
    duloxetine = journal.add_medication("Duloxetine", 30, times="08:00", start="2026-03-01")
    deleted = journal.delete_medication(duloxetine.id)
    journal.add_medication("duloxetine", 60, times="08:00", start="2026-03-10")
    before = journal.counts()
    with pytest.raises(ValidationError, match="a medication of that name was added since"):
        journal.restore_entry(deleted)
    assert journal.counts() == before


def test_an_entry_whose_medication_was_deleted_since_is_not_restored(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-03-01")
    dose = journal.record_dose("Duloxetine", at="2026-03-14 08:00")
    deleted = journal.delete_entry("dose_logs", dose.id)
    journal.delete_medication(journal.medication("Duloxetine").id)
    before = journal.counts()
    with pytest.raises(NotFoundError, match="its medication was deleted since"):
        journal.restore_entry(deleted)
    assert journal.counts() == before
