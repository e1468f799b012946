"""The localities a dossier maintenance command works on: all of them, or the one named."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db.models import QuerySet

from tenants.models import Locality


def add_locality_option(parser: CommandParser) -> None:
    parser.add_argument(
        "--locality",
        metavar="SCHEMA",
        help="Only this locality (its schema name, e.g. c11074); every locality by default.",
    )


def chosen_localities(schema_name: str | None) -> QuerySet:
    localities = Locality.objects.exclude(schema_name=settings.PUBLIC_SCHEMA_NAME)
    if schema_name:
        localities = localities.filter(schema_name=schema_name)
        if not localities.exists():
            raise CommandError(f"No locality has the schema {schema_name!r}.")
    return localities.order_by("schema_name")
