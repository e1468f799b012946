"""Which legal framework is in force on a date, and which template renders each slip under it.

The registry is data, not code: `templates/documents/slips/frameworks.toml` lists each framework
(its id, the date it came into force, the desk's name and one line per slip kind), and each
framework has its own directory of templates next to it. A change of law is a new directory and a
new `[[framework]]` entry; no Python changes.

Example::

    from documents.registry import default_registry

    registry = default_registry()
    framework = registry.in_force_on(date(2025, 7, 1))  # -> Framework(id="tt03-2025", ...)
    form = framework.form(SlipKind.RECEIPT)  # -> SlipForm(number="01", template="mau-01.html")

Tests build their own `SlipRegistry.from_directory(tmp_path)` to prove that a new framework
needs no code.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .slips import SlipKind

#: Where the framework directories and frameworks.toml live.
SLIPS_ROOT = Path(__file__).resolve().parent / "templates" / "documents" / "slips"
REGISTRY_FILE = "frameworks.toml"


class SlipError(Exception):
    """A slip cannot be rendered as asked; the message says why, in Vietnamese."""


class RegistryError(SlipError):
    """frameworks.toml or a framework directory is inconsistent."""


@dataclass(frozen=True)
class SlipForm:
    """One form of a framework: `SlipForm(kind=RECEIPT, number="01", template="mau-01.html")`."""

    kind: SlipKind
    number: str  # the form's number in its legal text: "01"
    title: str  # the form's title in its legal text
    template: str  # file name inside the framework's directory


@dataclass(frozen=True)
class Framework:
    """A legal framework of the one-stop desk's slips, in force from a date until the next one."""

    id: str  # also the directory name: "tt01-2018"
    title: str  # the legal texts it follows
    in_force_from: dt.date
    desk_name: str  # what the framework calls the one-stop desk
    forms: Mapping[SlipKind, SlipForm]
    directory: Path

    def form(self, kind: SlipKind | str) -> SlipForm:
        try:
            kind = SlipKind(kind)
        except ValueError:
            raise SlipError(
                _("Không có loại phiếu “%(kind)s”. Các loại phiếu: %(kinds)s.")
                % {"kind": kind, "kinds": ", ".join(SlipKind.values)}
            ) from None
        try:
            return self.forms[kind]
        except KeyError:
            raise SlipError(
                _("%(title)s không có mẫu “%(kind)s” (khung pháp lý %(framework)s).")
                % {"title": self.title, "kind": kind.label, "framework": self.id}
            ) from None

    def template_name(self, form: SlipForm) -> str:
        """The name the slip template engine knows the form by: "tt01-2018/mau-01.html"."""
        return f"{self.id}/{form.template}"

    def template_version(self, form: SlipForm) -> str:
        """Template name plus a hash of the form and the framework's shared `_*.html` files."""
        digest = hashlib.sha256()
        shared = sorted(self.directory.glob("_*.html"))
        for path in [self.directory / form.template, *shared]:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return f"{self.template_name(form)}@{digest.hexdigest()[:12]}"


class SlipRegistry:
    """The frameworks, oldest first; `in_force_on(date)` picks the one that applies."""

    def __init__(self, frameworks: list[Framework], *, root: Path) -> None:
        self.root = root
        self._frameworks = sorted(frameworks, key=lambda f: f.in_force_from)
        ids = [f.id for f in self._frameworks]
        if len(set(ids)) != len(ids):
            raise RegistryError(f"Duplicate framework ids in {root / REGISTRY_FILE}: {ids}")
        dates = [f.in_force_from for f in self._frameworks]
        if len(set(dates)) != len(dates):
            raise RegistryError(f"Two frameworks come into force on the same day: {dates}")
        for framework in self._frameworks:
            for form in framework.forms.values():
                if not (framework.directory / form.template).is_file():
                    raise RegistryError(
                        f"{framework.id}: template {form.template} is missing from "
                        f"{framework.directory}"
                    )

    @classmethod
    def from_directory(cls, root: Path) -> SlipRegistry:
        """Read `root/frameworks.toml`; each framework's templates are in `root/<id>/`."""
        try:
            data = tomllib.loads((root / REGISTRY_FILE).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise RegistryError(f"Cannot read {root / REGISTRY_FILE}: {error}") from error
        frameworks = []
        for entry in data.get("framework", []):
            try:
                framework_id = entry["id"]
                in_force_from = entry["in_force_from"]
                if not isinstance(in_force_from, dt.date) or isinstance(in_force_from, dt.datetime):
                    raise RegistryError(f"{framework_id}: in_force_from must be a TOML date")
                forms = {}
                for kind, form in entry["forms"].items():
                    slip_kind = SlipKind(kind)
                    forms[slip_kind] = SlipForm(
                        kind=slip_kind,
                        number=str(form["number"]),
                        title=form["title"],
                        template=form["template"],
                    )
                frameworks.append(
                    Framework(
                        id=framework_id,
                        title=entry["title"],
                        in_force_from=in_force_from,
                        desk_name=entry["desk_name"],
                        forms=forms,
                        directory=root / framework_id,
                    )
                )
            except (KeyError, ValueError, TypeError) as error:
                raise RegistryError(
                    f"Invalid framework entry in {root / REGISTRY_FILE}: {entry!r} ({error!r})"
                ) from error
        if not frameworks:
            raise RegistryError(f"No [[framework]] entry in {root / REGISTRY_FILE}")
        return cls(frameworks, root=root)

    def __iter__(self) -> Iterator[Framework]:
        return iter(self._frameworks)

    def get(self, framework_id: str) -> Framework:
        for framework in self._frameworks:
            if framework.id == framework_id:
                return framework
        raise SlipError(
            _("Không có khung pháp lý “%(id)s”. Các khung đã đăng ký: %(ids)s.")
            % {"id": framework_id, "ids": ", ".join(f.id for f in self._frameworks)}
        )

    def in_force_on(self, day: dt.date) -> Framework:
        """The framework in force on `day`: the latest one whose start is on or before it."""
        current = None
        for framework in self._frameworks:
            if framework.in_force_from <= day:
                current = framework
        if current is None:
            raise SlipError(
                _("Chưa có khung pháp lý nào về biểu mẫu có hiệu lực vào ngày %(day)s.")
                % {"day": day.strftime("%d/%m/%Y")}
            )
        return current


@functools.cache
def default_registry() -> SlipRegistry:
    """The registry shipped with the portal (read once per process)."""
    return SlipRegistry.from_directory(SLIPS_ROOT)
