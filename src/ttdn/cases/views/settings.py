"""The desk's targets (hours for the timers) and how long reporters' contacts are kept, per
commune, for the desk of that commune."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.errors import ApplicationError, PermissionDeniedError
from ttdn.org.models import Commune

from .. import permissions as perms
from .. import services
from ..admin_forms import DeskSettingsForm
from .base import AdminView, queue_crumb


class DeskSettingsView(AdminView):
    template_name = "cases/admin/settings.html"
    page_title = gettext_lazy("Cấu hình bộ phận xử lý tin sai")
    header_icon = "cog"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        ids = (Commune.objects.values_list("pk", flat=True) if user.is_superuser
               else perms.desk_communes(user))
        self.communes = list(Commune.objects.filter(pk__in=list(ids)).order_by("name"))
        if not self.communes:
            raise PermissionDeniedError(_("Chỉ bộ phận xử lý tin sai của xã được cấu hình."))
        wanted = request.POST.get("commune") or request.GET.get("commune")
        if wanted:
            self.commune = next((c for c in self.communes if str(c.pk) == wanted), None)
            if self.commune is None:
                raise Http404
        else:
            self.commune = self.communes[0]
        return super().dispatch(request, *args, **kwargs)

    def get_parent_crumbs(self):
        return [queue_crumb()]

    def get_page_subtitle(self):
        return str(self.commune) if len(self.communes) > 1 else ""

    def make_form(self, data=None):
        current = services.desk_settings_for(self.commune)
        initial = {name: getattr(current, name) for name in DeskSettingsForm.FIELDS}
        return DeskSettingsForm(data, commune_ids=[self.commune.pk],
                                initial={**initial, "commune": self.commune.pk})

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request):
        form = self.make_form(request.POST)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in DeskSettingsForm.FIELDS}
            try:
                services.desk_settings_save(commune=self.commune, actor=request.user, **values)
            except PermissionDeniedError:
                raise
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Đã lưu cấu hình của %(commune)s.")
                                 % {"commune": self.commune})
                return redirect(f"{reverse('cases:settings')}?commune={self.commune.pk}")
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "commune": self.commune,
                "communes": self.communes}
