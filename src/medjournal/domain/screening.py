"""Screening status for page 1 (docs/clinical.md §6.6): how often the self-harm question was answered in the
period and how, and positive PHQ-2 screens not followed by a PHQ-9 within 7 days. Silence never reads as
"screened and fine": with no answer the status says "not asked in this period".

The self-harm question is PHQ-9 item 9 or the journal's own question in a check-in; each answer counts once,
on the day it is about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from medjournal.domain import safety_rules
from medjournal.domain.instruments import self_harm_answer
from medjournal.domain.records import CheckIn, QuestionnaireResult
from medjournal.i18n import _, ngettext, numeric_date

PHQ9_AFTER_PHQ2_DAYS = 7


@dataclass(frozen=True)
class Screening:
    asked: int  # answers to the self-harm question in the period
    yes_days: tuple[date, ...]  # days with an answer above 0 or "yes", in order
    phq9_missing_after: tuple[date, ...]  # positive PHQ-2s with no PHQ-9 within 7 days

    @property
    def lines(self) -> list[str]:
        """The status in words, one line each (the PDF, the command line and the window print these), in the
        language in use when they are read, days by :func:`medjournal.i18n.numeric_date`."""
        yes = ", ".join(numeric_date(d) for d in self.yes_days)
        if self.asked == 0:
            asked = _("Self-harm question: not asked in this period.")
        elif self.asked == 1:
            asked = (
                _("Self-harm question: asked once: yes on {days}.")
                if yes
                else _("Self-harm question: asked once: no.")
            )
        elif yes:
            asked = ngettext(
                "Self-harm question: asked {n} time: yes on {days}.",
                "Self-harm question: asked {n} times: yes on {days}.",
                self.asked,
            )
        else:
            asked = ngettext(
                "Self-harm question: asked {n} time: always no.",
                "Self-harm question: asked {n} times: always no.",
                self.asked,
            )
        lines = [asked.format(n=self.asked, days=yes)]
        lines += [
            _("PHQ-9 suggested after the positive PHQ-2 of {day}; not completed.").format(
                day=numeric_date(day)
            )
            for day in self.phq9_missing_after
        ]
        return lines


def screening(
    checkins: Iterable[CheckIn], questionnaires: Iterable[QuestionnaireResult], start: date, end: date
) -> Screening:
    """``questionnaires`` should reach 7 days past ``end``, so that a PHQ-9 soon after a PHQ-2 is found."""
    results = list(questionnaires)
    answers: list[tuple[date, bool]] = []
    for result in results:
        if result.instrument == "phq9" and start <= result.day <= end:
            answers.append((result.day, self_harm_answer("phq9", [int(a) for a in result.answers]) > 0))
    for checkin in checkins:
        if checkin.self_harm_thoughts is not None and start <= checkin.day <= end:
            answers.append((checkin.day, bool(checkin.self_harm_thoughts)))
    yes_days = tuple(sorted({day for day, yes in answers if yes}))
    phq9_days = sorted(r.day for r in results if r.instrument == "phq9")
    missing = []
    for result in sorted(results, key=lambda r: (r.day, r.id)):
        if result.instrument != "phq2" or not start <= result.day <= end:
            continue
        if safety_rules.positive_screen(result) is None:
            continue
        until = result.day + timedelta(days=PHQ9_AFTER_PHQ2_DAYS)
        if not any(result.day <= day <= until for day in phq9_days):
            missing.append(result.day)
    return Screening(len(answers), yes_days, tuple(dict.fromkeys(missing)))
