from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "ttdn.plans"
    label = "plans"
    verbose_name = _("Kế hoạch và nhiệm vụ")

    def ready(self):
        from ttdn.core.demo import DemoStep, register

        from . import indicators
        from .demo import load_demo_plans

        register(DemoStep("plans", load_demo_plans, order=100))
        indicators.register_sources()
