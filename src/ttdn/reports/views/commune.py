"""The commune report as a document: headings, editable paragraphs with a link to where each
came from, the figures table; its workflow (redraft, approval, sending up, the upper level's
answer), its versions and its files. Also the form that drafts a review (sơ kết, tổng kết)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.admin_views import download_bytes
from ttdn.core.errors import ApplicationError, PermissionDeniedError

from .. import drafting, exporting, selectors, services
from ..errors import ConflictError
from ..forms import (
    SIGNATURE_FIELDS,
    CommentForm,
    ReviewForm,
    changed_only,
    commune_fields,
    commune_fields_of_content,
    commune_save_arguments,
    conflicts,
    digests,
    read_base,
    unit_posted,
)
from ..models import CommuneReportKind, CommuneReportStatus
from ..permissions import (
    may_approve,
    may_decide_upper,
    may_edit_commune_report,
    visible_unit_reports,
)
from .base import FORMATS, AdminView, index_crumb, upper_crumb
from .rounds import ManagerOnly, managed_plans
from .unit import Field, _revision

FILE_LABELS = [("docx", gettext_lazy("Tải .docx")), ("pdf", gettext_lazy("Tải PDF")),
               ("xlsx", gettext_lazy("Tải số liệu .xlsx")),
               ("json", gettext_lazy("Tệp trao đổi (.json)"))]


class CommuneReportView(AdminView):
    template_name = "reports/commune_report.html"
    page_title = gettext_lazy("Báo cáo của xã")
    header_icon = "doc-full"
    EDIT_ACTIONS = ("save", "redraft", "request_approval")
    ACTIONS = (*EDIT_ACTIONS, "approve", "reject", "send", "upper_receive", "upper_return")

    def dispatch(self, request, pk, *args, **kwargs):
        self.report = get_object_or_404(
            selectors.commune_reports_visible_to(user=request.user).select_related(
                "approved_by"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.report.get_kind_display()

    def get_parent_crumbs(self):
        user, report = self.request.user, self.report
        if may_edit_commune_report(user, report):
            crumbs = [index_crumb()]
            if report.round_id:
                crumbs.append((reverse("reports:round", args=[report.round_id]),
                               report.round.title))
            return crumbs
        url, label = upper_crumb()
        return [(f"{url}?period={report.period}", label)]

    # Reading -----------------------------------------------------------------------------

    def get(self, request):
        fmt = request.GET.get("format")
        if fmt is not None:
            return self.download(request, fmt)
        return self.render_page()

    def download(self, request, fmt):
        if fmt not in FORMATS:
            raise Http404
        try:
            data, filename, content_type = exporting.commune_report_file(
                report=self.report, actor=request.user, fmt=fmt)
        except PermissionDeniedError:
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("reports:commune_report", self.report.pk)
        return download_bytes(data, filename, content_type)

    def _blocks(self, values, errors):
        report = self.report
        unit_ids = {b["source"]["unit_report"] for b in report.body
                    if (b.get("source") or {}).get("unit_report")}
        period_ids = {b["source"]["commune_report"] for b in report.body
                      if (b.get("source") or {}).get("commune_report")}
        units = {r.pk: r for r in visible_unit_reports(self.request.user).filter(
            pk__in=unit_ids).select_related("unit")}
        periods_ = {r.pk: r for r in selectors.commune_reports_visible_to(
            user=self.request.user).filter(pk__in=period_ids)}
        blocks, paragraph = [], 0
        for block in report.body:
            kind = block.get("kind")
            if kind == "heading":
                blocks.append({"kind": "heading", "level": block.get("level", 1),
                               "number": block.get("number", ""), "text": block.get("text", "")})
            elif kind == "table":
                blocks.append({"kind": "table"})
            elif kind == "paragraph":
                paragraph += 1
                key = f"block.{block['id']}"
                source = block.get("source") or {}
                unit_report = units.get(source.get("unit_report"))
                period_report = periods_.get(source.get("commune_report"))
                blocks.append({
                    "kind": "paragraph", "edited": block.get("edited"),
                    "field": Field(key, _("Đoạn %(number)s") % {"number": paragraph},
                                   values.get(key, block.get("text", "")), errors.get(key, "")),
                    "unit_report": unit_report,
                    "unit_name": source.get("unit") or (unit_report.unit.name if unit_report
                                                        else ""),
                    "period_report": period_report,
                })
        return blocks

    def rights(self) -> dict:
        user, report = self.request.user, self.report
        edit = may_edit_commune_report(user, report)
        status = report.status
        return {
            "edit": edit and report.is_editable,
            "approve": status == CommuneReportStatus.PENDING and may_approve(user, report),
            "send": status == CommuneReportStatus.APPROVED and (edit or may_approve(user, report)),
            "upper": status == CommuneReportStatus.SENT and may_decide_upper(user, report),
        }

    def get_context_data(self, values=None, errors=None, revision=None, base=None,
                         conflict=None, reject_form=None, upper_form=None, **kwargs):
        report = self.report
        rows = drafting.figure_rows(report)
        stored = commune_fields(report, rows)
        values = {**stored, **(values or {})}
        errors = errors or {}
        labels = self.labels(rows)

        def field(key):
            return Field(key, labels.get(key, key), values.get(key, ""), errors.get(key, ""))

        for row in rows:
            row["field"] = field(f"figure.{row['indicator'].code}")
        blocks = self._blocks(values, errors)
        if not any(b["kind"] == "table" for b in blocks):
            blocks.append({"kind": "table"})
        versions = list(report.versions.select_related("created_by"))
        for version in versions:
            try:
                version.status_label = CommuneReportStatus(version.status).label
            except ValueError:
                version.status_label = version.status
        return {
            **super().get_context_data(**kwargs),
            "report": report, "blocks": blocks, "figures": rows, "rights": self.rights(),
            "title": field("title"), "recipients": field("recipients"),
            "signature": [field(name) for name in SIGNATURE_FIELDS],
            "revision": report.revision if revision is None else revision,
            "base": digests(stored) if base is None else base,
            "conflict": conflict, "has_errors": bool(errors),
            "reject_form": reject_form or CommentForm(prefix="reject"),
            "upper_form": upper_form or CommentForm(prefix="upper"),
            "versions": versions, "files": FILE_LABELS,
            "is_review": report.kind != CommuneReportKind.PERIOD,
            "rounds": report.rounds.order_by("ends_on") if report.kind != CommuneReportKind.PERIOD
            else [],
        }

    def labels(self, rows) -> dict:
        labels = {"title": _("Trích yếu"), "recipients": _("Nơi nhận"),
                  "signer_authority": _("Thẩm quyền ký"), "signer_title": _("Chức vụ người ký"),
                  "signer_name": _("Người ký")}
        paragraph = 0
        for block in self.report.body:
            if block.get("kind") == "paragraph":
                paragraph += 1
                labels[f"block.{block['id']}"] = _("Đoạn %(number)s") % {"number": paragraph}
        for row in rows:
            labels[f"figure.{row['indicator'].code}"] = row["indicator"].name
        return labels

    # Acting ------------------------------------------------------------------------------

    def post(self, request):
        action = request.POST.get("action")
        if action not in self.ACTIONS:
            raise Http404
        if action in self.EDIT_ACTIONS:
            return self.edit(request, action)
        return getattr(self, f"do_{action}")(request)

    def _done(self, message):
        messages.success(self.request, message)
        return redirect("reports:commune_report", self.report.pk)

    def _failed(self, exc):
        if isinstance(exc, PermissionDeniedError):
            raise exc
        messages.error(self.request, exc.message)
        return redirect("reports:commune_report", self.report.pk)

    def _save(self, request, changed, values, revision):
        arguments = commune_save_arguments(changed)
        if any(name in changed for name in SIGNATURE_FIELDS):
            arguments["signature"] = tuple(values.get(name, getattr(self.report, name))
                                           for name in SIGNATURE_FIELDS)
        return services.commune_report_save(report=self.report, actor=request.user,
                                            revision=revision, **arguments)

    def edit(self, request, action):
        """Save what was changed, then redraft or ask for approval."""
        if not may_edit_commune_report(request.user, self.report):
            raise PermissionDeniedError(_("Bạn không có quyền soạn báo cáo của xã."))
        rows = drafting.figure_rows(self.report)
        keys = commune_fields(self.report, rows).keys()
        values = unit_posted(request.POST, keys)
        base = read_base(request.POST.get("base"))
        changed = changed_only(values, base)
        revision = _revision(request.POST.get("revision"))
        errors: dict = {}
        if changed:
            try:
                self.report, errors = self._save(request, changed, values, revision)
            except ConflictError as exc:
                theirs = commune_fields_of_content(exc.extra["current"])
                shown, clashes = conflicts(changed, theirs, base)
                if clashes:
                    return self._conflict(exc, shown, theirs, clashes, rows)
                try:  # only this person changed these fields: save over the new revision
                    self.report, errors = self._save(request, changed, values,
                                                     exc.extra["revision"])
                except ConflictError as again:
                    theirs = commune_fields_of_content(again.extra["current"])
                    shown, clashes = conflicts(changed, theirs, base)
                    return self._conflict(again, shown, theirs, clashes, rows)
            except PermissionDeniedError:
                raise
            except ApplicationError as exc:
                return self._failed(exc)
        if errors:
            messages.warning(request, _("Đã lưu phần hợp lệ. Còn %(count)s số liệu chưa hợp lệ, "
                                        "xem thông báo trong bảng số liệu.")
                             % {"count": len(errors)})
            stored = commune_fields(self.report, drafting.figure_rows(self.report))
            return self.render_page(values={**stored, **{k: values[k] for k in errors
                                                         if k in values}},
                                    errors=errors, base=digests(stored))
        if action == "save":
            return self._done(_("Đã lưu báo cáo.") if changed else _("Không có nội dung nào "
                                                                     "thay đổi."))
        if action == "redraft":
            return self.redraft(request)
        try:
            services.commune_report_request_approval(report=self.report, actor=request.user)
        except ApplicationError as exc:
            return self._failed(exc)
        return self._done(_("Đã trình lãnh đạo UBND xã duyệt báo cáo."))

    def _conflict(self, exc, shown, theirs, clashes, rows):
        self.report.refresh_from_db()
        labels = self.labels(drafting.figure_rows(self.report))
        conflict = {"message": exc.message,
                    "rows": [{"label": labels.get(key, key), "mine": shown.get(key, ""),
                              "theirs": theirs.get(key, "")} for key in clashes]}
        return self.render_page(values=shown, revision=exc.extra["revision"],
                                base=digests(theirs), conflict=conflict)

    def redraft(self, request):
        report = self.report
        try:
            if report.kind == CommuneReportKind.PERIOD:
                drafting.commune_report_draft(round_=report.round, actor=request.user)
            else:
                first, _sep, last = report.period.partition("…")
                drafting.review_draft(plan=report.plan, kind=report.kind, first=first,
                                      last=last or first, actor=request.user)
        except ApplicationError as exc:
            return self._failed(exc)
        return self._done(_("Đã tổng hợp lại; các đoạn và số liệu đã sửa tay được giữ nguyên."))

    def do_approve(self, request):
        try:
            services.commune_report_approve(report=self.report, actor=request.user)
        except ApplicationError as exc:
            return self._failed(exc)
        return self._done(_("Đã duyệt báo cáo."))

    def _with_comment(self, request, *, prefix: str, allowed: bool, refusal: str, service,
                      done: str):
        """A return with a required comment: the form's error beside the field, a refusal as
        403 even before the comment is read."""
        if not allowed:
            raise PermissionDeniedError(refusal)
        form = CommentForm(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                service(report=self.report, actor=request.user,
                        comment=form.cleaned_data["comment"])
            except ApplicationError as exc:
                if exc.field != "comment":
                    return self._failed(exc)
                form.add_error("comment", exc.message)
            else:
                return self._done(done)
        return self.render_page(**{f"{prefix}_form": form})

    def do_reject(self, request):
        return self._with_comment(
            request, prefix="reject", allowed=may_approve(request.user, self.report),
            refusal=_("Chỉ Chủ tịch hoặc Phó Chủ tịch UBND xã duyệt báo cáo."),
            service=services.commune_report_reject,
            done=_("Đã trả lại bản dự thảo cho người soạn."))

    def do_send(self, request):
        try:
            services.commune_report_send(report=self.report, actor=request.user)
        except ApplicationError as exc:
            return self._failed(exc)
        return self._done(_("Đã gửi báo cáo lên cấp trên."))

    def do_upper_receive(self, request):
        try:
            services.commune_report_upper_receive(report=self.report, actor=request.user)
        except ApplicationError as exc:
            return self._failed(exc)
        return self._done(_("Đã tiếp nhận báo cáo của xã."))

    def do_upper_return(self, request):
        return self._with_comment(
            request, prefix="upper", allowed=may_decide_upper(request.user, self.report),
            refusal=_("Chỉ cấp trên của xã mới trả lại được báo cáo này."),
            service=services.commune_report_upper_return, done=_("Đã trả lại báo cáo cho xã."))


class ReviewCreateView(ManagerOnly, AdminView):
    template_name = "reports/review_add.html"
    page_title = gettext_lazy("Soạn báo cáo sơ kết, tổng kết")
    header_icon = "doc-full"

    def get_parent_crumbs(self):
        return [index_crumb()]

    def get(self, request):
        return self.render_page(form=ReviewForm(plans=managed_plans(request.user)),
                                today=timezone.localdate())

    def post(self, request):
        form = ReviewForm(request.POST, plans=managed_plans(request.user))
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = drafting.review_draft(plan=data["plan"], kind=data["kind"],
                                               first=data["first"], last=data["last"],
                                               actor=request.user)
            except PermissionDeniedError:
                raise
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Đã tổng hợp báo cáo từ các báo cáo kỳ đã duyệt."))
                return redirect("reports:commune_report", report.pk)
        return self.render_page(form=form)
