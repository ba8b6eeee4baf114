"""Timing helper for the 90-day doctor summary: the JSON and the PDF built from a given journal.

For the benchmarks (docs/design.md §5: a 90-day PDF summary ≤ 1 s, and ≤ 1.5 × the same summary from a journal that
holds only those 90 days). Figures are medians of ``repeat`` runs in this process, in milliseconds; the first
PDF of a process also pays for loading fonts, so one warm-up run is made and left out.

    python benchmarks/bench_summary.py /tmp/ten-years.db --end 2026-03-15
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

DAYS = 90


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def time_summary(
    journal: Any,
    end: date | None = None,
    days: int = DAYS,
    repeat: int = 5,
    pdf_path: Path | None = None,
    pdf_only: bool = False,
) -> dict[str, float]:
    """Median milliseconds to build the ``days``-day summary ending ``end`` (default: the journal's today).

    Returns ``json`` (build_summary + to_json), ``layout`` (pages laid out, chart drawn), ``pdf`` (summary,
    layout and the file written, as ``medjournal report -o`` does) and ``pages``; with ``pdf_only``, ``pdf``
    alone (the same warm-up and samples; ``benchmarks/run.py --quick``, which reads no other).
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from medjournal.report.pdf.pdf import ensure_application, layout_summary, save_pdf, write_pdf
    from medjournal.report.summary.summary import build_summary

    ensure_application()
    last = end or journal.today()
    first = last - timedelta(days=days - 1)
    folder = None
    if pdf_path is None:
        folder = tempfile.TemporaryDirectory()
        pdf_path = Path(folder.name) / "summary.pdf"
    scratch = tempfile.TemporaryDirectory()  # each PDF to a new name: outputs never replace a file
    written = itertools.count()

    def write_new() -> None:
        target = Path(scratch.name) / f"summary-{next(written)}.pdf"
        write_pdf(build_summary(journal, first, last), target, journal)
        target.unlink()

    try:
        write_new()  # warm-up: fonts, Qt plugins
        if pdf_only:
            return {"pdf": _median_ms(write_new, repeat)}
        report = build_summary(journal, first, last)
        json_ms = _median_ms(lambda: build_summary(journal, first, last).to_json(), repeat)

        def layout_only() -> None:
            layout_summary(report, journal).release()

        layout_ms = _median_ms(layout_only, repeat)
        pdf_ms = _median_ms(write_new, repeat)
        laid_out = layout_summary(report, journal)
        pages = laid_out.page_count
        save_pdf(laid_out, pdf_path)
        laid_out.release()
    finally:
        scratch.cleanup()
        if folder is not None:
            folder.cleanup()
    return {"json": json_ms, "layout": layout_ms, "pdf": pdf_ms, "pages": float(pages)}


def json_turns(
    paths: dict[str, Path], clock: Any, end: date, days: int = DAYS, samples: int = 21
) -> dict[str, float]:
    """Median milliseconds of the ``days``-day summary JSON (build_summary + to_json) from each journal of
    ``paths``, the journals open side by side and taking turns sample by sample, the first one first in even
    turns: a busy spell of a shared machine, or a collection that happens to fall in one sample, then falls on
    each journal alike. One untimed build of each first (the file cache, the first read of each table); the
    garbage left by a benchmark's earlier steps is collected before the samples, so that collecting it is not
    counted as this summary's (its own collections still are)."""
    import gc

    from medjournal.report.summary.summary import build_summary
    from medjournal.storage.journal import open_journal

    first = end - timedelta(days=days - 1)
    journals = {name: open_journal(path, clock) for name, path in paths.items()}
    times: dict[str, list[float]] = {name: [] for name in journals}
    try:
        for journal in journals.values():
            build_summary(journal, first, end).to_json()
        gc.collect()
        for number in range(samples):
            names = list(journals) if number % 2 == 0 else list(journals)[::-1]
            for name in names:
                started = time.perf_counter()
                build_summary(journals[name], first, end).to_json()
                times[name].append((time.perf_counter() - started) * 1000)
    finally:
        for journal in journals.values():
            journal.close()
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal", type=Path)
    parser.add_argument("--end", type=date.fromisoformat, default=None, help="last day (default: today)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from medjournal.domain.clock import FixedClock
    from medjournal.storage import open_journal

    end = args.end or date.today()
    clock = FixedClock(datetime.combine(end, datetime.min.time()).astimezone().replace(hour=22))
    journal = open_journal(args.journal, clock)
    try:
        figures = time_summary(journal, end, repeat=args.repeat)
    finally:
        journal.close()
    for name, value in figures.items():
        print(f"{name:>7}: {value:8.1f}" + ("" if name == "pages" else " ms"))


if __name__ == "__main__":
    main()
