"""Pages 2 and on of the printed summary: the daily log, every side-effect entry, notes, and the methods note.

These pages list what was logged, day by day, so the doctor can check any number on page 1. They read the raw
entries through the Journal API when a journal is given (the daily means come from the analysis module, never
recomputed here); without a journal they fall back to the daily series carried by the summary itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from medjournal.domain.instruments import PEG_ATTRIBUTION, PGIC_ATTRIBUTION, PHQ_ATTRIBUTION
from medjournal.domain.records import DoseLog
from medjournal.i18n import N_, _, pgettext
from medjournal.report.pdf.pdf_first_page import MUTED, heading, table_head
from medjournal.report.pdf.pdf_layout import data_table, px
from medjournal.report.pdf.pdf_text import DASH, day, h, long_day, number, weekday, word
from medjournal.report.summary.summary_types import SummaryDocument

SEVERITY_WORDS = (N_("none"), N_("mild"), N_("moderate"), N_("severe"))


NOTE_KINDS = {"check-in": N_("check-in"), "side effect": N_("side effect")}
DOSE_NOTE = {"taken": N_("{name} taken"), "skipped": N_("{name} skipped")}


@dataclass
class DayRow:
    day: date
    pain: float | None = None
    ratings: int = 0
    mood: float | None = None
    sleep: float | None = None
    hours: float | None = None
    taken: int = 0  # scheduled doses taken
    scheduled: int = 0
    skipped: int = 0
    effects: str = ""
    extra: int = 0  # as-needed or extra doses
    extra_names: str = ""  # the same, by medication: "+2 Ibuprofen"


def _scheduled_counts(
    journal: Any, period: tuple[date, date], logs: Sequence[DoseLog], made: datetime
) -> dict[date, int]:
    """Each day's scheduled doses. A slot not yet counted when the summary was made (upcoming, or due within its
    window) is not counted (nor missing) unless it was logged: the one rule of page 1's adherence and of Today
    (domain/adherence.py NOT_YET, domain/schedule.py open_status)."""
    from medjournal.domain.adherence import NOT_YET
    from medjournal.domain.schedule import open_status, scheduled_slots, slot_moment

    logged_slots = {(log.medication_id, log.day, log.slot) for log in logs if log.slot is not None}
    steps_by_medication = journal.regimens_by_medication()
    counts: dict[date, int] = {}
    day = period[0]
    while day <= period[1]:
        counts[day] = sum(
            1
            for medication_id, steps in steps_by_medication.items()
            for _step, slot in scheduled_slots(steps, day)
            if (medication_id, day, slot) in logged_slots
            or open_status(slot_moment(day, slot), made) not in NOT_YET
        )
        day += timedelta(days=1)
    return counts


def day_rows(
    data: SummaryDocument, journal: Any = None, logs: Sequence[DoseLog] | None = None
) -> list[DayRow]:
    """One row per day with anything logged, oldest first: the summary's daily series, with the doses taken
    and due that day read from the journal when one is given (``logs``: the period's, when already read)."""
    period = period_of(data)
    taken: dict[date, int] = defaultdict(int)
    extra: dict[date, int] = defaultdict(int)
    extra_by_name: dict[date, dict[str, int]] = defaultdict(dict)
    skipped: dict[date, int] = defaultdict(int)
    scheduled: dict[date, int] = {}
    days_with_entries: set[date] = set()
    if journal is not None and period is not None:
        names = {m.id: m.name for m in journal.medications(include_archived=True)}
        logs_read = journal.dose_logs(*period) if logs is None else logs
        for log in logs_read:
            if log.status != "taken":
                skipped[log.day] += 1
            elif log.slot is not None:
                taken[log.day] += 1
            else:
                extra[log.day] += 1
                name = names.get(log.medication_id, _("as needed"))
                extra_by_name[log.day][name] = extra_by_name[log.day].get(name, 0) + 1
        scheduled = _scheduled_counts(
            journal, period, logs_read, datetime.fromisoformat(data["generated_at"])
        )
        days_with_entries = journal.days_with_entries(*period)
    effects: dict[date, list[str]] = defaultdict(list)
    for entry in data["side_effect_log"]:
        effects[date.fromisoformat(entry["date"])].append(
            f"{word(entry['label'] or entry['name'])} {entry['severity']}"
        )
    rows = []
    for item in data["daily"]:
        day = date.fromisoformat(item["date"])
        row = DayRow(
            day,
            item["pain"],
            item["pain_ratings"],
            item["mood"],
            item["sleep"],
            item["sleep_hours"],
            taken.get(day, 0),
            scheduled.get(day, 0),
            skipped.get(day, 0),
            ", ".join(effects.get(day, [])),
            extra.get(day, 0),
            ", ".join(f"+{count} {name}" for name, count in extra_by_name.get(day, {}).items()),
        )
        logged = any(v is not None for v in (row.pain, row.mood, row.sleep, row.hours))
        if logged or row.taken or row.extra or row.skipped or row.effects or day in days_with_entries:
            rows.append(row)
    return rows


def daily_heading_html(period: tuple[date, date] | None) -> str:
    span = f"{long_day(period[0])} {DASH} {long_day(period[1])}" if period else ""
    note = _(
        "daily means of that day's ratings; pain 0–10 higher = worse; mood and sleep 0–10 higher = better; "
        "days with no entry are left out"
    )
    return heading(_("Daily log {span}").format(span=span).strip(), note)


def daily_table_html(rows: Sequence[DayRow]) -> str:
    head = table_head(
        (17, "left", _("Date")),
        (9, "right", _("Pain")),
        # Translators: a narrow column's heading; a long word may carry a soft hyphen (U+00AD) where it may break.
        (8, "right", pgettext("daily log column", "Mood")),
        (13, "right", _("Sleep (hours)")),
        (21, "right", _("Doses taken")),
        (32, "left", _("Side effects (severity 0–3)")),
    )
    body = []
    for index, row in enumerate(rows):
        shade = ' bgcolor="#f3f3f3"' if index % 2 else ""
        pain = number(row.pain) + (
            f" <span style='color:{MUTED}'>×{row.ratings}</span>" if row.ratings > 1 else ""
        )
        sleep = number(row.sleep) + (f" ({number(row.hours)})" if row.hours is not None else "")
        parts = (
            [h(_("{taken} of {scheduled}").format(taken=row.taken, scheduled=row.scheduled))]
            if row.scheduled or row.taken
            else []
        )
        if row.skipped:
            parts.append(h(_("{count} skipped").format(count=row.skipped)))
        if row.extra:
            parts.append(h(row.extra_names or _("+{count} as needed").format(count=row.extra)))
        doses = ", ".join(parts) or "–"
        body.append(
            f"<tr{shade}><td style='white-space:nowrap'>{h(day(row.day))} "
            f"<span style='color:{MUTED}'>{h(weekday(row.day))}</span></td>"
            f"<td align='right'>{pain}</td><td align='right'>{number(row.mood)}</td>"
            f"<td align='right'>{sleep}</td><td align='right'>{doses}</td><td>{h(row.effects)}</td></tr>"
        )
    if not body:
        body.append("<tr><td colspan='6'>" + h(_("No entries in this period.")) + "</td></tr>")
    return data_table(head, body)


def side_effect_table_html(data: SummaryDocument, since: date | None = None) -> str:
    """Every side-effect entry of the period (``since``: from that day on; report/pdf/pdf_long_period.py)."""
    head = table_head(
        (14, "left", _("Date")),
        (26, "left", _("Symptom")),
        (16, "left", _("Severity")),
        (44, "left", _("Note")),
    )
    body = []
    entries = [e for e in data["side_effect_log"] if since is None or date.fromisoformat(e["date"]) >= since]
    for index, entry in enumerate(entries):
        shade = ' bgcolor="#f3f3f3"' if index % 2 else ""
        severity = entry["severity"]
        said = _(SEVERITY_WORDS[severity]) if 0 <= severity < len(SEVERITY_WORDS) else ""
        body.append(
            f"<tr{shade}><td>{h(day(entry['date']))}</td><td>{h(word(entry['label'] or entry['name']))}"
            f"</td><td>{severity} {h(said)}</td><td>{h(entry['note'])}</td></tr>"
        )
    if not body:
        return ""
    return data_table(head, body)


def notes_table_html(
    data: SummaryDocument, journal: Any = None, logs: Sequence[DoseLog] | None = None
) -> str:
    notes = [(n["date"], _(NOTE_KINDS.get(n["kind"], n["kind"])), n["text"]) for n in data["notes"]]
    period = period_of(data)
    if journal is not None and period is not None:  # reasons written with a dose ("skipped: felt sick")
        names = {m.id: m.name for m in journal.medications(include_archived=True)}
        notes += [
            (
                log.day.isoformat(),
                _(DOSE_NOTE.get(log.status, "{name} " + log.status)).format(
                    name=names.get(log.medication_id, _("dose"))
                ),
                log.note,
            )
            for log in (journal.dose_logs(*period) if logs is None else logs)
            if log.note
        ]
    if not notes:
        return ""
    notes.sort(key=lambda n: n[0])
    head = table_head((14, "left", _("Date")), (18, "left", _("Entry")), (68, "left", _("Note")))
    shades = ("", ' bgcolor="#f3f3f3"')
    body = "".join(
        f"<tr{shades[i % 2]}><td>{h(day(d))}</td><td>{h(kind)}</td><td>{h(text)}</td></tr>"
        for i, (d, kind, text) in enumerate(notes)
    )
    return data_table(head, body)


def _pgic_wording() -> str:
    """The PGIC's answers print in English where no official translation is bundled; said so (docs/translating.md)."""
    from medjournal import i18n
    from medjournal.domain.instrument_wording import localized
    from medjournal.domain.instruments import instrument

    return localized(instrument("pgic"), i18n.language()).note


def methods_html() -> str:
    """The methods note and caveats, worded once in :mod:`medjournal.report.summary.methods` for every consumer."""
    from medjournal.report.summary.methods import caveats as caveat_texts
    from medjournal.report.summary.methods import disclaimer, methods

    rules = "".join(f"<li>{h(text)}</li>" for text in methods())
    caveats = "".join(f"<li>{h(text)}</li>" for text in caveat_texts())
    sources = " ".join(h(s) for s in (PEG_ATTRIBUTION, PGIC_ATTRIBUTION, PHQ_ATTRIBUTION, _pgic_wording()))
    space = f"{px(4):.0f}px"
    indent = f"{px(14):.0f}px"
    return (
        heading(_("How these numbers are computed"))
        + f"<ul style='margin-top:0; margin-bottom:{space}; margin-left:{indent}; -qt-list-indent:0'>"
        + rules
        + "</ul>"
        + "<p style='margin:0'><b>"
        + h(_("Read the result with care:"))
        + "</b></p>"
        + f"<ul style='margin-top:0; margin-bottom:{space}; margin-left:{indent}; -qt-list-indent:0'>"
        + caveats
        + "</ul>"
        + f"<p style='margin:0'>{h(disclaimer())}</p>"
        + f"<p style='margin-top:{space}; margin-bottom:0; font-size:small; color:{MUTED}'>{sources}</p>"
    )


def period_of(data: SummaryDocument) -> tuple[date, date] | None:
    start = date.fromisoformat(data["period"]["start"])
    end = date.fromisoformat(data["period"]["end"])
    return (start, end) if start <= end else None
