"""Public routes of the false-information desk, in Vietnamese (no prefix) and English (/en/).

Why not ``i18n_patterns(..., prefix_default_language=False)``: once the root URLconf holds a
language-prefix pattern of that kind, Django's LocaleMiddleware gives every unprefixed URL the
default language — the admin and the 404 page would stop following the reader's browser
language (tests/core/test_error_pages.py fails in English). So each route is declared once per
language, named ``<name>-<language>``, and the view activates that language itself
(``views_public.public_page``); ``views_public.public_url(name, language)`` reverses them.
"""

from django.urls import path

from . import views_public as views

app_name = "cases_public"

ROUTES = [
    ("bao-tin-sai-su-that/", views.tip_form, "tip"),
    ("bao-tin-sai-su-that/da-tiep-nhan/<str:receipt>/", views.tip_receipt, "receipt"),
    ("bao-tin-sai-su-that/tra-cuu/", views.status_lookup, "lookup"),
    ("bao-tin-sai-su-that/tra-cuu/<str:receipt>/", views.status, "status"),
    ("cai-chinh/<int:case_id>/", views.clarification, "clarification"),
]
PREFIXES = {"vi": "", "en": "en/"}

urlpatterns = [
    path(f"{prefix}{route}", view, {"language": language}, name=f"{name}-{language}")
    for language, prefix in PREFIXES.items()
    for route, view, name in ROUTES
]
