"""Forms of the desk's admin screens. They only parse what was typed: the services decide (and
``intake`` judges a tip the same way here as on the public form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.org.models import Commune, Unit

from .intake import MAX_FILES
from .models import (
    CaseStatus,
    Category,
    NoteKind,
    Platform,
    Sensitivity,
    Severity,
    TakedownStatus,
    Verdict,
)


class DateInput(forms.DateInput):
    """A native date picker: no inline script, so the CSP stays strict."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several screenshots or PDFs at once; ``intake.clean_files`` judges each by content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": "image/png,image/jpeg,image/webp,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


CHOOSE = _("— Chọn —")
ALL = _("Tất cả")


def _blank(choices, label=CHOOSE):
    return [("", label), *choices]


def _communes(ids):
    return Commune.objects.filter(pk__in=ids).order_by("name")


class CommuneChoiceMixin:
    """A "commune" field offered only when the user acts for more than one commune here."""

    def set_communes(self, commune_ids, *, label):
        field = self.fields["commune"]
        field.queryset = _communes(commune_ids)
        field.label = label
        if len(commune_ids) == 1:
            field.initial = next(iter(commune_ids))
            field.widget = forms.HiddenInput()


# The queue ------------------------------------------------------------------------------


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"), required=False, max_length=200,
        widget=forms.TextInput(attrs={
            "placeholder": _("Nội dung (có dấu hay không dấu), mã VV-… hoặc mã TT-…"),
            "type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False,
        choices=[("", ALL), ("open", _("Đang xử lý (chưa đóng)")),
                 *CaseStatus.choices],
    )
    category = forms.ChoiceField(label=_("Loại thông tin"), required=False,
                                 choices=_blank(Category.choices, ALL))
    severity = forms.ChoiceField(label=_("Mức độ"), required=False,
                                 choices=_blank(Severity.choices, ALL))
    commune = forms.ModelChoiceField(label=_("Xã"), required=False, queryset=Commune.objects.none(),
                                     empty_label=ALL)
    late = forms.BooleanField(label=_("Chỉ vụ việc trễ hạn"), required=False)

    def __init__(self, *args, commune_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        if len(commune_ids) > 1:
            self.fields["commune"].queryset = _communes(commune_ids)
        else:
            del self.fields["commune"]


# The workflow ---------------------------------------------------------------------------


class TriageForm(forms.Form):
    category = forms.ChoiceField(label=_("Loại thông tin"), choices=_blank(Category.choices))
    severity = forms.ChoiceField(label=_("Mức độ"), choices=_blank(Severity.choices))
    sensitivity = forms.ChoiceField(label=_("Độ nhạy cảm"), choices=Sensitivity.choices,
                                    initial=Sensitivity.NORMAL)
    claim = forms.CharField(
        label=_("Nội dung thông tin (có thể biên tập lại)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nội dung chung của vụ việc mà các xã cùng thấy; để nguyên nếu không cần "
                    "sửa."),
    )


class AssignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(label=_("Đơn vị chủ trì xác minh"),
                                       queryset=Unit.objects.none(), empty_label=CHOOSE)
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(commune_id=case.commune_id, is_active=True).order_by(
            "sort_key", "name")
        self.fields["lead_unit"].queryset = units
        self.fields["coordinating_units"].queryset = units


class VerifyForm(forms.Form):
    """Starting the verification takes no input."""


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Kết luận"), choices=_blank(Verdict.choices))
    summary = forms.CharField(label=_("Tóm tắt kết luận"), widget=forms.Textarea(attrs={"rows": 4}))


class ClarificationForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    body = forms.CharField(label=_("Nội dung cải chính"), widget=forms.Textarea(attrs={"rows": 8}))
    title_en = forms.CharField(label=_("Tiêu đề (tiếng Anh)"), max_length=200, required=False)
    body_en = forms.CharField(label=_("Nội dung cải chính (tiếng Anh)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 6}))
    sources = forms.CharField(
        label=_("Nguồn chính thức"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một đường dẫn (http:// hoặc https://)."),
    )

    @classmethod
    def initial_for(cls, clarification) -> dict:
        if clarification is None:
            return {}
        return {"title": clarification.title, "body": clarification.body,
                "title_en": clarification.title_en, "body_en": clarification.body_en,
                "sources": "\n".join(clarification.sources or ())}


class RespondForm(forms.Form):
    radio = forms.BooleanField(label=_("Đề nghị Đài truyền thanh xã phát bài cải chính"),
                               required=False)
    press = forms.BooleanField(label=_("Đã thông tin cho báo chí"), required=False)


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do đóng vụ việc"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class EscalateForm(CommuneChoiceMixin, forms.Form):
    commune = forms.ModelChoiceField(queryset=Commune.objects.none())
    reason = forms.CharField(label=_("Lý do chuyển"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, commune_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_communes(commune_ids, label=_("Chuyển Công an xã"))


class RepublishForm(CommuneChoiceMixin, forms.Form):
    commune = forms.ModelChoiceField(queryset=Commune.objects.none())

    def __init__(self, *args, commune_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_communes(commune_ids, label=_("Đăng lại trên cổng thông tin của xã"))


class NoteForm(CommuneChoiceMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=NoteKind.choices, initial=NoteKind.CHECK)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    url = forms.CharField(label=_("Đường dẫn nguồn"), required=False, max_length=2000)
    file = forms.FileField(
        label=_("Tệp (ảnh chụp hoặc PDF)"), required=False,
        widget=forms.ClearableFileInput(attrs={
            "accept": "image/png,image/jpeg,image/webp,application/pdf"}),
    )
    commune = forms.ModelChoiceField(queryset=Commune.objects.none())

    def __init__(self, *args, commune_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_communes(commune_ids, label=_("Ghi cho xã"))


class TakedownForm(CommuneChoiceMixin, forms.Form):
    takedown = forms.IntegerField(required=False, widget=forms.HiddenInput())
    platform = forms.ChoiceField(label=_("Nền tảng"), choices=_blank(Platform.choices))
    url = forms.CharField(label=_("Đường dẫn cần gỡ"), max_length=2000)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=TakedownStatus.choices,
                               initial=TakedownStatus.PENDING)
    sent_on = forms.DateField(label=_("Ngày gửi"), required=False, widget=DateInput())
    resolved_on = forms.DateField(label=_("Ngày có kết quả"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    commune = forms.ModelChoiceField(queryset=Commune.objects.none())

    def __init__(self, *args, commune_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_communes(commune_ids, label=_("Công an xã"))

    @classmethod
    def initial_for(cls, takedown) -> dict:
        return {"takedown": takedown.pk, "platform": takedown.platform, "url": takedown.url,
                "status": takedown.status, "sent_on": takedown.sent_on,
                "resolved_on": takedown.resolved_on, "note": takedown.note,
                "commune": takedown.commune_id}


# Intake and settings ---------------------------------------------------------------------


class IntakeForm(CommuneChoiceMixin, forms.Form):
    """"Ghi nhận tin báo": the public form's fields, without its anti-spam."""

    STAFF, UNIT = "staff", "unit"

    commune = forms.ModelChoiceField(queryset=Commune.objects.none())
    channel = forms.ChoiceField(label=_("Ghi nhận với tư cách"), choices=())
    text = forms.CharField(
        label=_("Nội dung thông tin đã thấy"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Chép lại nguyên văn hoặc tóm tắt đúng ý của thông tin."),
    )
    links = forms.CharField(
        label=_("Đường dẫn"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một đường dẫn (bài đăng, video, trang web)."),
    )
    platform = forms.ChoiceField(label=_("Nơi phát hiện"), choices=Platform.choices,
                                 initial=Platform.FACEBOOK)
    seen_on = forms.DateField(label=_("Ngày phát hiện"), required=False, widget=DateInput())
    files = MultipleFileField(
        label=_("Ảnh chụp màn hình, tệp PDF"), required=False,
        help_text=_("Tối đa %(count)s tệp PNG, JPEG, WebP hoặc PDF; ảnh được lưu lại không kèm "
                    "thông tin EXIF.") % {"count": MAX_FILES},
    )
    reporter_name = forms.CharField(label=_("Họ tên người báo tin"), required=False,
                                    max_length=120)
    reporter_phone = forms.CharField(label=_("Số điện thoại"), required=False, max_length=20)
    reporter_email = forms.CharField(label=_("Thư điện tử"), required=False, max_length=254)
    consent = forms.BooleanField(
        label=_("Người báo tin đồng ý để xã lưu và dùng thông tin liên hệ này"), required=False,
    )

    def __init__(self, *args, commune_ids, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_communes(commune_ids, label=_("Xã tiếp nhận"))
        self.fields["channel"].choices = channels
        self.fields["channel"].initial = channels[0][0]
        if len(channels) == 1:
            self.fields["channel"].widget = forms.HiddenInput()


class DeskSettingsForm(CommuneChoiceMixin, forms.Form):
    commune = forms.ModelChoiceField(queryset=Commune.objects.none())
    triage_hours = forms.IntegerField(label=_("Mục tiêu phân loại (giờ)"), min_value=1,
                                      max_value=24 * 90)
    response_hours = forms.IntegerField(
        label=_("Mục tiêu phản hồi đầu tiên (giờ)"), min_value=1, max_value=24 * 90,
        help_text=_("Từ lúc nhận tin đến khi có kết luận."),
    )
    clarification_hours = forms.IntegerField(
        label=_("Mục tiêu công bố cải chính (giờ)"), min_value=1, max_value=24 * 90,
    )
    takedown_hours = forms.IntegerField(
        label=_("Mục tiêu gỡ bỏ (giờ)"), min_value=1, max_value=24 * 90,
        help_text=_("Với vụ việc có yêu cầu gỡ bỏ: đến khi nền tảng gỡ bài."),
    )
    contact_retention_days = forms.IntegerField(
        label=_("Giữ thông tin liên hệ của người báo tin (ngày sau khi đóng vụ việc)"),
        min_value=0, max_value=3650,
    )

    FIELDS = ("triage_hours", "response_hours", "clarification_hours", "takedown_hours",
              "contact_retention_days")

    def __init__(self, *args, commune_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_communes(commune_ids, label=_("Xã"))
        self.fields["commune"].widget = forms.HiddenInput()
