"""Wagtail 8's admin widgets that start themselves with an inline ``<script>`` — date and time
pickers, choosers (image, document, page, snippet, task), inline panels — rendered as *data*
instead, so that the admin's Content-Security-Policy (``script-src 'self'``, no inline code)
need not be loosened for them.

Each such call becomes ``<script type="application/json" data-ttdn-call="NAME">[arguments]
</script>``, which no browser runs; ``static/ttdn/admin/deferred-calls.js`` (on every admin
page, wagtail_hooks.py) makes the call once the page is parsed, and again for those that appear
later (a form added to an inline panel). It knows a fixed list of names (``CALLS``), each bound
to one of Wagtail's functions or constructors, and passes it the parsed arguments: an injected
element of this kind can do no more than the same widget's markup could, and no inline script
is ever blessed. Calls it does not know are left as Wagtail wrote them, blocked and reported by
the browser like any other inline script (the admin journeys fail on a CSP violation).

The template overrides are in ``wagtailadmin/widgets`` (date, time, date-time),
``…/panels`` (inline and multiple-chooser panels) and ``wagtail_localize/admin`` (the
translation editor's chooser addresses, the translation request's "select all" box), all under
``ttdn/core/templates`` (the form renderer reads the apps' templates, not the project's); the
choosers' ``render`` is replaced here (``apply``).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The names deferred-calls.js knows (keep the two lists alike).
CALLS = frozenset({
    "initDateChooser", "initTimeChooser", "initDateTimeChooser", "InlinePanel",
    "MultipleChooserPanel", "chooser", "createTaskChooser", "chooserUrls", "selectAllLocales",
})
# The chooser constructors of Wagtail's widgets (``BaseChooser.js_constructor``) it may call.
CHOOSERS = frozenset({"Chooser", "PageChooser", "ImageChooser", "DocumentChooser",
                      "SnippetChooser"})
# As in django.utils.html.json_script: nothing in the data can close the element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def deferred_call(name: str, *args) -> SafeString:
    """The element that makes deferred-calls.js call ``name(*args)``."""
    if name not in CALLS:
        raise ValueError(f"deferred-calls.js does not know {name!r}")
    data = json.dumps(list(args), cls=DjangoJSONEncoder).translate(_ESCAPES)
    # Reviewed: JSON with <, > and & escaped cannot close the element or start markup.
    safe = mark_safe(data)  # noqa: S308  # nosec B308 B703  # nosemgrep: mark-safe-on-input
    return format_html('<script type="application/json" data-ttdn-call="{}">{}</script>', name,
                       safe)


def _chooser_render(self, name, value, attrs=None, renderer=None):
    """``BaseChooser.render`` with its closing ``<script>new X(id, options);</script>`` as data.
    A chooser that writes another script (``render_js_init`` overridden, other than the task
    chooser's) or whose constructor is not listed keeps Wagtail's rendering."""
    from wagtail.admin.widgets import BaseChooser
    from wagtail.admin.widgets.workflows import AdminTaskChooser

    script = type(self).render_js_init
    task = script is AdminTaskChooser.render_js_init
    if not task and (script is not BaseChooser.render_js_init
                     or self.js_constructor not in CHOOSERS):
        return _wagtail_render(self, name, value, attrs, renderer)
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    html = self.render_html(name, value_data, attrs)
    if task:
        return html + deferred_call("createTaskChooser", id_)
    options = self.get_js_init_options(id_, name, value_data)
    return html + deferred_call("chooser", self.js_constructor, id_, options)


_wagtail_render = None


def apply() -> None:
    """Replaces ``BaseChooser.render`` (once)."""
    global _wagtail_render
    from wagtail.admin.widgets import BaseChooser

    if _wagtail_render is None:
        _wagtail_render = BaseChooser.render
        BaseChooser.render = _chooser_render
