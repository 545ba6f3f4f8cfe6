"""The periodic reports in the Wagtail admin (URLs in ``urlpatterns``, registered by
``wagtail_hooks`` under /admin/reports/ with the namespace "reports")."""

from django.urls import path

from .commune import CommuneReportView, ReviewCreateView
from .rounds import RoundCreateView, RoundIndexView, RoundView
from .unit import MyReportsView, UnitReportAutosaveView, UnitReportOpenView, UnitReportView
from .upper import RollupView, UpperOverviewView

app_name = "reports"

urlpatterns = [
    path("", RoundIndexView.as_view(), name="index"),
    path("mine/", MyReportsView.as_view(), name="mine"),
    path("rounds/new/", RoundCreateView.as_view(), name="round_add"),
    path("rounds/<int:pk>/", RoundView.as_view(), name="round"),
    path("rounds/<int:round_pk>/units/<int:unit_pk>/", UnitReportOpenView.as_view(),
         name="unit_report_open"),
    path("unit-reports/<int:pk>/", UnitReportView.as_view(), name="unit_report"),
    path("unit-reports/<int:pk>/autosave/", UnitReportAutosaveView.as_view(),
         name="unit_report_autosave"),
    path("commune-reports/<int:pk>/", CommuneReportView.as_view(), name="commune_report"),
    path("reviews/new/", ReviewCreateView.as_view(), name="review_add"),
    path("upper/", UpperOverviewView.as_view(), name="upper"),
    path("upper/rollup/", RollupView.as_view(), name="rollup"),
]

__all__ = ["CommuneReportView", "MyReportsView", "ReviewCreateView", "RollupView",
           "RoundCreateView", "RoundIndexView", "RoundView", "UnitReportAutosaveView",
           "UnitReportOpenView", "UnitReportView", "UpperOverviewView", "urlpatterns"]
