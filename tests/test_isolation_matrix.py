"""The isolation matrix: every URL pattern of both URLconfs (from Django's resolver, so Wagtail's
admin and the API's operations too) × the hosts of two communes of different provinces and the
national root × every kind of session, with the path parameters filled with the real ids of
seeded dossiers, files and slips — of the host's own locality and of the other one.

What each view may answer with a 2xx is declared once, in `MAY_SEE` (keyed by URL name); the
test fails on a 2xx nobody declared, on a URL pattern without a declaration, and on any answer
that shows a person's personal data (name, ID number, phone, e-mail, file bytes: unique markers
seeded below) to a session that is not allowed to see that person's dossier."""

from __future__ import annotations

import fnmatch
import json
import os
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests.urlwalk import Route, routes

pytestmark = pytest.mark.slow

# -- the kinds of session, relative to the host's locality ---------------------------------------

ANONYMOUS = "anonymous"
CITIZEN = "citizen"  # an account with no dossier and no role anywhere
APPLICANT = "applicant"  # the applicant of the host locality's dossier
DESK_ROLES = ("receiving_officer", "specialist", "leader", "returning_officer")
EDITOR = "editor"
LOCALITY_ADMIN = "locality_admin"
ELSEWHERE = "officer_elsewhere"  # every role (desk, editor, admin) in the other commune
PROVINCIAL_ADMIN = "provincial_admin"  # administrator of the host commune's province
PLATFORM_ADMIN = "platform_admin"
SESSIONS = (
    ANONYMOUS,
    CITIZEN,
    APPLICANT,
    *DESK_ROLES,
    EDITOR,
    LOCALITY_ADMIN,
    ELSEWHERE,
    PROVINCIAL_ADMIN,
    PLATFORM_ADMIN,
)
EVERYONE = frozenset(SESSIONS)
SIGNED_IN = EVERYONE - {ANONYMOUS}
DESK = frozenset(DESK_ROLES)
NOBODY: frozenset[str] = frozenset()

# -- who may get a 2xx, per URL name ----------------------------------------------------------
#
# With the host's own objects in the path. With another locality's objects in the path nobody
# gets a 2xx from a view that takes an object (`OBJECT_PARAMETERS`). Keys are URL names with
# their namespace; a key may be a shell pattern (Wagtail's admin, Django's i18n).

MAY_SEE: dict[str, frozenset[str]] = {
    "set_language": NOBODY,
    "identity:register": frozenset({ANONYMOUS}),
    "identity:registered": SIGNED_IN,
    "identity:terms": EVERYONE,
    "identity:confirm_email": NOBODY,
    "identity:resend_confirmation": NOBODY,
    "identity:login": frozenset({ANONYMOUS}),
    "identity:logout": NOBODY,
    "identity:password_reset": EVERYONE,
    "identity:password_reset_done": EVERYONE,
    "identity:password_reset_confirm": EVERYONE,
    "identity:password_reset_complete": EVERYONE,
    "identity:password_change": SIGNED_IN,
    "identity:profile": SIGNED_IN,
    "identity:oidc_start": NOBODY,
    "identity:oidc_callback": NOBODY,
    "staff:staff_list": frozenset({LOCALITY_ADMIN, PLATFORM_ADMIN}),
    "staff:staff_appoint": NOBODY,
    "staff:staff_remove": NOBODY,
    "staff:locality_list": frozenset({PLATFORM_ADMIN}),
    "staff:locality_detail": NOBODY,
    "captcha-image": NOBODY,
    "captcha-image-2x": NOBODY,
    "captcha-audio": NOBODY,
    "captcha-refresh": NOBODY,
    "catalogue:index": EVERYONE,
    "catalogue:communes": NOBODY,
    "catalogue:manage": frozenset({LOCALITY_ADMIN, PLATFORM_ADMIN, PROVINCIAL_ADMIN}),
    "catalogue:detail": EVERYONE,
    "catalogue:schema": EVERYONE,
    "catalogue:diagram": EVERYONE,
    "catalogue:form": NOBODY,
    "catalogue:blank_form": NOBODY,
    "catalogue:result_specimen": NOBODY,
    "workflows:submit": NOBODY,
    "workflows:mine": SIGNED_IN,
    "workflows:lookup": EVERYONE,
    "workflows:choose_unit": NOBODY,
    "workflows:inbox": DESK,
    "workflows:desk_queue": DESK,
    "workflows:inbox_export": DESK,
    "workflows:desk_assign_many": NOBODY,
    "workflows:desk_assign": NOBODY,
    "workflows:counter_start": frozenset({"receiving_officer"}),
    "workflows:counter_dossier": NOBODY,
    "workflows:counter_done": NOBODY,
    "workflows:register": DESK,
    "workflows:register_pdf": DESK,
    "workflows:register_xlsx": DESK,
    "workflows:control_slip": DESK,
    "workflows:desk_detail": DESK,
    "workflows:handover_send": NOBODY,
    "workflows:handover_return": NOBODY,
    "workflows:boundary_free": NOBODY,
    "workflows:desk_apology": NOBODY,
    "workflows:desk_result": NOBODY,
    "workflows:desk_transition": NOBODY,
    "workflows:detail": frozenset({APPLICANT}),
    "workflows:draft_form": NOBODY,
    "workflows:draft_documents": NOBODY,
    "workflows:draft_delivery": NOBODY,
    "workflows:draft_review": NOBODY,
    "workflows:draft_discard": NOBODY,
    "workflows:confirmation": frozenset({APPLICANT}),
    "workflows:receipt": frozenset({APPLICANT}),
    "workflows:withdraw": frozenset({APPLICANT}),
    "workflows:rate": NOBODY,
    "workflows:attachment": DESK | {APPLICANT},
    "workflows:issued": DESK,
    "scoreboard:board": frozenset({"leader", LOCALITY_ADMIN, PLATFORM_ADMIN, PROVINCIAL_ADMIN}),
    "scoreboard:public": EVERYONE,
    "scoreboard:report": frozenset({"leader", LOCALITY_ADMIN, PLATFORM_ADMIN, PROVINCIAL_ADMIN}),
    "scoreboard:dossiers": NOBODY,
    "scoreboard:export": NOBODY,
    "outbox:my_notifications": SIGNED_IN,
    "outbox:dossier_messages": DESK,
    "outbox:message_resend": NOBODY,
    "outbox:message_templates": frozenset({LOCALITY_ADMIN, PLATFORM_ADMIN}),
    "outbox:message_template_edit": NOBODY,  # the matrix's slugs name no event
    "personal_data_export": SIGNED_IN,  # one's own data only (the leak check reads the body)
    # Every staff member of the unit sees at least their own row (an editor's is empty).
    "scoreboard:officers": DESK | {EDITOR, LOCALITY_ADMIN, PLATFORM_ADMIN, PROVINCIAL_ADMIN},
    "scoreboard:officers_export": NOBODY,  # the matrix's slug names no format
    "wagtaildocs_serve": NOBODY,
    "wagtaildocs_authenticate_with_password": NOBODY,
    "healthz": EVERYONE,
    "api_v1:openapi-json": EVERYONE,
    "api_v1:openapi-view": EVERYONE,
    "api_v1:procedures": EVERYONE,
    "api_v1:procedure": NOBODY,
    "api_v1:lookup": NOBODY,
    "api_v1:my_dossiers": SIGNED_IN,
    # The same path as api_v1:my_dossiers (GET lists, POST creates): a GET answers the list.
    "api_v1:create_draft": SIGNED_IN,
    "api_v1:dossier": frozenset({APPLICANT}),
    "api_v1:save_answers": NOBODY,
    "api_v1:set_delivery": NOBODY,
    "api_v1:add_file": NOBODY,
    "api_v1:remove_file": NOBODY,
    "api_v1:submit": NOBODY,
    "api_v1:supplement": NOBODY,
    "api_v1:withdraw": NOBODY,
    "api_v1:rate": NOBODY,
    "api_v1:inbox": DESK,
    "api_v1:desk_dossier": DESK,
    "api_v1:act": NOBODY,
    "api_v1:attach_result": NOBODY,
    "api_v1:statistics": EVERYONE,
    "api_v1:api-root": NOBODY,
    "portal.private_files.serve_public_media": NOBODY,
    "wagtailcore_authenticate_with_password": NOBODY,
    "wagtailcore_login": EVERYONE,
    "wagtail_serve": EVERYONE,
    "national_home": EVERYONE,
    "locality_directory": NOBODY,
    "my_dossiers": SIGNED_IN,
    "dossier_lookup": EVERYONE,
    "choose_unit": EVERYONE,
    "api_v1_national:openapi-json": EVERYONE,
    "api_v1_national:openapi-view": EVERYONE,
    "api_v1_national:unit_procedures": NOBODY,
    "api_v1_national:unit_procedure": NOBODY,
    "api_v1_national:lookup": NOBODY,
    "api_v1_national:intake": NOBODY,
    "api_v1_national:intake_status": NOBODY,
    "api_v1_national:statistics": EVERYONE,
    "api_v1_national:api-root": NOBODY,
    # Wagtail's admin (/quan-tri/): the locality's editors; its login page and static assets to
    # whoever may log in.
    "wagtail*": frozenset({EDITOR}),
    "django.views.generic.base.TemplateView": frozenset({EDITOR}),  # /quan-tri/test404/
    "cms_notice_send": NOBODY,
    "wagtailadmin_login": SIGNED_IN - {EDITOR} | {ANONYMOUS},
    "wagtailadmin_javascript_catalog": frozenset({ANONYMOUS, EDITOR}),
    "wagtailadmin_sprite": frozenset({ANONYMOUS, EDITOR}),
}

#: Wagtail's admin (some 200 patterns) is the same code in every schema: it is walked on one
#: commune's host, by the sessions that could get in anywhere and by those that must not.
WAGTAIL_ADMIN_SESSIONS = {
    ANONYMOUS,
    CITIZEN,
    APPLICANT,
    "receiving_officer",
    EDITOR,
    ELSEWHERE,
    PLATFORM_ADMIN,
}

#: Path parameters that name a dossier, a file or a slip.
OBJECT_PARAMETERS = {"reference", "pk", "file_id"}


# -- seeded data, with unique markers --------------------------------------------------------


@dataclass
class Person:
    name: str
    id_number: str
    phone: str
    email: str
    file_bytes: str

    @property
    def markers(self) -> list[str]:
        return [self.name, self.id_number, self.phone, self.email, self.file_bytes]


PEOPLE = {
    "tu_ky": Person(
        "Zuvanex Quorrbat", "031090777101", "0977101202", "zuvanex@leak.test", "FILEBYTES-TK-7f3c"
    ),
    "chu_puh": Person(
        "Yelthar Mopprig", "064090888202", "0988202303", "yelthar@leak.test", "FILEBYTES-CP-9d1e"
    ),
}
OTHER = {"tu_ky": "chu_puh", "chu_puh": "tu_ky"}
PROVINCE = {"tu_ky": "hai_phong", "chu_puh": "gia_lai"}


def _answers(person: Person, commune: str) -> dict:
    return {
        "nguoi_yeu_cau": {
            "ho_ten": person.name,
            "so_dinh_danh": person.id_number,
            "noi_cu_tru": {"province": "31", "commune": "11074", "street": "Thôn Đông"},
            "dien_thoai": person.phone,
        },
        "quan_he": "ban_than",
        "loai_su_kien": "khai_sinh",
        "nguoi_duoc_cap": {"ho_ten": person.name, "ngay_sinh": "09/05/1990"},
        "noi_dang_ky": commune,
        "so_ban_sao": 1,
        "muc_dich": ["hoc_tap"],
    }


def _seed_commune(name: str, locality) -> dict:
    """In the commune's schema: its applicant with a dossier, a file and a slip, and one account
    per role."""
    from identity.tests.factories import make_user
    from staff.roles import Role, role_group
    from workflows.models import Attachment, IssuedDocument
    from workflows.tests.factories import make_dossier
    from workflows.tests.helpers import pdf_bytes

    person = PEOPLE[name]
    connection.set_tenant(locality)
    try:
        applicant = make_user(
            full_name=person.name,
            id_number=person.id_number,
            phone=person.phone,
            email=person.email,
        )
        dossier = make_dossier(applicant=applicant, answers=_answers(person, locality.name))
        content = pdf_bytes() + f"\n%{person.file_bytes}\n".encode()
        attachment = Attachment.objects.create(
            dossier=dossier,
            document_key="giay_to",
            file=ContentFile(content, "giay-to.pdf"),
            original_name="giay-to.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256="0" * 64,
            uploaded_by=applicant,
            uploaded_at=timezone.now(),
        )
        slip = IssuedDocument.objects.create(
            dossier=dossier,
            kind="result",
            file=ContentFile(content, "ket-qua.pdf"),
            issued_at=timezone.now(),
        )
        users = {APPLICANT: applicant}
        for role in (*DESK_ROLES, EDITOR, LOCALITY_ADMIN):
            user = make_user(full_name=f"Cán Bộ {name.title()} {role.replace('_', ' ').title()}")
            user.groups.add(role_group(Role(role)))
            users[role] = user
        everything = make_user(full_name=f"Cán Bộ Đủ Vai {name.title()}")
        for role in Role:
            everything.groups.add(role_group(role))
    finally:
        connection.set_schema_to_public()
    return {
        "users": users,
        "every_role": everything,
        "values": {
            "reference": str(dossier.reference),
            "pk": str(attachment.pk),
            "file_id": str(attachment.pk),
            "slip": str(slip.pk),
            "code": dossier.procedure_code,
        },
    }


def _provincial_admin(province):
    from identity.tests.factories import make_user
    from staff.roles import Role, role_group

    connection.set_tenant(province)
    try:
        user = make_user(full_name=f"Quản Trị Tỉnh {province.name}")
        user.groups.add(role_group(Role.LOCALITY_ADMIN))
    finally:
        connection.set_schema_to_public()
    return user


@pytest.fixture
def seeded(demo_localities, db):
    from identity.tests.factories import make_user

    communes = {name: _seed_commune(name, demo_localities[name]) for name in ("tu_ky", "chu_puh")}
    provincial = {
        name: _provincial_admin(demo_localities[PROVINCE[name]]) for name in ("tu_ky", "chu_puh")
    }
    citizen = make_user(full_name="Công Dân Không Hồ Sơ")
    platform_admin = make_user(full_name="Quản Trị Nền Tảng", is_staff=True)
    sessions = {}
    for name in ("tu_ky", "chu_puh"):
        sessions[name] = {
            ANONYMOUS: None,
            CITIZEN: citizen,
            **communes[name]["users"],
            ELSEWHERE: communes[OTHER[name]]["every_role"],
            PROVINCIAL_ADMIN: provincial[name],
            PLATFORM_ADMIN: platform_admin,
        }
    # On the national root, "the applicant" and the officers are Tứ Kỳ's.
    sessions["national"] = {**sessions["tu_ky"], ELSEWHERE: communes["chu_puh"]["every_role"]}
    return communes, sessions


# -- the walk ------------------------------------------------------------------------------------


def expected(route: Route) -> frozenset[str] | None:
    if route.url_name in MAY_SEE:
        return MAY_SEE[route.url_name]
    for key, sessions in MAY_SEE.items():
        if any(c in key for c in "*?[") and fnmatch.fnmatchcase(route.url_name, key):
            return sessions
    return None


def leaks(text: str, host_name: str, session: str) -> list[str]:
    """The markers of people whose data this session may not see on this host, found in text."""
    found = []
    for commune, person in PEOPLE.items():
        own_host = host_name == commune or (host_name == "national" and commune == "tu_ky")
        if own_host and (session == APPLICANT or (host_name == commune and session in DESK)):
            continue
        found += [marker for marker in person.markers if marker in text]
    return found


@dataclass
class Matrix:
    made: int = 0
    failures: list[str] = field(default_factory=list)
    undeclared: set[str] = field(default_factory=set)
    observed: dict[str, set[str]] = field(default_factory=dict)
    log: Any = None

    def request(self, client, host_name: str, session: str, route: Route, whose: str, values):
        if "issued" in route.url_name:  # a slip's id, not a file's
            values = {**values, "pk": values["slip"]}
        path = route.path({"uuid": values["reference"], "slug": "a"}, values)
        response = client.get(path)
        self.made += 1
        if self.log is not None:
            print(response.status_code, session, route.url_name, path, file=self.log, flush=True)
        allowed = expected(route)
        if allowed is None:
            self.undeclared.add(route.url_name)
        where = f"GET {client.defaults['HTTP_HOST']}{path} as {session} ({route.url_name})"
        if 200 <= response.status_code < 300:
            if whose == "own":
                self.observed.setdefault(route.url_name, set()).add(session)
            if session not in (allowed or NOBODY) or whose == "other":
                self.failures.append(f"{response.status_code} {where}, {whose} objects")
        body = b"".join(response) if response.streaming else response.content
        leaked = leaks(body.decode("utf-8", "replace"), host_name, session)
        if leaked:
            self.failures.append(f"LEAK {leaked}: {response.status_code} {where}")


def test_isolation_matrix(settings, demo_localities, seeded, capsys):
    communes, sessions = seeded
    hosts = {
        "tu_ky": settings.ROOT_URLCONF,
        "chu_puh": settings.ROOT_URLCONF,
        "national": settings.PUBLIC_SCHEMA_URLCONF,
    }
    # MATRIX_LOG=path: every request's status, session, URL name and path, for a look at the run.
    log = open(os.environ["MATRIX_LOG"], "w") if "MATRIX_LOG" in os.environ else None  # noqa: SIM115
    matrix = Matrix(log=log)
    started = time.monotonic()
    for host_name, urlconf in hosts.items():
        own = host_name if host_name != "national" else "tu_ky"
        fillings = {"own": communes[own]["values"], "other": communes[OTHER[own]]["values"]}
        all_routes = routes(urlconf)
        for session, user in sessions[host_name].items():
            client = Client(HTTP_HOST=demo_localities[host_name].get_primary_domain().domain)
            client.raise_request_exception = False
            for route in all_routes:
                if str(route.parts[0]) == "quan-tri/" and (
                    host_name != "tu_ky" or session not in WAGTAIL_ADMIN_SESSIONS
                ):
                    continue
                # Wagtail's ids are its pages' and images', not our dossiers' or files'.
                takes_object = (
                    bool(OBJECT_PARAMETERS & set(route.parameters))
                    and str(route.parts[0]) != "quan-tri/"
                )
                for whose, values in fillings.items():
                    if whose == "other" and not takes_object:
                        continue
                    if user is not None:  # again for each request: the logout URL logs out
                        client.force_login(user)
                    matrix.request(client, host_name, session, route, whose, values)
    seconds = time.monotonic() - started
    with capsys.disabled():
        print(f"\nisolation matrix: {matrix.made} requests in {seconds:.0f} s")
        observed = {k: sorted(v) for k, v in sorted(matrix.observed.items())}
        print(json.dumps(observed, indent=0, ensure_ascii=False))
    assert not matrix.undeclared, f"URL patterns without a declaration: {sorted(matrix.undeclared)}"
    assert not matrix.failures, "\n".join(matrix.failures[:200])
