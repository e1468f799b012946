"""The citizen's own data, downloaded from their profile (workflows/personal_data.py)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..personal_data import citizen_data_export


@never_cache
@login_required
@require_GET
def personal_data_export(request: HttpRequest) -> HttpResponse:
    """Only the logged-in person's own data: no parameter names anyone else."""
    data = citizen_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{stamp}.json"'
    return response
