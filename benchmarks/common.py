"""What the benchmark scripts share: Django set up on a throw-away database, a log line."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for source_root in (ROOT, ROOT / "platform"):
    if str(source_root) not in sys.path:
        sys.path.insert(0, str(source_root))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")  # noqa: S108 - pgserver needs one


#: The country's map for the benchmarks: 34 provinces, 3,321 communes.
PROVINCES = 34
COMMUNES = 3_321


def fake_units(provinces: int = PROVINCES, communes: int = COMMUNES) -> tuple:
    """The national root, `provinces` test provinces and `communes` test communes spread over
    them, inserted set-wise (rows only: no schemas). Returns (root, provinces, communes)."""
    from tenants.choices import Level
    from tenants.models import Locality
    from tenants.services import national_root_ensure

    root = national_root_ensure()
    made = Locality.objects.bulk_create(
        [
            Locality(
                level=Level.PROVINCE,
                code=f"{number:02d}",
                name=f"Tỉnh thử {number}",
                slug=f"tinh-{number}",
                parent=root,
                schema_name=f"p{number:02d}",
            )
            for number in range(1, provinces + 1)
        ]
    )
    below = Locality.objects.bulk_create(
        [
            Locality(
                level=Level.COMMUNE,
                code=f"{number:05d}",
                name=f"Xã thử {number}",
                slug=f"xa-{number}",
                parent=made[number % provinces],
                schema_name=f"c{number:05d}",
            )
            for number in range(1, communes + 1)
        ],
        batch_size=2000,
    )
    return root, made, below


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


class Server:
    """Create and drop databases on the server Django is configured for."""

    def __init__(self):
        from tenants.database_tools import libpq_params

        self.params = libpq_params()

    def connect(self, dbname: str, **kwargs):
        import psycopg

        return psycopg.connect(**{**self.params, "dbname": dbname}, **kwargs)

    def create(self, name: str) -> None:
        with self.connect("postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    def drop(self, name: str) -> None:
        with self.connect("postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def size(self, name: str) -> int:
        with self.connect("postgres") as conn:
            return conn.execute("SELECT pg_database_size(%s)", [name]).fetchone()[0]

    def url(self, name: str) -> str:
        """A DATABASE_URL for `name` on this server, for a `manage.py` subprocess."""
        from urllib.parse import quote

        params = self.params
        host = params.get("host", "")
        if host.startswith("/"):  # the embedded server's socket directory
            host = quote(host, safe="")
        password = f":{quote(params['password'], safe='')}" if params.get("password") else ""
        port = f":{params['port']}" if params.get("port") else ""
        return f"postgres://{params.get('user', '')}{password}@{host}{port}/{name}"


def use_database(name: str) -> None:
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name
