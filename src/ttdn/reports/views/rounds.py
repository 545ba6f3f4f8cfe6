"""The commune's side of the rounds: every round by plan, one round with its units (accept,
return, deadlines, "draft the commune report"), and a new ad hoc or thematic round."""

from collections import Counter

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets.button import HeaderButton

from ttdn.core.errors import ApplicationError, PermissionDeniedError
from ttdn.plans.models import Task
from ttdn.plans.selectors import plan_list_visible_to

from .. import drafting, rounds, selectors, services
from ..forms import CommentForm, DeadlinesForm, RoundCreateForm
from ..models import CommuneReportKind, UnitReportStatus
from ..permissions import (
    managed_communes,
    may_manage_rounds,
    upper_communes,
    visible_rounds,
    visible_unit_reports,
)
from .base import AdminView, deny, has_units, index_crumb, is_manager

SENT = (UnitReportStatus.SUBMITTED, UnitReportStatus.ACCEPTED)


def managed_plans(user):
    plans = plan_list_visible_to(user=user)
    if not user.is_superuser:
        plans = plans.filter(commune_id__in=managed_communes(user))
    return plans.order_by("-issued_on", "-created_at")


class ManagerOnly:
    def dispatch(self, request, *args, **kwargs):
        if not is_manager(request.user):
            deny(_("Trang này dành cho lãnh đạo UBND xã và công chức Văn hóa – Xã hội."))
        return super().dispatch(request, *args, **kwargs)


class RoundIndexView(ManagerOnly, AdminView):
    template_name = "reports/index.html"
    page_title = gettext_lazy("Báo cáo định kỳ")
    header_icon = "doc-full"

    def get_extra_header_buttons(self):
        buttons = [HeaderButton(_("Tạo kỳ báo cáo đột xuất, chuyên đề"),
                                reverse("reports:round_add"), icon_name="plus"),
                   HeaderButton(_("Soạn báo cáo sơ kết, tổng kết"), reverse("reports:review_add"),
                                icon_name="doc-full", classname="button-secondary")]
        if has_units(self.request.user):
            buttons.append(HeaderButton(_("Báo cáo của đơn vị tôi"), reverse("reports:mine"),
                                        icon_name="user", classname="button-secondary"))
        return buttons

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        managed = managed_communes(user)
        every = selectors.rounds_visible_to(user=user)
        rounds_ = [r for r in every if user.is_superuser or r.commune_id in managed]
        sent = Counter(dict(
            visible_unit_reports(user).filter(round__in=rounds_, status__in=SENT)
            .values("round").annotate(n=Count("pk")).values_list("round", "n")))
        expected = dict(Task.objects.filter(plan_id__in={r.plan_id for r in rounds_})
                        .values("plan").annotate(n=Count("lead_unit", distinct=True))
                        .values_list("plan", "n"))
        commune_reports = {r.round_id: r for r in selectors.commune_reports_visible_to(user=user)
                           .filter(round__in=rounds_)}
        plans: dict = {}
        for round_ in rounds_:
            round_.sent = sent[round_.pk]
            round_.expected = expected.get(round_.plan_id, 0)
            round_.is_late = today > round_.deadline and round_.sent < round_.expected
            round_.is_open = round_.starts_on <= today
            round_.commune_report_ = commune_reports.get(round_.pk)
            plans.setdefault(round_.plan, []).append(round_)
        reviews = selectors.commune_reports_visible_to(user=user).exclude(
            kind=CommuneReportKind.PERIOD).order_by("-created_at")
        if not user.is_superuser:
            reviews = reviews.filter(commune_id__in=managed)
        return {**super().get_context_data(**kwargs), "plans": plans, "reviews": reviews,
                "today": today}


class RoundCreateView(ManagerOnly, AdminView):
    template_name = "reports/round_add.html"
    page_title = gettext_lazy("Tạo kỳ báo cáo đột xuất, chuyên đề")
    header_icon = "plus"

    def get_parent_crumbs(self):
        return [index_crumb()]

    def get(self, request):
        return self.render_page(form=RoundCreateForm(plans=managed_plans(request.user)))

    def post(self, request):
        form = RoundCreateForm(request.POST, plans=managed_plans(request.user))
        if form.is_valid():
            data = form.cleaned_data
            try:
                round_ = rounds.round_create(
                    plan=data["plan"], kind=data["kind"], title=data["title"],
                    starts_on=data["starts_on"], ends_on=data["ends_on"],
                    deadline=data["deadline"], commune_deadline=data["commune_deadline"],
                    actor=request.user)
            except PermissionDeniedError:
                raise
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Đã tạo kỳ báo cáo “%(title)s”.") % {
                    "title": round_.title})
                return redirect("reports:round", round_.pk)
        return self.render_page(form=form)


class RoundView(AdminView):
    """One round: its units with tasks, their reports and what the officer may do with them."""

    template_name = "reports/round.html"
    page_title = gettext_lazy("Kỳ báo cáo")
    header_icon = "doc-full"
    ACTIONS = ("accept", "return", "deadlines", "draft")

    def dispatch(self, request, pk, *args, **kwargs):
        user = request.user
        self.round = get_object_or_404(visible_rounds(user).select_related("plan", "commune"),
                                       pk=pk)
        if not (user.is_superuser or self.round.commune_id in
                managed_communes(user) | upper_communes(user)):
            deny(_("Chỉ lãnh đạo UBND xã, công chức Văn hóa – Xã hội và cấp trên xem được tình "
                   "hình nộp báo cáo của các đơn vị."))
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.round.title

    def get_parent_crumbs(self):
        user = self.request.user
        if is_manager(user):
            return [index_crumb()]
        return [(reverse("reports:upper"), _("Báo cáo các xã gửi lên"))]

    def get_context_data(self, deadlines_form=None, return_forms=None, **kwargs):
        user, round_ = self.request.user, self.round
        today = timezone.localdate()
        rows = selectors.round_units(user=user, round_=round_, today=today)
        manage = may_manage_rounds(user, round_.commune_id)
        return_forms = return_forms or {}
        for row in rows:
            report = row.report
            row.percent = round(100 * row.done / row.tasks) if row.tasks else 0
            row.deciding = bool(report and report.status == UnitReportStatus.SUBMITTED
                                and manage)
            if row.deciding:
                row.return_form = return_forms.get(report.pk) or CommentForm(
                    prefix=f"r{report.pk}")
        commune_report = selectors.commune_reports_visible_to(user=user).filter(
            round=round_).first()
        return {
            **super().get_context_data(**kwargs),
            "round": round_, "rows": rows, "today": today, "manage": manage,
            "sent": sum(1 for r in rows if r.report and r.report.status in SENT),
            "accepted": sum(1 for r in rows if r.report
                            and r.report.status == UnitReportStatus.ACCEPTED),
            "late_count": sum(1 for r in rows if r.late),
            "commune_report": commune_report,
            "may_draft": manage and (commune_report is None or commune_report.is_editable),
            "deadlines_form": deadlines_form or DeadlinesForm(initial={
                "deadline": round_.deadline, "commune_deadline": round_.commune_deadline}),
            "deadline_passed": today > round_.deadline,
        }

    def post(self, request):
        action = request.POST.get("action")
        if action not in self.ACTIONS:
            raise Http404
        return getattr(self, f"do_{action}")(request)

    def _done(self, message):
        messages.success(self.request, message)
        return redirect("reports:round", self.round.pk)

    def _failed(self, exc):
        if isinstance(exc, PermissionDeniedError):
            raise exc
        messages.error(self.request, exc.message)
        return redirect("reports:round", self.round.pk)

    def _unit_report(self, request):
        pk = request.POST.get("report") or ""
        return get_object_or_404(
            visible_unit_reports(request.user).filter(round=self.round).select_related("unit"),
            pk=pk if pk.isdigit() else 0)

    def do_accept(self, request):
        report = self._unit_report(request)
        try:
            services.unit_report_accept(report=report, actor=request.user)
        except ApplicationError as exc:
            return self._failed(exc)
        return self._done(_("Đã tiếp nhận báo cáo của %(unit)s.") % {"unit": report.unit.name})

    def do_return(self, request):
        report = self._unit_report(request)
        if not may_manage_rounds(request.user, self.round.commune_id):
            deny(_("Bạn không có quyền tiếp nhận hoặc trả lại báo cáo này."))
        form = CommentForm(request.POST, prefix=f"r{report.pk}")
        if form.is_valid():
            try:
                services.unit_report_return(report=report, actor=request.user,
                                            comment=form.cleaned_data["comment"])
            except ApplicationError as exc:
                if exc.field != "comment":
                    return self._failed(exc)
                form.add_error("comment", exc.message)
            else:
                return self._done(_("Đã trả lại báo cáo cho %(unit)s.") % {
                    "unit": report.unit.name})
        messages.error(request, _("Chưa trả lại: hãy ghi ý kiến để đơn vị biết cần sửa gì."))
        return self.render_page(return_forms={report.pk: form})

    def do_deadlines(self, request):
        if not may_manage_rounds(request.user, self.round.commune_id):
            deny(_("Bạn không có quyền sửa hạn báo cáo."))
        form = DeadlinesForm(request.POST)
        if form.is_valid():
            try:
                rounds.round_set_deadlines(round_=self.round, actor=request.user,
                                           deadline=form.cleaned_data["deadline"],
                                           commune_deadline=form.cleaned_data["commune_deadline"])
            except PermissionDeniedError:
                raise
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return self._done(_("Đã sửa hạn báo cáo."))
        return self.render_page(deadlines_form=form)

    def do_draft(self, request):
        try:
            report = drafting.commune_report_draft(round_=self.round, actor=request.user)
        except ApplicationError as exc:
            return self._failed(exc)
        messages.success(request, _("Đã tổng hợp báo cáo của xã từ các báo cáo đã tiếp nhận."))
        return redirect("reports:commune_report", report.pk)
