"""The commune report drafted from the accepted unit reports, and reviews drafted from the
period reports — the usual structure of a "BÁO CÁO Kết quả thực hiện Kế hoạch …":

I. results (the period's direction and figures, then by plan section and task), II. shortcomings
and their causes, III. direction for the next period, IV. proposals. Every paragraph taken from a
unit report carries ``source`` (the unit report and task) so the screen links back to it.
Redrafting keeps the paragraphs and figures the officer edited by hand.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core import audit, indicators
from ttdn.core.errors import PermissionDeniedError
from ttdn.plans import periods
from ttdn.plans.models import Plan, PlanSection, TaskStatus

from .errors import ReportError
from .figures import combine, show
from .models import (
    CommuneReport,
    CommuneReportFigure,
    CommuneReportKind,
    CommuneReportStatus,
    Indicator,
    ReportRound,
    RoundKind,
    UnitReport,
    UnitReportFigure,
    UnitReportStatus,
    UnitReportTask,
)
from .permissions import may_edit_commune_report

DONE_REPORTED = (CommuneReportStatus.APPROVED, CommuneReportStatus.SENT,
                 CommuneReportStatus.RECEIVED, CommuneReportStatus.RETURNED)
PARTS = (
    ("results", "I", gettext_lazy("KẾT QUẢ THỰC HIỆN")),
    ("shortcomings", "II", gettext_lazy("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")),
    ("direction", "III", gettext_lazy("PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI")),
    ("proposals", "IV", gettext_lazy("ĐỀ XUẤT, KIẾN NGHỊ")),
)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _numbered(symbol: str) -> str:
    """" số 12/KH-UBND" after "Kế hoạch", or nothing for a plan without a number."""
    return _(" số %(symbol)s") % {"symbol": symbol} if symbol else ""


def _plan_phrase(plan: Plan) -> str:
    """"thực hiện Kết luận số 57-KL/TW …" from the plan's title, or "thực hiện Kế hoạch số …"."""
    title = plan.title.strip().rstrip(".")
    if title.lower().startswith("thực hiện"):
        return _lower_first(title)
    symbol = _numbered(plan.symbol)
    return _("thực hiện Kế hoạch%(symbol)s về %(title)s") % {"symbol": symbol,
                                                              "title": _lower_first(title)}


def _short(text: str, limit: int = 110) -> str:
    """The start of a long task text, cut at a word: "Tuyên truyền nâng cao … cho cán bộ…"."""
    text = " ".join(text.split()).rstrip(".;:")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _heading(block_id, number, text, level=1):
    return {"id": block_id, "kind": "heading", "level": level, "number": number, "text": str(text),
            "source": None, "edited": False}


def _paragraph(block_id, text, source=None, part=""):
    return {"id": block_id, "kind": "paragraph", "text": text, "source": source,
            "part": part, "edited": False}


class _Data:
    """Everything one commune report is drafted from, read in a fixed number of queries."""

    def __init__(self, round_: ReportRound):
        self.round = round_
        self.reports = list(
            UnitReport.objects.filter(round=round_, status=UnitReportStatus.ACCEPTED)
            .select_related("unit").order_by("unit__name"))
        self.expected_units = round_.plan.tasks.values("lead_unit").distinct().count()
        self.rows = list(
            UnitReportTask.objects.filter(report__in=self.reports)
            .select_related("task").order_by("task__position", "task__pk", "report__unit__name"))
        self.figures = list(UnitReportFigure.objects.filter(report__in=self.reports)
                            .values_list("indicator_id", "value"))
        self.sections = {s.pk: s for s in PlanSection.objects.filter(plan_id=round_.plan_id)}
        self.unit_of = {r.pk: r.unit for r in self.reports}


def _source(row_or_report, task_id=None) -> dict:
    report = row_or_report
    return {"unit_report": report.pk, "unit": report.unit.name, "task": task_id}


def _results(data: _Data, label: str) -> list[dict]:
    rows = data.rows
    done = sum(1 for r in rows if r.status == TaskStatus.DONE)
    going = sum(1 for r in rows if r.status == TaskStatus.IN_PROGRESS)
    on_time = sum(1 for r in data.reports
                  if r.submitted_at and timezone.localdate(r.submitted_at) <= data.round.deadline)
    summary = _(
        "%(label)s, có %(reports)s/%(units)s đơn vị gửi báo cáo (%(on_time)s đơn vị đúng hạn). "
        "Trong %(tasks)s nhiệm vụ của các đơn vị đã báo cáo, %(done)s nhiệm vụ đã hoàn thành, "
        "%(going)s nhiệm vụ đang thực hiện, %(idle)s nhiệm vụ chưa thực hiện.") % {
        "label": label[:1].upper() + label[1:], "reports": len(data.reports),
        "units": max(data.expected_units, len(data.reports)), "on_time": on_time,
        "tasks": len(rows), "done": done, "going": going, "idle": len(rows) - done - going}
    blocks = [
        _heading("h-results", "I", PARTS[0][2]),
        _heading("h-summary", "1", _("Công tác lãnh đạo, chỉ đạo, triển khai"), level=2),
        _paragraph("summary", summary, part="summary"),
        _heading("h-tasks", "2", _("Kết quả thực hiện các nhiệm vụ"), level=2),
    ]
    by_section = defaultdict(list)
    for row in rows:
        if row.done:
            by_section[row.task.section_id].append(row)
    order = sorted(by_section, key=lambda pk: (pk is None, data.sections[pk].position
                                               if pk in data.sections else 0))
    for index, section_id in enumerate(order):
        section = data.sections.get(section_id)
        title = section.title if section else _("Các nhiệm vụ khác")
        blocks.append(_heading(f"h-section-{section_id or 0}", f"{chr(ord('a') + index % 26)})",
                               title, level=3))
        for row in by_section[section_id]:
            unit = data.unit_of[row.report_id]
            blocks.append(_paragraph(
                f"task-{row.report_id}-{row.task_id}", f"- {unit.name}: {row.done}",
                {"unit_report": row.report_id, "unit": unit.name, "task": row.task_id},
                part="results"))
    if not by_section:
        blocks.append(_paragraph("no-results", _("- Chưa có kết quả được báo cáo."),
                                 part="results"))
    blocks.append(_heading("h-figures", "3", _("Một số kết quả cụ thể"), level=2))
    blocks.append({"id": "figures", "kind": "table", "text": "", "source": None,
                   "edited": False})
    return blocks


def _shortcomings(data: _Data) -> list[dict]:
    blocks = [_heading("h-shortcomings", "II", PARTS[1][2])]
    for report in data.reports:
        if report.difficulties:
            blocks.append(_paragraph(f"difficulties-{report.pk}",
                                     f"- {report.unit.name}: {report.difficulties}",
                                     _source(report), part="shortcomings"))
    idle = [r for r in data.rows if r.status != TaskStatus.DONE]
    if idle:
        blocks.append(_paragraph("idle", _(
            "- Còn %(count)s nhiệm vụ chưa hoàn thành trong kỳ, chủ yếu là các nhiệm vụ thường "
            "xuyên đang tiếp tục triển khai.") % {"count": len(idle)}, part="shortcomings"))
    if len(blocks) == 1:
        blocks.append(_paragraph("no-shortcomings", _("- Không có tồn tại, hạn chế được các đơn "
                                                      "vị nêu trong kỳ."), part="shortcomings"))
    return blocks


def _direction(data: _Data, next_label: str) -> list[dict]:
    blocks = [_heading("h-direction", "III", PARTS[2][2]),
              _paragraph("direction", _(
                  "- Tiếp tục quán triệt, triển khai đầy đủ các nhiệm vụ của Kế hoạch trong "
                  "%(next)s; nâng cao chất lượng tin, bài trên trang thông tin điện tử và đài "
                  "truyền thanh xã; kịp thời phát hiện, phản bác thông tin sai sự thật.")
                  % {"next": next_label}, part="direction")]
    waiting: dict[str, list[str]] = {}
    for row in data.rows:
        if row.status != TaskStatus.DONE:
            units = waiting.setdefault(_short(row.task.text), [])
            if data.unit_of[row.report_id].name not in units:
                units.append(data.unit_of[row.report_id].name)
    for index, (task, units) in enumerate(waiting.items(), start=1):
        blocks.append(_paragraph(
            f"next-{index}", _("- Tiếp tục thực hiện nhiệm vụ “%(task)s” (%(units)s).")
            % {"task": task, "units": ", ".join(units)}, part="direction"))
    return blocks


def _proposals(data: _Data) -> list[dict]:
    blocks = [_heading("h-proposals", "IV", PARTS[3][2])]
    for report in data.reports:
        if report.proposals:
            blocks.append(_paragraph(f"proposals-{report.pk}",
                                     f"- {report.unit.name}: {report.proposals}",
                                     _source(report), part="proposals"))
    if len(blocks) == 1:
        blocks.append(_paragraph("no-proposals", _("- Không có."), part="proposals"))
    return blocks


def _next_label(round_: ReportRound) -> str:
    try:
        current = periods.by_key(round_.period)
    except ValueError:
        return _("thời gian tới")
    following = periods.period_of(current.ends_on + datetime.timedelta(days=1), current.kind)
    return _lower_first(following.label)


def _figures(data: _Data, report: CommuneReport) -> list[CommuneReportFigure]:
    """One row per active indicator: the commune-wide source when the indicator has one,
    otherwise the accepted unit reports' values combined by the indicator's rule."""
    values = defaultdict(list)
    for indicator_id, value in data.figures:
        values[indicator_id].append(value)
    previous = _previous_figures(data.round)
    rows = []
    for indicator in Indicator.objects.filter(is_active=True):
        source = indicators.get(indicator.source) if indicator.source else None
        if source is not None and not source.per_unit:
            computed = source.compute(commune_id=data.round.commune_id, unit_id=None,
                                      starts_on=data.round.starts_on, ends_on=data.round.ends_on)
            value = computed.value if computed else None
            origin = computed.detail[:300] if computed else ""
        else:
            unit_values = values.get(indicator.pk, [])
            value = combine(indicator.aggregation, unit_values)
            reported = sum(1 for v in unit_values if v is not None)
            origin = _("Tổng hợp từ báo cáo của %(count)s đơn vị") % {"count": reported}
        rows.append(CommuneReportFigure(report=report, indicator=indicator, value=value,
                                        previous=previous.get(indicator.pk), origin=origin))
    return rows


def _previous_figures(round_: ReportRound) -> dict:
    earlier = (ReportRound.objects.filter(plan_id=round_.plan_id, kind=round_.kind,
                                          ends_on__lt=round_.starts_on)
               .order_by("-ends_on").first())
    if earlier is None:
        return {}
    return dict(CommuneReportFigure.objects.filter(report__round=earlier,
                                                   report__status__in=DONE_REPORTED)
                .values_list("indicator_id", "value"))


def _keep_edits(old_body: list, new_body: list) -> list:
    edited = {b["id"]: b for b in old_body if b.get("edited")}
    return [edited.get(block["id"], block) for block in new_body]


def _default_recipients(round_: ReportRound) -> list[str]:
    upper = round_.commune.upper_level_body or _("Cơ quan cấp trên")
    return [_("%(upper)s (b/c);") % {"upper": upper}, _("TT Đảng ủy, HĐND xã (b/c);"),
            _("Chủ tịch, các PCT UBND xã;"), _("Lưu: VT, VHXH.")]


@transaction.atomic
def commune_report_draft(*, round_: ReportRound, actor,
                         now: datetime.datetime | None = None) -> CommuneReport:
    """Draft (or redraft) the commune report of the round from the accepted unit reports."""
    probe = getattr(round_, "commune_report", None) or CommuneReport(commune_id=round_.commune_id)
    if not may_edit_commune_report(actor, probe):
        raise PermissionDeniedError(_("Bạn không có quyền tổng hợp báo cáo của xã."))
    if probe.pk and not probe.is_editable:
        raise ReportError(_("Báo cáo của xã đang ở trạng thái “%(status)s” nên không tổng hợp lại "
                            "được.") % {"status": probe.get_status_display()})
    data = _Data(round_)
    if not data.reports:
        raise ReportError(_("Kỳ %(period)s chưa có báo cáo nào của đơn vị được tiếp nhận, nên "
                            "chưa có dữ liệu để tổng hợp.") % {"period": round_.title})
    label = _lower_first(round_.title.removeprefix(_("Báo cáo ")))
    body = [_paragraph("opening", _(
        "Thực hiện Kế hoạch%(symbol)s của Ủy ban nhân dân xã %(commune)s về việc %(phrase)s, "
        "Ủy ban nhân dân xã báo cáo kết quả %(label)s như sau:") % {
        "symbol": _numbered(round_.plan.symbol),
        "commune": round_.commune.name, "phrase": _plan_phrase(round_.plan), "label": label},
        part="opening")]
    body += _results(data, label)
    body += _shortcomings(data)
    body += _direction(data, _next_label(round_))
    body += _proposals(data)
    body.append(_paragraph("closing", _(
        "Trên đây là báo cáo kết quả %(label)s %(phrase)s của Ủy ban nhân dân xã %(commune)s.")
        % {"label": label, "phrase": _plan_phrase(round_.plan), "commune": round_.commune.name},
        part="closing"))
    report = CommuneReport.objects.select_for_update().filter(round=round_).first()
    if report is not None and not report.is_editable:  # approved since the caller looked
        raise ReportError(_("Báo cáo của xã đang ở trạng thái “%(status)s” nên không tổng hợp lại "
                            "được.") % {"status": report.get_status_display()})
    created = report is None
    if created:
        plan = round_.plan
        report = CommuneReport.objects.create(
            commune_id=round_.commune_id, plan=plan, round=round_, period=round_.period,
            kind=CommuneReportKind.PERIOD,
            title=_("Kết quả %(label)s %(phrase)s") % {"label": label,
                                                       "phrase": _plan_phrase(plan)},
            recipients=_default_recipients(round_), signer_authority=plan.signer_authority,
            signer_title=plan.signer_title, signer_name=plan.signer_name)
    before = None if created else {"body": report.body}
    report.set_body(_keep_edits(report.body, body))
    report.drafted_at = now or timezone.now()
    report.revision += 0 if created else 1
    report.save()
    edited = {f.indicator_id: f for f in report.figures.filter(edited=True)}
    report.figures.exclude(indicator_id__in=edited).delete()
    CommuneReportFigure.objects.bulk_create(
        [row for row in _figures(data, report) if row.indicator_id not in edited])
    audit.record(instance=report, action="ttdn.reports.commune_report.drafted", actor=actor,
                 commune_id=report.commune_id, before=before, after={"body": report.body},
                 extra={"unit_reports": [r.pk for r in data.reports]})
    return report


# Reviews (sơ kết, tổng kết) ---------------------------------------------------------------------


@transaction.atomic
def review_draft(*, plan: Plan, kind: str, first: str, last: str, actor) -> CommuneReport:
    """An interim or final review over the period reports from ``first`` to ``last`` (keys),
    drafted from the approved period reports of those rounds."""
    if kind not in (CommuneReportKind.INTERIM_REVIEW, CommuneReportKind.FINAL_REVIEW):
        raise ReportError(_("Loại báo cáo tổng hợp không hợp lệ."), field="kind")
    if not may_edit_commune_report(actor, CommuneReport(commune_id=plan.commune_id)):
        raise PermissionDeniedError(_("Bạn không có quyền soạn báo cáo của xã."))
    try:
        start, end = periods.by_key(first), periods.by_key(last)
    except ValueError as exc:
        raise ReportError(_("Kỳ “%(key)s” không hợp lệ; hãy ghi như 2024-H1 hoặc 2025-Y.")
                          % {"key": exc.args[0]}) from exc
    if end.ends_on < start.starts_on:
        raise ReportError(_("Kỳ cuối phải sau kỳ đầu."), field="last")
    reports = list(
        CommuneReport.objects.filter(
            plan=plan, kind=CommuneReportKind.PERIOD, status__in=DONE_REPORTED,
            round__kind__in=(RoundKind.HALF_YEAR, RoundKind.YEAR),
            round__starts_on__gte=start.starts_on, round__ends_on__lte=end.ends_on)
        .select_related("round").order_by("round__ends_on"))
    # A year report and the half-years inside it cover the same data: keep the longest.
    reports = [r for r in reports if not any(
        o is not r and o.round.starts_on <= r.round.starts_on and r.round.ends_on <= o.round.ends_on
        and (o.round.ends_on - o.round.starts_on) > (r.round.ends_on - r.round.starts_on)
        for o in reports)]
    if not reports:
        raise ReportError(_("Từ %(first)s đến %(last)s chưa có báo cáo kỳ nào của xã được duyệt, "
                            "nên chưa có dữ liệu để tổng hợp.")
                          % {"first": start.label, "last": end.label})
    word = _("sơ kết") if kind == CommuneReportKind.INTERIM_REVIEW else _("tổng kết")
    span = _("từ %(first)s đến %(last)s") % {"first": _lower_first(start.label),
                                             "last": _lower_first(end.label)}
    body = [_paragraph("opening", _(
        "Ủy ban nhân dân xã %(commune)s báo cáo %(word)s kết quả %(phrase)s %(span)s như sau:")
        % {"commune": plan.commune.name, "word": word, "phrase": _plan_phrase(plan),
           "span": span}, part="opening"),
        _heading("h-results", "I", PARTS[0][2])]
    for index, period_report in enumerate(reports, start=1):
        body.append(_heading(f"h-period-{period_report.pk}", str(index),
                             period_report.round.title, level=2))
        for block in period_report.body:
            if block.get("kind") == "paragraph" and block.get("part") in ("summary", "results"):
                body.append(_paragraph(
                    f"p{period_report.pk}-{block['id']}", block["text"],
                    {"commune_report": period_report.pk, **(block.get("source") or {})},
                    part="results"))
    body.append(_heading("h-figures", str(len(reports) + 1), _("Một số kết quả cụ thể"), level=2))
    body.append({"id": "figures", "kind": "table", "text": "", "source": None, "edited": False})
    last_report = reports[-1]
    for part, number, title in PARTS[1:]:
        body.append(_heading(f"h-{part}", number, title))
        for block in last_report.body:
            if block.get("kind") == "paragraph" and block.get("part") == part:
                body.append(_paragraph(
                    f"p{last_report.pk}-{block['id']}", block["text"],
                    {"commune_report": last_report.pk, **(block.get("source") or {})},
                    part=part))
    period = f"{start.key}…{end.key}"
    report = CommuneReport.objects.select_for_update().filter(
        plan=plan, kind=kind, period=period).first()
    if report is not None and not report.is_editable:
        raise ReportError(_("Báo cáo %(word)s này đã được duyệt nên không tổng hợp lại được.")
                          % {"word": word})
    if report is None:
        report = CommuneReport.objects.create(
            commune_id=plan.commune_id, plan=plan, kind=kind, period=period,
            title=_("%(word)s %(phrase)s %(span)s") % {
                "word": word[:1].upper() + word[1:], "phrase": _plan_phrase(plan), "span": span},
            recipients=_default_recipients(last_report.round),
            signer_authority=plan.signer_authority, signer_title=plan.signer_title,
            signer_name=plan.signer_name)
    redraft = report.drafted_at is not None
    report.set_body(_keep_edits(report.body, body))
    report.drafted_at = timezone.now()
    report.revision += 1 if redraft else 0
    report.save()
    report.rounds.set([r.round for r in reports])
    by_indicator = defaultdict(list)
    for f in CommuneReportFigure.objects.filter(report__in=reports).order_by(
            "report__round__ends_on"):
        by_indicator[f.indicator_id].append(f.value)
    edited = {f.indicator_id for f in report.figures.filter(edited=True)}
    report.figures.exclude(indicator_id__in=edited).delete()
    CommuneReportFigure.objects.bulk_create([
        CommuneReportFigure(
            report=report, indicator=indicator,
            value=combine(indicator.aggregation, by_indicator.get(indicator.pk, []),
                          across_time=True),
            origin=_("Tổng hợp từ %(count)s báo cáo kỳ") % {"count": len(reports)})
        for indicator in Indicator.objects.filter(is_active=True) if indicator.pk not in edited])
    audit.record(instance=report, action="ttdn.reports.review.drafted", actor=actor,
                 commune_id=report.commune_id, after={"body": report.body},
                 extra={"period_reports": [r.pk for r in reports]})
    return report


def figure_rows(report: CommuneReport) -> list[dict]:
    """The figures table of a commune report, in catalogue order."""
    return [
        {"indicator": f.indicator, "value": f.value, "previous": f.previous,
         "shown": show(f.value), "previous_shown": show(f.previous), "origin": f.origin,
         "edited": f.edited}
        for f in report.figures.select_related("indicator").order_by("indicator__position",
                                                                     "indicator__code")
    ]
