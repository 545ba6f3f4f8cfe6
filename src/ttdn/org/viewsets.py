"""Admin screens of the organisation: units and staff (communes are read-only here)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup

from ttdn.core.viewsets import ScopedModelViewSet

from . import selectors, services
from .forms import StaffCreateForm, StaffEditForm, UnitForm
from .models import Commune, Membership, Unit


def _visible_communes(request):
    if request is None:
        return Commune.objects.none()
    return selectors.commune_list_visible_to(user=request.user)


def commune_filter(field_name="commune"):
    """A listing filter by commune, offering only the communes the user sees (any app's
    screens use it)."""
    return django_filters.ModelChoiceFilter(label=_("Xã"), queryset=_visible_communes,
                                            field_name=field_name)


class UnitFilterSet(WagtailFilterSet):
    commune = commune_filter()

    class Meta:
        model = Unit
        fields = ["kind", "is_active", "commune"]


class StaffFilterSet(WagtailFilterSet):
    commune = commune_filter("unit__commune")

    class Meta:
        model = Membership
        fields = ["role", "is_active", "commune"]


class CommuneViewSet(ScopedModelViewSet):
    model = Commune
    selector = staticmethod(selectors.commune_list_visible_to)
    icon = "site"
    menu_label = _("Xã")
    add_to_admin_menu = False
    list_display = ["__str__", "upper_level_body", "site"]
    inspect_view_enabled = True
    inspect_view_fields = ["name", "area", "legacy_area", "upper_level_body", "site"]
    form_fields = ["name", "upper_level_body"]

    def update_instance(self, form, user):
        return services.commune_update(
            commune=form.instance, actor=user, name=form.cleaned_data["name"],
            upper_level_body=form.cleaned_data["upper_level_body"],
        )


class UnitViewSet(ScopedModelViewSet):
    model = Unit
    selector = staticmethod(selectors.unit_list_visible_to)
    form_class = UnitForm
    icon = "group"
    menu_label = _("Đơn vị")
    list_display = ["name", "kind", "commune",
                    BooleanColumn("is_active", label=_("Đang hoạt động")),
                    BooleanColumn("is_sample", label=_("Dữ liệu mẫu"))]
    filterset_class = UnitFilterSet
    search_fields = ["name"]

    def create_instance(self, form, user):
        data = form.cleaned_data
        return services.unit_create(
            commune=data["commune"], name=data["name"], kind=data["kind"], actor=user
        )

    def update_instance(self, form, user):
        data = form.cleaned_data
        return services.unit_update(
            unit=form.instance, actor=user, name=data["name"], kind=data["kind"],
            is_active=data["is_active"],
        )

    def delete_instance(self, instance, user):
        services.unit_delete(unit=instance, actor=user)


class StaffViewSet(ScopedModelViewSet):
    model = Membership
    selector = staticmethod(selectors.membership_list_visible_to)
    icon = "user"
    menu_label = _("Cán bộ")
    url_prefix = "staff"
    list_display = [
        Column("user", label=_("Họ và tên"), accessor="user.get_full_name"),
        Column("username", label=_("Tên đăng nhập"), accessor="user.username"),
        "role", "unit", BooleanColumn("is_active", label=_("Đang hiệu lực")),
    ]
    filterset_class = StaffFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def get_form_class(self, for_update=False):
        return StaffEditForm if for_update else StaffCreateForm

    def create_instance(self, form, user):
        data = form.cleaned_data
        return services.staff_create(
            username=data["username"], family_name=data["family_name"],
            given_name=data["given_name"], email=data["email"], password=data["password"],
            role=data["role"], unit=data["unit"], actor=user,
        )

    def update_instance(self, form, user):
        data = form.cleaned_data
        return services.membership_update(
            membership=form.instance, actor=user, role=data["role"], unit=data["unit"],
            is_active=data["is_active"],
        )


class OrganisationGroup(ViewSetGroup):
    menu_label = _("Tổ chức")
    menu_icon = "group"
    menu_order = 900
    items = (UnitViewSet("units"), StaffViewSet("staff"), CommuneViewSet("communes"))
