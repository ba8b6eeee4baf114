"""Words and numbers for the printed summary: formatting helpers shared by the page builders.

Numbers arrive already computed (docs/clinical.md §5) in the summary's JSON form; this module only writes
them down: means with one decimal, percentages whole, a true minus sign, in the language the summary is made in
(docs/translating.md): the locale's decimal separator, and dates as ``YYYY-MM-DD`` in English (unambiguous for
a doctor in any English-speaking country) and in the locale's forms in other languages: long in headings and
sentences ("15. März 2026"), numeric in tables and lists ("15.03.2026"), where page 1 has little room.
"""

from __future__ import annotations

import os
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medjournal import i18n
from medjournal.domain import instruments
from medjournal.domain.effects import TREND_WORDS, Trend
from medjournal.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from medjournal.report.summary.summary_types import SideEffectDoc

MINUS = "\u2212"
DASH = "\u2013"

SAFETY_LABELS = {
    "phq9_item9": N_("PHQ-9 item 9 above 0"),
    "self_harm_question": N_("Thoughts of self-harm: answered yes"),
    "phq9_severe": N_("PHQ-9 15 or more"),
    "phq9_moderate": N_("PHQ-9 10 or more"),
    "mood_side_effect": N_("Mood side effect, moderate or severe"),
    "phq2_positive": N_("PHQ-2 positive screen"),
    "gad2_positive": N_("GAD-2 positive screen"),
    "mood_fall": N_("Mood fell 3+ points"),
    "antidepressant_stopped": N_("Antidepressant stopped"),
    "missed_doses": N_("No dose recorded as taken, 2+ days in a row"),
    "doses_not_logged": N_("No dose logged, 2+ days in a row"),
    "lower_dose": N_("Lower dose than prescribed"),
}
URGENT_KINDS = ("phq9_item9", "self_harm_question")

WARNING_LABELS = {
    "caution": N_("Caution"),
    "over_daily_maximum": N_("Above the daily maximum"),
    "lower_dose": N_("Lower dose"),
    "not_checked": N_("Not checked"),
}

INSTRUMENT_LABELS = {key: instruments.short_name(inst) for key, inst in instruments.INSTRUMENTS.items()}


def h(value: object) -> str:
    """Escape text for Qt's HTML subset."""
    return escape("" if value is None else str(value))


def _separator(text: str) -> str:
    """``text`` (digits with a point) with the decimal separator of the language in use ("7,5" in German)."""
    if i18n.language() == i18n.SOURCE_LANGUAGE:
        return text
    from babel.numbers import get_decimal_symbol

    return text.replace(".", get_decimal_symbol(i18n.formatting_locale()))


def number(value: Any, decimals: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{float(value):.{decimals}f}"
    return _separator(text).replace("-", MINUS)


def day(value: str | date | None) -> str:
    """A date in a table or a list: ``2026-03-15`` in English, the locale's numeric form elsewhere ("15.03.2026");
    "" for None."""
    return _day(value, "medium")


def long_day(value: str | date | None) -> str:
    """A date in a heading or a sentence: ``2026-03-15`` in English, the locale's long form elsewhere
    ("15. März 2026"); "" for None."""
    return _day(value, "long")


def _day(value: str | date | None, width: str) -> str:
    if value is None or value == "":
        return ""
    when = value if isinstance(value, date) else date.fromisoformat(value)
    if i18n.language() in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return when.isoformat()
    return i18n.numeric_date(when) if width == "medium" else i18n.format_date(when, width)


def short_day(value: str | date) -> str:
    """Month and day only, where the period gives the year: ``03-15`` in English, "15.3." in German."""
    when = value if isinstance(value, date) else date.fromisoformat(value)
    if i18n.language() in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return when.isoformat()[5:]
    from babel.dates import format_skeleton

    return format_skeleton("Md", when, locale=i18n.formatting_locale())


def weekday(value: date) -> str:
    """The abbreviated weekday ("Sun", "So.") by the locale, never the C library's."""
    return i18n.format_date(value, "EEE")


def decimals_shown(value: Any) -> int:
    """The decimals a number from the summary JSON carries (``-29.6`` → 1, ``-36`` → 0): a change in % keeps
    the decimals the domain chose so that it never contradicts its category (domain.response.percent_decimals).
    """
    fraction = repr(float(value)).partition(".")[2]
    return 0 if fraction in ("", "0") else len(fraction)


def percent_change(value: Any) -> str:
    """A change in % from the summary JSON, signed, with the decimals it was given (``−29.6%``, ``+12%``)."""
    if value is None:
        return "–"
    text = signed(value, decimals_shown(value))
    return percent_sign(text)


def signed(value: Any, decimals: int = 1, suffix: str = "") -> str:
    if value is None:
        return "–"
    amount = float(value)
    text = _separator(f"{abs(amount):.{decimals}f}") + suffix
    if round(amount, decimals) == 0:
        return text
    return ("+" if amount > 0 else MINUS) + text


def percent(value: Any) -> str:
    return "–" if value is None else percent_sign(f"{round(float(value)):d}")


def percent_sign(amount: str) -> str:
    """``amount`` with a percent sign as the language writes it ("43%", "43 %")."""
    # Translators: a percentage; German puts a narrow space before the sign ("43 %").
    return _("{amount}%").format(amount=amount)


def dose_text(dose: Any, unit: str | None) -> str:
    if dose is None:
        return ""
    return f"{i18n.format_amount(float(dose))} {unit or ''}".strip()


def safety_label(kind: str) -> str:
    if kind in SAFETY_LABELS:
        return _(SAFETY_LABELS[kind])
    return kind.replace("_", " ").capitalize() or _("Flag")


def count_of(n: int, singular: str, plural: str, **values: object) -> str:
    """``ngettext`` with ``{n}`` and any other placeholders filled in: ``count_of(3, "{n} day", "{n} days")``
    → "3 days". Values go in as given: escape text for HTML first where the message is markup."""
    return ngettext(singular, plural, n).format(n=n, **values)


def course_words(effect: SideEffectDoc) -> list[tuple[str, bool]]:
    """A side effect's course in the language in use, from its typed fields (the JSON's ``trend`` and ``stopped``,
    domain/effects.py ``Course``), the date in the locale's form: (words, whether they say it is new since the
    start, which page 1 sets in bold)."""
    words: list[tuple[str, bool]] = []
    if effect["trend"] is not None:
        trend = Trend(effect["trend"])
        words.append((_(TREND_WORDS[trend]), trend is Trend.NEW))
    if effect["stopped"]:
        words.append((_("stopped (last {date})").format(date=day(effect["last_date"])), False))
    return words


def word(text: str) -> str:
    """A word from the summary's fixed vocabulary (a response category, a treatment, a PHQ-9 band),
    in the language in use where the catalogue has it (marked where it is defined); other text as it is."""
    return _(text) if text else text


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
