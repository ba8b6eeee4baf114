"""Page 1's "Is it working?" results (docs/clinical.md §5 and §7 item 4), with the caveats printed once under them.

One medication under evaluation gets a full box; two or more share one table, a line each (baseline → now
with rated days, change, category, the 2-point check, PGIC) with the rest of the full box in small print
under it. When page 1 cannot hold even that, the table keeps its main lines, says so, and the full boxes are
printed after page 1 (:func:`full_box_blocks`).

Built from the summary's JSON form, like the rest of page 1 (:mod:`medjournal.report.pdf.pdf_first_page`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from medjournal.domain.instruments import PGIC_CHOICES
from medjournal.domain.response import MIN_RATED_DAYS, WINDOW_DAYS
from medjournal.i18n import N_, _
from medjournal.report.pdf.pdf_first_page import BOX_BACKGROUND, HEADING, MUTED, callout, css, heading
from medjournal.report.pdf.pdf_layout import Block, TextBlock, data_table
from medjournal.report.pdf.pdf_text import (
    DASH,
    count_of,
    day,
    h,
    number,
    percent_change,
    short_day,
    signed,
    word,
)
from medjournal.report.summary.activities import activities_line
from medjournal.report.summary.measure_change import measures_text
from medjournal.report.summary.summary_types import (
    MedicationDoc,
    QuestionnaireDoc,
    ResponseDoc,
    SummaryDocument,
)


def _side(resp: ResponseDoc, which: str) -> tuple[float | None, int, str | None, str | None]:
    """A window's mean, rated days, first and last day: ``which`` is "baseline" or "current"."""
    if which == "baseline":
        return resp["baseline_mean"], resp["baseline_days"], resp["baseline_start"], resp["baseline_end"]
    return resp["current_mean"], resp["current_days"], resp["current_start"], resp["current_end"]


def _window(resp: ResponseDoc, which: str, date_text: Callable[[str | None], str] = day) -> str:
    mean, days, start, end = _side(resp, which)
    span = (
        f' <span style="color:{MUTED}">{h(date_text(start))} {DASH} {h(date_text(end))}</span>'
        if start and end
        else ""
    )
    rated = count_of(days, "{n} rated day", "{n} rated days")
    if which == "baseline" and resp.get("journal_began"):
        return h(before_journal(resp)) + span
    if mean is None:
        return h(_("not enough data ({rated})").format(rated=rated)) + span
    return f"<b>{number(mean)}</b> ({h(rated)}){span}"


def before_journal(resp: ResponseDoc) -> str:
    """The baseline of a start on or before the journal's first day (docs/summary.md, "In short")."""
    return _("nothing recorded: the journal began {date}").format(date=day(resp.get("journal_began")))


def not_enough(days: int) -> str:
    """ "not enough data (3 rated days)" (docs/clinical.md §5), as plain text."""
    return _("not enough data ({rated})").format(rated=count_of(days, "{n} rated day", "{n} rated days"))


def _pgic_label(answer: QuestionnaireDoc) -> str:
    """The answer's wording ("Much improved"), from the stored label or the 1–7 score."""
    score = answer["score"]
    label = answer.get("label")
    if label is None and score is not None and 1 <= int(score) <= len(PGIC_CHOICES):
        label = PGIC_CHOICES[int(score) - 1]
    return str(label if label is not None else score)


def _pgic_text(answers: Sequence[QuestionnaireDoc]) -> str:
    """The last three PGIC answers, each after its date."""
    return "; ".join(f"{h(day(answer['date']))}: <b>{h(_pgic_label(answer))}</b>" for answer in answers[-3:])


def response_html(med: MedicationDoc, caveat: bool = False) -> str:
    resp = med["response"]
    lines = [
        f'<p style="margin:0; font-weight:bold; color:{HEADING}">'
        + h(_("Is it working? {name}: pain before vs now").format(name=med["name"]))
        + f' <span style="font-weight:normal; color:{MUTED}; font-size:small">'
        + h(_("(0–10, higher = worse; daily means)"))
        + "</span></p>"
    ]
    lines += _window_lines(med)
    lines.append(_change_line(resp))
    extra = []
    weeks = resp["weeks_since_start"]
    if weeks is not None:
        judged = med["judged_after_weeks"]
        since_start = count_of(weeks, "{n} week since start", "{n} weeks since start")
        if judged is not None and float(weeks) < float(judged["weeks"]):
            since_start += " " + _("(week {week} of the {weeks} the label's trials took)").format(
                week=int(float(weeks)) + 1, weeks=judged["weeks"]
            )
        extra.append(h(since_start))
    if since_change := _weeks_since_change(resp):
        extra.append(since_change)
    others = _other_measures(med)
    if others:
        lines.append("<p style='margin:0'>" + h(_("Same windows:")) + f" {' · '.join(others)}</p>")
    function = function_text(med)
    if function:
        lines.append(f"<p style='margin:0'>{function}</p>")
    own = activities_line(med)
    if own:
        lines.append(f"<p style='margin:0'>{h(own)}</p>")
    rescue = rescue_text(med)
    if rescue:
        lines.append(f"<p style='margin:0'>{rescue}</p>")
    if measured := measures_text(med["measures"]):
        lines.append(f"<p style='margin:0'>{h(measured)}</p>")
    pgic = med["pgic"]
    extra.append(
        h(_("impression of change (PGIC):"))
        + " "
        + (_pgic_text(pgic) if pgic else h(_("not answered in this period")))
    )
    notes = resp["notes"] + later_notes(med)
    lines.append(f"<p style='margin:0'>{' · '.join(extra)}{_run_on_notes(notes)}</p>")
    if caveat:
        lines.append(caveat_html())
    return callout("".join(lines), "#4a6f99", BOX_BACKGROUND)


def _window_lines(med: MedicationDoc) -> list[str]:
    """The baseline and the current window, each with its mean, rated days and dates."""
    resp = med["response"]
    baseline_words = (
        _("Baseline, {days} days before the start {date}:").format(days=WINDOW_DAYS, date=day(med["started"]))
        if med["started"]
        else _("Baseline, {days} days before the start:").format(days=WINDOW_DAYS)
    )
    now_words = _("Now, last {days} days:").format(days=WINDOW_DAYS)
    return [
        f"<p style='margin:0'>{h(baseline_words)} {_window(resp, 'baseline')}</p>",
        f"<p style='margin:0'>{h(now_words)} {_window(resp, 'current')}</p>",
    ]


def _weeks_since_change(resp: ResponseDoc) -> str:
    """ "6 weeks since the last dose change", or nothing without a change since the start."""
    weeks = resp["weeks_since_dose_change"]
    if weeks is None:
        return ""
    return h(count_of(weeks, "{n} week since the last dose change", "{n} weeks since the last dose change"))


def _change_line(resp: ResponseDoc) -> str:
    """The change from before to now with its category, or why none was computed."""
    if resp.get("journal_began"):
        said = _("No change computed: nothing was recorded before the start.")
        return f"<p style='margin:0'>{h(said)}</p>"
    if resp["baseline_mean"] is None or resp["current_mean"] is None:
        said = _("No change computed: each window needs at least {days} rated days.").format(
            days=MIN_RATED_DAYS
        )
        return f"<p style='margin:0'>{h(said)}</p>"
    category = word(resp["category"] or N_("not computed"))
    change_percent = resp["change_percent"]
    percent_text = f" ({percent_change(change_percent)})" if change_percent is not None else ""
    two = resp["meets_two_points"]
    two_text = _("yes") if two else _("no") if two is not None else "–"
    return (
        "<p style='margin:0'>"
        + _(
            "Change <b>{points} points{percent}</b>: <b>{category}</b> · change of 2 points or more: <b>{two}</b>"
        ).format(
            points=signed(resp["change_points"]), percent=percent_text, category=h(category), two=two_text
        )
        + "</p>"
    )


OTHER_MEASURES = (
    ("mood", N_("Mood"), N_("Mood (higher = better)")),
    ("sleep", N_("Sleep"), N_("Sleep (higher = better)")),
    ("peg", N_("PEG"), N_("PEG (higher = worse)")),
)


PEG_ITEM_LABELS = (
    ("activity", N_("<b>Function</b> (PEG general activity)")),
    ("enjoyment", N_("PEG enjoyment of life")),
    ("pain", N_("PEG pain")),
)


def _run_on_notes(notes: list[str]) -> str:
    """The notes, run on after the weeks and the PGIC rather than on a line of their own: page 1 on Letter is
    nearly full, and this keeps room for the person's own activities (docs/summary.md)."""
    if not notes:
        return ""
    return (
        f" · <span style='color:{MUTED}'>" + h(_("Note: {notes}.").format(notes="; ".join(notes))) + "</span>"
    )


def later_notes(med: MedicationDoc, short: bool = False) -> list[str]:
    """Notes that qualify the result: a baseline typed in later, other treatments begun in or between the windows;
    ``short``: the compact table of several medications, where room is scarce."""
    entered = med["baseline_entered_later"]
    if not entered:
        return treatments_began_notes(med)
    said = (
        _("baseline typed in later")
        if short
        else _("{note}: less reliable than ratings made on the day").format(note=entered)
    )
    return [said, *treatments_began_notes(med)]


def treatments_began_notes(med: MedicationDoc) -> list[str]:
    """Other treatments begun in or between the windows, a second explanation for a change (the caveat below
    names other treatments): "also begun between the windows: exercise 2026-03-26, physical therapy 2026-04-07"."""
    by_place: dict[str, list[str]] = {}
    for began in med["treatments_began"]:
        label = began["label"] or began["kind"].replace("_", " ")
        name = word(label)
        name = name.lower() if name == label else name  # German keeps its nouns capitalised
        by_place.setdefault(word(began["where"]), []).append(f"{name} {day(began['date'])}")
    return [
        _("also begun {where}: {treatments}").format(where=where, treatments=", ".join(names))
        for where, names in by_place.items()
    ]


def function_text(med: MedicationDoc, short: bool = False) -> str:
    """PEG's items before → now, the activity item first and named as the function measure ("" without PEG);
    ``short``: the activity item alone (the compact table of several medications)."""
    items = med["peg_items"]
    labels = (("activity", N_("function (PEG activity)")),) if short else PEG_ITEM_LABELS
    parts = [
        f"{_(label)} {h(_brief(items[key], 'baseline'))} → {h(_brief(items[key], 'current'))}"
        for key, label in labels
        if key in items
    ]
    if not parts:
        return ""
    return " · ".join(parts)


def rescue_text(med: MedicationDoc) -> str:
    """ "Rescue painkillers, per week before → now: Ibuprofen 4.5 → 0.5 days, 5.0 → 0.5 doses" ("" when none)."""
    parts = []
    for use in med["rescue"]:
        before, now = use["before"], use["now"]
        now_days = number(now["days_per_week"] if now else None)
        now_doses = number(now["doses_per_week"] if now else None)
        if before is None:
            said = _("{name} now {days} days, {doses} doses").format(
                name=use["name"], days=now_days, doses=now_doses
            )
            parts.append(h(said))
            continue
        parts.append(
            _("{name} <b>{days_before} → {days_now} days</b>, {doses_before} → {doses_now} doses").format(
                name=h(use["name"]),
                days_before=number(before["days_per_week"]),
                days_now=now_days,
                doses_before=number(before["doses_per_week"]),
                doses_now=now_doses,
            )
        )
    return (h(_("Rescue painkillers, per week before → now:")) + " " + "; ".join(parts)) if parts else ""


def _measure(med: MedicationDoc, key: str) -> ResponseDoc | None:
    """The same windows as pain for "mood", "sleep" or "peg" (None without data)."""
    return {"mood": med["mood_response"], "sleep": med["sleep_response"], "peg": med["peg_response"]}[key]


def _other_measures(med: MedicationDoc, short: bool = False) -> list[str]:
    """Mood, sleep and PEG in the same windows as pain, where data exist; ``short``: without the direction
    (said once above them)."""
    others: list[str] = []
    for key, short_label, long_label in OTHER_MEASURES:
        label = _(short_label if short else long_label)
        other = _measure(med, key)
        if other is not None and (other["baseline_days"] or other["current_days"]):
            before, after = _brief(other, "baseline"), _brief(other, "current")
            counts = ""
            if key == "peg" and other["baseline_mean"] is not None and other["current_mean"] is not None:
                # A PEG window is valid with a single weekly score: say how few there are.
                counts = " " + _("({before} and {now} scores)").format(
                    before=other["baseline_days"], now=other["current_days"]
                )
            others.append(h(f"{label} {before} → {after}{counts}"))
    return others


def _brief(resp: ResponseDoc, which: str) -> str:
    """A window's mean, or "not enough data (n rated days)" (docs/clinical.md §5) when it is not valid."""
    mean, days, _start, _end = _side(resp, which)
    if mean is not None:
        return number(mean)
    if which == "baseline" and resp.get("journal_began"):
        return _("nothing recorded")
    return not_enough(days)


def old_start_html(
    name: str, started: str | None, resp: ResponseDoc, date_text: Callable[[str | None], str] = day
) -> str:
    """A medication started more than a year before the period: no comparison, only where things stand.
    ``date_text`` writes its days (the PDF's :func:`day`; Trends passes its own, "15 Mar 2026")."""
    parts = [
        f"<b>{h(name)}</b>: "
        + h(
            _("started {date}, more than a year before this period; no recent baseline to compare.").format(
                date=date_text(started)
            )
        ),
        h(_("Pain in the last {days} days:").format(days=WINDOW_DAYS))
        + f" {_window(resp, 'current', date_text)}.",
    ]
    if resp["last_dose_change"]:
        weeks = resp["weeks_since_dose_change"]
        changed = date_text(resp["last_dose_change"])
        parts.append(
            h(
                count_of(
                    weeks,
                    "Last dose change {date}, {n} week ago.",
                    "Last dose change {date}, {n} weeks ago.",
                    date=changed,
                )
                if weeks is not None
                else _("Last dose change {date}.").format(date=changed)
            )
        )
    return f"<p style='margin:0'>{' '.join(parts)}</p>"


def caveat_html() -> str:
    from medjournal.report.summary.methods import CAVEAT_SHORT

    return f"<p style='margin-top:{css(2)}; margin-bottom:0; color:{MUTED}'>{h(_(CAVEAT_SHORT))}</p>"


FULL, COMPACT, BRIEF = "full", "compact", "brief"
FULL_LATER_TITLE = N_("Is it working? Each medication in full")


def evaluated(data: SummaryDocument) -> list[MedicationDoc]:
    """Medications under evaluation: scheduled, with a recent start (docs/clinical.md §5)."""
    return [med for med in data["medications"] if med["under_evaluation"]]


def responses_html(data: SummaryDocument, form: str = FULL, full_where: str | None = None) -> list[str]:
    """The "Is it working?" result of each medication under evaluation, then the caveats under the result.

    ``form``: ``FULL``, one box per medication; ``COMPACT``, one table with a line per medication and its
    other measures under it (every number of the full boxes); ``BRIEF``, the table without the other measures,
    saying that the full boxes are printed ``full_where`` (:func:`full_boxes_html`).
    """
    chosen = evaluated(data)
    # The caveats go once, right under the results they are about.
    caveat = any(_compared(med) for med in chosen)
    if form == FULL or not chosen:
        blocks = [response_html(med, caveat and index == len(chosen) - 1) for index, med in enumerate(chosen)]
    else:
        blocks = [response_table_html(chosen, caveat, form == BRIEF, full_where)]
    old = [
        old_start_html(med["name"], med["started"], med["response"])
        for med in data["medications"]
        if not med["recent_start"] and not med["as_needed"]
    ]
    if old:
        blocks.append(callout("".join(old), "#9aa7b5", BOX_BACKGROUND))
    return blocks


def full_boxes_html(data: SummaryDocument) -> list[str]:
    """Every medication's full box, for the later pages when page 1 carries only the brief table."""
    chosen = evaluated(data)
    caveat = any(_compared(med) for med in chosen)
    return [response_html(med, caveat and index == len(chosen) - 1) for index, med in enumerate(chosen)]


def response_forms(data: SummaryDocument) -> tuple[str, ...]:
    """The forms of the "Is it working?" results to try on page 1, in turn.

    One medication gets its full box. Two or more are easier to compare as one table with a line each, which
    also keeps page 1 to one page; each line keeps every number of the full box. Last resort, when even that
    cannot fit: the table's main lines only, with the full boxes moved to the pages after page 1 (and page 1
    saying so), so that nothing is dropped.
    """
    count = len(evaluated(data))
    if count == 0:
        return (FULL,)
    return (FULL if count == 1 else COMPACT, BRIEF)


def full_box_blocks(data: SummaryDocument, width: float) -> list[Block]:
    """Each medication's full "Is it working?" box, on a page of its own after page 1, for when page 1
    carries only the brief table."""
    point_size = 8.0
    title = heading(_(FULL_LATER_TITLE))
    blocks: list[Block] = [TextBlock(title, width, point_size, keep_with_next=True, page_break_before=True)]
    blocks.extend(TextBlock(html, width, point_size) for html in full_boxes_html(data))
    return blocks


def _table_title(meds: Sequence[MedicationDoc], brief: bool = False) -> str:
    """The table's title with its legend, naming the current window the medications share (the brief table
    has no lines under each medication, so its legend does not explain them)."""
    current = next(
        (
            (med["response"]["current_start"], med["response"]["current_end"])
            for med in meds
            if med["response"]["current_start"]
        ),
        (None, None),
    )
    span = f" {day(current[0])} {DASH} {day(current[1])}" if current[0] and current[1] else ""
    legend = (
        _(
            "(0–10, higher = worse; daily means with rated days; before = the {days} days before each start, "
            "now = the last {days} days{span}; 2+ = a change of 2 points or more)"
        )
        if brief
        else _(
            "(0–10, higher = worse; daily means with rated days; before = the {days} days before each start, now = "
            "the last {days} days{span}; 2+ = a change of 2 points or more; under each: the same windows for mood "
            "and sleep, higher = better, and PEG, higher = worse)"
        )
    ).format(days=WINDOW_DAYS, span=span)
    return (
        f'<p style="margin:0; font-weight:bold; color:{HEADING}">'
        + h(_("Is it working? Pain before vs now"))
        + " "
        f'<span style="font-weight:normal; color:{MUTED}; font-size:small">{h(legend)}</span></p>'
    )


def response_table_html(
    meds: Sequence[MedicationDoc],
    caveat: bool,
    brief: bool = False,
    full_where: str | None = None,
) -> str:
    """One line per medication: baseline → now with the rated days, change, category, the 2-point check, PGIC;
    under each line (unless ``brief``) weeks since start and dose change, mood, sleep and PEG, notes."""
    title = _table_title(meds, brief)
    columns = (
        (14, _("Medication")),
        (12, _("Before")),
        (12, _("Now")),
        (12, _("Change")),
        (22, _("Category")),
        (5, "2+"),
        (23, _("Impression of change (PGIC)")),
    )
    head = "<tr>" + "".join(f'<th width="{w}%" align="left">{h(t)}</th>' for w, t in columns) + "</tr>"
    rows = []
    for index, med in enumerate(meds):
        resp = med["response"]
        shade = ' bgcolor="#ffffff"' if index % 2 == 0 else ""
        change, category, two_text = _change_cells(resp)
        pgic = med["pgic"]
        not_answered = h(_("not answered"))
        rows.append(
            f"<tr{shade}><td><b>{h(med['name'])}</b></td>"
            f"<td>{_cell(resp, 'baseline')}</td><td>{_cell(resp, 'current')}</td>"
            f"<td>{change}</td><td>{category}</td><td>{two_text}</td>"
            f"<td>{_pgic_short(pgic) if pgic else not_answered}</td></tr>"
        )
        if not brief and (details := _details(med)):
            rows.append(
                f"<tr{shade}><td></td><td colspan='6' style='font-size:small; color:{MUTED}'>{details}</td></tr>"
            )
    table = data_table(head, rows, padding=1)
    parts = [title, table]
    if brief:
        said = _(
            "Not room for more here: mood, sleep and PEG in the same windows, the weeks since the start and the "
            "notes are on {where}: “{title}”."
        ).format(where=full_where or _("the next page"), title=_(FULL_LATER_TITLE))
        parts.append(f"<p style='margin:0'>{h(said)}</p>")
    if caveat:
        parts.append(caveat_html())
    return callout("".join(parts), "#4a6f99", BOX_BACKGROUND)


def _change_cells(resp: ResponseDoc) -> tuple[str, str, str]:
    """The table's change, category and 2+ cells; "not computed" when a window has too few rated days."""
    if resp.get("journal_began"):
        return h(_("not computed")), h(_("no before/after comparison possible")), "–"
    if resp["baseline_mean"] is None or resp["current_mean"] is None:
        needs = _("each window needs {days} rated days").format(days=MIN_RATED_DAYS)
        return h(_("not computed")), h(needs), "–"
    change_percent = resp["change_percent"]
    change = f"<b>{signed(resp['change_points'])}</b>" + (
        f" ({percent_change(change_percent)})" if change_percent is not None else ""
    )
    two = resp["meets_two_points"]
    two_text = _("yes") if two else _("no") if two is not None else "–"
    return change, "<b>" + h(word(resp["category"] or N_("not computed"))) + "</b>", two_text


def _cell(resp: ResponseDoc, which: str) -> str:
    """A window's mean with its rated days, or "not enough data (n rated days)" (docs/clinical.md §5)."""
    mean, days, _start, _end = _side(resp, which)
    if which == "baseline" and resp.get("journal_began"):
        return h(_("nothing recorded"))  # the journal's first day is in the box's note
    if mean is None:
        return h(not_enough(days))
    return f"<b>{number(mean)}</b> ({h(count_of(days, '{n} day', '{n} days'))})"


def _pgic_short(answers: Sequence[QuestionnaireDoc]) -> str:
    """The last three PGIC answers, each with its date (month-day: the period gives the year)."""
    return "; ".join(
        f"<b>{h(_pgic_label(answer))}</b> <span style='color:{MUTED}'>({h(short_day(answer['date']))})</span>"
        for answer in answers[-3:]
    )


def _details(med: MedicationDoc) -> str:
    """The rest of a medication's full box on one line: weeks, the same windows for other measures, notes."""
    resp = med["response"]
    parts = []
    started = _("started {date}").format(date=day(med["started"])) if med["started"] else _("started")
    weeks = resp["weeks_since_start"]
    if weeks is not None:
        parts.append(
            h(count_of(weeks, "{started}, {n} week ago", "{started}, {n} weeks ago", started=started))
        )
    elif med["started"]:
        parts.append(h(started))
    if since_change := _weeks_since_change(resp):
        parts.append(since_change)
    start, end = resp["baseline_start"], resp["baseline_end"]
    if start and end:
        parts.append(h(_("before = {start} – {end}").format(start=day(start), end=day(end))))
    parts.extend(_other_measures(med, short=True))
    function = function_text(med, short=True)
    if function:
        parts.append(function)
    own = activities_line(med)
    if own:
        parts.append(h(own))
    rescue = rescue_text(med)
    if rescue:
        parts.append(rescue)
    if measured := measures_text(med["measures"]):
        parts.append(h(measured))
    notes = resp["notes"] + later_notes(med, short=True)
    if notes:
        parts.append(h(_("Note: {notes}").format(notes="; ".join(notes))))
    return " · ".join(parts)


def _compared(med: MedicationDoc) -> bool:
    """True when a before/after change was computed for the medication (pain, mood, sleep or PEG)."""
    responses = [med["response"], med["mood_response"], med["sleep_response"], med["peg_response"]]
    return any(r is not None and r["change_points"] is not None for r in responses)
