"""Encrypted exports: an authenticated envelope that needs its passphrase and round-trips with it."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.conftest import NOW, Cli
from tests.test_encryption import PASSPHRASE, encrypt, make_plain, pipe_with

EXPORT_SECRET = "export passphrase 1"


def journal_fd() -> str:
    return str(pipe_with(PASSPHRASE))


def test_an_encrypted_journal_must_choose_between_an_encrypted_and_a_plain_export(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    make_plain(journal_path)
    encrypt(run_cli)
    target = tmp_path / "out.json"
    refused = run_cli("--passphrase-fd", journal_fd(), "export", "-o", str(target))
    assert refused.exit_code == 1 and "--encrypted" in refused.output and "--plain" in refused.output
    assert not target.exists()
    plain = run_cli("--passphrase-fd", journal_fd(), "export", "-o", str(target), "--plain")
    assert plain.exit_code == 0, plain.output
    assert f"anyone who gets {target} can read everything in it" in plain.output
    assert json.loads(target.read_text())["format"] == "medjournal-export/1"


def test_an_encrypted_export_cannot_be_read_without_its_passphrase_and_round_trips_with_it(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    make_plain(journal_path)
    encrypt(run_cli)
    target = tmp_path / "out.json"
    written = run_cli(
        "--passphrase-fd",
        journal_fd(),
        "export",
        "-o",
        str(target),
        "--encrypted",
        "--export-passphrase-fd",
        str(pipe_with(EXPORT_SECRET)),
    )
    assert written.exit_code == 0, written.output
    text = target.read_text()
    assert "private note" not in text and "checkins" not in text
    envelope = json.loads(text)
    assert envelope["format"] == "medjournal-encrypted-export/1" and envelope["cipher"] == "AES-256-GCM"
    assert envelope["kdf"]["name"] == "scrypt"

    fresh = Cli(tmp_path / "new.db", NOW)
    for given, message in (("not it at all", "does not open"), ("", "empty")):
        wrong = fresh("import", str(target), "--export-passphrase-fd", str(pipe_with(given)))
        assert wrong.exit_code == 1 and message in wrong.output
        assert not (tmp_path / "new.db").exists()
    missing = fresh("import", str(target))
    assert missing.exit_code == 1 and "encrypted export" in missing.output
    done = fresh("import", str(target), "--export-passphrase-fd", str(pipe_with(EXPORT_SECRET)))
    assert done.exit_code == 0, done.output
    again = tmp_path / "again.json"
    assert fresh("export", "-o", str(again)).exit_code == 0
    plain = json.loads(again.read_text())
    assert [row["note"] for row in plain["tables"]["checkins"]] == [f"private note {n}" for n in range(3)]


@pytest.mark.parametrize("field", ["ciphertext", "nonce", "salt", "n"])
def test_a_changed_byte_in_the_envelope_is_refused(
    run_cli: Cli, journal_path: Path, tmp_path: Path, field: str
) -> None:
    make_plain(journal_path)
    target = tmp_path / "out.json"
    written = run_cli(
        "export", "-o", str(target), "--encrypted", "--export-passphrase-fd", str(pipe_with(EXPORT_SECRET))
    )
    assert written.exit_code == 0, written.output
    envelope = json.loads(target.read_text())
    if field == "n":
        envelope["kdf"]["n"] = envelope["kdf"]["n"] // 2
    else:
        holder = envelope["kdf"] if field == "salt" else envelope
        raw = bytearray(base64.b64decode(holder[field]))
        raw[len(raw) // 2] ^= 0x01
        holder[field] = base64.b64encode(bytes(raw)).decode()
    target.write_text(json.dumps(envelope))
    fresh = Cli(tmp_path / "new.db", NOW)
    refused = fresh("import", str(target), "--export-passphrase-fd", str(pipe_with(EXPORT_SECRET)))
    assert refused.exit_code == 1
    assert "does not open" in refused.output
    assert not (tmp_path / "new.db").exists()


def test_csv_exports_of_an_encrypted_journal_are_plain_only_when_asked(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    make_plain(journal_path)
    encrypt(run_cli)
    refused = run_cli("--passphrase-fd", journal_fd(), "export", "--csv", str(tmp_path / "csv"))
    assert refused.exit_code == 1 and "--plain" in refused.output
    both = run_cli("--passphrase-fd", journal_fd(), "export", "--csv", str(tmp_path / "csv"), "--encrypted")
    assert both.exit_code == 1 and "CSV files cannot be encrypted" in both.output
    assert not (tmp_path / "csv").exists()
