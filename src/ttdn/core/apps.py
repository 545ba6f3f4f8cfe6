from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ttdn.core"
    label = "core"
    verbose_name = _("Nền tảng chung")

    def ready(self):
        from . import admin_scripts, upstream_fixes

        upstream_fixes.apply()
        admin_scripts.apply()
