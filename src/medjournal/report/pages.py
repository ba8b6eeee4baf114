"""Which pages to print and how the outcome is said; no Qt here, so the command line checks --pages and
--copies before anything is loaded. Rules: docs/summary.md, "Printing"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from medjournal.domain.errors import ValidationError

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
            return f"Saved {pages} to {self.file}."
        copies = f", {self.copies} copies" if self.copies > 1 else ""
        return f"Sent {pages} to the printer “{self.printer}”{copies}."


def pages_words(pages: tuple[int, ...], count: int) -> str:
    """ "page 1 of 6", "pages 2–4 of 6", "all 6 pages"."""
    if len(pages) == count and count > 1:
        return f"all {count} pages"
    if len(pages) == 1:
        return f"page {pages[0]} of {count}"
    if list(pages) == list(range(pages[0], pages[-1] + 1)):
        return f"pages {pages[0]}–{pages[-1]} of {count}"
    return f"pages {', '.join(map(str, pages))} of {count}"


Ranges = tuple[tuple[int, int], ...]  # 1-based (first, last) pairs; None means every page


def parse_pages(text: str | None) -> Ranges | None:
    """``--pages`` (or CUPS's page-ranges): "all" (None), "N", "N-M" or a comma list such as "1,3-4"."""
    if text is None or text.strip().lower() in ("", "all"):
        return None
    ranges = []
    for part in text.split(","):
        match = PAGES_FORMAT.match(part)
        if not match:
            raise ValidationError(f"The pages {text!r} are not 1, all or a range such as 2-4.", "pages")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise ValidationError(
                f"The pages {text!r} must start at 1 or later and not run backwards.", "pages"
            )
        ranges.append((first, last))
    return tuple(ranges)


def choose_pages(chosen: Ranges | None, count: int) -> tuple[int, ...]:
    """The page numbers to print, in order; one clear sentence when none of the chosen pages exists."""
    if chosen is None:
        return tuple(range(1, count + 1))
    pages = sorted({page for first, last in chosen for page in range(first, min(last, count) + 1)})
    if not pages:
        has = "1 page" if count == 1 else f"{count} pages"
        raise ValidationError(f"The summary has {has}; the pages chosen are not among them.", "pages")
    return tuple(pages)
