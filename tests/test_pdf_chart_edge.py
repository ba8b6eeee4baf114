"""A dose changed in the period's last days is labelled inside the chart, in the summary's language: the label of
the current dose, the one the doctor reads, used to run past the chart's right edge and be cut ("75.5 m"), with an
English decimal point in a German PDF whose table said "75,5 mg" (docs/summary.md, "The chart of a long period")."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import Cli

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

NOW = datetime(2026, 3, 15, 21, 0)

ADD_DULOXETINE = ("med", "add", "Duloxetine", "--dose", "30", "--unit", "mg", "--times", "08:00", "--start")


def a_late_dose_change(journal: Path) -> Cli:
    """Duloxetine from 1 March, 75.5 mg from the period's last day."""
    run = Cli(journal, NOW)
    for args in (
        (*ADD_DULOXETINE, "2026-03-01"),
        ("med", "change", "Duloxetine", "--dose", "75.5", "--from", "2026-03-15"),
        ("checkin", "--pain", "6", "--date", "2026-03-02"),
        ("checkin", "--pain", "5", "--date", "2026-03-14"),
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
    return run


def test_a_german_pdf_labels_the_last_dose_whole_and_with_a_comma(tmp_path: Path) -> None:
    run = a_late_dose_change(tmp_path / "journal.db")
    assert run("setting", "summary_language", "de").exit_code == 0
    pdf = tmp_path / "summary.pdf"
    made = run("report", "--from", "2026-02-14", "--to", "2026-03-15", "-o", str(pdf))
    assert made.exit_code == 0, made.output
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    chart = text[text.index("Medikamente: Dosisstufen") :]
    assert "75,5 mg" in chart and "75.5" not in text


def test_every_dose_label_lies_inside_the_chart(tmp_path: Path, qapp: object) -> None:
    """The chart drawn for page 1, from the summary the command line writes as JSON."""
    from medjournal.report.charts.chart_medications import MedicationLane
    from medjournal.report.charts.charts import summary_chart

    run = a_late_dose_change(tmp_path / "journal.db")
    result = run("report", "--from", "2026-02-14", "--to", "2026-03-15", "--json")
    assert result.exit_code == 0, result.output
    widget = summary_chart(json.loads(result.output), 1183, 290)
    lane = widget.figure.lanes["medications"]
    assert isinstance(lane, MedicationLane)
    plot_area = lane.plot.getViewBox().sceneBoundingRect()
    shown = [label for row in lane.rows.values() for label in row.labels if label.isVisible()]
    assert "75.5 mg" in [label.textItem.toPlainText() for label in shown]
    for label in shown:
        box = label.sceneBoundingRect()
        assert plot_area.left() <= box.left() and box.right() <= plot_area.right(), (box, plot_area)
