"""Dossier URLs on a locality's host, under /ho-so/ (namespace `workflows`).

The citizen's pages take the dossier's `reference` (a UUID): not guessable, and a reference of
one locality is simply not found on another's host.
"""

from django.urls import path

from .views import (
    citizen,
    counter,
    desk,
    documents,
    handover,
    inbox,
    lookup,
    registers,
    review,
    submission,
    units,
)

app_name = "workflows"
urlpatterns = [
    path("nop/<str:code>/", submission.submit_start, name="submit"),
    path("cua-toi/", citizen.mine, name="mine"),
    path("tra-cuu/", lookup.lookup, name="lookup"),
    path("chon-don-vi/", units.choose_unit, name="choose_unit"),
    # The officers' inbox; "desk_queue" is its former name (the 200-row list it replaced).
    path("can-bo/", inbox.inbox, name="inbox"),
    path("can-bo/", inbox.inbox, name="desk_queue"),
    path("can-bo/xuat.csv", inbox.inbox_export, name="inbox_export"),
    path("can-bo/phan-cong/", inbox.dossiers_assign_many, name="desk_assign_many"),
    path("can-bo/<uuid:reference>/phan-cong/", inbox.dossier_assign, name="desk_assign"),
    path("can-bo/tiep-nhan/", counter.counter_start, name="counter_start"),
    path("can-bo/tiep-nhan/<uuid:reference>/", counter.counter_dossier, name="counter_dossier"),
    path("can-bo/tiep-nhan/<uuid:reference>/xong/", counter.counter_done, name="counter_done"),
    path("can-bo/so-theo-doi/", registers.register_page, name="register"),
    path("can-bo/so-theo-doi.pdf", registers.register_pdf, name="register_pdf"),
    path("can-bo/so-theo-doi.xlsx", registers.register_spreadsheet, name="register_xlsx"),
    path(
        "can-bo/<uuid:reference>/phieu-kiem-soat.pdf",
        registers.control_slip,
        name="control_slip",
    ),
    path("can-bo/<uuid:reference>/", desk.desk_detail, name="desk_detail"),
    path("can-bo/<uuid:reference>/lien-thong/", handover.handover_send, name="handover_send"),
    path(
        "can-bo/<uuid:reference>/lien-thong/tra-ve/",
        handover.handover_return,
        name="handover_return",
    ),
    path(
        "can-bo/lien-thong/khong-phu-thuoc-dia-gioi/",
        handover.boundary_free_settings,
        name="boundary_free",
    ),
    path("can-bo/<uuid:reference>/xin-loi/", desk.desk_apology, name="desk_apology"),
    path("can-bo/<uuid:reference>/ket-qua/", desk.desk_result, name="desk_result"),
    path(
        "can-bo/<uuid:reference>/thao-tac/<slug:name>/",
        desk.desk_transition,
        name="desk_transition",
    ),
    path("<uuid:reference>/", citizen.detail, name="detail"),
    path("<uuid:reference>/to-khai/", submission.draft_form, name="draft_form"),
    path("<uuid:reference>/giay-to/", documents.draft_documents, name="draft_documents"),
    path("<uuid:reference>/nhan-ket-qua/", submission.draft_delivery, name="draft_delivery"),
    path("<uuid:reference>/kiem-tra/", review.draft_review, name="draft_review"),
    path("<uuid:reference>/xoa/", submission.draft_discard, name="draft_discard"),
    path("<uuid:reference>/da-nop/", submission.confirmation, name="confirmation"),
    path("<uuid:reference>/bien-nhan.pdf", submission.receipt, name="receipt"),
    path("<uuid:reference>/rut/", citizen.withdraw, name="withdraw"),
    path("<uuid:reference>/danh-gia/", citizen.rate, name="rate"),
    path("<uuid:reference>/tep/<int:pk>/", citizen.attachment_file, name="attachment"),
    path("<uuid:reference>/giay-to-phat-hanh/<int:pk>/", citizen.issued_file, name="issued"),
]
