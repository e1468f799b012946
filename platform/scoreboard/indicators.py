"""The one-stop desk's table and Decision 766/QĐ-TTg's groups, as arithmetic on counts.

Pure functions: `selectors.py` counts the index rows (one SQL statement per table), this module
turns the counts into shares and points, each with the formula shown beside it on the page.

The on-time share (tỷ lệ đúng hạn) used everywhere, labelled on every page (`ON_TIME_DEFINITION`):

    (finished early or on time + still in processing and not late at the end of the period)
    / (finished in the period + still in processing at its end)

"finished" is done (result approved) or stopped/refused after reception; withdrawn dossiers are
left out; a dossier asked for a supplement more than once counts late; the supplement waiting
is already outside the appointment (workflows.calendar.appointment_after_pauses).

    >>> table = DeskTable(received=8, carried_over=2, done_early=3, done_on_time=2, done_late=1,
    ...     refused=1, refused_late=0, withdrawn=1, processing_late=1, processing_near_due=0,
    ...     processing_not_due=1)
    >>> table.to_process, table.in_processing, table.on_time_share
    (10, 2, Decimal('77.8'))      # (3 + 2 + 1 + 1) / (6 + 1 + 2)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

ON_TIME_DEFINITION = _(
    "Tỷ lệ đúng hạn = (hồ sơ đã giải quyết trước hạn và đúng hạn + hồ sơ đang giải quyết chưa "
    "quá hạn tại cuối kỳ) / (hồ sơ đã giải quyết trong kỳ + hồ sơ đang giải quyết tại cuối kỳ). "
    "“Đã giải quyết” gồm hồ sơ có kết quả và hồ sơ dừng, từ chối sau khi tiếp nhận; hồ sơ công dân "
    "rút không tính; hồ sơ bị yêu cầu bổ sung quá một lần tính là quá hạn; thời gian chờ bổ sung "
    "không tính vào thời hạn."
)

#: Columns of the desk's monthly table, in the order of the page and the exports.
COLUMNS = (
    ("carried_over", _("Kỳ trước chuyển qua")),
    ("received", _("Tiếp nhận trong kỳ")),
    ("to_process", _("Tổng số phải giải quyết")),
    ("done_early", _("Đã giải quyết: trước hạn")),
    ("done_on_time", _("Đã giải quyết: đúng hạn")),
    ("done_late", _("Đã giải quyết: quá hạn")),
    ("processing_not_due", _("Đang giải quyết: chưa đến hạn")),
    ("processing_near_due", _("Đang giải quyết: sắp đến hạn")),
    ("processing_late", _("Đang giải quyết: quá hạn")),
    ("not_collected", _("Có kết quả, chưa trả")),
    ("withdrawn", _("Công dân rút hồ sơ")),
    ("refused", _("Dừng, từ chối giải quyết")),
    ("paused", _("Tạm dừng, chờ bổ sung")),
    ("on_time_share", _("Tỷ lệ đúng hạn (%)")),
    ("average_processing_days", _("Thời gian giải quyết trung bình (ngày, theo lịch)")),
)

HUNDRED = Decimal(100)


def percent(part: int, whole: int) -> Decimal | None:
    """`part / whole` in percent with one decimal (None when there is nothing to divide)."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class DeskTable:
    """One row of the desk's table (a unit, a procedure or a whole province) for one period."""

    received: int = 0
    carried_over: int = 0
    done_early: int = 0
    done_on_time: int = 0
    done_late: int = 0
    refused: int = 0
    refused_late: int = 0
    withdrawn: int = 0
    processing_late: int = 0
    processing_near_due: int = 0
    processing_not_due: int = 0
    not_collected: int = 0
    paused: int = 0
    online_received: int = 0
    with_fee: int = 0
    paid_online: int = 0
    electronic_result: int = 0
    #: Done with digitised components and an electronic result (Decision 766).
    digitised: int = 0
    #: Received in the period with a paper already digitised, reused.
    reused_digitised: int = 0
    negative_rating: int = 0
    processing_hours: Decimal = Decimal(0)

    @classmethod
    def from_counts(cls, counts: dict) -> DeskTable:
        values: dict[str, Any] = {k: (v or 0) for k, v in counts.items() if k in _TABLE_FIELDS}
        return cls(**values)

    def __add__(self, other: DeskTable) -> DeskTable:
        values: dict[str, Any] = {
            name: getattr(self, name) + getattr(other, name) for name in _TABLE_FIELDS
        }
        return DeskTable(**values)

    @property
    def to_process(self) -> int:
        return self.received + self.carried_over

    @property
    def done(self) -> int:
        return self.done_early + self.done_on_time + self.done_late

    @property
    def finished(self) -> int:
        """Done or stopped/refused after reception (the on-time indicator's finished dossiers)."""
        return self.done + self.refused

    @property
    def in_processing(self) -> int:
        return self.processing_late + self.processing_near_due + self.processing_not_due

    @property
    def handled(self) -> int:
        """The on-time indicator's denominator: finished in the period + open at its end."""
        return self.finished + self.in_processing

    @property
    def late(self) -> int:
        return self.done_late + self.refused_late + self.processing_late

    @property
    def on_time_share(self) -> Decimal | None:
        return percent(self.handled - self.late, self.handled)

    @property
    def average_processing_days(self) -> Decimal | None:
        """Calendar days from reception to the result, on average over the dossiers done."""
        if not self.done:
            return None
        days = Decimal(self.processing_hours) / Decimal(24) / Decimal(self.done)
        return days.quantize(Decimal("0.1"), ROUND_HALF_UP)

    def value(self, column: str):
        return getattr(self, column)

    def row(self) -> list:
        return [self.value(name) for name, _label in COLUMNS]


_TABLE_FIELDS = tuple(f.name for f in fields(DeskTable))


_TABLE_FIELDS = tuple(f.name for f in fields(DeskTable))


# -- Decision 766's groups ---------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """One indicator: its value (percent), the threshold for full marks, its points out of its
    share of the group, and the formula as the page shows it."""

    group: str
    name: str
    formula: str
    part: int
    whole: int
    threshold: Decimal
    max_points: Decimal

    @property
    def value(self) -> Decimal | None:
        return percent(self.part, self.whole)

    @property
    def points(self) -> Decimal | None:
        """Full marks at or above the threshold, else in proportion; None without data."""
        value = self.value
        if value is None:
            return None
        share = min(Decimal(1), value / self.threshold)
        return (self.max_points * share).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    max_points: Decimal
    indicators: tuple[Indicator, ...]

    @property
    def points(self) -> Decimal | None:
        scored = [i.points for i in self.indicators if i.points is not None]
        if not scored:
            return None
        # Indicators without data are left out and the group scaled to the ones computed.
        computed = sum((i.max_points for i in self.indicators if i.points is not None), Decimal(0))
        return (sum(scored, Decimal(0)) * self.max_points / computed).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Catalogue:
    """What the unit's procedure catalogue says (procedure_plugins), for the groups that read it."""

    procedures: int = 0
    online: int = 0
    complete: int = 0
    with_fee: int = 0


PUBLICITY, ON_TIME, DIGITISATION, ONLINE, SATISFACTION = (
    "publicity",
    "on_time",
    "digitisation",
    "online",
    "satisfaction",
)


def _split(total: int, count: int) -> Decimal:
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.01"))


def score_groups(table: DeskTable, catalogue: Catalogue | None = None) -> list[Group]:
    """Decision 766's five groups from one table (and the catalogue, when the unit has one).

    The points of a group are split equally between the indicators computed here (the decision's
    own sub-weights are not in our sources); an indicator without data is shown as such.
    """
    catalogue = catalogue or Catalogue()
    full, eighty, fifty, ninety = (Decimal(x) for x in (100, 80, 50, 90))
    satisfied = table.handled - table.late - table.negative_rating
    return [
        Group(
            PUBLICITY,
            str(_("Công khai, minh bạch")),
            Decimal(18),
            (
                Indicator(
                    PUBLICITY,
                    str(_("Thủ tục công khai đủ bảy bộ phận")),
                    str(
                        _(
                            "thủ tục có đủ trình tự, cách thức, thành phần hồ sơ, thời hạn, đối "
                            "tượng, cơ quan thực hiện, kết quả / thủ tục của đơn vị"
                        )
                    ),
                    catalogue.complete,
                    catalogue.procedures,
                    full,
                    Decimal(18),
                ),
            ),
        ),
        Group(
            ON_TIME,
            str(_("Tiến độ giải quyết")),
            Decimal(20),
            (
                Indicator(
                    ON_TIME,
                    str(_("Hồ sơ giải quyết đúng hạn")),
                    str(ON_TIME_DEFINITION),
                    table.handled - table.late,
                    table.handled,
                    full,
                    Decimal(20),
                ),
            ),
        ),
        Group(
            DIGITISATION,
            str(_("Số hóa hồ sơ")),
            Decimal(22),
            (
                Indicator(
                    DIGITISATION,
                    str(_("Hồ sơ có kết quả điện tử")),
                    str(_("hồ sơ đã giải quyết có kết quả điện tử / hồ sơ đã giải quyết")),
                    table.electronic_result,
                    table.done,
                    eighty,
                    _split(22, 3),
                ),
                Indicator(
                    DIGITISATION,
                    str(_("Hồ sơ số hóa thành phần và kết quả")),
                    str(
                        _(
                            "hồ sơ đã giải quyết có thành phần hồ sơ số hóa và kết quả điện tử / "
                            "hồ sơ đã giải quyết (≥ 80 %: đủ điểm)"
                        )
                    ),
                    table.digitised,
                    table.done,
                    eighty,
                    _split(22, 3),
                ),
                Indicator(
                    DIGITISATION,
                    str(_("Hồ sơ tái sử dụng giấy tờ đã số hóa")),
                    str(
                        _(
                            "hồ sơ tiếp nhận có dùng lại giấy tờ đã số hóa / hồ sơ tiếp nhận "
                            "(≥ 80 %: đủ điểm)"
                        )
                    ),
                    table.reused_digitised,
                    table.received,
                    eighty,
                    _split(22, 3),
                ),
            ),
        ),
        Group(
            ONLINE,
            str(_("Cung cấp dịch vụ công trực tuyến")),
            Decimal(22),
            (
                Indicator(
                    ONLINE,
                    str(_("Thủ tục cung cấp trực tuyến")),
                    str(_("thủ tục cung cấp trực tuyến / thủ tục của đơn vị (≥ 80 %: đủ điểm)")),
                    catalogue.online,
                    catalogue.procedures,
                    eighty,
                    _split(22, 3),
                ),
                Indicator(
                    ONLINE,
                    str(_("Hồ sơ nộp trực tuyến")),
                    str(_("hồ sơ tiếp nhận trực tuyến / hồ sơ tiếp nhận (≥ 50 %: đủ điểm)")),
                    table.online_received,
                    table.received,
                    fifty,
                    _split(22, 3),
                ),
                Indicator(
                    ONLINE,
                    str(_("Hồ sơ thanh toán trực tuyến")),
                    str(_("hồ sơ thanh toán trực tuyến / hồ sơ có phí, lệ phí")),
                    table.paid_online,
                    table.with_fee,
                    full,
                    _split(22, 3),
                ),
            ),
        ),
        Group(
            SATISFACTION,
            str(_("Mức độ hài lòng")),
            Decimal(18),
            (
                Indicator(
                    SATISFACTION,
                    str(_("Mức độ hài lòng")),
                    str(
                        _(
                            "100 % − (tỷ lệ hồ sơ quá hạn + tỷ lệ hồ sơ bị đánh giá không hài "
                            "lòng), trên hồ sơ đã và đang giải quyết (≥ 90 %: đủ điểm)"
                        )
                    ),
                    max(satisfied, 0),
                    table.handled,
                    ninety,
                    Decimal(18),
                ),
            ),
        ),
    ]


def total_points(groups: list[Group]) -> Decimal | None:
    scored = [g.points for g in groups if g.points is not None]
    return sum(scored, Decimal(0)) if scored else None
