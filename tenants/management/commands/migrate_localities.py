"""`manage.py migrate_localities [--workers N] [--schema NAME ...] [--every] [--verify]`.

Migrates the public schema if it is behind, then every locality schema whose migration-state
marker is behind the migrations on disk (found with one query; the others are not opened), in
parallel with a progress bar, then the template schema new localities are copied from. A
locality that fails is named at the end (exit status 1) without stopping the others; an
interrupted run (Ctrl-C, SIGTERM) is resumed by running the command again. `--verify` compares
each marker with its schema's own `django_migrations` and names every difference.
"""

from __future__ import annotations

import signal
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _
from tqdm import tqdm

from tenants.management.commands.provision_localities import number
from tenants.models import Locality
from tenants.schema_migrations import (
    migrate_localities,
    public_is_current,
    target_fingerprint,
    verify_migration_state,
)
from tenants.schema_template import TEMPLATE_SCHEMA, template_ensure

#: At most this many failing or mismatching localities are listed; the count of the rest follows.
MAX_LISTED = 50


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = _(
        "Chạy migrations cho schema chung và mọi đơn vị còn thiếu (bỏ qua đơn vị đã mới nhất, "
        "tìm bằng một truy vấn), song song; chạy lại được sau khi bị ngắt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers", type=int, default=2, help=_("Số tiến trình chạy song song (mặc định 2).")
        )
        parser.add_argument(
            "--schema",
            action="append",
            dest="schemas",
            metavar="NAME",
            help=_(
                "Chỉ đơn vị có schema này (lặp lại được); không đụng đến schema chung và "
                "schema mẫu."
            ),
        )
        parser.add_argument(
            "--every",
            action="store_true",
            help=_("Mở mọi schema đơn vị, bất kể dấu trạng thái (sau khi --verify thấy sai lệch)."),
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help=_(
                "Không migrate: so dấu trạng thái của từng đơn vị với bảng django_migrations "
                "trong schema của nó; thoát với mã 1 nếu có sai lệch."
            ),
        )
        parser.add_argument(
            "--skip-template",
            action="store_true",
            help=_("Không dựng lại schema mẫu (tpl_locality) sau khi migrate."),
        )

    def handle(self, *args, workers, schemas, every, verify, skip_template, **options):
        if workers < 1:
            raise CommandError(_("--workers phải từ 1 trở lên."))
        self.verbosity = options["verbosity"]
        if verify:
            return self._verify(schemas)
        started = time.monotonic()
        target = target_fingerprint()
        # --schema: only those localities (the public and template schemas are left alone).
        if not schemas and not public_is_current(target):
            self._say(_("Schema chung (public) chưa mới nhất: chạy migrations cho nó."))
            call_command(
                "migrate_schemas", shared=True, interactive=False, verbosity=self.verbosity
            )
        result = self._migrate(schemas=schemas, workers=workers, every=every)
        if (
            not (schemas or skip_template)
            and result.applied
            and not result.failed
            and not result.interrupted
        ):
            begun = time.monotonic()
            if template_ensure():
                self._say(
                    _("Đã dựng lại schema mẫu %(schema)s (%(seconds).1f giây).")
                    % {"schema": TEMPLATE_SCHEMA, "seconds": time.monotonic() - begun}
                )
        elapsed = time.monotonic() - started
        if result.interrupted:
            raise CommandError(
                _(
                    "Đã dừng giữa chừng: %(done)s đơn vị đã xong. Chạy lại lệnh để làm nốt "
                    "%(left)s đơn vị còn lại."
                )
                % {
                    "done": number(len(result.migrated)),
                    "left": number(result.behind - len(result.migrated)),
                },
                returncode=130,
            )
        if result.failed:
            raise CommandError(self._failures(result.failed, migrated=len(result.migrated)))
        if result.behind == 0:
            self._say(
                _(
                    "Mọi đơn vị đã ở phiên bản migrations mới nhất; không mở schema nào "
                    "(%(s).1f giây)."
                )
                % {"s": elapsed}
            )
        else:
            self._say(
                _("Đã migrate %(count)s đơn vị (%(applied)s migration) trong %(s).1f giây.")
                % {
                    "count": number(len(result.migrated)),
                    "applied": number(result.applied),
                    "s": elapsed,
                }
            )
        return None

    def _say(self, text: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(text)

    def _migrate(self, *, schemas, workers, every):
        bar = None

        def start_bar(count: int) -> None:
            nonlocal bar
            if count and self.verbosity >= 1:
                bar = tqdm(
                    total=count,
                    desc=_("Migrate đơn vị"),
                    unit=" đv",
                    file=sys.stderr,
                    dynamic_ncols=True,
                    mininterval=0.5 if sys.stderr.isatty() else 5,
                    smoothing=0.05,
                )

        def advance(schema_name: str, error: str | None) -> None:
            if bar is not None:
                bar.update(1)
                if error is not None:
                    bar.write(
                        _("Lỗi ở %(schema)s: %(error)s") % {"schema": schema_name, "error": error}
                    )

        previous_sigterm = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        try:
            return migrate_localities(
                schemas=schemas,
                workers=workers,
                every=every,
                on_started=start_bar,
                on_done=advance,
            )
        finally:
            signal.signal(signal.SIGTERM, previous_sigterm)
            if bar is not None:
                bar.close()

    def _names(self, schema_names) -> dict[str, str]:
        connection.set_schema_to_public()
        return dict(
            Locality.objects.filter(schema_name__in=list(schema_names)).values_list(
                "schema_name", "name"
            )
        )

    def _failures(self, failed: dict[str, str], *, migrated: int) -> str:
        names = self._names(failed)
        lines = [
            f"  - {schema} ({names.get(schema, '?')}): {error}"
            for schema, error in list(failed.items())[:MAX_LISTED]
        ]
        if len(failed) > MAX_LISTED:
            lines.append(
                "  "
                + _("... và %(count)s đơn vị khác.") % {"count": number(len(failed) - MAX_LISTED)}
            )
        return (
            _(
                "%(failed)s đơn vị migrate không thành công (%(migrated)s đơn vị khác đã xong); "
                "sửa lỗi rồi chạy lại lệnh, chỉ các đơn vị chưa xong được mở lại:"
            )
            % {"failed": number(len(failed)), "migrated": number(migrated)}
            + "\n"
            + "\n".join(lines)
        )

    def _verify(self, schemas) -> None:
        started = time.monotonic()
        mismatches = verify_migration_state(schemas=schemas)
        connection.set_schema_to_public()
        checked = Locality.objects.exclude(schema_name="public")
        if schemas:
            checked = checked.filter(schema_name__in=schemas)
        total = checked.count()
        if not mismatches:
            self._say(
                _(
                    "Dấu trạng thái của %(count)s đơn vị khớp với bảng django_migrations trong "
                    "schema của chúng (%(s).1f giây)."
                )
                % {"count": number(total), "s": time.monotonic() - started}
            )
            return
        names = self._names(m.schema_name for m in mismatches)
        lines = []
        for mismatch in mismatches[:MAX_LISTED]:
            label = f"{mismatch.schema_name} ({names.get(mismatch.schema_name, '?')})"
            if mismatch.actual is None:
                detail = _("không có schema hoặc bảng django_migrations")
            else:
                parts = []
                if mismatch.missing:
                    parts.append(_("thiếu %(list)s") % {"list": ", ".join(mismatch.missing)})
                if mismatch.unknown:
                    parts.append(
                        _("có thêm %(list)s (không có trên đĩa)")
                        % {"list": ", ".join(mismatch.unknown)}
                    )
                if not parts:
                    parts.append(_("dấu trạng thái cũ, schema đã đủ migrations"))
                detail = "; ".join(parts)
            lines.append(f"  - {label}: {detail}")
        if len(mismatches) > MAX_LISTED:
            lines.append(
                "  "
                + _("... và %(count)s đơn vị khác.")
                % {"count": number(len(mismatches) - MAX_LISTED)}
            )
        raise CommandError(
            _(
                "%(count)s/%(total)s đơn vị có dấu trạng thái không khớp với schema của chúng. "
                "Chạy `manage.py migrate_localities --every --schema …` cho các đơn vị này:"
            )
            % {"count": number(len(mismatches)), "total": number(total)}
            + "\n"
            + "\n".join(lines)
        )
