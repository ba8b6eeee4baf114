"""Numbers in the command line's sentences: as they are typed ("7.5", "0.25"), with the decimal sign of the
language in use ("7,5" in German), like the rest of the sentence (docs/translating.md, "The command line")."""

from __future__ import annotations

from medjournal import i18n


def number_text(value: float) -> str:
    """``value`` without trailing zeros, its decimal sign the locale's: 7.5 → "7.5", German "7,5"; 30.0 → "30"."""
    text = f"{value:g}"
    if "." not in text or i18n.language() == i18n.SOURCE_LANGUAGE:
        return text
    from babel.numbers import get_decimal_symbol  # loaded only when a number has decimals

    return text.replace(".", get_decimal_symbol(i18n.formatting_locale()))
