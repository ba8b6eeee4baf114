"""Keep the translation catalogues in step with the source (Babel's extraction and compilation).

    python packaging/translations.py update     # extract messages into medjournal.pot, merge into every .po
    python packaging/translations.py compile    # write each .mo from its .po
    python packaging/translations.py check      # fail if the .pot, a .po or a .mo is out of date
    python packaging/translations.py init LANG  # start a new language (docs/translating.md)

Messages are extracted from src/medjournal with the gettext keywords of medjournal.i18n (_, N_, ngettext,
pgettext). The compiled .mo files are committed so that an install needs no build step; ``check`` (run by the test
suite) makes sure they say exactly what their .po files say.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "medjournal"
LOCALE = SOURCE / "locale"
TEMPLATE = LOCALE / "medjournal.pot"
# count_of (report/pdf/pdf_text.py) is ngettext with its values filled in: its 2nd and 3rd arguments are the forms.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "count_of": (2, 3)}
FIXED_DATE = datetime(2026, 1, 1)  # keeps the files stable from one run to the next


def extract() -> Catalog:
    catalog = Catalog(
        project="medjournal", charset="utf-8", creation_date=FIXED_DATE, revision_date=FIXED_DATE
    )
    methods = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        SOURCE, method_map=methods, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def po_files() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/medjournal.po"))


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    # No line numbers and a sorted order: moving a message within the source does not make the files stale.
    write_po(buffer, catalog, width=110, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def updated_po(path: Path, template: Catalog) -> bytes:
    catalog = _read(path, locale=path.parent.parent.name)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.revision_date = FIXED_DATE
    return _po_bytes(catalog)


def update() -> None:
    template = extract()
    LOCALE.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(_po_bytes(template))
    for path in po_files():
        path.write_bytes(updated_po(path, template))
    print(f"{len(template)} messages; updated {len(po_files())} catalogue(s)")


def compile_all() -> None:
    for path in po_files():
        path.with_suffix(".mo").write_bytes(_mo_bytes(_read(path, locale=path.parent.parent.name)))
        print(f"compiled {path.relative_to(ROOT)}")


def init(language: str) -> None:
    path = LOCALE / language / "LC_MESSAGES" / "medjournal.po"
    if path.exists():
        sys.exit(f"Error: {path.relative_to(ROOT)} exists already.")
    template = extract()
    catalog = Catalog(
        locale=language,
        project="medjournal",
        copyright_holder="the medjournal developers",
        msgid_bugs_address="the project's issue tracker",
        last_translator="the medjournal developers",
        language_team=language,
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
    )
    catalog.update(template, no_fuzzy_matching=True)
    path.parent.mkdir(parents=True)
    path.write_bytes(_po_bytes(catalog))
    print(f"started {path.relative_to(ROOT)}: translate it, then run update and compile")


def problems() -> list[str]:
    """What is out of date, one line each (empty when all is in step)."""
    found = []
    template = extract()
    if not TEMPLATE.is_file() or TEMPLATE.read_bytes() != _po_bytes(template):
        found.append(
            f"{TEMPLATE.relative_to(ROOT)} is out of date: run `python packaging/translations.py update`"
        )
    for path in po_files():
        if path.read_bytes() != updated_po(path, template):
            found.append(
                f"{path.relative_to(ROOT)} is out of date: run `python packaging/translations.py update`"
            )
        mo = path.with_suffix(".mo")
        catalog = _read(path, locale=path.parent.parent.name)
        if not mo.is_file() or mo.read_bytes() != _mo_bytes(catalog):
            found.append(
                f"{mo.relative_to(ROOT)} is out of date: run `python packaging/translations.py compile`"
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["update", "compile", "check", "init"])
    parser.add_argument("language", nargs="?")
    args = parser.parse_args()
    if args.command == "update":
        update()
    elif args.command == "compile":
        compile_all()
    elif args.command == "init":
        if not args.language:
            parser.error("init needs a language code, e.g. fr or pt_BR")
        init(args.language)
    else:
        found = problems()
        print("\n".join(found) or "translations are up to date")
        sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
