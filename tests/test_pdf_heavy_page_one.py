"""Page 1 of a summary of years of a heavy journal (docs/summary.md, "Page 1 of a long, full journal") stays one
page on A4 and Letter, in English and in German, and says which period it covers (pdftotext).

The journal is the heavy benchmark journal (benchmarks/generate.py: eight check-ins a day, two scheduled
medications started near its first day, an as-needed one, side effects, PEG, PHQ-2/GAD-2 and a walk most days)
over three years rather than twenty: the same shape, which ran page 1 over on every paper and in both languages
(two medications under evaluation over the whole history, dozens of flags and PHQ-9s suggested, two cautions),
and a tenth of the time to lay out.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from benchmarks.generate import generate
from tests.conftest import NOW, Cli
from tests.test_pdf import pdf_info, pdf_text

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

TODAY = NOW.date()
YEARS = 3
SECTIONS = {
    "en": (
        "Safety flags: please review first",
        "Current medications",
        "Is it working? Pain before vs now",
        "Pain, 0–10 (higher = worse pain)",
        "Side effects",
        "Function and questionnaires",
        "Other treatments",
        "My questions for the doctor None written down.",
    ),
    "de": (
        "Sicherheit: bitte zuerst lesen",
        "Aktuelle Medikamente",
        "Wirkt es? Schmerz vorher und jetzt",
        "Schmerz, 0–10 (höher = stärkerer Schmerz)",
        "Nebenwirkungen",
        "Funktion und Fragebögen",
        "Weitere Behandlungen",
        "Meine Fragen an die Ärztin oder den Arzt Keine notiert.",
    ),
}


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def heavy_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("heavy") / "heavy.db"
    generate(path, years=YEARS, end=TODAY, heavy=True)
    return path


def whole_history(heavy_journal: Path, tmp_path: Path, paper: str, language: str) -> Path:
    journal = tmp_path / "journal.db"
    shutil.copy(heavy_journal, journal)
    run = Cli(journal, NOW)
    for key, value in (("page_size", paper), ("summary_language", language)):
        assert run("setting", key, value).exit_code == 0
    first = TODAY - timedelta(days=round(YEARS * 365.25) - 1)
    pdf = tmp_path / f"heavy-{paper}-{language}.pdf"
    made = run("report", "--from", first.isoformat(), "-o", str(pdf))
    assert made.exit_code == 0, made.output
    return pdf


@pytest.mark.parametrize(
    ("paper", "language"), [("A4", "en"), ("Letter", "en"), ("A4", "de"), ("Letter", "de")]
)
def test_page_one_of_years_of_eight_check_ins_a_day_is_one_page(
    heavy_journal: Path, tmp_path: Path, paper: str, language: str
) -> None:
    pdf = whole_history(heavy_journal, tmp_path, paper, language)
    assert pdf_info(pdf)["Page size"].startswith("612 x 792" if paper == "Letter" else "595")
    first, second = flat(pdf_text(pdf, 1, 1)), flat(pdf_text(pdf, 2, 2))
    for section in SECTIONS[language]:
        assert section in first, section
        assert section not in second, section  # nothing of page 1 ran over onto page 2
    # Page 1 says plainly which period it covers, with the year of every date it gives.
    span = (
        "2023-03-16 – 2026-03-15 (1096 days)" if language == "en" else "16.03.2023 – 15.03.2026 (1096 Tage)"
    )
    assert span in first
    assert ("data on every day" if language == "en" else "Daten an jedem Tag") in first


def test_the_same_flags_share_a_line_and_the_peg_dates_keep_their_year(
    heavy_journal: Path, tmp_path: Path
) -> None:
    pdf = whole_history(heavy_journal, tmp_path, "A4", "en")
    first = flat(pdf_text(pdf, 1, 1))
    flags = first[first.index("Safety flags: please review first") : first.index("Caution:")]
    # Five positive screens of two kinds, each kind on one line with its dates, the most serious and most recent.
    assert flags.count("PHQ-2 positive screen:") + flags.count("GAD-2 positive screen:") == 2, flags
    assert "shown here are 5, the most serious first and then the most recent" in flags
    peg = first[first.index("PEG (pain, enjoyment, activity") : first.index("Mood questionnaires")]
    assert "(2023-03-" in peg and "(2026-03-" in peg and "more …" in peg, peg
