"""The same medicine entered twice: two medications taken on the same day whose names resolve to one ingredient
("Cymbalta" and "duloxetine 30", "Duloxetine" and "Duloxetine 60"; docs/clinical.md §4.7).

A pharmacy system screens every new prescription for therapeutic duplication as well as for interactions. Two
entries of one ingredient do not "interact", so the pair gets this caution in place of the class cautions (an
SNRI with itself would read as serotonin syndrome): both names, the ingredient, what each entry schedules a day
and the total, that the prescriber should know both entries, and that one prescription typed in twice can be
kept as one entry so the summary counts it once. It never says to change a dose, and it never refuses: two
strengths of one medicine (60 mg and 30 mg) can be one real prescription.

A stopped entry and a current one are not a duplicate (a switch of brand): the rule asks which entries have a
dose step on a given day, so they are a pair only on the days their dose steps overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from medjournal.domain import knowledge
from medjournal.domain.records import Medication, Regimen
from medjournal.domain.schedule import regimen_on
from medjournal.domain.warning_record import JournalWarning
from medjournal.i18n import _, format_decimal

SOURCE = "therapeutic_duplication"


def ingredient(medication: Medication) -> str | None:
    """The generic name a medication resolves to (what the person said it is first, then its name), or None
    when neither names a medication the reviewed data knows (a class such as "nsaid" names no ingredient)."""
    from medjournal.domain.drug_names import generic_name  # it reads knowledge's tables

    said = medication.known_as.strip()
    return (said and generic_name(said)) or generic_name(medication.name)


def same_ingredient(first: Medication, second: Medication) -> str | None:
    """The ingredient two medications share, or None."""
    found = ingredient(first)
    return found if found is not None and found == ingredient(second) else None


def daily_amount(regimen: Regimen) -> float | None:
    """What a dose step schedules a day (its dose at each time), or None when it is taken as needed."""
    return None if regimen.as_needed else regimen.dose * len(regimen.times)


def _amount_text(regimen: Regimen) -> str:
    amount = daily_amount(regimen)
    if amount is None:
        return _("as needed")
    return _("{amount} a day").format(amount=f"{format_decimal(amount, 3)} {regimen.unit}")


def same_medicine(
    first: Medication, second: Medication, regimens: dict[int, list[Regimen]], day: date
) -> JournalWarning | None:
    """The caution for two medications of one ingredient, both with a dose step on ``day``; else None."""
    shared = same_ingredient(first, second)
    step_x = regimen_on(regimens.get(first.id, []), day)
    step_y = regimen_on(regimens.get(second.id, []), day)
    if shared is None or step_x is None or step_y is None:
        return None
    x, y = sorted(((first, step_x), (second, step_y)), key=lambda pair: pair[0].name.lower())
    amounts = [daily_amount(x[1]), daily_amount(y[1])]
    names = {"x": x[0].name, "y": y[0].name, "ingredient": shared}
    if None not in amounts and x[1].unit == y[1].unit:
        total = f"{format_decimal(sum(a or 0 for a in amounts), 3)} {x[1].unit}"
        what = _(
            "{x} and {y} are both {ingredient}, the same medicine: as entered, {x_amount} of {x} and "
            "{y_amount} of {y}, {total} of {ingredient} a day in all."
        ).format(**names, x_amount=_amount_text(x[1]), y_amount=_amount_text(y[1]), total=total)
    else:
        what = _(
            "{x} and {y} are both {ingredient}, the same medicine: as entered, {x} {x_amount}, {y} {y_amount}."
        )
        what = what.format(**names, x_amount=_amount_text(x[1]), y_amount=_amount_text(y[1]))
    advice = _(
        "Make sure your prescriber knows about both entries. If they are one prescription entered twice, it "
        "can be kept as one entry in Medications, so that the summary counts it once."
    )
    low, high = sorted((first.id, second.id))
    return JournalWarning(
        key=f"same-medicine:{low}-{high}",
        kind="caution",
        day=day,
        title=_("{x} and {y}: the same medicine twice ({ingredient})").format(**names),
        message=f"{what} {advice}",
        source=knowledge.source_text(SOURCE),
        medication_ids=(x[0].id, y[0].id),
    )


def same_medicine_notes(
    medication: Medication, medications: Sequence[Medication], regimens: dict[int, list[Regimen]], day: date
) -> list[JournalWarning]:
    """The same-medicine cautions between ``medication`` and the others not archived, on ``day`` (or, when
    ``medication`` has no dose step that day, the day its first step starts: one added ahead of its start)."""
    steps = regimens.get(medication.id, [])
    if regimen_on(steps, day) is None and steps and steps[0].start_date > day:
        day = steps[0].start_date
    found = [
        same_medicine(medication, other, regimens, day)
        for other in medications
        if other.id != medication.id and not other.archived
    ]
    return [warning for warning in found if warning is not None]
