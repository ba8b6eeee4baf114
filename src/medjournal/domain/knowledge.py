"""Reviewed data shipped with the app: side-effect checklist, body areas, crisis lines, medication classes.

The data lives in JSON files under ``domain/data`` so that it can be reviewed and updated without touching code.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from medjournal.domain.value import Value, record
from medjournal.i18n import N_, _, language, use_language

# Next to this module, as the translations are next to i18n.py (the bundle keeps the package's folders). Read as a
# plain file: importlib.resources would cost every command-line call more than reading the JSON itself.
DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load(name: str) -> dict[str, Any]:
    text = (DATA_DIR / f"{name}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def side_effect_items() -> list[tuple[str, str]]:
    """The built-in checklist as (key, label) pairs, in display order, labelled in the language in use."""
    return [(item["key"], _(item["label"])) for item in load("side_effects")["items"]]


def side_effect_label(key: str) -> str:
    """The checklist item's label in the language in use; a symptom of a person's own, in its own words."""
    label = _side_effect_msgids().get(key)
    if label is not None:
        return _(label)
    return key.replace("_", " ").capitalize() if key.islower() else key


@cache
def _side_effect_msgids() -> dict[str, str]:
    """Each checklist key's label as written in the data (the first item wins a key two share). A summary labels
    every side-effect entry (7,700 in 20 years): one is translated, not the whole checklist each time."""
    msgids: dict[str, str] = {}
    for item in load("side_effects")["items"]:
        msgids.setdefault(item["key"], item["label"])
    return msgids


def side_effect_key(text: str) -> str:
    """Map a label or key typed by a person to the checklist key; unknown symptoms keep their own words."""
    cleaned = " ".join(text.split())
    return _side_effect_spellings(language()).get(cleaned.lower(), cleaned)


@cache
def _side_effect_spellings(language_code: str) -> dict[str, str]:
    """Each way of writing a checklist item, lower case (its key, with spaces for underscores, its label, in
    English and in ``language_code``), and the item's key; the first item in the list wins a spelling two share.
    An import reads thousands of side effects: they are looked up, not compared with every item each."""
    spellings: dict[str, str] = {}
    with use_language(language_code):
        for item in load("side_effects")["items"]:
            key, label = str(item["key"]), str(item["label"])
            for spelling in (key, label.lower(), _(label).lower(), key.replace("_", " ")):
                spellings.setdefault(spelling, key)
    return spellings


# Marked for translation; translate where shown: _(SEVERITY_LABELS[n]).
SEVERITY_LABELS: tuple[str, ...] = (N_("none"), N_("mild"), N_("moderate"), N_("severe"))


def body_areas() -> list[tuple[str, str]]:
    """(key, label) pairs, labelled in the language in use."""
    return [(item["key"], _(item["label"])) for item in load("body_areas")["areas"]]


def body_area_keys() -> list[str]:
    return [item["key"] for item in load("body_areas")["areas"]]


def body_area_label(key: str) -> str:
    return dict(body_areas()).get(key, key)


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class CrisisLine(Value):
    """One crisis line of a country, from the reviewed data."""

    name: str
    number: str
    how: str


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class CrisisInfo(Value):
    """A country's crisis lines and emergency number, from the reviewed data, with its review date.
    ``from_system``: the journal has no country and this one is the territory of the system's locale."""

    country: str
    label: str
    lines: tuple[CrisisLine, ...]
    emergency: str | None
    reviewed_on: str
    from_system: bool = False


# Codes that name no territory of a locale: "Another EU country", "Another country".
_NOT_TERRITORIES = frozenset({"EU", "OTHER"})


def crisis_countries() -> list[tuple[str, str]]:
    return [(code, _(entry["label"])) for code, entry in load("crisis_lines")["countries"].items()]


def locale_country(territory: str | None) -> str | None:
    """The crisis-line country of a locale's territory (``DE`` for de_DE) when the reviewed data has it."""
    countries = load("crisis_lines")["countries"]
    code = (territory or "").upper()
    return code if code in countries and code not in _NOT_TERRITORIES else None


def crisis_info(country: object, territory: str | None = None) -> CrisisInfo:
    """The crisis lines for the journal's ``country`` setting. A journal with no country (None or empty) gets
    those of ``territory``, the system locale's (i18n.system_territory), when the reviewed data has it;
    otherwise, and for a country the data does not know, the emergency advice without numbers (``OTHER``)."""
    data = load("crisis_lines")
    countries = data["countries"]
    from_system = False
    if country in (None, "") and locale_country(territory) is not None:
        country, from_system = locale_country(territory), True
    if not isinstance(country, str):  # unset, damaged or foreign: the lines for everyone
        country = "OTHER"
    entry = countries.get(country) or countries["OTHER"]
    code = country if country in countries else "OTHER"
    return CrisisInfo(
        country=code,
        label=_(entry["label"]),
        lines=tuple(CrisisLine(line["name"], line["number"], _(line["how"])) for line in entry["lines"]),
        emergency=entry["emergency"],
        reviewed_on=data["reviewed_on"],
        from_system=from_system,
    )


def journal_crisis_info(country: object) -> CrisisInfo:
    """:func:`crisis_info` for a journal's ``country`` setting on this system (its locale's territory)."""
    from medjournal.i18n import system_territory

    return crisis_info(country, system_territory())


def drug_class(medication_name: str, known_as: str = "") -> str | None:
    """The class of a medication by its name (generic or brand, strength words ignored) or by what the person
    said it is, or None when the journal does not know it (domain/drug_names.py)."""
    from medjournal.domain import drug_names  # it reads this module's tables

    return drug_names.drug_class(medication_name, known_as)


def class_info(class_key: str | None) -> dict[str, Any]:
    if class_key is None:
        return {}
    info: dict[str, Any] = load("medications")["classes"].get(class_key, {})
    return info


def is_antidepressant(medication_name: str, known_as: str = "") -> bool:
    return bool(class_info(drug_class(medication_name, known_as)).get("antidepressant"))


def class_has(class_key: str | None, flag: str) -> bool:
    """Whether a drug class carries a flag such as "serotonergic" or "bleeding" (data/medications.json)."""
    return bool(class_info(class_key).get(flag))


def cautions() -> list[dict[str, Any]]:
    """Pairs of class flags that carry a caution when both are taken, each with its topic and source."""
    found: list[dict[str, Any]] = load("medications")["cautions"]
    return found


def warning_rule(name: str) -> dict[str, Any]:
    """Thresholds and source of one warning rule (``warning_rules`` in data/medications.json)."""
    rule: dict[str, Any] = load("medications")["warning_rules"][name]
    return rule


def discontinuation_symptoms() -> str:
    text: str = load("medications")["warning_rules"]["discontinuation_symptoms"]
    return _(text)


def response_weeks(medication_name: str, known_as: str = "") -> tuple[int, str] | None:
    """How many weeks the label's trials took before judging a response, with the source, by the medication's
    generic name (a brand or "Duloxetine 60 mg" included, or what the person said it is):
    ``(12, "Cymbalta (duloxetine) US prescribing information: …")`` or None."""
    from medjournal.domain.drug_names import generic_name  # it reads this module's data

    titration: dict[str, dict[str, Any]] = load("medications")["titration"]
    generic = (known_as and generic_name(known_as)) or generic_name(medication_name) or ""
    entry = titration.get(generic)
    if not entry or "response_weeks" not in entry:
        return None
    return int(entry["response_weeks"]), source_text(str(entry.get("source", "")))


def source_text(source_key: str) -> str:
    """A warning's source for people: the publication's title as published and, translated, what it says for
    the warning ("Cymbalta (duloxetine) US prescribing information, section 5.5: abnormale Blutungen")."""
    sources: dict[str, dict[str, str]] = load("medications")["sources"]
    source = sources.get(source_key)
    if source is None:
        return source_key
    if not source.get("finding"):
        return source["title"]
    return _("{title}: {finding}").format(title=source["title"], finding=_(source["finding"]))


def is_known(medication_name: str, known_as: str = "") -> bool:
    """Whether the reviewed data knows the medication, by its name or what the person said it is."""
    return drug_class(medication_name, known_as) is not None
