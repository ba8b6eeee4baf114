"""Options that take words (docs/command-line.md, "Words in your language"): ``--severity mild``, ``--self-harm
no``. The English words always work (scripts rely on them); the words the window shows in the language in use
work too (``--severity mittel`` in German), and a word that is neither is refused with the accepted words listed
in that language. Words are read after the journal is open, so its ``language`` setting counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medjournal import i18n
from medjournal.domain.errors import ValidationError
from medjournal.i18n import _

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def word_index(text: str, words: Sequence[str]) -> int | None:
    """The position of ``text`` among ``words`` (English msgids), read in English or in the language in use,
    whatever its case and spacing; None when it is none of them."""
    wanted = " ".join(text.split()).casefold()
    for position, word in enumerate(words):
        if wanted in (word.casefold(), _(word).casefold()):
            return position
    return None


def one_of(words: Sequence[str]) -> str:
    """``words`` in the language in use as an "or" list: "none, mild, moderate, or severe", "keine, leicht,
    mittel oder schwer"."""
    from babel.lists import format_list

    return format_list([_(word) for word in words], style="or", locale=i18n.formatting_locale())


def severity_value(text: str, words: Sequence[str]) -> str | int:
    """A side effect's severity: one of ``words`` (0 for the first), or a number, which the Journal API checks."""
    found = word_index(text, words)
    if found is not None:
        return found
    if _NUMBER.match(text.strip()):
        return text
    raise ValidationError(
        # Translators: {words} is the list of severities in your language ("keine, leicht, mittel oder schwer").
        _("The severity {value} is not known; write {words} (or 0 to {top}).").format(
            value=repr(text), words=one_of(words), top=len(words) - 1
        ),
        "severity",
    )


def yes_no(text: str | None) -> bool | None:
    """An answer of yes or no (in English or in the language in use); None when not given."""
    if text is None:
        return None
    found = word_index(text, YES_NO)
    if found is None:
        raise ValidationError(
            _("The answer {value} is not understood; answer {words}.").format(
                value=repr(text), words=one_of(YES_NO)
            ),
            "self_harm_thoughts",
        )
    return found == 0


YES_NO = (i18n.N_("yes"), i18n.N_("no"))
