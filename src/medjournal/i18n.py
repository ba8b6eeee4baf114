"""One translation system for the window, the warnings, the PDF and the command line's messages. No Qt.

Messages go through GNU gettext (the standard library's ``gettext`` reading compiled ``.mo`` catalogues from
``medjournal/locale/<language>/LC_MESSAGES/medjournal.mo``); Babel extracts them from the source, keeps the
catalogues and formats dates and numbers by locale. docs/translating.md says how to add a language.

    >>> set_language("en")
    'en'
    >>> ngettext("{n} day", "{n} days", 3).format(n=3)
    '3 days'
    >>> format_decimal(7.5)
    '7.5'

Rules for code:

- Wrap every user-visible literal: ``_("Saved.")``; with a number, ``ngettext("{n} dose", "{n} doses", n)``, never
  a hand-made plural; texts with values use named ``{placeholders}`` so a translation may reorder them.
- A text defined at import time (a table of labels) is marked with ``N_("...")`` and translated where it is shown
  with ``_(LABEL)``, so changing the language takes effect without re-importing anything.
- Dates, times and numbers shown to people go through ``format_date``, ``format_time`` and ``format_decimal``;
  the command line's ISO input and JSON output stay ISO (not formatted here).
"""

from __future__ import annotations

import functools
import gettext
import math
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path

DOMAIN = "medjournal"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"
PSEUDO = "x-pseudo"  # for tests: every translated text accented and 40% longer
# Locales that write numbers as plain English does (a point, a comma every three digits, a hyphen): numbers are
# written for them without loading Babel (tests/test_i18n_numbers.py holds each to Babel's own output).
PLAIN_ENGLISH = frozenset({"en", "en_US", "en_GB", "en_AU", "en_CA", "en_IE", "en_NZ"})

_state = threading.local()
# (catalogue language, its translations, the locale for dates and numbers: "en_GB" keeps British dates,
# whether days inside sentences stay ISO: the command line's)
_State = tuple[str, gettext.NullTranslations, str, bool]
_default: _State = (SOURCE_LANGUAGE, gettext.NullTranslations(), "en", False)


def _active() -> _State:
    return getattr(_state, "active", None) or _default


def _format_locale(requested: str | None, chosen: str) -> str:
    """The requested locale when it belongs to the chosen language (``en_GB`` for English), else the language."""
    if chosen == PSEUDO:
        return SOURCE_LANGUAGE
    requested = (requested or "").replace("-", "_")
    if requested.split("_")[0] == chosen.split("_")[0] and requested:
        return requested  # checked against Babel's locales when something is first formatted (_babel_locale)
    return chosen


@functools.cache
def _known_locale(requested: str, chosen: str) -> str:
    """``requested`` when Babel knows it, else ``chosen``: Babel is loaded only by a command that formats."""
    if requested == chosen or requested in PLAIN_ENGLISH:
        return requested
    try:
        from babel import Locale

        Locale.parse(requested)
        return requested
    except (ValueError, LookupError):
        return chosen


def available_languages() -> list[str]:
    """English and every language with a compiled catalogue, e.g. ``['de', 'en']``."""
    found = {SOURCE_LANGUAGE}
    if LOCALE_DIR.is_dir():
        found |= {
            folder.name
            for folder in LOCALE_DIR.iterdir()
            if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
        }
    return sorted(found)


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The person's language from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), as gettext reads it.

    >>> system_language({"LANG": "de_DE.UTF-8"})
    'de_DE'
    >>> system_language({"LANGUAGE": "fr:de", "LANG": "C.UTF-8"})
    'fr'
    >>> system_language({})
    'en'
    """
    env = os.environ if environ is None else environ
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        first = value.split(":")[0].split(".")[0].split("@")[0]
        if first and first not in ("C", "POSIX"):
            return first
    return SOURCE_LANGUAGE


def system_territory(environ: Mapping[str, str] | None = None) -> str | None:
    """The territory of the system's locale (LC_ALL, LC_MESSAGES, LANG, then each of LANGUAGE's entries): the
    first that names one, upper case, or None.

    >>> system_territory({"LANGUAGE": "de", "LANG": "de_AT.UTF-8"})
    'AT'
    >>> system_territory({"LANGUAGE": "de_CH:de", "LANG": "C.UTF-8"})
    'CH'
    >>> system_territory({"LANG": "de.UTF-8"}) is None
    True
    """
    env = os.environ if environ is None else environ
    values = [env.get(key, "") for key in ("LC_ALL", "LC_MESSAGES", "LANG")]
    values += env.get("LANGUAGE", "").split(":")
    for value in values:
        parts = value.split(".")[0].split("@")[0].replace("-", "_").split("_")
        if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isalpha():
            return parts[1].upper()
    return None


def supported(code: str | None) -> str:
    """The catalogue to use for ``code``: itself, its base language (``de_AT`` → ``de``), or English."""
    if not code:
        return SOURCE_LANGUAGE
    if code == PSEUDO:
        return PSEUDO
    code = code.replace("-", "_")
    languages = available_languages()
    for candidate in (code, code.split("_")[0]):
        if candidate in languages:
            return candidate
    return SOURCE_LANGUAGE


def _load(code: str) -> gettext.NullTranslations:
    if code == PSEUDO:
        return _PseudoTranslations()
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return _Deferred(code)


def _catalogue(code: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


class _Deferred(gettext.NullTranslations):
    """A language's catalogue, read when its first message is translated: the command line chooses the person's
    language as it starts, and a command that prints only JSON (``today --json``, called every minute by status
    bars) then never reads the catalogue."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self._code = code
        self._read: gettext.NullTranslations | None = None

    def _translations(self) -> gettext.NullTranslations:
        if self._read is None:
            self._read = _catalogue(self._code)
        return self._read

    def gettext(self, message: str) -> str:
        return self._translations().gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._translations().ngettext(msgid1, msgid2, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._translations().pgettext(context, message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._translations().npgettext(context, msgid1, msgid2, n)


def set_language(code: str | None) -> str:
    """Use ``code`` (or its nearest catalogue) from now on, in every thread that has not chosen its own.
    Returns the language in use."""
    global _default
    chosen = supported(code)
    _default = (chosen, _load(chosen), _format_locale(code, chosen), False)
    _state.active = None
    return chosen


def language() -> str:
    """The language in use, e.g. ``'de'``."""
    return _active()[0]


@contextmanager
def use_language(code: str | None, iso_days: bool = False) -> Iterator[str]:
    """Translate in ``code`` inside the block (this thread only): the summary may be in the doctor's language.

    ``iso_days``: :func:`numeric_date` writes ``YYYY-MM-DD`` in every language (the command line's messages,
    whose dates are typed that way)."""
    previous = getattr(_state, "active", None)
    chosen = supported(code)
    _state.active = (chosen, _load(chosen), _format_locale(code, chosen), iso_days)
    try:
        yield chosen
    finally:
        _state.active = previous


def _(message: str) -> str:
    """The translation of ``message`` in the language in use."""
    return _active()[1].gettext(message)


def N_(message: str) -> str:
    """Marks ``message`` for extraction without translating it now (translate it where it is shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a text for the number ``n``, by the language's own plural rules."""
    return _active()[1].ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A translation told apart by ``context`` (the same English word with two meanings)."""
    return _active()[1].pgettext(context, message)


# -- formatting by locale --------------------------------------------------------------------------------


def _babel_locale() -> str:
    chosen, _translations, requested, _iso = _active()
    return _known_locale(requested, SOURCE_LANGUAGE if chosen == PSEUDO else chosen)


def formatting_locale() -> str:
    """The locale dates and numbers are written in, e.g. ``'de_DE'`` or ``'en_GB'``."""
    return _babel_locale()


def format_date(day: date, width: str = "medium") -> str:
    """A date for people: ``width`` is Babel's "short", "medium", "long" or "full", or a CLDR pattern.

    >>> with use_language("en"):
    ...     format_date(date(2026, 3, 15), "full")
    'Sunday, March 15, 2026'
    """
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, width, locale=_babel_locale())


def numeric_date(day: date) -> str:
    """A day inside a sentence, a table or a list, the window's and the PDF's alike: ``2026-03-15`` in English
    (the same for a reader in any English-speaking country), the locale's numeric form elsewhere ("15.03.2026"),
    and ``YYYY-MM-DD`` in every language where the command line speaks (``use_language(..., iso_days=True)``).
    The domain's sentences (warnings, safety flags, screening lines, the response's words) write their days
    with it as they are made, in the language in use (docs/translating.md, "Dates inside sentences").

    >>> with use_language("de"):
    ...     numeric_date(date(2026, 3, 15))
    '15.03.2026'
    >>> with use_language("de", iso_days=True):
    ...     numeric_date(date(2026, 3, 15))
    '2026-03-15'
    """
    chosen, _translations, _requested, iso = _active()
    if iso or chosen in (SOURCE_LANGUAGE, PSEUDO):
        return day.isoformat()
    return format_date(day, "medium")


def format_time(moment: time | datetime, width: str = "short") -> str:
    """A clock time for people (``08:00`` in German, ``8:00 AM`` in US English)."""
    from babel.dates import format_time as babel_format_time

    return babel_format_time(moment, width, locale=_babel_locale())


def format_decimal(value: float, digits: int = 1, fixed: bool = False) -> str:
    """A number with at most ``digits`` decimals (exactly ``digits`` when ``fixed``: a mean "6.0") and the
    locale's separator (``7,5`` in German)."""
    locale = _babel_locale()
    pattern = "#,##0" + ("." + ("0" if fixed else "#") * digits if digits > 0 else "")
    try:
        if locale in PLAIN_ENGLISH and math.isfinite(value):
            return _english_decimal(value, digits, fixed)
        from babel.numbers import format_decimal as babel_format_decimal

        return babel_format_decimal(value, format=pattern, locale=locale)
    except InvalidOperation:  # too many digits to round (1e+22 units): the short form, with the locale's sign
        from babel.numbers import get_decimal_symbol

        return f"{value:g}".replace(".", get_decimal_symbol(_babel_locale()))


def _english_decimal(value: float, digits: int, fixed: bool = False) -> str:
    """What Babel writes for ``value`` with the pattern ``#,##0.##`` (``digits`` of ``#``; of ``0`` when ``fixed``)
    in :data:`PLAIN_ENGLISH`, without loading Babel and its locale data (a window started in English formats its
    dose amounts with this): the value's shortest decimal form rounded half to even, a comma every three digits,
    no trailing zeros unless ``fixed``, a hyphen for any negative value (-0 included). tests/test_i18n_numbers.py
    holds it to Babel's own output."""
    number = Decimal(str(value))
    rounded = abs(number).normalize().quantize(Decimal(1).scaleb(-digits))
    whole, _, fraction = f"{rounded:f}".partition(".")
    fraction = fraction if fixed else fraction.rstrip("0")
    return ("-" if number.is_signed() else "") + f"{int(whole):,}" + ("." + fraction if fraction else "")


def format_amount(value: float) -> str:
    """An amount as typed (a dose: ``7.5``, ``0.25``, ``1000``): its significant digits, no thousands separator,
    the locale's decimal separator (``7,5`` in German).

    >>> with use_language("de"):
    ...     format_amount(7.5), format_amount(1000.0)
    ('7,5', '1000')
    """
    text = f"{value:g}"
    if "." not in text or _babel_locale() in PLAIN_ENGLISH:
        return text
    from babel.numbers import get_decimal_symbol

    return text.replace(".", get_decimal_symbol(_babel_locale()))


def parse_decimal(text: str) -> float:
    """A number typed by a person: the locale's separator or a plain point. Raises ValueError otherwise.

    >>> with use_language("en"):
    ...     parse_decimal("7.5")
    7.5
    """
    from babel.numbers import NumberFormatError
    from babel.numbers import parse_decimal as babel_parse_decimal

    cleaned = text.strip()
    try:
        return float(babel_parse_decimal(cleaned, locale=_babel_locale(), strict=True))
    except (NumberFormatError, InvalidOperation, ValueError):
        pass
    try:
        return float(Decimal(cleaned))
    except InvalidOperation:
        raise ValueError(text) from None


# -- the pseudo-locale -------------------------------------------------------------------------------------

_ACCENTED = str.maketrans("aeiouyAEIOUYcnszSZ", "àéîõüÿÀÉÎÕÜŸçñšžŠŽ")


def pseudo(message: str) -> str:
    """``message`` accented and padded to 140% of its length, its {placeholders}, percent codes (%s), <tags> and
    &-accelerators kept, so a test can tell a translated text from one that never went through gettext.

    >>> pseudo("Save {name}")
    '⟦Šàvé {name}····⟧'
    """
    out: list[str] = []
    depth = 0
    after_percent = False
    for char in message:
        if char in "{<":
            depth += 1
        out.append(char if depth or after_percent or char == "%" else char.translate(_ACCENTED))
        after_percent = char == "%" and not after_percent
        if char in "}>" and depth:
            depth -= 1
    padding = "·" * max(1, (len(message) * 2) // 5)
    return "⟦" + "".join(out) + padding + "⟧"


class _PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, _context: str, message: str) -> str:
        return pseudo(message)
