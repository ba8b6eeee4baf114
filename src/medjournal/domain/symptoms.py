"""Is a typed symptom a new one, or a known one misspelt? ("dizzyness" is Dizziness; docs/command-line.md.)

A name that is not on the checklist (nor among the person's own symptoms) but close to one of them, by
difflib's similarity ratio, is reported so that the command line can refuse it with "did you mean …?" and the
window can ask; the person can still insist on a new symptom.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from medjournal.domain import knowledge

OWN_SIDE_EFFECTS = "own_side_effects"  # journal setting: the person's own checklist items
CLOSE = 0.8  # difflib ratio: "dizzyness"/"dizziness" 0.89, "nausea"/"nausia" 0.83; "itching"/"sweating" 0.53


def known_symptoms(own: Iterable[str] = ()) -> dict[str, str]:
    """Every known symptom key with its label: the checklist, then the person's own."""
    found = dict(knowledge.side_effect_items())
    for key in own:
        found.setdefault(key, knowledge.side_effect_label(key))
    return found


def close_symptom(text: str, own: Iterable[str] = ()) -> str | None:
    """The key of a known symptom that ``text`` is probably a misspelling of; None when it is known exactly
    or like none of them."""
    known = known_symptoms(own)
    key = knowledge.side_effect_key(text)
    lowered = " ".join(text.split()).lower()
    if key in known or lowered in {label.lower() for label in known.values()}:
        return None
    names = {label.lower(): k for k, label in known.items()}
    names.update({k.replace("_", " ").lower(): k for k in known})
    match = difflib.get_close_matches(lowered, list(names), n=1, cutoff=CLOSE)
    return names[match[0]] if match else None
