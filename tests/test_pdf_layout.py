"""Pagination of the printed summary: tables break only between rows, charts and text blocks never break."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

pytestmark = pytest.mark.gui


def table_html(rows: int) -> str:
    body = "".join(f"<tr><td>2026-01-{i % 28 + 1:02d}</td><td>row {i}</td></tr>" for i in range(rows))
    return f"<table width='100%' cellpadding='4'><tr><th>Date</th><th>What</th></tr>{body}</table>"


def test_a_long_table_breaks_only_between_rows_and_repeats_its_header(qapp: Any) -> None:
    from medjournal.report.pdf.pdf_layout import TableBlock, paginate, px

    table = TableBlock(table_html(120), 2000, padding=4, continued="<p>Table, continued</p>")
    assert len(table.cuts()) == 120  # one cut above each data row
    page_height = 1500.0
    pages = paginate([table], page_height)
    assert len(pages) > 2
    parts = [placement for page in pages for placement in page.placements]
    assert parts[0].start == 0 and parts[-1].end == table.height
    for before, after in pairwise(parts):
        assert before.end == after.start  # every row shown once, none lost
        assert after.start in table.cuts()  # cut on a row boundary
    for page in pages:
        [placement] = page.placements
        header = table.header_height() if placement.start > 0 else 0
        assert header + placement.end - placement.start <= page_height + px(1)
    assert table.header_height() > table.cuts()[0]  # the caption comes with the repeated header


def test_a_chart_that_does_not_fit_moves_whole_to_the_next_page(qapp: Any) -> None:
    from medjournal.report.pdf.pdf_layout import ChartBlock, TextBlock, paginate

    drawn: list[Any] = []
    text = TextBlock("<p>" + "words " * 400 + "</p>", 2000)
    chart = ChartBlock(lambda painter, rect: drawn.append(rect), 900)
    pages = paginate([text, chart], text.height + 500)
    assert [len(page.placements) for page in pages] == [1, 1]
    [placement] = pages[1].placements
    assert placement.block is chart and (placement.start, placement.end) == (0, 900)


def test_a_heading_stays_with_the_start_of_its_table(qapp: Any) -> None:
    from medjournal.report.pdf.pdf_layout import TableBlock, TextBlock, paginate

    filler = TextBlock("<p>" + "words " * 300 + "</p>", 2000)
    heading = TextBlock("<h3>Side effects: every entry</h3>", 2000, keep_with_next=True)
    table = TableBlock(table_html(30), 2000, padding=4)
    page_height = filler.height + heading.height + 60  # room for the heading, not for a row under it
    pages = paginate([filler, heading, table], page_height)
    assert [p.block for p in pages[0].placements] == [filler]
    assert pages[1].placements[0].block is heading


def test_the_page_size_follows_the_locale_unless_chosen(qapp: Any) -> None:
    from PySide6.QtCore import QLocale

    from medjournal.domain.errors import ValidationError
    from medjournal.report.pdf.pdf_layout import page_size_name

    assert page_size_name(None, QLocale("en_US")) == "Letter"
    assert page_size_name(None, QLocale("fr_CA")) == "Letter"
    assert page_size_name(None, QLocale("en_AU")) == "A4"
    assert page_size_name("letter", QLocale("de_DE")) == "Letter"
    assert page_size_name("A4", QLocale("en_US")) == "A4"
    with pytest.raises(ValidationError, match="A4 or Letter"):
        page_size_name("legal")
