"""Partner systems of the API, managed by platform administrators at the shell.

manage.py api_partner add dvcqg "Cổng Dịch vụ công quốc gia" --locality 31 --operation intake
manage.py api_partner grant dvcqg --locality 52 --operation intake_status
manage.py api_partner revoke dvcqg --locality 52
manage.py api_partner suspend dvcqg            # `resume` to undo
manage.py api_partner list
manage.py api_partner calls dvcqg --last 20    # the call log

`add` prints the secret once: give it to the partner over a safe channel. A province's grant
covers its communes.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from api.models import Operation, Partner, PartnerCall
from api.partners import partner_grant, partner_register
from tenants.models import Locality


class Command(BaseCommand):
    help = "Register API partners, grant or revoke localities and operations, read their calls."

    def add_arguments(self, parser):
        parser.add_argument(
            "action", choices=["add", "grant", "revoke", "suspend", "resume", "list", "calls"]
        )
        parser.add_argument("key_id", nargs="?", default="")
        parser.add_argument("name", nargs="?", default="")
        parser.add_argument("--locality", action="append", default=[], help="unit code")
        parser.add_argument("--operation", action="append", default=[], choices=Operation.values)
        parser.add_argument("--last", type=int, default=20)

    def _localities(self, codes: list[str]) -> list[Locality]:
        found = list(Locality.objects.filter(code__in=codes).exclude(level="national"))
        missing = sorted(set(codes) - {unit.code for unit in found})
        if missing:
            raise CommandError(f"Unknown unit codes: {', '.join(missing)}")
        return found

    def _partner(self, key_id: str) -> Partner:
        partner = Partner.objects.filter(key_id=key_id).first()
        if partner is None:
            raise CommandError(f"No partner with key id {key_id!r}.")
        return partner

    def handle(self, *args, action: str, key_id: str, name: str, **options):
        if action == "list":
            for partner in Partner.objects.prefetch_related("localities"):
                units = ", ".join(unit.code for unit in partner.localities.all()) or "-"
                state = "active" if partner.is_active else "suspended"
                self.stdout.write(
                    f"{partner.key_id}\t{partner.name}\t{state}\t"
                    f"{','.join(partner.operations) or '-'}\t{units}"
                )
            return
        if not key_id:
            raise CommandError("Give the partner's key id.")
        localities = self._localities(options["locality"])
        operations = options["operation"]
        if action == "add":
            try:
                partner, secret = partner_register(
                    name=name or key_id, key_id=key_id, localities=localities, operations=operations
                )
            except IntegrityError:
                raise CommandError(f"Key id {key_id!r} is taken.") from None
            self.stdout.write(f"Partner {partner} registered. Secret (shown once): {secret}")
            return
        partner = self._partner(key_id)
        if action in ("grant", "revoke"):
            partner_grant(
                partner=partner,
                localities=localities,
                operations=operations,
                revoke=action == "revoke",
            )
        elif action in ("suspend", "resume"):
            partner.is_active = action == "resume"
            partner.save(update_fields=["is_active"])
        elif action == "calls":
            for call in PartnerCall.objects.filter(partner=partner)[: options["last"]]:
                self.stdout.write(
                    f"{call.at:%Y-%m-%d %H:%M:%S}\t{call.method} {call.path}\t{call.status}\t"
                    f"{call.reason or '-'}\t{call.locality_code or '-'}"
                )
            return
        self.stdout.write(f"Partner {partner}: {action} done.")
