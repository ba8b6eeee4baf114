"""Page 1 of the printed summary (docs/clinical.md §7), as rich text built from the summary's JSON form.

The order is fixed: header, safety flags, current medications, response per medication, one chart, side
effects, function (PEG), other treatments, the person's questions. Each function returns HTML for one block
(or "" when the section has nothing to say and may be left out).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from medjournal.domain.instruments import phq9_band
from medjournal.domain.response import WINDOW_DAYS
from medjournal.i18n import _
from medjournal.report.pdf.pdf_layout import data_table, px
from medjournal.report.pdf.pdf_text import (
    DASH,
    INSTRUMENT_LABELS,
    WARNING_LABELS,
    count_of,
    course_words,
    day,
    dose_text,
    h,
    long_day,
    number,
    percent,
    short_day,
    word,
)
from medjournal.report.summary.summary_types import (
    MedicationDoc,
    QuestionnaireDoc,
    SummaryDocument,
    WarningDoc,
)

HEADING = "#1f3a5f"
LONG_PERIOD_DAYS = 366  # longer: report/pdf/pdf_long_period.py's monthly log, page 1's dates with their year
MUTED = "#555555"
ALERT = "#a0001c"
ALERT_BACKGROUND = "#fdecea"
BOX_BACKGROUND = "#eef2f7"
CAUTION = "#9a5b00"
CAUTION_BACKGROUND = "#fff4e0"
ROW_BAND = "#f5f5f5"


def css(pixels: float) -> str:
    return f"{px(pixels):.0f}px"


def table_head(*columns: tuple[int, str, str]) -> str:
    """A table's shaded header row: (width in %, alignment, title) per column."""
    cells = "".join(
        f'<th width="{width}%" align="{align}">{h(title)}</th>' for width, align, title in columns
    )
    return f'<tr bgcolor="{BOX_BACKGROUND}">{cells}</tr>'


def banded_table(columns: Sequence[tuple[int, str, str]], rows: Iterable[str]) -> str:
    """A first-page table: the header row of ``columns`` (:func:`table_head`), then ``rows`` (each one row's
    cells), every second one on a grey band so that a line is easy to follow across."""
    shades = ("", f' bgcolor="{ROW_BAND}"')
    body = (f"<tr{shades[index % 2]}>{cells}</tr>" for index, cells in enumerate(rows))
    return data_table(table_head(*columns), body, padding=1)


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
    days = period["days"]
    generated = day(header["generated_on"])
    title = _("Medication journal summary") + (f": {h(name)}" if name else "")
    # Entries on every day of a long period: "every day" rather than the period's length twice more.
    every_day = days > 1 and period["days_with_data"] == days
    counts = [
        _("data on <b>every day</b>")
        if every_day
        else count_of(
            days,
            "data on <b>{with_data} of {n} day</b>",
            "data on <b>{with_data} of {n} days</b>",
            with_data=period["days_with_data"],
        ),
        _("pain rated every day")
        if every_day and period["days_with_pain"] == days
        else count_of(period["days_with_pain"], "pain rated on {n} day", "pain rated on {n} days"),
    ]
    counts += [h(line) for line in header["imported"]]
    after = header["entries_after_today"]
    if after:
        left_out = count_of(
            after,
            "{n} entry dated after {date} left out",
            "{n} entries dated after {date} left out",
            date=h(generated),
        )
        counts.append(f"<b>{left_out}</b>")
    # Only "since the last visit" is said on paper (the basis may carry a note for the person).
    since = (
        ": " + h(_("since the last visit on {date}").format(date=long_day(period["last_visit"])))
        if period["last_visit"]  # the default period since the last visit (chosen dates have none)
        else ""
    )
    span = f"<b>{h(day(period['start']))} {DASH} {h(day(period['end']))}</b>"
    line = _("Period {span} ({days}{since}) · <b>self-reported data</b> · generated on {generated}").format(
        span=span, days=count_of(days, "{n} day", "{n} days"), since=since, generated=h(generated)
    )
    return (
        f'<p style="margin:0; font-size:xx-large; font-weight:bold; color:{HEADING}">{title}</p>'
        f'<p style="margin-top:{css(1)}; margin-bottom:0">{line}'
        + (" · " + ", ".join(counts) if counts else "")
        + "</p>"
        + (
            f"<p style='margin-top:{css(1)}; margin-bottom:0'><b>"
            + h(_("In short:"))
            + f"</b> {h(data['in_short'])}</p>"
            if data["in_short"]
            else ""
        )
    )


def acknowledged_note(acknowledged: bool) -> str:
    return f" <span style='color:{MUTED}'>" + h(_("(acknowledged)")) + "</span>" if acknowledged else ""


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
            dates = ", ".join(h(day(w["date"])) for w in group)
            text = count_of(
                len(group),
                "<b>{name}: more doses than the daily maximum</b> logged on {n} day: {dates}.",
                "<b>{name}: more doses than the daily maximum</b> logged on {n} days: {dates}.",
                name=h(name),
                dates=dates,
            )
            lines.append(_warning_line(kind, text, None, acknowledged))
            continue
        first = group[0]
        if kind == "not_checked":  # named in the medications table instead (medications_html)
            continue
        if kind == "caution":  # printed as written, with its source (docs/clinical.md §4)
            text = f"<b>{h(first['message'])}</b> " + h(
                _("Both taken from {date}.").format(date=day(first["date"]))
            )
            lines.append(_warning_line(kind, text, first["source"], acknowledged))
        else:
            lines.append(_warning_line(kind, h(first["message"]), None, acknowledged))
    return callout("".join(lines), CAUTION, CAUTION_BACKGROUND) if lines else ""


def not_checked_names(data: SummaryDocument) -> set[str]:
    """Medications whose combinations were not checked: the reviewed data does not know them (§4.6)."""
    return {n for w in data["warnings"] if w["kind"] == "not_checked" for n in w["medications"]}


def _warning_line(kind: str, text: str, source: str | None, acknowledged: bool) -> str:
    label = _(WARNING_LABELS[kind]) if kind in WARNING_LABELS else kind.replace("_", " ").capitalize()
    return (
        f"<p style='margin:0'><span style='color:{CAUTION}; font-weight:bold'>{h(label)}:</span> {text}"
        + (
            f" <span style='font-size:small; color:{MUTED}'>"
            + h(_("Source: {source}.").format(source=source))
            + "</span>"
            if source
            else ""
        )
        + acknowledged_note(acknowledged)
        + "</p>"
    )


def _schedule(med: MedicationDoc) -> str:
    if med["as_needed"]:
        most = med["max_daily"]
        return (
            _("as needed, at most {count} a day").format(count=dose_text(most, None))
            if most
            else _("as needed")
        )
    times = med["times"]
    return ", ".join(times) if times else _("no set times")


def _steps(med: MedicationDoc) -> str:
    """Dose steps in order; a stop and restart is written as such, not as a dose change."""
    changes, steps, unit = med["dose_changes"], med["dose_steps"], med["unit"]
    if not changes:
        return h(_("no change"))
    parts = []
    for index, change in enumerate(changes):
        text = h(
            _("{dose} from {date}").format(dose=dose_text(change["dose"], unit), date=day(change["date"]))
        )
        if change["kind"] == "restart" and 0 < index <= len(steps):
            stopped = _next_day(steps[index - 1]["end"])
            said = (
                _("stopped {date}; restarted {step}").format(date=day(stopped), step="{step}")
                if stopped
                else _("restarted {step}")
            )
            text = h(said).replace("{step}", text)
        parts.append(text)
    return " → ".join(parts)


def _next_day(value: str | None) -> str | None:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(str(value)) + timedelta(days=1)).isoformat()
    except ValueError:
        return None


def _adherence(med: MedicationDoc) -> str:
    adherence = med["adherence"]
    if med["as_needed"]:
        doses = adherence["taken"] + adherence["extra_doses"]
        days = adherence["days_taken"]
        per_month = med["days_used_per_month"]
        if not days:
            return h(count_of(doses, "as needed: {n} dose taken", "as needed: {n} doses taken"))
        said = count_of(
            doses,
            "as needed: {n} dose taken {on_days}",
            "as needed: {n} doses taken {on_days}",
            on_days=count_of(days, "on {n} day", "on {n} days"),
        )
        if per_month is not None:
            said += " " + _("({count} days a month)").format(count=number(per_month))
        return h(said)
    if adherence["percent"] is None:
        return h(_("no scheduled dose in the period yet"))
    scheduled = adherence["scheduled"]
    if adherence["nothing_logged"]:
        return count_of(
            scheduled,
            "<b>no dose logged</b> in the period ({n} scheduled dose, none recorded as taken or skipped)",
            "<b>no dose logged</b> in the period ({n} scheduled doses, none recorded as taken or skipped)",
        )
    gap = adherence["longest_gap_days"]
    gap_text = "; " + count_of(gap, "longest gap {n} day", "longest gap {n} days") if gap else ""
    reasons = adherence["skip_reasons"]
    why = "; ".join(h(r["reason"]) + (f" ×{r['count']}" if r["count"] > 1 else "") for r in reasons[:3])
    skipped_text = h(_("{count} skipped").format(count=adherence["skipped"])) + (f" ({why})" if why else "")
    return h(
        _("{percent} of {scheduled} scheduled: {taken} taken, {skipped}, {not_recorded} not recorded")
    ).replace("{percent}", f"<b>{percent(adherence['percent'])}</b>").replace(
        "{scheduled}", str(scheduled)
    ).replace("{taken}", str(adherence["taken"])).replace("{skipped}", skipped_text).replace(
        "{not_recorded}", str(adherence["not_recorded"])
    ) + h(gap_text)


def medications_html(data: SummaryDocument) -> str:
    meds = data["medications"]
    if not meds:
        return (
            heading(_("Medications"))
            + "<p style='margin:0'>"
            + h(_("No medication recorded in this period."))
            + "</p>"
        )
    rows = []
    unchecked = not_checked_names(data)
    for med in meds:
        status = " " + h(_("(stopped {date})").format(date=day(med["stopped"]))) if med["stopped"] else ""
        if med["name"] in unchecked:  # docs/clinical.md §4.6: never passed in silence
            status += f"<br><span style='color:{CAUTION}'>" + h(_("combinations not checked")) + "</span>"
        purpose = (
            f"<br><span style='color:{MUTED}'>"
            + h(_("for {purpose}").format(purpose=med["purpose"]))
            + "</span>"
            if med["purpose"]
            else ""
        )
        today = med["today"]
        now = (
            f"<br><span style='color:{MUTED}'>"
            f"" + h(_("today: {dose}").format(dose=dose_text(today["dose"], today["unit"]))) + "</span>"
            if today is not None
            else ""
        )
        rows.append(
            f"<td><b>{h(med['name'])}</b>{status}{purpose}</td>"
            f"<td>{h(dose_text(med['dose'], med['unit']))}, {h(_schedule(med))}{now}</td>"
            f"<td style='white-space:nowrap'>{h(day(med['started']))}</td><td>{_steps(med)}</td>"
            f"<td>{_adherence(med)}</td>"
        )
    end, made = data["period"]["end"], data["header"]["generated_on"]
    title = (
        _("Medications as of {date}").format(date=long_day(end)) if end < made else _("Current medications")
    )
    note = _(
        "adherence = taken ÷ scheduled doses up to today; gap = days in a row with no dose logged as taken"
    )
    columns = (
        (20, "left", _("Medication")),
        (16, "left", _("Dose, times")),
        (11, "left", _("Started")),
        (22, "left", _("Dose steps")),
        (31, "left", _("Doses in period")),
    )
    return heading(title, note) + banded_table(columns, rows)


def side_effects_html(data: SummaryDocument) -> str:
    effects = data["side_effects"]
    note = _("severity 0 none – 3 severe; before → since: days per {days}; ").format(
        days=WINDOW_DAYS
    ) + _new_since_note(data)
    if not effects:
        return (
            heading(_("Side effects"), note)
            + "<p style='margin:0'>"
            + h(_("None logged in this period."))
            + "</p>"
        )
    rows = []
    ordered = sorted(effects, key=lambda e: (not e["new_since_start"], -e["days"]))
    for effect in ordered:
        words = ", ".join(f"<b>{h(w)}</b>" if new else h(w) for w, new in course_words(effect)) or DASH
        since = effect["per_14_days_since_start"]
        often = f"{effect['days_before_start']} → {number(since)}" if since is not None else DASH
        rows.append(
            f"<td>{h(word(effect['label'] or effect['name']))}</td>"
            f"<td align='right'>{effect['days']}</td>"
            f"<td align='right'>{number(effect['mean_severity'])} / {effect['max_severity']}</td>"
            f"<td align='right'>{often}</td>"
            f"<td align='right'>{effect['current_days']}</td><td>{words}</td>"
        )
    columns = (
        (19, "left", _("Symptom")),
        (7, "right", _("Days")),
        (11, "right", _("Mean / max")),
        (15, "right", _("Before → since")),
        (9, "right", _("Last {days} d").format(days=WINDOW_DAYS)),
        (39, "left", _("Course")),
    )
    return heading(_("Side effects"), note) + banded_table(columns, rows)


def _new_since_note(data: SummaryDocument) -> str:
    """Which start "new since start" is judged against, and the rule (docs/clinical.md §3 and §5)."""
    name = data["side_effects_relative_to"]
    started = next((m["started"] for m in data["medications"] if m["name"] == name), None)
    if not name or not started:
        return _("no medication started recently, so “new since start” is not judged")
    return _("“new” = reported since {name} started ({date}) and not in the {days} days before").format(
        name=name, date=day(started), days=WINDOW_DAYS
    )


def _series_text(points: Sequence[QuestionnaireDoc], decimals: int = 1, long_period: bool = False) -> str:
    """The first four scores and the last three, with "… N more …" between. A period longer than a year gives
    each date its year (month and day alone would not say which year) and shows the first score and the last
    two: one line still, the start and where it is now."""
    head, tail = (1, 2) if long_period else (4, 3)
    when = day if long_period else short_day
    shown = list(points)
    if len(shown) > head + tail:
        shown = [*shown[:head], *shown[-tail:]]
    parts = [
        f"{number(p['score'], decimals)} <span style='color:{MUTED}'>({h(when(p['date']))})</span>"
        for p in shown
    ]
    skipped = len(points) - len(shown)
    if skipped:
        parts.insert(head, h(_("… {count} more …").format(count=skipped)))
    return " → ".join(parts)


def function_html(data: SummaryDocument) -> str:
    questionnaires = data["questionnaires"]
    lines = []
    peg = questionnaires.get("peg") or []
    if peg:
        lines.append(
            h(_("{PEG} (pain, enjoyment, activity; 0–10, higher = worse):")).replace("{PEG}", "<b>PEG</b>")
            + " "
            + _series_text(peg, long_period=data["period"]["days"] > LONG_PERIOD_DAYS)
        )
    else:
        lines.append(h(_("{PEG}: not answered in this period.")).replace("{PEG}", "<b>PEG</b>"))
    screens = []
    for key in ("phq9", "phq2", "gad2"):
        answers = questionnaires.get(key) or []
        if answers:
            last = answers[-1]
            score = last["score"]
            band = f", {word(phq9_band(float(score)))}" if key == "phq9" and score is not None else ""
            said = _("{instrument} {score}{band} on {date}").format(
                instrument=INSTRUMENT_LABELS[key], score=number(score, 0), band=band, date=day(last["date"])
            )
            if len(answers) > 1:
                said += " " + _("({count} answered)").format(count=len(answers))
            screens.append(h(said))
    if screens:
        lines.append(
            "<b>" + h(_("Mood questionnaires")) + "</b> " + h(_("(latest):")) + " " + "; ".join(screens)
        )
    return heading(_("Function and questionnaires")) + "".join(
        f"<p style='margin:0'>{line}</p>" for line in lines
    )


def treatments_html(data: SummaryDocument) -> str:
    treatments = data["treatments"]
    if not treatments:
        text = h(_("None logged in this period."))
    else:
        parts = []
        for item in treatments:
            kind = word(item["label"] or item["kind"].replace("_", " "))
            minutes = item["minutes"]
            per_week = item["sessions_per_week"]
            parts.append(
                f"<b>{h(kind[:1].upper() + kind[1:])}</b>: "
                + h(count_of(item["sessions"], "{n} session", "{n} sessions"))
                + (
                    " " + h(_("({count} a week)").format(count=number(per_week)))
                    if per_week is not None
                    else ""
                )
                + (
                    " " + h(_("from {date}").format(date=day(item["first_date"])))
                    if item["first_date"]
                    else ""
                )
                + (", " + h(_("{minutes} min").format(minutes=minutes)) if minutes else "")
            )
        text = " · ".join(parts)
    return heading(_("Other treatments")) + f"<p style='margin:0'>{text}</p>"


def questions_html(data: SummaryDocument) -> str:
    questions = data["questions"]
    title = _("My questions for the doctor")
    if not questions:
        return heading(title) + "<p style='margin:0'>" + h(_("None written down.")) + "</p>"
    items = "".join(f"<li>{h(q)}</li>" for q in questions)
    return (
        heading(title)
        + f'<ol style="margin-top:0; margin-bottom:0; margin-left:{css(14)}; -qt-list-indent:0">{items}</ol>'
    )


def no_data_html(data: SummaryDocument) -> str:
    start, end = long_day(data["period"]["start"]), long_day(data["period"]["end"])
    return (
        '<p style="margin:0; font-size:large; font-weight:bold">'
        + h(_("No entries in this period ({start} – {end}).").format(start=start, end=end))
        + "</p><p style='margin:0'>"
        + h(
            _(
                "Nothing was logged between these dates, so there are no numbers to show. Missing days are "
                "counted as missing, not as zero."
            )
        )
        + "</p>"
    )
