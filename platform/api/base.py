"""The API object, pagination and ETags shared by every router."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from ninja import NinjaAPI, Schema

from .problems import MEDIA_TYPE, install_problem_handlers

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class VersionedAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document says that refusals are `application/problem+json`."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status)[0] in "45" and "application/json" in content:
                        content[MEDIA_TYPE] = content.pop("application/json")
        return schema


def make_api(*, namespace: str, title: str, description: str) -> VersionedAPI:
    api = VersionedAPI(
        title=title,
        version="1.0.0",
        description=description,
        urls_namespace=namespace,
        openapi_url="/openapi.json",
        docs_url="/docs",
    )
    install_problem_handlers(api)
    return api


class PageMeta(Schema):
    page: int
    page_size: int
    count: int
    pages: int


def page_of(items: Sequence[Any] | Any, *, page: int, page_size: int) -> tuple[list[Any], PageMeta]:
    """One page of a list or queryset (page numbers from 1; size capped at MAX_PAGE_SIZE)."""
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(1, page)
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    start = (page - 1) * page_size
    # Past the end: no query (an offset beyond bigint would be a database error).
    chunk = list(items[start : start + page_size]) if start < count else []
    pages = max(1, -(-count // page_size))
    return chunk, PageMeta(page=page, page_size=page_size, count=count, pages=pages)


def with_etag(request: HttpRequest, response: HttpResponse, payload: Any) -> Any:
    """Answer 304 when the client already holds this representation (If-None-Match), else
    set the ETag on `response` (ninja's temporal response) and return the payload."""
    data = payload.model_dump(mode="json") if isinstance(payload, Schema) else payload
    body = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = etag
        return not_modified
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=60"
    return payload
