"""Page 1's safety box: the flags, then the screening status (docs/clinical.md §6.6; docs/summary.md, page 1 item 2).

More flags than page 1 holds: the most serious and the most recent, how many there are and the page listing all
(report/pdf/pdf_flags.py). Page 1 keeps its room for the rest without leaving anything out:

- flags of the same kind with the same words share one line with their dates ("2026-02-04, 2026-02-18 · PHQ-2
  positive screen: PHQ-2 score 3 …"), except one typed in after its day or acknowledged apart from the others;
- how many flags there are and the page listing them all goes beside the heading with the screening status.
"""

from __future__ import annotations

from collections.abc import Sequence

from medjournal.i18n import _
from medjournal.report.pdf import pdf_flags
from medjournal.report.pdf.pdf_first_page import (
    ALERT,
    ALERT_BACKGROUND,
    HEADING,
    MUTED,
    acknowledged_note,
    callout,
    css,
)
from medjournal.report.pdf.pdf_text import URGENT_KINDS, day, h, safety_label
from medjournal.report.summary.summary_types import FlagDoc, SummaryDocument


def safety_html(data: SummaryDocument, full_list_page: int = 2) -> str:
    """The safety flags, then the screening status, which is printed even with no flag."""
    flags = data["safety"]["flags"]
    found = data["safety"]["screening"]
    lines = pdf_flags.page_one_screening(found["lines"] if found is not None else [], full_list_page)
    shown = pdf_flags.page_one_flags(flags)
    # More flags than page 1 lists: how many, and where all of them are, first beside the heading.
    beside = (
        [pdf_flags.page_one_note(len(flags), len(shown), full_list_page)] if len(shown) < len(flags) else []
    )
    if not flags:
        if not lines:
            return ""
        # No flag: one short paragraph (page 1 keeps its room), but never silence (docs/clinical.md §6.6).
        return (
            f'<p style="margin-top:{css(1)}; margin-bottom:0; font-size:small">'
            f'<b style="color:{HEADING}">'
            + h(_("Safety:"))
            + "</b> "
            + h(_("no flags in this period"))
            + " · "
            + " · ".join(h(line) for line in lines)
            + "</p>"
        )
    # Beside the heading, in small type: page 1 keeps its room for the rest.
    status = [*beside, *lines]
    screening = (
        f' <span style="font-size:small; font-weight:normal; color:#000000">{" ".join(h(x) for x in status)}</span>'
        if status
        else ""
    )
    items = []
    for group in same_flag_groups(shown):
        flag = group[-1]
        color = f"color:{ALERT}; " if flag["kind"] in URGENT_KINDS else ""
        dates = ", ".join(h(day(f["date"])) for f in group)
        items.append(
            f"<li><span style='{color}font-weight:bold'>{dates} · "
            f"{h(safety_label(flag['kind']))}</span>: {h(flag['detail'])}{_recorded_on(flag)}"
            f"{acknowledged_note(flag['acknowledged'])}</li>"
        )
    return callout(
        f'<p style="margin:0"><span style="font-size:large; font-weight:bold; color:{ALERT}">'
        + h(_("Safety flags: please review first ({count})").format(count=len(flags)))
        + f"</span>{screening}</p>"
        f'<ul style="margin-top:{css(2)}; margin-bottom:0; margin-left:{css(14)}; -qt-list-indent:0">'
        f"{''.join(items)}</ul>",
        ALERT,
        ALERT_BACKGROUND,
    )


def same_flag_groups(flags: Sequence[FlagDoc]) -> list[list[FlagDoc]]:
    """Page 1's flags with the same kind and the same words on one line with their dates, in the order of each
    group's first flag: five positive PHQ-2 screens of the same score are one line, not five. A flag typed in
    after its day stays on a line of its own with "(recorded on …)", and an acknowledged flag is never joined
    with one that is not."""
    groups: dict[object, list[FlagDoc]] = {}
    for index, flag in enumerate(flags):
        key = index if flag["recorded_on"] else (flag["kind"], flag["detail"], flag["acknowledged"])
        groups.setdefault(key, []).append(flag)
    return list(groups.values())


def _recorded_on(flag: FlagDoc) -> str:
    """An answer typed in after the day it is about says so (it is dated by its own day)."""
    later = flag["recorded_on"]
    said = _("(recorded on {date})").format(date=day(later)) if later else ""
    return f" <span style='color:{MUTED}'>{h(said)}</span>" if later else ""
