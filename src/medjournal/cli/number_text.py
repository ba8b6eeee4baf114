"""Numbers in the command line's sentences: as they are typed ("7.5", "0.25"), with the decimal sign of the
language in use ("7,5" in German), like the rest of the sentence (docs/translating.md, "The command line")."""

from __future__ import annotations

from medjournal import i18n


def number_text(value: float) -> str:
    """``value`` without trailing zeros, its decimal sign the locale's: 7.5 → "7.5", German "7,5"; 30.0 → "30"."""
    return i18n.format_amount(value)
