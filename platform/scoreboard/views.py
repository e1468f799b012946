"""The statistics pages (/thong-ke/ on every portal): thin; figures from selectors, rules from
access, tables as sheets (sheets.py) that the page and both exports share."""

from __future__ import annotations

import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from documents.language import in_official_language
from documents.pdf import html_to_pdf
from procedure_plugins.registry import register
from tenants.choices import Level
from tenants.models import Locality
from workflows import clock
from workflows.calendar import to_local

from . import selectors
from .access import officer_scope, scoreboard_check
from .catalogue import unit_catalogue
from .charts import bars
from .indicators import COLUMNS, ON_TIME_DEFINITION, Catalogue, score_groups, total_points
from .periods import KINDS, Period, period_from_query, year_period
from .services import national_figures
from .sheets import Sheet, csv_bytes, desk_sheet, officer_sheet, score_sheet, xlsx_bytes

#: The columns whose dossiers a unit's page lists one click away.
DRILLABLE = (
    "received",
    "carried_over",
    "done_early",
    "done_on_time",
    "done_late",
    "processing_late",
    "processing_near_due",
    "processing_not_due",
    "not_collected",
    "withdrawn",
    "refused",
    "paused",
)


def _unit(request: HttpRequest) -> Locality | None:
    tenant = getattr(request, "tenant", None)
    return None if tenant is None or tenant.level == Level.NATIONAL else tenant


def _procedure_name(code: str) -> str:
    try:
        return f"{code} — {register.get(code).name}"
    except KeyError:
        return code


def _period(request: HttpRequest) -> tuple[Period | None, dict]:
    try:
        return period_from_query(request.GET, today=to_local(clock.now()).date()), {}
    except ValidationError as error:
        return None, error.message_dict


def _period_error(errors: dict) -> HttpResponse:
    """A bad period on an export or the PDF: 400, the messages as text."""
    return HttpResponse(
        "; ".join(m for ms in errors.values() for m in ms),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def board_data(unit: Locality | None, period: Period) -> dict:
    """Every table of the page for `unit` (None: the nation), as sheets and figures."""
    now = clock.now()
    sheets: dict[str, Sheet] = {}
    catalogue: Catalogue | None = None
    counted_at = now
    if unit is None:
        figures = national_figures(period, now=now)
        total, counted_at = figures.total, figures.counted_at
        sheets["don-vi"] = desk_sheet(
            _("Các tỉnh, thành phố"), [(p.name, t) for p, t in figures.ranked]
        )
        sheets["don-vi"].rows.append([_("Toàn quốc"), *total.row()])
    elif unit.level == Level.PROVINCE:
        own, total, ranked = selectors.province_ranking(unit, period, now=now)
        sheets["don-vi"] = desk_sheet(
            _("Các đơn vị trực thuộc, xếp theo tỷ lệ đúng hạn"),
            [(unit.name + " " + _("(cấp tỉnh)"), own), *((u.name, t) for u, t in ranked)],
        )
        sheets["don-vi"].rows.append([_("Toàn tỉnh"), *total.row()])
    else:
        total = selectors.unit_table(unit, period, now=now)
        sheets["don-vi"] = desk_sheet(_("Bảng theo dõi của đơn vị"), [(unit.name, total)])
    if unit is not None:
        catalogue = unit_catalogue(unit)
        by_procedure = selectors.procedure_tables(unit, period, now=now)
        sheets["thu-tuc"] = desk_sheet(
            _("Theo thủ tục"),
            [(_procedure_name(code), table) for code, table in by_procedure.items()],
            first=_("Thủ tục"),
        )
    ranking = sheets["don-vi"].rows[:-1] if unit is None or unit.level == Level.PROVINCE else []
    on_time_column = 1 + [name for name, _label in COLUMNS].index("on_time_share")
    chart = bars([(row[0], row[on_time_column]) for row in ranking]) if ranking else None
    groups = score_groups(total, catalogue)
    sheets["chi-so"] = score_sheet(_("Chỉ số theo Quyết định 766/QĐ-TTg"), groups)
    for sheet in sheets.values():
        sheet.title = f"{sheet.title} — {(unit.name if unit else _('Toàn quốc'))} — {period.label}"
    return {
        "total": total,
        "groups": groups,
        "points": total_points(groups),
        "sheets": sheets,
        "counted_at": counted_at,
        "chart": chart,
    }


def _page_context(
    request: HttpRequest, unit: Locality | None, period: Period | None, errors: dict
) -> dict:
    """What every statistics page shows around its tables: the unit, the period form."""
    return {
        "unit": unit,
        "period": period,
        "errors": errors,
        "query": request.GET,
        "kinds": KINDS,
        "definition": ON_TIME_DEFINITION,
    }


def _denied_or_login(request: HttpRequest, unit: Locality | None) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    scoreboard_check(request.user, unit)
    return None


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    if (login := _denied_or_login(request, unit)) is not None:
        return login
    period, errors = _period(request)
    context = _page_context(request, unit, period, errors)
    if period is None:
        return render(request, "scoreboard/board.html", context, status=400)
    context.update(board_data(unit, period))
    if unit is not None:
        labels = dict(COLUMNS)
        context["drill_links"] = [
            (column, labels[column], context["total"].value(column)) for column in DRILLABLE
        ]
    return render(request, "scoreboard/board.html", context)


def _officer_names(ids: set[int]) -> dict[int, str]:
    """The names of the officers the index names by id (the index itself holds no name)."""
    return {user.pk: user.get_full_name() for user in get_user_model().objects.filter(pk__in=ids)}


def officers_data(unit: Locality, period: Period, *, officer_id: int | None) -> Sheet:
    """The per-officer sheet of `unit` (one officer's row when `officer_id`), by name."""
    tables = selectors.officer_tables(unit, period, now=clock.now(), officer_id=officer_id)
    names = _officer_names(set(tables))
    rows = sorted(
        ((names.get(pk, str(pk)), table, late) for pk, (table, late) in tables.items()),
        key=lambda row: row[0],
    )
    title = _("Theo cán bộ được phân công") if officer_id is None else _("Số liệu của tôi")
    return officer_sheet(f"{title} — {unit.name} — {period.label}", rows)


def _sheet_download(sheet: Sheet, name: str, fmt: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(csv_bytes(sheet), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            xlsx_bytes(sheet),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_GET
def officers(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """Per-officer workload and timeliness: leaders see every officer of the unit, an officer
    their own row (`access.officer_scope`); the page, or its CSV / xlsx export."""
    unit = _unit(request)
    if unit is None or fmt not in ("", "csv", "xlsx"):
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    officer_id = officer_scope(request.user, unit)
    period, errors = _period(request)
    if period is None and fmt:
        return _period_error(errors)
    context = _page_context(request, unit, period, errors)
    if period is None:
        return render(request, "scoreboard/officers.html", context, status=400)
    sheet = officers_data(unit, period, officer_id=officer_id)
    if fmt:
        return _sheet_download(sheet, f"thong-ke-can-bo-{unit.slug}", fmt)
    context.update(sheet=sheet, everyone=officer_id is None)
    return render(request, "scoreboard/officers.html", context)


@require_GET
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    unit = _unit(request)
    if (login := _denied_or_login(request, unit)) is not None:
        return login
    period, errors = _period(request)
    if period is None:
        return _period_error(errors)
    sheet = board_data(unit, period)["sheets"].get(table)
    if sheet is None:
        raise Http404
    return _sheet_download(sheet, f"thong-ke-{table}-{(unit.slug if unit else 'toan-quoc')}", fmt)


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """The period's report as a PDF in the administrative presentation of the slips."""
    unit = _unit(request)
    if (login := _denied_or_login(request, unit)) is not None:
        return login
    period, errors = _period(request)
    if period is None:
        return _period_error(errors)
    with in_official_language():  # an administrative document: Vietnamese on every page
        data = board_data(unit, period)
        html = render_to_string(
            "scoreboard/report.html",
            {
                "unit_name": unit.name if unit else _("Toàn quốc"),
                "period": period,
                "sheets": list(data["sheets"].values()),
                "definition": ON_TIME_DEFINITION,
                "printed_on": clock.now(),
            },
        )
    response = HttpResponse(
        html_to_pdf(unicodedata.normalize("NFC", html)), content_type="application/pdf"
    )
    name = f"bao-cao-{(unit.slug if unit else 'toan-quoc')}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
def dossiers(request: HttpRequest, column: str) -> HttpResponse:
    """The dossiers behind one number of the unit's table: codes, procedures and dates only."""
    unit = _unit(request)
    if unit is None or column not in DRILLABLE:
        raise Http404
    if (login := _denied_or_login(request, unit)) is not None:
        return login
    period, errors = _period(request)
    context = {
        "unit": unit,
        "period": period,
        "errors": errors,
        "query": request.GET,
        "column_label": dict(COLUMNS).get(column, column),
    }
    if period is None:
        return render(request, "scoreboard/dossiers.html", context, status=400)
    rows = selectors.dossiers_behind(unit, period, column, now=clock.now())
    names = _officer_names({row.assignee_id for row in rows if row.assignee_id})
    for row in rows:
        row.assignee_name = names.get(row.assignee_id, "")  # type: ignore[attr-defined]
    context["rows"] = rows
    return render(request, "scoreboard/dossiers.html", context)


@require_GET
def public(request: HttpRequest) -> HttpResponse:
    """The unit's headline indicators, as the national portal publishes them: no personal data,
    no dossier codes; open to everyone."""
    unit = _unit(request)
    period, errors = _period(request)
    if period is None:
        period = year_period(to_local(clock.now()).year)
    data = board_data(unit, period)
    return render(
        request,
        "scoreboard/public.html",
        {
            "unit": unit,
            "period": period,
            "total": data["total"],
            "groups": data["groups"],
            "points": data["points"],
            "definition": ON_TIME_DEFINITION,
            "query": request.GET,
            "errors": errors,
        },
    )
