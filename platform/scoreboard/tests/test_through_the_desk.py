"""The figures of dossiers that went through the real desk services (not written into the index
by hand): two supplement requests make an early result late; a counter intake is not online."""

from __future__ import annotations

import pytest

from workflows import clock, services
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import APPROVAL, at

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
