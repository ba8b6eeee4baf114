"""The JSON import's refusals of a record, and of a damaged encrypted export, in German (docs/translating.md):
``LANG=de_DE.UTF-8 medjournal import FILE`` says what is wrong in one ``Fehler:`` line naming the record (its table
and position) and the field, and the journal is as it was.

The records are typed in late (recorded after their day), as an export of a long-kept journal holds them.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from medjournal.storage import envelope
from medjournal.storage.journal import open_journal
from tests.test_cli import snapshot
from tests.test_cli_german import run
from tests.test_cli_german_messages import GERMAN, refusal
from tests.test_import_shapes import dose

STAMP = "2026-03-10T20:00:00+00:00"  # recorded days after the entries' own days


def checkin(number: int, **changes: Any) -> dict[str, Any]:
    day = f"2026-03-{number:02d}"
    return {
        "id": number,
        "day": day,
        "time": f"{day}T21:00:00+00:00",
        "pain": 4,
        "mood": 6,
        "sleep": 5,
        "sleep_hours": 7.0,
        "locations": "[]",
        "note": "",
        "self_harm_thoughts": None,
        "recorded_at": STAMP,
        **changes,
    }


MEDICATION = {"id": 1, "name": "Duloxetine", "unit": "mg", "recorded_at": STAMP}


def export(**tables: list[Any]) -> dict[str, Any]:
    return {
        "format": "medjournal-export/1",
        "schema_version": 2,
        "app_version": "0.1",
        "exported_at": STAMP,
        "tables": {"medications": [MEDICATION], **tables},
    }


def refused_in_german(tmp_path: Path, journal_path: Path, data: dict[str, Any], *extra: str) -> str:
    """The one German line of a refused import of ``data``; the journal holds what it held before."""
    open_journal(journal_path).close()  # an empty journal, as `import` wants
    before = snapshot(journal_path)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    line = refusal(run(journal_path, "import", str(path), *extra, lang=GERMAN))
    assert snapshot(journal_path) == before
    return line


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        (
            {"checkins": [checkin(1), checkin(2), checkin(3, mood_score=5)]},
            "Datensatz 3 der Tabelle checkins hat ein unbekanntes Feld 'mood_score'.",
        ),
        (
            {"checkins": [checkin(1), checkin(2, pain="4")]},
            "Datensatz 2 der Tabelle checkins: Das Feld 'pain' muss eine Zahl sein, kein Text ('4').",
        ),
        (
            {"dose_logs": [dose(1), dose(2, medication_id=7)]},
            "Datensatz 2 der Tabelle dose_logs verweist auf das Medikament 7, das nicht im Export enthalten ist.",
        ),
        (
            {"dose_logs": [dose(1), dose(1)]},
            "Datensatz 2 der Tabelle dose_logs wiederholt den Schlüssel id 1.",
        ),
        (
            {"checkins": [checkin(1, note=["a", "list"])]},
            "Datensatz 1 der Tabelle checkins: Das Feld 'note' muss Text, eine nicht zu große Zahl oder leer sein.",
        ),
        (
            {"settings": [{"key": "theme", "value": "{dark"}]},
            "Datensatz 1 der Tabelle settings: Der Wert einer Einstellung ist kein gültiges JSON.",
        ),
        (
            {"trips": []},
            "Der Export enthält eine unbekannte Tabelle 'trips'.",
        ),
    ],
)
def test_a_bad_record_is_refused_in_german_and_nothing_is_written(
    tmp_path: Path, journal_path: Path, tables: dict[str, list[Any]], expected: str
) -> None:
    assert refused_in_german(tmp_path, journal_path, export(**tables)) == f"Fehler: {expected}"


def test_a_rule_of_the_domain_keeps_its_german_reason(tmp_path: Path, journal_path: Path) -> None:
    line = refused_in_german(tmp_path, journal_path, export(checkins=[checkin(1), checkin(2, pain=11)]))
    assert line.startswith("Fehler: Datensatz 2 der Tabelle checkins: ")
    reason = line.removeprefix("Fehler: Datensatz 2 der Tabelle checkins: ")
    english = refusal(run(journal_path, "import", str(tmp_path / "export.json")))
    assert english.startswith("Error: Record 2 of checkins: ")
    assert reason != english.removeprefix("Error: Record 2 of checkins: ")  # the domain's reason, translated


def test_two_medications_of_one_name_are_refused_in_german(tmp_path: Path, journal_path: Path) -> None:
    data = export()
    data["tables"]["medications"].append({**MEDICATION, "id": 2, "name": "DULOXETINE"})
    assert refused_in_german(tmp_path, journal_path, data) == (
        "Fehler: Datensatz 2 der Tabelle medications wiederholt den Namen 'DULOXETINE' von Datensatz 1."
    )


@pytest.fixture
def sealed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """An encrypted export (scrypt made cheap for the test) of a valid journal, as its JSON envelope."""
    monkeypatch.setattr(envelope, "SCRYPT_N", 2**10)
    plain = json.dumps(export(checkins=[checkin(1)])).encode("utf-8")
    loaded: dict[str, Any] = json.loads(envelope.seal(plain, "correct horse battery staple"))
    return loaded


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda e: e.pop("nonce"), "ist beschädigt (das Feld nonce fehlt)."),
        (
            lambda e: e.update(ciphertext="not base64!"),
            "ist beschädigt (das Feld ciphertext ist kein Base64).",
        ),
        (
            lambda e: e.update(cipher="ROT13"),
            "verwendet ein Verschlüsselungsverfahren, das diese Version von",
        ),
        (lambda e: e["kdf"].update(n="1024"), "ist beschädigt (seine scrypt-Parameter sind keine Zahlen)."),
        (
            lambda e: e["kdf"].update(n=2**30),
            "verlangt scrypt-Parameter außerhalb dessen, was medjournal schreibt.",
        ),
        (
            lambda e: e.update(nonce=base64.b64encode(b"short").decode()),
            "ist beschädigt (seine Nonce oder sein Salt hat die falsche Länge).",
        ),
        (
            lambda e: e.update(ciphertext=base64.b64encode(b"x" * 64).decode()),
            "nicht (oder die Datei wurde verändert); es wurde nichts importiert.",
        ),
    ],
)
def test_a_damaged_encrypted_export_is_refused_in_german_and_nothing_is_written(
    tmp_path: Path, journal_path: Path, sealed: dict[str, Any], damage: Any, expected: str
) -> None:
    damage(sealed)
    secret = tmp_path / "passphrase.txt"
    secret.write_text("correct horse battery staple\n", encoding="utf-8")
    line = refused_in_german(tmp_path, journal_path, sealed, "--export-passphrase-file", str(secret))
    path = tmp_path / "export.json"
    assert line.startswith(
        ("Fehler: Der verschlüsselte Export ", "Fehler: Die Passphrase öffnet den verschl")
    ), line
    assert str(path) in line and expected in line


def test_the_undamaged_encrypted_export_imports(
    tmp_path: Path, journal_path: Path, sealed: dict[str, Any]
) -> None:
    """The fixture's envelope opens: the refusals above come from the damage alone."""
    open_journal(journal_path).close()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(sealed), encoding="utf-8")
    secret = tmp_path / "passphrase.txt"
    secret.write_text("correct horse battery staple\n", encoding="utf-8")
    result = run(journal_path, "import", str(path), "--export-passphrase-file", str(secret), lang=GERMAN)
    assert result.exit_code == 0, result.output
    journal = open_journal(journal_path)
    try:
        assert [c.pain for c in journal.checkins()] == [4]
    finally:
        journal.close()


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (checkin(2, recorded_at="2026-03-10T20:00:00\ud800"), "'recorded_at'"),
        (checkin(2, source="csv\udc00"), "'source'"),
        (checkin(2, note="Schub \ud83d"), "'note'"),
    ],
)
def test_text_that_is_no_character_is_refused_naming_its_field(
    tmp_path: Path, journal_path: Path, record: dict[str, Any], expected: str
) -> None:
    """A JSON escape of half a surrogate pair ("\\ud800") is no character: SQLite cannot store it, and for the
    fields the record checks pass unread it reached the insert as an "unexpected internal error"."""
    data = export(checkins=[checkin(1), record])
    assert refused_in_german(tmp_path, journal_path, data) == (
        f"Fehler: Datensatz 2 der Tabelle checkins: Das Feld {expected} enthält Bytes, die kein gültiger Text "
        "sind (kein UTF-8)."
    )


def test_an_escaped_emoji_is_text_and_is_imported(tmp_path: Path, journal_path: Path) -> None:
    open_journal(journal_path).close()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export(checkins=[checkin(1, note="walked 😀")])), encoding="utf-8")
    assert "\\ud83d\\ude00" in path.read_text(encoding="utf-8")  # written as an escaped pair
    assert run(journal_path, "import", str(path)).exit_code == 0
    journal = open_journal(journal_path)
    try:
        assert [checkin.note for checkin in journal.checkins()] == ["walked 😀"]
    finally:
        journal.close()
