"""Words for the Medications section: schedules, dose-step reasons, the current status, the last 30 days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from medjournal.domain.adherence import adherence_for
from medjournal.domain.records import DoseLog, Regimen
from medjournal.domain.series import round_half_up

RECENT_DAYS = 30


def schedule_text(regimen: Regimen) -> str:
    if regimen.as_needed:
        return f"as needed, at most {regimen.max_daily} a day" if regimen.max_daily else "as needed"
    return ", ".join(regimen.times)


def reason_text(regimen: Regimen, previous: Regimen | None = None) -> str:
    first = "started" if previous is None else "restarted" if previous.stop_reason else ""
    parts = [regimen.reason or first] if regimen.reason or first else []
    if regimen.stop_reason:
        parts.append(f"stopped: {regimen.stop_reason}")
    return " · ".join(parts)


def status_text(steps: list[Regimen], today: date) -> str:
    """One line, e.g. "60 mg at 08:00, since 2026-02-01" or "Stopped; last taken 2026-03-01 (no benefit)"."""
    if not steps:
        return "No dose steps recorded."
    current = next((s for s in steps if s.active_on(today)), None)
    if current is not None:
        when = "as needed" if current.as_needed else f"at {schedule_text(current)}"
        if current.as_needed and current.max_daily:
            when += f" (at most {current.max_daily} a day)"
        text = f"{current.dose:g} {current.unit} {when}, since {current.start_date.isoformat()}"
        if current.end_date is not None:
            text += f"; last day {current.end_date.isoformat()}"
        return text
    last = steps[-1]
    if last.start_date > today:
        return f"Starts on {last.start_date.isoformat()} at {last.dose:g} {last.unit}"
    reason = f" ({last.stop_reason})" if last.stop_reason and last.stop_reason != "stopped" else ""
    return f"Stopped; last taken {last.end_date.isoformat() if last.end_date else '?'}{reason}"


def recent_text(steps: list[Regimen], logs: list[DoseLog], today: date, now: datetime) -> str:
    """The last 30 days in words: scheduled doses taken, skipped and not recorded, or as-needed doses."""
    start = today - timedelta(days=RECENT_DAYS - 1)
    if not any(s.start_date <= today and (s.end_date is None or s.end_date >= start) for s in steps):
        return ""
    adherence = adherence_for(steps, [log for log in logs if log.day >= start], start, today, now)
    if adherence.as_needed or not adherence.scheduled:
        taken = adherence.extra_doses + adherence.taken
        return f"Last {RECENT_DAYS} days: {taken} dose{'s' if taken != 1 else ''} taken as needed."
    percent = round_half_up(adherence.percent)
    return (
        f"Last {RECENT_DAYS} days: {adherence.taken} of {adherence.scheduled} scheduled doses taken "
        f"({percent:.0f}%), {adherence.skipped} skipped, {adherence.not_recorded} not recorded."
    )
