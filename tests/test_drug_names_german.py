"""Names a German-speaking person types resolve like the English ones (docs/clinical.md §4.5): the German
"Wirkstoff" names on packs (Duloxetin, Amitriptylin, Sertralin, …) and German brands, case and accents aside,
turn on every check the English name turns on: the combination cautions, the antidepressant stopping note, the
weekly question after a start and the response weeks. Only whole words match, so a look-alike or a prefix is not
taken for another medication. Through the command line; the clock is 2026-03-15 09:30 (conftest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from medjournal.domain import drug_names, knowledge
from tests.conftest import Cli
from tests.test_pdf import pdf_text


def ok(run_cli: Cli, *args: str) -> str:
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    return result.output


def today(run_cli: Cli) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(ok(run_cli, "today", "--json"))
    return found


@pytest.mark.parametrize(
    ("typed", "generic"),
    [
        ("Duloxetin", "duloxetine"),
        ("DULOXETIN 30 mg magensaftresistente Hartkapseln", "duloxetine"),
        ("Duloxetin-ratiopharm 60 mg", "duloxetine"),
        ("Amitriptylin 10 mg Filmtabletten", "amitriptyline"),
        ("Nortriptylin", "nortriptyline"),
        ("Venlafaxin retard 75 mg", "venlafaxine"),
        ("Desvenlafaxin", "desvenlafaxine"),
        ("Sertralin", "sertraline"),
        ("Citalopram", "citalopram"),
        ("Escitalopram", "escitalopram"),
        ("Fluoxetin", "fluoxetine"),
        ("Paroxetin", "paroxetine"),
        ("Fluvoxamin", "fluvoxamine"),
        ("Moclobemid", "moclobemide"),
        ("Tranylcypromin", "tranylcypromine"),
        ("Trazodon-Hydrochlorid", "trazodone"),
        ("Johanniskraut", "st john's wort"),
        ("Amfetamin", "amphetamine"),
        ("Dexamfetamin", "dextroamphetamine"),
        ("Lisdexamfetamin", "lisdexamfetamine"),
        ("Ibuprofen 400 mg", "ibuprofen"),
        ("Naproxen", "naproxen"),
        ("Diclofenac-Natrium", "diclofenac"),
        ("Tramadol", "tramadol"),
        ("Acetylsalicylsäure", "acetylsalicylic acid"),
        ("ACETYLSALICYLSAURE 500", "acetylsalicylic acid"),
        ("ASS 100", "aspirin"),
        ("Saroten", "amitriptyline"),
        ("Trevilor retard", "venlafaxine"),
        ("Ariclaim", "duloxetine"),
        ("ＤＵＬＯＸＥＴＩＮ", "duloxetine"),
        ("Duloxetíne", "duloxetine"),
    ],
)
def test_german_names_resolve_each_to_its_own_medication(typed: str, generic: str) -> None:
    """Look-alikes included: Citalopram/Escitalopram, Venlafaxin/Desvenlafaxin, Amfetamin/Dexamfetamin."""
    assert drug_names.generic_name(typed) == generic
    assert knowledge.drug_class(typed) == knowledge.load("medications")["drugs"][generic]


@pytest.mark.parametrize(
    "typed",
    [
        "Dulox",
        "Duloxe",
        "Duloxetinx",
        "Amitript",
        "Sertra",
        "Pregabalin",
        "Gabapentin",
        "Mirtazapin",
        "Venla",
    ],
)
def test_prefixes_and_names_not_in_the_data_resolve_to_nothing(typed: str) -> None:
    assert drug_names.generic_name(typed) is None


def test_no_spelling_means_two_medications_and_every_name_leads_to_a_known_generic() -> None:
    data = knowledge.load("medications")
    seen: dict[str, str] = {}
    tables = [{g: g for g in data["drugs"]}, data["brands"]["names"]]
    tables += [t for language, t in data["names_by_language"].items() if language != "note"]
    for table in tables:
        for spelling, generic in table.items():
            assert generic in data["drugs"], spelling
            folded = drug_names.fold(spelling)
            assert seen.setdefault(folded, generic) == generic, (spelling, seen[folded], generic)
    assert drug_names.spellings() == seen


def test_duloxetin_with_ibuprofen_typed_in_late_gets_every_check(run_cli: Cli, tmp_path: Path) -> None:
    ok(run_cli, "med", "add", "Duloxetin", "--dose", "30", "--unit", "mg", "--times", "08:00", "--start",
       "2026-03-02")  # fmt: skip
    # Typed in today, taken since three days ago.
    ok(run_cli, "med", "add", "Ibuprofen", "--dose", "400", "--unit", "mg", "--as-needed", "--max-daily", "3",
       "--start", "3 days ago")  # fmt: skip
    found = today(run_cli)
    kinds = [w["kind"] for w in found["warnings"]]
    assert "not_checked" not in kinds
    [caution] = [w for w in found["warnings"] if w["kind"] == "caution"]
    assert caution["title"] == "Duloxetin with Ibuprofen: bleeding"
    assert caution["message"] == "Ask your doctor or pharmacist about taking Duloxetin with Ibuprofen."
    assert "section 5.5: abnormal bleeding" in caution["source"]
    # The weekly question in the first weeks of an antidepressant.
    [prompt] = found["prompts"]
    assert prompt["kind"] == "self_harm_offer" and "Duloxetin started on" in prompt["message"]
    summary = json.loads(ok(run_cli, "report", "--json"))
    [listed] = [w for w in summary["warnings"] if w["kind"] == "caution"]
    assert listed["date"] == "2026-03-12" and listed["medications"] == ["Duloxetin", "Ibuprofen"]
    [duloxetin] = [m for m in summary["medications"] if m["name"] == "Duloxetin"]
    assert duloxetin["antidepressant"] is True
    assert duloxetin["judged_after_weeks"]["weeks"] == 12
    out = tmp_path / "summary.pdf"
    ok(run_cli, "report", "-o", str(out))
    first = " ".join(pdf_text(out, 1, 1).split())
    assert "Ask your doctor or pharmacist about taking Duloxetin with Ibuprofen." in first
    assert "not checked" not in first
    stopped = ok(run_cli, "med", "stop", "Duloxetin", "--on", "2026-03-15")
    assert "antidepressants are usually tapered" in stopped
