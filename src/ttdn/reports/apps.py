from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "ttdn.reports"
    label = "reports"
    verbose_name = _("Báo cáo định kỳ")

    def ready(self):
        from ttdn.core.demo import DemoStep, register
        from ttdn.plans.signals import plan_issued

        from .demo import load_demo_reports
        from .rounds import on_plan_issued

        register(DemoStep("reports", load_demo_reports, order=300))
        plan_issued.connect(on_plan_issued, dispatch_uid="reports.rounds")
