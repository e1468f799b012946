"""The figures of dossiers that went through the real desk services (not written into the index
by hand): two supplement requests make an early result late; a counter intake is not online."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from workflows import clock, services
from workflows.models import Dossier
from workflows.public_index.models import DossierIndexEntry
from workflows.services.submission import store_attachment
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import APPROVAL, at, pdf_bytes

from .. import periods, selectors

pytestmark = pytest.mark.usefixtures("dossier_media")
MARCH = periods.month(2026, 3)


def _through_the_desk(dossier, officers):
    for service, role in (
        (services.dossier_receive, "receiving_officer"),
        (services.dossier_forward, "receiving_officer"),
        (services.dossier_submit_for_approval, "specialist"),
    ):
        dossier = service(dossier=dossier, user=officers[role])
    return services.dossier_approve(dossier=dossier, user=officers["leader"], **APPROVAL)


def test_supplemented_twice_is_late_and_the_counter_is_not_online(
    tu_ky, offered, citizen, officers
):
    desk = officers["receiving_officer"]
    with clock.frozen_at(at(2026, 3, 2, 9, 0)):
        twice = make_dossier(applicant=citizen)
        counter = make_dossier(applicant=citizen, intake="counter")
    for day in (2, 3):
        with clock.frozen_at(at(2026, 3, day, 10, 0)):
            twice = services.dossier_request_supplement(
                dossier=twice, user=desk, reason="Thiếu", acknowledge_late=day == 3
            )
        with clock.frozen_at(at(2026, 3, day + 1, 9, 0)):
            twice = services.dossier_resubmit(dossier=twice, user=citizen)
    with clock.frozen_at(at(2026, 3, 4, 10, 0)):
        twice = _through_the_desk(twice, officers)
        counter = _through_the_desk(counter, officers)
    # Early on its dates, but more than one supplement request classes it late (Decision 766),
    # on the dossier and in the statistics.
    assert twice.finished_at < twice.appointment_at and twice.timeliness == "late"
    table = selectors.unit_table(tu_ky, MARCH, now=at(2026, 4, 10, 9, 0))
    assert table.done_late == 1
    assert table.received == 2 and table.online_received == 1 and table.electronic_result == 2
    assert table.on_time_share == 50
    # twice paused in March and resumed: the paused column of the past month still shows it
    assert table.paused == 1


def test_digitised_components_and_reused_papers_reach_the_index(tu_ky, offered, citizen, officers):
    """A file among the components makes a dossier digitised; a paper the counter reused
    (`reuses_digitised`) counts for the reuse indicator; a dossier with no file counts for
    neither. Written into the index with the reception, in its transaction."""
    desk = officers["receiving_officer"]
    found = {}
    with clock.frozen_at(at(2026, 3, 2, 9, 0)):
        for name, reused in (("reused", True), ("scanned", False), ("none", None)):
            dossier = make_dossier(applicant=citizen)
            if reused is not None:
                with transaction.atomic():
                    workflow = Dossier.objects.select_for_update().get(pk=dossier.pk)
                    store_attachment(
                        workflow=workflow.as_workflow(),
                        user=desk,
                        document_key=workflow.plugin.documents[0].key,
                        upload=SimpleUploadedFile(f"{name}.pdf", pdf_bytes(), "application/pdf"),
                        reuses_digitised=reused,
                    )
            dossier = services.dossier_receive(dossier=dossier, user=desk)
            row = DossierIndexEntry.objects.get(reference=dossier.reference)
            found[name] = (row.digitised_components, row.reused_digitised)
    assert found == {"reused": (True, True), "scanned": (True, False), "none": (False, False)}
    table = selectors.unit_table(tu_ky, MARCH, now=at(2026, 4, 10, 9, 0))
    assert (table.received, table.reused_digitised) == (3, 1)
