"""Render the app icon from its SVG source into every size the desktops and bundlers want.

    python packaging/make_icons.py            # rewrite resources/icons/ from the SVG
    python packaging/make_icons.py --check    # exit 1 if a generated file is missing or has the wrong size

Draws ``hicolor/scalable/apps/org.medjournal.MedJournal.svg`` (and, for 16 and 24 px, the simplified
``org.medjournal.MedJournal-small.svg``) and writes, in resources/icons/:

- ``hicolor/<N>x<N>/apps/org.medjournal.MedJournal.png`` for N in 16 24 32 48 64 128 256 512 (the freedesktop
  icon-theme layout, so ``medjournal --install-desktop`` copies the tree as it is);
- ``org.medjournal.MedJournal.ico`` (Windows: PNG-compressed entries 16-256, valid since Windows Vista);
- ``org.medjournal.MedJournal.icns`` (macOS: PNG entries 16-1024, including the @2x types).

Only Qt (already a dependency) is needed: QtSvg draws the SVG and the two container formats are written by
hand, so no Pillow, Inkscape or iconutil is required on the machine that regenerates them.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

APP_ID = "org.medjournal.MedJournal"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (ic11-ic14 are the @2x types).
ICNS_TYPES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic10", 1024),
    ("ic11", 32),
    ("ic12", 64),
    ("ic13", 256),
    ("ic14", 512),
)

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
SVG_SOURCE = ICON_DIR / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
# A simplified drawing on a 16 px grid (no written lines, a bolder capsule) for the smallest sizes, where the
# full drawing blurs; it is a source only and is not installed.
SMALL_SVG_SOURCE = ICON_DIR / f"{APP_ID}-small.svg"
SMALL_MAX = 24


def png_path(size: int, icon_dir: Path = ICON_DIR) -> Path:
    return icon_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"Error: {svg} is not an SVG that Qt can draw.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (ICONDIR + ICONDIRENTRY per size, then the data)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        edge = 0 if size >= 256 else size  # 0 means 256 in the one-byte width/height fields
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def build_icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' + total length, then (type, length, PNG data) elements, big-endian."""
    body = b""
    for kind, size in ICNS_TYPES:
        blob = pngs[size]
        body += kind.encode("ascii") + struct.pack(">I", len(blob) + 8) + blob
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def png_dimensions(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def generate(
    svg: Path = SVG_SOURCE, icon_dir: Path = ICON_DIR, small_svg: Path = SMALL_SVG_SOURCE
) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    # QPainter needs a QGuiApplication for fonts and the platform plugin, even on a QImage.
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    del app
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: render_png(small_svg if size <= SMALL_MAX else svg, size) for size in sizes}
    written = []
    for size in PNG_SIZES:
        path = png_path(size, icon_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    ico = icon_dir / f"{APP_ID}.ico"
    ico.write_bytes(build_ico({size: pngs[size] for size in ICO_SIZES}))
    icns = icon_dir / f"{APP_ID}.icns"
    icns.write_bytes(build_icns(pngs))
    return [*written, ico, icns]


def check(icon_dir: Path = ICON_DIR) -> list[str]:
    """Problems with the generated files (empty when all are present with the right pixel sizes)."""
    problems = []
    for size in PNG_SIZES:
        path = png_path(size, icon_dir)
        if not path.is_file():
            problems.append(f"missing {path}")
        elif png_dimensions(path.read_bytes()) != (size, size):
            problems.append(f"{path} is not {size}x{size}")
    for suffix, magic in ((".ico", b"\x00\x00\x01\x00"), (".icns", b"icns")):
        path = icon_dir / f"{APP_ID}{suffix}"
        if not path.is_file() or path.read_bytes()[:4] != magic:
            problems.append(f"missing or damaged {path}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the generated files are there")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(f"Error: {problem}", file=sys.stderr)
        return 1 if problems else 0
    for path in generate():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
