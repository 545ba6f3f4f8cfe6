"""Reports out as files: the commune report and the upper level's roll-up as .docx in the
Decree-30 layout (the plans' writer, which has tables), as PDF (LibreOffice), the figures as
.xlsx, and the commune report as a JSON exchange file for an upper level that runs elsewhere.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ttdn.core.errors import PermissionDeniedError
from ttdn.core.text import fold_key
from ttdn.plans import periods
from ttdn.plans.document import Header, Item, PlanDocument, Section, Signature, Table
from ttdn.plans.export import docx_to_pdf, plan_to_docx

from .drafting import figure_rows
from .errors import ReportError
from .models import CommuneReport, CommuneReportFigure
from .permissions import visible_commune_reports
from .rollup import Rollup
from .xlsx import Sheet, figures_xlsx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
EXCHANGE_FORMAT = "ttdn.report/1"


def _figures_table(rows: list[dict], *, previous: bool) -> Table:
    columns = [_("TT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Kỳ này")]
    if previous:
        columns.append(_("Kỳ trước"))
    body = []
    for number, row in enumerate(rows, start=1):
        line = [str(number), row["indicator"].name, row["indicator"].measure, row["shown"]]
        if previous:
            line.append(row["previous_shown"])
        body.append(line)
    return Table(columns, body, numeric=[False, False, False, True, True][:len(columns)])


def _item(text: str) -> Item:
    if text.startswith("- "):
        return Item(text[2:], "-")
    return Item(text)


def commune_report_document(report: CommuneReport) -> PlanDocument:
    """The report's blocks as an official document: headings become numbered sections, the
    figures block a table, the opening paragraph the preamble, the closing one the closing."""
    commune = report.commune
    plan = report.plan
    rows = figure_rows(report)
    has_previous = any(row["previous"] is not None for row in rows)
    top: list[Section] = []
    stack: list[Section] = []
    preamble, closing = [], ""
    for block in report.body:
        kind = block.get("kind")
        if kind == "heading":
            level = block.get("level", 1)
            section = Section(block.get("number", ""), block["text"])
            del stack[level - 1:]
            (stack[-1].children if stack else top).append(section)
            stack.append(section)
        elif kind == "table":
            if stack:
                stack[-1].table = _figures_table(rows, previous=has_previous)
        elif not block["text"].strip():
            continue
        elif block.get("part") == "opening":
            preamble.append(block["text"])
        elif block.get("part") == "closing":
            closing = block["text"]
        elif stack:
            stack[-1].items.append(_item(block["text"]))
        else:
            preamble.append(block["text"])
    return PlanDocument(
        header=Header(plan.parent_body or _("ỦY BAN NHÂN DÂN"),
                      plan.issuing_body or _("XÃ %(name)s") % {"name": commune.name.upper()},
                      report.symbol, plan.place or commune.name, report.issued_on),
        doc_type=_("BÁO CÁO"), summary=report.title, preamble=preamble, sections=top,
        closing=closing, recipients=list(report.recipients),
        signature=Signature(report.signer_authority, report.signer_title, report.signer_name),
    )


def _check_format(fmt: str, allowed: tuple) -> None:
    if fmt not in allowed:
        raise ReportError(_("Định dạng “%(fmt)s” không được hỗ trợ; hãy dùng %(allowed)s.")
                          % {"fmt": fmt, "allowed": ", ".join(f".{a}" for a in allowed)})


def _name(*parts: str) -> str:
    return "-".join(slugify(fold_key(part)) for part in parts if part)


def _exchange(report: CommuneReport) -> bytes:
    commune = report.commune
    data = {
        "format": EXCHANGE_FORMAT,
        "generated_at": timezone.now(),
        "commune": {"code": commune.area.code, "name": commune.name,
                    "upper_level_body": commune.upper_level_body},
        "kind": report.kind, "period": report.period, "title": report.title,
        "status": report.status, "symbol": report.symbol, "issued_on": report.issued_on,
        "approved_at": report.approved_at, "sent_at": report.sent_at,
        "signature": {"authority": report.signer_authority, "title": report.signer_title,
                      "name": report.signer_name},
        "body": [{"kind": b.get("kind"), "level": b.get("level"), "number": b.get("number", ""),
                  "part": b.get("part", ""), "text": b.get("text", "")} for b in report.body],
        "figures": [{"code": row["indicator"].code, "name": row["indicator"].name,
                     "measure": row["indicator"].measure,
                     "aggregation": row["indicator"].aggregation,
                     "value": row["value"], "previous": row["previous"]}
                    for row in figure_rows(report)],
        "recipients": report.recipients,
    }
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def commune_report_file(*, report: CommuneReport, actor, fmt: str) -> tuple[bytes, str, str]:
    """(bytes, file name, content type) of the commune report as docx, pdf, xlsx or json."""
    _check_format(fmt, ("docx", "pdf", "xlsx", "json"))
    if not visible_commune_reports(actor).filter(pk=report.pk).exists():
        raise PermissionDeniedError(_("Bạn không có quyền xem báo cáo này."))
    filename = f"{_name('bao-cao', report.commune.name, report.period)}.{fmt}"
    if fmt == "json":
        return _exchange(report), filename, CONTENT_TYPES[fmt]
    if fmt == "xlsx":
        rows = figure_rows(report)
        sheet = Sheet(_("Số liệu"),
                      [_("TT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Kỳ này"), _("Kỳ trước"),
                       _("Nguồn số liệu")],
                      [[n, r["indicator"].name, r["indicator"].measure, r["value"], r["previous"],
                        r["origin"]] for n, r in enumerate(rows, start=1)],
                      [True, False, False, True, True, False])
        data = figures_xlsx(title=_("Số liệu: %(title)s") % {"title": report.title},
                            subtitle=str(report.commune), sheets=[sheet])
        return data, filename, CONTENT_TYPES[fmt]
    data = plan_to_docx(commune_report_document(report))
    return (docx_to_pdf(data) if fmt == "pdf" else data), filename, CONTENT_TYPES[fmt]


# The roll-up --------------------------------------------------------------------------------


def _period_label(key: str) -> str:
    try:
        label = periods.by_key(key).label
    except ValueError:
        return key
    return label[:1].lower() + label[1:]


def _bare_name(area) -> str:
    """"Tỉnh Thanh Hóa" → "Thanh Hóa", for the place in "Thanh Hóa, ngày …"."""
    prefix = area.division_type.strip()
    if prefix and area.name.lower().startswith(prefix.lower() + " "):
        return area.name[len(prefix) + 1:]
    return area.name


def rollup_document(rollup: Rollup) -> PlanDocument:
    area = rollup.area
    label = _period_label(rollup.period)
    counts = rollup.counts
    sent = counts["sent"] + counts["received"]
    status_rows = [[str(n), str(row.commune), row.label,
                    timezone.localtime(row.report.sent_at).strftime("%d/%m/%Y")
                    if row.report and row.report.sent_at else ""]
                   for n, row in enumerate(rollup.statuses, start=1)]
    sections = [
        Section("I", _("TÌNH HÌNH GỬI BÁO CÁO"), items=[Item(_(
            "Có %(sent)s/%(total)s xã đã gửi báo cáo %(label)s; %(late)s xã quá hạn chưa gửi, "
            "%(missing)s xã chưa gửi, %(returned)s báo cáo đã trả lại để bổ sung.") % {
            "sent": sent, "total": len(rollup.statuses), "label": label,
            "late": counts["late"], "missing": counts["missing"],
            "returned": counts["returned"]})],
            table=Table([_("TT"), _("Xã"), _("Tình trạng"), _("Ngày gửi")], status_rows)),
        Section("II", _("SỐ LIỆU TỔNG HỢP"), items=[Item(_(
            "Số liệu cộng từ báo cáo của các xã đã gửi (chỉ tiêu tính số lớn nhất lấy số lớn "
            "nhất)."))],
            table=Table([_("TT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Tổng"), _("Số xã")],
                        [[str(n), f.indicator.name, f.indicator.measure, f.shown,
                          str(f.communes)] for n, f in enumerate(rollup.figures, start=1)],
                        numeric=[False, False, False, True, True])),
    ]
    per_commune = Section("III", _("KẾT QUẢ CỦA TỪNG XÃ"))
    titles = {"summary": _("Kết quả chung"), "shortcomings": _("Tồn tại, hạn chế"),
              "proposals": _("Đề xuất, kiến nghị")}
    for n, narrative in enumerate(rollup.narratives, start=1):
        section = Section(str(n), str(narrative.report.commune))
        for part, title in titles.items():
            texts = narrative.paragraphs.get(part) or []
            if texts:
                section.items.append(Item(title + ":", ""))
                section.items.extend(_item(text) for text in texts)
        per_commune.children.append(section)
    if not rollup.narratives:
        per_commune.items.append(Item(_("Chưa có xã nào gửi báo cáo.")))
    sections.append(per_commune)
    return PlanDocument(
        header=Header(_("ỦY BAN NHÂN DÂN"), area.name.upper(), "", _bare_name(area),
                      timezone.localdate()),
        doc_type=_("BÁO CÁO"),
        summary=_("Tổng hợp kết quả %(label)s thực hiện công tác thông tin đối ngoại của các "
                  "xã") % {"label": label},
        sections=sections, recipients=[_("Lưu: VT.")], signature=Signature(),
    )


def rollup_file(*, rollup: Rollup, actor, fmt: str) -> tuple[bytes, str, str]:
    """(bytes, file name, content type) of the roll-up as docx, pdf or xlsx. The roll-up was
    built for ``actor`` (``build_rollup`` reads through their scope)."""
    _check_format(fmt, ("docx", "pdf", "xlsx"))
    filename = f"{_name('tong-hop', rollup.area.name, rollup.period)}.{fmt}"
    if fmt == "xlsx":
        indicators = [f.indicator for f in rollup.figures]
        values = {
            (commune_id, indicator_id): value
            for commune_id, indicator_id, value in CommuneReportFigure.objects.filter(
                report__in=[n.report.pk for n in rollup.narratives]
            ).values_list("report__commune_id", "indicator_id", "value")
        }
        sheets = [
            Sheet(_("Tổng hợp"), [_("TT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Tổng"),
                                  _("Số xã báo cáo")],
                  [[n, f.indicator.name, f.indicator.measure, f.value, f.communes]
                   for n, f in enumerate(rollup.figures, start=1)],
                  [True, False, False, True, True]),
            Sheet(_("Theo xã"), [_("Xã"), *(i.name for i in indicators)],
                  [[str(n.report.commune),
                    *(values.get((n.report.commune_id, i.pk)) for i in indicators)]
                   for n in rollup.narratives],
                  [False, *([True] * len(indicators))]),
            Sheet(_("Tình hình gửi"), [_("TT"), _("Xã"), _("Tình trạng"), _("Ngày gửi")],
                  [[n, str(row.commune), row.label,
                    timezone.localtime(row.report.sent_at).strftime("%d/%m/%Y")
                    if row.report and row.report.sent_at else ""]
                   for n, row in enumerate(rollup.statuses, start=1)],
                  [True, False, False, False]),
        ]
        data = figures_xlsx(title=_("Tổng hợp số liệu %(label)s") % {
            "label": _period_label(rollup.period)},
            subtitle=rollup.area.name, sheets=sheets)
        return data, filename, CONTENT_TYPES[fmt]
    data = plan_to_docx(rollup_document(rollup))
    return (docx_to_pdf(data) if fmt == "pdf" else data), filename, CONTENT_TYPES[fmt]

