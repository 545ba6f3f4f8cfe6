"""``{% deferred_call "initDateChooser" id config|from_json %}`` and ``{% chooser_urls %}``: see
ttdn.core.admin_scripts."""

import json

from django import template
from django.urls import reverse

from ttdn.core import admin_scripts

register = template.Library()


@register.simple_tag
def deferred_call(name, *args):
    return admin_scripts.deferred_call(name, *args)


@register.filter
def from_json(text):
    """A JSON text Wagtail prepared for a script (``config_json``, ``options_json``), as data."""
    return json.loads(text)


@register.simple_tag
def chooser_urls():
    """wagtail-localize's ``window.chooserUrls`` (its editor's inline script), as data."""
    return admin_scripts.deferred_call("chooserUrls", {
        "imageChooser": reverse("wagtailimages_chooser:choose"),
        "documentChooser": reverse("wagtaildocs_chooser:choose"),
        "pageChooser": reverse("wagtailadmin_choose_page"),
    })
