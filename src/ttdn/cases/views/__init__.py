"""The false-information desk in the Wagtail admin (URLs in ``urlpatterns``, registered by
``wagtail_hooks``)."""

from django.urls import path

from .detail import CaseDetailView
from .files import EvidencePackageView, NoteFileView, TipAttachmentView
from .intake import StaffIntakeView
from .queue import CaseQueueView
from .settings import DeskSettingsView

app_name = "cases"

urlpatterns = [
    path("", CaseQueueView.as_view(), name="index"),
    path("new-tip/", StaffIntakeView.as_view(), name="intake"),
    path("settings/", DeskSettingsView.as_view(), name="settings"),
    path("<int:pk>/", CaseDetailView.as_view(), name="detail"),
    path("<int:pk>/files/<int:file_pk>/", TipAttachmentView.as_view(), name="attachment"),
    path("<int:pk>/notes/<int:note_pk>/file/", NoteFileView.as_view(), name="note_file"),
    path("<int:pk>/evidence/zip/", EvidencePackageView.as_view(fmt="zip"), name="evidence_zip"),
    path("<int:pk>/evidence/pdf/", EvidencePackageView.as_view(fmt="pdf"), name="evidence_pdf"),
]

__all__ = ["CaseDetailView", "CaseQueueView", "DeskSettingsView", "EvidencePackageView",
           "NoteFileView", "StaffIntakeView", "TipAttachmentView", "urlpatterns"]
