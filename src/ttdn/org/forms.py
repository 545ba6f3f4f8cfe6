"""Admin forms for units and staff. They parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .models import Commune, Membership, Role, Unit
from .permissions import membership_policy, unit_policy


class UnitForm(WagtailAdminModelForm):
    class Meta:
        model = Unit
        fields = ["commune", "name", "kind", "is_active"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        communes = unit_policy.communes_for(for_user, "add")
        queryset = Commune.objects.all() if for_user.is_superuser else Commune.objects.filter(
            pk__in=communes)
        self.fields["commune"].queryset = queryset
        if self.instance.pk:
            self.fields["commune"].disabled = True
        elif queryset.count() == 1:
            self.fields["commune"].initial = queryset.first()


def _unit_choices(user):
    communes = membership_policy.communes_for(user, "add")
    units = Unit.objects.filter(is_active=True).select_related("commune")
    return units if user.is_superuser else units.filter(commune_id__in=communes)


COMMUNE_ROLES = [(value, label) for value, label in Role.choices if value != Role.UPPER_LEVEL]


class StaffCreateForm(WagtailAdminModelForm):
    """A new staff account and its first seat in one step."""

    username = forms.RegexField(
        label=_("Tên đăng nhập"), max_length=150, regex=r"^[\w.@+-]+$",
        help_text=_("Chữ không dấu, số và . @ + - _ ; ví dụ: camtan.thon2"),
        error_messages={"invalid": _("Tên đăng nhập chỉ gồm chữ không dấu, số và . @ + - _")},
    )
    family_name = forms.CharField(label=_("Họ và tên đệm"), max_length=150)
    given_name = forms.CharField(label=_("Tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput(render_value=False),
        max_length=128, strip=False,
    )

    class Meta:
        model = Membership
        fields = ["unit", "role"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["unit"].queryset = _unit_choices(for_user)
        self.fields["unit"].required = True
        self.fields["role"].choices = COMMUNE_ROLES
        self.order_fields(["family_name", "given_name", "username", "email", "password",
                           "unit", "role"])

    def _post_clean(self):
        # The account does not exist yet: the service validates the seat as a whole.
        pass


class StaffEditForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["unit", "role", "is_active"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["unit"].queryset = _unit_choices(for_user).filter(
            commune_id=self.instance.unit.commune_id
        )
        self.fields["unit"].required = True
        self.fields["role"].choices = COMMUNE_ROLES

    def _post_clean(self):
        pass


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form with labels that Django would otherwise derive in English."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
        self.fields["remember"].label = _("Ghi nhớ đăng nhập")
