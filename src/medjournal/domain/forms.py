"""What a medication is (its form): the words offered, and a stored form shown in the person's language.

The Add medication dialog offers these words in the window's language and stores the word chosen or typed, as
typed. The demo journal, the command line (``med add --form capsule``) and imports may store the English word
instead. Shown to a person, a stored English word from this list is written in the language in use; any other
word is the person's own and is shown as it is (docs/translating.md, "What is translated where it is shown").
"""

from __future__ import annotations

from medjournal.i18n import N_, _

FORMS = (
    N_("capsule"),
    N_("tablet"),
    N_("liquid"),
    N_("patch"),
    N_("injection"),
    N_("cream"),
    N_("drops"),
    N_("other"),
)


def form_text(form: str) -> str:
    """``form`` as shown: "Kapsel" for a stored "capsule" in German; the person's own word ("Retardkapsel",
    "Kapsel") as typed."""
    word = " ".join(form.split())
    known = word.lower()
    return _(known) if known in FORMS else word
