"""What every admin page gets from the core: the script that starts Wagtail's widgets from
their data (admin_scripts.py), the admin's CSP allowing no inline script."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def deferred_calls_script():
    return format_html('<script src="{}"></script>', static("ttdn/admin/deferred-calls.js"))
