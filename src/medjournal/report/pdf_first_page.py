"""Page 1 of the printed summary (docs/clinical.md §7), as rich text built from the summary's JSON form.

The order is fixed: header, safety flags, current medications, response per medication, one chart, side
effects, function (PEG), other treatments, the person's questions. Each function returns HTML for one block
(or "" when the section has nothing to say and may be left out).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from medjournal.domain.instruments import phq9_band
from medjournal.domain.response import WINDOW_DAYS
from medjournal.report.pdf_layout import px
from medjournal.report.pdf_text import (
    DASH,
    INSTRUMENT_LABELS,
    URGENT_KINDS,
    dose_text,
    get,
    h,
    number,
    percent,
    plural,
    safety_label,
)

HEADING = "#1f3a5f"
MUTED = "#555555"
ALERT = "#a0001c"
ALERT_BACKGROUND = "#fdecea"
BOX_BACKGROUND = "#eef2f7"
CAUTION = "#9a5b00"
CAUTION_BACKGROUND = "#fff4e0"


def css(pixels: float) -> str:
    return f"{px(pixels):.0f}px"


def heading(title: str, note: str = "") -> str:
    extra = (
        f' <span style="font-weight:normal; font-size:small; color:{MUTED}">{h(note)}</span>' if note else ""
    )
    return (
        f'<p style="margin-top:0; margin-bottom:{css(2)}; font-size:large; font-weight:bold; '
        f'color:{HEADING}">{h(title)}{extra}</p>'
    )


def callout(inner_html: str, bar: str, background: str) -> str:
    """A shaded box with a coloured bar on its left (Qt draws a border around every table cell: no border)."""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="{px(4):.0f}"><tr>'
        f'<td width="{px(5):.0f}" bgcolor="{bar}"></td><td bgcolor="{background}">{inner_html}</td>'
        "</tr></table>"
    )


def header_html(data: Mapping[str, Any]) -> str:
    name = get(data, "header", "name") or get(data, "name") or ""
    start, end = get(data, "period", "start", default="?"), get(data, "period", "end", default="?")
    days = int(get(data, "period", "days", default=0))
    with_data = get(data, "period", "days_with_data")
    if with_data is None:
        with_data = get(data, "header", "days_with_data")
    with_pain = get(data, "period", "days_with_pain")
    generated = (
        get(data, "generated_on") or get(data, "header", "generated_on") or get(data, "generated_at") or ""
    )
    generated = str(generated)[:10]
    since = get(data, "period", "since_visit") or get(data, "period", "basis") or ""
    # The basis may end with a note for the person ("; the visit today starts the next summary …"): not for paper.
    since = since.partition("; ")[0] if isinstance(since, str) else since
    title = "Medication journal summary" + (f": {h(name)}" if name else "")
    counts = []
    if with_data is not None:
        counts.append(f"data on <b>{int(with_data)} of {days} days</b>")
    if with_pain is not None:
        counts.append(f"pain rated on {int(with_pain)} days")
    counts += [h(line) for line in get(data, "header", "imported", default=[]) or []]
    after = int(get(data, "header", "entries_after_today", default=0) or 0)
    if after:
        counts.append(
            f"<b>{after} {'entry' if after == 1 else 'entries'} dated after {h(generated)} left out</b>"
        )
    period_note = f": {h(since)}" if isinstance(since, str) and since.startswith("since") else ""
    return (
        f'<p style="margin:0; font-size:xx-large; font-weight:bold; color:{HEADING}">{title}</p>'
        f'<p style="margin-top:{css(1)}; margin-bottom:0">Period <b>{h(start)} {DASH} {h(end)}</b> '
        f"({days} days{period_note}) · <b>self-reported data</b> · generated on {h(generated)}"
        + (" · " + ", ".join(counts) if counts else "")
        + "</p>"
        + (
            f"<p style='margin-top:{css(1)}; margin-bottom:0'><b>In short:</b> {h(get(data, 'in_short'))}</p>"
            if get(data, "in_short")
            else ""
        )
    )


def safety_html(data: Mapping[str, Any]) -> str:
    """The safety flags, then the screening status (docs/clinical.md §6.6), which is printed even with no flag."""
    flags: Sequence[Mapping[str, Any]] = get(data, "safety", "flags", default=[])
    lines: Sequence[str] = get(data, "safety", "screening", "lines", default=[])
    # Beside the heading, in small type: page 1 keeps its room for the rest.
    screening = (
        f' <span style="font-size:small; font-weight:normal; color:#000000">{" ".join(h(x) for x in lines)}</span>'
        if lines
        else ""
    )
    if not flags:
        if not lines:
            return ""
        # No flag: one short paragraph (page 1 keeps its room), but never silence (docs/clinical.md §6.6).
        return (
            f'<p style="margin-top:{css(1)}; margin-bottom:0; font-size:small">'
            f'<b style="color:{HEADING}">Safety:</b> no flags in this period · '
            + " · ".join(h(line) for line in lines)
            + "</p>"
        )
    items = []
    for flag in flags:
        urgent = flag.get("kind") in URGENT_KINDS
        color = f"color:{ALERT}; " if urgent else ""
        items.append(
            f"<li><span style='{color}font-weight:bold'>{h(flag.get('date', ''))} · "
            f"{h(safety_label(flag))}</span>: {h(flag.get('detail', ''))}{_recorded_on(flag)}"
            f"{_acknowledged(flag)}</li>"
        )
    items_html = "".join(items)
    return callout(
        f'<p style="margin:0"><span style="font-size:large; font-weight:bold; color:{ALERT}">Safety flags: '
        f"please review first ({len(flags)})</span>{screening}</p>"
        f'<ul style="margin-top:{css(2)}; margin-bottom:0; margin-left:{css(14)}; -qt-list-indent:0">'
        f"{items_html}</ul>",
        ALERT,
        ALERT_BACKGROUND,
    )


def _recorded_on(flag: Mapping[str, Any]) -> str:
    """An answer typed in after the day it is about says so (it is dated by its own day)."""
    later = flag.get("recorded_on")
    return f" <span style='color:{MUTED}'>(recorded on {h(later)})</span>" if later else ""


def _acknowledged(item: Mapping[str, Any]) -> str:
    return f" <span style='color:{MUTED}'>(acknowledged)</span>" if item.get("acknowledged") else ""


WARNING_LABELS = {
    "caution": "Caution",
    "over_daily_maximum": "Above the daily maximum",
    "lower_dose": "Lower dose",
    "not_checked": "Not checked",
}


def warnings_html(data: Mapping[str, Any]) -> str:
    """Cautions and dose notes, under the medications they are about (docs/clinical.md §4 and §7 item 3).

    A caution is printed as written, with its source; doses above a daily maximum are gathered into one line
    per medication (the JSON keeps one warning per day). The dose notes' source is the journal's own rule
    (docs/clinical.md §4.2), left to the JSON.
    """
    warnings: Sequence[Mapping[str, Any]] = get(data, "warnings", default=[])
    if not warnings:
        return ""
    # One entry per caution or lower dose, one per medication for days above its maximum; in the JSON's order.
    entries: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for index, warning in enumerate(warnings):
        kind = str(warning.get("kind", ""))
        names = warning.get("medications") or [""]
        group_key = (
            str(names[0]) if kind == "over_daily_maximum" else "" if kind == "not_checked" else str(index)
        )
        entries.setdefault((kind, group_key), []).append(warning)
    lines: list[str] = []
    for (kind, name), group in entries.items():
        acknowledged = all(w.get("acknowledged") for w in group)
        if kind == "over_daily_maximum":
            dates = ", ".join(h(w.get("date")) for w in group)
            text = (
                f"<b>{h(name)}: more doses than the daily maximum</b> logged on "
                f"{plural(len(group), 'day')}: {dates}."
            )
            lines.append(_warning_line(kind, text, None, acknowledged))
            continue
        first = group[0]
        if kind == "not_checked":  # named in the medications table instead (medications_html)
            continue
        if kind == "caution":  # printed as written, with its source (docs/clinical.md §4)
            text = f"<b>{h(first.get('message'))}</b> Both taken from {h(first.get('date'))}."
            lines.append(_warning_line(kind, text, first.get("source"), acknowledged))
        else:
            lines.append(_warning_line(kind, h(first.get("message")), None, acknowledged))
    return callout("".join(lines), CAUTION, CAUTION_BACKGROUND) if lines else ""


def not_checked_names(data: Mapping[str, Any]) -> set[str]:
    """Medications whose combinations were not checked: the reviewed data does not know them (§4.6)."""
    warnings: Sequence[Mapping[str, Any]] = get(data, "warnings", default=[])
    return {str(n) for w in warnings if w.get("kind") == "not_checked" for n in (w.get("medications") or [])}


def _warning_line(kind: str, text: str, source: Any, acknowledged: Any) -> str:
    label = WARNING_LABELS.get(kind, kind.replace("_", " ").capitalize())
    return (
        f"<p style='margin:0'><span style='color:{CAUTION}; font-weight:bold'>{h(label)}:</span> {text}"
        + (f" <span style='font-size:small; color:{MUTED}'>Source: {h(source)}.</span>" if source else "")
        + _acknowledged({"acknowledged": acknowledged})
        + "</p>"
    )


def _schedule(med: Mapping[str, Any]) -> str:
    if med.get("as_needed"):
        most = med.get("max_daily")
        return "as needed" + (f", at most {most} a day" if most else "")
    times = med.get("times") or []
    return ", ".join(str(t) for t in times) if times else "no set times"


def _steps(med: Mapping[str, Any]) -> str:
    """Dose steps in order; a stop and restart is written as such, not as a dose change."""
    changes: Sequence[Mapping[str, Any]] = med.get("dose_changes") or []
    steps: Sequence[Mapping[str, Any]] = med.get("dose_steps") or []
    unit = med.get("unit", "")
    if not changes:
        return "no change"
    parts = []
    for index, change in enumerate(changes):
        text = f"{dose_text(change.get('dose'), unit)} from {h(change.get('date'))}"
        if change.get("kind") == "restart" and 0 < index <= len(steps):
            end = steps[index - 1].get("end")
            stopped = _next_day(end)
            text = (f"stopped {h(stopped)}; " if stopped else "") + "restarted " + text
        parts.append(text)
    return " → ".join(parts)


def _next_day(day: Any) -> str | None:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(str(day)) + timedelta(days=1)).isoformat()
    except ValueError:
        return None


def _adherence(med: Mapping[str, Any]) -> str:
    adherence = med.get("adherence") or {}
    if med.get("as_needed"):
        doses = int(adherence.get("taken") or 0) + int(adherence.get("extra_doses") or 0)
        days = adherence.get("days_taken")
        on_days = f" on {plural(int(days), 'day')}" if days else ""
        per_month = med.get("days_used_per_month")
        monthly = f" ({number(per_month)} days a month)" if days and per_month is not None else ""
        return f"as needed: {plural(doses, 'dose')} taken{on_days}{monthly}"
    if adherence.get("percent") is None:
        return "no scheduled dose in the period yet"
    scheduled = int(adherence.get("scheduled") or 0)
    if adherence.get("nothing_logged"):
        return (
            f"<b>no dose logged</b> in the period ({plural(scheduled, 'scheduled dose')}, "
            "none recorded as taken or skipped)"
        )
    gap = adherence.get("longest_gap_days")
    gap_text = f"; longest gap {plural(int(gap), 'day')}" if gap else ""
    reasons = adherence.get("skip_reasons") or []
    why = "; ".join(
        h(r.get("reason")) + (f" ×{r['count']}" if r.get("count", 1) > 1 else "") for r in reasons[:3]
    )
    skipped_text = f"{adherence.get('skipped', 0)} skipped" + (f" ({why})" if why else "")
    return (
        f"<b>{percent(adherence.get('percent'))}</b> of {adherence.get('scheduled', 0)} scheduled: "
        f"{adherence.get('taken', 0)} taken, {skipped_text}, "
        f"{adherence.get('not_recorded', 0)} not recorded{gap_text}"
    )


def medications_html(data: Mapping[str, Any]) -> str:
    meds: Sequence[Mapping[str, Any]] = get(data, "medications", default=[])
    if not meds:
        return heading("Medications") + "<p style='margin:0'>No medication recorded in this period.</p>"
    rows = []
    unchecked = not_checked_names(data)
    for index, med in enumerate(meds):
        shade = ' bgcolor="#f5f5f5"' if index % 2 else ""
        status = f" (stopped {h(med.get('stopped'))})" if med.get("stopped") else ""
        if med.get("name") in unchecked:  # docs/clinical.md §4.6: never passed in silence
            status += f"<br><span style='color:{CAUTION}'>combinations not checked</span>"
        purpose = (
            f"<br><span style='color:{MUTED}'>for {h(med['purpose'])}</span>" if med.get("purpose") else ""
        )
        today = med.get("today")
        now = (
            f"<br><span style='color:{MUTED}'>today: {h(dose_text(today.get('dose'), today.get('unit')))}</span>"
            if isinstance(today, Mapping)
            else ""
        )
        rows.append(
            f"<tr{shade}><td><b>{h(med.get('name'))}</b>{status}{purpose}</td>"
            f"<td>{h(dose_text(med.get('dose'), med.get('unit')))}, {h(_schedule(med))}{now}</td>"
            f"<td style='white-space:nowrap'>{h(med.get('started', ''))}</td><td>{_steps(med)}</td>"
            f"<td>{_adherence(med)}</td></tr>"
        )
    head = (
        f'<tr bgcolor="{BOX_BACKGROUND}"><th width="20%" align="left">Medication</th>'
        '<th width="16%" align="left">Dose, times</th><th width="11%" align="left">Started</th>'
        '<th width="22%" align="left">Dose steps</th><th width="31%" align="left">Doses in period</th></tr>'
    )
    end, made = get(data, "period", "end"), get(data, "header", "generated_on")
    title = f"Medications as of {h(end)}" if end and made and str(end) < str(made) else "Current medications"
    return (
        heading(
            title,
            "adherence = taken ÷ scheduled doses up to today; gap = days in a row with no dose logged as taken",
        )
        + f'<table width="100%" cellspacing="0" cellpadding="{px(1):.0f}">{head}{"".join(rows)}</table>'
    )


def side_effects_html(data: Mapping[str, Any]) -> str:
    effects: Sequence[Mapping[str, Any]] = get(data, "side_effects", default=[])
    note = f"severity 0 none – 3 severe; before → since: days per {WINDOW_DAYS}; " + _new_since_note(data)
    if not effects:
        return heading("Side effects", note) + "<p style='margin:0'>None logged in this period.</p>"
    rows = []
    ordered = sorted(effects, key=lambda e: (not e.get("new_since_start"), -int(e.get("days", 0))))
    for index, effect in enumerate(ordered):
        shade = ' bgcolor="#f5f5f5"' if index % 2 else ""
        course = list(effect.get("course") or [])
        words = ", ".join(f"<b>{h(w)}</b>" if w == "new since start" else h(w) for w in course) or DASH
        since = effect.get("per_14_days_since_start")
        often = f"{effect.get('days_before_start', 0)} → {number(since)}" if since is not None else DASH
        rows.append(
            f"<tr{shade}><td>{h(effect.get('label') or effect.get('name'))}</td>"
            f"<td align='right'>{effect.get('days', 0)}</td>"
            f"<td align='right'>{number(effect.get('mean_severity'))} / {effect.get('max_severity', DASH)}</td>"
            f"<td align='right'>{often}</td>"
            f"<td align='right'>{effect.get('current_days', 0)}</td><td>{words}</td></tr>"
        )
    head = (
        f'<tr bgcolor="{BOX_BACKGROUND}"><th width="19%" align="left">Symptom</th>'
        '<th width="7%" align="right">Days</th><th width="11%" align="right">Mean / max</th>'
        '<th width="15%" align="right">Before → since</th>'
        f'<th width="9%" align="right">Last {WINDOW_DAYS} d</th><th width="39%" align="left">Course</th></tr>'
    )
    return (
        heading("Side effects", note)
        + f'<table width="100%" cellspacing="0" cellpadding="{px(1):.0f}">{head}{"".join(rows)}</table>'
    )


def _new_since_note(data: Mapping[str, Any]) -> str:
    """Which start "new since start" is judged against, and the rule (docs/clinical.md §3 and §5)."""
    name = get(data, "side_effects_relative_to")
    meds: Sequence[Mapping[str, Any]] = get(data, "medications", default=[])
    started = next((m.get("started") for m in meds if m.get("name") == name), None)
    if not name or not started:
        return "no medication started recently, so “new since start” is not judged"
    return f"“new” = reported since {name} started ({started}) and not in the {WINDOW_DAYS} days before"


def _series_text(points: Sequence[Mapping[str, Any]], decimals: int = 1, limit: int = 7) -> str:
    shown = list(points)
    if len(shown) > limit:
        shown = [*shown[: limit - 3], *shown[-3:]]
    parts = [
        f"{number(p.get('score'), decimals)} <span style='color:{MUTED}'>({h(str(p.get('date'))[5:])})</span>"
        for p in shown
    ]
    skipped = len(points) - len(shown)
    if skipped:
        parts.insert(limit - 3, f"… {skipped} more …")
    return " → ".join(parts)


def function_html(data: Mapping[str, Any]) -> str:
    questionnaires: Mapping[str, Any] = get(data, "questionnaires", default={})
    lines = []
    peg = questionnaires.get("peg") or []
    if peg:
        lines.append(f"<b>PEG</b> (pain, enjoyment, activity; 0–10, higher = worse): {_series_text(peg)}")
    else:
        lines.append("<b>PEG</b>: not answered in this period.")
    screens = []
    for key in ("phq9", "phq2", "gad2"):
        answers = questionnaires.get(key) or []
        if answers:
            last = answers[-1]
            score = last.get("score")
            band = f", {phq9_band(float(score))}" if key == "phq9" and score is not None else ""
            screens.append(
                f"{INSTRUMENT_LABELS[key]} {number(score, 0)}{band} on {h(last.get('date'))}"
                + (f" ({len(answers)} answered)" if len(answers) > 1 else "")
            )
    if screens:
        lines.append("<b>Mood questionnaires</b> (latest): " + "; ".join(screens))
    return heading("Function and questionnaires") + "".join(
        f"<p style='margin:0'>{line}</p>" for line in lines
    )


def treatments_html(data: Mapping[str, Any]) -> str:
    treatments: Sequence[Mapping[str, Any]] = get(data, "treatments", default=[])
    if not treatments:
        text = "None logged in this period."
    else:
        parts = []
        for item in treatments:
            kind = str(item.get("label") or item.get("kind", "")).replace("_", " ")
            minutes = item.get("minutes")
            per_week = item.get("sessions_per_week")
            parts.append(
                f"<b>{h(kind.capitalize())}</b>: {plural(int(item.get('sessions', 0)), 'session')}"
                + (f" ({number(per_week)} a week)" if per_week is not None else "")
                + (f" from {h(item['first_date'])}" if item.get("first_date") else "")
                + (f", {minutes} min" if minutes else "")
            )
        text = " · ".join(parts)
    return heading("Other treatments") + f"<p style='margin:0'>{text}</p>"


def questions_html(data: Mapping[str, Any]) -> str:
    questions: Sequence[Any] = get(data, "questions", default=[])
    if not questions:
        return heading("My questions for the doctor") + "<p style='margin:0'>None written down.</p>"
    items = "".join(f"<li>{h(q.get('text') if isinstance(q, Mapping) else q)}</li>" for q in questions)
    return (
        heading("My questions for the doctor")
        + f'<ol style="margin-top:0; margin-bottom:0; margin-left:{css(14)}; -qt-list-indent:0">{items}</ol>'
    )


def no_data_html(data: Mapping[str, Any]) -> str:
    start, end = get(data, "period", "start", default="?"), get(data, "period", "end", default="?")
    return (
        f'<p style="margin:0; font-size:large; font-weight:bold">No entries in this period '
        f"({h(start)} {DASH} {h(end)}).</p><p style='margin:0'>Nothing was logged between these dates, so "
        f"there are no numbers to show. Missing days are counted as missing, not as zero.</p>"
    )
