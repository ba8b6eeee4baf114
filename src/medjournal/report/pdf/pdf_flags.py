"""The safety flags when there are more than page 1 can hold (docs/summary.md, "Safety flags on page 1").

A summary of years can hold hundreds of flags; listed whole, they push page 1 onto many pages and bury the rest
of it. Page 1 then lists ``PAGE_ONE_FLAGS`` of them, the most serious first (safety answers, then a PHQ-9 of 15
or more, and so on: domain/flags.KIND_ORDER) and among equals the most recent, says how many there are, and
names the page where every flag is listed, in the same words, as a table that may run over several pages.
Nothing is left out: each flag is on page 1 or on that page, and the summary's JSON keeps them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from medjournal.domain.flags import KIND_ORDER
from medjournal.i18n import _, ngettext
from medjournal.report.pdf.pdf_layout import Block, TableBlock, TextBlock, data_table, px
from medjournal.report.pdf.pdf_text import URGENT_KINDS, day, h, safety_label
from medjournal.report.summary.summary_types import FlagDoc, SummaryDocument

PAGE_ONE_FLAGS = 5
PAGE_ONE_SUGGESTIONS = 2  # screening lines after the self-harm question's (each a PHQ-9 suggested, not done)
ALERT = "#a0001c"
MUTED = "#555555"
HEADER_BACKGROUND = "#fdecea"
POINT_SIZE = 8.0  # as the later pages' tables


def all_flags(data: SummaryDocument) -> Sequence[FlagDoc]:
    return data["safety"]["flags"]


def screening_lines(data: SummaryDocument) -> Sequence[str]:
    found = data["safety"]["screening"]
    return found["lines"] if found is not None else []


def needs_full_list(data: SummaryDocument) -> bool:
    """More flags or screening lines than page 1 lists: they are all listed on a later page."""
    return len(all_flags(data)) > PAGE_ONE_FLAGS or len(screening_lines(data)) > 1 + PAGE_ONE_SUGGESTIONS


def page_one_screening(lines: Sequence[str], page: int) -> list[str]:
    """The screening status page 1 prints: the self-harm question's line and the most recent PHQ-9s suggested
    (domain/screening.py lists them oldest first), with how many earlier ones are on ``page``."""
    if len(lines) <= 1 + PAGE_ONE_SUGGESTIONS:
        return list(lines)
    earlier = len(lines) - 1 - PAGE_ONE_SUGGESTIONS
    note = ngettext(
        "{n} earlier PHQ-9 suggested and not completed is listed on page {page}.",
        "{n} earlier PHQ-9s suggested and not completed are listed on page {page}.",
        earlier,
    ).format(n=earlier, page=page)
    return [lines[0], note, *lines[-PAGE_ONE_SUGGESTIONS:]]


def page_one_flags(flags: Sequence[FlagDoc]) -> list[FlagDoc]:
    """The flags page 1 lists, in the summary's order: all of them, or the ``PAGE_ONE_FLAGS`` most serious and,
    among equally serious ones, the most recent."""
    if len(flags) <= PAGE_ONE_FLAGS:
        return list(flags)
    ranked = sorted(
        range(len(flags)),
        key=lambda i: (KIND_ORDER.get(flags[i]["kind"], 9), -_ordinal(flags[i]), i),
    )
    chosen = set(ranked[:PAGE_ONE_FLAGS])
    return [flag for index, flag in enumerate(flags) if index in chosen]


def _ordinal(flag: FlagDoc) -> int:
    """The flag's day as a number (0, the oldest, for a date that cannot be read)."""
    try:
        return date.fromisoformat(flag["date"]).toordinal()
    except ValueError:
        return 0


def page_one_note(total: int, shown: int, page: int) -> str:
    """What page 1 says under its shortened list."""
    return ngettext(
        "{total} flag in this period; shown here are {shown}, the most serious first and then the most "
        "recent. Every flag is listed on page {page}.",
        "{total} flags in this period; shown here are {shown}, the most serious first and then the most "
        "recent. Every flag is listed on page {page}.",
        total,
    ).format(total=total, shown=shown, page=page)


def heading_html(total: int, continued: bool = False) -> str:
    title = (
        _("Safety flags, continued")
        if continued
        else ngettext("Safety flags: every flag ({n})", "Safety flags: every flag ({n})", total).format(
            n=total
        )
    )
    return (
        f'<p style="margin-top:0; margin-bottom:{px(2):.0f}px; font-size:large; font-weight:bold; '
        f'color:{ALERT}">{h(title)}</p>'
    )


def table_html(flags: Sequence[FlagDoc]) -> str:
    """Every flag as a table row (date, flag, what happened), split between rows across pages."""
    titles = (_("Date"), _("Flag"), _("What was recorded"))  # (not inside f-strings: Babel reads no f-string)
    head = (
        f'<tr bgcolor="{HEADER_BACKGROUND}">'
        + "".join(
            f'<th width="{width}%" align="left">{h(title)}</th>'
            for width, title in zip((14, 26, 60), titles, strict=True)
        )
        + "</tr>"
    )
    rows = []
    for index, flag in enumerate(flags):
        shade = ' bgcolor="#f3f3f3"' if index % 2 else ""
        color = f' style="color:{ALERT}; font-weight:bold"' if flag["kind"] in URGENT_KINDS else ""
        rows.append(
            f"<tr{shade}><td>{h(day(flag['date']))}</td><td{color}>{h(safety_label(flag['kind']))}</td>"
            f"<td>{h(flag['detail'])}{_later(flag)}</td></tr>"
        )
    return data_table(head, rows)


def _later(flag: FlagDoc) -> str:
    parts = []
    if flag["recorded_on"]:
        parts.append(_("recorded on {day}").format(day=day(flag["recorded_on"])))
    if flag["acknowledged"]:
        parts.append(_("acknowledged"))
    return f" <span style='color:{MUTED}'>({h('; '.join(parts))})</span>" if parts else ""


def full_list_blocks(data: SummaryDocument, width: float) -> list[Block]:
    """The page with every flag, when page 1 lists only some of them (else nothing)."""
    if not needs_full_list(data):
        return []
    flags = all_flags(data)
    continued = heading_html(len(flags), continued=True)
    blocks: list[Block] = [TextBlock(heading_html(len(flags)), width, POINT_SIZE, keep_with_next=True)]
    if flags:
        blocks.append(TableBlock(table_html(flags), width, POINT_SIZE, px(1.5), continued=continued))
    if lines := screening_lines(data):
        rows = "".join(f"<tr><td>{h(line)}</td></tr>" for line in lines)
        status = h(_("Screening status"))
        blocks.append(
            TableBlock(
                f'<table width="100%" cellspacing="0" cellpadding="{px(1.5):.0f}">'
                f'<tr bgcolor="{HEADER_BACKGROUND}"><th align="left">{status}</th></tr>'
                f"{rows}</table>",
                width,
                POINT_SIZE,
                px(1.5),
                continued=continued,
            )
        )
    return blocks
