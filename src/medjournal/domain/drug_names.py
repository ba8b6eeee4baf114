"""Which medication a name typed by a person means: brand and international names, case, spacing and
strength words ignored (docs/clinical.md §4.5 and §4.6; the tables are in data/medications.json).

``"Advil 200 mg"``, ``"ELIQUIS  5mg"`` and ``"ibuprofen"`` all resolve; a name the table does not know
resolves to None, and the caller says that its combinations were not checked.
"""

from __future__ import annotations

import re

from medjournal.domain import knowledge

# Words about strength, form or release that say nothing about which medication it is.
_STRENGTH = re.compile(r"^\d+([.,]\d+)?(mg|mcg|µg|ug|g|ml|iu|%|x)?$")
_NOISE = frozenset(
    [
        "mg",
        "mcg",
        "µg",
        "ug",
        "g",
        "ml",
        "iu",
        "%",
        "x",
        "tablet",
        "tablets",
        "tab",
        "tabs",
        "capsule",
        "capsules",
        "cap",
        "caps",
        "pill",
        "pills",
        "film-coated",
        "er",
        "xr",
        "sr",
        "cr",
        "dr",
        "xl",
        "la",
        "mr",
        "retard",
        "extended",
        "modified",
        "release",
        "oral",
        "gel",
        "cream",
        "hcl",
        "hydrochloride",
        "sodium",
        "potassium",
    ]
)


def normalise(name: str) -> list[str]:
    """The words of a name that can say which medication it is, lower case, strength and form words dropped."""
    text = name.replace("\u2019", "'").replace(".", " ").replace(",", " ").replace("(", " ").replace(")", " ")
    text = re.sub(r"(\d)\s*(mg|mcg|µg|ug|ml|g)\b", r"\1\2", text.lower())
    return [word for word in text.split() if word not in _NOISE and not _STRENGTH.match(word)]


def generic_name(name: str) -> str | None:
    """The generic name the journal knows a medication by, or None."""
    words = normalise(name)
    drugs: dict[str, str] = knowledge.load("medications")["drugs"]
    brands: dict[str, str] = knowledge.load("medications")["brands"]["names"]
    # The whole name first, then shorter runs of words, longest first ("methylene blue", "lithium carbonate").
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase in drugs:
                return phrase
            if phrase in brands:
                return brands[phrase]
    return None


def drug_class(name: str, known_as: str = "") -> str | None:
    """The class of a medication by its name, or by what the person said it is (a generic, brand or class key).

    What the person said comes first; when it names nothing the journal knows, the name is tried.
    """
    classes: dict[str, object] = knowledge.load("medications")["classes"]
    drugs: dict[str, str] = knowledge.load("medications")["drugs"]
    said = " ".join(known_as.lower().split())
    if said in classes:
        return said
    for text in (known_as, name):
        generic = generic_name(text) if text.strip() else None
        if generic is not None:
            return drugs[generic]
    return None


def is_known(name: str, known_as: str = "") -> bool:
    return drug_class(name, known_as) is not None
