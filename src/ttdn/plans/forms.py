"""Admin forms for directive documents, plans and tasks. They parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ttdn.core.uploads import DOCX, PDF, UploadError, inspect_upload
from ttdn.org.models import Commune, Unit, UnitKind

from .models import DirectiveDocument, Plan, PlanSection, Task, TaskStatus
from .permissions import directive_policy, plan_policy

ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


def _communes_for(user, policy, action):
    if user.is_superuser:
        return Commune.objects.all()
    return Commune.objects.filter(pk__in=policy.communes_for(user, action))


class DateInput(forms.DateInput):
    """A native date picker: no inline script, so the CSP stays strict."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DirectiveForm(WagtailAdminModelForm):
    class Meta:
        model = DirectiveDocument
        fields = ["commune", "symbol", "issued_on", "issuing_body", "level", "title",
                  "carries_out", "attachment", "link"]
        widgets = {"issued_on": DateInput()}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        communes = _communes_for(for_user, directive_policy, "add")
        self.fields["commune"].queryset = communes
        if self.instance.pk:
            self.fields["commune"].disabled = True
            same = DirectiveDocument.objects.filter(commune_id=self.instance.commune_id)
            self.fields["carries_out"].queryset = same.exclude(pk=self.instance.pk)
        else:
            if communes.count() == 1:
                self.fields["commune"].initial = communes.first()
            self.fields["carries_out"].queryset = DirectiveDocument.objects.filter(
                commune__in=communes)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            try:
                checked = inspect_upload(upload, kinds=(PDF, DOCX),
                                         max_bytes=ATTACHMENT_MAX_BYTES)
            except UploadError as exc:
                raise forms.ValidationError(exc.message) from exc
            upload.seek(0)
            upload.name = checked.storage_name
        return upload


class PlanForm(WagtailAdminModelForm):
    class Meta:
        model = Plan
        fields = ["title", "symbol", "issued_on", "place", "parent_body", "issuing_body",
                  "carries_out", "signer_authority", "signer_title", "signer_name"]
        widgets = {"issued_on": DateInput()}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["carries_out"].queryset = DirectiveDocument.objects.filter(
            commune_id=self.instance.commune_id)


class PlanImportForm(forms.Form):
    commune = forms.ModelChoiceField(label=_("Xã"), queryset=Commune.objects.none())
    file = forms.FileField(
        label=_("Tệp kế hoạch (.docx hoặc .txt)"),
        help_text=_("Tối đa 20 MB. Tệp .doc cũ hãy mở bằng Word và lưu lại dưới dạng .docx."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )

    supersedes = forms.ModelChoiceField(
        label=_("Là phiên bản mới của kế hoạch"), required=False, queryset=Plan.objects.none(),
        help_text=_("Để trống nếu đây là kế hoạch mới. Khi phiên bản mới được ban hành, "
                    "kế hoạch cũ chuyển sang “đã được thay thế”."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communes = _communes_for(user, plan_policy, "add")
        self.fields["commune"].queryset = communes
        self.fields["supersedes"].queryset = Plan.objects.filter(
            commune__in=communes, status__in=["draft", "issued"], superseded_by__isnull=True)
        if communes.count() == 1:
            self.fields["commune"].initial = communes.first()
            self.fields["commune"].widget = forms.HiddenInput()

    def clean_file(self):
        from .importer import MAX_BYTES as IMPORT_MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp nặng %(size)s MB, vượt giới hạn %(limit)s MB.")
                % {"size": round(upload.size / 2**20, 1), "limit": IMPORT_MAX_BYTES // 2**20}
            )
        return upload


class PlanIssueForm(forms.Form):
    symbol = forms.CharField(label=_("Số, ký hiệu"), max_length=60, required=False,
                             help_text=_("Ví dụ: 12/KH-UBND"))
    issued_on = forms.DateField(label=_("Ngày ban hành"), required=False, widget=DateInput())


class TaskForm(WagtailAdminModelForm):
    class Meta:
        model = Task
        fields = ["plan", "text", "lead_unit", "coordinating_units", "recurrence", "due_on",
                  "weight", "section", "legal_basis"]
        widgets = {"due_on": DateInput(), "coordinating_units": forms.CheckboxSelectMultiple}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        plans = Plan.objects.all() if for_user.is_superuser else Plan.objects.filter(
            commune_id__in=plan_policy.communes_for(for_user, "change"))
        self.fields["plan"].queryset = plans.exclude(status="superseded")
        commune_id = self.instance.commune_id if self.instance.pk else None
        units = Unit.objects.filter(is_active=True).order_by("sort_key")
        if commune_id:
            self.fields["plan"].disabled = True
            units = units.filter(commune_id=commune_id)
            self.fields["section"].queryset = PlanSection.objects.filter(plan=self.instance.plan)
            self.fields["legal_basis"].queryset = self.instance.plan.legal_bases.all()
        else:
            units = units.filter(commune__in=plans.values("commune"))
            self.fields["section"].queryset = PlanSection.objects.filter(plan__in=plans)
            self.fields["legal_basis"].queryset = DirectiveDocument.objects.filter(
                commune__in=plans.values("commune"))
        self.fields["lead_unit"].queryset = units
        self.fields["coordinating_units"].queryset = units


class TaskReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Trạng thái"), choices=TaskStatus.choices)
    progress = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100,
                                  widget=forms.NumberInput(attrs={"step": 5}))


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp minh chứng"), required=False,
        help_text=_("PDF, ảnh (PNG, JPEG, WebP), Word (.docx) hoặc Excel (.xlsx); tối đa 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx"}),
    )
    link = forms.URLField(label=_("Hoặc đường dẫn"), required=False, max_length=500,
                          assume_scheme="https")
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Ý kiến"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class NewUnitChoice(forms.Form):
    """One unit the plan names that the commune does not have: create it, with which kind."""

    create = forms.BooleanField(label=_("Tạo đơn vị"), required=False)
    name = forms.CharField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitKind.choices)


NewUnitFormSet = forms.formset_factory(NewUnitChoice, extra=0)
