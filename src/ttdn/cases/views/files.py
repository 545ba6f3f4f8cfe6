"""Files of a case, always as downloads: a tip's screenshots (the user's own communes' tips
only), a verification log file (the user's own communes' log only) and the sealed evidence
package. Everything is looked up before the method is: another commune's file is a 404."""

from pathlib import PurePosixPath

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View

from ttdn.core.admin_views import download, download_bytes

from .. import packages, selectors
from ..models import TipAttachment
from .base import CaseObjectMixin, RefuseWith403

_MEDIA = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
          ".webp": "image/webp", ".pdf": "application/pdf"}


class TipAttachmentView(RefuseWith403, View):
    http_method_names = ["get"]

    def dispatch(self, request, pk, file_pk):
        case = get_object_or_404(selectors.case_visible_to(user=request.user), pk=pk)
        tips = selectors.case_tips(user=request.user, case=case)
        self.attachment = get_object_or_404(
            TipAttachment.objects.filter(tip__in=tips).select_related("tip"), pk=file_pk)
        return super().dispatch(request)

    def get(self, request):
        item = self.attachment
        suffix = PurePosixPath(item.file.name).suffix.lower()
        return download(item.file.open("rb"), f"{item.tip.receipt}-{item.pk}{suffix}",
                        item.media_type or "application/octet-stream")


class NoteFileView(RefuseWith403, View):
    http_method_names = ["get"]

    def dispatch(self, request, pk, note_pk):
        case = get_object_or_404(selectors.case_visible_to(user=request.user), pk=pk)
        self.note = get_object_or_404(selectors.case_notes(user=request.user, case=case),
                                      pk=note_pk)
        return super().dispatch(request)

    def get(self, request):
        note = self.note
        if not note.file:
            raise Http404
        suffix = PurePosixPath(note.file.name).suffix.lower()
        return download(note.file.open("rb"), f"nhat-ky-{note.pk}{suffix}",
                        _MEDIA.get(suffix, "application/octet-stream"))


class EvidencePackageView(RefuseWith403, CaseObjectMixin, View):
    """The sealed package (ZIP or PDF) of what the user's commune may hand on; audited by
    ``packages.evidence_package``, refused (403) to whoever may not export it."""

    http_method_names = ["get"]
    fmt = "zip"

    def get(self, request):
        filename, content_type, data = packages.evidence_package(self.case, request.user,
                                                                 self.fmt)
        return download_bytes(data, filename, content_type)
