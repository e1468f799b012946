"""A dossier as the API shows it, to its applicant and to the officers of its locality."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from ninja import Schema

from workflows import engine, selectors
from workflows.models import Dossier


class DossierSummary(Schema):
    reference: uuid.UUID
    code: str
    procedure_code: str
    procedure_name: str
    state: str
    state_label: str
    intake: str
    submitted_at: datetime.datetime | None
    appointment_at: datetime.datetime | None
    expectation: str
    needs_action: bool


class FileOut(Schema):
    id: int
    name: str
    size: int
    sha256: str


class DocumentFiles(Schema):
    key: str
    name: str
    files: list[FileOut]


class EventOut(Schema):
    type: str
    label: str
    at: datetime.datetime
    actor_name: str
    to_state: str
    note: str


class ActionOut(Schema):
    name: str
    label: str
    #: The fields the action's form takes, with their labels (empty: none).
    fields: dict[str, str]


class DossierDetail(DossierSummary):
    answers: dict[str, Any]
    delivery_method: str
    delivery_address: str
    fee: int | None
    postage: int | None
    documents: list[DocumentFiles]
    timeline: list[EventOut]
    actions: list[ActionOut]
    supplement_note: str


def summary(dossier: Dossier) -> dict[str, Any]:
    rated = getattr(dossier, "rating", None) is not None if hasattr(dossier, "rating") else False
    text, needs_action = selectors.expectation(dossier, rated=rated)
    return {
        "reference": dossier.reference,
        "code": dossier.code or "",
        "procedure_code": dossier.procedure_code,
        "procedure_name": dossier.plugin.name,
        "state": dossier.state,
        "state_label": str(dossier.get_state_label()),
        "intake": dossier.intake,
        "submitted_at": dossier.submitted_at,
        "appointment_at": dossier.extended_appointment_at or dossier.appointment_at,
        "expectation": str(text),
        "needs_action": needs_action,
    }


def action_out(option: engine.TransitionOption) -> dict[str, Any]:
    fields = {}
    if option.form_class is not None:
        fields = {
            name: str(field.label or name) for name, field in option.form_class.base_fields.items()
        }
    return {"name": option.name, "label": option.label, "fields": fields}


def detail(dossier: Dossier, *, user: Any, actor: str) -> dict[str, Any]:
    supplement = selectors.open_supplement_request(dossier=dossier)
    return {
        **summary(dossier),
        "answers": dossier.answers if isinstance(dossier.answers, dict) else {},
        "delivery_method": dossier.delivery_method or "",
        "delivery_address": dossier.delivery_address,
        "fee": dossier.fee,
        "postage": dossier.postage,
        "documents": [
            {
                "key": document.key,
                "name": document.name,
                "files": [
                    {"id": f.pk, "name": f.original_name, "size": f.size, "sha256": f.sha256}
                    for f in files
                ],
            }
            for document, files in selectors.attachments_by_document(dossier=dossier)
        ],
        "timeline": [
            {
                "type": event.type,
                "label": str(event.get_type_display()),
                "at": event.at,
                "actor_name": event.actor_name,
                "to_state": event.to_state,
                "note": event.note,
            }
            for event in selectors.timeline(dossier=dossier)
        ],
        "actions": [
            action_out(option)
            for option in engine.available_transitions(dossier=dossier, user=user, actor=actor)
        ],
        "supplement_note": supplement.note if supplement is not None else "",
    }
