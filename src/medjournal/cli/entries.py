"""Daily entries: ``checkin``, ``side-effect``, ``questionnaire``, ``treatment``, ``visit``, ``question``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from medjournal import i18n
from medjournal.cli import Context, handle_errors, words
from medjournal.cli.dates import DAY_HELP, day_option
from medjournal.cli.number_text import number_text
from medjournal.cli.options import date_option, note_option
from medjournal.domain import instruments, knowledge
from medjournal.domain.errors import ValidationError
from medjournal.domain.records import TREATMENT_LABELS
from medjournal.domain.symptoms import OWN_SIDE_EFFECTS, close_symptom
from medjournal.i18n import N_, _

if TYPE_CHECKING:
    from medjournal.storage.journal import Journal


@click.command("checkin")
@date_option()
@click.option("--pain", help="Pain 0–10 (0 no pain, 10 worst imaginable).")
@click.option("--mood", help="Mood 0–10 (0 very low, 10 very good).")
@click.option("--sleep", help="Sleep last night 0–10 (0 very badly, 10 very well).")
@click.option("--hours", "sleep_hours", help="Hours slept.")
@click.option("--where", "locations", help="Where it hurts, e.g. lower_back_left,thigh_left.")
@note_option()
@click.option(
    "--self-harm",
    "self_harm",
    metavar="[yes|no]",
    help="Have you had thoughts that you would be better off dead or of hurting yourself? (optional)",
)
@click.pass_obj
@handle_errors
def checkin(
    ctx: Context,
    day: str | None,
    pain: str | None,
    mood: str | None,
    sleep: str | None,
    sleep_hours: str | None,
    locations: str | None,
    note: str,
    self_harm: str | None,
) -> None:
    """Record how today is: pain, mood, sleep, where it hurts."""
    journal = ctx.journal()
    entry = journal.add_checkin(
        pain=pain,
        mood=mood,
        sleep=sleep,
        sleep_hours=sleep_hours,
        locations=locations,
        note=note,
        day=day_option(day, ctx.clock),
        self_harm_thoughts=words.yes_no(self_harm),
    )
    parts = [
        f"{_(label)} {value}"
        for label, value in ((N_("pain"), entry.pain), (N_("mood"), entry.mood), (N_("sleep"), entry.sleep))
        if value is not None
    ]
    if parts:
        click.echo(
            _("Saved the check-in for {date}: {values}.").format(
                date=entry.day.isoformat(), values=", ".join(parts)
            )
        )
    else:
        click.echo(_("Saved the check-in for {date}.").format(date=entry.day.isoformat()))
    if entry.self_harm_thoughts:
        echo_crisis_help(
            journal,
            _("You answered that you have had thoughts of being better off dead or of hurting yourself."),
        )


def echo_crisis_help(journal: Journal, opening: str) -> None:
    """The command line's safety text (docs/clinical.md §6), with crisis lines only from the reviewed data."""
    info = knowledge.journal_crisis_info(journal.setting("country"))
    click.echo("")
    click.echo(opening)
    click.echo(_("You do not have to face this alone. medjournal is offline and alerts no one."))
    if info.from_system:
        click.echo(
            _(
                "Crisis lines (the country from your system's settings: {country}; change it with: "
                "medjournal setting country CODE):"
            ).format(country=info.label)
        )
    for line in info.lines:
        click.echo(f"  {line.name}: {line.number} ({line.how})")
    if info.emergency:
        click.echo(
            _("If you are in immediate danger, call your emergency number ({number}).").format(
                number=info.emergency
            )
        )
    else:
        click.echo(_("If you are in immediate danger, call your emergency number."))
    click.echo(_("Please contact your prescriber soon to talk about it."))
    if not info.lines:
        click.echo(
            _(
                "To see crisis lines for your country, set it with: medjournal setting country CODE ({codes})."
            ).format(codes=", ".join(code for code, _name in knowledge.crisis_countries()))
        )


@click.command("side-effect")
@click.argument("name")
@click.option("--severity", required=True, help="none, mild, moderate or severe (or 0, 1, 2, 3).")
@date_option()
@note_option()
@click.option(
    "--new-symptom", is_flag=True, help="Record NAME as a new symptom even when it is close to a known one."
)
@click.pass_obj
@handle_errors
def side_effect(
    ctx: Context, name: str, severity: str, day: str | None, note: str, new_symptom: bool
) -> None:
    """Record a side effect and how bad it was."""
    journal = ctx.journal()
    if not new_symptom:
        own = [str(s) for s in journal.setting(OWN_SIDE_EFFECTS, []) or []]
        close = close_symptom(name, [*own, *{e.symptom for e in journal.side_effects()}])
        if close is not None:
            raise ValidationError(
                _(
                    "There is no side effect called {name} yet: did you mean {close}? To record it as a new "
                    "symptom, add --new-symptom."
                ).format(name=repr(name), close=knowledge.side_effect_label(close)),
                "symptom",
            )
    value = words.severity_value(severity, knowledge.SEVERITY_LABELS)
    entry = journal.add_side_effect(name, value, day=day_option(day, ctx.clock), note=note)
    label = knowledge.side_effect_label(entry.symptom)
    click.echo(
        _("Saved {symptom} ({severity}) for {date}.").format(
            symptom=label, severity=_(knowledge.SEVERITY_LABELS[entry.severity]), date=entry.day.isoformat()
        )
    )


@click.command("questionnaire")
@click.argument("instrument", type=click.Choice(list(instruments.INSTRUMENTS)))
@click.option("--answers", required=True, help="The answers in order, e.g. 6,5,7 for PEG.")
@date_option()
@click.option("--medication", help="For PGIC: the medication it is about.")
@click.pass_obj
@handle_errors
def questionnaire(
    ctx: Context, instrument: str, answers: str, day: str | None, medication: str | None
) -> None:
    """Record a questionnaire: peg, pgic, phq2, phq9 or gad2."""
    journal = ctx.journal()
    result = journal.add_questionnaire(
        instrument, instruments.parse_answers(answers), day=day_option(day, ctx.clock), medication=medication
    )
    inst = instruments.instrument(result.instrument)
    click.echo(
        _("Saved {questionnaire} for {date}: score {score}.").format(
            questionnaire=inst.title.split(":")[0],
            date=result.day.isoformat(),
            score=number_text(result.score),
        )
    )
    if instruments.self_harm_answer(result.instrument, list(result.answers)) > 0:
        echo_crisis_help(
            journal,
            _("You answered that you have had thoughts of being better off dead or of hurting yourself."),
        )


@click.command("treatment")
@click.argument("kind")
@date_option()
@click.option("--minutes", help="How long, in minutes.")
@note_option()
@click.pass_obj
@handle_errors
def treatment(ctx: Context, kind: str, day: str | None, minutes: str | None, note: str) -> None:
    """Record another treatment: physical_therapy, exercise or other (any name)."""
    journal = ctx.journal()
    keys = list(TREATMENT_LABELS)
    known = words.word_index(kind, [TREATMENT_LABELS[key] for key in keys])  # "Physiotherapie" in German
    when = day_option(day, ctx.clock)
    entry = journal.add_treatment(
        keys[known] if known is not None else kind, day=when, minutes=minutes, note=note
    )
    label = entry.kind.replace("_", " ")  # English, and a kind of the person's own: "physical therapy"
    if entry.kind in TREATMENT_LABELS and i18n.language() != i18n.SOURCE_LANGUAGE:
        label = _(
            TREATMENT_LABELS[entry.kind]
        )  # "Physiotherapie": a noun, capitalised as the window shows it
    said = (
        _("Saved {treatment} for {date}, {minutes} min.")
        if entry.minutes
        else _("Saved {treatment} for {date}.")
    )
    click.echo(said.format(treatment=label, date=entry.day.isoformat(), minutes=entry.minutes))


@click.command("visit")
@date_option(f"The day of the visit ({DAY_HELP}; default today).")
@note_option("A note about the visit.")
@click.pass_obj
@handle_errors
def visit(ctx: Context, day: str | None, note: str) -> None:
    """Record a visit to the doctor (the next summary starts from it)."""
    entry = ctx.journal().add_visit(day=day_option(day, ctx.clock, N_("day of the visit")), note=note)
    click.echo(_("Saved the visit of {date}.").format(date=entry.day.isoformat()))


@click.command("question")
@click.argument("text")
@click.pass_obj
@handle_errors
def question(ctx: Context, text: str) -> None:
    """Add a question for the doctor; it appears on the next summary."""
    entry = ctx.journal().add_question(text)
    click.echo(_("Saved question {number}.").format(number=entry.id))
