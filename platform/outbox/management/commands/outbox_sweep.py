"""`manage.py outbox_sweep`: send again what is due in every locality's outbox, now.

What the `outbox.sweep` beat entry does through the workers; useful where no worker runs
(`make run` sends in-process and keeps a failed message until something sweeps).
"""

from django.core.management.base import BaseCommand

from outbox.tasks import sweep_localities
from tenants.selectors import locality_schema_batches


class Command(BaseCommand):
    help = "Gửi lại các thông báo đến hạn gửi lại trong mọi địa phương."

    def handle(self, *args, **options) -> None:
        total = 0
        for batch in locality_schema_batches():
            total += sum(max(0, n) for n in sweep_localities(batch).values())
        self.stdout.write(f"{total} message(s) sent to delivery")
