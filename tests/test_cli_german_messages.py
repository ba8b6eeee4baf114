"""Every command's own messages in German (docs/translating.md, "Which language is used"): a refusal is one German
line and writes nothing, an unreadable date keeps its hint of the words the command line reads, and ``--json``
is the same, byte for byte, in English and in German.

Each test runs the command as a person does (``tests/test_cli_german.py``'s ``run``: the system's language from
LANG, or the journal's ``language`` setting) and reads the journal back. The clock is 2026-03-15 09:30; entries
dated before it are typed in late.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result

from medjournal.domain.clock import FixedClock
from medjournal.storage import Journal, open_journal
from tests.conftest import NOW
from tests.test_cli import snapshot
from tests.test_cli_german import run
from tests.test_pdf import build_known_journal

GERMAN = "de_DE.UTF-8"
ERROR = "Fehler: "


def refusal(result: Result) -> str:
    """The one line on stderr of a refused command."""
    assert result.exit_code != 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert result.stdout == ""
    return lines[0]


def stocked(journal_path: Path) -> None:
    journal = open_journal(journal_path, FixedClock(NOW))  # the count is given at the commands' "now"
    try:
        journal.add_medication(
            "Duloxetine",
            60,
            "mg",
            times="08:00",
            start="2026-03-01",
            form="capsule",
            stock_units=10,
            unit_size=30,
        )
    finally:
        journal.close()


REFUSED = [
    (
        ("checkin", "--pain", "4", "--date", "20261101"),
        "„Datum“ '20261101' ist kein Datum; schreiben Sie es als JJJJ-MM-TT oder als heute, gestern oder "
        "'vor N Tagen' (auch today, yesterday, 'N days ago').",
    ),
    (
        ("refill", "Duloxetine", "--units", "28", "--date", "vorgestern"),
        "„Tag der Nachfüllung“ 'vorgestern' ist kein Datum; schreiben Sie es als JJJJ-MM-TT oder als heute, gestern "
        "oder 'vor N Tagen' (auch today, yesterday, 'N days ago').",
    ),
    (
        ("take", "Duloxetine", "--at", "8 Uhr morgens"),
        "„Uhrzeit“ '8 Uhr morgens' ist kein Datum mit Uhrzeit; schreiben Sie es als JJJJ-MM-TT HH:MM, als HH:MM "
        "für heute oder als 'gestern HH:MM' (auch 'yesterday HH:MM').",
    ),
    (
        ("visit", "--date", "3/14/2026"),
        "„Tag des Arzttermins“ '3/14/2026' ist kein Datum; schreiben Sie es als JJJJ-MM-TT oder als heute, gestern "
        "oder 'vor N Tagen' (auch today, yesterday, 'N days ago').",
    ),
    (  # read as a date and refused for itself: no hint, and still German
        ("checkin", "--pain", "4", "--date", "2026-02-30"),
        None,
    ),
    (
        ("setting", "idle_lock", "7"),
        "Die Sperre bei Inaktivität muss off, 5, 15, 30 oder 60 (Minuten) sein, nicht '7'; sie sperrt nur das "
        "Fenster eines verschlüsselten Tagebuchs.",
    ),
    (("med", "add", "Ibuprofen", "--dose", "400", "--as-needed", "--max-daily", "drei"), None),
    (("med", "add", "Ibuprofen", "--dose", "400", "--times", "08:00", "--refill-warning-days", "x"), None),
    (
        ("import-csv", "{csv}", "--med", "Ibuprofen"),
        "--med erwartet NAME IN DER DATEI=NAME IM TAGEBUCH (oder =new); in 'Ibuprofen' fehlt das „=“.",
    ),
    (("import-csv", "{csv}", "--med", "Ibuprofen= "), "--med 'Ibuprofen= ': Beide Namen werden gebraucht."),
    (
        ("import-csv", "{csv}", "--mapping", "Handy"),
        "Es gibt keine gespeicherte Zuordnung namens 'Handy' (gespeichert: noch keine).",
    ),
    (("measure", "weight", "zweiundachtzig"), "Die Angabe Gewicht 'zweiundachtzig' ist keine Zahl."),
    (
        ("med", "add", "Duloxetine", "--dose", "30", "--times", "20:00"),
        "Ein Medikament namens Duloxetine ist schon im Tagebuch.",
    ),
    (
        ("med", "restart", "Duloxetine", "--dose", "30", "--start", "2026-03-08"),
        "Duloxetine wird am 2026-03-08 schon eingenommen.",
    ),
    (("med", "stop", "Duloxetine", "--on", "2026-02-20"), "Duloxetine wird am 2026-02-20 nicht eingenommen."),
    (
        ("med", "change", "Duloxetine", "--dose", "90", "--from", "2026-02-20"),
        "Eine Dosisänderung muss nach dem Beginn von Duloxetine (2026-03-01) liegen.",
    ),
    (
        ("skip", "Duloxetine", "--at", "2026-03-10 14:00"),
        "Am 2026-03-10 um 14:00 gibt es keine geplante Dosis von Duloxetine, die ausgelassen werden könnte.",
    ),
    (("questionnaire", "peg", "--answers", "6,5"), None),
    (
        ("questionnaire", "peg", "--answers", "6,5,11"),
        "PEG Antwort 3 muss eine ganze Zahl von 0 bis 10 sein.",
    ),
    (
        ("export", "-o", "{journal}"),
        "{journal} ist das Tagebuch selbst; wählen Sie einen anderen Dateinamen.",
    ),
    (
        ("export", "-o", "{tmp}/fehlt/tagebuch.json"),
        "Der Ordner {tmp}/fehlt existiert nicht; wählen Sie einen vorhandenen Ordner.",
    ),
    (("export", "-o", "{csv}"), "{csv} existiert schon; wählen Sie einen neuen Dateinamen."),
    (
        ("take", "Pregabalin"),
        "Im Tagebuch gibt es kein Medikament namens 'Pregabalin' (vorhanden: Duloxetine).",
    ),
    (("import", "{csv}"), "{csv} ist kein gültiges JSON (Zeile 1, Spalte 1)."),
    (("import", "{tmp}/fehlt.json"), "Die Datei {tmp}/fehlt.json existiert nicht."),
    (
        ("export", "--csv", "{tmp}"),
        "{tmp} existiert schon und ist kein leerer Ordner; wählen Sie einen neuen Ordnernamen.",
    ),
    (("restore", "{journal}"), "{journal} ist das Tagebuch selbst; wählen Sie eine Sicherungsdatei."),
    (
        ("backup", "-o", "{tmp}/fehlt/sicherung.db"),
        "Der Ordner {tmp}/fehlt existiert nicht; wählen Sie einen vorhandenen Ordner.",
    ),
    (
        ("questionnaire", "phq9", "--answers", "1,2,3,4,5,6,7,8,9"),
        "PHQ-9 Antwort 4 muss eine ganze Zahl von 0 bis 3 sein.",
    ),
]


def _placed(text: str, places: dict[str, str]) -> str:
    for name, value in places.items():
        text = text.replace(name, value)
    return text


@pytest.mark.parametrize(("args", "german"), REFUSED, ids=[" ".join(a[:3]) for a, _ in REFUSED])
def test_a_refusal_is_one_german_line_and_writes_nothing(
    journal_path: Path, tmp_path: Path, args: tuple[str, ...], german: str | None
) -> None:
    stocked(journal_path)
    csv = tmp_path / "tagebuch.csv"
    csv.write_text("Datum;Uhrzeit;Medikament;Dosis\n01.03.26;08:00;Ibuprofen;400 mg\n", encoding="utf-8")
    places = {"{csv}": str(csv), "{journal}": str(journal_path), "{tmp}": str(tmp_path)}
    args = tuple(_placed(a, places) for a in args)
    if german is not None:
        german = _placed(german, places)
    before = snapshot(journal_path)
    line = refusal(run(journal_path, *args, lang=GERMAN))
    english = refusal(run(journal_path, *args))
    assert snapshot(journal_path) == before
    assert line.startswith(ERROR)
    if german is not None:
        assert line == ERROR + german
    assert line != english  # the same refusal, in the other language
    words = line.removeprefix(ERROR)
    for word in (" is ", " not ", " the ", " must ", " write ", " both ", " no ", "There "):
        assert word not in words, line


def test_the_date_hint_follows_the_journal_language_setting(journal: Journal, journal_path: Path) -> None:
    journal.set_setting("language", "de")
    before = snapshot(journal_path)
    line = refusal(run(journal_path, "checkin", "--pain", "4", "--date", "letzte Woche"))
    assert line == (
        "Fehler: „Datum“ 'letzte Woche' ist kein Datum; schreiben Sie es als JJJJ-MM-TT oder als heute, gestern "
        "oder 'vor N Tagen' (auch today, yesterday, 'N days ago')."
    )
    assert snapshot(journal_path) == before
    late = run(journal_path, "checkin", "--pain", "4", "--date", "3 days ago")  # typed in late, read as a day
    assert late.exit_code == 0, late.output
    assert [c.day.isoformat() for c in journal.checkins()] == ["2026-03-12"]


def test_refills_and_stock_lines_in_german(journal_path: Path) -> None:
    stocked(journal_path)
    added = run(journal_path, "refill", "Duloxetine", "--units", "28", "--date", "yesterday", lang=GERMAN)
    assert added.exit_code == 0, added.output
    # A refill of yesterday, typed in after the count of today: the count holds it already (docs/methods.md).
    assert added.stdout.splitlines() == [
        "28 Kapseln Duloxetine am 2026-03-14 hinzugefügt.",
        "Der Vorrat wurde nach dieser Nachfüllung gezählt (2026-03-15 09:30), die Zählung enthält sie also "
        "schon; der Vorrat bleibt, wie er war.",
        "Duloxetine: 10 Kapseln vorrätig, reicht noch 5 Tage (2026-03-20). Zeit, Nachschub zu besorgen.",
    ]
    today = run(journal_path, "refill", "Duloxetine", "--units", "28", lang=GERMAN)
    assert (
        today.stdout.splitlines()[1] == "Duloxetine: 38 Kapseln vorrätig, reicht noch 19 Tage (2026-04-03)."
    )
    half = run(journal_path, "refill", "Duloxetine", "--units", "0.5", lang=GERMAN)
    assert half.stdout.splitlines()[0] == "0,5 Kapseln Duloxetine am 2026-03-15 hinzugefügt."
    english = run(journal_path, "refill", "Duloxetine", "--units", "1")
    assert english.stdout.splitlines()[0] == "Added 1 capsule of Duloxetine on 2026-03-15."
    journal = open_journal(journal_path)
    try:
        refills = [(r.day.isoformat(), r.units) for r in journal.refills()]
    finally:
        journal.close()
    assert refills == [("2026-03-14", 28.0), ("2026-03-15", 28.0), ("2026-03-15", 0.5), ("2026-03-15", 1.0)]


def test_nothing_tracked_and_settings_in_german(journal_path: Path) -> None:
    open_journal(journal_path).close()
    empty = run(journal_path, "stock", lang=GERMAN)
    assert empty.stdout.startswith("Für kein Medikament wird der Vorrat gezählt.")
    listed = run(journal_path, "setting", lang=GERMAN).stdout.splitlines()
    assert listed[-1] == (
        "idle_lock =    (Minuten ohne Eingabe, bis das Fenster eines verschlüsselten Tagebuchs sich sperrt: off, "
        "5, 15, 30 oder 60)"
    )


def test_export_counts_records_in_german(journal: Journal, journal_path: Path, tmp_path: Path) -> None:
    build_known_journal(journal)
    result = run(journal_path, "export", "-o", str(tmp_path / "out.json"), lang=GERMAN)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"Exportiert nach {tmp_path / 'out.json'}: Medikamente 1, Dosisstufen 2, "
    )
    assert "Tageseinträge 22, Nebenwirkungen 4, Fragebögen 1, Behandlungen 1" in result.stdout
    assert "dose logs" not in result.stdout and "checkins" not in result.stdout


def test_a_csv_import_speaks_german(journal_path: Path, tmp_path: Path) -> None:
    stocked(journal_path)
    csv = tmp_path / "tagebuch.csv"
    csv.write_text(
        "Datum;Uhrzeit;Medikament;Dosis\n01.03.26;08:00;Duloxetine;60 mg\n13.03.26;08:05;Duloxetine;60 mg\n",
        encoding="utf-8",
    )
    before = snapshot(journal_path)
    dry = run(journal_path, "import-csv", str(csv), "--date-order", "dmy", "--dry-run", lang=GERMAN)
    assert dry.exit_code == 0, dry.output
    lines = dry.stdout.splitlines()
    assert lines[0] == (
        f"{csv} gelesen: UTF-8, getrennt durch Semikolon, mit Kopfzeile, 2 Zeilen; Daten als Tag/Monat/Jahr; "
        "Uhrzeiten in der Zeitzone dieses Computers."
    )
    assert lines[1].startswith("Spalten: ")
    assert lines[-1] == "Nichts wurde geschrieben (Probelauf)."
    assert snapshot(journal_path) == before
    saved = run(
        journal_path, "import-csv", str(csv), "--date-order", "dmy", "--save-mapping", "Handy", lang=GERMAN
    )
    assert saved.exit_code == 0, saved.output
    assert "Zuordnung als 'Handy' gespeichert (verwenden Sie: --mapping 'Handy')." in saved.stdout
    journal = open_journal(journal_path)
    try:
        taken = [(log.day.isoformat(), log.slot) for log in journal.dose_logs()]
    finally:
        journal.close()
    assert taken == [("2026-03-01", "08:00"), ("2026-03-13", "08:00")]


JSON_COMMANDS = [
    ("stock", "--json"),
    ("med", "list", "--json"),
    ("activity", "list", "--json"),
    ("today", "--json", "--at", "2026-03-14 21:00"),
    ("report", "--json"),
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=[" ".join(a[:2]) for a in JSON_COMMANDS])
def test_json_is_the_same_in_english_and_german(
    journal: Journal, journal_path: Path, args: tuple[str, ...]
) -> None:
    build_known_journal(journal)
    journal.add_medication(
        "Ibuprofen",
        400,
        "mg",
        as_needed=True,
        start="2026-03-01",
        form="tablet",
        stock_units=20,
        unit_size=400,
    )
    journal.record_dose("Ibuprofen", at="2026-03-10 12:00")  # typed in late
    journal.add_refill("Ibuprofen", 2.5, day="2026-03-12")
    journal.add_activity("walk 20 minutes")
    journal.rate_activity("walk 20 minutes", 6, journal.today())
    english = run(journal_path, *args)
    assert english.exit_code == 0, english.output
    german = run(journal_path, *args, lang=GERMAN)
    journal.set_setting("language", "de")
    setting = run(journal_path, *args)
    assert german.stdout == english.stdout
    assert setting.stdout == english.stdout
    assert english.stdout.lstrip().startswith("{")


def test_refused_csv_rows_are_german_and_nothing_is_written(journal_path: Path, tmp_path: Path) -> None:
    stocked(journal_path)
    csv = tmp_path / "tagebuch.csv"
    csv.write_text(
        "Datum;Uhrzeit;Medikament;Dosis;Schmerz\n"
        "01.03.26;08:00;Duloxetine;60 mg;12\n"
        "02.03.26;;Duloxetine;60 mg;\n"
        "03.03.26;08:00;Ibuprofen;400 mg;4\n",
        encoding="utf-8",
    )
    before = snapshot(journal_path)
    result = run(
        journal_path, "import-csv", str(csv), "--date-order", "dmy", "--med", "Ibuprofen=Aspirin", lang=GERMAN
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2:] == [
        "Würde hinzufügen: nichts.",
        "Abgelehnt (3):",
        "  Zeile 2: „Schmerz“ muss zwischen 0 und 10 liegen; 12 liegt außerhalb.",
        "  Zeile 3: Eine Dosis braucht neben dem Datum auch eine Uhrzeit.",
        "  Im Tagebuch gibt es kein Medikament namens 'Aspirin', dem 'Ibuprofen' zugeordnet werden könnte.",
    ]
    assert result.stderr.splitlines() == [
        "Fehler: Nichts wurde geschrieben: Korrigieren Sie die abgelehnten Zeilen."
    ]
    unknown = run(journal_path, "import-csv", str(csv), "--map", "datum=1", lang=GERMAN)
    assert refusal(unknown) == (
        f"Fehler: {csv}: --map: 'datum' ist kein Feld; die Felder sind datetime, date, time, medication, amount, "
        "status, pain, mood, sleep, side_effect, severity, note."
    )
    zone = run(journal_path, "import-csv", str(csv), "--tz", "Mars/Olympus", lang=GERMAN)
    assert refusal(zone) == (
        "Fehler: 'Mars/Olympus' ist kein Zeitzonenname; verwenden Sie einen Namen wie Europe/Berlin oder "
        "America/New_York."
    )
    assert snapshot(journal_path) == before


def test_numbers_in_sentences_take_the_german_decimal_sign(journal_path: Path) -> None:
    added = run(
        journal_path,
        "med",
        "add",
        "Duloxetine",
        "--dose",
        "37.5",
        "--times",
        "08:00",
        "--start",
        "2026-03-01",
    )
    assert added.exit_code == 0, added.output
    taken = run(journal_path, "take", "Duloxetine", "--at", "yesterday 08:05", "--dose", "22,5", lang=GERMAN)
    assert taken.exit_code == 0, taken.output
    assert taken.stdout.startswith(
        "Dosis um 08:00 von Duloxetine (22,5 mg) erfasst, eingenommen um 2026-03-14 08:05."
    )
    today = run(journal_path, "today", "--at", "2026-03-14 21:00", lang=GERMAN).stdout.splitlines()
    assert today[1] == "  08:00  Duloxetine 37,5 mg: genommen um 08:05 (22,5 mg)"
    listed = run(journal_path, "med", "list", lang=GERMAN).stdout.splitlines()
    assert listed[1] == "  2026-03-01 → heute: 37,5 mg 08:00"
    assert run(journal_path, "med", "list").stdout.splitlines()[1] == "  2026-03-01 → now: 37.5 mg 08:00"
    journal = open_journal(journal_path)
    try:
        assert [(log.day.isoformat(), log.amount) for log in journal.dose_logs()] == [("2026-03-14", 22.5)]
    finally:
        journal.close()


def test_refusals_about_what_the_journal_already_holds_are_german(journal_path: Path) -> None:
    """A dose logged twice (typed in late), a stopped as-needed medication restarted with fixed times, and an
    impression of change with two medications taken on a schedule."""
    journal = open_journal(journal_path)
    try:
        journal.add_medication("Duloxetine", 60, "mg", times="08:00", start="2026-03-01")
        journal.add_medication("Ibuprofen", 400, "mg", as_needed=True, start="2026-03-01")
        journal.add_medication("Pregabalin", 75, "mg", times="20:00", start="2026-03-01")
        journal.stop_medication("Ibuprofen", on="2026-03-06")
    finally:
        journal.close()
    assert run(journal_path, "take", "Duloxetine", "--at", "2026-03-05 08:00", lang=GERMAN).exit_code == 0
    cases = [
        (
            ("skip", "Duloxetine", "--at", "2026-03-05 08:00"),
            "Die Dosis um 08:00 von Duloxetine am 2026-03-05 ist schon erfasst (eingenommen um 08:00).",
            "The 08:00 dose of Duloxetine on 2026-03-05 is already logged (taken at 08:00).",
        ),
        (
            (
                "med",
                "restart",
                "Ibuprofen",
                "--dose",
                "400",
                "--as-needed",
                "--times",
                "08:00",
                "--start",
                "2026-03-08",
            ),
            "Ein Bedarfsmedikament hat keine festen Zeiten; geben Sie --times oder --as-needed an.",
            "An as-needed medication has no fixed times; give --times or --as-needed.",
        ),
        (
            ("questionnaire", "pgic", "--answers", "5"),
            "Geben Sie an, um welches Medikament es bei diesem Eindruck der Veränderung geht (--medication NAME; "
            "Duloxetine, Pregabalin).",
            "Say which medication this impression of change is about (--medication NAME; Duloxetine, Pregabalin).",
        ),
    ]
    for args, german, english in cases:
        before = snapshot(journal_path)
        assert refusal(run(journal_path, *args, lang=GERMAN)) == ERROR + german
        assert refusal(run(journal_path, *args)) == "Error: " + english
        assert snapshot(journal_path) == before


@pytest.mark.parametrize(
    ("args", "german"),
    [
        (
            ["measure", "weight", "400,5"],
            "Ein Gewicht muss zwischen 20 und 350 kg liegen; 400,5 kg ist nicht möglich.",
        ),
        (
            ["measure", "alcohol", "200,5"],
            "Die Getränke einer Woche müssen zwischen 0 und 200 liegen; 200,5 ist nicht möglich.",
        ),
    ],
)
def test_a_refused_number_is_quoted_with_the_german_decimal_sign(
    journal_path: Path, args: list[str], german: str
) -> None:
    """The number a person typed comes back as typed: "400,5", never "400.5", in a German refusal."""
    assert (
        run(journal_path, "measure", "weight", "80").exit_code == 0
    )  # the journal exists and holds one entry
    before = snapshot(journal_path)
    assert refusal(run(journal_path, *args, lang=GERMAN)) == ERROR + german
    assert snapshot(journal_path) == before


def test_an_activitys_refusals_name_its_fields_in_german(journal_path: Path) -> None:
    """The field names and the quotation marks of an activity's refusals were English in German sentences."""
    assert run(journal_path, "activity", "add", "20 Minuten gehen").exit_code == 0
    before = snapshot(journal_path)
    assert (
        refusal(run(journal_path, "activity", "add", "", lang=GERMAN))
        == ERROR + "„Name der Aktivität“ ist leer."
    )
    assert refusal(run(journal_path, "activity", "rate", "20 Minuten gehen", "11", lang=GERMAN)) == (
        ERROR + "„Bewertung der Aktivität“ muss zwischen 0 und 10 liegen; 11 liegt außerhalb."
    )
    assert refusal(run(journal_path, "activity", "rate", "spazieren", "4", lang=GERMAN)) == (
        ERROR + "Im Tagebuch gibt es keine Aktivität „spazieren“ (vorhanden: „20 Minuten gehen“)."
    )
    assert snapshot(journal_path) == before
