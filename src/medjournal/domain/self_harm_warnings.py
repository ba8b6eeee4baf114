"""Today's card for a self-harm answer, and which questions Today may still offer (docs/clinical.md §6.1, §6.4).

A PHQ-9 whose question 9 is above 0, or "yes" to the journal's own question about thoughts of self-harm, makes a
card on Today however it was entered (the window, the command line, an import) and whenever: an answer about one
of the last ``recent_days`` days, or typed in during them for an earlier day. The card offers the safety panel
("help"), whose crisis lines come only from the reviewed data; it names no number itself and never speaks of doses.

A mood warning offers the PHQ-9 and the self-harm question (domain/mood_warnings.py); :func:`unanswered_offers`
takes away what the person has already answered, so that no card asks again what was just answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from medjournal.domain import instruments, knowledge
from medjournal.domain.records import CheckIn, QuestionnaireResult
from medjournal.domain.warning_record import JournalWarning
from medjournal.i18n import _, numeric_date

KIND = "self_harm_answer"
HELP = "help"  # the offer that opens the safety panel
ANSWERED_WITHIN_DAYS = 7  # an answer this recent counts as answered (the weekly question's own rule)


def recent_days() -> int:
    return int(knowledge.warning_rule("self_harm_answer")["recent_days"])


def _written_on(recorded_at: str) -> date | None:
    try:
        return datetime.fromisoformat(recorded_at).date() if recorded_at else None
    except ValueError:
        return None


def _recent(day: date, recorded_at: str, today: date) -> bool:
    """About one of the recent days, or typed in during them for an earlier day."""
    since = today - timedelta(days=recent_days() - 1)
    written = _written_on(recorded_at)
    return day <= today and (day >= since or (written is not None and since <= written <= today))


def self_harm_answers(
    questionnaires: Sequence[QuestionnaireResult], checkins: Sequence[CheckIn], today: date
) -> list[JournalWarning]:
    """One card for each recent PHQ-9 with question 9 above 0 and each recent "yes" to the journal's question."""
    rule = knowledge.warning_rule("self_harm_answer")
    source = knowledge.source_text(str(rule["source"]))
    # The journal's own question is asked because of the antidepressants' boxed warning, not the PHQ-9's item 9.
    checkin_source = knowledge.source_text(str(rule["checkin_source"]))
    found: list[JournalWarning] = []
    for result in questionnaires:
        answer = instruments.self_harm_answer(result.instrument, [int(a) for a in result.answers])
        if answer <= 0 or not _recent(result.day, result.recorded_at, today):
            continue
        # The detail the safety event stores (storage/journal_entries.py), in the language in use.
        stored = f"PHQ-9 item 9 answered {instruments.PHQ_CHOICES[answer]!r} (questionnaire of {result.day})."
        found.append(
            _card(f"self-harm:questionnaire:{result.id}", result.day, _detail("phq9_item9", stored), source)
        )
    for checkin in checkins:
        if checkin.self_harm_thoughts and _recent(checkin.day, checkin.recorded_at, today):
            detail = _detail("self_harm_question", "")
            found.append(_card(f"self-harm:checkin:{checkin.id}", checkin.day, detail, checkin_source))
    return found


def _detail(kind: str, stored: str) -> str:
    """The answer in words, as the summary's flag words it (domain/flag_words.py, which reads the adherence types:
    loaded only when there is an answer to word, so that a read command stays light, tests/test_cli_lazy.py)."""
    from medjournal.domain.flag_words import SELF_HARM_STORED, safety_event_detail

    return safety_event_detail(kind, stored or SELF_HARM_STORED)


def _card(key: str, day: date, detail: str, source: str) -> JournalWarning:
    title = _("Your answer about thoughts of self-harm on {day}").format(day=numeric_date(day))
    # The safety panel's own sentences (cli/entries.py echo_crisis_help); the window's "help" offer opens the
    # panel with the crisis lines of the reviewed data.
    message = " ".join(
        [
            detail,
            _("You do not have to face this alone. medjournal is offline and alerts no one."),
            _("Please contact your prescriber soon to talk about it."),
            _("If you are in immediate danger, call your emergency number."),
        ]
    )
    return JournalWarning(key, KIND, day, title, message, source, offers=(HELP,))


def unanswered_offers(
    warnings: Sequence[JournalWarning],
    questionnaires: Sequence[QuestionnaireResult],
    checkins: Sequence[CheckIn],
    today: date,
) -> list[JournalWarning]:
    """``warnings`` without the offers already answered: the self-harm question once it was answered (a whole
    PHQ-9 or the check-in's question) on or after the warning's day or in the last 7 days, the PHQ-9 once one
    was filled in on or after the warning's day."""
    phq9_days = [q.day for q in questionnaires if q.instrument == "phq9" and len(q.answers) == 9]
    asked = phq9_days + [c.day for c in checkins if c.self_harm_thoughts is not None]
    lately = today - timedelta(days=ANSWERED_WITHIN_DAYS - 1)
    kept: list[JournalWarning] = []
    for warning in warnings:
        answered = {
            "self_harm": any(min(warning.day, lately) <= day <= today for day in asked),
            "phq9": any(warning.day <= day <= today for day in phq9_days),
        }
        offers = tuple(offer for offer in warning.offers if not answered.get(offer, False))
        kept.append(warning if offers == warning.offers else replace(warning, offers=offers))
    return kept
