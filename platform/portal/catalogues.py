"""The portal's message catalogues: Vietnamese source strings, an English translation.

The msgids are Vietnamese (every `_()` and `{% translate %}` of the project). `locale/en` holds
the English translation of each; `locale/vi` holds the Vietnamese one (the msgid itself, filled
in automatically) so that plural forms and contexts follow Vietnamese rules (one form). The
`.mo` files are committed beside their `.po`, like cms/locale (the image and a plain `pip install`
need no gettext tools); `make messages` (`manage.py messages`) rebuilds everything:

    extract(LOCALE_DIR)            # makemessages over the project's apps, for vi and en
    fill_vietnamese(po_file("vi")) # msgstr = msgid, never fuzzy
    compile_catalogue(po_file(..)) # msgfmt --check → .mo
    to_translate(po_file("en"))    # what a translator still has to write

Not extracted: the legal slips and reports (documents/slips, scoreboard/report.html), which are
Vietnamese by law and carry no translation tags. The built-in procedures' texts are extracted
from their `gettext_noop` marks (procedure_plugins/builtins/, docs/plugins.md §3a).
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import tempfile
from contextlib import chdir
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

LANGUAGES = ("vi", "en")
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
# Folders makemessages must not read: installed packages, data, Wagtail overrides (their msgids
# are Wagtail's English ones, kept apart in cms/locale), the plugin scaffold's templates.
IGNORE_PATTERNS = [
    ".venv",
    "node_modules",
    "var",
    "cms/locale",
    "procedure_plugins/scaffold",
    "benchmarks",
    "docs",
]
# `%(name)s`, `%s`, `%d`, `{name}`, `{{ name }}`: what a translation must keep, exactly.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdf]|%[sd]|\{\{?\s*[a-z_.]*\s*\}?\}")


@dataclass
class Entry:
    """One message of a `.po` file."""

    msgid: str
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr) and not self.fuzzy


def po_file(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


def _unquote(text: str) -> str:
    return text.strip()[1:-1].encode("raw_unicode_escape").decode("unicode_escape")


def read_po(path: Path) -> list[Entry]:
    """The messages of a `.po` file (the header and obsolete `#~` entries left out)."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        fields: dict[str, str] = {}
        current = ""
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                fields[current] += _unquote(line)
            else:
                current, _, value = line.partition(" ")
                fields[current] = _unquote(value)
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        strings = [fields[k] for k in sorted(fields) if k.startswith("msgstr")]
        entries.append(
            Entry(
                msgid=fields["msgid"],
                msgid_plural=fields.get("msgid_plural", ""),
                msgctxt=fields.get("msgctxt"),
                msgstr=strings,
                fuzzy=fuzzy,
            )
        )
    return entries


def extract(locale_dir: Path = LOCALE_DIR, *, source: Path | None = None) -> None:
    """makemessages over the project's apps into `locale_dir` (created or merged).

    makemessages reads the tree from the working directory and writes next to the first
    `locale` folder above each file, so a check that must not touch the project's catalogues
    runs in a `source` folder of links to the project's files (`extract_into_temporary_copy`).
    """
    locale_dir.mkdir(parents=True, exist_ok=True)
    with override_settings(LOCALE_PATHS=[str(locale_dir)]), chdir(source or settings.BASE_DIR):
        call_command(
            "makemessages",
            locale=list(LANGUAGES),
            ignore_patterns=IGNORE_PATTERNS,
            add_location="file",
            no_obsolete=True,
            symlinks=source is not None,
            verbosity=0,
        )


def extract_into_temporary_copy() -> tuple[Path, tempfile.TemporaryDirectory]:
    """The catalogues as `make messages` would leave them, without touching the project's."""
    holder = tempfile.TemporaryDirectory(prefix="portal-messages-")
    source = Path(holder.name) / "source"
    source.mkdir()
    project = Path(settings.BASE_DIR)
    for entry in project.iterdir():
        if entry.name not in {"locale", ".git", *IGNORE_PATTERNS}:
            (source / entry.name).symlink_to(entry)
    target = source / "locale"
    if LOCALE_DIR.exists():
        shutil.copytree(LOCALE_DIR, target)
    extract(target, source=source)
    return target, holder


def fill_vietnamese(path: Path) -> None:
    """The Vietnamese catalogue translates each msgid by itself (one plural form); msgmerge's
    fuzzy guesses and previous msgids are dropped. The header is kept."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    filled = [blocks[0]] + [_identity(block) for block in blocks[1:]]
    path.write_text("\n\n".join(filled), encoding="utf-8")


def _identity(block: str) -> str:
    lines = block.split("\n")
    comments = [
        line.replace(", fuzzy", "") if line.startswith("#,") else line
        for line in lines
        if line.startswith("#") and not line.startswith(("#|", "#~"))
    ]
    comments = [line for line in comments if line != "#,"]
    body = [line for line in lines if not line.startswith("#")]
    if not any(line.startswith("msgid ") for line in body):
        return block
    start = next(i for i, line in enumerate(body) if line.startswith("msgid "))
    end = next(i for i, line in enumerate(body) if line.startswith(("msgid_plural ", "msgstr")))
    translated = next(i for i, line in enumerate(body) if line.startswith("msgstr"))
    context = body[:start]
    msgid = body[start:end]
    plural = body[end:translated]
    translation = ("msgstr[0] " if plural else "msgstr ") + msgid[0][len("msgid ") :]
    return "\n".join([*comments, *context, *msgid, *plural, translation, *msgid[1:]])


def compile_catalogue(path: Path) -> None:
    subprocess.run(["msgfmt", "--check", "-o", str(path.with_suffix(".mo")), str(path)], check=True)


def to_translate(path: Path) -> list[Entry]:
    """Messages without a translation, or with msgmerge's fuzzy guess still to be checked."""
    return [entry for entry in read_po(path) if not entry.translated]


def placeholder_mismatches(path: Path) -> list[Entry]:
    """Translations that lost, added or renamed a placeholder of their msgid."""
    wrong = []
    for entry in read_po(path):
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for index, text in enumerate(entry.msgstr):
            # A singular form may name the count in words ("one application").
            if entry.msgid_plural and index == 0:
                continue
            if text and sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append(entry)
                break
    return wrong


def compiled_differences(path: Path) -> list[str]:
    """Msgids whose compiled `.mo` translation differs from the `.po` (a stale `.mo`)."""
    with path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    differences = []
    for entry in read_po(path):
        if not entry.translated:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            values = [compiled.get((key, index)) for index in range(len(entry.msgstr))]
        else:
            values = [compiled.get(key)]
        if values != entry.msgstr:
            differences.append(entry.msgid)
    return differences
