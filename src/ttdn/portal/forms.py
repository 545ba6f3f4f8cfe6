"""The contact page's feedback form: what a reader may send, checked in the reader's language.

Every message is a translated string (the page's language is active), and the form is sent
with ``novalidate``: the browser's own bubbles would speak the browser's language, not the
page's. The honeypot, the time trap and the idempotency key are ``GuardedForm``'s.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.antiabuse import GuardedForm, without_null_validator

from .models import Feedback

MAX_MESSAGE = 5000
REPLY_HINT_ID = "cach-tra-loi"
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_PHONE = re.compile(r"^\+?[0-9][0-9 .\-()]{6,22}[0-9]$")
_NUL = gettext_lazy("Ô này có ký tự không hợp lệ (NUL); ký tự đó đã được bỏ đi. Vui lòng kiểm "
                    "tra lại rồi gửi.")


def _grouped(number: int) -> str:
    """5000 → "5.000" in Vietnamese, "5,000" in English."""
    return f"{number:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


def _single_line(value: str) -> str:
    return " ".join(_CONTROL.sub("", unicodedata.normalize("NFC", value)).split())


class FeedbackForm(GuardedForm):
    token_salt = "ttdn.portal.feedback-form"  # noqa: S105 - a signing namespace, not a secret
    min_fill_setting = "TTDN_PORTAL_FEEDBACK_MIN_FILL_SECONDS"
    text_fields = ("name", "email", "phone", "subject", "message")
    described_by_help = ("consent",)

    name = forms.CharField(
        label=gettext_lazy("Họ và tên"), max_length=Feedback._meta.get_field("name").max_length,
        error_messages={
            "required": gettext_lazy("Vui lòng nhập họ và tên."),
            "max_length": gettext_lazy("Họ và tên dài quá: tối đa %(limit_value)d ký tự."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Thư điện tử"), required=False, max_length=254,
        help_text=gettext_lazy("Ví dụ: ten@example.com"),
        error_messages={
            "invalid": gettext_lazy("Địa chỉ thư điện tử không hợp lệ. Ví dụ đúng: "
                                    "ten@example.com."),
            "max_length": gettext_lazy("Địa chỉ thư điện tử dài quá: tối đa %(limit_value)d ký "
                                       "tự."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autocapitalize": "off",
                                       "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Số điện thoại"), required=False,
        max_length=Feedback._meta.get_field("phone").max_length,
        help_text=gettext_lazy("Ví dụ: 0912 345 678 hoặc +84 912 345 678"),
        error_messages={
            "max_length": gettext_lazy("Số điện thoại dài quá: tối đa %(limit_value)d ký tự."),
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel",
                                      "inputmode": "tel"}),
    )
    no_reply = forms.BooleanField(
        label=gettext_lazy("Tôi không cần được trả lời"), required=False,
    )
    subject = forms.CharField(
        label=gettext_lazy("Tiêu đề"), max_length=Feedback._meta.get_field("subject").max_length,
        error_messages={
            "required": gettext_lazy("Vui lòng nhập tiêu đề."),
            "max_length": gettext_lazy("Tiêu đề dài quá: tối đa %(limit_value)d ký tự."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    # No max_length here: the browser would cut a long paste silently. The limit is checked
    # below, and the text comes back whole with the message.
    message = forms.CharField(
        label=gettext_lazy("Nội dung"), strip=False,
        help_text=gettext_lazy("Tối đa 5.000 ký tự."),
        error_messages={"required": gettext_lazy("Vui lòng nhập nội dung ý kiến.")},
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("Đồng ý lưu thông tin liên hệ"),
        error_messages={"required": gettext_lazy(
            "Vui lòng đánh dấu ô đồng ý để chúng tôi được lưu thông tin bạn để lại. Nếu không "
            "đồng ý, bạn có thể liên hệ trực tiếp qua địa chỉ, điện thoại hoặc thư điện tử trên "
            "trang này.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.text_fields:  # NUL gets our message, and is dropped when shown again
            without_null_validator(self.fields[name])

    def annotate(self, extra: dict | None = None) -> None:
        # The hint above the contact fields (id in the template) describes all three.
        hint = {name: [REPLY_HINT_ID] for name in ("email", "phone", "no_reply")}
        super().annotate({**hint, **(extra or {})})

    def _refuse_nul(self, value: str) -> str:
        if "\x00" in (value or ""):
            raise ValidationError(_NUL, code="null_characters_not_allowed")
        return value

    def clean_name(self):
        return _single_line(self._refuse_nul(self.cleaned_data["name"]))

    def clean_email(self):
        return self._refuse_nul(self.cleaned_data["email"]).strip()

    def clean_phone(self):
        phone = _single_line(self._refuse_nul(self.cleaned_data["phone"]))
        if phone and not _PHONE.match(phone):
            raise ValidationError(
                _("Số điện thoại không hợp lệ: chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch "
                  "ngang, có thể có dấu + ở đầu (ví dụ 0912 345 678)."), code="invalid")
        return phone

    def clean_subject(self):
        subject = _single_line(self._refuse_nul(self.cleaned_data["subject"]))
        if not subject:
            raise ValidationError(self.fields["subject"].error_messages["required"],
                                  code="required")
        return subject

    def clean_message(self):
        text = unicodedata.normalize("NFC", self._refuse_nul(self.cleaned_data["message"]))
        text = _CONTROL.sub("", text).replace("\r\n", "\n").strip()
        if not text:
            raise ValidationError(self.fields["message"].error_messages["required"],
                                  code="required")
        if len(text) > MAX_MESSAGE:
            raise ValidationError(
                _("Nội dung dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự. Vui lòng rút "
                  "gọn rồi gửi lại; nội dung bạn đã nhập vẫn còn nguyên trong ô.")
                % {"length": _grouped(len(text)), "limit": _grouped(MAX_MESSAGE)},
                code="max_length",
            )
        return text

    def clean(self):
        data = super().clean()
        contact_errors = "email" in self.errors or "phone" in self.errors
        if (not contact_errors and not data.get("email") and not data.get("phone")
                and not data.get("no_reply")):
            self.add_error("email", _(
                "Để được trả lời, hãy để lại thư điện tử hoặc số điện thoại; nếu không cần trả "
                "lời, hãy đánh dấu ô “Tôi không cần được trả lời”."))
        return data

    def feedback_data(self) -> dict:
        """What ``services.feedback_submit`` stores."""
        return {name: self.cleaned_data[name]
                for name in ("name", "email", "phone", "subject", "message")}

    def add_model_errors(self, error: ValidationError) -> None:
        """The service's model validation, beside the fields it names (or above the form)."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                target = field if field in self.fields else None
                for message in messages:
                    self.add_error(target, message)
        else:
            for message in error.messages:
                self.add_error(None, message)
