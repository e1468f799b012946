"""The message catalogues hold every string of the source, each one translated, placeholders
kept, compiled. A failure here names the messages and the fix: `make messages`, then translate
what it lists in locale/en/LC_MESSAGES/django.po (README, "Languages")."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal import catalogues
from tests.support import require_tool

FIX = "run `make messages` and translate what it lists (README, 'Languages')"


@pytest.fixture(scope="module", autouse=True)
def gettext_tools():
    """makemessages and the checks use GNU gettext (scripts/system-deps.sh installs it)."""
    for command in ("xgettext", "msgmerge", "msgfmt"):
        require_tool(command, package="gettext")


@pytest.fixture(scope="module")
def extracted():
    """The catalogues as `make messages` would leave them, in a temporary copy."""
    target, holder = catalogues.extract_into_temporary_copy()
    yield target
    holder.cleanup()


@pytest.mark.parametrize("language", catalogues.LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    pending = catalogues.to_translate(catalogues.po_file(language))
    assert not pending, f"{len(pending)} untranslated or fuzzy in {language}: " + "; ".join(
        repr(entry.msgid) for entry in pending[:20]
    )


@pytest.mark.parametrize("language", catalogues.LANGUAGES)
def test_the_catalogue_holds_exactly_the_messages_of_the_source(language, extracted):
    committed = {entry.key for entry in catalogues.read_po(catalogues.po_file(language))}
    current = {entry.key for entry in catalogues.read_po(catalogues.po_file(language, extracted))}
    new = sorted(msgid for _, msgid in current - committed)
    gone = sorted(msgid for _, msgid in committed - current)
    assert not new, f"{len(new)} message(s) of the source not in {language}: {new[:20]}; {FIX}"
    assert not gone, f"{len(gone)} message(s) no longer in the source, in {language}: {gone[:20]}"


@pytest.mark.parametrize("language", catalogues.LANGUAGES)
def test_translations_keep_the_placeholders(language):
    wrong = catalogues.placeholder_mismatches(catalogues.po_file(language))
    assert not wrong, [(entry.msgid, entry.msgstr) for entry in wrong[:10]]


@pytest.mark.parametrize("language", catalogues.LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language):
    stale = catalogues.compiled_differences(catalogues.po_file(language))
    assert not stale, f"django.mo is older than django.po in {language}: {stale[:10]}; {FIX}"


def test_the_checks_catch_an_untranslated_a_fuzzy_and_a_broken_message(tmp_path: Path):
    """The checks above would fail on each kind of fault (they are not vacuous)."""
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Tra cứu"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "Trang %(n)s"\nmsgstr "Page %(n)s"\n\n'
        '#, python-format\nmsgid "Đã giao hồ sơ %(code)s."\nmsgstr "Application assigned."\n\n'
        'msgid "Có"\nmsgstr "Yes"\n',
        encoding="utf-8",
    )
    assert [entry.msgid for entry in catalogues.to_translate(po)] == ["Tra cứu", "Trang %(n)s"]
    assert [entry.msgid for entry in catalogues.placeholder_mismatches(po)] == [
        "Đã giao hồ sơ %(code)s."
    ]


def test_the_vietnamese_catalogue_is_filled_from_its_msgids(tmp_path: Path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        '#, fuzzy\n#| msgid "Cũ"\nmsgid "Mới"\nmsgstr "Cũ"\n\n'
        '#, python-format\nmsgid "%(n)s hồ sơ"\nmsgid_plural "%(n)s hồ sơ"\nmsgstr[0] ""\n',
        encoding="utf-8",
    )
    catalogues.fill_vietnamese(po)
    entries = {entry.msgid: entry for entry in catalogues.read_po(po)}
    assert entries["Mới"].msgstr == ["Mới"] and not entries["Mới"].fuzzy
    assert entries["%(n)s hồ sơ"].msgstr == ["%(n)s hồ sơ"]
    catalogues.compile_catalogue(po)  # msgfmt --check accepts it
