"""The reviewed data's labels are marked for translation (domain/data_labels.py) and shown translated."""

from __future__ import annotations

import pytest

from medjournal import i18n
from medjournal.domain import data_labels, knowledge


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def test_every_label_of_the_data_files_is_listed_for_translation() -> None:
    side_effects = [item["label"] for item in knowledge.load("side_effects")["items"]]
    areas = [item["label"] for item in knowledge.load("body_areas")["areas"]]
    countries = knowledge.load("crisis_lines")["countries"].values()
    assert set(side_effects) == set(data_labels.SIDE_EFFECTS)
    assert set(areas) == set(data_labels.BODY_AREAS)
    assert {c["label"] for c in countries} == set(data_labels.COUNTRIES)
    assert {line["how"] for c in countries for line in c["lines"]} == set(data_labels.CONTACT_WAYS)


def test_labels_are_shown_in_german_and_german_words_find_their_key() -> None:
    i18n.set_language("de")
    assert dict(knowledge.side_effect_items())["nausea"] == "Übelkeit"
    assert knowledge.side_effect_key("übelkeit") == "nausea"
    assert knowledge.side_effect_key("Nausea") == "nausea"  # the English word still works
    assert knowledge.crisis_info("DE").label == "Deutschland"
    # numbers and names of the lines are never translated: they come from the reviewed file as they are
    reviewed = knowledge.load("crisis_lines")["countries"]["DE"]["lines"]
    assert [(line.name, line.number) for line in knowledge.crisis_info("DE").lines] == [
        (line["name"], line["number"]) for line in reviewed
    ]
    i18n.set_language("en")
    assert dict(knowledge.side_effect_items())["nausea"] == "Nausea"


def test_every_medication_class_label_is_listed_for_translation() -> None:
    classes = knowledge.load("medications")["classes"].values()
    assert {c["label"] for c in classes if "label" in c} == set(data_labels.CLASSES)


def test_every_caution_text_is_listed_for_translation() -> None:
    data = knowledge.load("medications")
    wording = {text for key, text in data["caution_wording"].items() if key != "note"}
    assert wording == set(data_labels.CAUTION_WORDING)
    assert set(data["watch_for"].values()) == set(data_labels.WATCH_FOR)
    assert {c["topic"] for c in data["cautions"]} == set(data_labels.CAUTION_TOPICS)
    assert (data["warning_rules"]["discontinuation_symptoms"],) == data_labels.DISCONTINUATION


def test_every_source_finding_is_listed_for_translation_and_shown_in_german() -> None:
    sources = knowledge.load("medications")["sources"]
    assert {s["finding"] for s in sources.values() if "finding" in s} == set(data_labels.SOURCE_FINDINGS)
    i18n.set_language("de")
    bleeding = knowledge.source_text("duloxetine_label_bleeding")
    assert bleeding == "Cymbalta (duloxetine) US prescribing information, section 5.5: abnormale Blutungen"
    for key, source in sources.items():  # the title as published, the finding in German
        shown = knowledge.source_text(key)
        assert shown.startswith(source["title"]), key
        if "finding" in source:
            assert source["finding"] not in shown, key
