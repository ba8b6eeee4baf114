"""Pages 2 and on of the printed summary: the daily log, every side-effect entry, notes, and the methods note.

These pages list what was logged, day by day, so the doctor can check any number on page 1. They read the raw
entries through the Journal API when a journal is given (the daily means come from the analysis module, never
recomputed here); without a journal they fall back to the daily series carried by the summary itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from medjournal.domain.instruments import PEG_ATTRIBUTION, PGIC_ATTRIBUTION, PHQ_ATTRIBUTION
from medjournal.report.pdf_first_page import BOX_BACKGROUND, MUTED, heading
from medjournal.report.pdf_layout import px
from medjournal.report.pdf_text import DASH, get, h, number

SEVERITY_WORDS = ("none", "mild", "moderate", "severe")


@dataclass
class DayRow:
    day: date
    pain: float | None = None
    ratings: int = 0
    mood: float | None = None
    sleep: float | None = None
    hours: float | None = None
    taken: int = 0
    scheduled: int = 0
    skipped: int = 0
    effects: str = ""


def _period(data: Mapping[str, Any]) -> tuple[date, date] | None:
    try:
        return date.fromisoformat(str(get(data, "period", "start"))), date.fromisoformat(str(get(data, "period", "end")))
    except ValueError:
        return None


def day_rows_from_journal(journal: Any, start: date, end: date) -> list[DayRow]:
    """One row per day of the period that has any entry, oldest first."""
    from medjournal.domain.analysis import daily_means
    from medjournal.domain.schedule import scheduled_slots

    checkins = journal.checkins(start, end)
    pain, mood, sleep = (daily_means(checkins, field) for field in ("pain", "mood", "sleep"))
    hours = daily_means(checkins, "sleep_hours")
    ratings: dict[date, int] = defaultdict(int)
    for checkin in checkins:
        if checkin.pain is not None:
            ratings[checkin.day] += 1
    taken: dict[date, int] = defaultdict(int)
    skipped: dict[date, int] = defaultdict(int)
    for log in journal.dose_logs(start, end):
        if log.status == "taken":
            taken[log.day] += 1
        else:
            skipped[log.day] += 1
    effects: dict[date, list[str]] = defaultdict(list)
    for effect in journal.side_effects(start, end):
        effects[effect.day].append(f"{effect.symptom} {effect.severity}")
    regimens = [r for steps in journal.regimens_by_medication().values() for r in steps]
    by_medication: dict[int, list[Any]] = defaultdict(list)
    for regimen in regimens:
        by_medication[regimen.medication_id].append(regimen)
    days = journal.days_with_entries(start, end)
    rows = []
    for day in sorted(days):
        scheduled = sum(len(scheduled_slots(steps, day)) for steps in by_medication.values())
        rows.append(DayRow(day, pain.get(day), ratings.get(day, 0), mood.get(day), sleep.get(day), hours.get(day),
                           taken.get(day, 0), scheduled, skipped.get(day, 0), ", ".join(effects.get(day, []))))
    return rows


def day_rows_from_summary(data: Mapping[str, Any]) -> list[DayRow]:
    """The fallback: the summary's own daily series (``daily``: one object per day) when no journal is given."""
    rows = []
    for item in get(data, "daily", default=[]):
        try:
            day = date.fromisoformat(str(item.get("date")))
        except ValueError:
            continue
        rows.append(DayRow(day, item.get("pain"), int(item.get("ratings") or 0), item.get("mood"), item.get("sleep"),
                           item.get("sleep_hours")))
    return rows


def daily_heading_html(period: tuple[date, date] | None) -> str:
    span = f"{period[0]} {DASH} {period[1]}" if period else ""
    note = ("daily means of that day's ratings; pain 0–10 higher = worse; mood and sleep 0–10 higher = better; "
            "days with no entry are left out")
    return heading(f"Daily log {span}", note)


def daily_table_html(rows: Sequence[DayRow]) -> str:
    head = (f'<tr bgcolor="{BOX_BACKGROUND}"><th width="13%" align="left">Date</th><th width="11%" align="right">'
            'Pain</th><th width="9%" align="right">Mood</th><th width="13%" align="right">Sleep (hours)</th>'
            '<th width="17%" align="right">Doses taken / due</th><th width="37%" align="left">'
            "Side effects (severity 0–3)</th></tr>")
    body = []
    for index, row in enumerate(rows):
        shade = ' bgcolor="#f3f3f3"' if index % 2 else ""
        pain = number(row.pain) + (f" <span style='color:{MUTED}'>×{row.ratings}</span>" if row.ratings > 1 else "")
        sleep = number(row.sleep) + (f" ({number(row.hours)})" if row.hours is not None else "")
        doses = f"{row.taken} / {row.scheduled}" if row.scheduled or row.taken else "–"
        if row.skipped:
            doses += f", {row.skipped} skipped"
        weekday = row.day.strftime("%a")
        body.append(f"<tr{shade}><td>{row.day.isoformat()} <span style='color:{MUTED}'>{weekday}</span></td>"
                    f"<td align='right'>{pain}</td><td align='right'>{number(row.mood)}</td>"
                    f"<td align='right'>{sleep}</td><td align='right'>{doses}</td><td>{h(row.effects)}</td></tr>")
    if not body:
        body.append("<tr><td colspan='6'>No entries in this period.</td></tr>")
    return f'<table width="100%" cellspacing="0" cellpadding="{px(1.5):.0f}">{head}{"".join(body)}</table>'



def side_effect_table_html(journal: Any, start: date, end: date) -> str:
    head = (f'<tr bgcolor="{BOX_BACKGROUND}"><th width="14%" align="left">Date</th><th width="26%" align="left">'
            'Symptom</th><th width="16%" align="left">Severity</th><th width="44%" align="left">Note</th></tr>')
    body = []
    for index, effect in enumerate(journal.side_effects(start, end)):
        shade = ' bgcolor="#f3f3f3"' if index % 2 else ""
        word = SEVERITY_WORDS[effect.severity] if 0 <= effect.severity < len(SEVERITY_WORDS) else ""
        body.append(f"<tr{shade}><td>{effect.day.isoformat()}</td><td>{h(effect.symptom)}</td>"
                    f"<td>{effect.severity} {word}</td><td>{h(effect.note)}</td></tr>")
    if not body:
        return ""
    return f'<table width="100%" cellspacing="0" cellpadding="{px(1.5):.0f}">{head}{"".join(body)}</table>'


def notes_table_html(journal: Any, start: date, end: date) -> str:
    notes: list[tuple[str, str, str]] = []
    for checkin in journal.checkins(start, end):
        if checkin.note:
            notes.append((checkin.day.isoformat(), "check-in", checkin.note))
    for log in journal.dose_logs(start, end):
        if log.note:
            notes.append((log.day.isoformat(), "dose " + log.status, log.note))
    for treatment in journal.treatments(start, end):
        if treatment.note:
            notes.append((treatment.day.isoformat(), treatment.kind.replace("_", " "), treatment.note))
    if not notes:
        return ""
    notes.sort(key=lambda n: n[0])
    head = (f'<tr bgcolor="{BOX_BACKGROUND}"><th width="14%" align="left">Date</th><th width="16%" align="left">'
            'Entry</th><th width="70%" align="left">Note</th></tr>')
    shades = ("", ' bgcolor="#f3f3f3"')
    body = "".join(f"<tr{shades[i % 2]}><td>{d}</td><td>{h(kind)}</td><td>{h(text)}</td></tr>"
                   for i, (d, kind, text) in enumerate(notes))
    return f'<table width="100%" cellspacing="0" cellpadding="{px(1.5):.0f}">{head}{body}</table>'


METHODS = [
    ("Daily values", "Daily pain (and mood, sleep) is the mean of that calendar day's 0–10 ratings. Days without "
     "a rating are missing, never counted as zero."),
    ("Baseline and current", "Baseline = the 14 days before the medication's start date; current = the last 14 "
     "days of the period. Each needs at least 5 rated days, otherwise the summary says “not enough data”."),
    ("Change", "Change (points) = current mean − baseline mean; change (%) = change ÷ baseline mean × 100. "
     "Categories (IMMPACT, Dworkin 2008; Ostelo 2008 for low back pain): ≤ −50% substantial improvement; −50% to "
     "−30% meaningful improvement; −30% to −10% minimal improvement; between −10% and +10% no clear change; "
     "≥ +10% worse. A change of 2 points or more is the minimal important change for back pain on the 0–10 scale."),
    ("Adherence", "Scheduled doses of the period up to today; a dose with no entry is “not recorded”. "
     "Adherence = taken ÷ scheduled × 100. The longest gap is the longest run of days with no dose taken."),
    ("Side effects", "“New since start” = first logged after the start date and never in the 14 days before it. "
     "Severity 0 none, 1 mild, 2 moderate, 3 severe."),
    ("Rounding", "Means to 1 decimal and percentages to whole numbers, computed from unrounded values."),
]

CAVEATS = [
    "This is a before/after comparison in one person: it cannot show that the medication caused a change.",
    "Back pain often improves on its own over weeks.",
    "People tend to start treatment during a flare, so later scores drift back toward their usual level "
    "(regression to the mean).",
    "About half of people on placebo in trials improved by 30%.",
    "Other treatments (physical therapy, other painkillers), dose changes and missed doses affect the result.",
    "Self-reported data can have gaps.",
]


def methods_html() -> str:
    rules = "".join(f"<p style='margin-top:0; margin-bottom:{px(2):.0f}px'><b>{h(title)}.</b> {h(text)}</p>"
                    for title, text in METHODS)
    caveats = "".join(f"<li>{h(text)}</li>" for text in CAVEATS)
    sources = " ".join(h(s) for s in (PEG_ATTRIBUTION, PGIC_ATTRIBUTION, PHQ_ATTRIBUTION))
    return (heading("How these numbers are computed") + rules
            + f"<p style='margin-top:{px(4):.0f}px; margin-bottom:0'><b>Read the result with care:</b></p>"
            + f"<ul style='margin-top:0; margin-bottom:{px(4):.0f}px; margin-left:{px(14):.0f}px; "
            f"-qt-list-indent:0'>{caveats}</ul>"
            + "<p style='margin:0'>medjournal is a journal, not a medical device. It shows what was logged and "
            "never advises starting, stopping or changing a medication: discuss the results with your doctor.</p>"
            + f"<p style='margin-top:{px(4):.0f}px; margin-bottom:0; font-size:7pt; color:{MUTED}'>{sources}</p>")


def period_of(data: Mapping[str, Any]) -> tuple[date, date] | None:
    period = _period(data)
    if period is None or period[0] > period[1] or period[1] - period[0] > timedelta(days=3660):
        return None
    return period
