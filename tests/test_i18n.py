"""One translation system: gettext catalogues kept by Babel, plural rules, locale formats, the pseudo-locale."""

from __future__ import annotations

import importlib.util
import threading
from datetime import date, time
from pathlib import Path

import pytest

from medjournal import i18n
from medjournal.i18n import _, format_date, format_decimal, format_time, ngettext, parse_decimal, use_language

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def _translations_tool():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "packaging" / "translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogues_are_in_step_with_the_source() -> None:
    """A new or changed message without `python packaging/translations.py update` and `compile` fails here."""
    assert _translations_tool().problems() == []


def test_german_is_complete() -> None:
    tool = _translations_tool()
    catalog = tool._read(ROOT / "src/medjournal/locale/de/LC_MESSAGES/medjournal.po", locale="de")
    untranslated = [
        m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    assert untranslated == []
    assert "de" in i18n.available_languages()


def test_the_language_follows_the_setting_and_falls_back() -> None:
    assert i18n.set_language("de") == "de"
    assert _("Keyboard") == "Tastatur"
    assert i18n.set_language("de_AT") == "de"
    assert i18n.set_language("xx_YY") == "en"
    assert _("Keyboard") == "Keyboard"
    assert i18n.set_language(None) == "en"


def test_a_block_in_another_language_leaves_other_threads_alone() -> None:
    i18n.set_language("en")
    seen: list[str] = []
    with use_language("de"):
        worker = threading.Thread(target=lambda: seen.append(_("Keyboard")))
        worker.start()
        worker.join()
        assert _("Keyboard") == "Tastatur"
    assert seen == ["Keyboard"]
    assert _("Keyboard") == "Keyboard"


def test_plurals_follow_the_language_rules() -> None:
    with use_language("en"):
        assert ngettext("{n} day", "{n} days", 1).format(n=1) == "1 day"
        assert ngettext("{n} day", "{n} days", 0).format(n=0) == "0 days"


def test_dates_and_numbers_in_the_language_in_use() -> None:
    day = date(2026, 3, 15)
    with use_language("de"):
        assert format_date(day, "full") == "Sonntag, 15. März 2026"
        assert format_decimal(7.5) == "7,5"
        assert format_decimal(1234.56, 2) == "1.234,56"
        assert format_time(time(20, 5)) == "20:05"
        assert parse_decimal("7,5") == 7.5
        assert parse_decimal("7.5") == 7.5  # a plain point is always understood
    with use_language("en"):
        assert format_date(day, "full") == "Sunday, March 15, 2026"
        assert format_decimal(7.5) == "7.5"
        assert format_decimal(7.0) == "7"
        assert parse_decimal("7.5") == 7.5
        with pytest.raises(ValueError):
            parse_decimal("seven")


def test_a_regional_locale_keeps_its_own_formats() -> None:
    with use_language("en_GB"):
        assert i18n.language() == "en"
        assert format_date(date(2026, 3, 15), "short") == "15/03/2026"
    with use_language("de_CH"):
        assert _("Keyboard") == "Tastatur"
        assert i18n.formatting_locale() == "de_CH"
    with use_language("fr_FR"):  # no French catalogue: English texts, English formats
        assert i18n.language() == "en" and i18n.formatting_locale() == "en"


def test_the_system_language_comes_from_the_environment() -> None:
    assert i18n.system_language({"LC_ALL": "de_DE.UTF-8", "LANG": "en_GB.UTF-8"}) == "de_DE"
    assert i18n.system_language({"LANG": "C"}) == "en"


def test_pseudo_locale_marks_every_translated_text_and_keeps_placeholders() -> None:
    text = i18n.pseudo("Saved {count} entries at %s <b>now</b>")
    assert text.startswith("⟦") and text.endswith("⟧")
    assert "{count}" in text and "%s" in text and "<b>" in text and "</b>" in text
    assert len(text) >= len("Saved {count} entries at %s <b>now</b>") * 1.4
    with use_language(i18n.PSEUDO):
        assert _("Keyboard").startswith("⟦Kéÿbõàrd")
