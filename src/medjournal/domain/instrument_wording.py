"""Questionnaires in another language, only in their published official translation (docs/translating.md).

A validated questionnaire is not translated by the project: its wording is part of what was validated. Where the
authors publish an official translation it is bundled here, word for word, with its attribution; where none is
bundled the English original is shown and says so. Answers are stored as numbers, so a questionnaire answered in
German and one answered in English are scored and compared the same way.

    >>> from medjournal.domain.instruments import instrument
    >>> shown = localized(instrument("phq9"), "de")
    >>> shown.instrument.items[0].text, shown.note
    ('Wenig Interesse oder Freude an Ihren Tätigkeiten', '')
    >>> localized(instrument("peg"), "de").official
    False
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from medjournal.domain.instruments import Instrument, short_name
from medjournal.i18n import N_, _

# PHQ-D (German PHQ, including the GAD-7): B. Löwe, R. L. Spitzer, S. Zipfel, W. Herzog, Gesundheitsfragebogen für
# Patienten (PHQ-D), Medizinische Universitätsklinik Heidelberg. Like the English PHQ: no permission required to
# reproduce, translate, display or distribute.
_PHQ_D_STEM = (
    "Wie oft fühlten Sie sich im Verlauf der letzten 2 Wochen durch die folgenden Beschwerden beeinträchtigt?"
)
_PHQ_D_CHOICES = (
    "Überhaupt nicht",
    "An einzelnen Tagen",
    "An mehr als der Hälfte der Tage",
    "Beinahe jeden Tag",
)
_PHQ_D_ITEMS = (
    "Wenig Interesse oder Freude an Ihren Tätigkeiten",
    "Niedergeschlagenheit, Schwermut oder Hoffnungslosigkeit",
    "Schwierigkeiten ein- oder durchzuschlafen oder vermehrter Schlaf",
    "Müdigkeit oder Gefühl, keine Energie zu haben",
    "Verminderter Appetit oder übermäßiges Bedürfnis zu essen",
    "Schlechte Meinung von sich selbst; Gefühl, ein Versager zu sein oder die Familie enttäuscht zu haben",
    "Schwierigkeiten, sich auf etwas zu konzentrieren, z. B. beim Zeitunglesen oder Fernsehen",
    "Waren Ihre Bewegungen oder Ihre Sprache so verlangsamt, dass es auch anderen auffallen würde? Oder waren Sie "
    "im Gegenteil „zappelig“ oder ruhelos und hatten dadurch einen stärkeren Bewegungsdrang als sonst?",
    "Gedanken, dass Sie lieber tot wären oder sich Leid zufügen möchten",
)
_GAD_D_ITEMS = (
    "Nervosität, Ängstlichkeit oder Anspannung",
    "Nicht in der Lage sein, Sorgen zu stoppen oder zu kontrollieren",
)
_PHQ_D_ATTRIBUTION = (
    "Deutsche Übersetzung und Validierung (PHQ-D): B. Löwe, R. L. Spitzer, S. Zipfel, W. Herzog, "
    "Medizinische Universitätsklinik Heidelberg. Original: Drs. Robert L. Spitzer, Janet B.W. Williams, "
    "Kurt Kroenke und Kollegen, mit einer Förderung von Pfizer Inc. Keine Genehmigung zur Vervielfältigung, "
    "Übersetzung, Anzeige oder Verbreitung erforderlich."
)


@dataclass(frozen=True)
class Translation:
    stem: str
    items: tuple[str, ...]
    choices: tuple[str, ...]
    attribution: str


OFFICIAL: dict[tuple[str, str], Translation] = {
    ("phq9", "de"): Translation(_PHQ_D_STEM, _PHQ_D_ITEMS, _PHQ_D_CHOICES, _PHQ_D_ATTRIBUTION),
    ("phq2", "de"): Translation(_PHQ_D_STEM, _PHQ_D_ITEMS[:2], _PHQ_D_CHOICES, _PHQ_D_ATTRIBUTION),
    ("gad2", "de"): Translation(_PHQ_D_STEM, _GAD_D_ITEMS, _PHQ_D_CHOICES, _PHQ_D_ATTRIBUTION),
}


@dataclass(frozen=True)
class Shown:
    """The questionnaire as it is shown: translated, or the English original with a note saying so."""

    instrument: Instrument
    official: bool
    note: str  # "" for the original language or an official translation; else a note, in the language in use


ENGLISH_ORIGINAL = N_("English original: no official translation of {title} in this language is bundled.")


def localized(inst: Instrument, language: str) -> Shown:
    """``inst`` in ``language`` ("de", "de_AT", "en", ...) where an official translation is bundled."""
    base = language.replace("-", "_").split("_")[0]
    if base in ("en", "x"):  # English, and the test pseudo-locale ("x-pseudo")
        return Shown(inst, official=True, note="")
    translation = OFFICIAL.get((inst.key, base))
    if translation is None:
        return Shown(inst, official=False, note=_(ENGLISH_ORIGINAL).format(title=short_name(inst)))
    items = tuple(
        replace(item, text=text, anchors=translation.choices if len(item.anchors) > 2 else item.anchors)
        for item, text in zip(inst.items, translation.items, strict=True)
    )
    return Shown(
        replace(inst, stem=translation.stem, items=items, attribution=translation.attribution), True, ""
    )
