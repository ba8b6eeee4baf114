"""Cautions that know what people take (docs/clinical.md §4.4-4.6): brand names, strength words, the firmer
wording for pairs that must not be combined, "not checked" for names the reviewed data does not know, and
``med edit NAME --known-as`` to say what one is. Through the command line, reading ``today --json``,
``report --json`` and the PDF's page 1. The clock is 2026-03-15 09:30 (conftest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from medjournal.domain import drug_names
from tests.conftest import Cli
from tests.test_pdf import pdf_text

BLEEDING_SIGNS = (
    "Watch for unusual bruising, black or bloody stools, vomiting blood, or nosebleeds that do not stop."
)


def ok(run_cli: Cli, *args: str) -> str:
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    return result.output


def today(run_cli: Cli) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(ok(run_cli, "today", "--json"))["warnings"]
    return found


def report(run_cli: Cli) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(ok(run_cli, "report", "--json"))["warnings"]
    return found


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("typed", "generic"),
    [
        ("Advil 200 mg", "ibuprofen"),
        ("ELIQUIS  5mg", "apixaban"),
        ("xarelto 20 MG tablets", "rivaroxaban"),
        ("Aleve", "naproxen"),
        ("Motrin IB", "ibuprofen"),
        ("Cymbalta 60mg", "duloxetine"),
        ("St John’s Wort", "st john's wort"),
        ("Cipro 500 mg", "ciprofloxacin"),
        ("Zyvox", "linezolid"),
        ("Frobnol 10 mg", None),
        ("200", None),
    ],
)
def test_names_ignore_case_spacing_and_strength(typed: str, generic: str | None) -> None:
    assert drug_names.generic_name(typed) == generic


def test_brand_anticoagulant_with_duloxetine_typed_in_late(run_cli: Cli, tmp_path: Path) -> None:
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-02-01")
    # Typed in today, taken since an earlier day.
    ok(
        run_cli,
        "med",
        "add",
        "ELIQUIS  5mg",
        "--dose",
        "5",
        "--times",
        "08:00,20:00",
        "--start",
        "2026-02-20",
    )
    [warning] = [w for w in today(run_cli) if w["kind"] == "caution"]
    assert warning["message"] == "Ask your doctor or pharmacist about taking Duloxetine with ELIQUIS 5mg."
    assert warning["watch"] == BLEEDING_SIGNS
    assert "section 5.5: abnormal bleeding" in warning["source"]
    assert "dose" not in warning["message"].lower()
    [caution] = report(run_cli)
    assert caution["kind"] == "caution" and caution["date"] == "2026-02-20"  # the first day both were taken
    assert caution["medications"] == ["Duloxetine", "ELIQUIS 5mg"]
    assert caution["watch"] == BLEEDING_SIGNS
    out = tmp_path / "summary.pdf"
    ok(run_cli, "report", "-o", str(out))
    first = flat(pdf_text(out, 1, 1))
    caution_line = (
        "Ask your doctor or pharmacist about taking Duloxetine with ELIQUIS 5mg. Both taken from 2026-02-20."
    )
    assert caution_line in first
    assert first.index("Duloxetine with ELIQUIS") < first.index("ELIQUIS 5mg 5 mg")  # above the medications


def test_advil_with_strength_words_and_a_second_nsaid(run_cli: Cli) -> None:
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-02-01")
    ok(run_cli, "med", "add", "Advil 200 mg", "--dose", "200", "--as-needed", "--start", "2026-03-01")
    ok(run_cli, "med", "add", "Aleve", "--dose", "220", "--as-needed", "--start", "2026-03-10")
    found = {w["title"]: w for w in today(run_cli) if w["kind"] == "caution"}
    assert set(found) == {
        "Duloxetine with Advil 200 mg: bleeding",
        "Duloxetine with Aleve: bleeding",
        "Advil 200 mg with Aleve: two NSAIDs at once",
    }
    two = found["Advil 200 mg with Aleve: two NSAIDs at once"]
    assert "stomach and kidney" in two["message"] and two["source"].startswith(
        "NSAID prescribing information"
    )
    assert {w["date"] for w in report(run_cli)} == {"2026-03-01", "2026-03-10"}


def test_maoi_pair_is_firmer_and_serotonin_signs_say_seek_care(run_cli: Cli) -> None:
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-02-01")
    ok(
        run_cli,
        "med",
        "add",
        "Zyvox 600mg",
        "--dose",
        "600",
        "--times",
        "08:00,20:00",
        "--start",
        "2026-03-12",
    )
    ok(run_cli, "med", "add", "Ultram", "--dose", "50", "--as-needed", "--start", "2026-03-12")
    found = {w["title"]: w for w in today(run_cli) if w["kind"] == "caution"}
    firm = found["Zyvox 600mg with Duloxetine: must not be combined"]
    assert firm["message"] == (
        "Zyvox 600mg and Duloxetine must not be taken together. "
        "Contact your prescriber or pharmacist before the next dose."
    )
    assert firm["watch"].endswith("seek medical care at once.")
    assert "section 4: contraindicated with MAO inhibitors" in firm["source"]
    # The firmer caution replaces the serotonin one for the same pair; tramadol still has its own.
    assert "Duloxetine with Zyvox 600mg: serotonin syndrome" not in found
    assert "Duloxetine with Ultram: serotonin syndrome" in found
    assert found["Duloxetine with Ultram: serotonin syndrome"]["watch"].startswith(
        "Signs of serotonin syndrome"
    )


def test_ciprofloxacin_raises_duloxetine_levels(run_cli: Cli) -> None:
    ok(run_cli, "med", "add", "Cymbalta", "--dose", "60", "--times", "08:00", "--start", "2026-02-01")
    ok(
        run_cli,
        "med",
        "add",
        "Ciprofloxacin 500 mg",
        "--dose",
        "500",
        "--times",
        "08:00",
        "--start",
        "2026-03-14",
    )
    [caution] = [w for w in today(run_cli) if w["kind"] == "caution"]
    assert caution["message"].startswith("Ciprofloxacin 500 mg can raise the level of Cymbalta in the blood")
    assert "CYP1A2" in caution["source"]


def test_unknown_medication_is_named_not_checked_until_said_what_it_is(run_cli: Cli, tmp_path: Path) -> None:
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-02-01")
    ok(run_cli, "med", "add", "Frobnol", "--dose", "5", "--times", "08:00", "--start", "2026-02-10")
    [unknown] = [w for w in today(run_cli) if w["kind"] == "not_checked"]
    assert unknown["message"].startswith(
        "medjournal does not know Frobnol, so its combinations were not checked"
    )
    [listed] = report(run_cli)
    assert listed["kind"] == "not_checked" and listed["medications"] == ["Frobnol"]
    assert "Not checked: Frobnol: not known to medjournal" in ok(run_cli, "report")
    out = tmp_path / "summary.pdf"
    ok(run_cli, "report", "-o", str(out))
    assert "Frobnol combinations not checked" in flat(pdf_text(out, 1, 1))

    refused = run_cli("med", "edit", "Frobnol", "--known-as", "sugar pill")
    assert refused.exit_code == 1 and "medjournal does not know 'sugar pill'" in refused.output
    assert json.loads(ok(run_cli, "med", "list", "--json"))["medications"][1]["known_as"] == ""

    said = ok(run_cli, "med", "edit", "Frobnol", "--known-as", "Xarelto")
    assert "Frobnol is now checked as Xarelto" in said
    listed_med = json.loads(ok(run_cli, "med", "list", "--json"))["medications"][1]
    assert (listed_med["name"], listed_med["known_as"], listed_med["checked"]) == ("Frobnol", "Xarelto", True)
    warnings = today(run_cli)
    assert [w["kind"] for w in warnings if w["kind"] in ("caution", "not_checked")] == ["caution"]
    [caution] = report(run_cli)
    assert caution["message"] == "Ask your doctor or pharmacist about taking Duloxetine with Frobnol."
    again = tmp_path / "again.pdf"
    ok(run_cli, "report", "-o", str(again))
    assert "not checked" not in flat(pdf_text(again, 1, 1))


def test_known_as_a_class_and_in_the_export(run_cli: Cli, tmp_path: Path) -> None:
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-02-01")
    ok(run_cli, "med", "add", "Painaway", "--dose", "1", "--as-needed", "--start", "2026-02-10")
    ok(run_cli, "med", "edit", "Painaway", "--known-as", "nsaid")
    [caution] = [w for w in today(run_cli) if w["kind"] in ("caution", "not_checked")]
    assert caution["title"] == "Duloxetine with Painaway: bleeding"
    out = tmp_path / "export.json"
    ok(run_cli, "export", "-o", str(out))
    assert '"known_as": "nsaid"' in out.read_text(encoding="utf-8").replace('":"', '": "')
