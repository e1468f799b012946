"""Double clicks, retries and concurrent requests: one draft, one dossier, one code each; two
officers at once: exactly one wins, the other is told the dossier changed."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections

from identity.tests.factories import solve_captcha
from workflows import clock
from workflows.models import Dossier
from workflows.tests.helpers import EXTRACT_COPY, answers_from_post, at, extract_copy_post, text_of

from .journey import choose_delivery, fill_form, start


def test_pressing_start_twice_makes_one_draft(offered, citizen, client_for, demo_localities):
    client = client_for("tu_ky", citizen)
    page = client.get(f"/ho-so/nop/{EXTRACT_COPY}/")
    token = str(page.context["form"]["token"].value())
    first = client.post(f"/ho-so/nop/{EXTRACT_COPY}/", {"token": token})
    second = client.post(f"/ho-so/nop/{EXTRACT_COPY}/", {"token": token})
    assert first["Location"] == second["Location"]
    connection.set_tenant(demo_localities["tu_ky"])
    assert Dossier.objects.filter(applicant=citizen).count() == 1
    connection.set_schema_to_public()


@pytest.mark.slow
def test_pressing_submit_twice_makes_one_dossier_with_one_code(
    offered, citizen, client_for, demo_localities
):
    client = client_for("tu_ky", citizen)
    reference = start(client, EXTRACT_COPY)
    fill_form(client, reference, extract_copy_post())
    choose_delivery(client, reference)
    review = client.get(f"/ho-so/{reference}/kiem-tra/")
    data = {
        "review": review.context["form"]["review"].value(),
        "declaration": "on",
        **solve_captcha(review),
    }
    with clock.frozen_at(at(2026, 4, 14, 9, 0)):
        first = client.post(f"/ho-so/{reference}/kiem-tra/", data)
        second = client.post(f"/ho-so/{reference}/kiem-tra/", data)  # the same form, again
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/ho-so/{reference}/da-nop/"
    assert "11074-260414-0001" in text_of(client.get(first["Location"]))
    connection.set_tenant(demo_localities["tu_ky"])
    dossier = Dossier.objects.get(applicant=citizen)
    assert dossier.code == "11074-260414-0001"
    assert dossier.events.filter(type="submitted").count() == 1
    assert dossier.issued_documents.filter(kind="receipt").count() == 1
    connection.set_schema_to_public()


@pytest.mark.slow
def test_a_second_officer_acting_on_a_stale_page_gets_409(
    offered, citizen, officers, client_for, demo_localities
):
    """Both officers opened the dossier while it was "submitted"; the first receives it, the
    second (still looking at "submitted") asks for a supplement: refused, nothing changed."""
    client = client_for("tu_ky", citizen)
    reference = start(client, EXTRACT_COPY)
    fill_form(client, reference, extract_copy_post())
    choose_delivery(client, reference)
    review = client.get(f"/ho-so/{reference}/kiem-tra/")
    client.post(
        f"/ho-so/{reference}/kiem-tra/",
        {
            "review": review.context["form"]["review"].value(),
            "declaration": "on",
            **solve_captcha(review),
        },
    )
    from staff.roles import Role, role_group

    second = officers["specialist"]
    connection.set_tenant(demo_localities["tu_ky"])
    second.groups.add(role_group(Role.RECEIVING_OFFICER))
    connection.set_schema_to_public()
    one = client_for("tu_ky", officers["receiving_officer"])
    two = client_for("tu_ky", second)
    assert "Tiếp nhận hồ sơ" in text_of(one.get(f"/ho-so/can-bo/{reference}/"))
    assert "Yêu cầu bổ sung hồ sơ" in text_of(two.get(f"/ho-so/can-bo/{reference}/"))

    won = one.post(f"/ho-so/can-bo/{reference}/thao-tac/receive/", {"state": "submitted"})
    lost = two.post(
        f"/ho-so/can-bo/{reference}/thao-tac/request_supplement/",
        {"state": "submitted", "request_supplement-reason": "Thiếu tờ khai"},
    )
    assert won.status_code == 302
    assert lost.status_code == 409
    assert "Hồ sơ đã được người khác cập nhật, vui lòng tải lại" in text_of(lost)
    connection.set_tenant(demo_localities["tu_ky"])
    dossier = Dossier.objects.get(reference=reference)
    assert dossier.state == "received"
    assert not dossier.pauses.exists()
    assert list(dossier.events.values_list("type", flat=True)) == [
        "draft_created",
        "submitted",
        "received",
    ]
    connection.set_schema_to_public()


# -- committed rows, several connections ----------------------------------------------------------
# These tests cannot run inside the test's transaction: each thread has its own connection and
# must see the others' commits. They commit their own rows and delete them in `finally`.


def _committed_drafts(tu_ky, count: int):
    from procedure_plugins.models import ProcedureOffering
    from workflows import services

    offering, created = ProcedureOffering.objects.get_or_create(
        locality=tu_ky, procedure_code=EXTRACT_COPY
    )
    users = [_committed_user() for _ in range(count)]
    connection.set_tenant(tu_ky)
    try:
        drafts = []
        for user in users:
            draft = services.draft_create(user=user, procedure_code=EXTRACT_COPY)
            services.draft_save_answers(
                dossier=draft,
                user=user,
                answers=answers_from_post(EXTRACT_COPY, extract_copy_post()),
            )
            draft = services.draft_set_delivery(dossier=draft, user=user, method="desk")
            drafts.append(draft)
    finally:
        connection.set_schema_to_public()
    return users, drafts, (offering if created else None)


def _committed_user():
    """An account no other test can collide with (committed rows outlive the test's transaction:
    a counter-based ID number would be reused by the next test of the session)."""
    from identity.tests.factories import make_user

    tag = uuid.uuid4().hex[:10]
    return make_user(username=f"dong-thoi-{tag}", id_number=None, email=f"{tag}@dong-thoi.test")


def _cleanup(tu_ky, users, references, offering, day_key):
    from workflows.models import DossierCodeCounter
    from workflows.public_index.models import DossierIndexEntry

    connection.set_tenant(tu_ky)
    try:
        Dossier.objects.filter(reference__in=references).delete()
        DossierCodeCounter.objects.filter(period=day_key).delete()
    finally:
        connection.set_schema_to_public()
    DossierIndexEntry.objects.filter(reference__in=references).delete()
    # Accounts are deleted without Django's cascade collector: it would look for tenant-only
    # tables (guardian's) in the public schema. Their memberships go first, in Tứ Kỳ.
    from django.contrib.auth import get_user_model

    from staff.models import GroupMembership

    ids = [user.pk for user in users]
    connection.set_tenant(tu_ky)
    try:
        GroupMembership.objects.filter(user_id__in=ids).delete()
    finally:
        connection.set_schema_to_public()
    get_user_model().objects.filter(pk__in=ids)._raw_delete(connection.alias)
    if offering is not None:
        offering.delete()


@pytest.mark.slow
def test_twenty_concurrent_submissions_get_twenty_distinct_codes(
    demo_localities, django_db_blocker
):
    """20 citizens press "Nộp hồ sơ" at the same moment, each request on its own database
    connection (as on 20 worker processes): 20 dossiers, 20 different codes, gap-free."""
    from workflows import services

    tu_ky = demo_localities["tu_ky"]
    moment = at(2031, 7, 15, 9, 0)  # a day no other test numbers
    with django_db_blocker.unblock():
        users, drafts, offering = _committed_drafts(tu_ky, 20)
        references = [d.reference for d in drafts]
        codes: list[str] = []
        errors: list[BaseException] = []
        barrier = threading.Barrier(len(drafts))

        def submit(draft, user):
            try:
                connection.set_tenant(tu_ky)
                barrier.wait(timeout=30)
                codes.append(services.dossier_submit(dossier=draft, user=user).code)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                connections.close_all()

        try:
            with clock.frozen_at(moment):
                threads = [
                    threading.Thread(target=submit, args=(d, u))
                    for d, u in zip(drafts, users, strict=True)
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=120)
            assert not errors, errors
            assert len(codes) == 20
            assert len(set(codes)) == 20
            assert sorted(codes) == [f"11074-310715-{n:04d}" for n in range(1, 21)]
            connection.set_tenant(tu_ky)
            assert Dossier.objects.filter(reference__in=references, state="submitted").count() == 20
            connection.set_schema_to_public()
        finally:
            connection.set_schema_to_public()
            _cleanup(tu_ky, users, references, offering, "day:2031-07-15")


@pytest.mark.slow
def test_two_officers_at_the_same_moment_exactly_one_wins(demo_localities, django_db_blocker):
    """Two receiving officers act on one dossier at the same instant, each on their own
    connection: one transition happens, the other gets DossierChanged (409 on the desk)."""
    from staff.roles import Role, role_group
    from workflows import services
    from workflows.errors import DossierChanged

    tu_ky = demo_localities["tu_ky"]
    with django_db_blocker.unblock():
        users, drafts, offering = _committed_drafts(tu_ky, 1)
        references = [drafts[0].reference]
        officers = [_committed_user(), _committed_user()]
        connection.set_tenant(tu_ky)
        group = role_group(Role.RECEIVING_OFFICER)
        for officer in officers:
            officer.groups.add(group)
        connection.set_schema_to_public()
        outcomes: dict[str, object] = {}
        barrier = threading.Barrier(2)

        def act(name, officer, call):
            try:
                connection.set_tenant(tu_ky)
                seen = Dossier.objects.get(reference=references[0])  # the page both loaded
                barrier.wait(timeout=30)
                outcomes[name] = call(dossier=seen, user=officer).state
            except DossierChanged as changed:
                outcomes[name] = changed
            except BaseException as error:  # noqa: BLE001
                outcomes[name] = error
            finally:
                connections.close_all()

        try:
            with clock.frozen_at(at(2031, 7, 16, 9, 0)):
                connection.set_tenant(tu_ky)
                services.dossier_submit(dossier=drafts[0], user=users[0])
                connection.set_schema_to_public()
                threads = [
                    threading.Thread(
                        target=act, args=("receive", officers[0], services.dossier_receive)
                    ),
                    threading.Thread(
                        target=act,
                        args=(
                            "supplement",
                            officers[1],
                            lambda **kw: services.dossier_request_supplement(
                                reason="Thiếu văn bản ủy quyền", **kw
                            ),
                        ),
                    ),
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=120)
            results = list(outcomes.values())
            winners = [r for r in results if isinstance(r, str)]
            losers = [r for r in results if isinstance(r, DossierChanged)]
            assert len(winners) == 1 and len(losers) == 1, outcomes
            assert losers[0].message == "Hồ sơ đã được người khác cập nhật, vui lòng tải lại."
            connection.set_tenant(tu_ky)
            dossier = Dossier.objects.get(reference=references[0])
            assert dossier.state == winners[0]
            assert dossier.events.filter(type__in=["received", "supplement_requested"]).count() == 1
        finally:
            connection.set_schema_to_public()
            _cleanup(tu_ky, users + officers, references, offering, "day:2031-07-16")
            import shutil
            from pathlib import Path

            from django.conf import settings

            for reference in references:
                shutil.rmtree(
                    Path(settings.PRIVATE_FILES_ROOT) / tu_ky.schema_name / f"ho-so/{reference}",
                    ignore_errors=True,
                )
