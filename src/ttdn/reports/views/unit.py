"""The units' side: "my unit's reports", opening a unit's report for a round, the report form
(with its JSON autosave) and the culture officer's accept / return on it.

The form works without script: a normal POST with the revision and the ``base`` digests; the
autosave script (``static/reports/autosave.js``) posts the same fields as JSON to
``reports:unit_report_autosave``. Either way a save from an old revision is refused by the
service, and the page shows the fields both people changed side by side.
"""

import datetime
import json
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ttdn.core.errors import PermissionDeniedError
from ttdn.org.models import Unit
from ttdn.plans.models import TaskStatus

from .. import selectors, services
from ..errors import ConflictError, ReportError
from ..figures import show
from ..forms import (
    CommentForm,
    changed_only,
    clean_unit_data,
    conflicts,
    digests,
    nest,
    read_base,
    unit_fields,
    unit_posted,
)
from ..models import UnitReport, UnitReportStatus
from ..permissions import (
    may_decide_unit_report,
    may_write_unit_report,
    upper_communes,
    visible_rounds,
    visible_unit_reports,
)
from .base import AdminView, RefuseWith403, deny, has_units, home_crumb_for, version_status_label

TASK_FIELD_LABELS = {
    "done": gettext_lazy("Kết quả thực hiện"),
    "status": gettext_lazy("Trạng thái"),
    "progress": gettext_lazy("Tiến độ (%)"),
    "completed_on": gettext_lazy("Ngày hoàn thành"),
}


def _revision(value) -> int:
    """The revision a form or script sent; anything else can only conflict."""
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return -1


def _local(moment) -> datetime.datetime | None:
    if isinstance(moment, str):
        moment = parse_datetime(moment)
    return timezone.localtime(moment) if moment else None


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def late_of(report: UnitReport, today: datetime.date) -> bool:
    deadline = report.round.deadline
    if report.submitted_at and report.status in (UnitReportStatus.SUBMITTED,
                                                 UnitReportStatus.ACCEPTED):
        return timezone.localdate(report.submitted_at) > deadline
    return today > deadline


# "My unit's reports" -----------------------------------------------------------------------


class MyReportsView(AdminView):
    template_name = "reports/mine.html"
    page_title = gettext_lazy("Báo cáo của đơn vị tôi")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_superuser or has_units(request.user)):
            deny(_("Trang này dành cho cán bộ các đơn vị, thôn."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        rows = selectors.my_unit_reports(user=self.request.user)
        for row in rows:
            report = row["report"]
            row["editable"] = report is None or report.is_editable
        return {**super().get_context_data(**kwargs), "rows": rows,
                "today": timezone.localdate()}


# Opening a unit's report -------------------------------------------------------------------


class UnitReportOpenView(AdminView):
    """GET: the report if it exists, else a page with the button that starts it (a GET never
    writes). POST: ``services.unit_report_open`` (which also refreshes the system's figures of
    an editable report), then the report."""

    template_name = "reports/unit_report_open.html"
    page_title = gettext_lazy("Lập báo cáo của đơn vị")
    header_icon = "doc-full"

    def dispatch(self, request, round_pk, unit_pk, *args, **kwargs):
        user = request.user
        self.round = get_object_or_404(visible_rounds(user).select_related("plan", "commune"),
                                       pk=round_pk)
        self.unit = get_object_or_404(Unit.objects.filter(commune_id=self.round.commune_id),
                                      pk=unit_pk)
        probe = UnitReport(round=self.round, unit=self.unit, commune_id=self.round.commune_id)
        if not (may_write_unit_report(user, probe) or may_decide_unit_report(user, probe)):
            deny(_("Bạn không thuộc đơn vị %(unit)s nên không mở được báo cáo của đơn vị "
                   "này.") % {"unit": self.unit.name})
        self.existing = visible_unit_reports(user).filter(round=self.round,
                                                          unit=self.unit).first()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.unit.name

    def get_parent_crumbs(self):
        return [home_crumb_for(self.request.user)]

    def get(self, request):
        if self.existing is not None:
            return redirect("reports:unit_report", self.existing.pk)
        return self.render_page(round=self.round, unit=self.unit,
                                tasks=services.unit_tasks(self.round, self.unit.pk))

    def post(self, request):
        try:
            report = services.unit_report_open(round_=self.round, unit=self.unit,
                                               actor=request.user)
        except PermissionDeniedError:
            raise
        except ReportError as exc:
            messages.error(request, exc.message)
            return redirect(home_crumb_for(request.user)[0])
        return redirect("reports:unit_report", report.pk)


# The report --------------------------------------------------------------------------------


@dataclass
class Field:
    key: str
    label: str
    value: str
    error: str = ""

    @property
    def id(self) -> str:
        return "f-" + self.key.replace(".", "-")


class UnitReportMixin:
    def dispatch(self, request, pk, *args, **kwargs):
        self.report = get_object_or_404(
            visible_unit_reports(request.user).select_related(
                "unit", "round__plan", "round__commune", "saved_by", "decided_by"), pk=pk)
        return super().dispatch(request, *args, **kwargs)


def stored_fields(report: UnitReport) -> dict:
    return unit_fields(services.unit_report_content(report))


class UnitReportView(UnitReportMixin, AdminView):
    template_name = "reports/unit_report.html"
    page_title = gettext_lazy("Báo cáo của đơn vị")
    header_icon = "doc-full"
    ACTIONS = ("save", "submit", "merge", "accept", "return")

    def get_page_subtitle(self):
        return f"{self.report.unit.name} — {self.report.round.title}"

    def get_parent_crumbs(self):
        user, report = self.request.user, self.report
        crumbs = [home_crumb_for(user)]
        if may_decide_unit_report(user, report) or report.commune_id in upper_communes(user):
            crumbs.append((reverse("reports:round", args=[report.round_id]), report.round.title))
        return crumbs

    # Reading -----------------------------------------------------------------------------

    def _tasks(self):
        return list(self.report.tasks.select_related("task", "task__section").order_by(
            "task__position", "task__pk"))

    def _figures(self):
        return list(self.report.figures.select_related("indicator").order_by(
            "indicator__position", "indicator__code"))

    def labels(self, tasks, figures) -> dict:
        labels = {"difficulties": _("Khó khăn, vướng mắc"), "proposals": _("Đề xuất, kiến nghị")}
        for number, row in enumerate(tasks, start=1):
            for name, label in TASK_FIELD_LABELS.items():
                labels[f"task.{row.task_id}.{name}"] = _("Nhiệm vụ %(number)s — %(field)s") % {
                    "number": number, "field": label}
        for figure in figures:
            code = figure.indicator.code
            labels[f"figure.{code}.value"] = figure.indicator.name
            labels[f"figure.{code}.note"] = _("%(name)s — ghi chú") % {
                "name": figure.indicator.name}
        return labels

    def get_context_data(self, values=None, errors=None, revision=None, base=None, merge=None,
                         comment_form=None, **kwargs):
        user, report = self.request.user, self.report
        today = timezone.localdate()
        tasks, figures = self._tasks(), self._figures()
        labels = self.labels(tasks, figures)
        stored = stored_fields(report)
        values = {**stored, **(values or {})}
        errors = errors or {}

        def field(key):
            return Field(key, labels.get(key, key), values.get(key, ""), errors.get(key, ""))

        task_rows = []
        for number, row in enumerate(tasks, start=1):
            prefix = f"task.{row.task_id}."
            task_rows.append({
                "number": number, "row": row, "task": row.task,
                "done": field(prefix + "done"), "status": field(prefix + "status"),
                "progress": field(prefix + "progress"),
                "completed_on": field(prefix + "completed_on"),
                "error": errors.get(f"task.{row.task_id}", ""),
            })
        figure_rows = []
        for figure in figures:
            code = figure.indicator.code
            figure_rows.append({
                "figure": figure, "indicator": figure.indicator,
                "value": field(f"figure.{code}.value"), "note": field(f"figure.{code}.note"),
                "system": figure.system_value is not None,
                "system_shown": show(figure.system_value),
                "changed": figure.system_value is not None and figure.value != figure.system_value,
                "shown": show(figure.value),
            })
        known = set(labels)
        stray = [message for key, message in errors.items()
                 if key not in known and not key.startswith(tuple(
                     f"task.{row.task_id}" for row in tasks))]
        writable = report.is_editable and may_write_unit_report(user, report)
        deciding = (report.status == UnitReportStatus.SUBMITTED
                    and may_decide_unit_report(user, report))
        versions = list(report.versions.select_related("created_by"))
        for version in versions:
            version.status_label = version_status_label(version.status, unit=True)
        return {
            **super().get_context_data(**kwargs),
            "report": report, "round": report.round, "tasks": task_rows, "figures": figure_rows,
            "difficulties": field("difficulties"), "proposals": field("proposals"),
            "statuses": TaskStatus.choices, "stray_errors": stray, "has_errors": bool(errors),
            "revision": report.revision if revision is None else revision,
            "base": digests(stored) if base is None else base,
            "writable": writable, "deciding": deciding,
            "comment_form": comment_form or CommentForm(),
            "merge": merge, "versions": versions,
            "late": late_of(report, today), "today": today,
            "saved_by": _person(report.saved_by),
            "saved_at": timezone.localtime(report.updated_at),
            "storage_key": f"ttdn.reports.unit.{report.pk}",
            "autosave_url": reverse("reports:unit_report_autosave", args=[report.pk]),
        }

    # Acting ------------------------------------------------------------------------------

    def post(self, request):
        action = request.POST.get("action")
        if action not in self.ACTIONS:
            raise Http404
        return getattr(self, f"do_{action}")(request)

    def _require_write(self):
        if not may_write_unit_report(self.request.user, self.report):
            deny(_("Bạn không thuộc đơn vị %(unit)s nên không sửa hoặc gửi được báo cáo của "
                   "đơn vị này.") % {"unit": self.report.unit.name})

    def _posted(self, request):
        keys = stored_fields(self.report).keys()
        values = unit_posted(request.POST, keys)
        base = read_base(request.POST.get("base"))
        return values, base, changed_only(values, base), _revision(request.POST.get("revision"))

    def _save(self, request, changed, values, base, revision):
        """Save the changed fields. Returns (report, errors) or a response to send."""
        try:
            return services.unit_report_save(report=self.report, actor=request.user,
                                             data=nest(changed), revision=revision)
        except ConflictError as exc:
            return self._conflict(request, exc, changed, values, base)
        except PermissionDeniedError:
            raise
        except ReportError as exc:
            messages.error(request, exc.message)
            return self.render_page(values=values, errors=exc.extra.get("errors") or {},
                                    revision=revision, base=json.dumps(base))

    def _conflict(self, request, exc, changed, values, base, retried=False):
        extra = exc.extra
        theirs = unit_fields(extra["current"])
        shown, clashes = conflicts(changed, theirs, base)
        if not clashes and not retried:
            # Nobody else touched what this person changed: save it over the new revision.
            try:
                report, errors = services.unit_report_save(
                    report=self.report, actor=request.user, data=nest(changed),
                    revision=extra["revision"])
            except ConflictError as again:
                return self._conflict(request, again, changed, values, base, retried=True)
            return report, errors
        labels = self.labels(self._tasks(), self._figures())
        merge = {
            "message": exc.message, "saved_by": extra.get("saved_by") or _("Một người khác"),
            "saved_at": _local(extra.get("saved_at")),
            "rows": [{"key": key, "id": "m-" + key.replace(".", "-"),
                      "label": labels.get(key, key), "mine": shown[key], "theirs": theirs[key]}
                     for key in clashes],
        }
        self.report.refresh_from_db()
        return self.render_page(values=shown, revision=extra["revision"], base=digests(theirs),
                                merge=merge)

    def _after_save(self, request, result, values, *, then=None):
        if not isinstance(result, tuple):
            return result  # a page (conflict, refusal)
        report, errors = result
        self.report = report
        if errors:
            message = _("Đã lưu các ô hợp lệ. Còn %(count)s ô chưa hợp lệ, xem thông báo ngay "
                        "dưới từng ô.") % {"count": len(errors)}
            if then is not None:
                message = _("Báo cáo chưa được gửi vì còn ô chưa hợp lệ. %(saved)s") % {
                    "saved": message}
            messages.warning(request, message)
            stored = stored_fields(report)
            shown = {**stored, **{k: values[k] for k in errors if k in values}}
            return self.render_page(values=shown, errors=errors, revision=report.revision,
                                    base=digests(stored))
        if then is not None:
            return then(report)
        messages.success(request, _("Đã lưu báo cáo lúc %(at)s.") % {
            "at": timezone.localtime(report.updated_at).strftime("%H:%M:%S")})
        return redirect("reports:unit_report", report.pk)

    def do_save(self, request):
        self._require_write()
        values, base, changed, revision = self._posted(request)
        return self._after_save(request, self._save(request, changed, values, base, revision),
                                values)

    def do_merge(self, request):
        self._require_write()
        values, base, changed, revision = self._posted(request)
        for key in request.POST.getlist("clash"):
            if request.POST.get(f"pick.{key}") == "theirs":
                changed.pop(key, None)
        return self._after_save(request, self._save(request, changed, values, base, revision),
                                values)

    def do_submit(self, request):
        self._require_write()
        values, base, changed, revision = self._posted(request)

        def submit(report):
            try:
                report = services.unit_report_submit(report=report, actor=request.user,
                                                     revision=report.revision)
            except PermissionDeniedError:
                raise
            except ReportError as exc:
                messages.error(request, exc.message)
                self.report = report
                return self.render_page(errors=exc.extra.get("errors") or {})
            messages.success(request, _("Đã gửi báo cáo. Công chức Văn hóa – Xã hội sẽ xem và "
                                        "tiếp nhận."))
            return redirect("reports:unit_report", report.pk)

        return self._after_save(request, self._save(request, changed, values, base, revision),
                                values, then=submit)

    def do_accept(self, request):
        try:
            services.unit_report_accept(report=self.report, actor=request.user)
        except PermissionDeniedError:
            raise
        except ReportError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã tiếp nhận báo cáo của %(unit)s.") % {
                "unit": self.report.unit.name})
        return redirect("reports:unit_report", self.report.pk)

    def do_return(self, request):
        if not may_decide_unit_report(request.user, self.report):
            deny(_("Bạn không có quyền tiếp nhận hoặc trả lại báo cáo này."))
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                services.unit_report_return(report=self.report, actor=request.user,
                                            comment=form.cleaned_data["comment"])
            except PermissionDeniedError:
                raise
            except ReportError as exc:
                if exc.field == "comment":
                    form.add_error("comment", exc.message)
                else:
                    messages.error(request, exc.message)
                    return redirect("reports:unit_report", self.report.pk)
            else:
                messages.success(request, _("Đã trả lại báo cáo cho %(unit)s.") % {
                    "unit": self.report.unit.name})
                return redirect("reports:unit_report", self.report.pk)
        return self.render_page(comment_form=form)


# Autosave (JSON) ---------------------------------------------------------------------------


def _state(report: UnitReport) -> dict:
    saved_at = timezone.localtime(report.updated_at)
    return {"revision": report.revision, "saved_at": saved_at.isoformat(),
            "saved_at_display": saved_at.strftime("%H:%M:%S %d/%m/%Y"),
            "saved_by": _person(report.saved_by)}


class UnitReportAutosaveView(RefuseWith403, UnitReportMixin, View):
    """GET: what is stored now. POST ``{"revision": n, "data": {...}}`` (the shape of
    ``services.unit_report_content``, only the changed fields): ``{ok, revision, saved_at,
    errors}``; 409 ``{conflict, message, current, fields, revision, saved_by, saved_at}`` when
    somebody saved since revision n."""

    http_method_names = ["get", "post"]

    def get(self, request):
        report = self.report
        content = services.unit_report_content(report)
        return JsonResponse({**_state(report), "ok": True, "status": report.status,
                             "editable": report.is_editable, "current": content,
                             "fields": unit_fields(content)})

    def post(self, request):
        try:
            payload = json.loads(request.body.decode("utf-8") or "{}")
        except (ValueError, UnicodeDecodeError):
            payload = None
        if not isinstance(payload, dict) or "revision" not in payload:
            return JsonResponse({"ok": False, "message": _(
                "Dữ liệu gửi lên không đọc được; hãy tải lại trang.")}, status=400)
        data = clean_unit_data(payload.get("data"))
        try:
            report, errors = services.unit_report_save(
                report=self.report, actor=request.user, data=data,
                revision=_revision(payload.get("revision")))
        except ConflictError as exc:
            extra = exc.extra
            return JsonResponse({
                "ok": False, "conflict": True, "message": exc.message,
                "current": extra["current"], "fields": unit_fields(extra["current"]),
                "revision": extra["revision"], "saved_by": extra.get("saved_by") or "",
                "saved_at": extra.get("saved_at") or "",
            }, status=409)
        except PermissionDeniedError as exc:
            return JsonResponse({"ok": False, "message": exc.message}, status=403)
        except ReportError as exc:
            return JsonResponse({"ok": False, "message": exc.message,
                                 "errors": exc.extra.get("errors") or {}}, status=400)
        stored = unit_fields(services.unit_report_content(report))
        return JsonResponse({**_state(report), "ok": True, "errors": errors,
                             "fields": {key: stored[key] for key in _sent_keys(data)
                                        if key in stored}})


def _sent_keys(data: dict):
    for field in ("difficulties", "proposals"):
        if field in data:
            yield field
    for task_id, values in data.get("tasks", {}).items():
        for name in values:
            yield f"task.{task_id}.{name}"
    for code, values in data.get("figures", {}).items():
        for name in values:
            yield f"figure.{code}.{name}"


__all__ = ["MyReportsView", "UnitReportAutosaveView", "UnitReportOpenView", "UnitReportView"]
