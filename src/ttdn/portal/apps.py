from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ttdn.portal"
    label = "portal"
    verbose_name = _("Trang thông tin điện tử")

    def ready(self):
        from ttdn.core.demo import DemoStep, register

        from . import signals  # noqa: F401 - connects the receivers
        from .demo import load_demo_portal

        register(DemoStep("portal", load_demo_portal, order=150))
