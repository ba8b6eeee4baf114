"""``setting``: show or change the journal's own settings from the command line."""

from __future__ import annotations

import click

from medjournal.cli import Context, handle_errors
from medjournal.domain import knowledge
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError
from medjournal.i18n import N_, _


def _country(value: str) -> str | None:
    codes = [code for code, _name in knowledge.crisis_countries()]
    code = value.strip().upper()
    if code == "AUTO":  # no country: the system's settings choose (docs/clinical.md §6.2)
        return None
    if code not in codes:
        raise ValidationError(
            _("Unknown country {value}; use one of: {codes} or auto.").format(
                value=repr(value), codes=", ".join(codes)
            )
        )
    return code


def _page_size(value: str) -> str | None:
    sizes = {"a4": "A4", "letter": "Letter", "auto": None}
    if value.strip().lower() not in sizes:
        raise ValidationError(
            _("The page size must be A4, Letter or auto (from the system's language settings).")
        )
    return sizes[value.strip().lower()]


def _language(value: str) -> str | None:
    from medjournal.i18n import available_languages

    code = value.strip().replace("-", "_")
    if code.lower() == "auto":
        return None
    if code not in available_languages():
        raise ValidationError(
            _("medjournal has no {value} translation; use one of: {codes} or auto.").format(
                value=repr(value), codes=", ".join(available_languages())
            )
        )
    return code


def _weight_unit(value: str) -> str | None:
    units = {"kg": "kg", "lb": "lb", "auto": None}
    if value.strip().lower() not in units:
        raise ValidationError(_("The weight unit must be kg, lb or auto (from the country and the locale)."))
    return units[value.strip().lower()]


def _name(value: str) -> str:
    return v.check_name(value, "name for summaries") if value.strip() else ""


def _idle_lock(value: str) -> int:
    from medjournal.domain.settings_rules import IDLE_LOCK_MINUTES

    text = value.strip().lower()
    minutes = 0 if text == "off" else int(text) if text.isdigit() else -1
    if minutes not in IDLE_LOCK_MINUTES:
        raise ValidationError(
            _(
                "The idle lock must be off, 5, 15, 30 or 60 (minutes), not {value}; "
                "it locks the window of an encrypted journal only."
            ).format(value=repr(value))
        )
    return minutes


SETTINGS = {
    "country": (N_("country for crisis lines, or auto (the system's)"), _country),
    "summary_name": (N_("name printed on summaries"), _name),
    "page_size": (N_("paper for summaries: A4, Letter or auto"), _page_size),
    "language": (N_("language of the window: a code such as de, or auto (the system's)"), _language),
    "summary_language": (
        N_("language of the summary for the doctor: a code, or auto (the window's)"),
        _language,
    ),
    "weight_unit": (
        N_("unit for showing weights: kg, lb or auto (the country's and the locale's)"),
        _weight_unit,
    ),
    "idle_lock": (
        N_("minutes without input before the window of an encrypted journal locks: off, 5, 15, 30 or 60"),
        _idle_lock,
    ),
}


@click.command("setting")
@click.argument("key", required=False, type=click.Choice(sorted(SETTINGS)))
@click.argument("value", required=False)
@click.pass_obj
@handle_errors
def setting(ctx: Context, key: str | None, value: str | None) -> None:
    """Show the journal's settings, or change one.

    Example: medjournal setting country GB
    """
    journal = ctx.journal(existing=value is None)  # showing reads: no journal is made to show
    if key is None:
        for name, (label, _parse) in SETTINGS.items():
            click.echo(f"{name} = {journal.setting(name, '')!s}   ({_(label)})")
        return
    if value is None:
        click.echo(f"{key} = {journal.setting(key, '')!s}")
        return
    parse = SETTINGS[key][1]
    parsed = parse(value)
    journal.set_setting(key, parsed)
    click.echo(f"{key} = {parsed if parsed is not None else 'auto'}")
