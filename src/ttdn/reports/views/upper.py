"""The upper level: the communes of an area with their report of a period, and the roll-up of
the sent reports (figures summed across communes, the narrative of each commune)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets.button import HeaderButton

from ttdn.core.admin_views import download_bytes
from ttdn.core.errors import ApplicationError, PermissionDeniedError
from ttdn.org.models import AdministrativeArea, AreaLevel, AreaScheme, Commune, Membership, Role
from ttdn.plans import periods

from .. import exporting, selectors
from ..forms import UpperForm, latest_half_year
from ..rollup import build_rollup
from .base import AdminView, deny, upper_crumb

STATES = [("sent", gettext_lazy("Đã gửi")), ("received", gettext_lazy("Đã tiếp nhận")),
          ("returned", gettext_lazy("Đã trả lại")), ("late", gettext_lazy("Quá hạn, chưa gửi")),
          ("missing", gettext_lazy("Chưa gửi"))]
PARTS = [("summary", gettext_lazy("Kết quả chung")),
         ("shortcomings", gettext_lazy("Tồn tại, hạn chế")),
         ("proposals", gettext_lazy("Đề xuất, kiến nghị"))]
ROLLUP_FILES = [("docx", gettext_lazy("Tải .docx")), ("pdf", gettext_lazy("Tải PDF")),
                ("xlsx", gettext_lazy("Tải số liệu .xlsx"))]


def upper_areas(user) -> list[AdministrativeArea]:
    """The areas the user oversees: those of their upper-level seats (every province that has
    a commune, for a platform administrator)."""
    if user.is_superuser:
        return list(AdministrativeArea.objects.filter(
            scheme=AreaScheme.CURRENT, level=AreaLevel.PROVINCE,
            pk__in=Commune.objects.values("area__parent")).order_by("name"))
    seats = Membership.objects.filter(user=user, role=Role.UPPER_LEVEL, is_active=True,
                                      area__isnull=False).select_related("area")
    areas = {seat.area_id: seat.area for seat in seats}
    return sorted(areas.values(), key=lambda area: area.name)


class UpperMixin:
    """The area and period chosen in the query string; an area that is not the user's is a
    404, an unknown period falls back to the latest half-year."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        self.areas = upper_areas(user)
        if not self.areas:
            deny(_("Trang này dành cho cán bộ cấp trên nhận báo cáo của các xã."))
        self.today = timezone.localdate()
        raw_area = request.GET.get("area", "")
        by_pk = {area.pk: area for area in self.areas}
        if raw_area:
            if not raw_area.isdigit() or int(raw_area) not in by_pk:
                raise Http404
            self.area = by_pk[int(raw_area)]
        else:
            self.area = self.areas[0]
        self.period = latest_half_year(self.today)
        raw_period = (request.GET.get("period") or "").strip().upper()
        if raw_period:
            try:
                self.period = periods.by_key(raw_period).key
            except ValueError:
                messages.warning(request, _("“%(key)s” không phải là một kỳ báo cáo; đang xem "
                                            "kỳ gần nhất.") % {"key": raw_period[:20]})
        self.form = UpperForm({"area": self.area.pk, "period": self.period}, areas=self.areas,
                              today=self.today)
        return super().dispatch(request, *args, **kwargs)

    def query(self, **extra) -> str:
        return urlencode({"area": self.area.pk, "period": self.period, **extra})

    def common(self) -> dict:
        return {"form": self.form, "area": self.area, "period": self.period,
                "period_label": periods.label_of(self.period), "query": self.query(),
                "single_area": len(self.areas) == 1}


class UpperOverviewView(UpperMixin, AdminView):
    template_name = "reports/upper.html"
    page_title = gettext_lazy("Báo cáo các xã gửi lên")
    header_icon = "doc-full"

    def get_extra_header_buttons(self):
        return [HeaderButton(_("Tổng hợp số liệu các xã"),
                             f"{reverse('reports:rollup')}?{self.query()}", icon_name="table")]

    def get_context_data(self, **kwargs):
        rows = selectors.upper_overview(user=self.request.user, area=self.area,
                                        period=self.period, today=self.today)
        counts = {state: 0 for state, _label in STATES}
        for row in rows:
            counts[row.state] += 1
        return {**super().get_context_data(**kwargs), **self.common(), "rows": rows,
                "counts": [(state, label, counts[state]) for state, label in STATES],
                "total": len(rows)}


class RollupView(UpperMixin, AdminView):
    template_name = "reports/rollup.html"
    page_title = gettext_lazy("Tổng hợp báo cáo các xã")
    header_icon = "table"

    def get_parent_crumbs(self):
        url, label = upper_crumb()
        return [(f"{url}?{self.query()}", label)]

    def get(self, request):
        rollup = build_rollup(user=request.user, area=self.area, period=self.period,
                              today=self.today)
        fmt = request.GET.get("format")
        if fmt is not None:
            if fmt not in dict(ROLLUP_FILES):
                raise Http404
            try:
                data, filename, content_type = exporting.rollup_file(
                    rollup=rollup, actor=request.user, fmt=fmt)
            except PermissionDeniedError:
                raise
            except ApplicationError as exc:
                messages.error(request, exc.message)
                return redirect(f"{reverse('reports:rollup')}?{self.query()}")
            return download_bytes(data, filename, content_type)
        return self.render_page(rollup=rollup)

    def get_context_data(self, rollup=None, **kwargs):
        narratives = []
        for item in rollup.narratives:
            narratives.append({"report": item.report, "parts": [
                (label, item.paragraphs.get(part) or []) for part, label in PARTS]})
        counts = rollup.counts
        return {**super().get_context_data(**kwargs), **self.common(), "rollup": rollup,
                "narratives": narratives, "files": ROLLUP_FILES,
                "sent": counts["sent"] + counts["received"], "total": len(rollup.statuses),
                "reported": [f for f in rollup.figures if f.value is not None],
                "unreported": [f for f in rollup.figures if f.value is None]}
