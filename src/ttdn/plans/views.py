"""Admin screens of plans and tasks that are more than a model form: import (upload → preview
→ confirm), the plan overview, a plan's tasks, "my unit's tasks", task detail, exports and
file downloads. Every object is looked up through a selector: outside the user's scope it is a
404."""

import contextlib
import datetime
import secrets
from pathlib import PurePosixPath

from django.contrib import messages
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ttdn.core.admin_views import AdminView, download
from ttdn.core.errors import ApplicationError, PermissionDeniedError
from ttdn.org.models import Commune, Unit

from . import selectors, services
from .errors import PlanImportError
from .exporting import export_plan
from .forms import (
    CommentForm,
    EvidenceForm,
    NewUnitFormSet,
    PlanImportForm,
    PlanIssueForm,
    TaskReportForm,
)
from .models import (
    Evidence,
    PlanSection,
    PlanStatus,
    ReportingRequirement,
    TaskStatus,
    private_storage,
)
from .permissions import plan_policy, task_policy

IMPORT_SESSION_KEY = "ttdn_plan_imports"


# Plans -------------------------------------------------------------------------------------


class PlanImportView(AdminView):
    """Upload → preview (warnings, matched and unmatched units) → confirm. The uploaded file
    waits in private storage between the two steps, under a token kept in the session."""

    template_name = "plans/import.html"
    page_title = gettext_lazy("Nhập kế hoạch từ tệp")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not plan_policy.user_has_permission(request.user, "add"):
            raise PermissionDeniedError(_("Bạn không có quyền nhập kế hoạch."))
        return super().dispatch(request, *args, **kwargs)

    def get_parent_crumbs(self):
        return [(reverse("plans:index"), _("Kế hoạch"))]

    def render_page(self, **context):
        return self.render_to_response(self.get_context_data(**context))

    def get(self, request):
        return self.render_page(form=PlanImportForm(user=request.user))

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        form = PlanImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_page(form=form)
        upload, commune = form.cleaned_data["file"], form.cleaned_data["commune"]
        data = upload.read()
        try:
            document = services.read_plan_file(
                commune=commune, data=data, filename=upload.name, actor=request.user)
        except PlanImportError as exc:
            form.add_error("file", _error_text(exc))
            return self.render_page(form=form)
        supersedes = form.cleaned_data["supersedes"]
        if supersedes is not None and supersedes.commune_id != commune.pk:
            form.add_error("supersedes", _("Kế hoạch được thay thế phải thuộc cùng xã."))
            return self.render_page(form=form)
        token = self._stage(request, commune, data, upload.name, supersedes)
        return self.render_page(**self._preview_context(token, commune, document))

    def _stage(self, request, commune, data, name, supersedes) -> str:
        _purge_stale_imports()
        token = secrets.token_urlsafe(16)
        private_storage().save(f"imports/{token}", ContentFile(data))
        staged = request.session.get(IMPORT_SESSION_KEY, {})
        staged[token] = {"commune": commune.pk, "name": PurePosixPath(name).name[:200],
                         "supersedes": supersedes.pk if supersedes else None}
        request.session[IMPORT_SESSION_KEY] = staged
        return token

    def _preview_context(self, token, commune, document, formset=None):
        missing = sorted({m.text for a in document.assignments for m in a.units if not m.unit})
        if formset is None:
            formset = NewUnitFormSet(initial=[
                {"name": name, "kind": services.guess_unit_kind(name), "create": True}
                for name in missing
            ])
        return {
            "document": document, "token": token, "commune": commune, "formset": formset,
            "task_count": sum(len(a.tasks) for a in document.assignments),
            "unit_task_count": sum(
                len([m for m in a.units if m.unit]) * len(a.tasks) for a in document.assignments),
            "reporting": [(ReportingRequirement.Frequency(r.frequency).label, r.to)
                          for r in document.reporting],
        }

    def confirm(self, request):
        token = request.POST["token"]
        staged = request.session.get(IMPORT_SESSION_KEY, {}).get(token)
        if staged is None:
            messages.error(request, _("Phiên nhập đã hết hạn; hãy tải tệp lên lại."))
            return redirect("plans:import")
        commune = get_object_or_404(Commune, pk=staged["commune"])  # the service checks rights
        with private_storage().open(f"imports/{token}") as handle:
            data = handle.read()
        formset = NewUnitFormSet(request.POST)
        if not formset.is_valid():
            document = services.read_plan_file(commune=commune, data=data,
                                               filename=staged["name"], actor=request.user)
            return self.render_page(**self._preview_context(token, commune, document, formset))
        new_units = {
            f["name"]: f["kind"] for f in formset.cleaned_data if f and f.get("create")
        }
        supersedes = selectors.plan_list_visible_to(user=request.user).filter(
            pk=staged.get("supersedes")).first()
        try:
            plan = services.plan_import(commune=commune, data=data, filename=staged["name"],
                                        actor=request.user, new_units=new_units,
                                        supersedes=supersedes)
        except ApplicationError as exc:
            if isinstance(exc, PermissionDeniedError):
                raise
            messages.error(request, _error_text(exc))
            document = services.read_plan_file(commune=commune, data=data,
                                               filename=staged["name"], actor=request.user)
            return self.render_page(**self._preview_context(token, commune, document, formset))
        self._unstage(request, token)
        messages.success(request, _("Đã nhập kế hoạch với %(count)s nhiệm vụ.")
                         % {"count": plan.tasks.count()})
        return redirect("plans:overview", plan.pk)

    def _unstage(self, request, token):
        staged = request.session.get(IMPORT_SESSION_KEY, {})
        staged.pop(token, None)
        request.session[IMPORT_SESSION_KEY] = staged
        private_storage().delete(f"imports/{token}")


STAGED_IMPORT_LIFETIME = datetime.timedelta(days=1)


def _purge_stale_imports() -> None:
    """Files uploaded for a preview nobody confirmed are kept a day, then deleted."""
    storage = private_storage()
    if not storage.exists("imports"):
        return
    cutoff = timezone.now() - STAGED_IMPORT_LIFETIME
    for name in storage.listdir("imports")[1]:
        path = f"imports/{name}"
        with contextlib.suppress(FileNotFoundError):
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)


def _error_text(exc) -> str:
    line = getattr(exc, "line", None)
    if line:
        return _("%(message)s (dòng %(line)s)") % {"message": exc.message, "line": line}
    return exc.message


class PlanObjectMixin:
    def dispatch(self, request, pk, *args, **kwargs):
        self.plan = get_object_or_404(selectors.plan_list_visible_to(user=request.user), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.plan.title

    def get_parent_crumbs(self):
        return [(reverse("plans:index"), _("Kế hoạch"))]


class PlanOverviewView(PlanObjectMixin, AdminView):
    template_name = "plans/overview.html"
    page_title = gettext_lazy("Tổng quan kế hoạch")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plan = self.plan
        return {
            **super().get_context_data(**kwargs),
            "plan": plan,
            "chain": selectors.directive_chain(plan=plan),
            "legal_bases": plan.legal_bases.all(),
            "progress": selectors.plan_progress(user=user, plan=plan),
            "reporting": plan.reporting.select_related("to_unit"),
            "sections": selectors.plan_sections(plan=plan),
            "may_change": plan_policy.user_has_permission_for_instance(user, "change", plan),
            "issue_form": PlanIssueForm(initial={"symbol": plan.symbol}),
            "is_draft": plan.status == PlanStatus.DRAFT,
        }


class PlanIssueView(PlanObjectMixin, AdminView):
    http_method_names = ["post"]

    def post(self, request):
        form = PlanIssueForm(request.POST)
        if form.is_valid():
            try:
                services.plan_issue(
                    plan=self.plan, actor=request.user, symbol=form.cleaned_data["symbol"],
                    issued_on=form.cleaned_data["issued_on"] or timezone.localdate(),
                )
            except PermissionDeniedError:
                raise
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã ban hành kế hoạch."))
        else:
            messages.error(request, _("Ngày ban hành hoặc số, ký hiệu không hợp lệ."))
        return redirect("plans:overview", self.plan.pk)


class PlanTasksView(PlanObjectMixin, AdminView):
    template_name = "plans/plan_tasks.html"
    page_title = gettext_lazy("Nhiệm vụ của kế hoạch")
    header_icon = "tasks"

    def get_parent_crumbs(self):
        return [(reverse("plans:index"), _("Kế hoạch")),
                (reverse("plans:overview", args=[self.plan.pk]), _("Tổng quan"))]

    def get_context_data(self, **kwargs):
        params = self.request.GET
        units = Unit.objects.filter(commune_id=self.plan.commune_id).order_by("sort_key")
        sections = PlanSection.objects.filter(plan=self.plan, parent__isnull=True)
        unit = units.filter(pk=params.get("unit")).first() if params.get(
            "unit", "").isdigit() else None
        section = sections.filter(pk=params.get("section")).first() if params.get(
            "section", "").isdigit() else None
        status = params.get("status") if params.get("status") in {
            *TaskStatus.values, "overdue"} else None
        due = params.get("due") if params.get("due") in {"dated", "next_30_days"} else None
        states = selectors.plan_task_states(user=self.request.user, plan=self.plan, unit=unit,
                                            status=status, section=section, due=due)
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan, "states": states, "units": units, "sections": sections,
            "statuses": [*TaskStatus.choices, ("overdue", _("Quá hạn"))],
            "selected": {"unit": unit, "section": section, "status": status, "due": due},
        }


class PlanExportView(PlanObjectMixin, View):
    fmt = "docx"

    def get(self, request):
        try:
            data = export_plan(plan=self.plan, actor=request.user, fmt=self.fmt)
        except PermissionDeniedError:
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("plans:overview", self.plan.pk)
        name = f"ke-hoach-{self.plan.pk}.{self.fmt}"
        content_type = {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "pdf": "application/pdf",
        }[self.fmt]
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


class DirectiveAttachmentView(View):
    def dispatch(self, request, pk):
        # Found (or not) before the method is looked at: another commune's id is a 404.
        self.directive = get_object_or_404(
            selectors.directive_list_visible_to(user=request.user), pk=pk)
        return super().dispatch(request)

    def get(self, request):
        directive = self.directive
        if not directive.attachment:
            raise Http404
        suffix = PurePosixPath(directive.attachment.name).suffix
        content_type = "application/pdf" if suffix == ".pdf" else (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        return download(directive.attachment.open("rb"),
                           f"{directive.symbol.replace('/', '-')}{suffix}", content_type)


# Tasks -------------------------------------------------------------------------------------


class MyTasksView(AdminView):
    template_name = "plans/my_tasks.html"
    page_title = gettext_lazy("Nhiệm vụ của đơn vị tôi")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        from ttdn.org.scope import scope_of

        states = selectors.my_unit_tasks(user=self.request.user)
        units = scope_of(self.request.user).unit_ids
        return {
            **super().get_context_data(**kwargs),
            "leading": [s for s in states if s.task.lead_unit_id in units],
            "supporting": [s for s in states if s.task.lead_unit_id not in units],
        }


class TaskDetailView(AdminView):
    """The task, where it stands in this period and before, its evidence, comments and
    history; the forms to report progress, add evidence and comment post back here."""

    template_name = "plans/task_detail.html"
    page_title = gettext_lazy("Nhiệm vụ")
    header_icon = "tasks"
    forms = {"report": TaskReportForm, "evidence": EvidenceForm, "comment": CommentForm}

    def dispatch(self, request, pk, *args, **kwargs):
        self.task = get_object_or_404(
            selectors.task_list_visible_to(user=request.user).select_related(
                "plan", "lead_unit", "legal_basis", "section"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.task)

    def get_parent_crumbs(self):
        return [(reverse("tasks:mine"), _("Nhiệm vụ của đơn vị tôi")),
                (reverse("plans:overview", args=[self.task.plan_id]), _("Kế hoạch"))]

    def get(self, request):
        return self.render_to_response(self.get_context_data())

    def post(self, request):
        action = request.POST.get("action")
        if action not in self.forms:
            raise Http404
        form = self.forms[action](request.POST, request.FILES)
        if form.is_valid():
            try:
                self._apply(action, form.cleaned_data)
            except PermissionDeniedError:
                raise
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return redirect("tasks:detail", self.task.pk)
        return self.render_to_response(self.get_context_data(**{f"{action}_form": form}))

    def _apply(self, action, data):
        task, user = self.task, self.request.user
        if action == "report":
            services.task_report(task=task, actor=user, status=data["status"],
                                 progress=data["progress"])
            messages.success(self.request, _("Đã cập nhật tiến độ."))
        elif action == "evidence":
            services.evidence_add(task=task, actor=user, upload=data["file"],
                                  link=data["link"], note=data["note"])
            messages.success(self.request, _("Đã thêm minh chứng."))
        else:
            services.comment_add(task=task, actor=user, text=data["text"])
            messages.success(self.request, _("Đã gửi ý kiến."))

    def get_context_data(self, **kwargs):
        from wagtail.models import ModelLogEntry

        task, user = self.task, self.request.user
        today = timezone.localdate()
        state = selectors.state_of(task, today)
        may_report = task_policy.may_report(user, task)
        return {
            **super().get_context_data(),
            "task": task, "state": state,
            "occurrences": selectors.task_occurrences(task=task, today=today),
            "coordinators": task.coordinating_units.order_by("sort_key"),
            "evidence": task.evidence.select_related("added_by"),
            "comments": task.comments.select_related("author"),
            "history": ModelLogEntry.objects.for_instance(task).select_related("user")[:50],
            "may_report": may_report,
            "may_contribute": may_report or task_policy.may_contribute(user, task),
            "may_edit": task_policy.user_has_permission_for_instance(user, "change", task),
            "report_form": kwargs.get("report_form") or TaskReportForm(
                initial={"status": state.status, "progress": state.progress}),
            "evidence_form": kwargs.get("evidence_form") or EvidenceForm(),
            "comment_form": kwargs.get("comment_form") or CommentForm(),
        }


class EvidenceDownloadView(View):
    def dispatch(self, request, pk, evidence_pk):
        task = get_object_or_404(selectors.task_list_visible_to(user=request.user), pk=pk)
        self.evidence = get_object_or_404(Evidence, pk=evidence_pk, task=task)
        return super().dispatch(request)

    def get(self, request):
        evidence = self.evidence
        if not evidence.file:
            raise Http404
        return download(evidence.file.open("rb"), evidence.original_name or "minh-chung",
                           evidence.content_type or "application/octet-stream")
