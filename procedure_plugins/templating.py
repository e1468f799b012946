"""Templates that live inside a plugin package (result documents, blank forms).

A plugin installed with pip is not a Django app, so Django's app loader does not see its
templates/ folder. Each plugin gets an engine whose search path is its own templates/ folder first,
then the portal's (so `{% extends "base.html" %}` and `{% load i18n %}` work as usual).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template import Context, Engine, TemplateDoesNotExist

from .contract import BlankForm, ProcedurePlugin


def plugin_dir(plugin: type[ProcedurePlugin]) -> Path:
    module = sys.modules[plugin.__module__]
    return Path(module.__file__ or ".").resolve().parent


@lru_cache(maxsize=128)
def _engine(directory: Path) -> Engine:
    options = settings.TEMPLATES[0]
    return Engine(
        dirs=[str(directory / "templates"), *[str(d) for d in options.get("DIRS", [])]],
        app_dirs=True,
        libraries={},
        builtins=["django.templatetags.i18n", "django.templatetags.l10n"],
    )


def render_plugin_template(
    plugin: type[ProcedurePlugin], template_name: str, context: dict[str, Any]
) -> str:
    template = _engine(plugin_dir(plugin)).get_template(template_name)
    return template.render(Context({"plugin": plugin, **context}))


def template_exists(plugin: type[ProcedurePlugin], template_name: str) -> bool:
    try:
        _engine(plugin_dir(plugin)).get_template(template_name)
    except TemplateDoesNotExist:
        return False
    return True


def blank_form_lines(schema: dict[str, Any], depth: int = 0) -> list[dict[str, Any]]:
    """The fields of a form schema as printable lines (for a blank paper form)."""
    lines: list[dict[str, Any]] = []
    for child in schema.get("properties", {}).values():
        if not isinstance(child, dict):
            continue
        title = child.get("title", "")
        if child.get("type") == "object" and child.get("x-widget") != "address":
            lines.append({"kind": "group", "title": title, "depth": depth})
            lines += blank_form_lines(child, depth + 1)
        elif child.get("x-widget") == "repeat":
            lines.append({"kind": "group", "title": title, "depth": depth})
            lines += blank_form_lines(child.get("items", {}), depth + 1)
        else:
            options = [o.get("title", "") for o in child.get("oneOf", [])]
            options += [o.get("title", "") for o in child.get("items", {}).get("oneOf", [])]
            if child.get("type") == "boolean":
                options = list(child.get("x-labels", ["Có", "Không"]))
            lines.append({"kind": "field", "title": title, "depth": depth, "options": options})
    return lines


@lru_cache(maxsize=64)
def _blank_form_pdf(plugin: type[ProcedurePlugin], blank: BlankForm) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - heavy, only when a PDF is rendered

    html = render_plugin_template(
        plugin, blank.template, {"blank": blank, "lines": blank_form_lines(plugin.schema)}
    )
    return HTML(string=html, base_url=str(plugin_dir(plugin))).write_pdf()


class Specimen(str):
    """Every answer of a result specimen: a dotted blank, whatever the template asks for.

    `{{ answers.me.ho_ten }}` renders "…………", `{% for child in answers.tre %}` runs once, so
    the specimen has the layout of a real result with nothing personal in it.
    """

    BLANK = "…………………"

    def __new__(cls) -> Specimen:
        return super().__new__(cls, cls.BLANK)

    def __getitem__(self, key: Any) -> Specimen:  # type: ignore[override]
        return Specimen()

    def __getattr__(self, name: str) -> Specimen:
        if name.startswith("__"):
            raise AttributeError(name)
        return Specimen()

    def __iter__(self):  # type: ignore[override]
        yield Specimen()


@lru_cache(maxsize=64)
def result_specimen_pdf(plugin: type[ProcedurePlugin], key: str) -> bytes:
    """The result document `key` as a PDF specimen (mẫu kết quả) for the procedure page,
    rendered from the plugin's own result template with blanks; once per plugin version.

    Raises KeyError for a key the plugin does not declare.
    """
    from documents.pdf import html_to_pdf  # noqa: PLC0415 - heavy (weasyprint), only when a specimen is rendered

    template = plugin.result_templates[key]
    html = render_plugin_template(
        plugin,
        template,
        {"answers": Specimen(), "dossier": Specimen(), "code": Specimen(), "specimen": True},
    )
    return html_to_pdf(html)


def blank_form_file(plugin: type[ProcedurePlugin], blank: BlankForm) -> tuple[bytes, str, str]:
    """(content, content type, file name) of a blank form to download.

    A template is rendered to PDF once per plugin version and kept in memory.
    """
    stem = blank.file.rsplit("/", 1)[-1] if blank.file else f"{plugin.code}-mau.pdf"
    if blank.file:
        path = (plugin_dir(plugin) / blank.file).resolve()
        if plugin_dir(plugin) not in path.parents:
            raise FileNotFoundError(blank.file)
        content_type = {
            ".pdf": "application/pdf",
            ".doc": "application/msword",
            ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".odt": "application/vnd.oasis.opendocument.text",
        }.get(path.suffix.lower(), "application/octet-stream")
        return path.read_bytes(), content_type, stem
    return _blank_form_pdf(plugin, blank), "application/pdf", stem
