"""Words and numbers for the printed summary: formatting helpers shared by the page builders.

Numbers arrive already computed (docs/clinical.md §5) in the summary's JSON form; this module only writes
them down: means with one decimal, percentages whole, a true minus sign, dates as YYYY-MM-DD.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Any

from medjournal.domain import instruments

MINUS = "\u2212"
DASH = "\u2013"

SAFETY_LABELS = {
    "phq9_item9": "PHQ-9 item 9 above 0",
    "self_harm_question": "Thoughts of self-harm: answered yes",
    "phq9_severe": "PHQ-9 15 or more",
    "phq9_moderate": "PHQ-9 10 or more",
    "mood_side_effect": "Mood side effect, moderate or severe",
    "phq2_positive": "PHQ-2 positive screen",
    "gad2_positive": "GAD-2 positive screen",
    "mood_fall": "Mood fell 3+ points",
    "antidepressant_stopped": "Antidepressant stopped",
    "missed_doses": "No dose recorded as taken, 2+ days in a row",
    "doses_not_logged": "No dose logged, 2+ days in a row",
    "lower_dose": "Lower dose than prescribed",
}
URGENT_KINDS = ("phq9_item9", "self_harm_question")

INSTRUMENT_LABELS = {key: instruments.short_name(inst) for key, inst in instruments.INSTRUMENTS.items()}


def h(value: object) -> str:
    """Escape text for Qt's HTML subset."""
    return escape("" if value is None else str(value))


def number(value: Any, decimals: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{float(value):.{decimals}f}"
    return text.replace("-", MINUS)


def decimals_shown(value: Any) -> int:
    """The decimals a number from the summary JSON carries (``-29.6`` → 1, ``-36`` → 0): a change in % keeps
    the decimals the domain chose so that it never contradicts its category (domain.response.percent_decimals).
    """
    fraction = repr(float(value)).partition(".")[2]
    return 0 if fraction in ("", "0") else len(fraction)


def percent_change(value: Any) -> str:
    """A change in % from the summary JSON, signed, with the decimals it was given (``−29.6%``, ``+12%``)."""
    return signed(value, decimals_shown(value), "%")


def signed(value: Any, decimals: int = 1, suffix: str = "") -> str:
    if value is None:
        return "–"
    amount = float(value)
    text = f"{abs(amount):.{decimals}f}{suffix}"
    if round(amount, decimals) == 0:
        return text
    return ("+" if amount > 0 else MINUS) + text


def percent(value: Any) -> str:
    return "–" if value is None else f"{round(float(value)):d}%"


def dose_text(dose: Any, unit: str | None) -> str:
    if dose is None:
        return ""
    amount = float(dose)
    shown = f"{amount:g}"
    return f"{shown} {unit or ''}".strip()


def safety_label(kind: str) -> str:
    return SAFETY_LABELS.get(kind, kind.replace("_", " ").capitalize() or "Flag")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def is_whole_pdf(path: Path) -> bool:
    """Qt reports no write error: a PDF cut short by a full disk lacks its end-of-file marker."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 1024))
            tail = handle.read()
    except OSError:
        return False
    return size > 0 and b"%%EOF" in tail
