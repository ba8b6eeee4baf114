"""Words for the Medications section: schedules, dose-step reasons, the current status, the last 30 days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from medjournal.domain.adherence import adherence_for
from medjournal.domain.medication_state import medication_state
from medjournal.domain.records import DoseLog, Regimen
from medjournal.domain.series import round_half_up
from medjournal.i18n import _, format_decimal, ngettext
from medjournal.ui.history.record_forms import numeric_day

RECENT_DAYS = 30


def schedule_text(regimen: Regimen) -> str:
    if regimen.as_needed:
        if regimen.max_daily:
            return _("as needed, at most {n} a day").format(n=regimen.max_daily)
        return _("as needed")
    return ", ".join(regimen.times)


def reason_text(regimen: Regimen, previous: Regimen | None = None) -> str:
    first = _("started") if previous is None else _("restarted") if previous.stop_reason else ""
    parts = [regimen.reason or first] if regimen.reason or first else []
    if regimen.stop_reason:
        parts.append(_("stopped: {reason}").format(reason=regimen.stop_reason))
    return " · ".join(parts)


def _dose(regimen: Regimen) -> str:
    return f"{format_decimal(regimen.dose, 3)} {regimen.unit}"


def status_text(steps: list[Regimen], today: date) -> str:
    """One line, e.g. "60 mg at 08:00, since 2026-02-01" or "Stopped; last taken 2026-03-01 (no benefit)"."""
    if not steps:
        return _("No dose steps recorded.")
    current = next((s for s in steps if s.active_on(today)), None)
    if current is not None:
        if current.as_needed:
            when = _("as needed")
            if current.max_daily:
                when += " " + _("(at most {n} a day)").format(n=current.max_daily)
        else:
            when = _("at {times}").format(times=schedule_text(current))
        text = _("{dose} {when}, since {day}").format(
            dose=_dose(current), when=when, day=numeric_day(current.start_date)
        )
        upcoming = medication_state(steps, today).next_step
        if upcoming is not None and current.end_date is not None:  # a dose change planned for a later day
            text += _("; from {day}: {dose}").format(
                day=numeric_day(upcoming.start_date), dose=_dose(upcoming)
            )
        elif current.end_date is not None:
            text += _("; last day {day}").format(day=numeric_day(current.end_date))
        return text
    last = steps[-1]
    if last.start_date > today:
        return _("Starts on {day} at {dose}").format(day=numeric_day(last.start_date), dose=_dose(last))
    last_day = numeric_day(last.end_date) if last.end_date else "?"
    if last.stop_reason and last.stop_reason != "stopped":
        return _("Stopped; last taken {day} ({reason})").format(day=last_day, reason=last.stop_reason)
    return _("Stopped; last taken {day}").format(day=last_day)


def recent_text(steps: list[Regimen], logs: list[DoseLog], today: date, now: datetime) -> str:
    """The last 30 days in words: scheduled doses taken, skipped and not recorded, or as-needed doses."""
    start = today - timedelta(days=RECENT_DAYS - 1)
    if not any(s.start_date <= today and (s.end_date is None or s.end_date >= start) for s in steps):
        return ""
    adherence = adherence_for(steps, [log for log in logs if log.day >= start], start, today, now)
    if adherence.as_needed or not adherence.scheduled:
        taken = adherence.extra_doses + adherence.taken
        return ngettext(
            "Last {days} days: {n} dose taken as needed.",
            "Last {days} days: {n} doses taken as needed.",
            taken,
        ).format(days=RECENT_DAYS, n=taken)
    percent = round_half_up(adherence.percent)
    return ngettext(
        "Last {days} days: {taken} of {n} scheduled dose taken ({percent}%), {skipped} skipped, "
        "{missing} not recorded.",
        "Last {days} days: {taken} of {n} scheduled doses taken ({percent}%), {skipped} skipped, "
        "{missing} not recorded.",
        adherence.scheduled,
    ).format(
        days=RECENT_DAYS,
        taken=adherence.taken,
        n=adherence.scheduled,
        percent=f"{percent:.0f}",
        skipped=adherence.skipped,
        missing=adherence.not_recorded,
    )
