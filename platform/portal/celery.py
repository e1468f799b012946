"""The Celery application, tenant-aware through tenant-schemas-celery.

Every task sent from a request or another task carries the current schema and runs in it. With no
broker configured (CELERY_BROKER_URL / REDIS_URL empty) tasks run eagerly in-process.
"""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = CeleryApp("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
