"""wagtail-localize's screens, held to the page's own permissions.

"Translate this page": its view asks only the global ``submit_translation`` right, which every
editor of every commune holds (editorial.py). A page the user may not edit does not exist for
them here (404), as on every scoped screen.

"Convert to alias page": wagtail-localize asks only the edit right, but the alias it makes shows
its source's live content at once in the translation's place — a publication without the
workflow's approval. Only those who may publish the page may do it (403 with the reason for the
others, who are not offered it in the page editor: wagtail_hooks.py)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.views.convert import convert_to_alias
from wagtail_localize.views.submit_translations import SubmitPageTranslationView

from ttdn.core.admin_views import forbidden
from ttdn.core.errors import PermissionDeniedError


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not page.permissions_for_user(request.user).can_edit():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def scoped_convert_to_alias(request, page_id):
    page = get_object_or_404(Page, id=page_id)
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise Http404
    if not permissions.can_publish():
        return forbidden(request, PermissionDeniedError(_(
            "Chỉ người duyệt đăng (Chủ tịch, Phó Chủ tịch xã) mới được chuyển bản dịch thành bản "
            "liên kết: bản liên kết hiện ngay nội dung đang đăng của trang gốc.")))
    return convert_to_alias(request, page_id)
