"""The project's HTTP API (django-ninja): mounted at /api/, OpenAPI schema at
/api/openapi.json, interactive documentation at /api/docs.

Each app contributes a ``Router``; this module mounts them under /api/v1/. Requests that do not
fit the declared schema answer 400 with ``{"field": …, "message": …}`` in Vietnamese, the same
shape as the apps' own refusals.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError

from ttdn.cases.api import router as cases_router

api = NinjaAPI(
    title="TTĐN API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    # Swagger UI from ninja's own static files ("ninja" is in INSTALLED_APPS): never a CDN.
    docs=Swagger(),
    description="API công khai của TTĐN: gửi tin báo thông tin sai sự thật, tra cứu tình "
                "trạng, các bài cải chính đã công bố (schema.org ClaimReview).",
)
api.add_router("/v1/", cases_router)


@api.exception_handler(ValidationError)
def schema_error(request, exc: ValidationError):
    """The first problem, named by its field, in Vietnamese."""
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ()) if not isinstance(part, int)]
    field = location[-1] if location and location[-1] not in ("body", "payload") else None
    with translation.override("vi"):
        if first.get("type") == "json_invalid" or (field is None and "body" in location):
            message = _("Nội dung yêu cầu phải là một đối tượng JSON hợp lệ.")
        elif first.get("type") == "missing":
            message = _("Thiếu trường “%(field)s”.") % {"field": field}
        else:
            message = _("Giá trị của trường “%(field)s” không hợp lệ.") % {"field": field}
    return api.create_response(request, {"field": field, "message": message}, status=400)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        with translation.override("vi"):
            message = _("Nội dung yêu cầu phải là một đối tượng JSON hợp lệ.")
    return api.create_response(request, {"field": None, "message": message},
                               status=exc.status_code)
