import os
import sys
from pathlib import Path

_root = Path(__file__).resolve().parents[2]
for _source_root in (_root / "platform", _root):
    if str(_source_root) not in sys.path:
        sys.path.insert(0, str(_source_root))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
