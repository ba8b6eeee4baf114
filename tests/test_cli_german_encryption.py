"""``encrypt``, ``decrypt``, ``passphrase`` and the export's passphrase in German (docs/translating.md): the
command's own sentences in the system's language, the recovery key and the ``Error:`` prefix as they are."""

from __future__ import annotations

import hashlib
from pathlib import Path

from medjournal.storage import cipher
from tests.test_cli_german import run
from tests.test_encryption import make_plain, pipe_with

GERMAN = "de_DE.UTF-8"
PASSPHRASE = "richtiges Pferd Batterie"
NEW = "eine neue, längere Passphrase"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def encrypt_in_german(journal_path: Path, lang: str = GERMAN) -> list[str]:
    result = run(
        journal_path, "encrypt", "--new-passphrase-fd", str(pipe_with(PASSPHRASE, PASSPHRASE)), "--old-backups",
        "keep", lang=lang,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    cipher.forget_all()
    return result.output.splitlines()


def test_encrypt_change_and_decrypt_speak_german(journal_path: Path) -> None:
    make_plain(journal_path)
    lines = encrypt_in_german(journal_path)
    assert (
        lines[0]
        == f"Das Tagebuch {journal_path} ist jetzt verschlüsselt; es öffnet sich nur mit der Passphrase."
    )
    assert lines[1] == (
        "Wiederherstellungsschlüssel (nur einmal angezeigt; er öffnet das Tagebuch, wenn die Passphrase vergessen ist):"
    )
    assert cipher.is_recovery_key(lines[2])
    assert lines[3].startswith("1 ältere Sicherung in ") and lines[3].endswith(
        " ist unverschlüsselt (jeder, der sie hat, kann sie lesen)."
    )
    assert lines[4] == (
        "Sie wurde unverändert behalten; `medjournal encrypt --old-backups encrypt` wandelt sie später um."
    )

    changed = run(
        journal_path, "--passphrase-fd", str(pipe_with(PASSPHRASE)), "passphrase", "--new-passphrase-fd",
        str(pipe_with(NEW, NEW)), "--old-backups", "remove", lang=GERMAN,
    )  # fmt: skip
    assert changed.exit_code == 0, changed.output
    out = changed.output.splitlines()
    assert out[0] == f"Die Passphrase von {journal_path} wurde geändert."
    assert (
        out[1]
        == "Neuer Wiederherstellungsschlüssel (nur einmal angezeigt; der alte öffnet das Tagebuch nicht mehr):"
    )
    assert cipher.is_recovery_key(out[2])
    assert out[-1] in ("1 Sicherung gelöscht.", "2 Sicherungen gelöscht.")
    cipher.forget_all()

    plain = run(
        journal_path, "--passphrase-fd", str(pipe_with(NEW)), "decrypt", "--old-backups", "keep", lang=GERMAN
    )
    assert plain.exit_code == 0, plain.output
    assert plain.output.splitlines()[0] == (
        f"Das Tagebuch {journal_path} ist nicht mehr verschlüsselt: Jeder, der die Datei hat, kann sie lesen."
    )
    assert journal_path.read_bytes().startswith(b"SQLite format 3")


def test_refusals_in_german_change_nothing(journal_path: Path, tmp_path: Path) -> None:
    make_plain(journal_path)
    short = run(journal_path, "encrypt", "--new-passphrase-fd", str(pipe_with("kurz", "kurz")), lang=GERMAN)
    assert short.exit_code == 1
    assert short.output.strip().splitlines()[-1] == (
        "Fehler: Die Passphrase ist zu kurz; wählen Sie eine mit mindestens 8 Zeichen."
    )
    assert journal_path.read_bytes().startswith(b"SQLite format 3")
    encrypt_in_german(journal_path)
    before = digest(journal_path)

    wrong = run(
        journal_path,
        "--passphrase-fd",
        str(pipe_with("falsches Pferd")),
        "checkin",
        "--pain",
        "3",
        lang=GERMAN,
    )
    assert wrong.exit_code == 1
    assert wrong.output.strip().splitlines()[-1] == (
        f"Fehler: Die Passphrase öffnet das Tagebuch {journal_path} nicht; es wurde nichts geändert."
    )
    no_terminal = run(journal_path, "checkin", "--pain", "3", lang=GERMAN)
    assert no_terminal.exit_code == 1
    assert no_terminal.output.strip().splitlines()[-1] == (
        f"Fehler: Das Tagebuch {journal_path} ist mit einer Passphrase geschützt: Geben Sie sie in einem Terminal "
        "ein oder verwenden Sie --passphrase-fd N oder --passphrase-file DATEI."
    )
    again = run(journal_path, "--passphrase-fd", str(pipe_with(PASSPHRASE)), "encrypt", lang=GERMAN)
    assert again.exit_code == 1
    assert again.output.strip().splitlines()[-1] == (
        f"Fehler: Das Tagebuch {journal_path} ist bereits mit einer Passphrase geschützt "
        "(medjournal passphrase ändert sie)."
    )
    assert digest(journal_path) == before  # the refusals above never opened it
    cipher.forget_all()
    export = run(
        journal_path, "--passphrase-fd", str(pipe_with(PASSPHRASE)), "export", "-o", str(tmp_path / "e.json"),
        lang=GERMAN,
    )  # fmt: skip
    assert export.exit_code == 1
    assert export.output.strip().splitlines()[-1] == (
        "Fehler: Dieses Tagebuch ist verschlüsselt: Wählen Sie --encrypted (der Export wird mit einer Passphrase "
        "geschützt) oder --plain (jeder, der die Datei hat, kann sie lesen)."
    )
    assert not (tmp_path / "e.json").exists()
