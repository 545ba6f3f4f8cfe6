"""The public tip form and the receipt look-up form.

The form only parses what the browser sent (a date, a choice, files); whether a tip is
acceptable is decided by ``intake`` inside ``services.tip_submit``, exactly as for the API and
the admin, and its ``CaseError`` is shown beside the field it names
(:meth:`TipForm.add_case_error`).

Anti-abuse fields (``ttdn.core.antiabuse``): ``hp_note`` is a honeypot; ``started`` is a signed
token holding the form's idempotency key and the time it was shown, so a submission faster than
``TTDN_CASES_MIN_FILL_SECONDS`` or older than two hours is held back.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy

from ttdn.core.antiabuse import GuardedForm, new_key, without_null_validator
from ttdn.core.antiabuse import sign_started as _sign_started

from .models import Platform

TOKEN_SALT = "ttdn.cases.tip-form"  # noqa: S105 - a signing namespace, not a secret
RECEIPT = re.compile(r"^TT-[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$")

# intake's field names that differ from the form's.
FIELD_OF = {"file": "files", "text": "text", "claim": "text"}

__all__ = ["LookupForm", "TipForm", "initial_tip_form", "new_key", "normalise_receipt",
           "sign_started"]


def normalise_receipt(value: str) -> str | None:
    """"tt abcde fgh23", "TTABCDEFGH23" → "TT-ABCDE-FGH23"; None when it cannot be one."""
    letters = re.sub(r"[^0-9A-Za-z]", "", value or "").upper()
    if len(letters) == 12 and letters.startswith("TT"):
        code = f"TT-{letters[2:7]}-{letters[7:]}"
        if RECEIPT.match(code):
            return code
    return None


def sign_started(key: str, now: float | None = None) -> str:
    return _sign_started(key, now, salt=TOKEN_SALT)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class TipForm(GuardedForm):
    token_salt = TOKEN_SALT
    min_fill_setting = "TTDN_CASES_MIN_FILL_SECONDS"
    text_fields = ("text", "links", "reporter_name", "reporter_phone", "reporter_email")
    described_by_help = ("consent",)
    expired_message = gettext_lazy(
        "Biểu mẫu đã mở quá 2 giờ nên chưa được gửi. Nội dung bạn nhập vẫn còn dưới đây: vui "
        "lòng kiểm tra rồi bấm “Gửi tin báo” lần nữa.")
    invalid_message = gettext_lazy(
        "Biểu mẫu không hợp lệ hoặc đã cũ nên chưa được gửi. Nội dung bạn nhập vẫn còn dưới "
        "đây: vui lòng kiểm tra rồi bấm “Gửi tin báo” lần nữa.")
    too_fast_message = gettext_lazy(
        "Biểu mẫu được gửi quá nhanh sau khi mở nên chưa được gửi. Vui lòng kiểm tra lại nội "
        "dung rồi bấm “Gửi tin báo” lần nữa.")

    text = forms.CharField(
        label=gettext_lazy("Nội dung thông tin bạn đã thấy"), required=False, strip=False,
        help_text=gettext_lazy("Chép lại hoặc tóm tắt nội dung, càng sát nguyên văn càng tốt "
                               "(tối đa 5.000 ký tự)."),
        widget=forms.Textarea(attrs={"rows": 7, "spellcheck": "true"}),
    )
    links = forms.CharField(
        label=gettext_lazy("Đường dẫn (nếu có)"), required=False, strip=False,
        help_text=gettext_lazy("Mỗi dòng một đường dẫn, bắt đầu bằng http:// hoặc https:// "
                               "(tối đa 10)."),
        widget=forms.Textarea(attrs={"rows": 3, "inputmode": "url", "autocapitalize": "off",
                                     "spellcheck": "false"}),
    )
    files = forms.FileField(
        label=gettext_lazy("Ảnh chụp màn hình hoặc tệp PDF (nếu có)"), required=False,
        help_text=gettext_lazy("Tối đa 5 tệp PNG, JPEG, WebP hoặc PDF, mỗi tệp không quá "
                               "10 MB. Thông tin vị trí và máy chụp trong ảnh sẽ được xóa."),
        widget=MultipleFileInput(attrs={
            "accept": ".png,.jpg,.jpeg,.webp,.pdf,image/png,image/jpeg,image/webp,"
                      "application/pdf",
        }),
    )
    platform = forms.ChoiceField(
        label=gettext_lazy("Bạn thấy thông tin này ở đâu?"), required=False,
        choices=[("", gettext_lazy("— Chọn nơi đã thấy —")), *Platform.choices],
    )
    seen_on = forms.DateField(
        label=gettext_lazy("Ngày bạn thấy (nếu nhớ)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    reporter_name = forms.CharField(
        label=gettext_lazy("Họ và tên"), required=False, strip=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    reporter_phone = forms.CharField(
        label=gettext_lazy("Số điện thoại"), required=False, strip=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    reporter_email = forms.CharField(
        label=gettext_lazy("Thư điện tử"), required=False, strip=False,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email",
                                      "autocapitalize": "off", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(label=gettext_lazy("Đồng ý lưu thông tin liên hệ"), required=False)

    CONTACT_FIELDS = ("reporter_name", "reporter_phone", "reporter_email", "consent")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.text_fields:  # intake says it better than Django's NUL message
            without_null_validator(self.fields[name])

    # -- errors from the desk ---------------------------------------------------------------

    def add_case_error(self, error) -> None:
        field = FIELD_OF.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message)


def initial_tip_form() -> TipForm:
    return TipForm.fresh()


class LookupForm(forms.Form):
    receipt = forms.CharField(
        label=gettext_lazy("Mã tiếp nhận"), max_length=40,
        help_text=gettext_lazy("Mã có dạng TT-XXXXX-XXXXX, được cấp khi bạn gửi tin báo."),
        widget=forms.TextInput(attrs={
            "autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false",
            "aria-describedby": "id_receipt_help",
        }),
    )
