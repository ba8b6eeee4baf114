"""The chart on page 1 stays readable at any length (docs/summary.md, "The chart of a long period"): over the
whole 20 years of the heavy benchmark journal no two pieces of text drawn in the chart overlap (measured as
drawn, from the PDF's own word boxes), every medication keeps its name, as-needed doses and treatments are a
share per month, and a caption says what was summarised or left out. A 90-day chart keeps its ticks and its
dose labels."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from benchmarks.generate import generate
from tests.conftest import NOW, Cli

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

TODAY = NOW.date()
YEARS = 20
Box = tuple[float, float, float, float, str]
LANE_TITLES = {"en": ("Pain,", "Side"), "de": ("Schmerz,", "Nebenwirkungen")}


@pytest.fixture(scope="module")
def heavy_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("heavy20") / "heavy.db"
    generate(path, years=YEARS, end=TODAY, heavy=True)
    return path


def summary_pdf(journal: Path, tmp_path: Path, paper: str, language: str, days: int) -> Path:
    copy = tmp_path / f"journal-{paper}-{language}-{days}.db"
    shutil.copy(journal, copy)
    run = Cli(copy, NOW)
    for key, value in (("page_size", paper), ("summary_language", language)):
        assert run("setting", key, value).exit_code == 0
    pdf = tmp_path / f"summary-{paper}-{language}-{days}.pdf"
    first = TODAY - timedelta(days=days - 1)
    made = run("report", "--from", first.isoformat(), "--to", TODAY.isoformat(), "-o", str(pdf))
    assert made.exit_code == 0, made.output
    return pdf


def chart_words(pdf: Path, language: str) -> list[Box]:
    """Every word page 1 draws from the chart's first lane title down to the heading after the chart."""
    out = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (float(x0), float(y0), float(x1), float(y1), text)
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out
        )
    ]
    first, after = LANE_TITLES[language]
    top = next(word[1] for word in words if word[4] == first)
    bottom = next(word[1] for word in words if word[1] > top and word[4] == after)
    return [word for word in words if top - 1 <= word[1] < bottom]


def overlapping(words: list[Box]) -> list[tuple[str, str]]:
    return [
        (one[4], other[4])
        for index, one in enumerate(words)
        for other in words[index + 1 :]
        if one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]
    ]


@pytest.mark.parametrize(("paper", "language"), [("A4", "en"), ("Letter", "de")])
def test_twenty_years_draw_no_text_over_other_text(
    heavy_journal: Path, tmp_path: Path, paper: str, language: str
) -> None:
    pdf = summary_pdf(heavy_journal, tmp_path, paper, language, round(YEARS * 365.25))
    words = chart_words(pdf, language)
    texts = [word[4] for word in words]
    assert overlapping(words) == []
    assert {"Amitriptyline", "Duloxetine", "Ibuprofen"} <= set(texts)  # every name drawn, none over another
    caption = " ".join(texts)
    if language == "en":
        assert "▮ days with an as-needed dose or treatment, share per month" in caption
    else:
        assert "▮ Tage mit einer Bedarfsdosis oder Behandlung, Anteil je Monat" in caption


def test_ninety_days_keep_their_ticks_and_dose_labels(heavy_journal: Path, tmp_path: Path) -> None:
    words = chart_words(summary_pdf(heavy_journal, tmp_path, "A4", "en", 90), "en")
    caption = " ".join(word[4] for word in words)
    assert overlapping(words) == []
    assert "60 mg" in caption and "10 mg" in caption  # the doses are labelled where there is room
    assert "share per" not in caption  # a day is wide enough for its own tick: nothing summarised


def test_a_months_bar_is_the_share_of_its_days_with_a_dose(qapp: object) -> None:
    """Ibuprofen taken on 10 of the 31 days of March 2025 (twice on one of them), in a six-year chart."""
    from medjournal.report.charts.chart_medications import MedicationLane
    from medjournal.report.charts.charts import summary_chart

    march = [date(2025, 3, day) for day in range(1, 21, 2)]
    summary = {
        "period": {"start": "2020-04-01", "end": "2026-03-15"},
        "daily": [],
        "medications": [
            {
                "name": "Ibuprofen",
                "dose_steps": [{"start": "2020-04-01", "dose": 400, "unit": "mg", "as_needed": True}],
                "as_needed_doses": [f"{day.isoformat()} 08:00" for day in march] + ["2025-03-01 20:00"],
                "adherence": {"gaps": []},
            }
        ],
    }
    widget = summary_chart(summary, 1183, 290)
    lane = widget.figure.lanes["medications"]
    assert isinstance(lane, MedicationLane)
    [row] = lane.rows.values()
    assert row.bars is not None and len(row.ticks.data) == 0  # bars instead of a tick per dose
    options = row.bars.opts
    starts = [date.fromordinal(int(x / 86400) + date(1970, 1, 1).toordinal()) for x in options["x0"]]
    heights = dict(zip(starts, np.asarray(options["height"]) / 0.7, strict=True))
    assert heights[date(2025, 3, 1)] == pytest.approx(10 / 31)
    assert heights[date(2025, 2, 1)] == 0 and heights[date(2025, 4, 1)] == 0
    assert starts[0] == date(2020, 4, 1) and starts[-1] == date(2026, 3, 1)
