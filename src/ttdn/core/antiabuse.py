"""What every public form does against robots and repeats, with no third party (QUALITY.md):
a honeypot, a signed time trap and an idempotency key.

``hp_note`` is a honeypot (hidden by CSS, out of the tab order, hidden from assistive
technology; people leave it empty, form-filling robots do not). ``idempotency_key`` names one
filling of the form, so that a double click or a retried POST lands once. ``started`` is a
signed token holding that key and the time the form was shown: a submission faster than the
form's minimum, older than two hours, or whose token was signed for another key is held back —
and the reader gets the form again with what they typed and fresh tokens for the same key.

Each form signs in its own namespace (``token_salt``): one form's token is worthless on another.
"""

import re
import time
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy

TOKEN_MAX_AGE = 2 * 60 * 60
GUARD_FIELDS = ("idempotency_key", "started", "hp_note")
_KEY = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def new_key() -> str:
    return str(uuid.uuid4())


def sign_started(key: str, now: float | None = None, *, salt: str) -> str:
    return signing.dumps({"k": key, "t": int(now if now is not None else time.time())},
                         salt=salt, compress=False)


def without_null_validator(field):
    """Django refuses NUL in every CharField with its own message; a form that says it better
    (or strips it when the form comes back) drops that validator."""
    field.validators = [v for v in field.validators
                        if not isinstance(v, ProhibitNullCharactersValidator)]
    return field


class GuardedForm(forms.Form):
    """A public form with the three guard fields. Subclasses set ``token_salt`` and may set
    ``min_fill_setting`` (the setting holding the minimum seconds), ``text_fields`` (where a
    re-shown form drops NUL characters), ``described_by_help`` (fields whose hint the template
    writes itself) and the three messages."""

    token_salt = ""
    min_fill_setting = ""
    default_min_fill_seconds = 3
    text_fields: tuple = ()
    described_by_help: tuple = ()

    expired_message = gettext_lazy(
        "Biểu mẫu đã mở quá 2 giờ nên chưa được gửi. Nội dung bạn nhập vẫn còn dưới đây: vui "
        "lòng kiểm tra rồi gửi lại.")
    invalid_message = gettext_lazy(
        "Biểu mẫu không hợp lệ hoặc đã cũ nên chưa được gửi. Nội dung bạn nhập vẫn còn dưới đây: "
        "vui lòng kiểm tra rồi gửi lại.")
    too_fast_message = gettext_lazy(
        "Biểu mẫu được gửi quá nhanh sau khi mở nên chưa được gửi. Vui lòng kiểm tra lại nội "
        "dung rồi gửi lại.")

    hp_note = forms.CharField(
        label=gettext_lazy("Để trống ô này"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The guards come last: a listing of the visible fields starts with the form's own.
        for name in GUARD_FIELDS:
            self.fields[name] = self.fields.pop(name)
        without_null_validator(self.fields["hp_note"])

    @classmethod
    def sign(cls, key: str, now: float | None = None) -> str:
        return sign_started(key, now, salt=cls.token_salt)

    @classmethod
    def fresh(cls, initial: dict | None = None, **kwargs):
        """An empty form as first shown: a new key and the time it was shown."""
        key = new_key()
        return cls(initial={**(initial or {}), "idempotency_key": key, "started": cls.sign(key)},
                   **kwargs)

    def min_fill_seconds(self) -> float:
        if self.min_fill_setting:
            return float(getattr(settings, self.min_fill_setting, self.default_min_fill_seconds))
        return float(self.default_min_fill_seconds)

    # -- reading the guards ----------------------------------------------------------------

    def submitted_key(self) -> str | None:
        key = (self.data.get("idempotency_key") or "").strip().lower()
        return key if _KEY.match(key) else None

    def time_trap(self) -> str | None:
        """None when the form was filled in a believable time, else the message to show."""
        key = self.submitted_key()
        try:
            token = signing.loads(self.data.get("started") or "", salt=self.token_salt,
                                  max_age=TOKEN_MAX_AGE)
        except signing.SignatureExpired:
            return str(self.expired_message)
        except signing.BadSignature:
            token = None
        if not isinstance(token, dict) or key is None or token.get("k") != key:
            return str(self.invalid_message)
        try:
            elapsed = time.time() - float(token.get("t"))
        except (TypeError, ValueError):
            elapsed = -1.0
        if elapsed > TOKEN_MAX_AGE:
            return str(self.expired_message)
        if elapsed < self.min_fill_seconds():
            return str(self.too_fast_message)
        return None

    def honeypot_filled(self) -> bool:
        return bool((self.data.get("hp_note") or "").strip())

    # -- showing the form again ------------------------------------------------------------

    def refresh_tokens(self, key: str | None = None) -> None:
        """A re-shown form gets a fresh time token (for the same key, or a new one)."""
        data = self.data.copy()
        key = key or self.submitted_key() or new_key()
        data["idempotency_key"] = key
        data["started"] = self.sign(key)
        data["hp_note"] = ""
        for name in self.text_fields:
            if name in data:  # a NUL was refused: what comes back is the text without it
                data[name] = data[name].replace("\x00", "")
        self.data = data
        self._bound_fields_cache = {}  # bound fields read the data once, during validation

    def unbound_copy(self):
        """The same values in a form without errors (shown when the request itself was held
        back, e.g. by the rate limit), with fresh tokens for the same key. Files are not kept."""
        key = self.submitted_key() or new_key()
        initial = {}
        for name, field in self.fields.items():
            if name in GUARD_FIELDS or isinstance(field, forms.FileField):
                continue
            if isinstance(field, forms.BooleanField):
                initial[name] = bool(self.data.get(name))
            else:
                initial[name] = (self.data.get(name) or "").replace("\x00", "")
        initial.update(idempotency_key=key, started=self.sign(key))
        return type(self)(initial=initial)

    def annotate(self, extra: dict | None = None) -> None:
        """aria-describedby / aria-invalid on every visible input, after validation; ``extra``
        maps a field to the ids of other hints on the page that describe it too."""
        for name, field in self.fields.items():
            if name in GUARD_FIELDS:
                continue
            auto_id = self[name].auto_id
            ids = list((extra or {}).get(name, ()))
            if field.help_text or name in self.described_by_help:
                ids.append(f"{auto_id}_help")
            if self.is_bound and self.errors.get(name):
                ids.append(f"{auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
            else:
                field.widget.attrs.pop("aria-describedby", None)
