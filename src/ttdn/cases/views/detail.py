"""One case: the shared claim and answer, this commune's tips and log, and the forms of what
the user may do next. Every form posts back here with an ``action``; the services decide, and
their refusals come back as field errors or messages (or a 403 for a forbidden action)."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.errors import ApplicationError, PermissionDeniedError

from .. import figures, selectors, services
from .. import permissions as perms
from ..admin_forms import (
    AssignForm,
    ClarificationForm,
    CloseForm,
    EscalateForm,
    NoteForm,
    RepublishForm,
    RespondForm,
    TakedownForm,
    TriageForm,
    VerdictForm,
    VerifyForm,
)
from ..intake import split_links
from ..models import (
    CaseStatus,
    Clarification,
    Republication,
    Suggestion,
)
from .base import AdminView, CaseObjectMixin, queue_crumb

STAGE_LABELS = {
    "triage": gettext_lazy("Phân loại"),
    "response": gettext_lazy("Phản hồi đầu tiên (kết luận)"),
    "clarification": gettext_lazy("Công bố cải chính"),
    "takedown": gettext_lazy("Gỡ bỏ"),
}


def _deny():
    raise PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))


@dataclass
class Rights:
    """What the user may do on this case, worked out once per request."""

    communes: frozenset  # working communes: notes, escalations, takedowns shown for these
    manage: bool
    escalate: list  # commune ids the user may still escalate for
    republish: list  # commune ids whose portal may still carry the clarification
    takedown: list  # commune ids whose police records takedowns here
    evidence: bool


def rights_of(user, case, clarification) -> Rights:
    communes = perms.working_communes(user, case)
    involved = perms.involved_communes(case)
    escalated = set(case.escalations.values_list("commune_id", flat=True))
    republished = set(
        Republication.objects.filter(clarification=clarification).values_list(
            "commune_id", flat=True)
    ) if clarification is not None else set()
    published = clarification is not None and clarification.is_published
    return Rights(
        communes=communes,
        manage=perms.may_manage(user, case),
        escalate=sorted(
            c for c in involved - escalated
            if not case.merged_into_id and perms.may_escalate(user, case, c)
        ),
        republish=sorted(
            c for c in involved - republished - {case.commune_id}
            if published and perms.may_republish(user, case, c)
        ),
        takedown=sorted(c for c in escalated if perms.may_record_takedown(user, case, c)),
        evidence=perms.may_export_evidence(user, case),
    )


class CaseDetailView(CaseObjectMixin, AdminView):
    template_name = "cases/admin/detail.html"
    page_title = gettext_lazy("Vụ việc")
    header_icon = "warning"

    def get_page_subtitle(self):
        return self.case.code

    def get_parent_crumbs(self):
        return [queue_crumb()]

    # Reading -------------------------------------------------------------------------------

    def setup_rights(self):
        self.clarification = Clarification.objects.filter(case=self.case).first()
        self.rights = rights_of(self.request.user, self.case, self.clarification)

    def get(self, request):
        self.setup_rights()
        return self.render_page()

    def render_page(self, forms=None, revealed=None):
        return self.render_to_response(self.get_context_data(forms=forms or {},
                                                             revealed=revealed or {}))

    def workflow_forms(self, bound) -> dict:
        """The forms of the next moves the user may make, by action name."""
        case, rights = self.case, self.rights
        forms = {}
        moves = case.allowed_moves() if rights.manage else set()
        if CaseStatus.TRIAGED in moves:
            forms["triage"] = TriageForm(initial={
                "category": case.category, "severity": case.severity,
                "sensitivity": case.sensitivity, "claim": case.claim})
        if CaseStatus.ASSIGNED in moves:
            forms["assign"] = AssignForm(case=case)
        if CaseStatus.VERIFYING in moves:
            forms["verify"] = VerifyForm()
        if CaseStatus.VERDICT in moves:
            forms["verdict"] = VerdictForm()
        if rights.manage and case.status in (CaseStatus.VERIFYING, CaseStatus.VERDICT,
                                             CaseStatus.RESPONDED):
            forms["clarification"] = ClarificationForm(
                initial=ClarificationForm.initial_for(self.clarification))
        if CaseStatus.RESPONDED in moves and self.clarification is not None:
            forms["respond"] = RespondForm()
        if CaseStatus.CLOSED in moves:
            forms["close"] = CloseForm()
        if rights.escalate:
            forms["escalate"] = EscalateForm(commune_ids=rights.escalate)
        if rights.republish:
            forms["republish"] = RepublishForm(commune_ids=rights.republish)
        if rights.communes:
            forms["note"] = NoteForm(commune_ids=sorted(rights.communes),
                                     initial={"commune": self._default_note_commune()})
        if rights.takedown:
            forms["takedown"] = TakedownForm(commune_ids=rights.takedown)
        forms.update(bound)
        return forms

    def _default_note_commune(self):
        communes = self.rights.communes
        return self.case.commune_id if self.case.commune_id in communes else min(communes)

    def get_context_data(self, forms=None, revealed=None, **kwargs):
        user, case, rights = self.request.user, self.case, self.rights
        tips = list(selectors.case_tips(user=user, case=case))
        for tip in tips:
            tip.may_see_contacts = perms.may_see_contacts(user, tip)
            tip.revealed = (revealed or {}).get(tip.pk)
        takedowns = list(selectors.case_takedowns(user=user, case=case, communes=rights.communes))
        for item in takedowns:
            if item.commune_id in rights.takedown:
                item.form = TakedownForm(commune_ids=[item.commune_id],
                                         initial=TakedownForm.initial_for(item),
                                         prefix=f"td{item.pk}")
        suggestions = list(selectors.pending_suggestions(user=user, case=case)) if (
            rights.manage) else []
        for suggestion in suggestions:
            suggestion.candidate_visible = perms.may_view(user, suggestion.candidate)
        return {
            **super().get_context_data(**kwargs),
            "case": case,
            "clarification": self.clarification,
            "links": case.links.order_by("pk"),
            "tips": tips,
            "tip_total": case.tips.count(),
            "commune_total": len(perms.involved_communes(case)),
            "coordinators": case.coordinating_units.order_by("sort_key", "name"),
            "notes": selectors.case_notes(user=user, case=case),
            "escalations": selectors.case_escalations(user=user, case=case,
                                                      communes=rights.communes),
            "takedowns": takedowns,
            "suggestions": suggestions,
            "merged_cases": case.merged_cases.order_by("pk") if rights.manage else [],
            "republications": (Republication.objects.filter(
                clarification=self.clarification).select_related("commune__area")
                if self.clarification else []),
            "timers": self.timers(),
            "history": selectors.case_history(user=user, case=case, communes=rights.communes),
            "rights": rights,
            "forms": self.workflow_forms(forms or {}),
            "may_reveal_any": any(tip.may_see_contacts for tip in tips),
        }

    def timers(self):
        now = timezone.now()
        rows = []
        for timer in figures.case_timers(self.case, now=now):
            rows.append({
                "name": timer.name,
                "label": STAGE_LABELS.get(timer.name, timer.name),
                "target": timer.target_hours,
                "hours": timer.hours,
                "running": timer.running_hours,
                "done": timer.done,
                "late": timer.late,
            })
        return rows

    # Acting --------------------------------------------------------------------------------

    ACTIONS = ("triage", "assign", "verify", "verdict", "clarification", "respond", "close",
               "escalate", "republish", "note", "takedown", "merge", "not_duplicate",
               "contacts")

    def post(self, request):
        action = request.POST.get("action")
        if action not in self.ACTIONS:
            raise Http404
        self.setup_rights()
        return getattr(self, f"do_{action}")(request)

    def _done(self, message, anchor=""):
        messages.success(self.request, message)
        url = reverse("cases:detail", args=[self.case.pk])
        return redirect(f"{url}#{anchor}-section" if anchor else url)

    def _run(self, action, form, call, message, anchor="", aliases=None):
        """Validate ``form``, call the service; errors go back into the form (``aliases`` maps
        a field a service names to the form's own, e.g. ``intake``'s "links" to "url")."""
        if form.is_valid():
            try:
                call(form.cleaned_data)
            except PermissionDeniedError:
                raise
            except ApplicationError as exc:
                field = (aliases or {}).get(exc.field, exc.field)
                if field in form.fields and not form.fields[field].widget.is_hidden:
                    form.add_error(field, exc.message)
                else:  # a rule of the case, not of a field: the message bar says it
                    messages.error(self.request, exc.message)
            else:
                return self._done(message, anchor)
        return self.render_page(forms={action: form})

    def _require_manage(self):
        if not self.rights.manage:
            _deny()

    def do_triage(self, request):
        self._require_manage()
        form = TriageForm(request.POST)

        def call(data):
            claim = data["claim"].strip()
            services.case_triage(
                case=self.case, actor=request.user, category=data["category"],
                severity=data["severity"], sensitivity=data["sensitivity"],
                claim=claim if claim and claim != self.case.claim.strip() else None,
            )
        return self._run("triage", form, call, _("Đã phân loại vụ việc."))

    def do_assign(self, request):
        self._require_manage()
        form = AssignForm(request.POST, case=self.case)
        return self._run("assign", form, lambda data: services.case_assign(
            case=self.case, actor=request.user, lead_unit=data["lead_unit"],
            coordinating_units=list(data["coordinating_units"]),
        ), _("Đã giao đơn vị xác minh."))

    def do_verify(self, request):
        self._require_manage()
        return self._run("verify", VerifyForm(request.POST), lambda data: (
            services.case_start_verifying(case=self.case, actor=request.user)
        ), _("Đã bắt đầu xác minh."))

    def do_verdict(self, request):
        self._require_manage()
        form = VerdictForm(request.POST)
        return self._run("verdict", form, lambda data: services.case_verdict(
            case=self.case, actor=request.user, verdict=data["verdict"],
            summary=data["summary"],
        ), _("Đã ghi kết luận."), aliases={"verdict_summary": "summary"})

    def do_clarification(self, request):
        self._require_manage()
        form = ClarificationForm(request.POST)
        return self._run("clarification", form, lambda data: services.clarification_save(
            case=self.case, actor=request.user, title=data["title"], body=data["body"],
            title_en=data["title_en"], body_en=data["body_en"],
            sources=split_links(data["sources"]),
        ), _("Đã lưu bài cải chính."), "clarification", aliases={"links": "sources"})

    def do_respond(self, request):
        self._require_manage()
        form = RespondForm(request.POST)
        return self._run("respond", form, lambda data: services.case_respond(
            case=self.case, actor=request.user, radio=data["radio"], press=data["press"],
        ), _("Đã công bố bài cải chính."), "clarification")

    def do_close(self, request):
        self._require_manage()
        form = CloseForm(request.POST)
        return self._run("close", form, lambda data: services.case_close(
            case=self.case, actor=request.user, reason=data["reason"],
        ), _("Đã đóng vụ việc."))

    def do_escalate(self, request):
        if not self.rights.escalate:
            _deny()
        form = EscalateForm(request.POST, commune_ids=self.rights.escalate)
        return self._run("escalate", form, lambda data: services.case_escalate(
            case=self.case, actor=request.user, commune=data["commune"], reason=data["reason"],
        ), _("Đã chuyển vụ việc cho Công an xã."), "escalations")

    def do_republish(self, request):
        if not self.rights.republish:
            _deny()
        form = RepublishForm(request.POST, commune_ids=self.rights.republish)
        return self._run("republish", form, lambda data: services.clarification_republish(
            case=self.case, actor=request.user, commune=data["commune"],
        ), _("Đã đăng lại bài cải chính trên cổng thông tin của xã."), "clarification")

    def do_note(self, request):
        if not self.rights.communes:
            _deny()
        form = NoteForm(request.POST, request.FILES, commune_ids=sorted(self.rights.communes))
        return self._run("note", form, lambda data: services.note_add(
            case=self.case, actor=request.user, kind=data["kind"], text=data["text"],
            url=data["url"], upload=data["file"], commune=data["commune"],
        ), _("Đã ghi nhật ký xác minh."), "notes", aliases={"links": "url", "files": "file"})

    def do_takedown(self, request):
        takedown = None
        pk = request.POST.get("takedown") or ""
        prefix = None
        if pk:
            # Another commune's request (or another case's) does not exist here.
            takedown = get_object_or_404(
                selectors.case_takedowns(user=request.user, case=self.case,
                                         communes=self.rights.communes),
                pk=pk if pk.isdigit() else 0,
            )
            prefix = f"td{takedown.pk}"
            if takedown.commune_id not in self.rights.takedown:
                _deny()
        elif not self.rights.takedown:
            _deny()
        communes = [takedown.commune_id] if takedown else self.rights.takedown
        form = TakedownForm(request.POST, commune_ids=communes, prefix=prefix)

        def call(data):
            services.takedown_save(
                case=self.case, actor=request.user, commune=data["commune"],
                platform=data["platform"], url=data["url"], status=data["status"],
                sent_on=data["sent_on"], resolved_on=data["resolved_on"], note=data["note"],
                takedown=takedown,
            )
        if takedown is not None:
            if form.is_valid():
                try:
                    call(form.cleaned_data)
                except PermissionDeniedError:
                    raise
                except ApplicationError as exc:
                    messages.error(request, exc.message)
                    return redirect(
                        reverse("cases:detail", args=[self.case.pk]) + "#takedowns-section")
                return self._done(_("Đã cập nhật yêu cầu gỡ bỏ."), "takedowns")
            messages.error(request, _("Yêu cầu gỡ bỏ chưa hợp lệ: %(errors)s") % {
                "errors": "; ".join(e for errors in form.errors.values() for e in errors)})
            return redirect(reverse("cases:detail", args=[self.case.pk]) + "#takedowns-section")
        return self._run("takedown", form, call, _("Đã ghi yêu cầu gỡ bỏ."), "takedowns",
                         aliases={"links": "url"})

    def _suggestion(self, request):
        pk = request.POST.get("suggestion") or ""
        return get_object_or_404(
            Suggestion.objects.filter(tip__case=self.case).select_related(
                "tip__case", "candidate"),
            pk=pk if pk.isdigit() else 0,
        )

    def do_merge(self, request):
        suggestion = self._suggestion(request)
        try:
            target = services.suggestion_confirm(suggestion=suggestion, actor=request.user)
        except PermissionDeniedError:
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("cases:detail", self.case.pk)
        messages.success(request, _("Đã gộp vào vụ việc %(code)s.") % {"code": target.code})
        return redirect("cases:detail", target.pk)

    def do_not_duplicate(self, request):
        suggestion = self._suggestion(request)
        try:
            services.suggestion_reject(suggestion=suggestion, actor=request.user)
        except PermissionDeniedError:
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("cases:detail", self.case.pk)
        return self._done(_("Đã ghi nhận: không trùng."))

    def do_contacts(self, request):
        pk = request.POST.get("tip") or ""
        # Only the user's own communes' tips exist here.
        tip = get_object_or_404(selectors.case_tips(user=request.user, case=self.case),
                                pk=pk if pk.isdigit() else 0)
        contacts = services.tip_contacts(tip=tip, actor=request.user)  # audited
        response = self.render_page(revealed={tip.pk: contacts})
        response["Cache-Control"] = "no-store"
        return response
