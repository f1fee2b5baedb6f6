"""Vietnamese first, English complete: every marked string has its English, all text is NFC."""

import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries() -> list[str]:
    return PO.read_text(encoding="utf-8").split("\n\n")[1:]


def test_every_string_has_an_english_translation_and_none_is_fuzzy():
    untranslated = []
    for entry in _entries():
        if "#, fuzzy" in entry:
            untranslated.append(entry)
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', entry, re.M)
        if any(not (head + tail.replace('"', "").strip()) for head, tail in msgstrs):
            untranslated.append(entry)
    assert untranslated == []


def test_templates_translations_and_python_sources_are_nfc():
    files = [PO, *ROOT.glob("templates/**/*.html"), *ROOT.glob("guongsang/**/*.py")]
    not_nfc = [
        str(path.relative_to(ROOT))
        for path in files
        if (text := path.read_text(encoding="utf-8")) != unicodedata.normalize("NFC", text)
    ]
    assert not_nfc == []
