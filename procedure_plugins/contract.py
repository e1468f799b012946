"""The procedure plugin contract: what a plugin declares, attribute by attribute.

A plugin is a class with declarative attributes, registered under its national procedure code::

    from procedure_plugins import register
    from procedure_plugins.contract import (
        ProcedurePlugin, RequiredDocument, Free, LegalDocument, same_day,
    )

    @register("1.001193")
    class BirthRegistration(ProcedurePlugin):
        version = 1
        name = "Đăng ký khai sinh"
        field = "Hộ tịch"
        agency = "Ủy ban nhân dân cấp xã"
        levels = ("commune",)
        online_level = OnlineLevel.FULL
        applicant_types = (ApplicantType.CITIZEN,)
        processing_time = same_day()          # or working_days(3), working_hours(8)
        fee = Free(note="Miễn lệ phí khi đăng ký đúng hạn.")
        legal_basis = (LegalDocument("60/2014/QH13", "Luật Hộ tịch"),)
        documents = (RequiredDocument(key="to_khai", name="Tờ khai đăng ký khai sinh"),)
        result = "Giấy khai sinh (bản chính)."
        schema = {...}            # JSON Schema (Draft 2020-12) with UI hints, see schema/
        workflow = BirthRegistrationDossier   # a proxy of workflows.Dossier, or Dossier itself
        source = "CSDL quốc gia về TTHC, mã 1.001193"

The registry refuses a class that lacks a required attribute or gives one of the wrong type
(see `REQUIRED_ATTRIBUTES`); `manage.py check` looks deeper (schema, workflow graph).
Value objects below are frozen dataclasses so that a plugin's declaration cannot be changed by
the code that reads it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from workflows.deadlines.shares import StepShares
from workflows.timing import ProcessingKind, ProcessingTime

from .choices import ApplicantType, DocumentForm, OnlineLevel

# --- processing time -----------------------------------------------------------------------------
# One class for the whole platform: the legal clock (workflows/calendar.py) reads exactly what a
# plugin declares. `ProcessingTime("working_days", 3)`, `ProcessingTime("working_hours", 8)`,
# `ProcessingTime("same_day", cutoff=time(15, 0))` (cutoff None: the locality's own cut-off).


def working_days(amount: int) -> ProcessingTime:
    return ProcessingTime(ProcessingKind.WORKING_DAYS, amount)


def working_hours(amount: int) -> ProcessingTime:
    return ProcessingTime(ProcessingKind.WORKING_HOURS, amount)


def same_day(*, cutoff: datetime.time | None = datetime.time(15, 0)) -> ProcessingTime:
    """Returned the day it is received; received after `cutoff` → the next working day."""
    return ProcessingTime(ProcessingKind.SAME_DAY, 0, cutoff=cutoff)


def processing_time_with_amount(time: ProcessingTime, amount: int) -> ProcessingTime:
    return replace(time, amount=amount)


# --- fees ----------------------------------------------------------------------------------------


def format_vnd(amount: int, *, sign: str = "đồng") -> str:
    """`12000` → `12.000 đồng` (Vietnamese thousands separator), as slips and fee notes write it;
    pages write `12.000 đ` (`sign="đ"`, with a no-break space) in every language."""
    grouped = f"{amount:,}".replace(",", ".")
    return f"{grouped} đồng" if sign == "đồng" else f"{grouped}\u00a0{sign}"


@dataclass(frozen=True, kw_only=True)
class FeeRule:
    """How the fee (phí, lệ phí) of a dossier is worked out from its answers.

    `limits` (min, max in VND) is the range within which a locality may set its own amount
    (lệ phí decided by the provincial People's Council, for instance); None means the amount is
    fixed by national law and cannot be changed locally.
    """

    note: str = ""
    limits: tuple[int, int] | None = None

    @property
    def base_amount(self) -> int | None:
        """The amount a locality may override (None when the rule has none)."""
        return None

    def with_amount(self, amount: int) -> FeeRule:
        raise ValueError("this fee rule has no amount to override")

    def amount_for(self, answers: Mapping[str, Any]) -> int:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def answer_fields(self) -> tuple[str, ...]:
        """Top-level form answers the rule reads (checked against the schema)."""
        return ()


@dataclass(frozen=True, kw_only=True)
class Free(FeeRule):
    """No fee: `Free(note="Miễn lệ phí đối với trường hợp đăng ký đúng hạn")`."""

    def amount_for(self, answers: Mapping[str, Any]) -> int:
        return 0

    def describe(self) -> str:
        return _("Không thu phí, lệ phí") + (f". {_(self.note)}" if self.note else "")


@dataclass(frozen=True, kw_only=True)
class Fixed(FeeRule):
    """One amount per dossier: `Fixed(amount=100_000, limits=(0, 100_000))`."""

    amount: int = 0

    @property
    def base_amount(self) -> int:
        return self.amount

    def with_amount(self, amount: int) -> Fixed:
        return replace(self, amount=amount)

    def amount_for(self, answers: Mapping[str, Any]) -> int:
        return self.amount

    def describe(self) -> str:
        text = _("%(amount)s/hồ sơ") % {"amount": format_vnd(self.amount)}
        return text + (f". {_(self.note)}" if self.note else "")


@dataclass(frozen=True, kw_only=True)
class PerCopy(FeeRule):
    """An amount per copy requested, the count read from a form answer:
    `PerCopy(amount=8_000, copies_field="so_ban_sao")`."""

    amount: int = 0
    copies_field: str = "so_ban"

    @property
    def base_amount(self) -> int:
        return self.amount

    def with_amount(self, amount: int) -> PerCopy:
        return replace(self, amount=amount)

    def amount_for(self, answers: Mapping[str, Any]) -> int:
        copies = answers.get(self.copies_field) or 0
        return self.amount * int(copies)

    def describe(self) -> str:
        text = _("%(amount)s/bản") % {"amount": format_vnd(self.amount)}
        return text + (f". {_(self.note)}" if self.note else "")

    def answer_fields(self) -> tuple[str, ...]:
        return (self.copies_field,)


@dataclass(frozen=True, kw_only=True)
class Computed(FeeRule):
    """A fee worked out by a pure function of the answers, described in words for citizens.

    `Computed(function=fee_per_page, description="2.000 đồng/trang…", reads=("ban_sao",))`.
    """

    function: Callable[[Mapping[str, Any]], int] | None = None
    description: str = ""
    reads: tuple[str, ...] = ()

    def amount_for(self, answers: Mapping[str, Any]) -> int:
        assert self.function is not None
        return int(self.function(answers))

    def describe(self) -> str:
        return (_(self.description) if self.description else "") + (
            f". {_(self.note)}" if self.note else ""
        )

    def answer_fields(self) -> tuple[str, ...]:
        return self.reads


# --- documents, legal basis ----------------------------------------------------------------------

#: What the dossier feature accepts unless a document says otherwise.
DEFAULT_FILE_TYPES = ("application/pdf", "image/jpeg", "image/png")


@dataclass(frozen=True)
class BlankForm:
    """A blank form to download (mẫu đơn, tờ khai).

    `template` is an HTML template (the plugin's templates/ folder first), rendered to PDF on
    download; `file` is a file shipped in the plugin package (path relative to it), served as is.
    """

    title: str
    #: Default: a blank paper version of the plugin's own form schema, with the national header.
    template: str = "procedure_plugins/documents/blank_form.html"
    file: str = ""


@dataclass(frozen=True)
class RequiredDocument:
    """One item of "thành phần hồ sơ".

    `key` is stable across versions: the dossier's attachments are filed under it.
    `required_when` makes a document required only for some answers, as data:
    `{"cha_me_da_dang_ky_ket_hon": True}` (every listed answer must equal the value, or be one of
    the values of a tuple: `{"loai_bien_dong": ("chuyen_nhuong", "tang_cho")}`).
    """

    key: str
    name: str
    copies: int = 1
    form: DocumentForm = DocumentForm.ORIGINAL
    required: bool = True
    required_when: Mapping[str, Any] | None = None
    #: Shown under the name: in which case, what exactly.
    note: str = ""
    accepted_types: tuple[str, ...] = DEFAULT_FILE_TYPES
    max_size_mb: int = 10
    #: Several files for one document (e.g. each page photographed separately).
    max_files: int = 5
    blank_form: BlankForm | None = None

    def is_required_for(self, answers: Mapping[str, Any]) -> bool:
        if not self.required:
            return False
        if not self.required_when:
            return True
        return all(
            answers.get(name) in value
            if isinstance(value, tuple | list | frozenset | set)
            else answers.get(name) == value
            for name, value in self.required_when.items()
        )

    @property
    def accepted_extensions(self) -> tuple[str, ...]:
        names = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
        return tuple(names.get(t, t) for t in self.accepted_types)


@dataclass(frozen=True)
class LegalDocument:
    """An item of the legal basis: `LegalDocument("123/2015/NĐ-CP", "Nghị định ... hộ tịch")`."""

    number: str
    title: str
    url: str = ""

    def __str__(self) -> str:
        return f"{_(self.title)} ({self.number})" if self.title else self.number


# --- the plugin ----------------------------------------------------------------------------------


class ProcedurePlugin:
    """Base class of every procedure plugin; subclass it and set the attributes below."""

    #: National procedure code from the national database (csdl.dichvucong.gov.vn), "1.001193".
    #: Set by `@register("1.001193")`; do not set it by hand.
    code: ClassVar[str] = ""
    #: Bump when the schema or the workflow changes in a way old dossiers cannot follow, and keep
    #: the old class registered: a dossier stays pinned to the version it was submitted under.
    version: ClassVar[int] = 1
    #: Official name: "Đăng ký khai sinh".
    name: ClassVar[str]
    #: Field (lĩnh vực): "Hộ tịch", "Chứng thực", "Đất đai", "Thành lập và hoạt động của hộ kinh
    #: doanh".
    field: ClassVar[str]
    #: Agency that handles it (cơ quan thực hiện): "Ủy ban nhân dân cấp xã".
    agency: ClassVar[str]
    #: Levels of locality that may offer it: values of tenants.choices.Level, ("commune",).
    levels: ClassVar[tuple[str, ...]]
    online_level: ClassVar[OnlineLevel]
    #: Who may apply: (ApplicantType.CITIZEN,) or both.
    applicant_types: ClassVar[tuple[ApplicantType, ...]]
    processing_time: ClassVar[ProcessingTime]
    #: What the law adds to the time, shown to citizens: "Trường hợp cần xác minh: 05 ngày".
    processing_time_note: ClassVar[str] = ""
    #: (min, max) amount a locality may set in `processing_time`'s unit; None = fixed by law.
    processing_time_limits: ClassVar[tuple[int, int] | None] = None
    #: After a supplement, the clock restarts from zero (True) or resumes where it stopped.
    restart_clock_after_supplement: ClassVar[bool] = False
    #: Each desk step's share (percent) of the legal time, and the range within which a locality
    #: may set its own: `StepShares(receive=10, process=60, approve=20, return_result=10,
    #: limits=(5, 80))`. None: the platform's defaults (`DEFAULT_STEP_SHARES`, the same numbers).
    #: An officer is warned when a step runs over its share; the history shows each step early,
    #: on time or late (workflows/deadlines/).
    step_shares: ClassVar[StepShares | None] = None
    fee: ClassVar[FeeRule]
    legal_basis: ClassVar[tuple[LegalDocument, ...]]
    documents: ClassVar[tuple[RequiredDocument, ...]]
    #: What the citizen receives: "Giấy khai sinh (bản chính) và bản sao nếu có yêu cầu".
    result: ClassVar[str]
    #: The form as JSON Schema (Draft 2020-12) with UI hints; build it with schema.fields.
    schema: ClassVar[dict[str, Any]]
    #: The dossier's state machine: workflows.models.Dossier or a proxy of it.
    workflow: ClassVar[type]
    #: Where the facts above come from (procedure code in the national database, legal texts).
    source: ClassVar[str]

    #: Steps of the procedure (trình tự thực hiện), shown on the procedure page.
    steps: ClassVar[tuple[str, ...]] = ()
    #: Conditions the applicant must meet (yêu cầu, điều kiện), if any.
    requirements: ClassVar[tuple[str, ...]] = ()
    #: Result documents: key → template name in the plugin's templates/ folder.
    result_templates: ClassVar[Mapping[str, str]] = {}
    #: Extra words citizens search with: ("làm giấy khai sinh", "khai sinh cho con").
    keywords: ClassVar[tuple[str, ...]] = ()
    #: Order on "most used" lists until dossiers exist to count (lower first).
    usage_rank: ClassVar[int] = 100
    #: National status code (1–10, `workflows.national_status.NationalStatus`) of each state the
    #: plugin's workflow adds (`EXTRA_STATES`): `{"field_inspection": NationalStatus.PROCESSING}`.
    #: The base lifecycle's states are mapped by the platform (workflows/national_status.py), so a
    #: plugin without states of its own declares nothing; `manage.py check` refuses a plugin state
    #: without a code (E040).
    national_status_codes: ClassVar[Mapping[str, int]] = {}

    # -- behaviour with a default; override only when the law needs it --

    @classmethod
    def fee_for(cls, answers: Mapping[str, Any], *, amount: int | None = None) -> int:
        """The fee of a dossier in VND; `amount` is a locality's own base amount, if it set one."""
        rule = cls.fee if amount is None else cls.fee.with_amount(amount)
        return rule.amount_for(answers)

    @classmethod
    def documents_required_for(cls, answers: Mapping[str, Any]) -> list[RequiredDocument]:
        return [doc for doc in cls.documents if doc.is_required_for(answers)]

    @classmethod
    def label(cls) -> str:
        return f"{cls.code} v{cls.version} ({cls.__module__}.{cls.__qualname__})"


@dataclass(frozen=True)
class AttributeSpec:
    name: str
    types: tuple[type, ...]
    check: Callable[[Any], bool] = field(default=lambda value: True)
    hint: str = ""


def _is_tuple_of(kind: type) -> Callable[[Any], bool]:
    return lambda value: all(isinstance(item, kind) for item in value)


#: Attributes the registry insists on; a class missing one is refused at registration.
REQUIRED_ATTRIBUTES: tuple[AttributeSpec, ...] = (
    AttributeSpec("version", (int,), lambda v: v >= 1, "a positive int"),
    AttributeSpec("name", (str,), bool, "a non-empty str"),
    AttributeSpec("field", (str,), bool, "a non-empty str"),
    AttributeSpec("agency", (str,), bool, "a non-empty str"),
    AttributeSpec("levels", (tuple,), bool, "a non-empty tuple of locality levels"),
    AttributeSpec("online_level", (OnlineLevel,), hint="an OnlineLevel"),
    AttributeSpec(
        "applicant_types",
        (tuple,),
        lambda v: bool(v) and _is_tuple_of(ApplicantType)(v),
        "a non-empty tuple of ApplicantType",
    ),
    AttributeSpec("processing_time", (ProcessingTime,), hint="a ProcessingTime"),
    AttributeSpec("fee", (FeeRule,), hint="a FeeRule (Free, Fixed, PerCopy, Computed)"),
    AttributeSpec("legal_basis", (tuple,), _is_tuple_of(LegalDocument), "a tuple of LegalDocument"),
    AttributeSpec(
        "documents", (tuple,), _is_tuple_of(RequiredDocument), "a tuple of RequiredDocument"
    ),
    AttributeSpec("result", (str,), bool, "a non-empty str"),
    AttributeSpec("schema", (dict,), bool, "a JSON Schema dict"),
    AttributeSpec("workflow", (type,), hint="workflows.models.Dossier or a proxy of it"),
    AttributeSpec("source", (str,), bool, "a non-empty str naming where the facts come from"),
)
