"""A locality's own template wins over the built-in one, a broken template is recorded for staff
instead of crashing the officer's action, and the sweep reaches every locality in batches."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django_tenants.utils import tenant_context

from outbox.choices import Channel, MessageState
from outbox.models import Message
from outbox.services import message_enqueue
from outbox.tasks import sweep
from workflows import services
from workflows.tests.factories import make_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def locality_templates(settings, tmp_path):
    """A template folder searched before the apps' own, as a deployment's would be."""
    engine = {**django_settings.TEMPLATES[0]}
    engine["DIRS"] = [tmp_path, *engine["DIRS"]]
    settings.TEMPLATES = [engine]

    def write(name: str, text: str) -> None:
        path = Path(tmp_path, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return write


def test_a_localitys_own_template_wins_and_a_broken_one_is_recorded(
    tu_ky, citizen, officers, mailbox, locality_templates, django_capture_on_commit_callbacks
):
    schema = tu_ky.schema_name
    locality_templates(
        f"outbox/{schema}/email/received_subject.txt",
        "[{{ locality.name }}] Hồ sơ {{ dossier.code }} đã được Bộ phận Một cửa xã tiếp nhận",
    )
    locality_templates(f"outbox/{schema}/email/reception_refused.txt", "{% if %}hỏng{% endif %}")
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)
        services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
        other = make_dossier(applicant=citizen)
        refused = services.dossier_refuse_reception(
            dossier=other, user=officers["receiving_officer"], reason="Không thuộc thẩm quyền."
        )
    assert refused.state == "refused"  # the officer's action went through
    (mail,) = mailbox.messages
    assert str(mail["Subject"]).strip() == (
        f"[Xã Tứ Kỳ] Hồ sơ {dossier.code} đã được Bộ phận Một cửa xã tiếp nhận"
    )
    broken = Message.objects.get(dossier=other, kind="reception_refused", channel=Channel.EMAIL)
    assert broken.state == MessageState.GIVEN_UP
    assert "TemplateSyntaxError" in broken.last_error


def test_the_sweep_reaches_every_locality_in_batches(
    demo_localities, mailbox, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    mailbox.refuse = 2
    for name in ("tu_ky", "chu_puh"):
        with (
            tenant_context(demo_localities[name]),
            django_capture_on_commit_callbacks(execute=True),
        ):
            message_enqueue(
                channel=Channel.EMAIL, kind="test", recipient=f"{name}@example.com",
                key=f"sweep:{name}", subject="Thử", body="Nội dung",
            )  # fmt: skip
    connection.set_schema_to_public()
    assert sweep.apply(kwargs={"batch_size": 3}).get() == 2  # four demo localities, 3 a batch
    for name in ("tu_ky", "chu_puh"):
        with tenant_context(demo_localities[name]):
            message = Message.objects.get(key=f"sweep:{name}")
            assert (message.state, message.attempts) == (MessageState.SENT, 2)
    assert sorted(m["To"] for m in mailbox.messages) == ["chu_puh@example.com", "tu_ky@example.com"]


def test_the_sweep_is_one_beat_entry():
    entries = [
        e for e in django_settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "outbox.sweep"
    ]
    assert len(entries) == 1 and entries[0]["schedule"] <= 60
