"""The "How these numbers are computed" note and the caveats printed with every response (docs/clinical.md §5).

Kept in one place so the PDF, the window and docs/methods.md say the same thing as the code does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from medjournal.domain.response import MIN_PEG_DAYS, MIN_RATED_DAYS, WINDOW_DAYS
from medjournal.i18n import N_, _, ngettext

# Each paragraph is one message for translators; {window_days}, {min_rated_days} and {min_peg_days} are filled
# in from domain/response.py where the text is used, so the words always state the rule the code applies.
METHOD_PARAGRAPHS: tuple[str, ...] = (
    N_(
        "Daily pain is the mean of that day's 0–10 ratings (higher = worse). Days without a rating are "
        "missing, never counted as zero. Mood and sleep are 0–10, higher = better."
    ),
    N_(
        "Baseline: the {window_days} days before the medication's start date. Current: the last {window_days} "
        "days of this summary's period (only the days on the medication, if it started less than "
        "{window_days} days before the end). Each needs at least {min_rated_days} rated days; otherwise it "
        'says "not enough data" with the number of rated days.'
    ),
    N_(
        "Change = current mean − baseline mean (points); change % = change / baseline mean × 100 (not defined "
        "when the baseline mean is 0). Categories (IMMPACT; Dworkin 2008, Ostelo 2008): −50% or less "
        "substantial improvement; over −50% to −30% meaningful improvement; over −30% to −10% minimal "
        "improvement; between −10% and +10% no clear change; +10% or more worse. A change of 2 points or more "
        "is the minimal important change for back pain on the 0–10 scale."
    ),
    N_(
        "Means are rounded to 1 decimal and percentages to whole numbers only for display; categories are "
        "judged on the exact, unrounded values."
    ),
    N_(
        "A medication started more than a year before the period has no recent baseline: no change is "
        "computed, only the last {window_days} days are shown."
    ),
    N_(
        "PEG is the mean of its three answers (0–10); a PEG window needs {min_peg_days} score, as the PEG is "
        "weekly."
    ),
    N_(
        "Adherence counts the scheduled doses of the period whose time has passed (a dose still due within 2 "
        "hours is not counted yet). Percent = taken (on time or late) / scheduled × 100; a scheduled dose "
        'with no entry is "not recorded". The longest gap is the longest run of scheduled days without a dose '
        "logged as taken; a run with nothing logged is reported as not logged, never as missed. As-needed "
        "medications have no percentage."
    ),
    N_(
        'Side effects: days reported with a severity above 0 ("none" entries are not counted), mean and '
        'highest of each day\'s highest severity. "New since start" means reported on or after the start date '
        "and never in the {window_days} days before it."
    ),
    N_("Data completeness: days with a pain rating / days in the period."),
)

CAVEAT_PARAGRAPHS: tuple[str, ...] = (
    N_(
        "This is a before/after comparison in one person: it cannot show that the medication caused a change."
    ),
    N_("Back pain often improves on its own over weeks."),
    N_(
        "People tend to start a treatment during a flare, so later scores drift back toward their usual level "
        "(regression to the mean)."
    ),
    N_("In trials, about half of the people on placebo improved by 30%."),
    N_(
        "Other treatments (physical therapy, other painkillers), dose changes and missed doses affect the "
        "result."
    ),
    N_("Self-reported data can have gaps."),
)


def _numbers() -> dict[str, int]:
    return {"window_days": WINDOW_DAYS, "min_rated_days": MIN_RATED_DAYS, "min_peg_days": MIN_PEG_DAYS}


def methods() -> tuple[str, ...]:
    """The methods note, a paragraph each, in the language in use."""
    return tuple(_(text).format(**_numbers()) for text in METHOD_PARAGRAPHS)


def caveats() -> tuple[str, ...]:
    """The caveats, in the language in use."""
    return tuple(_(text) for text in CAVEAT_PARAGRAPHS)


def disclaimer() -> str:
    return _(DISCLAIMER)


# In English, as the code states them (docs/methods.md quotes these).
METHODS: tuple[str, ...] = tuple(text.format(**_numbers()) for text in METHOD_PARAGRAPHS)
CAVEATS: tuple[str, ...] = CAVEAT_PARAGRAPHS

DISCLAIMER = N_(
    "Self-reported data from a personal journal. medjournal shows what was logged; it does not give "
    "medical advice. Discuss any change with your doctor."
)

# Printed under the "Is it working?" result on page 1 (docs/clinical.md §5: caveats under the result, no causation).
CAVEAT_SHORT = N_(
    "Read with care: a before/after comparison in one person cannot show that the medication caused a "
    "change. Back pain often eases on its own, and after a flare scores drift back to usual (regression to "
    "the mean); about half of people on placebo in trials improved by 30%; other treatments, dose changes "
    "and missed doses affect the result; self-reported data can have gaps."
)


def not_checked_text(group: Sequence[Mapping[str, Any]]) -> str:
    """Medications the reviewed data does not know, in one short line for page 1."""
    names = ", ".join(str((w.get("medications") or [""])[0]) for w in group)
    return ngettext(
        "{names}: not known to medjournal, so combinations with it were not checked.",
        "{names}: not known to medjournal, so combinations with them were not checked.",
        len(group),
    ).format(names=names)
