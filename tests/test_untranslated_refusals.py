"""A guard against English that reaches a person around the translation system (docs/translating.md,
"Refusals of the journal file"): a sentence raised in an exception, or returned as a message, written as a plain
literal or f-string instead of through ``_()`` (or ``N_()``, translated where it is shown).

The scan reads the source of storage/, domain/ and cli/ (ast, nothing is imported) and fails on:

- ``raise SomeError("…")`` / ``raise SomeError(f"…")`` / ``raise SomeError("…".format(…))``, and the same inside
  a concatenation, when the text is a sentence (three words or more) outside ``_()``; an error a person never
  sees (``RuntimeError``, ``ValueError`` and the other built-in programming errors) is a bug's report and may
  stay English;
- ``return "…"`` / ``return f"…"`` of a sentence from a function that returns ``str`` (a message), unless
  the module marks that text with ``N_()`` (a key, translated where it is shown);
- a :class:`~medjournal.storage.file_problem.Sentence` whose text is not marked with ``N_()``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "medjournal"
SCANNED = ("storage", "domain", "cli")
TRANSLATING = {"_", "N_", "ngettext", "pgettext", "count_of"}
# Errors that report a bug to a developer (and the log), never a refusal a person reads.
PROGRAMMING_ERRORS = {
    "AssertionError",
    "AttributeError",
    "FrozenInstanceError",  # a change to a frozen record (domain/value.py), as the dataclass raises it
    "ImportError",
    "KeyError",
    "LookupError",
    "NotImplementedError",
    "RuntimeError",
    "TypeError",
    "ValueError",
}
WORD = re.compile(r"[A-Za-z]{2,}")
SQL = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|WITH)\b")
# Texts that are names rather than sentences, with where they are and why they stay as they are.
KNOWN = {
    ("domain/csv_read.py", "UTF-8 with BOM"): "an encoding's technical name, shown as the import reads it",
}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        return _name(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _text(node: ast.AST) -> str | None:
    """The literal words of a string or f-string node (placeholders left out), None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    return None


def _is_sentence(text: str) -> bool:
    """Three words or more, apart (not an identifier like ``self_harm_thoughts``, a path or a format), and
    not SQL."""
    return sum(1 for part in text.split() if WORD.search(part)) >= 3 and not SQL.match(text)


def untranslated(node: ast.AST) -> Iterator[str]:
    """The sentences written as literals in ``node`` that no call of ``_()`` (or the like) encloses."""
    if isinstance(node, ast.Call) and _name(node.func) in TRANSLATING:
        return
    text = _text(node)
    if text is not None:
        if _is_sentence(text):
            yield text
        return
    for child in ast.iter_child_nodes(node):
        yield from untranslated(child)


def _returns_str(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return function.returns is not None and "str" in re.findall(r"\w+", ast.unparse(function.returns))


def marked_texts(source: str) -> set[str]:
    """The texts ``source`` marks with ``N_()``: keys translated where they are shown (a response category, a
    field's name in domain/validation.py)."""
    return {
        text
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and _name(node.func) == "N_" and node.args
        for text in [_text(node.args[0])]
        if text is not None
    }


def problems(source: str, where: str, marked: frozenset[str] = frozenset()) -> Iterator[str]:
    """What the scan finds in one module's ``source``, each named by ``where`` and its line; a returned text
    in ``marked`` is a key, translated where it is shown."""
    tree = ast.parse(source, where)
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            if _name(node.exc) in PROGRAMMING_ERRORS:
                continue
            for argument in [*node.exc.args, *(k.value for k in node.exc.keywords)]:
                for text in untranslated(argument):
                    yield f"{where}:{node.lineno}: raised untranslated: {text!r}"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _returns_str(node):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    for returned in untranslated(inner.value):
                        if returned not in marked and (where, returned) not in KNOWN:
                            yield f"{where}:{inner.lineno}: returned untranslated: {returned!r}"
        elif isinstance(node, ast.Call) and _name(node.func) == "Sentence":
            for argument in node.args:
                if (plain := _text(argument)) is not None:
                    yield f"{where}:{node.lineno}: a Sentence's text without N_(): {plain!r}"


def scanned_files() -> list[Path]:
    return sorted(path for folder in SCANNED for path in (SRC / folder).rglob("*.py"))


def test_no_refusal_reaches_a_person_in_english_around_the_translation_system() -> None:
    sources = {path.relative_to(SRC).as_posix(): path.read_text(encoding="utf-8") for path in scanned_files()}
    marked = frozenset(text for source in sources.values() for text in marked_texts(source))
    found = [problem for where, source in sources.items() for problem in problems(source, where, marked)]
    assert found == []


def test_the_scan_finds_each_kind_it_is_meant_to_find() -> None:
    """The scan's own check: it sees a raised f-string, a raised .format() and a returned message, and lets
    ``_()``, ``N_()``, a programming error and a short token pass."""
    source = """
from medjournal.i18n import N_, _
def refuse(path):
    raise JournalFileError(f"The journal {path} is damaged.")
def refuse_later(path):
    raise JournalFileError("The journal {path} is damaged.".format(path=path))
def why(path) -> str | None:
    return None if path else f"The journal {path} is busy."
def fine(path) -> str:
    if path:
        raise JournalFileError(_("The journal {path} is damaged.").format(path=path))
    if not path:
        raise RuntimeError(f"indexes made after {path} need a transaction")
    return "-wal"
TEXT = Sentence(Reason.BUSY, "The journal {path} is busy.")
MARKED = Sentence(Reason.BUSY, N_("The journal {path} is busy."))
"""
    found = sorted(problems(source, "example.py"), key=lambda line: int(line.split(":")[1]))
    assert [line.split(": ", 1)[1].split(":")[0] for line in found] == [
        "raised untranslated",
        "raised untranslated",
        "returned untranslated",
        "a Sentence's text without N_()",
    ], found
