"""Screenshots of every section of the window on the demo journal, light and dark.

Run from the repository root:

    QT_QPA_PLATFORM=offscreen python docs/screenshots/make.py

It writes docs/screenshots/{today,medications,history,trends,summary}-{light,dark}.png at a fixed size with a
fixed clock, a fixed font and the Fusion style, so that the pictures change only when the window does. Nothing
is read from or written to your own journal or settings. ``--language de`` shows the window in German (files
named ``today-light-de.png``), ``--font-size 16`` with a 16 pt system font (``today-light-16pt.png``). The German
pictures at a 16 pt font on a common laptop screen (``today-light-de-16pt.png`` and the other sections):

    QT_QPA_PLATFORM=offscreen python docs/screenshots/make.py --language de --font-size 16 --size 1366x768
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

HERE = Path(__file__).resolve().parent
SECTIONS = ("today", "medications", "history", "trends", "summary")
SIZE = (1280, 860)
NOW = datetime(2026, 3, 15, 19, 40)  # an evening: the morning dose is logged, the evening one is due
DEMO_DAYS = 120


def dark_palette() -> QPalette:
    """A plain dark palette like the ones desktops ship; only palette roles, so every widget follows it."""
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#a0a0a0",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#7fb2ff",
        QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3c3c3c",
        QPalette.ColorRole.Mid: "#303030",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def settle(app: QApplication, rounds: int = 6) -> None:
    for _ in range(rounds):
        app.processEvents()


def wait_until_drawn(app: QApplication, view: object, limit_seconds: float = 60) -> None:
    """Sections that draw in steps (the summary preview) show a progress bar until they are done."""
    progress = getattr(view, "progress", None)
    deadline = time.monotonic() + limit_seconds
    while progress is not None and progress.isVisible() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    settle(app)


def choose_first_medication(app: QApplication, view: object) -> None:
    """Trends: pick the first medication, so the picture shows its baseline and current windows."""
    combo = getattr(view, "medication_combo", None)
    if combo is not None and combo.count() > 1:
        combo.setCurrentIndex(1)
        settle(app)


def shoot(
    app: QApplication,
    db: Path,
    scheme: str,
    out: Path,
    size: tuple[int, int],
    sections: tuple[str, ...] = SECTIONS,
    name: str | None = None,
) -> list[Path]:
    from medjournal.domain.clock import FixedClock
    from medjournal.storage import open_journal
    from medjournal.ui.app import VisibleIndicatorStyle  # Fusion, as the window runs it (visible check boxes)
    from medjournal.ui.main_window import MainWindow

    style = VisibleIndicatorStyle(QStyleFactory.create("Fusion"))
    app.setStyle(style)
    app.setPalette(dark_palette() if scheme == "dark" else style.standardPalette())
    journal = open_journal(db, FixedClock(NOW.astimezone()))
    window = MainWindow(journal, first_run=False)
    window.resize(*size)
    window.show()
    settle(app)
    written = []
    for key in sections:
        window.show_section(key)
        settle(app)
        wait_until_drawn(app, window.view(key))
        choose_first_medication(app, window.view(key))
        target = out / (f"{name.format(key=key)}.png" if name else f"{key}-{scheme}.png")
        window.grab().save(str(target))
        written.append(target)
    window.close()
    window.deleteLater()
    settle(app)
    journal.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the PNG files")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio, e.g. 1.5 or 2")
    parser.add_argument(
        "--size",
        default=f"{SIZE[0]}x{SIZE[1]}",
        help="window size in logical pixels, e.g. 960x540 (a 1920x1080 screen at 200%%)",
    )
    parser.add_argument("--only", choices=SECTIONS, help="one section, in the light scheme only")
    parser.add_argument("--name", help="with --only: the file name without .png (e.g. today-1366x768)")
    parser.add_argument(
        "--language", default="en", help="the window's language, e.g. de (file names get -de)"
    )
    parser.add_argument("--font-size", type=int, default=10, help="the system font's size in points, e.g. 16")
    args = parser.parse_args(argv)
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    with tempfile.TemporaryDirectory(prefix="medjournal-shots-") as scratch:
        folder = Path(scratch)
        os.environ["MEDJOURNAL_HOME"] = str(folder / "home")
        from medjournal.demo import write_demo
        from medjournal.domain.clock import FixedClock
        from medjournal.storage import open_journal

        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        app.setApplicationName("medjournal")
        app.setOrganizationName("medjournal")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
        app.setFont(QFont("DejaVu Sans", args.font_size))
        from medjournal.ui.language import apply_language

        apply_language(args.language)
        db = folder / "demo.db"
        journal = open_journal(db, FixedClock(NOW.astimezone()))
        write_demo(journal, days=DEMO_DAYS)
        if args.language != "en":  # the demo's country and its crisis lines follow the language shown
            journal.set_setting("language", args.language)
            journal.set_setting("country", {"de": "DE"}.get(args.language, "OTHER"))
        journal.close()
        args.out.mkdir(parents=True, exist_ok=True)
        sections = (args.only,) if args.only else SECTIONS
        for scheme in ("light",) if args.only else ("light", "dark"):
            width, height = (int(part) for part in args.size.split("x"))
            suffix = "".join(
                [
                    f"-{args.language}" if args.language != "en" else "",
                    f"-{args.font_size}pt" if args.font_size != 10 else "",
                ]
            )
            name = args.name or (f"{{key}}-{scheme}{suffix}" if suffix else None)
            for path in shoot(app, db, scheme, args.out, (width, height), sections, name):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
