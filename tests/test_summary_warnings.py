"""The summary shows the warnings a doctor needs for the period, once each, acknowledged ones marked.

Cautions and doses above a daily maximum come from domain/warnings.py's rules (JSON ``warnings``); stops,
gaps and lower doses of antidepressants stay safety flags, marked when Today's warning was acknowledged.
The clock is 2026-03-15 09:30 (conftest); the default period is the last 90 days (from 2025-12-16).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from medjournal.domain.warnings import journal_warnings
from medjournal.report.summary.summary import build_summary
from medjournal.storage import Journal

CAUTION = "Ask your doctor or pharmacist about taking Duloxetine with Ibuprofen."


def summary(journal: Journal, **kwargs: Any) -> dict[str, Any]:
    """The summary's document, read by key as a test reads JSON."""
    return dict(build_summary(journal, **kwargs).to_json())


def duloxetine_with_ibuprofen(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    journal.change_dose("Duloxetine", 60, from_date="2026-02-08")  # another day the medication list changes
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=2, start="2026-02-10")


def ibuprofen_stopped_before_duloxetine(journal: Journal) -> None:
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=2, start="2026-01-10")
    journal.stop_medication("Ibuprofen", on="2026-01-31")
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-02-01")
    journal.change_dose("Duloxetine", 60, from_date="2026-02-08")


def test_caution_with_its_source_once(journal: Journal) -> None:
    duloxetine_with_ibuprofen(journal)
    warnings = summary(journal)["warnings"]
    assert len(warnings) == 1
    caution = warnings[0]
    assert caution["kind"] == "caution"
    assert caution["message"] == CAUTION
    assert caution["source"].startswith("Cymbalta (duloxetine) US prescribing information")
    assert caution["source"].endswith("section 5.5: abnormal bleeding")
    assert caution["date"] == "2026-02-10"  # the first day both were taken
    assert caution["medications"] == ["Duloxetine", "Ibuprofen"]
    assert caution["acknowledged"] is False
    # The same key as Today's warning, so that its acknowledgement carries over.
    assert caution["key"] in {w.key for w in journal_warnings(journal, journal.now())}


def test_no_caution_when_ibuprofen_stopped_before_duloxetine_started(journal: Journal) -> None:
    ibuprofen_stopped_before_duloxetine(journal)
    data = summary(journal)
    assert sorted(m["name"] for m in data["medications"]) == ["Duloxetine", "Ibuprofen"]  # both in the period
    assert data["warnings"] == []


def test_caution_of_a_pair_taken_together_only_earlier_in_the_period(journal: Journal) -> None:
    duloxetine_with_ibuprofen(journal)
    journal.stop_medication("Ibuprofen", on="2026-02-20")
    assert journal_warnings(journal, journal.now()) == []  # Today: no longer taken together
    [caution] = summary(journal)["warnings"]
    assert caution["message"] == CAUTION and caution["date"] == "2026-02-10"


def test_acknowledged_caution_still_shown_and_marked(journal: Journal) -> None:
    duloxetine_with_ibuprofen(journal)
    [today] = journal_warnings(journal, journal.now())
    journal.acknowledge_warning(today.key)
    assert journal_warnings(journal, journal.now()) == []
    [caution] = summary(journal)["warnings"]
    assert caution["message"] == CAUTION and caution["acknowledged"] is True


def test_doses_above_the_daily_maximum_over_the_whole_period(journal: Journal) -> None:
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=2, start="2026-01-01")
    # Weeks before Today's look-back, two days either side of a look-back's edge, and inside it.
    over = ["2026-01-20", "2026-03-06", "2026-03-07", "2026-03-14"]
    for day in over:
        for hour in ("08:00", "13:00", "19:00"):
            journal.record_dose("Ibuprofen", at=f"{day} {hour}")
    for hour in ("08:00", "19:00"):  # exactly the maximum: no warning
        journal.record_dose("Ibuprofen", at=f"2026-02-10 {hour}")
    warnings = summary(journal)["warnings"]
    assert [(w["kind"], w["date"]) for w in warnings] == [("over_daily_maximum", day) for day in over]
    assert "3 doses were logged, more than the daily maximum of 2" in warnings[0]["message"]
    assert len({w["key"] for w in warnings}) == len(over)
    # A period that ends before the later days shows only the first.
    assert [w["date"] for w in summary(journal, end=date(2026, 2, 28))["warnings"]] == ["2026-01-20"]


def test_exactly_the_daily_maximum_is_not_a_warning(journal: Journal) -> None:
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=2, start="2026-01-01")
    for day in ("2026-01-20", "2026-03-14"):
        for hour in ("08:00", "19:00"):
            journal.record_dose("Ibuprofen", at=f"{day} {hour}")
    assert summary(journal)["warnings"] == []


def test_stock_warnings_stay_off_the_summary(journal: Journal) -> None:
    journal.add_medication("Metformin", 500, times="08:00", start="2026-03-01", stock_units=-2, unit_size=500)
    assert [w.kind for w in journal_warnings(journal, journal.now())] == ["stock"]
    data = summary(journal)
    assert data["warnings"] == []
    assert "stock" not in str(data["safety"]).lower()


def test_lower_dose_of_another_medication_is_a_warning_not_a_flag(journal: Journal) -> None:
    journal.add_medication("Metformin", 500, times="08:00", start="2026-03-01")
    journal.record_dose("Metformin", at="2026-03-10 08:00", amount=250)
    journal.record_dose("Metformin", at="2026-03-11 08:00", amount=250)
    data = summary(journal)
    [warning] = data["warnings"]
    assert warning["kind"] == "lower_dose" and warning["date"] == "2026-03-10"
    assert warning["message"] == (
        "Metformin taken at a lower dose than prescribed on 2 days (first 2026-03-10: 250 instead of 500)."
    )
    assert data["safety"]["flags"] == []
    [today] = [w for w in journal_warnings(journal, journal.now()) if w.kind == "lower_dose"]
    journal.acknowledge_warning(today.key)
    assert summary(journal)["warnings"][0]["acknowledged"] is True


def test_lower_dose_and_stop_of_an_antidepressant_stay_single_flags(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-03-01")
    for day in range(1, 12):
        journal.record_dose("Duloxetine", at=f"2026-03-{day:02d} 08:00", amount=30 if day == 10 else None)
    journal.stop_medication("Duloxetine", on="2026-03-12", reason="side effects")
    today = {w.kind: w.key for w in journal_warnings(journal, journal.now())}
    assert {"stopped", "lower_dose"} <= set(today)
    data = summary(journal)
    assert data["warnings"] == []  # not repeated: the flags say it
    flags = {f["kind"]: f for f in data["safety"]["flags"]}
    assert sorted(flags) == ["antidepressant_stopped", "lower_dose"]
    assert not any(f["acknowledged"] for f in flags.values())
    journal.acknowledge_warning(today["stopped"])
    journal.acknowledge_warning(today["lower_dose"])
    flags = {f["kind"]: f for f in summary(journal)["safety"]["flags"]}
    assert flags["antidepressant_stopped"]["acknowledged"] is True
    assert flags["lower_dose"]["acknowledged"] is True
    assert "Duloxetine stopped on 2026-03-12" in flags["antidepressant_stopped"]["detail"]
