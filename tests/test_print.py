"""Printing the summary: what prints equals the saved PDF, the chosen pages and paper are honoured, and the
command line says what happened (docs/summary.md, "Printing").

Queue tests run against a private cupsd with cups-pdf queues (tests/printers.py); they are skipped, with the
reason, where CUPS or cups-pdf is not installed or not run as root. CI installs both and runs as root.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from medjournal.storage import Journal
from tests.conftest import Cli
from tests.printers import PrivateCups
from tests.test_pdf import build_known_journal, pdf_info, pdf_text


def gray_page(path: Path, page: int, folder: Path, dpi: int = 100) -> bytes:
    """One page rendered in grey by poppler: equal bytes mean equal pictures."""
    stem = folder / f"{path.stem}-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            stem,
        ],
        check=True,
        timeout=60,
    )
    return stem.with_suffix(".pgm").read_bytes()


def words(text: str) -> str:
    return " ".join(text.split())


# The chart's window labels lie on translucent shading, which the PostScript step turns into a picture: they
# are printed, but no longer as text.
ON_SHADING = Counter({"baseline": 1, "current": 1})


def same_words(printed: str, saved: str) -> bool:
    """The printed pages say what the saved ones say: the print system's PostScript step keeps every letter
    and digit as text but may change the reading order and drop the text of symbols such as → and −."""
    ours, theirs = (Counter(re.findall(r"[A-Za-z0-9]+", text)) for text in (printed, saved))
    assert not ours - theirs, ours - theirs
    assert not (theirs - ours) - ON_SHADING, theirs - ours
    return True


def pdf_printer(path: Path, paper: str | None = None) -> Any:
    """Qt's own "Print to File": a printer at 1200 dpi, the resolution of a laser printer."""
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    if paper is not None:
        printer.setPageSize(
            QPageSize(QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4)
        )
    return printer


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_printout_at_1200_dpi_is_the_saved_pdf_line_for_line(
    journal: Journal, tmp_path: Path, paper: str
) -> None:
    """Pens, dashes and type are those of the saved PDF at the printer's resolution: every page renders
    to the same pixels (a hairline 7-day average or a solid dotted line would not)."""
    from medjournal.report.pdf.pdf import write_pdf
    from medjournal.report.pdf.printing import print_summary
    from medjournal.report.summary.summary import build_summary

    build_known_journal(journal)
    report = build_summary(journal)
    saved = write_pdf(report, tmp_path / "saved.pdf", journal, page_size=paper)
    printer = pdf_printer(tmp_path / "printed.pdf", paper)
    assert printer.resolution() == 1200
    result = print_summary(report, journal, printer)
    pages = int(pdf_info(saved)["Pages"])
    assert result.pages == tuple(range(1, pages + 1))
    assert result.sentence() == f"Saved all {pages} pages to {tmp_path / 'printed.pdf'}."
    assert pdf_info(tmp_path / "printed.pdf")["Page size"] == pdf_info(saved)["Page size"]
    for page in range(1, pages + 1):
        assert gray_page(tmp_path / "printed.pdf", page, tmp_path) == gray_page(saved, page, tmp_path), page
    assert not list(tmp_path.glob("*.part"))


def test_the_paper_given_to_the_printer_wins_over_the_journal_setting(
    journal: Journal, tmp_path: Path
) -> None:
    from medjournal.report.pdf.printing import print_summary
    from medjournal.report.summary.summary import build_summary

    build_known_journal(journal)
    journal.set_setting("page_size", "Letter")
    print_summary(build_summary(journal), journal, pdf_printer(tmp_path / "a4.pdf", "A4"), pages=((1, 1),))
    info = pdf_info(tmp_path / "a4.pdf")
    assert info["Page size"].startswith("595") and info["Pages"] == "1"
    assert "page 1 of" in words(pdf_text(tmp_path / "a4.pdf"))


def test_auto_paper_follows_the_journal_country_before_the_language(journal: Journal) -> None:
    from PySide6.QtCore import QLocale

    from medjournal.report.pdf.pdf import layout_summary
    from medjournal.report.pdf.pdf_layout import page_size_name
    from medjournal.report.summary.summary import build_summary

    journal.set_setting("country", "US")
    laid_out = layout_summary(build_summary(journal), journal)
    assert laid_out.size_name == "Letter"
    laid_out.release()
    british = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert page_size_name(None, british, country="GB") == "A4"
    assert page_size_name(None, british, country="OTHER") == "Letter"  # "OTHER": the language decides
    assert page_size_name("A4", british, country="US") == "A4"  # a chosen paper beats the country


@pytest.mark.parametrize(
    ("text", "count", "expected"),
    [
        (None, 3, (1, 2, 3)),
        ("all", 3, (1, 2, 3)),
        ("1", 6, (1,)),
        ("2-4", 6, (2, 3, 4)),
        ("2 – 9", 4, (2, 3, 4)),  # a range past the end prints what exists
        ("3,1-2", 5, (1, 2, 3)),
    ],
)
def test_page_choices(text: str | None, count: int, expected: tuple[int, ...]) -> None:
    from medjournal.report.pdf.pages import choose_pages, parse_pages

    assert choose_pages(parse_pages(text), count) == expected


@pytest.mark.parametrize("text", ["0", "3-1", "one", "1-", "-2", "1;2", "½"])
def test_page_choices_that_make_no_sense_are_refused(text: str) -> None:
    from medjournal.domain.errors import ValidationError
    from medjournal.report.pdf.pages import parse_pages

    with pytest.raises(ValidationError, match="The pages"):
        parse_pages(text)


# -- the command line -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pages", "1"], "Error: --pages goes with --print."),
        (["--copies", "2"], "Error: --copies goes with --print."),
        (["--printer", "Office"], "Error: --printer goes with --print."),
        (["--print", "--pages", "two"], "Error: The pages 'two' are not 1, all or a range such as 2-4."),
        (["--print", "--copies", "0"], "Error: The copies '0' must be a whole number from 1 to 99."),
        (["--print", "--copies", "many"], "Error: The copies 'many' must be a whole number from 1 to 99."),
        (
            ["--print", "--printer", " "],
            "Error: The printer name is empty; leave out --printer for the default.",
        ),
    ],
)
def test_report_print_refuses_bad_choices_in_one_line(
    journal: Journal, run_cli: Cli, args: list[str], message: str
) -> None:
    build_known_journal(journal)
    result = run_cli("report", *args)
    assert result.exit_code != 0
    assert result.output.strip() == message


def test_report_print_without_any_printer_says_so(journal: Journal, run_cli: Cli, no_printers: None) -> None:
    build_known_journal(journal)
    result = run_cli("report", "--print")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: No printer is set up on this computer."


def test_report_print_sends_page_one_to_the_default_printer(
    journal: Journal, run_cli: Cli, printers: PrivateCups, tmp_path: Path
) -> None:
    build_known_journal(journal)
    saved = run_cli("report", "-o", str(tmp_path / "saved.pdf"))
    assert saved.exit_code == 0, saved.output
    result = run_cli("report", "--print", "--pages", "1")
    count = pdf_info(tmp_path / "saved.pdf")["Pages"]
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Sent page 1 of {count} to the printer “medjournal-pdf”."
    [printed] = printers.job_pdfs()
    assert pdf_info(printed)["Pages"] == "1"
    assert pdf_info(printed)["Page size"] == pdf_info(tmp_path / "saved.pdf")["Page size"]
    assert same_words(pdf_text(printed), pdf_text(tmp_path / "saved.pdf", 1, 1))


def test_report_print_names_a_printer_pages_and_copies(
    journal: Journal, run_cli: Cli, printers: PrivateCups, tmp_path: Path
) -> None:
    build_known_journal(journal)
    run_cli("report", "-o", str(tmp_path / "saved.pdf"))
    result = run_cli("report", "--print", "--printer", "medjournal-pdf", "--pages", "2-3", "--copies", "2")
    count = pdf_info(tmp_path / "saved.pdf")["Pages"]
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Sent pages 2–3 of {count} to the printer “medjournal-pdf”, 2 copies."
    [printed] = printers.job_pdfs()
    assert pdf_info(printed)["Pages"] == "4"  # cups-pdf puts both copies in one file
    for copy in (1, 3):
        assert same_words(pdf_text(printed, copy, copy + 1), pdf_text(tmp_path / "saved.pdf", 2, 3))


def test_report_print_to_a_queue_that_refuses_jobs_is_an_error(
    journal: Journal, run_cli: Cli, printers: PrivateCups
) -> None:
    build_known_journal(journal)
    result = run_cli("report", "--print", "--printer", "medjournal-closed")
    assert result.exit_code == 1
    assert result.output.strip() == (
        'Error: The printer “medjournal-closed” refused the job (Destination "medjournal-closed" is not '
        "accepting jobs); nothing was printed."
    )
    assert printers.job_pdfs() == []


def test_report_print_to_an_unknown_printer_lists_the_printers(
    journal: Journal, run_cli: Cli, printers: PrivateCups
) -> None:
    result = run_cli("report", "--print", "--printer", "Office")
    assert result.exit_code != 0
    assert result.output.strip() == (
        "Error: There is no printer named 'Office'; printers: medjournal-closed, medjournal-pdf, medjournal-wide."
    )


def test_margins_grow_to_a_printer_that_cannot_print_near_the_edge(
    journal: Journal, run_cli: Cli, printers: PrivateCups, tmp_path: Path
) -> None:
    """The queue cannot print within 20 mm of the edge (the app's margin is 14 mm): nothing is put there."""
    build_known_journal(journal)
    result = run_cli("report", "--print", "--printer", "medjournal-wide", "--pages", "1")
    assert result.exit_code == 0, result.output
    [printed] = printers.job_pdfs()
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(printed), "-"], capture_output=True, text=True, check=True
    ).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', boxes)
    assert page is not None
    width, height = float(page.group(1)), float(page.group(2))
    edges = [
        tuple(float(v) for v in match.groups())
        for match in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', boxes)
    ]
    assert edges
    edge = 20 / 25.4 * 72 - 0.5
    assert min(e[0] for e in edges) >= edge and min(e[1] for e in edges) >= edge
    assert max(e[2] for e in edges) <= width - edge and max(e[3] for e in edges) <= height - edge


# -- Letter and A4 ------------------------------------------------------------------------------------------


def pain_lane(laid_out: Any) -> Any:
    [chart] = [widget for widget in laid_out.keep_alive if hasattr(widget, "figure")]
    return chart.figure.lanes["pain"]


def label_gap(lane: Any) -> tuple[float, float]:
    """The pixels between two neighbouring pain labels, and the height of one label."""
    from PySide6.QtGui import QFont, QFontMetrics

    axis = lane.plot.getAxis("left")
    [ticks] = axis._tickLevels
    low, high = lane.plot.getViewBox().viewRange()[1]
    per_point = lane.plot.getViewBox().height() / (high - low)
    line = QFontMetrics(axis.style.get("tickFont") or QFont()).height()
    return (ticks[1][0] - ticks[0][0]) * per_point, line


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_demo_chart_is_not_squashed_on_either_paper(journal: Journal, paper: str) -> None:
    """On Letter (0.7 in shorter than A4) page 1 had chosen smaller type and a 2.2 in chart, left room at its
    foot, and printed the pain labels 0-10 over each other. Now the room left goes to the chart, and the pain
    labels present are at least a line apart."""
    from medjournal.demo import write_demo
    from medjournal.report.pdf.pdf import CHART_MAX_INCHES, layout_summary
    from medjournal.report.pdf.pdf_layout import BLOCK_GAP, LAYOUT_DPI, page_content_height
    from medjournal.report.summary.summary import build_summary

    write_demo(journal)
    laid_out = layout_summary(build_summary(journal), journal, paper)
    try:
        assert laid_out.first_page_fits
        [chart] = [p.block for p in laid_out.pages[0].placements if type(p.block).__name__ == "ChartBlock"]
        room_left = laid_out.height - page_content_height(laid_out.pages[0])
        assert chart.height == CHART_MAX_INCHES * LAYOUT_DPI or room_left <= 2 * BLOCK_GAP
        gap, line = label_gap(pain_lane(laid_out))
        assert gap >= line
        assert len(pain_lane(laid_out).plot.getAxis("left")._tickLevels[0]) >= 3  # 0, 5, 10 at least
    finally:
        laid_out.release()


def test_a_low_pain_lane_prints_fewer_labels_rather_than_overlapping_ones(journal: Journal) -> None:
    from medjournal.report.charts.charts import summary_chart
    from medjournal.report.summary.summary import build_summary

    build_known_journal(journal)
    # Titles a line high: 190 px holds 0, 5, 10. A chart asked for 150 px is laid out at its least height, which
    # keeps room for the pain lane's band of labels above 0, 5, 10 (docs/summary.md, "Labels on the chart").
    for height, labels in ((420, 6), (260, 3), (150, 3)):
        widget = summary_chart(build_summary(journal), 900, height)
        lane = widget.figure.lanes["pain"]
        gap, line = label_gap(lane)
        assert len(lane.plot.getAxis("left")._tickLevels[0]) == labels, height
        assert gap >= line or labels == 2, height
        widget.close()
