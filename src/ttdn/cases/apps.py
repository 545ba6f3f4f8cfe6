from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "ttdn.cases"
    label = "cases"
    verbose_name = _("Xử lý thông tin sai lệch")

    def ready(self):
        from ttdn.core.demo import DemoStep, register

        from . import indicators
        from .demo import load_demo_cases

        register(DemoStep("cases", load_demo_cases, order=200))
        indicators.register_sources()
