"""`manage.py enable_procedure`: provincial IT offers procedures on localities' portals.

manage.py enable_procedure 1.001193 --locality 11074            # one commune (code or host)
manage.py enable_procedure 1.000894 --province 31 --level commune  # every commune of Hải Phòng
manage.py enable_procedure 2.000720 --locality 11074 --time 2 --fee 50000
manage.py enable_procedure 1.001193 --locality 11074 --disable
manage.py enable_procedure --all --demo                         # every plugin, demo localities
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.models import Q

from procedure_plugins.models import ProcedureOffering
from procedure_plugins.registry import register
from procedure_plugins.services import (
    offering_disable,
    offering_enable,
    offering_set_local_values,
    offerings_enable_for_level,
)
from tenants.choices import Dataset, Level
from tenants.demo import DEMO_UNITS
from tenants.models import Locality


class Command(BaseCommand):
    help = "Bật (hoặc tắt) thủ tục cho đơn vị, hoặc cho mọi đơn vị một cấp trong tỉnh."

    def add_arguments(self, parser) -> None:
        parser.add_argument("codes", nargs="*", help="Mã thủ tục")
        parser.add_argument("--all", action="store_true", help="Mọi thủ tục đã cài đặt")
        parser.add_argument(
            "--locality", action="append", default=[], help="Mã đơn vị hoặc tên miền"
        )
        parser.add_argument("--province", help="Mã tỉnh, thành phố")
        parser.add_argument(
            "--level", choices=[Level.PROVINCE, Level.COMMUNE], default=Level.COMMUNE
        )
        parser.add_argument("--demo", action="store_true", help="Các đơn vị demo")
        parser.add_argument("--disable", action="store_true", help="Tắt thay vì bật")
        parser.add_argument("--time", type=int, help="Thời hạn giải quyết riêng của đơn vị")
        parser.add_argument("--fee", type=int, help="Mức phí, lệ phí riêng của đơn vị (đồng)")

    def _say(self, text: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(text)

    def handle(self, *args, **options) -> None:
        self.verbosity = options["verbosity"]
        _require_migrated_database()
        codes = register.codes() if options["all"] else options["codes"]
        if not codes:
            raise CommandError("Chưa nêu mã thủ tục (hoặc --all).")
        try:
            if options["province"]:
                self._by_level(codes, options)
            else:
                self._by_locality(codes, self._localities(options), options)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _localities(self, options) -> list[Locality]:
        if options["demo"]:
            wanted = {code for pair in DEMO_UNITS for code in pair}
            return list(Locality.objects.filter(code__in=wanted, dataset=Dataset.CURRENT))
        found = []
        for key in options["locality"]:
            unit = (
                Locality.objects.filter(Q(domains__domain=key.lower()) | Q(code=key))
                .exclude(level=Level.NATIONAL)
                .order_by("dataset")
                .first()
            )
            if unit is None:
                raise CommandError(f"Không tìm thấy đơn vị “{key}”.")
            found.append(unit)
        if not found:
            raise CommandError("Chưa nêu đơn vị: --locality, --province hoặc --demo.")
        return found

    def _by_locality(self, codes, localities, options) -> None:
        for unit in localities:
            for code in codes:
                if options["disable"]:
                    offering_disable(locality=unit, code=code)
                    self._say(f"Đã tắt {code} tại {unit.name}")
                    continue
                plugin = register.get(code) if code in register else None
                if options["demo"] and plugin is not None and unit.level not in plugin.levels:
                    continue
                offering = offering_enable(locality=unit, code=code)
                if options["time"] is not None or options["fee"] is not None:
                    offering_set_local_values(
                        offering=offering,
                        processing_time_amount=options["time"],
                        fee_amount=options["fee"],
                    )
                self._say(f"Đã bật {code} tại {unit.name}")

    def _by_level(self, codes, options) -> None:
        province = Locality.objects.filter(
            code=options["province"], level=Level.PROVINCE, dataset=Dataset.CURRENT
        ).first()
        if province is None:
            raise CommandError(f"Không tìm thấy tỉnh, thành phố mã {options['province']}.")
        for code in codes:
            offerings = offerings_enable_for_level(
                province=province, level=options["level"], code=code
            )
            self._say(f"Đã bật {code} tại {len(offerings)} đơn vị của {province.name}")


def _require_migrated_database() -> None:
    """A clear message instead of a traceback on a database that is unreachable or not migrated
    (a fresh checkout before `make migrate`)."""
    try:
        tables = set(connection.introspection.table_names())
    except DatabaseError as error:
        raise CommandError(
            f"Không kết nối được cơ sở dữ liệu ({error}). Kiểm tra DATABASE_URL rồi thử lại."
        ) from error
    if not {Locality._meta.db_table, ProcedureOffering._meta.db_table} <= tables:
        raise CommandError(
            "Cơ sở dữ liệu chưa được khởi tạo: hãy chạy `make migrate` (hoặc "
            "`.venv/bin/python manage.py migrate_schemas`) rồi chạy lại lệnh này."
        )
