"""The sentences after "N older backups …" agree with N (docs/translating.md, plurals): one backup kept is "it"
("Sie wurde …" in German), never "They were kept" after "1 older backup"; in ``encrypt`` and in ``decrypt``."""

from __future__ import annotations

from pathlib import Path

import pytest

from medjournal.storage import cipher
from tests.test_cli_german import run
from tests.test_cli_german_encryption import PASSPHRASE
from tests.test_cli_german_encryption import encrypt_in_german as encrypt
from tests.test_encryption import make_plain, pipe_with


def decrypt(journal_path: Path, lang: str) -> list[str]:
    result = run(
        journal_path, "--passphrase-fd", str(pipe_with(PASSPHRASE)), "decrypt", "--old-backups", "keep", lang=lang
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    cipher.forget_all()
    return result.output.splitlines()


def backups(journal_path: Path) -> list[Path]:
    return sorted((journal_path.parent / "backups").glob("*"))


@pytest.mark.parametrize(
    ("lang", "plain", "kept"),
    [
        (
            "C.UTF-8",
            " is plain (anyone with it can read it).",
            "It was kept as it is; `medjournal encrypt --old-backups encrypt` converts it later.",
        ),
        (
            "de_DE.UTF-8",
            " ist unverschlüsselt (jeder, der sie hat, kann sie lesen).",
            "Sie wurde unverändert behalten; `medjournal encrypt --old-backups encrypt` wandelt sie später um.",
        ),
    ],
)
def test_one_plain_backup_kept_is_one(journal_path: Path, lang: str, plain: str, kept: str) -> None:
    make_plain(journal_path)
    lines = encrypt(journal_path, lang)
    assert len(backups(journal_path)) == 1
    told = next(i for i, line in enumerate(lines) if line.endswith(plain))
    assert lines[told].startswith("1 ")
    assert lines[told + 1] == kept


@pytest.mark.parametrize(
    ("lang", "still", "kept"),
    [
        (
            "C.UTF-8",
            " is still encrypted.",
            "It was kept as it is; it opens with the passphrase it was made with.",
        ),
        (
            "de_DE.UTF-8",
            " ist noch verschlüsselt.",
            "Sie wurde unverändert behalten; sie öffnet sich mit der Passphrase, mit der sie erstellt wurde.",
        ),
    ],
)
def test_one_encrypted_backup_kept_by_decrypt_is_one(
    journal_path: Path, lang: str, still: str, kept: str
) -> None:
    make_plain(journal_path)
    encrypt(journal_path, lang)
    for old in backups(journal_path):  # only a backup made under the passphrase stays
        old.unlink()
    made = run(journal_path, "--passphrase-fd", str(pipe_with(PASSPHRASE)), "backup", lang=lang)
    assert made.exit_code == 0, made.output
    cipher.forget_all()
    for extra in backups(journal_path)[1:]:  # the open's own backup too: one is left
        extra.unlink()
    assert all(cipher.looks_encrypted(path) for path in backups(journal_path))
    assert len(backups(journal_path)) == 1
    lines = decrypt(journal_path, lang)
    told = next(i for i, line in enumerate(lines) if line.endswith(still))
    assert lines[told].startswith("1 ")
    assert lines[told + 1] == kept
