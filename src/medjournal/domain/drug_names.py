"""Which medication a name typed by a person means: brand and international names in every language the app
speaks, case, accents, spacing and strength words ignored (docs/clinical.md §4.5 and §4.6; the tables are in
data/medications.json). Every rule that asks what a medication is asks this module (through
domain/knowledge.py), so a name either turns on all the checks or none.

``"Advil 200 mg"``, ``"ELIQUIS  5mg"``, ``"ibuprofen"``, ``"Duloxetin-ratiopharm 30 mg"`` and
``"Acetylsalicylsaure"`` all resolve; a name the table does not know resolves to None, and the caller says that
its combinations were not checked. Only whole words match: "Dulox" or "Duloxetinx" resolve to nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from medjournal.domain import knowledge

# Words about strength, form or release that say nothing about which medication it is.
_STRENGTH = re.compile(r"^\d+([.,]\d+)?(mg|mcg|µg|μg|ug|g|ml|iu|%|x)?$")
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
        "film",
        "coated",
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
        # German form and salt words on packs: "Duloxetin 30 mg magensaftresistente Hartkapseln"
        "tablette",
        "tabletten",
        "filmtablette",
        "filmtabletten",
        "kapsel",
        "kapseln",
        "hartkapsel",
        "hartkapseln",
        "weichkapseln",
        "retardtabletten",
        "retardkapseln",
        "retardiert",
        "magensaftresistent",
        "magensaftresistente",
        "brausetabletten",
        "tropfen",
        "hydrochlorid",
        "natrium",
        "kalium",
    ]
)


def fold(text: str) -> str:
    """Lower case without accents, as names are compared: "Acetylsalicylsäure" -> "acetylsalicylsaure",
    "ＤＵＬＯＸＥＴＩＮ" -> "duloxetin", "Straße" -> "strasse"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_FOLDED_NOISE = frozenset(fold(word) for word in _NOISE)


def normalise(name: str) -> list[str]:
    """The words of a name that can say which medication it is, folded (:func:`fold`), strength and form words
    dropped; a hyphen parts words as a space does ("Duloxetin-ratiopharm", "Trazodon-Hydrochlorid")."""
    text = fold(name)
    for mark in ".,()/-":
        text = text.replace(mark, " ")
    text = re.sub(r"(\d)\s*(mg|mcg|µg|μg|ug|ml|g)\b", r"\1\2", text)
    return [word for word in text.split() if word not in _FOLDED_NOISE and not _STRENGTH.match(word)]


@cache
def spellings() -> dict[str, str]:
    """Every name the tables know, folded, -> its generic: the generics themselves, the brands and the names
    in other languages (``names_by_language``). Two tables naming one spelling differently would make a name
    mean two medications; tests/test_drug_names.py checks that none does."""
    data = knowledge.load("medications")
    found: dict[str, str] = {fold(generic): generic for generic in data["drugs"]}
    tables: list[dict[str, str]] = [data["brands"]["names"]]
    tables += [names for language, names in data["names_by_language"].items() if language != "note"]
    for table in tables:
        for spelling, generic in table.items():
            found.setdefault(fold(spelling), generic)
    return found


@lru_cache(maxsize=1024)
def generic_name(name: str) -> str | None:
    """The generic name the journal knows a medication by, or None. Kept per name: the warnings ask it of the
    same few names dozens of times (each rule of each medication pair)."""
    words = normalise(name)
    known = spellings()
    # The whole name first, then shorter runs of words, longest first ("methylene blue", "lithium carbonate").
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            found = known.get(" ".join(words[start : start + size]))
            if found is not None:
                return found
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
