"""Step 2 of the submission journey: the documents, several files each where allowed.

Files are judged by content (workflows/uploads.py). The body of an upload is read keeping the raw
file names, so that a name with path separators or control characters is refused with a message
instead of being silently rewritten by Django.
"""

from __future__ import annotations

import re
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..errors import DossierChanged
from ..forms import UploadForm
from ..models import Attachment
from ..states import DossierState
from ..uploads import read_post_keeping_raw_names, unsafe_name_message
from .common import handles_not_here, own_dossier, refusal
from .submission import editable_or_redirect, step_context

# -- step 2: documents ----------------------------------------------------------------------------


@csrf_exempt  # csrf_protect is applied below, after the body is read keeping raw file names
@login_required
@handles_not_here
def draft_documents(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    unsafe_names = read_post_keeping_raw_names(request)
    return _draft_documents(request, reference, unsafe_names)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _draft_documents(
    request: HttpRequest, reference: uuid.UUID, unsafe_names: list[str]
) -> HttpResponse:
    dossier = own_dossier(request, reference)
    if (response := editable_or_redirect(dossier)) is not None:
        return response
    documents = list(dossier.plugin.documents)
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        if unsafe_names:
            key = request.POST.get("document", "")
            errors[key] = [unsafe_name_message(unsafe_names)]
            status = 400
        elif "remove" in request.POST:
            remove = request.POST.get("remove", "")
            attachment = (  # the id of a file: anything else is no file of this dossier
                Attachment.objects.filter(dossier=dossier, pk=int(remove)).first()
                if re.fullmatch(r"[0-9]{1,18}", remove)
                else None
            )
            if attachment is None:
                return refusal(request, status=404, message=_("Không tìm thấy tệp này."))
            try:
                services.attachment_remove(attachment=attachment, user=request.user)
            except ValidationError as refused:
                errors[attachment.document_key] = refused.messages
                status = 400
            except DossierChanged as changed:
                return refusal(request, status=409, message=changed.message)
            else:
                messages.success(
                    request, _("Đã xoá tệp “%(name)s”.") % {"name": attachment.original_name}
                )
                return redirect("workflows:draft_documents", reference=dossier.reference)
        elif "next" in request.POST:
            missing = selectors.missing_documents(dossier=dossier)
            if not missing:
                target = "draft_review" if dossier.state != DossierState.DRAFT else "draft_delivery"
                return redirect(f"workflows:{target}", reference=dossier.reference)
            for doc in missing:
                errors[doc.key] = [_("Vui lòng đính kèm “%(name)s”.") % {"name": _(doc.name)}]
            status = 400
        else:
            form = UploadForm(request.POST, request.FILES, documents=documents)
            if not form.is_valid():
                key = request.POST.get("document", "")
                errors[key if key in {d.key for d in documents} else ""] = [
                    message for field in form.errors.values() for message in field
                ]
                status = 400
            else:
                key = form.cleaned_data["document"]
                added = []
                for upload in form.cleaned_data["files"]:
                    try:
                        attachment = services.attachment_add(
                            dossier=dossier, user=request.user, document_key=key, upload=upload
                        )
                    except ValidationError as refused:
                        errors.setdefault(key, []).extend(refused.messages)
                    except DossierChanged as changed:
                        return refusal(request, status=409, message=changed.message)
                    else:
                        added.append(attachment.original_name)
                if added:
                    messages.success(
                        request, _("Đã tải lên: %(names)s.") % {"names": ", ".join(added)}
                    )
                if not errors:
                    return redirect("workflows:draft_documents", reference=dossier.reference)
                status = 400
    dossier.refresh_from_db()
    answers = dossier.answers if isinstance(dossier.answers, dict) else {}
    required = {doc.key for doc in dossier.plugin.documents_required_for(answers)}
    rows = [
        {
            "document": doc,
            "files": files,
            "required": doc.key in required,
            "errors": errors.get(doc.key, []),
            "can_add": len([f for f in files if f.event_id is None or dossier.state == "draft"])
            < doc.max_files,
        }
        for doc, files in selectors.attachments_by_document(dossier=dossier)
    ]
    return render(
        request,
        "workflows/draft_documents.html",
        step_context(
            request,
            dossier,
            "draft_documents",
            rows=rows,
            general_errors=errors.get("", []),
            faults=[row for row in rows if row["errors"]],
        ),
        status=status,
    )
