""""Ghi nhận tin báo": a tip typed in by the commune's staff (what they saw while monitoring) or
by a unit (a village's report), judged like a public tip and matched into the shared cases."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.errors import ApplicationError, PermissionDeniedError
from ttdn.org.models import Commune, Unit
from ttdn.org.scope import scope_of

from .. import permissions as perms
from .. import services
from ..admin_forms import IntakeForm
from ..intake import TipInput, split_links
from ..models import Channel, MatchDecision
from .base import AdminView, queue_crumb

# Who files as the desk's own monitoring (channel STAFF); everyone else files for their unit.
MONITORING_ROLES = perms.DESK_ROLES | perms.POLICE_ROLES


class StaffIntakeView(AdminView):
    template_name = "cases/admin/intake.html"
    page_title = gettext_lazy("Ghi nhận tin báo")
    header_icon = "plus"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        scope = scope_of(user)
        if user.is_superuser:
            self.commune_ids = sorted(Commune.objects.values_list("pk", flat=True))
            self.staff_communes = set(self.commune_ids)
        else:
            self.commune_ids = sorted(scope.communes_with_role(perms.INTAKE_ROLES))
            self.staff_communes = set(scope.communes_with_role(MONITORING_ROLES))
        if not self.commune_ids:
            raise PermissionDeniedError(_("Bạn không có quyền ghi nhận tin báo."))
        self.units = list(Unit.objects.filter(pk__in=scope.unit_ids, is_active=True,
                                              commune_id__in=self.commune_ids))
        return super().dispatch(request, *args, **kwargs)

    def get_parent_crumbs(self):
        return [queue_crumb()]

    def channels(self):
        choices = []
        if self.staff_communes & set(self.commune_ids):
            choices.append((IntakeForm.STAFF, Channel.STAFF.label))
        if self.units:
            names = "; ".join(unit.name for unit in self.units)
            choices.append((IntakeForm.UNIT, f"{Channel.UNIT.label}: {names}"))
        return choices or [(IntakeForm.STAFF, Channel.STAFF.label)]

    def make_form(self, data=None, files=None):
        return IntakeForm(data, files, commune_ids=self.commune_ids, channels=self.channels())

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request):
        form = self.make_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                tip = self.submit(form.cleaned_data)
            except PermissionDeniedError:
                raise
            except ApplicationError as exc:
                field = exc.field if exc.field in form.fields else None
                if field and form.fields[field].widget.is_hidden:
                    field = None
                form.add_error(field, exc.message)
            else:
                messages.success(request, self.result_message(tip))
                return redirect("cases:detail", tip.case_id)
        return self.render_to_response(self.get_context_data(form=form))

    def submit(self, data):
        commune = data["commune"]
        channel, unit = Channel.STAFF, None
        if data["channel"] == IntakeForm.UNIT:
            channel = Channel.UNIT
            unit = next((u for u in self.units if u.commune_id == commune.pk), None)
            if unit is None:
                raise ApplicationError(_("Bạn không thuộc đơn vị nào của xã này."),
                                       field="channel")
        elif commune.pk not in self.staff_communes:
            raise ApplicationError(
                _("Chỉ cán bộ theo dõi của xã ghi nhận với tư cách cán bộ; hãy chọn đơn vị."),
                field="channel")
        tip_input = TipInput(
            text=data["text"], links=tuple(split_links(data["links"])),
            platform=data["platform"], seen_on=data["seen_on"],
            reporter_name=data["reporter_name"], reporter_phone=data["reporter_phone"],
            reporter_email=data["reporter_email"], consent=data["consent"],
        )
        return services.tip_submit(commune=commune, data=tip_input, files=data["files"],
                                   channel=channel, actor=self.request.user, unit=unit).tip

    @staticmethod
    def result_message(tip) -> str:
        values = {"receipt": tip.receipt, "code": tip.case.code}
        if tip.match_decision == MatchDecision.AUTO:
            return _("Đã ghi nhận tin báo %(receipt)s. Nội dung trùng với vụ việc đã có "
                     "%(code)s: tin báo đã được nhập vào vụ việc này.") % values
        if tip.match_decision == MatchDecision.SUGGEST:
            count = tip.suggestions.count()
            return _("Đã ghi nhận tin báo %(receipt)s và mở vụ việc mới %(code)s. Có "
                     "%(count)s vụ việc có thể trùng, chờ cán bộ xác nhận gộp hoặc không "
                     "trùng.") % {**values, "count": count}
        return _("Đã ghi nhận tin báo %(receipt)s và mở vụ việc mới %(code)s.") % values
