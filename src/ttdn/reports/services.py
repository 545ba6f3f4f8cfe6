"""Writes of unit reports and commune reports. Each checks the permission, saves in one
transaction and leaves an audit entry; a save from an out-of-date revision is refused with
the stored content (``ConflictError``) so nobody overwrites somebody else's text."""

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit, indicators
from ttdn.core.errors import PermissionDeniedError
from ttdn.core.text import nfc
from ttdn.org.models import Unit
from ttdn.plans import periods
from ttdn.plans.models import ONE_OFF_KEY, Task, TaskOccurrence, TaskStatus

from .errors import ConflictError, ReportError
from .figures import parse_figure
from .models import (
    CommuneReport,
    CommuneReportStatus,
    Indicator,
    ReportRound,
    ReportVersion,
    UnitReport,
    UnitReportFigure,
    UnitReportStatus,
    UnitReportTask,
)
from .permissions import (
    may_approve,
    may_decide_unit_report,
    may_decide_upper,
    may_edit_commune_report,
    may_write_unit_report,
)

TEXT_LIMIT = 8000


def _text(value) -> str:
    """Typed text as stored: NFC, line breaks kept, trailing spaces dropped."""
    lines = [line.rstrip() for line in nfc(str(value or "")).replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def _date(value, *, label: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise ReportError(_("“%(label)s”: “%(text)s” không phải là ngày (dd/mm/yyyy).")
                      % {"label": label, "text": value})


def _snapshot_version(*, actor, comment="", unit_report=None, commune_report=None, content):
    owner = unit_report or commune_report
    number = owner.versions.count() + 1
    return ReportVersion.objects.create(
        unit_report=unit_report, commune_report=commune_report, number=number,
        status=owner.status, content=content, comment=comment,
        created_by=actor if getattr(actor, "pk", None) else None,
    )


# Unit reports: opening ------------------------------------------------------------------------


def unit_tasks(round_: ReportRound, unit_id: int):
    return Task.objects.filter(plan_id=round_.plan_id, lead_unit_id=unit_id).order_by(
        "position", "pk")


def _refresh_system_figures(report: UnitReport) -> None:
    """Recompute the sourced figures of an editable report; a value the unit has not changed
    follows the system's. A change is a new revision, audited."""
    round_ = report.round
    changed = []
    for figure in report.figures.select_related("indicator").exclude(indicator__source=""):
        source = indicators.get(figure.indicator.source)
        if source is None or not source.per_unit:
            continue
        computed = source.compute(commune_id=report.commune_id, unit_id=report.unit_id,
                                  starts_on=round_.starts_on, ends_on=round_.ends_on)
        if computed is None or computed.value == figure.system_value:
            continue
        untouched = figure.value is None or figure.value == figure.system_value
        figure.system_value, figure.system_detail = computed.value, computed.detail[:300]
        figure.system_url = computed.url[:300]
        if untouched:
            figure.value = computed.value
        figure.save()
        changed.append(figure.indicator.code)
    if changed:
        report.revision += 1
        report.save(update_fields=["revision", "updated_at"])
        audit.record(instance=report, action="ttdn.reports.unit_report.refreshed", actor=None,
                     commune_id=report.commune_id, extra={"figures": changed})


def unit_indicators():
    """The catalogue's indicators a unit fills in (commune-wide sources are the commune's)."""
    chosen = []
    for indicator in Indicator.objects.filter(is_active=True):
        source = indicators.get(indicator.source) if indicator.source else None
        if source is None or source.per_unit:
            chosen.append(indicator)
    return chosen


def unit_report_open(*, round_: ReportRound, unit: Unit, actor) -> UnitReport:
    """The unit's report for the round, started (tasks listed, known figures pre-filled) the
    first time somebody opens it."""
    if unit.commune_id != round_.commune_id:
        raise ReportError(_("Đơn vị không thuộc xã của kỳ báo cáo này."))
    report = UnitReport.objects.filter(round=round_, unit=unit).first()
    probe = report or UnitReport(round=round_, unit=unit, commune_id=round_.commune_id)
    if not (may_write_unit_report(actor, probe) or may_decide_unit_report(actor, probe)):
        raise PermissionDeniedError(_("Bạn không thuộc đơn vị %(unit)s nên không mở được báo cáo "
                                      "của đơn vị này.") % {"unit": unit.name})
    if report is None:
        with transaction.atomic():
            report, created = UnitReport.objects.select_for_update().get_or_create(
                round=round_, unit=unit, defaults={"commune_id": round_.commune_id})
            if created:
                _start(report)
                audit.record(instance=report, action="ttdn.reports.unit_report.started",
                             actor=actor, commune_id=report.commune_id,
                             after=unit_report_content(report))
    if report.is_editable:
        with transaction.atomic():
            _refresh_system_figures(report)
    return report


def _task_state(occurrences: list, round_: ReportRound):
    """Where a task stood at the round's cut-off, from its recorded occurrences: done if it was
    completed inside the window; otherwise the state of the period the round is (or, for a year
    or quarter round, the last period recorded inside the window). ``None`` for a one-off task
    finished before the window: it was reported then and is not part of this report."""
    for occurrence in occurrences:
        done_on = occurrence.completed_on
        if done_on and round_.starts_on <= done_on <= round_.ends_on:
            return occurrence.status, occurrence.progress, occurrence.completed_on
    for occurrence in occurrences:
        if (occurrence.period == ONE_OFF_KEY and occurrence.completed_on
                and occurrence.completed_on < round_.starts_on):
            return None
    inside = []
    for occurrence in occurrences:
        if occurrence.period == round_.period or occurrence.period == ONE_OFF_KEY:
            inside.append((round_.ends_on, occurrence))
            continue
        try:
            period = periods.by_key(occurrence.period)
        except ValueError:
            continue
        if round_.starts_on <= period.ends_on <= round_.ends_on:
            inside.append((period.ends_on, occurrence))
    if not inside:
        return TaskStatus.NOT_STARTED, 0, None
    latest = max(inside, key=lambda pair: pair[0])[1]
    if latest.status == TaskStatus.DONE:  # done, but not inside this window: carried on
        return TaskStatus.IN_PROGRESS, latest.progress, None
    return latest.status, latest.progress, None


def _start(report: UnitReport) -> None:
    round_ = report.round
    occurrences = defaultdict(list)
    for occurrence in TaskOccurrence.objects.filter(
            task__plan_id=round_.plan_id, task__lead_unit_id=report.unit_id):
        occurrences[occurrence.task_id].append(occurrence)
    rows = []
    for task in unit_tasks(round_, report.unit_id):
        state = _task_state(occurrences[task.pk], round_)
        if state is None:
            continue
        status, progress, completed_on = state
        rows.append(UnitReportTask(report=report, task=task, status=status, progress=progress,
                                   completed_on=completed_on))
    UnitReportTask.objects.bulk_create(rows)
    figures = []
    for indicator in unit_indicators():
        figure = UnitReportFigure(report=report, indicator=indicator)
        source = indicators.get(indicator.source) if indicator.source else None
        if source is not None:
            computed = source.compute(commune_id=report.commune_id, unit_id=report.unit_id,
                                      starts_on=round_.starts_on, ends_on=round_.ends_on)
            if computed is not None:
                figure.value = figure.system_value = computed.value
                figure.system_detail, figure.system_url = computed.detail[:300], computed.url[:300]
        figures.append(figure)
    UnitReportFigure.objects.bulk_create(figures)


def unit_report_content(report: UnitReport) -> dict:
    """What the report says, in the shape ``unit_report_save`` takes (and versions keep)."""
    return {
        "difficulties": report.difficulties,
        "proposals": report.proposals,
        "tasks": {
            str(row.task_id): {
                "done": row.done, "status": row.status, "progress": row.progress,
                "completed_on": row.completed_on.isoformat() if row.completed_on else "",
            }
            for row in report.tasks.all()
        },
        "figures": {
            row.indicator.code: {"value": "" if row.value is None else str(row.value),
                                 "note": row.note}
            for row in report.figures.select_related("indicator")
        },
    }


def _flat(content: dict) -> dict:
    flat = {"difficulties": content["difficulties"], "proposals": content["proposals"]}
    for task_id, row in content["tasks"].items():
        for key, value in row.items():
            flat[f"task.{task_id}.{key}"] = value
    for code, row in content["figures"].items():
        for key, value in row.items():
            flat[f"figure.{code}.{key}"] = value
    return flat


# Unit reports: writing -------------------------------------------------------------------------


def _require_writable(report: UnitReport, actor) -> None:
    if not may_write_unit_report(actor, report):
        raise PermissionDeniedError(
            _("Bạn không thuộc đơn vị %(unit)s nên không sửa hoặc gửi được báo cáo của đơn vị "
              "này.") % {"unit": report.unit.name})
    if report.status == UnitReportStatus.ACCEPTED:
        raise ReportError(_("Báo cáo đã được tiếp nhận nên không sửa được nữa. Nếu cần bổ sung, "
                            "hãy đề nghị công chức Văn hóa – Xã hội trả lại báo cáo."))
    if report.status == UnitReportStatus.SUBMITTED:
        raise ReportError(_("Báo cáo đã gửi, đang chờ tiếp nhận; không sửa được. Nếu cần sửa, "
                            "hãy đề nghị trả lại báo cáo."))


def _locked(report: UnitReport, revision) -> UnitReport:
    current = UnitReport.objects.select_for_update().select_related("unit", "round").get(
        pk=report.pk)
    if revision is not None and int(revision) != current.revision:
        who = current.saved_by.get_full_name() if current.saved_by else ""
        raise ConflictError(
            _("%(who)s đã lưu báo cáo này lúc %(at)s, sau khi bạn mở nó. Phần bạn vừa gõ chưa được "
              "lưu: hãy xem hai bản bên dưới, chọn nội dung giữ lại rồi lưu lại.")
            % {"who": who or _("Một người khác"),
               "at": timezone.localtime(current.updated_at).strftime("%H:%M:%S %d/%m/%Y")},
            extra={"current": unit_report_content(current), "revision": current.revision,
                   "saved_by": who,
                   "saved_at": timezone.localtime(current.updated_at).isoformat()},
        )
    return current


def _apply(report: UnitReport, data: dict, errors: dict) -> None:
    """Copy the valid parts of ``data`` into the report; each invalid field goes to ``errors``
    (field name → Vietnamese message) and keeps its stored value."""
    round_ = report.round
    for field in ("difficulties", "proposals"):
        if field in data:
            text = _text(data[field])
            if len(text) > TEXT_LIMIT:
                errors[field] = _("Nội dung dài quá %(limit)s ký tự.") % {"limit": TEXT_LIMIT}
            else:
                setattr(report, field, text)
    rows = {str(row.task_id): row for row in report.tasks.select_related("task")}
    for task_id, values in (data.get("tasks") or {}).items():
        row = rows.get(str(task_id))
        if row is None:
            errors[f"task.{task_id}"] = _("Nhiệm vụ này không thuộc báo cáo.")
            continue
        _apply_task(row, values, round_, errors)
    figures = {f.indicator.code: f for f in report.figures.select_related("indicator")}
    for code, values in (data.get("figures") or {}).items():
        figure = figures.get(code)
        if figure is None:
            errors[f"figure.{code}"] = _("Chỉ tiêu này không có trong báo cáo.")
            continue
        changed = False
        if "value" in values:
            try:
                value = parse_figure(values["value"], label=figure.indicator.name)
            except ReportError as exc:
                errors[f"figure.{code}.value"] = exc.message
            else:
                changed = value != figure.value
                figure.value = value
        if "note" in values:
            figure.note, changed = _text(values["note"])[:300], True
        if changed:
            figure.save(update_fields=["value", "note"])


def _apply_task(row: UnitReportTask, values: dict, round_: ReportRound, errors: dict) -> None:
    key = f"task.{row.task_id}"
    if "done" in values:
        text = _text(values["done"])
        if len(text) > TEXT_LIMIT:
            errors[f"{key}.done"] = _("Nội dung dài quá %(limit)s ký tự.") % {"limit": TEXT_LIMIT}
        else:
            row.done = text
    if "status" in values:
        if values["status"] in TaskStatus.values:
            row.status = values["status"]
        else:
            errors[f"{key}.status"] = _("Trạng thái không hợp lệ.")
    if "progress" in values:
        try:
            progress = int(str(values["progress"] or 0).strip().rstrip("%"))
        except ValueError:
            progress = -1
        if 0 <= progress <= 100:
            row.progress = progress
        else:
            errors[f"{key}.progress"] = _("Tiến độ phải là số từ 0 đến 100.")
    if "completed_on" in values:
        try:
            day = _date(values["completed_on"], label=_("Ngày hoàn thành"))
        except ReportError as exc:
            errors[f"{key}.completed_on"] = exc.message
        else:
            if day is not None and not round_.starts_on <= day <= round_.ends_on:
                errors[f"{key}.completed_on"] = _(
                    "Ngày %(day)s nằm ngoài kỳ báo cáo (từ %(start)s đến %(end)s).") % {
                    "day": day.strftime("%d/%m/%Y"),
                    "start": round_.starts_on.strftime("%d/%m/%Y"),
                    "end": round_.ends_on.strftime("%d/%m/%Y")}
            else:
                row.completed_on = day
    if row.status == TaskStatus.DONE:
        row.progress = 100
    row.save()


def unit_report_save(*, report: UnitReport, actor, data: dict,
                     revision: int | None) -> tuple[UnitReport, dict]:
    """Save what the unit typed (autosave and the save button). Valid fields are kept even
    when others are not; returns the report and ``{field: message}`` for the rejected ones."""
    _require_writable(report, actor)
    errors: dict = {}
    with transaction.atomic():
        report = _locked(report, revision)
        _require_writable(report, actor)
        before = _flat(unit_report_content(report))
        _apply(report, data, errors)
        after = _flat(unit_report_content(report))
        if after != before:
            report.revision += 1
            report.saved_by = actor if getattr(actor, "pk", None) else None
            report.save()
            audit.record(instance=report, action="ttdn.reports.unit_report.saved", actor=actor,
                         commune_id=report.commune_id, before=before, after=after)
    return report, errors


def _submit_problems(report: UnitReport) -> dict:
    problems = {}
    for row in report.tasks.select_related("task"):
        if row.status != TaskStatus.NOT_STARTED and not row.done:
            problems[f"task.{row.task_id}.done"] = _(
                "Hãy ghi kết quả thực hiện của nhiệm vụ “%(task)s”.") % {"task": str(row.task)}
        if row.status == TaskStatus.DONE and row.completed_on is None:
            problems[f"task.{row.task_id}.completed_on"] = _(
                "Hãy ghi ngày hoàn thành của nhiệm vụ “%(task)s”.") % {"task": str(row.task)}
    return problems


def unit_report_submit(*, report: UnitReport, actor, data: dict | None = None,
                       revision: int | None = None) -> UnitReport:
    """Save the last changes and send the report to the commune."""
    _require_writable(report, actor)
    if data:  # saved in its own transaction: a refused submission keeps what was typed
        report, errors = unit_report_save(report=report, actor=actor, data=data,
                                          revision=revision)
        revision = report.revision
        if errors:
            raise ReportError(_("Báo cáo còn ô chưa hợp lệ; hãy sửa rồi gửi lại."),
                              extra={"errors": errors})
    with transaction.atomic():
        report = _locked(report, revision)
        problems = _submit_problems(report)
        if problems:
            raise ReportError(_("Báo cáo chưa đủ để gửi; hãy bổ sung các ô được đánh dấu."),
                              extra={"errors": problems})
        before = audit.snapshot(report)
        report.status = UnitReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
        report.revision += 1
        report.save()
        _snapshot_version(actor=actor, unit_report=report, content=unit_report_content(report))
        audit.record(instance=report, action="ttdn.reports.unit_report.submitted", actor=actor,
                     commune_id=report.commune_id, before=before, after=audit.snapshot(report))
    return report


def _decide(report: UnitReport, actor, status: str, comment: str, action: str) -> UnitReport:
    if not may_decide_unit_report(actor, report):
        raise PermissionDeniedError(_("Bạn không có quyền tiếp nhận hoặc trả lại báo cáo này."))
    with transaction.atomic():
        report = UnitReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
        if report.status != UnitReportStatus.SUBMITTED:
            raise ReportError(_("Chỉ tiếp nhận hoặc trả lại được báo cáo đã gửi (báo cáo này đang "
                                "ở trạng thái “%(status)s”).")
                              % {"status": report.get_status_display()})
        before = audit.snapshot(report)
        report.status = status
        report.decided_at, report.decided_by = timezone.now(), actor
        report.return_comment = comment
        report.revision += 1
        report.save()
        _snapshot_version(actor=actor, unit_report=report, comment=comment,
                          content=unit_report_content(report))
        audit.record(instance=report, action=action, actor=actor, commune_id=report.commune_id,
                     before=before, after=audit.snapshot(report))
    return report


def unit_report_return(*, report: UnitReport, actor, comment: str) -> UnitReport:
    comment = _text(comment)
    if not comment:
        raise ReportError(_("Hãy ghi ý kiến để đơn vị biết cần sửa gì."), field="comment")
    return _decide(report, actor, UnitReportStatus.RETURNED, comment[:4000],
                   "ttdn.reports.unit_report.returned")


def unit_report_accept(*, report: UnitReport, actor) -> UnitReport:
    return _decide(report, actor, UnitReportStatus.ACCEPTED, "",
                   "ttdn.reports.unit_report.accepted")


# Commune reports -------------------------------------------------------------------------------


def commune_report_content(report: CommuneReport) -> dict:
    return {
        "title": report.title,
        "body": report.body,
        "figures": {f.indicator.code: {"value": "" if f.value is None else str(f.value),
                                       "origin": f.origin}
                    for f in report.figures.select_related("indicator")},
        "recipients": report.recipients,
        "signature": [report.signer_authority, report.signer_title, report.signer_name],
    }


def _require_commune_editable(report: CommuneReport, actor) -> None:
    if not may_edit_commune_report(actor, report):
        raise PermissionDeniedError(_("Bạn không có quyền soạn báo cáo của xã."))
    if not report.is_editable:
        raise ReportError(_("Báo cáo đang ở trạng thái “%(status)s” nên không sửa được.")
                          % {"status": report.get_status_display()})


def commune_report_save(*, report: CommuneReport, actor, revision: int | None,
                        blocks: dict | None = None, figures: dict | None = None,
                        title: str | None = None, recipients: list | None = None,
                        signature: tuple | None = None) -> tuple[CommuneReport, dict]:
    """Save the officer's edits: paragraph texts by block id, figures by indicator code."""
    _require_commune_editable(report, actor)
    errors: dict = {}
    with transaction.atomic():
        current = CommuneReport.objects.select_for_update().get(pk=report.pk)
        if revision is not None and int(revision) != current.revision:
            who = current.saved_by.get_full_name() if current.saved_by else ""
            raise ConflictError(
                _("%(who)s đã lưu báo cáo lúc %(at)s, sau khi bạn mở nó. Phần bạn vừa sửa chưa "
                  "được lưu: hãy xem bản đang lưu, chép lại nội dung cần giữ rồi lưu lại.")
                % {"who": who or _("Một người khác"),
                   "at": timezone.localtime(current.updated_at).strftime("%H:%M:%S %d/%m/%Y")},
                extra={"current": commune_report_content(current),
                       "revision": current.revision, "saved_by": who,
                       "saved_at": timezone.localtime(current.updated_at).isoformat()})
        before = commune_report_content(current)
        body = [dict(block) for block in current.body]
        for block in body:
            if blocks and block["id"] in blocks and block.get("kind") == "paragraph":
                text = _text(blocks[block["id"]])
                if text != block["text"]:
                    block["text"], block["edited"] = text, True
        current.set_body(body)
        if title is not None and _text(title):
            current.title = " ".join(_text(title).split())[:300]
        if recipients is not None:
            current.recipients = [line for line in (_text(r) for r in recipients) if line][:20]
        if signature is not None:
            current.signer_authority, current.signer_title, current.signer_name = (
                " ".join(_text(part).split())[:limit]
                for part, limit in zip(signature, (60, 80, 120), strict=True))
        for figure in current.figures.select_related("indicator"):
            code = figure.indicator.code
            if not figures or code not in figures:
                continue
            try:
                value = parse_figure(figures[code], label=figure.indicator.name)
            except ReportError as exc:
                errors[f"figure.{code}"] = exc.message
                continue
            if value != figure.value:
                figure.value, figure.edited = value, True
                figure.origin = _("Sửa tay khi tổng hợp")
                figure.save()
        after = commune_report_content(current)
        if after != before:
            current.revision += 1
            current.saved_by = actor if getattr(actor, "pk", None) else None
            current.save()
            audit.record(instance=current, action="ttdn.reports.commune_report.saved",
                         actor=actor, commune_id=current.commune_id,
                         before={"content": before}, after={"content": after})
    return current, errors


def _move(report: CommuneReport, actor, *, allowed: tuple, status: str, action: str,
          comment: str = "", **fields) -> CommuneReport:
    with transaction.atomic():
        current = CommuneReport.objects.select_for_update().get(pk=report.pk)
        if current.status not in allowed:
            raise ReportError(_("Không thực hiện được: báo cáo đang ở trạng thái “%(status)s”.")
                              % {"status": current.get_status_display()})
        before = audit.snapshot(current)
        current.status = status
        for name, value in fields.items():
            setattr(current, name, value)
        current.revision += 1
        current.save()
        _snapshot_version(actor=actor, commune_report=current, comment=comment,
                          content=commune_report_content(current))
        audit.record(instance=current, action=action, actor=actor,
                     commune_id=current.commune_id, before=before,
                     after=audit.snapshot(current), extra={"comment": comment} if comment else None)
    return current


def commune_report_request_approval(*, report: CommuneReport, actor) -> CommuneReport:
    if not may_edit_commune_report(actor, report):
        raise PermissionDeniedError(_("Bạn không có quyền trình duyệt báo cáo của xã."))
    if not report.body:
        raise ReportError(_("Báo cáo chưa có nội dung; hãy tổng hợp trước khi trình duyệt."))
    return _move(report, actor, allowed=(CommuneReportStatus.DRAFT, CommuneReportStatus.RETURNED),
                 status=CommuneReportStatus.PENDING,
                 action="ttdn.reports.commune_report.approval_requested")


def commune_report_approve(*, report: CommuneReport, actor,
                           today: datetime.date | None = None) -> CommuneReport:
    if not may_approve(actor, report):
        raise PermissionDeniedError(_("Chỉ Chủ tịch hoặc Phó Chủ tịch UBND xã duyệt báo cáo."))
    return _move(report, actor, allowed=(CommuneReportStatus.PENDING,),
                 status=CommuneReportStatus.APPROVED, action="ttdn.reports.commune_report.approved",
                 approved_at=timezone.now(), approved_by=actor,
                 issued_on=today or timezone.localdate())


def commune_report_reject(*, report: CommuneReport, actor, comment: str) -> CommuneReport:
    """The chairman sends the draft back to the officer with a comment."""
    if not may_approve(actor, report):
        raise PermissionDeniedError(_("Chỉ Chủ tịch hoặc Phó Chủ tịch UBND xã duyệt báo cáo."))
    comment = _text(comment)
    if not comment:
        raise ReportError(_("Hãy ghi ý kiến để người soạn biết cần sửa gì."), field="comment")
    return _move(report, actor, allowed=(CommuneReportStatus.PENDING,),
                 status=CommuneReportStatus.DRAFT, comment=comment[:4000],
                 action="ttdn.reports.commune_report.rejected")


def commune_report_send(*, report: CommuneReport, actor) -> CommuneReport:
    """Send the approved report to the upper level of the same deployment."""
    if not (may_edit_commune_report(actor, report) or may_approve(actor, report)):
        raise PermissionDeniedError(_("Bạn không có quyền gửi báo cáo của xã."))
    return _move(report, actor, allowed=(CommuneReportStatus.APPROVED,),
                 status=CommuneReportStatus.SENT, action="ttdn.reports.commune_report.sent",
                 sent_at=timezone.now(), upper_comment="")


def commune_report_upper_return(*, report: CommuneReport, actor, comment: str) -> CommuneReport:
    if not may_decide_upper(actor, report):
        raise PermissionDeniedError(_("Chỉ cấp trên của xã mới trả lại được báo cáo này."))
    comment = _text(comment)
    if not comment:
        raise ReportError(_("Hãy ghi ý kiến để xã biết cần sửa gì."), field="comment")
    return _move(report, actor, allowed=(CommuneReportStatus.SENT,),
                 status=CommuneReportStatus.RETURNED, comment=comment[:4000],
                 action="ttdn.reports.commune_report.returned_by_upper",
                 upper_comment=comment[:4000], upper_decided_at=timezone.now())


def commune_report_upper_receive(*, report: CommuneReport, actor) -> CommuneReport:
    if not may_decide_upper(actor, report):
        raise PermissionDeniedError(_("Chỉ cấp trên của xã mới tiếp nhận được báo cáo này."))
    return _move(report, actor, allowed=(CommuneReportStatus.SENT,),
                 status=CommuneReportStatus.RECEIVED,
                 action="ttdn.reports.commune_report.received_by_upper",
                 upper_decided_at=timezone.now())
