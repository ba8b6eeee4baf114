"""Questionnaires the journal may embed (docs/clinical.md §2), with their exact wording and scoring.

Licensed instruments (Brief Pain Inventory, Oswestry, Roland-Morris, FIBSER, ASEC) are deliberately absent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from medjournal.domain.errors import ValidationError
from medjournal.domain.value import Value, record
from medjournal.i18n import N_, _, ngettext

PHQ_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
PHQ_CHOICES = ("Not at all", "Several days", "More than half the days", "Nearly every day")
PHQ_ATTRIBUTION = (
    "PHQ-9, PHQ-2 and GAD-2: developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."
)
PEG_ATTRIBUTION = (
    "PEG: Krebs EE, Lorenz KA, Bair MJ, et al. Development and initial validation of the PEG, a three-item scale "
    "assessing pain intensity and interference. J Gen Intern Med. 2009;24(6):733-738."
)
PGIC_ATTRIBUTION = "PGIC: Patient Global Impression of Change (public domain, NINDS Common Data Elements)."


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Item(Value):
    """One item of a questionnaire: its text, its range of answers and their labels."""

    text: str
    low: int
    high: int
    anchors: tuple[str, ...]  # either one label per value, or (low label, high label)


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Instrument(Value):
    """A questionnaire: its key, title, question stem and items."""

    key: str
    title: str
    stem: str
    items: tuple[Item, ...]
    scoring: str  # "mean" or "sum" or "single"
    cadence_days: int | None  # offered again this many days after the last answer; None: not periodic
    attribution: str
    menu_label: str  # the window's "Fill in a questionnaire" entry, marked for translation
    positive_at: float | None = None  # screening threshold, inclusive

    def score(self, answers: Sequence[int]) -> float:
        values = check_answers(self, answers)
        if self.scoring == "mean":
            return round(sum(values) / len(values), 4)
        return float(sum(values))

    @property
    def max_score(self) -> float:
        if self.scoring == "mean":
            return float(self.items[0].high)
        return float(sum(item.high for item in self.items))


_PEG_PAIN = ("What number best describes your pain on average in the past week?",)
_PEG_INTERFERENCE = (
    "What number best describes how, during the past week, pain has interfered with your enjoyment of life?",
    "What number best describes how, during the past week, pain has interfered with your general activity?",
)

PHQ9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or "
    "restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
GAD2_ITEMS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
)
PGIC_CHOICES = (
    "Very much improved",
    "Much improved",
    "Minimally improved",
    "No change",
    "Minimally worse",
    "Much worse",
    "Very much worse",
)


def _phq_item(text: str) -> Item:
    return Item(text=text, low=0, high=3, anchors=PHQ_CHOICES)


def _phq_family(
    key: str, title: str, texts: Sequence[str], cadence_days: int | None, positive_at: float, menu_label: str
) -> Instrument:
    """A PHQ-9, PHQ-2 or GAD-2: items answered 0–3 after the shared stem, scored as their sum."""
    return Instrument(
        key=key,
        title=title,
        stem=PHQ_STEM,
        items=tuple(_phq_item(text) for text in texts),
        scoring="sum",
        cadence_days=cadence_days,
        attribution=PHQ_ATTRIBUTION,
        menu_label=menu_label,
        positive_at=positive_at,
    )


# What an instrument asks, after its name in its title: marked for translation, for messages and labels in the
# person's language (display_title); the title itself is the instrument's English name.
PEG_ASKS = N_("pain, enjoyment of life, general activity")
PGIC_ASKS = N_("overall change since starting")

INSTRUMENTS: dict[str, Instrument] = {
    "peg": Instrument(
        key="peg",
        title=f"PEG: {PEG_ASKS}",
        stem="",
        items=(
            Item(_PEG_PAIN[0], 0, 10, ("No pain", "Pain as bad as you can imagine")),
            Item(_PEG_INTERFERENCE[0], 0, 10, ("Does not interfere", "Completely interferes")),
            Item(_PEG_INTERFERENCE[1], 0, 10, ("Does not interfere", "Completely interferes")),
        ),
        scoring="mean",
        cadence_days=7,
        attribution=PEG_ATTRIBUTION,
        menu_label=N_("PEG (pain, enjoyment, activity)"),
    ),
    "pgic": Instrument(
        key="pgic",
        title=f"PGIC: {PGIC_ASKS}",
        stem="Since starting {medication} on {date}, my overall status is:",
        items=(Item("Overall status", 1, 7, PGIC_CHOICES),),
        scoring="single",
        cadence_days=None,
        attribution=PGIC_ATTRIBUTION,
        menu_label=N_("PGIC (overall change)"),
    ),
    # The PHQ family: the same stem, answers and scoring (a sum); they differ in items, cadence and threshold.
    "phq2": _phq_family("phq2", "PHQ-2", PHQ9_ITEMS[:2], 14, positive_at=3, menu_label=N_("PHQ-2 (mood)")),
    "phq9": _phq_family(
        "phq9", "PHQ-9", PHQ9_ITEMS, None, positive_at=10, menu_label=N_("PHQ-9 (mood, full)")
    ),
    "gad2": _phq_family("gad2", "GAD-2", GAD2_ITEMS, 14, positive_at=3, menu_label=N_("GAD-2 (anxiety)")),
}

# The orders the instruments are shown in: the Trends view's charts and the window's questionnaire menu (the two
# depression screens side by side) and the summary (the screens before the PHQ-9 they may lead to). The
# periodic ones are offered on Today in the summary's order (domain/due.py).
CHART_ORDER = ("peg", "phq2", "phq9", "gad2", "pgic")
SUMMARY_ORDER = ("peg", "phq2", "gad2", "phq9", "pgic")
assert set(CHART_ORDER) == set(SUMMARY_ORDER) == set(INSTRUMENTS)

PGIC_WEEKS = (4, 8, 12)
PHQ9_SELF_HARM_ITEM = 9  # 1-based item number whose answer above 0 opens the safety panel


def instrument(key: str) -> Instrument:
    try:
        return INSTRUMENTS[key]
    except KeyError:
        raise ValidationError(
            _("Unknown questionnaire {key}; use one of: {keys}.").format(
                key=repr(key), keys=", ".join(INSTRUMENTS)
            ),
            "instrument",
        ) from None


def short_name(inst: Instrument) -> str:
    """The name people know ("PEG" for "PEG: pain, enjoyment of life, general activity"), to start messages."""
    return inst.title.split(":", 1)[0].strip()


def _what_it_asks(inst: Instrument) -> str:
    """The title's description in brackets, in the language in use (" (pain, enjoyment of life, general
    activity)", " (Schmerz, Lebensfreude, allgemeine Aktivität)"), if it has one."""
    _name, _colon, described = inst.title.partition(":")
    return f" ({_(described.strip())})" if described.strip() else ""


def display_title(inst: Instrument) -> str:
    """The title for a label or a message in the language in use: the name, then what it asks translated
    ("PEG: Schmerz, Lebensfreude, allgemeine Aktivität"); the PHQ family's titles are their names."""
    name, _colon, described = inst.title.partition(":")
    if not described.strip():
        return inst.title
    return _("{name}: {asks}").format(name=name.strip(), asks=_(described.strip()))


def check_answers(inst: Instrument, answers: Sequence[object]) -> list[int]:
    """Every answer must be a whole number inside its item's range, and there must be one per item."""
    name = short_name(inst)
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise ValidationError(_("{name} answers must be a list of numbers.").format(name=name), "answers")
    if len(answers) != len(inst.items):
        raise ValidationError(
            ngettext(
                "{name} needs {n} answer{what_it_asks}; got {got}.",
                "{name} needs {n} answers{what_it_asks}; got {got}.",
                len(inst.items),
            ).format(name=name, n=len(inst.items), what_it_asks=_what_it_asks(inst), got=len(answers)),
            "answers",
        )
    values: list[int] = []
    for position, (value, item) in enumerate(zip(answers, inst.items, strict=True), start=1):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValidationError(
                _("{name} answer {position} is not a number.").format(name=name, position=position), "answers"
            )
        try:
            number = float(value)
        except ValueError:
            raise ValidationError(
                _("{name} answer {position} ({value}) is not a number.").format(
                    name=name, position=position, value=repr(value)
                ),
                "answers",
            ) from None
        if not math.isfinite(number) or number != int(number) or not item.low <= number <= item.high:
            raise ValidationError(
                _("{name} answer {position} must be a whole number from {low} to {high}.").format(
                    name=name, position=position, low=item.low, high=item.high
                ),
                "answers",
            )
        values.append(int(number))
    return values


def parse_answers(text: str) -> list[str]:
    return [part.strip() for part in text.split(",")] if text.strip() else []


def self_harm_answer(instrument_key: str, answers: Sequence[int]) -> int:
    """The answer to PHQ-9 item 9, or 0 for every other questionnaire."""
    if instrument_key == "phq9" and len(answers) >= PHQ9_SELF_HARM_ITEM:
        return int(answers[PHQ9_SELF_HARM_ITEM - 1])
    return 0


def phq9_band(score: float) -> str:
    # Marked for translation: printed in the language in use (the band names, not the questionnaire's wording).
    if score >= 20:
        return N_("severe")
    if score >= 15:
        return N_("moderately severe")
    if score >= 10:
        return N_("moderate")
    if score >= 5:
        return N_("mild")
    return N_("minimal")


def is_positive_screen(instrument_key: str, score: float) -> bool:
    threshold = INSTRUMENTS[instrument_key].positive_at if instrument_key in INSTRUMENTS else None
    return threshold is not None and score >= threshold
