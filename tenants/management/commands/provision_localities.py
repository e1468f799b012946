"""`manage.py provision_localities --dataset current|legacy [--province CODE] [--workers N]`.

Creates every locality of a dataset that does not exist yet, parents first, with a progress bar.
The whole dataset is checked before anything is created. A second run creates nothing; a run
that was interrupted leaves only whole localities, and running it again creates the rest.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError, connection
from django.utils.translation import gettext as _
from tqdm import tqdm

from tenants.choices import Dataset
from tenants.database_tools import advisory_lock
from tenants.datasets import DatasetError, file_units, units_for, within_province
from tenants.provisioning import (
    ProvisionError,
    ProvisionInterrupted,
    plan_provisioning,
    provision,
)
from tenants.schema_template import (
    RUN_LOCK_KEY,
    TemplateError,
    database_label,
    template_ensure,
    template_snapshot,
)
from tenants.services import national_root_ensure

#: At most this many problems are printed; the count of the rest follows.
MAX_PROBLEMS_SHOWN = 50


def number(value: int) -> str:
    """3355 -> "3.355" (Vietnamese digit grouping)."""
    return f"{value:,}".replace(",", ".")


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = _(
        "Tạo các đơn vị hành chính (tỉnh, huyện, xã) thành cổng riêng, mỗi đơn vị một schema; "
        "bỏ qua đơn vị đã có, chạy lại được sau khi bị ngắt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dataset",
            choices=[Dataset.CURRENT, Dataset.LEGACY],
            default=Dataset.CURRENT,
            help=_(
                "current: 34 tỉnh + 3.321 xã (từ 01/07/2025); legacy: 63 tỉnh, 696 huyện, "
                "10.051 xã (đến 30/06/2025)."
            ),
        )
        parser.add_argument("--province", metavar="CODE", help=_("Chỉ tỉnh có mã này, ví dụ 31."))
        parser.add_argument(
            "--workers", type=int, default=2, help=_("Số tiến trình tạo song song (mặc định 2).")
        )
        parser.add_argument(
            "--from-file",
            type=Path,
            metavar="CSV",
            help=_(
                "Đọc danh sách đơn vị từ tệp CSV (level,code,name,division_type,slug,"
                "parent_code) thay cho dữ liệu có sẵn."
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Chỉ kiểm tra dữ liệu, không tạo gì.")
        )

    def handle(self, *args, dataset, province, workers, from_file, dry_run, **options):
        if workers < 1:
            raise CommandError(_("--workers phải từ 1 trở lên."))
        try:
            self._check_database()
            records = self._load(dataset=dataset, province=province, from_file=from_file)
            with advisory_lock(RUN_LOCK_KEY, wait=False) as locked:
                if not locked:
                    raise CommandError(
                        _(
                            "Một lệnh provision_localities khác đang chạy trên cơ sở dữ liệu này; "
                            "đợi nó xong rồi chạy lại."
                        )
                    )
                self._run(records, dataset=dataset, workers=workers, dry_run=dry_run)
        except (OperationalError, InterfaceError, psycopg.OperationalError) as error:
            raise CommandError(self._unreachable(error)) from None
        except TemplateError as error:
            raise CommandError(str(error)) from None

    # --- steps -----------------------------------------------------------------------------

    def _unreachable(self, error: Exception) -> str:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return _(
            "Không kết nối được cơ sở dữ liệu (%(database)s): %(detail)s. Kiểm tra máy chủ "
            "PostgreSQL đang chạy và biến môi trường DATABASE_URL."
        ) % {"database": database_label(), "detail": detail}

    def _check_database(self) -> None:
        try:
            connection.ensure_connection()
        except (OperationalError, InterfaceError) as error:
            raise CommandError(self._unreachable(error)) from None
        if "tenants_locality" not in connection.introspection.table_names():
            raise CommandError(
                _(
                    "Cơ sở dữ liệu %(database)s chưa được tạo bảng: chạy "
                    "`manage.py migrate_schemas --shared` trước."
                )
                % {"database": database_label()}
            )

    def _load(self, *, dataset: str, province: str | None, from_file: Path | None):
        try:
            if from_file:
                records = file_units(from_file, dataset=dataset)
                if province:
                    records = within_province(records, province)
            else:
                records = units_for(dataset, province)
        except DatasetError as error:
            self._fail_with_problems(error.problems)
        if province and not records:
            raise CommandError(
                _("Không có tỉnh mã %(code)s trong bộ dữ liệu %(dataset)s.")
                % {"code": province, "dataset": dataset}
            )
        return records

    def _fail_with_problems(self, problems: list[str]):
        shown = problems[:MAX_PROBLEMS_SHOWN]
        lines = [f"  - {problem}" for problem in shown]
        if len(problems) > len(shown):
            lines.append(
                "  "
                + _("... và %(count)s lỗi khác.") % {"count": number(len(problems) - len(shown))}
            )
        raise CommandError(
            _("Dữ liệu có %(count)s lỗi, không tạo đơn vị nào:") % {"count": number(len(problems))}
            + "\n"
            + "\n".join(lines)
        )

    def _run(self, records, *, dataset: str, workers: int, dry_run: bool) -> None:
        try:
            plan = plan_provisioning(records, dataset=dataset)
        except DatasetError as error:
            self._fail_with_problems(error.problems)
        if plan.missing == 0:
            self.stdout.write(
                _("Đã có đủ %(total)s đơn vị, không tạo thêm.") % {"total": number(plan.total)}
            )
            return
        self.stdout.write(
            _("Dữ liệu hợp lệ: %(total)s đơn vị, đã có %(existing)s, cần tạo %(missing)s.")
            % {
                "total": number(plan.total),
                "existing": number(plan.existing),
                "missing": number(plan.missing),
            }
        )
        if dry_run:
            self.stdout.write(_("Chạy thử (--dry-run): không tạo gì."))
            return
        national_root_ensure()
        started = time.monotonic()
        if template_ensure():
            self.stdout.write(
                _("Đã dựng lại schema mẫu từ migrations (%(seconds).1f giây).")
                % {"seconds": time.monotonic() - started}
            )
        snapshot = template_snapshot()
        bar = None

        def start_bar():
            nonlocal bar
            bar = tqdm(
                total=plan.missing,
                desc=_("Tạo đơn vị"),
                unit=" đv",
                file=sys.stderr,
                dynamic_ncols=True,
                mininterval=0.5 if sys.stderr.isatty() else 5,
                smoothing=0.05,
            )

        def advance(unit):
            bar.update(1)

        previous_sigterm = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        started = time.monotonic()
        try:
            created = provision(
                plan,
                workers=workers,
                snapshot=snapshot,
                on_started=start_bar,
                on_created=advance,
            )
        except ProvisionInterrupted as stop:
            raise CommandError(
                _(
                    "Đã dừng giữa chừng: %(created)s đơn vị đã tạo trọn vẹn, không đơn vị nào "
                    "dở dang. Chạy lại lệnh để tạo nốt %(left)s đơn vị còn lại."
                )
                % {"created": number(stop.created), "left": number(plan.missing - stop.created)},
                returncode=130,
            ) from None
        except ProvisionError as failure:
            raise CommandError(
                _(
                    "Không tạo được %(unit)s: %(detail)s. %(created)s đơn vị đã tạo trọn vẹn; "
                    "sửa lỗi rồi chạy lại lệnh để tạo tiếp."
                )
                % {
                    "unit": failure.unit.record.label,
                    "detail": failure.detail,
                    "created": number(failure.created),
                }
            ) from None
        finally:
            signal.signal(signal.SIGTERM, previous_sigterm)
            if bar is not None:
                bar.close()
        elapsed = time.monotonic() - started
        self.stdout.write(
            _("Đã tạo %(created)s đơn vị trong %(seconds).1f giây (%(rate).2f đơn vị/giây).")
            % {"created": number(created), "seconds": elapsed, "rate": created / elapsed}
        )
