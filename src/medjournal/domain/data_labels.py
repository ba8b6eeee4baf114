"""The labels of the reviewed data (domain/data/*.json) marked for translation: gettext cannot read JSON, so
each label is listed here and ``tests/test_data_labels.py`` checks that the lists match the files. The data keeps
its English labels; :mod:`medjournal.domain.knowledge` translates them where they are read (docs/translating.md).
"""

# ruff: noqa: E501 - each label is copied whole from its data file, so that it can be compared with it
from __future__ import annotations

from medjournal.i18n import N_

# side_effects.json: items[].label
SIDE_EFFECTS = (
    N_("Fatigue"),
    N_("Weight gain"),
    N_("Nausea"),
    N_("Constipation"),
    N_("Diarrhoea"),
    N_("Trouble sleeping"),
    N_("Sleepiness"),
    N_("Mood changes"),
    N_("Worsening anxiety"),
    N_("Worsening depression"),
    N_("Agitation or restlessness"),
    N_("Irritability"),
    N_("Unusually high energy or little need for sleep"),
    N_("Unusual bruising or bleeding"),
    N_("Dry mouth"),
    N_("Dizziness"),
    N_("Sweating"),
    N_("Headache"),
    N_("Decreased appetite"),
    N_("Sexual problems"),
    N_("Blurred vision"),
    N_("Trouble urinating"),
)

# body_areas.json: areas[].label
BODY_AREAS = (
    N_("Lower back, left"),
    N_("Lower back, centre"),
    N_("Lower back, right"),
    N_("Buttock, left"),
    N_("Buttock, right"),
    N_("Left leg: thigh"),
    N_("Right leg: thigh"),
    N_("Left leg: calf"),
    N_("Right leg: calf"),
    N_("Left leg: foot"),
    N_("Right leg: foot"),
    N_("Neck"),
    N_("Other"),
)

# crisis_lines.json: countries.*.label
COUNTRIES = (
    N_("United States"),
    N_("Canada"),
    N_("United Kingdom"),
    N_("Ireland"),
    N_("Australia"),
    N_("Germany"),
    N_("Austria"),
    N_("Switzerland"),
    N_("Another EU country"),
    N_("Another country"),
)

# crisis_lines.json: countries.*.lines[].how
CONTACT_WAYS = (
    N_("call, text or chat"),
    N_("call or text"),
    N_("call, free, any time"),
    N_("call"),
    N_("call, any time"),
)

# medications.json: classes.*.label
CLASSES = (
    N_("SNRI antidepressant"),
    N_("SSRI antidepressant"),
    N_("tricyclic antidepressant"),
    N_("MAO inhibitor"),
    N_("opioid with serotonergic action"),
    N_("triptan"),
    N_("serotonergic medicine"),
    N_("NSAID painkiller"),
    N_("blood thinner (anticoagulant)"),
    N_("SNRI antidepressant (duloxetine)"),
    N_("SSRI antidepressant and strong CYP1A2 inhibitor"),
    N_("medicine with MAO-inhibitor action"),
    N_("antibiotic that is a strong CYP1A2 inhibitor"),
    N_("blood thinner (antiplatelet)"),
    N_("painkiller with no listed combination caution"),
)

# medications.json: caution_wording (all but its note)
CAUTION_WORDING = (
    N_("Ask your doctor or pharmacist about taking {x} with {y}."),
    N_("{x} and {y} must not be taken together. Contact your prescriber or pharmacist before the next dose."),
    N_(
        "{y} can raise the level of {x} in the blood: ask your doctor or pharmacist about taking {x} with {y}."
    ),
    N_(
        "{x} and {y} are both NSAID painkillers; together they add stomach and kidney risk. Ask your doctor or pharmacist about taking them together."
    ),
)

# medications.json: watch_for
WATCH_FOR = (
    N_(
        "Signs of serotonin syndrome: agitation, hallucinations, fast heartbeat, fever, sweating, shivering, twitching or diarrhoea; if they appear, seek medical care at once."
    ),
    N_("Watch for unusual bruising, black or bloody stools, vomiting blood, or nosebleeds that do not stop."),
)

# medications.json: cautions[].topic
CAUTION_TOPICS = (
    N_("must not be combined"),
    N_("serotonin syndrome"),
    N_("bleeding"),
    N_("raised duloxetine levels"),
    N_("two NSAIDs at once"),
)

# medications.json: warning_rules.discontinuation_symptoms
DISCONTINUATION = (
    N_("dizziness, nausea, headache, irritability, trouble sleeping, anxiety, sweating or 'brain zaps'"),
)

# medications.json: sources.*.finding (the titles are shown as published)
SOURCE_FINDINGS = (
    N_("serotonin syndrome"),
    N_("abnormal bleeding"),
    N_(
        "sections 2 (dosing), 5.1 (suicidality boxed warning), 5.4 (serotonin syndrome), 5.5 (abnormal bleeding), 5.7 (discontinuation)"
    ),
    N_("suicidal thoughts and behaviours"),
    N_(
        "worsening mood: PHQ-2 or GAD-2 of 3 or more, or mood 3 or more points below the 14 days before the medication start"
    ),
    N_("a score of 3 or more is a positive screen"),
    N_("contraindicated with MAO inhibitors, linezolid or intravenous methylene blue"),
    N_("potent CYP1A2 inhibitors"),
    N_("avoid use with other NSAIDs (gastrointestinal and kidney risk)"),
    N_("totals of 10, 15 and 20 mark moderate, moderately severe and severe depression"),
    N_(
        "question 9 screens for thoughts of self-harm, and anyone who answers it above 0 needs to be asked further about it"
    ),
    N_(
        'a side effect "worsening depression", "worsening anxiety", "mood changes" or "agitation or restlessness" rated moderate or severe'
    ),
    N_("screening for therapeutic duplication: the same medicine in two entries"),
)
