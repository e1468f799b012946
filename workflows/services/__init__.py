"""Writes of the dossier feature: one keyword-only, typed, atomic function per state change.

Split by who acts (submission.py: the citizen before submitting; citizen.py: after; desk.py:
the officers). Views, the engine, management commands and tests all call these.
"""

from .citizen import dossier_rate, dossier_resubmit, dossier_withdraw
from .desk import (
    apology_check,
    dossier_apologise,
    dossier_approve,
    dossier_forward,
    dossier_hand_over,
    dossier_receive,
    dossier_refuse,
    dossier_refuse_reception,
    dossier_request_supplement,
    dossier_send_back,
    dossier_stop,
    dossier_submit_for_approval,
    dossier_take_back,
    late_supplement_warning,
    may_apologise,
    supplement_round,
)
from .results import (
    dossier_attach_result,
    dossier_return_result,
    may_attach_result,
    result_attach_check,
)
from .submission import (
    attachment_add,
    attachment_remove,
    dossier_submit,
    draft_create,
    draft_discard,
    draft_save_answers,
    draft_set_delivery,
    offered_or_refuse,
    receipt_ensure,
)

__all__ = [
    "attachment_add",
    "apology_check",
    "attachment_remove",
    "dossier_apologise",
    "dossier_approve",
    "dossier_attach_result",
    "dossier_forward",
    "dossier_hand_over",
    "dossier_rate",
    "dossier_receive",
    "dossier_refuse",
    "dossier_refuse_reception",
    "dossier_request_supplement",
    "dossier_resubmit",
    "dossier_return_result",
    "dossier_send_back",
    "dossier_stop",
    "dossier_submit",
    "dossier_submit_for_approval",
    "dossier_take_back",
    "dossier_withdraw",
    "draft_create",
    "draft_discard",
    "draft_save_answers",
    "draft_set_delivery",
    "late_supplement_warning",
    "may_apologise",
    "may_attach_result",
    "offered_or_refuse",
    "receipt_ensure",
    "result_attach_check",
    "supplement_round",
]
