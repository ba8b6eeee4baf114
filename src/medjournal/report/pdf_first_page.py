"""Page 1 of the printed summary (docs/clinical.md §7), as rich text built from the summary's JSON form.

The order is fixed: header, safety flags, current medications, response per medication, one chart, side
effects, function (PEG), other treatments, the person's questions. Each function returns HTML for one block
(or "" when the section has nothing to say and may be left out).
"""

from __future__ import annotations

from collections.abc import Sequence

from medjournal.domain.instruments import phq9_band
from medjournal.domain.response import WINDOW_DAYS
from medjournal.report import pdf_flags
from medjournal.report.pdf_layout import px
from medjournal.report.pdf_text import (
    DASH,
    INSTRUMENT_LABELS,
    URGENT_KINDS,
    dose_text,
    h,
    number,
    percent,
    plural,
    safety_label,
)
from medjournal.report.summary_types import (
    FlagDoc,
    MedicationDoc,
    QuestionnaireDoc,
    SummaryDocument,
    WarningDoc,
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


def header_html(data: SummaryDocument) -> str:
    header, period = data["header"], data["period"]
    name = header["name"]
    start, end, days = period["start"], period["end"], period["days"]
    generated = header["generated_on"]
    # The basis may end with a note for the person ("; the visit today starts the next summary …"): not for paper.
    since = period["basis"].partition("; ")[0]
    title = "Medication journal summary" + (f": {h(name)}" if name else "")
    counts = [
        f"data on <b>{period['days_with_data']} of {days} days</b>",
        f"pain rated on {period['days_with_pain']} days",
    ]
    counts += [h(line) for line in header["imported"]]
    after = header["entries_after_today"]
    if after:
        counts.append(
            f"<b>{after} {'entry' if after == 1 else 'entries'} dated after {h(generated)} left out</b>"
        )
    period_note = f": {h(since)}" if since.startswith("since") else ""
    return (
        f'<p style="margin:0; font-size:xx-large; font-weight:bold; color:{HEADING}">{title}</p>'
        f'<p style="margin-top:{css(1)}; margin-bottom:0">Period <b>{h(start)} {DASH} {h(end)}</b> '
        f"({days} days{period_note}) · <b>self-reported data</b> · generated on {h(generated)}"
        + (" · " + ", ".join(counts) if counts else "")
        + "</p>"
        + (
            f"<p style='margin-top:{css(1)}; margin-bottom:0'><b>In short:</b> {h(data['in_short'])}</p>"
            if data["in_short"]
            else ""
        )
    )


def safety_html(data: SummaryDocument, full_list_page: int = 2) -> str:
    """The safety flags, then the screening status (docs/clinical.md §6.6), which is printed even with no flag.
    More flags than page 1 holds: the most serious and recent, and the page listing all (report/pdf_flags.py)."""
    flags = data["safety"]["flags"]
    found = data["safety"]["screening"]
    lines = pdf_flags.page_one_screening(found["lines"] if found is not None else [], full_list_page)
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
    shown = pdf_flags.page_one_flags(flags)
    items = []
    for flag in shown:
        urgent = flag["kind"] in URGENT_KINDS
        color = f"color:{ALERT}; " if urgent else ""
        items.append(
            f"<li><span style='{color}font-weight:bold'>{h(flag['date'])} · "
            f"{h(safety_label(flag['kind']))}</span>: {h(flag['detail'])}{_recorded_on(flag)}"
            f"{_acknowledged(flag['acknowledged'])}</li>"
        )
    items_html = "".join(items)
    more = ""
    if len(shown) < len(flags):
        note = pdf_flags.page_one_note(len(flags), len(shown), full_list_page)
        more = f'<p style="margin-top:{css(2)}; margin-bottom:0; color:{MUTED}">{h(note)}</p>'
    return callout(
        f'<p style="margin:0"><span style="font-size:large; font-weight:bold; color:{ALERT}">Safety flags: '
        f"please review first ({len(flags)})</span>{screening}</p>"
        f'<ul style="margin-top:{css(2)}; margin-bottom:0; margin-left:{css(14)}; -qt-list-indent:0">'
        f"{items_html}</ul>{more}",
        ALERT,
        ALERT_BACKGROUND,
    )


def _recorded_on(flag: FlagDoc) -> str:
    """An answer typed in after the day it is about says so (it is dated by its own day)."""
    later = flag["recorded_on"]
    return f" <span style='color:{MUTED}'>(recorded on {h(later)})</span>" if later else ""


def _acknowledged(acknowledged: bool) -> str:
    return f" <span style='color:{MUTED}'>(acknowledged)</span>" if acknowledged else ""


WARNING_LABELS = {
    "caution": "Caution",
    "over_daily_maximum": "Above the daily maximum",
    "lower_dose": "Lower dose",
    "not_checked": "Not checked",
}


def warnings_html(data: SummaryDocument) -> str:
    """Cautions and dose notes, under the medications they are about (docs/clinical.md §4 and §7 item 3).

    A caution is printed as written, with its source; doses above a daily maximum are gathered into one line
    per medication (the JSON keeps one warning per day). The dose notes' source is the journal's own rule
    (docs/clinical.md §4.2), left to the JSON.
    """
    warnings = data["warnings"]
    if not warnings:
        return ""
    # One entry per caution or lower dose, one per medication for days above its maximum; in the JSON's order.
    entries: dict[tuple[str, str], list[WarningDoc]] = {}
    for index, warning in enumerate(warnings):
        kind = warning["kind"]
        names = warning["medications"] or [""]
        group_key = (
            str(names[0]) if kind == "over_daily_maximum" else "" if kind == "not_checked" else str(index)
        )
        entries.setdefault((kind, group_key), []).append(warning)
    lines: list[str] = []
    for (kind, name), group in entries.items():
        acknowledged = all(w["acknowledged"] for w in group)
        if kind == "over_daily_maximum":
            dates = ", ".join(h(w["date"]) for w in group)
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
            text = f"<b>{h(first['message'])}</b> Both taken from {h(first['date'])}."
            lines.append(_warning_line(kind, text, first["source"], acknowledged))
        else:
            lines.append(_warning_line(kind, h(first["message"]), None, acknowledged))
    return callout("".join(lines), CAUTION, CAUTION_BACKGROUND) if lines else ""


def not_checked_names(data: SummaryDocument) -> set[str]:
    """Medications whose combinations were not checked: the reviewed data does not know them (§4.6)."""
    return {n for w in data["warnings"] if w["kind"] == "not_checked" for n in w["medications"]}


def _warning_line(kind: str, text: str, source: str | None, acknowledged: bool) -> str:
    label = WARNING_LABELS.get(kind, kind.replace("_", " ").capitalize())
    return (
        f"<p style='margin:0'><span style='color:{CAUTION}; font-weight:bold'>{h(label)}:</span> {text}"
        + (f" <span style='font-size:small; color:{MUTED}'>Source: {h(source)}.</span>" if source else "")
        + _acknowledged(acknowledged)
        + "</p>"
    )


def _schedule(med: MedicationDoc) -> str:
    if med["as_needed"]:
        most = med["max_daily"]
        return "as needed" + (f", at most {most} a day" if most else "")
    times = med["times"]
    return ", ".join(times) if times else "no set times"


def _steps(med: MedicationDoc) -> str:
    """Dose steps in order; a stop and restart is written as such, not as a dose change."""
    changes, steps, unit = med["dose_changes"], med["dose_steps"], med["unit"]
    if not changes:
        return "no change"
    parts = []
    for index, change in enumerate(changes):
        text = f"{dose_text(change['dose'], unit)} from {h(change['date'])}"
        if change["kind"] == "restart" and 0 < index <= len(steps):
            stopped = _next_day(steps[index - 1]["end"])
            text = (f"stopped {h(stopped)}; " if stopped else "") + "restarted " + text
        parts.append(text)
    return " → ".join(parts)


def _next_day(day: str | None) -> str | None:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(str(day)) + timedelta(days=1)).isoformat()
    except ValueError:
        return None


def _adherence(med: MedicationDoc) -> str:
    adherence = med["adherence"]
    if med["as_needed"]:
        doses = adherence["taken"] + adherence["extra_doses"]
        days = adherence["days_taken"]
        on_days = f" on {plural(days, 'day')}" if days else ""
        per_month = med["days_used_per_month"]
        monthly = f" ({number(per_month)} days a month)" if days and per_month is not None else ""
        return f"as needed: {plural(doses, 'dose')} taken{on_days}{monthly}"
    if adherence["percent"] is None:
        return "no scheduled dose in the period yet"
    scheduled = adherence["scheduled"]
    if adherence["nothing_logged"]:
        return (
            f"<b>no dose logged</b> in the period ({plural(scheduled, 'scheduled dose')}, "
            "none recorded as taken or skipped)"
        )
    gap = adherence["longest_gap_days"]
    gap_text = f"; longest gap {plural(gap, 'day')}" if gap else ""
    reasons = adherence["skip_reasons"]
    why = "; ".join(h(r["reason"]) + (f" ×{r['count']}" if r["count"] > 1 else "") for r in reasons[:3])
    skipped_text = f"{adherence['skipped']} skipped" + (f" ({why})" if why else "")
    return (
        f"<b>{percent(adherence['percent'])}</b> of {scheduled} scheduled: "
        f"{adherence['taken']} taken, {skipped_text}, "
        f"{adherence['not_recorded']} not recorded{gap_text}"
    )


def medications_html(data: SummaryDocument) -> str:
    meds = data["medications"]
    if not meds:
        return heading("Medications") + "<p style='margin:0'>No medication recorded in this period.</p>"
    rows = []
    unchecked = not_checked_names(data)
    for index, med in enumerate(meds):
        shade = ' bgcolor="#f5f5f5"' if index % 2 else ""
        status = f" (stopped {h(med['stopped'])})" if med["stopped"] else ""
        if med["name"] in unchecked:  # docs/clinical.md §4.6: never passed in silence
            status += f"<br><span style='color:{CAUTION}'>combinations not checked</span>"
        purpose = f"<br><span style='color:{MUTED}'>for {h(med['purpose'])}</span>" if med["purpose"] else ""
        today = med["today"]
        now = (
            f"<br><span style='color:{MUTED}'>today: {h(dose_text(today['dose'], today['unit']))}</span>"
            if today is not None
            else ""
        )
        rows.append(
            f"<tr{shade}><td><b>{h(med['name'])}</b>{status}{purpose}</td>"
            f"<td>{h(dose_text(med['dose'], med['unit']))}, {h(_schedule(med))}{now}</td>"
            f"<td style='white-space:nowrap'>{h(med['started'])}</td><td>{_steps(med)}</td>"
            f"<td>{_adherence(med)}</td></tr>"
        )
    head = (
        f'<tr bgcolor="{BOX_BACKGROUND}"><th width="20%" align="left">Medication</th>'
        '<th width="16%" align="left">Dose, times</th><th width="11%" align="left">Started</th>'
        '<th width="22%" align="left">Dose steps</th><th width="31%" align="left">Doses in period</th></tr>'
    )
    end, made = data["period"]["end"], data["header"]["generated_on"]
    title = f"Medications as of {h(end)}" if end < made else "Current medications"
    return (
        heading(
            title,
            "adherence = taken ÷ scheduled doses up to today; gap = days in a row with no dose logged as taken",
        )
        + f'<table width="100%" cellspacing="0" cellpadding="{px(1):.0f}">{head}{"".join(rows)}</table>'
    )


def side_effects_html(data: SummaryDocument) -> str:
    effects = data["side_effects"]
    note = f"severity 0 none – 3 severe; before → since: days per {WINDOW_DAYS}; " + _new_since_note(data)
    if not effects:
        return heading("Side effects", note) + "<p style='margin:0'>None logged in this period.</p>"
    rows = []
    ordered = sorted(effects, key=lambda e: (not e["new_since_start"], -e["days"]))
    for index, effect in enumerate(ordered):
        shade = ' bgcolor="#f5f5f5"' if index % 2 else ""
        words = (
            ", ".join(f"<b>{h(w)}</b>" if w == "new since start" else h(w) for w in effect["course"]) or DASH
        )
        since = effect["per_14_days_since_start"]
        often = f"{effect['days_before_start']} → {number(since)}" if since is not None else DASH
        rows.append(
            f"<tr{shade}><td>{h(effect['label'] or effect['name'])}</td>"
            f"<td align='right'>{effect['days']}</td>"
            f"<td align='right'>{number(effect['mean_severity'])} / {effect['max_severity']}</td>"
            f"<td align='right'>{often}</td>"
            f"<td align='right'>{effect['current_days']}</td><td>{words}</td></tr>"
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


def _new_since_note(data: SummaryDocument) -> str:
    """Which start "new since start" is judged against, and the rule (docs/clinical.md §3 and §5)."""
    name = data["side_effects_relative_to"]
    started = next((m["started"] for m in data["medications"] if m["name"] == name), None)
    if not name or not started:
        return "no medication started recently, so “new since start” is not judged"
    return f"“new” = reported since {name} started ({started}) and not in the {WINDOW_DAYS} days before"


def _series_text(points: Sequence[QuestionnaireDoc], decimals: int = 1, limit: int = 7) -> str:
    shown = list(points)
    if len(shown) > limit:
        shown = [*shown[: limit - 3], *shown[-3:]]
    parts = [
        f"{number(p['score'], decimals)} <span style='color:{MUTED}'>({h(p['date'][5:])})</span>"
        for p in shown
    ]
    skipped = len(points) - len(shown)
    if skipped:
        parts.insert(limit - 3, f"… {skipped} more …")
    return " → ".join(parts)


def function_html(data: SummaryDocument) -> str:
    questionnaires = data["questionnaires"]
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
            score = last["score"]
            band = f", {phq9_band(float(score))}" if key == "phq9" and score is not None else ""
            screens.append(
                f"{INSTRUMENT_LABELS[key]} {number(score, 0)}{band} on {h(last['date'])}"
                + (f" ({len(answers)} answered)" if len(answers) > 1 else "")
            )
    if screens:
        lines.append("<b>Mood questionnaires</b> (latest): " + "; ".join(screens))
    return heading("Function and questionnaires") + "".join(
        f"<p style='margin:0'>{line}</p>" for line in lines
    )


def treatments_html(data: SummaryDocument) -> str:
    treatments = data["treatments"]
    if not treatments:
        text = "None logged in this period."
    else:
        parts = []
        for item in treatments:
            kind = (item["label"] or item["kind"]).replace("_", " ")
            minutes = item["minutes"]
            per_week = item["sessions_per_week"]
            parts.append(
                f"<b>{h(kind.capitalize())}</b>: {plural(item['sessions'], 'session')}"
                + (f" ({number(per_week)} a week)" if per_week is not None else "")
                + (f" from {h(item['first_date'])}" if item["first_date"] else "")
                + (f", {minutes} min" if minutes else "")
            )
        text = " · ".join(parts)
    return heading("Other treatments") + f"<p style='margin:0'>{text}</p>"


def questions_html(data: SummaryDocument) -> str:
    questions = data["questions"]
    if not questions:
        return heading("My questions for the doctor") + "<p style='margin:0'>None written down.</p>"
    items = "".join(f"<li>{h(q)}</li>" for q in questions)
    return (
        heading("My questions for the doctor")
        + f'<ol style="margin-top:0; margin-bottom:0; margin-left:{css(14)}; -qt-list-indent:0">{items}</ol>'
    )


def no_data_html(data: SummaryDocument) -> str:
    start, end = data["period"]["start"], data["period"]["end"]
    return (
        f'<p style="margin:0; font-size:large; font-weight:bold">No entries in this period '
        f"({h(start)} {DASH} {h(end)}).</p><p style='margin:0'>Nothing was logged between these dates, so "
        f"there are no numbers to show. Missing days are counted as missing, not as zero.</p>"
    )
