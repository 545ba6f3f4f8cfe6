"""Who is acting and from where, for the request being served (read by the audit helper)."""

import contextvars
import ipaddress
import logging
import uuid
from dataclasses import dataclass

_current = contextvars.ContextVar("ttdn_request_context", default=None)


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    client_address: str | None


def client_address_of(request) -> str | None:
    """The client's address. Behind proxies, TTDN_TRUSTED_PROXY_COUNT says how many hops of
    X-Forwarded-For to trust."""
    from django.conf import settings

    hops = getattr(settings, "TTDN_TRUSTED_PROXY_COUNT", 0)
    address = request.META.get("REMOTE_ADDR")
    if hops:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def begin(request) -> contextvars.Token:
    context = RequestContext(
        request_id=uuid.uuid4().hex[:16], client_address=client_address_of(request)
    )
    request.request_id = context.request_id
    return _current.set(context)


def end(token: contextvars.Token) -> None:
    _current.reset(token)


def current() -> RequestContext | None:
    return _current.get()


class RequestIdLogFilter(logging.Filter):
    """Adds ``request_id`` to every log record so that a 500 can be found from its page."""

    def filter(self, record):
        context = _current.get()
        record.request_id = context.request_id if context else "-"
        return True
