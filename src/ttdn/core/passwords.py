"""Password rules: long passphrases welcome, no composition rules, no local context words."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .text import fold_key

# Words an attacker tries first against a commune's accounts.
CONTEXT_WORDS = (
    "ubnd", "uy ban", "ttdn", "thong tin doi ngoai", "cam tan", "cam thuy", "thanh hoa",
    "viet nam", "vietnam", "matkhau", "mat khau", "hanoi", "ha noi", "123456", "admin",
)


class VietnameseContextValidator:
    """Refuses passwords that are little more than a local context word (commune, "ubnd"…)."""

    def validate(self, password, user=None):
        key = fold_key(password).replace(" ", "")
        for word in CONTEXT_WORDS:
            compact = word.replace(" ", "")
            # Refuse when the context word makes up most of the password.
            if compact in key and len(key) - len(compact) < 6:
                raise ValidationError(
                    _("Mật khẩu quá dễ đoán: tránh tên địa phương, cơ quan "
                      "hoặc dãy số quen thuộc."),
                    code="password_context_word",
                )

    def get_help_text(self):
        return _("Mật khẩu không được chỉ gồm tên địa phương, cơ quan hoặc dãy số quen thuộc.")


class MaximumLengthValidator:
    """Accepts passphrases up to 128 characters (ASVS asks for at least 64)."""

    max_length = 128

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                _("Mật khẩu dài tối đa %(max)d ký tự.") % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self):
        return _("Có thể dùng cụm từ dài (tới %(max)d ký tự).") % {"max": self.max_length}
