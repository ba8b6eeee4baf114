"""The German walk's eyes: visible texts that are an English message whose German translation differs, so the
person reads English where German exists (docs/translating.md, "The German walk"). Used by
tests/ui/test_german_walk.py."""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel.messages.pofile import read_po

from medjournal.i18n import DOMAIN, LOCALE_DIR

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[^\W\d_]{3,}")  # a word of three letters or more


def german_catalogue() -> dict[str, str]:
    """English message → its German translation, for every message German words differently (a plural's
    English forms each → the German form of the same number)."""
    with (LOCALE_DIR / "de" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        catalogue = read_po(po, locale="de")
    found: dict[str, str] = {}
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for english, german in zip(ids, strings, strict=False):  # English: one, other; German: one, other
            if english and german and german != english and not message.fuzzy:
                found[str(english)] = str(german)
    return found


def _pattern(english: str, any_words: bool = False) -> re.Pattern[str] | None:
    """A message with ``{placeholders}`` as a pattern matching it filled in; None when it has no word of its own
    outside the placeholders (``{status} {time}`` would match anything) unless ``any_words``."""
    parts = _PLACEHOLDER.split(english)
    if len(parts) == 1 or not (any_words or _WORD.search(" ".join(parts))):
        return None
    return re.compile(".+?".join(re.escape(part) for part in parts))


# Words of English that German does not have: a German text with one of them left in it (once the person's
# own words, the validated questionnaires' wording and the sources' titles are taken out) was made in English.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|with|your|you|since|after|before|days|weeks|this|that|have|has|of|to|for|or|on|is|are)\b",
    re.IGNORECASE,
)


def english_words(text: str) -> list[str]:
    return ENGLISH_WORDS.findall(text)


class EnglishLeft:
    """Finds the texts shown in English although German has them: a text that is an English message German
    translates (filled in or not), or a text with English words left once ``own`` (what the person typed, the
    validated wording, the names of services and sources) is taken out."""

    def __init__(
        self, own: Iterable[str] = (), kept: Iterable[str] = (), catalogue: dict[str, str] | None = None
    ) -> None:
        """``own``: texts shown as they are; ``kept``: lines shown as they are, with {placeholders} for any text
        (the PGIC's stem filled in, "Quelle: {source}" with a source's title as published)."""
        self.catalogue = german_catalogue() if catalogue is None else catalogue
        self.plain = {english for english in self.catalogue if not _PLACEHOLDER.search(english)}
        self.shown = {english.replace("&", "") for english in self.plain}  # "&Save" is drawn "Save"
        patterns = ((english, _pattern(english)) for english in self.catalogue if english not in self.plain)
        self.patterns = [(english, pattern) for english, pattern in patterns if pattern is not None]
        own = list(own)
        self.own = sorted({text for text in own if len(text) >= 3}, key=len, reverse=True)
        self.kept = [_pattern(text, any_words=True) for text in [*kept, *own] if _PLACEHOLDER.search(text)]

    def without_own(self, text: str) -> str:
        for item in self.own:
            text = text.replace(item, "\0")
        return text

    def message_of(self, text: str) -> str | None:
        """The English message ``text`` is, or None when it is none (or German words it the same)."""
        text = text.strip()
        if any(pattern is not None and pattern.fullmatch(text) for pattern in self.kept):
            return None
        text = self.without_own(text)
        if text in self.plain or text in self.shown:
            return text
        for english, pattern in self.patterns:
            if pattern.fullmatch(text):
                return english
        words = english_words(text)
        return "English words: " + ", ".join(words) if words else None

    def find(self, texts: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
        """(where, line, what it is) for each line of a text that is English."""
        found = []
        for where, text in texts:
            for line in text.splitlines() or [text]:
                english = self.message_of(line)
                if english is not None:
                    found.append((where, line, english))
        return found
