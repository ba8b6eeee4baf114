"""``LANG=de_DE.UTF-8 medjournal --db journal.db`` on a damaged journal: the window's recovery dialog says in
German why the journal was refused (storage/file_problem.py), offers the newest backup, and quitting leaves the
journal's bytes as they were (docs/translating.md, "Refusals of the journal file")."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from medjournal.storage.backup import backup_to_folder
from medjournal.ui.journal.recovery import RecoveryDialog
from tests.ui.keys import journal_at, start_like_the_command

pytestmark = pytest.mark.gui
NOW = "2026-03-15T09:30:00"


def test_a_truncated_journal_is_explained_in_german_and_left_alone(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "journal.db"
    journal = journal_at(path, NOW)
    try:
        journal.add_medication("Duloxetin", 30, "mg", times="08:00", start="2026-03-01")
        journal.add_checkin(pain=5, mood=6, day="2026-03-13")  # typed in late, two days after its day
        backup_to_folder(journal.db, tmp_path / "backups", "auto", datetime.fromisoformat(NOW))
    finally:
        journal.close()
    path.write_bytes(path.read_bytes()[:60])  # cut inside the header
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    seen: dict[str, str] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):  # not shown yet
            QTimer.singleShot(10, answer)
            return
        seen.update(title=dialog.windowTitle(), reason=dialog.reason.text(), offer=dialog.backup_text.text())
        qtbot.keyClick(dialog.quit_button, Qt.Key.Key_Space)

    QTimer.singleShot(0, answer)
    assert start_like_the_command(monkeypatch, path, NOW, lambda _window: pytest.fail("no window")) == 1
    assert seen["reason"] == f"Das Tagebuch {path} ist beschädigt (die Datei ist abgeschnitten)."
    assert seen["title"] == "medjournal kann das Tagebuch nicht öffnen"
    assert seen["offer"].startswith(  # each count with its own plural
        "Die neueste brauchbare Sicherung ist vom <b>15. März 2026, 09:30</b>: 1 Medikament, 1 Eintrag "
        "(1 Tageseintrag)."
    )
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
