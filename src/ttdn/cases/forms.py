"""The public tip form and the receipt look-up form.

The form only parses what the browser sent (a date, a choice, files); whether a tip is
acceptable is decided by ``intake`` inside ``services.tip_submit``, exactly as for the API and
the admin, and its ``CaseError`` is shown beside the field it names
(:meth:`TipForm.add_case_error`).

Anti-abuse fields: ``hp_note`` is a honeypot (hidden by CSS, out of the tab order, hidden from
assistive technology; people leave it empty, form-filling robots do not); ``started`` is a
signed token holding the form's idempotency key and the time it was shown, so a submission
faster than ``TTDN_CASES_MIN_FILL_SECONDS`` or older than two hours is held back.
"""

import re
import time
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Platform

TOKEN_SALT = "ttdn.cases.tip-form"  # noqa: S105 - a signing namespace, not a secret
TOKEN_MAX_AGE = 2 * 60 * 60
_KEY = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
RECEIPT = re.compile(r"^TT-[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$")

# intake's field names that differ from the form's.
FIELD_OF = {"file": "files", "text": "text", "claim": "text"}


def normalise_receipt(value: str) -> str | None:
    """"tt abcde fgh23", "TTABCDEFGH23" → "TT-ABCDE-FGH23"; None when it cannot be one."""
    letters = re.sub(r"[^0-9A-Za-z]", "", value or "").upper()
    if len(letters) == 12 and letters.startswith("TT"):
        code = f"TT-{letters[2:7]}-{letters[7:]}"
        if RECEIPT.match(code):
            return code
    return None


def new_key() -> str:
    return str(uuid.uuid4())


def sign_started(key: str, now: float | None = None) -> str:
    return signing.dumps({"k": key, "t": int(now if now is not None else time.time())},
                         salt=TOKEN_SALT, compress=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _without_null_validator(field):
    """Django refuses NUL in every CharField with its own message; intake says it better."""
    field.validators = [v for v in field.validators
                        if not isinstance(v, ProhibitNullCharactersValidator)]
    return field


class TipForm(forms.Form):
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
    hp_note = forms.CharField(
        label=gettext_lazy("Để trống ô này"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    CONTACT_FIELDS = ("reporter_name", "reporter_phone", "reporter_email", "consent")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("text", "links", "reporter_name", "reporter_phone", "reporter_email",
                     "hp_note"):
            _without_null_validator(self.fields[name])

    # -- the hidden fields ----------------------------------------------------------------

    def submitted_key(self) -> str | None:
        key = (self.data.get("idempotency_key") or "").strip().lower()
        return key if _KEY.match(key) else None

    def time_trap(self) -> str | None:
        """None when the form was filled in a believable time, else the message to show."""
        key = self.submitted_key()
        expired = _("Biểu mẫu đã mở quá 2 giờ nên chưa được gửi. Nội dung bạn nhập vẫn còn "
                    "dưới đây: vui lòng kiểm tra rồi bấm “Gửi tin báo” lần nữa.")
        try:
            token = signing.loads(self.data.get("started") or "", salt=TOKEN_SALT,
                                  max_age=TOKEN_MAX_AGE)
        except signing.SignatureExpired:
            return expired
        except signing.BadSignature:
            token = None
        if not isinstance(token, dict) or key is None or token.get("k") != key:
            return _("Biểu mẫu không hợp lệ hoặc đã cũ nên chưa được gửi. Nội dung bạn nhập vẫn "
                     "còn dưới đây: vui lòng kiểm tra rồi bấm “Gửi tin báo” lần nữa.")
        try:
            elapsed = time.time() - float(token.get("t"))
        except (TypeError, ValueError):
            elapsed = -1.0
        if elapsed > TOKEN_MAX_AGE:
            return expired
        if elapsed < settings.TTDN_CASES_MIN_FILL_SECONDS:
            return _("Biểu mẫu được gửi quá nhanh sau khi mở nên chưa được gửi. Vui lòng kiểm "
                     "tra lại nội dung rồi bấm “Gửi tin báo” lần nữa.")
        return None

    def honeypot_filled(self) -> bool:
        return bool((self.data.get("hp_note") or "").strip())

    def refresh_tokens(self, key: str | None = None) -> None:
        """A re-shown form gets a fresh time token (for the same key, or a new one)."""
        data = self.data.copy()
        key = key or self.submitted_key() or new_key()
        data["idempotency_key"] = key
        data["started"] = sign_started(key)
        data["hp_note"] = ""
        for name in ("text", "links", "reporter_name", "reporter_phone", "reporter_email"):
            if name in data:  # a NUL was refused: what comes back is the text without it
                data[name] = data[name].replace("\x00", "")
        self.data = data
        self._bound_fields_cache = {}  # bound fields read the data once, during validation

    def unbound_copy(self) -> "TipForm":
        """The same values in a form without errors (shown when the request itself was held
        back, e.g. by the rate limit), with fresh tokens for the same key."""
        key = self.submitted_key() or new_key()
        initial = {name: (self.data.get(name) or "").replace("\x00", "")
                   for name in ("text", "links", "platform", "seen_on", "reporter_name",
                                "reporter_phone", "reporter_email")}
        initial.update(consent=bool(self.data.get("consent")), idempotency_key=key,
                       started=sign_started(key))
        return TipForm(initial=initial)

    # -- errors from the desk ---------------------------------------------------------------

    def add_case_error(self, error) -> None:
        field = FIELD_OF.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message)

    def annotate(self) -> None:
        """aria-describedby / aria-invalid on every visible input, after validation."""
        for name, field in self.fields.items():
            if name in ("idempotency_key", "started", "hp_note"):
                continue
            ids = []
            if field.help_text or name == "consent":
                ids.append(f"id_{name}_help")
            if self.is_bound and self.errors.get(name):
                ids.append(f"id_{name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


def initial_tip_form() -> TipForm:
    key = new_key()
    return TipForm(initial={"idempotency_key": key, "started": sign_started(key)})


class LookupForm(forms.Form):
    receipt = forms.CharField(
        label=gettext_lazy("Mã tiếp nhận"), max_length=40,
        help_text=gettext_lazy("Mã có dạng TT-XXXXX-XXXXX, được cấp khi bạn gửi tin báo."),
        widget=forms.TextInput(attrs={
            "autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false",
            "aria-describedby": "id_receipt_help",
        }),
    )
