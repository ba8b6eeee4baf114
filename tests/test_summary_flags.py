"""Safety flags at the top of the summary, and stops and restarts on the medication list."""

from __future__ import annotations

from datetime import date, datetime

from medjournal.report.summary.summary import build_summary
from medjournal.storage import Journal


def at(day: str, clock_time: str = "08:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock_time}").astimezone()


def test_flags_in_order_with_stop_screens_and_self_harm_answer(journal: Journal) -> None:
    journal.add_medication("Amitriptyline", 10, "mg", times="21:00", start="2026-02-01")
    journal.stop_medication("Amitriptyline", on="2026-03-01", reason="dizziness")
    journal.restart_medication("Amitriptyline", 10, start="2026-03-05", times="21:00")
    journal.add_medication("Ibuprofen", 400, "mg", times="08:00", start="2026-02-01")  # never taken: no flag
    journal.add_questionnaire("gad2", [2, 1], day="2026-03-02")  # 3: positive
    journal.add_questionnaire("phq2", [1, 1], day="2026-03-02")  # 2: not positive
    journal.add_questionnaire("phq2", [2, 2], day="2026-03-09")  # 4: positive
    journal.add_checkin(pain=5, day="2026-03-10", at=at("2026-03-10"), self_harm_thoughts=True)
    for day in ("2026-03-05", "2026-03-06", "2026-03-07", "2026-03-12", "2026-03-13", "2026-03-14"):
        journal.record_dose("Amitriptyline", at=at(day, "21:00"))

    report = build_summary(journal, start=date(2026, 2, 20), end=date(2026, 3, 15))
    flags = [(f.kind, f.day.isoformat(), f.medication) for f in report.flags]
    assert flags == [
        ("self_harm_question", "2026-03-10", None),
        ("gad2_positive", "2026-03-02", None),
        ("phq2_positive", "2026-03-09", None),
        ("doses_not_logged", "2026-02-20", "Amitriptyline"),  # 02-20 .. 02-28: 9 days, then the stop
        ("antidepressant_stopped", "2026-03-01", "Amitriptyline"),
        ("doses_not_logged", "2026-03-08", "Amitriptyline"),  # 03-08 .. 03-11: nothing logged
    ]
    stop = report.flags[4]
    assert "dizziness" in stop.detail and "tapering" in stop.detail
    assert (
        "on 9 scheduled days in a row (2026-02-20 to 2026-02-28): nothing was recorded"
        in report.flags[3].detail
    )

    data = report.to_json()
    amitriptyline = next(m for m in data["medications"] if m["name"] == "Amitriptyline")
    assert [(c["date"], c["kind"]) for c in amitriptyline["dose_changes"]] == [
        ("2026-02-01", "start"),
        ("2026-03-05", "restart"),
    ]
    assert amitriptyline["stopped"] is None and amitriptyline["started"] == "2026-02-01"  # a 4-day break
    assert amitriptyline["dose_steps"][0]["end"] == "2026-02-28"
    assert amitriptyline["dose_steps"][0]["stop_reason"] == "dizziness"
    # 02-20 .. 02-28 (9) + 03-05 .. 03-14 (10; 03-15 21:00 is later than now): 19 slots, 6 taken
    assert {
        k: amitriptyline["adherence"][k] for k in ("scheduled", "taken", "not_recorded", "longest_gap_days")
    } == {
        "scheduled": 19,
        "taken": 6,
        "not_recorded": 13,
        "longest_gap_days": 9,
    }
    ibuprofen = next(m for m in data["medications"] if m["name"] == "Ibuprofen")
    assert ibuprofen["adherence"]["percent"] == 0 and ibuprofen["antidepressant"] is False
    assert data["safety"]["flags"][0]["safety_event"] is True


def test_a_stopped_medication_is_listed_as_stopped(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-01-10")
    journal.stop_medication("Duloxetine", on="2026-03-01")
    data = build_summary(journal, start=date(2026, 2, 1), end=date(2026, 3, 15)).to_json()
    [med] = data["medications"]
    assert med["stopped"] == "2026-03-01" and med["dose"] == 30.0
    assert "stopped after 2026-02-28" in med["response"]["notes"]
    assert [f["kind"] for f in data["safety"]["flags"]] == ["doses_not_logged", "antidepressant_stopped"]
