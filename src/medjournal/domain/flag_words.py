"""The sentences of the summary's safety flags (domain/flags.py), in the language in use when they are made.

Days are written by :func:`medjournal.i18n.numeric_date` and amounts by the locale (docs/translating.md, "Dates
inside sentences"). A safety event's detail is a stored record, written in English by the journal when the answer
was saved (storage/safety_dates.py reads its day back from it): the flag rewords the forms the journal writes in
the language in use, with the PHQ-9's answer in its bundled official wording (domain/instrument_wording.py), and
shows any other detail as stored.
"""

from __future__ import annotations

import re
from datetime import date

from medjournal.domain import instruments
from medjournal.domain.adherence import Gap, LowerDose
from medjournal.i18n import N_, SOURCE_LANGUAGE, _, format_amount, language, ngettext, numeric_date

# The details the journal stores with a safety event (storage/journal_entries.py, ui/history/history_view.py).
SELF_HARM_STORED = N_(
    "Answered yes to the journal's question about thoughts of being better off dead or of self-harm."
)
_ITEM9_STORED = re.compile(
    r"^PHQ-9 item 9 answered (['\"])(?P<answer>.+)\1 \(questionnaire of (?P<day>\d{4}-\d{2}-\d{2})"
    r"(?P<history>, changed in History)?\)\.$"
)


def safety_event_detail(kind: str, detail: str) -> str:
    """A safety event's detail for its flag: the journal's own forms in the language in use, else as stored."""
    if kind == "phq9_item9":
        if not detail:
            return _("PHQ-9 item 9 (thoughts of being better off dead or of self-harm) above 0.")
        found = _ITEM9_STORED.match(detail)
        if found is None or language() == SOURCE_LANGUAGE:  # English: as stored
            return detail
        try:
            day = numeric_date(date.fromisoformat(found["day"]))
        except ValueError:
            return detail
        words = (
            _("PHQ-9 item 9 answered “{answer}” (questionnaire of {day}, changed in History).")
            if found["history"]
            else _("PHQ-9 item 9 answered “{answer}” (questionnaire of {day}).")
        )
        return words.format(answer=_phq_choice(found["answer"]), day=day)
    if kind == "self_harm_question":
        if not detail:
            return _("Answered yes to the question about thoughts of self-harm.")
        return _(SELF_HARM_STORED) if detail == SELF_HARM_STORED else detail
    return detail or kind


def _phq_choice(english: str) -> str:
    """A PHQ answer ("Several days") in the official wording bundled for the language in use, else as it is."""
    if english not in instruments.PHQ_CHOICES:
        return english
    from medjournal.domain.instrument_wording import localized

    shown = localized(instruments.instrument("phq9"), language())
    anchors = shown.instrument.items[instruments.PHQ9_SELF_HARM_ITEM - 1].anchors
    index = instruments.PHQ_CHOICES.index(english)
    return anchors[index] if shown.official and index < len(anchors) else english


def mood_side_effect_detail(label: str, highest: str, days: list[date]) -> str:
    """A mood side effect rated moderate or severe on one day, or on several (``days`` in order)."""
    if len(days) == 1:
        return _("{label} rated {severity} on {day}.").format(
            label=label, severity=highest, day=numeric_date(days[0])
        )
    return ngettext(
        "{label} rated moderate or severe on {n} day (first {first}, last {last}); at most {severity}.",
        "{label} rated moderate or severe on {n} days (first {first}, last {last}); at most {severity}.",
        len(days),
    ).format(
        label=label, n=len(days), first=numeric_date(days[0]), last=numeric_date(days[-1]), severity=highest
    )


def stopped_detail(name: str, day: date, reason: str) -> str:
    """An antidepressant stopped; ``reason`` as typed ("" for none)."""
    words = (
        _(
            "{name} stopped on {day} (reason: {reason}); the label advises tapering rather than stopping "
            "abruptly."
        )
        if reason
        else _("{name} stopped on {day}; the label advises tapering rather than stopping abruptly.")
    )
    return words.format(name=name, day=numeric_date(day), reason=reason)


def lower_dose_detail(name: str, days: int, first: LowerDose) -> str:
    """ "Duloxetine taken at a lower dose than prescribed on 3 days (first 2026-03-10: 30 instead of 60)." """
    return ngettext(
        "{name} taken at a lower dose than prescribed on {n} day (first {day}: {amount} instead of {prescribed}).",
        "{name} taken at a lower dose than prescribed on {n} days (first {day}: {amount} instead of {prescribed}).",
        days,
    ).format(
        name=name,
        n=days,
        day=numeric_date(first.day),
        amount=format_amount(first.amount),
        prescribed=format_amount(first.prescribed),
    )


def gap_detail(name: str, gap: Gap, nothing_in_period: bool) -> str:
    """What was logged in a run of scheduled days with no dose logged as taken (domain/flags.py's rule says
    which kind of flag it is)."""
    values = {"name": name, "n": gap.days, "start": numeric_date(gap.start), "end": numeric_date(gap.end)}
    if not gap.nothing_logged:
        counts = _("{n} logged as skipped").format(n=gap.skipped)
        if gap.not_recorded:
            counts += ", " + _("{n} not recorded").format(n=gap.not_recorded)
        return ngettext(
            "No dose of {name} recorded as taken on {n} day in a row ({start} to {end}): {counts}.",
            "No dose of {name} recorded as taken on {n} days in a row ({start} to {end}): {counts}.",
            gap.days,
        ).format(counts=counts, **values)
    if nothing_in_period:
        detail = ngettext(
            "No dose of {name} was logged in this period ({n} scheduled day, {start} to {end}): whether doses "
            "were taken or missed is not known.",
            "No dose of {name} was logged in this period ({n} scheduled days, {start} to {end}): whether doses "
            "were taken or missed is not known.",
            gap.days,
        )
    else:
        detail = ngettext(
            "No dose of {name} logged on {n} scheduled day in a row ({start} to {end}): nothing was recorded, "
            "so whether doses were taken or missed is not known.",
            "No dose of {name} logged on {n} scheduled days in a row ({start} to {end}): nothing was recorded, "
            "so whether doses were taken or missed is not known.",
            gap.days,
        )
    return detail.format(**values)
