"""What the ``ttdn`` commands of every app need to name a commune or the acting account."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from .models import Commune, User


def acting_user(username: str | None) -> User:
    """The account named by ``--as``, or the first active superuser."""
    users = User.objects.filter(is_active=True)
    actor = (users.filter(username=username) if username
             else users.filter(is_superuser=True).order_by("pk")).first()
    if actor is None:
        raise CommandError(_("Không tìm thấy tài khoản thực hiện; dùng --as TÊN_ĐĂNG_NHẬP."))
    return actor


def commune_named(value: str | None) -> Commune:
    """A commune by its official code (15178) or slug; without one, the only commune."""
    communes = Commune.objects.select_related("area")
    if value:
        value = value.strip()
        found = communes.filter(slug=value).first() or (
            communes.filter(area__code=int(value)).first() if value.isdigit() else None)
        if found is None:
            raise CommandError(_("Không có xã “%(value)s”.") % {"value": value})
        return found
    if communes.count() != 1:
        raise CommandError(_("Hệ thống có nhiều xã (hoặc chưa có xã nào): hãy chọn bằng "
                             "--commune MÃ_XÃ."))
    return communes.get()
