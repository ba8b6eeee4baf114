"""The rules live in the repository (docs/contributing.md §4): every document that code, tests, data or docs cite
is a file of this repository, and every numbered section they cite exists in it."""

from __future__ import annotations

import os
import re
from pathlib import Path

SELF = Path(__file__).resolve()  # its own examples of bad citations are data
ROOT = SELF.parents[1]
SKIPPED_DIRS = {"venv", "build", "dist", "__pycache__", "node_modules"}  # and hidden ones but .ci
TEXT_SUFFIXES = {
    ".py",
    ".md",
    ".json",
    ".toml",
    ".txt",
    ".sh",
    ".cfg",
    ".ini",
    ".xml",
    ".desktop",
    ".spec",
    "",
}
# Names of documents that a test uses on purpose because no such document exists.
DELIBERATELY_MISSING = {"https-nothing.md"}

DOCUMENT = re.compile(r"(?<![\w/:.-])((?:[\w.-]+/)*[\w-]+\.md)\b")
SECTION = re.compile(r"\b((?:docs/)?(?:clinical|design|contributing)\.md) §(\d+)(?:\.(\d+)| item (\d+))?")


def _text_files(root: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [
            d
            for d in dirs
            if d == ".ci" or not (d in SKIPPED_DIRS or d.startswith(".") or d.endswith(".egg-info"))
        ]
        for name in files:
            path = Path(folder, name)
            if path.suffix in TEXT_SUFFIXES and path != SELF and path.stat().st_size < 1_000_000:
                found.append(path)
    return found


def _resolves(root: Path, citing: Path, name: str) -> bool:
    if name in DELIBERATELY_MISSING:
        return True
    candidates = [root / name, citing.parent / name, root / "docs" / name]
    return any(candidate.is_file() for candidate in candidates)


def _section_exists(document: str, number: int, sub: int | None) -> bool:
    lines = document.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"## {number}. ")), None)
    if start is None:
        return False
    if sub is None:
        return True
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    body = lines[start + 1 : end]
    return any(line.startswith((f"**{number}.{sub}", f"{sub}. ")) for line in body)


def citation_problems(root: Path) -> list[str]:
    """Each citation of a missing document or section, as ``file:line: what``."""
    problems = []
    for path in _text_files(root):
        text = path.read_text(encoding="utf-8", errors="replace")
        where = path.relative_to(root)
        for number, line in enumerate(text.splitlines(), start=1):
            for match in DOCUMENT.finditer(line):
                if not _resolves(root, path, match.group(1)):
                    problems.append(
                        f"{where}:{number}: cites {match.group(1)}, which this repository does not hold"
                    )
            for match in SECTION.finditer(line):
                name = match.group(1).removeprefix("docs/")
                target = root / "docs" / name
                sub = match.group(3) or match.group(4)
                if target.is_file() and not _section_exists(
                    target.read_text(encoding="utf-8"), int(match.group(2)), int(sub) if sub else None
                ):
                    problems.append(
                        f"{where}:{number}: cites {match.group(0)}, which docs/{name} does not have"
                    )
    return problems


def test_every_cited_document_and_section_is_in_the_repository() -> None:
    assert citation_problems(ROOT) == []


def test_a_citation_of_an_outside_document_is_found(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "clinical.md").write_text("# Rules\n\n## 5. Response\n\n**5.2 Windows.** ...\n")
    (tmp_path / "docs" / "methods.md").write_text("See [clinical.md §5.2](clinical.md) and clinical.md §5.\n")
    (tmp_path / "code.py").write_text(
        '"""The rule of CLINICAL.md section 5 (docs/clinical.md §5.3, §6)."""\n'
    )
    assert citation_problems(tmp_path) == [
        "code.py:1: cites CLINICAL.md, which this repository does not hold",
        "code.py:1: cites docs/clinical.md §5.3, which docs/clinical.md does not have",
    ]


def test_the_rules_documents_have_numbered_sections() -> None:
    for name, first, last in (("clinical.md", 1, 7), ("design.md", 1, 6), ("contributing.md", 1, 6)):
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        for number in range(first, last + 1):
            assert _section_exists(text, number, None), (name, number)
