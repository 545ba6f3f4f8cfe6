"""The audit trail: one Wagtail log entry per state change, with actor, address and diff.

Wagtail's own log (``ModelLogEntry``) is the store, so object history screens and Wagtail's
actions share one trail. The database refuses edits and deletions of entries (migration 0001).
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.functional import LazyObject, empty
from wagtail.log_actions import log

from . import context

_encoder = DjangoJSONEncoder()


def snapshot(instance: models.Model) -> dict:
    """The concrete field values of ``instance``, JSON-ready (foreign keys by id)."""
    values = {}
    for field in instance._meta.concrete_fields:
        value = field.value_from_object(instance)
        if isinstance(field, models.FileField):
            value = value.name or ""  # the stored name, not the file
        if value is not None and not isinstance(value, (str, int, float, bool)):
            value = _encoder.default(value) if not isinstance(value, (list, dict)) else value
        values[field.attname] = value
    return values


def diff(before: dict | None, after: dict | None) -> dict:
    """Field → [old, new] for the fields that changed."""
    before, after = before or {}, after or {}
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _unwrap(value):
    """``request.user`` may be a lazy object wrapping another (django-otp wraps Django's)."""
    while isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        value = value._wrapped
    return value


def record(
    *,
    instance: models.Model,
    action: str,
    actor,
    commune_id: int | None,
    before: dict | None = None,
    after: dict | None = None,
    extra: dict | None = None,
    deleted: bool = False,
):
    """Write one audit entry. Call inside the service's transaction, after the change."""
    instance, actor = _unwrap(instance), _unwrap(actor)
    request_context = context.current()
    data = {
        "commune_id": commune_id,
        "address": request_context.client_address if request_context else None,
        "request_id": request_context.request_id if request_context else None,
        "changes": diff(before, after),
    }
    if before is not None:
        data["before"] = before
    if after is not None:
        data["after"] = after
    if extra:
        data.update(extra)
    entry = log(
        instance=instance,
        action=action,
        user=actor if getattr(actor, "pk", None) else None,
        data=data,
        content_changed=bool(data["changes"]),
        deleted=deleted,
    )
    if entry is None:  # Wagtail bails silently when it has no log model for the type
        raise RuntimeError(f"no audit log model for {type(instance).__name__}")
    return entry
