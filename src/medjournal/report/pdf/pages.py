"""Which pages to print and how the outcome is said; no Qt here, so the command line checks --pages and
--copies before anything is loaded. Rules: docs/summary.md, "Printing"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from medjournal.domain.errors import ValidationError
from medjournal.i18n import _, ngettext

PAGES_FORMAT = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$")
MAX_COPIES = 99


@dataclass(frozen=True)
class PrintResult:
    """What was sent: to which printer (or file), which pages of how many, how many copies."""

    printer: str
    pages: tuple[int, ...]
    page_count: int
    copies: int = 1
    file: Path | None = None

    def sentence(self) -> str:
        pages = pages_words(self.pages, self.page_count)
        if self.file is not None:
            return _("Saved {pages} to {file}.").format(pages=pages, file=self.file)
        if self.copies > 1:
            return _("Sent {pages} to the printer “{printer}”, {copies} copies.").format(
                pages=pages, printer=self.printer, copies=self.copies
            )
        return _("Sent {pages} to the printer “{printer}”.").format(pages=pages, printer=self.printer)


def pages_words(pages: tuple[int, ...], count: int) -> str:
    """ "page 1 of 6", "pages 2–4 of 6", "all 6 pages"."""
    if len(pages) == count and count > 1:
        return _("all {count} pages").format(count=count)
    if len(pages) == 1:
        return _("page {number} of {count}").format(number=pages[0], count=count)
    if list(pages) == list(range(pages[0], pages[-1] + 1)):
        return _("pages {first}–{last} of {count}").format(first=pages[0], last=pages[-1], count=count)
    return _("pages {pages} of {count}").format(pages=", ".join(map(str, pages)), count=count)


Ranges = tuple[tuple[int, int], ...]  # 1-based (first, last) pairs; None means every page


def parse_pages(text: str | None) -> Ranges | None:
    """``--pages`` (or CUPS's page-ranges): "all" (None), "N", "N-M" or a comma list such as "1,3-4"."""
    if text is None or text.strip().lower() in ("", "all"):
        return None
    ranges = []
    for part in text.split(","):
        match = PAGES_FORMAT.match(part)
        if not match:
            raise ValidationError(
                _("The pages {pages} are not 1, all or a range such as 2-4.").format(pages=repr(text)),
                "pages",
            )
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise ValidationError(
                _("The pages {pages} must start at 1 or later and not run backwards.").format(
                    pages=repr(text)
                ),
                "pages",
            )
        ranges.append((first, last))
    return tuple(ranges)


def choose_pages(chosen: Ranges | None, count: int) -> tuple[int, ...]:
    """The page numbers to print, in order; one clear sentence when none of the chosen pages exists."""
    if chosen is None:
        return tuple(range(1, count + 1))
    pages = sorted({page for first, last in chosen for page in range(first, min(last, count) + 1)})
    if not pages:
        raise ValidationError(
            ngettext(
                "The summary has {n} page; the pages chosen are not among them.",
                "The summary has {n} pages; the pages chosen are not among them.",
                count,
            ).format(n=count),
            "pages",
        )
    return tuple(pages)
