"""`manage.py startprocedure <code> <package_name> [--dir DIR]`: scaffold a procedure plugin.

Writes an installable package (pyproject with the entry point, plugin.py, schema.py, workflow.py,
templates/, tests/) that passes its own tests and `manage.py check` as generated.
"""

from __future__ import annotations

import keyword
import re
import sys
from importlib.util import find_spec
from pathlib import Path
from string import Template

from django.core.management.base import BaseCommand, CommandError

from procedure_plugins.registry import register
from workflows.models import Dossier
from workflows.workflow_graph import transition_table

SCAFFOLD = Path(__file__).resolve().parents[2] / "scaffold"
CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,29}$")
PACKAGE_RE = re.compile(r"^[a-z][a-z0-9_]{1,60}$")


def _camel(package: str) -> str:
    return "".join(part.capitalize() for part in package.split("_") if part)


class Command(BaseCommand):
    help = "Tạo khung một plugin thủ tục hành chính (gói Python cài đặt được)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="Mã thủ tục, ví dụ 1.001193")
        parser.add_argument("package_name", help="Tên gói Python, ví dụ tu_ky_cap_phep")
        parser.add_argument(
            "--dir", default=".", help="Thư mục đặt gói (mặc định: thư mục hiện tại)"
        )

    def handle(self, *args, code: str, package_name: str, dir: str, **options) -> None:
        if not CODE_RE.match(code):
            raise CommandError(f"Mã thủ tục “{code}” không hợp lệ (ví dụ hợp lệ: 1.001193).")
        if not PACKAGE_RE.match(package_name) or keyword.iskeyword(package_name):
            raise CommandError(
                f"Tên gói “{package_name}” không hợp lệ: chữ thường a-z, số, dấu gạch dưới, "
                "bắt đầu bằng chữ cái."
            )
        if code in register:
            raise CommandError(
                f"Mã thủ tục {code} đã có plugin: {register.versions(code)[-1].label()}."
            )
        if find_spec(package_name) is not None:
            raise CommandError(f"Đã có gói Python tên “{package_name}”; hãy chọn tên khác.")
        dist_name = package_name.replace("_", "-")
        target = Path(dir).resolve() / dist_name
        if target.exists():
            raise CommandError(f"Thư mục {target} đã tồn tại.")

        table = "[\n" + "".join(f"    {row!r},\n" for row in transition_table(Dossier)) + "]"
        values = {
            "code": code,
            "package": package_name,
            "dist_name": dist_name,
            "class_name": f"{_camel(package_name)}Dossier",
            "plugin_class": f"{_camel(package_name)}Procedure",
            "table": table,
        }
        written = []
        for source in sorted(SCAFFOLD.rglob("*.tmpl")):
            relative = source.relative_to(SCAFFOLD).with_suffix("")
            parts = [package_name if part == "package" else part for part in relative.parts]
            destination = target.joinpath(*parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(Template(source.read_text()).substitute(values))
            written.append(destination.relative_to(target))
        self.stdout.write(self.style.SUCCESS(f"Đã tạo plugin thủ tục {code} tại {target}"))
        for path in written:
            self.stdout.write(f"  {path}")
        python = _shown(Path(sys.executable))
        uv = Path(sys.executable).parent / "uv"
        install = (
            f"{_shown(uv)} pip install --python {python} -e {target}"
            if uv.exists()
            else f"{python} -m pip install -e {target}"
        )
        self.stdout.write(
            "Tiếp theo:\n"
            "  1. Sửa plugin.py, schema.py, workflow.py theo thủ tục thật (docs/plugins.md).\n"
            "  2. Cài vào môi trường của cổng, chế độ -e (sửa mã là có hiệu lực, không phải cài "
            "lại; chỉ cài lại khi đổi pyproject.toml):\n"
            f"       {install}\n"
            f"  3. Chạy kiểm thử của plugin: make test-plugin PLUGIN={target}\n"
            f"  4. {python} manage.py check\n"
            f"     {python} manage.py enable_procedure {code} --locality <mã đơn vị>"
        )


def _shown(path: Path) -> str:
    """`.venv/bin/python` when run from the checkout, the absolute path otherwise."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path.absolute())
