"""``ttdn report …``: reports from a terminal, for batch work and for a province that produces
reports for many communes.

* ``consolidate --commune CODE --period 2024-H1 --out FILE [--plan ID] [--as USERNAME]`` — the
  commune's report of the period: drafted from the accepted unit reports (redrafted while it is
  still a draft; kept as approved once approved) and written in the format of FILE's
  extension (.docx, .pdf, .xlsx, .json).
* ``rollup --area CODE --period 2024-H1 --out FILE [--as USERNAME]`` — the roll-up of the sent
  commune reports under a district or province (.docx, .pdf, .xlsx).

Periods are written ``YYYY-H1``/``YYYY-H2`` for half-years and ``YYYY-Y`` for a year. A period
without data is an error with a message, exit status 1, and no file.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError
from ttdn.org.cli import acting_user, commune_named
from ttdn.org.models import AdministrativeArea, AreaLevel, AreaScheme
from ttdn.plans import periods
from ttdn.reports import drafting, exporting
from ttdn.reports.models import ReportRound
from ttdn.reports.rollup import build_rollup
from ttdn.reports.rounds import rounds_for_plan

FORMATS = ("docx", "pdf", "xlsx", "json")


class Command(BaseCommand):
    @property
    def help(self):
        return _("Tổng hợp báo cáo của xã và báo cáo tổng hợp của cấp trên ra tệp.")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        consolidate = commands.add_parser(
            "consolidate", help=_("Báo cáo của một xã trong một kỳ."))
        consolidate.add_argument("--commune", required=True, metavar="MÃ_XÃ")
        consolidate.add_argument("--plan", type=int, metavar="SỐ",
                                 help=_("Kế hoạch (khi xã có nhiều kế hoạch cùng kỳ báo cáo)."))
        rollup = commands.add_parser("rollup", help=_("Báo cáo tổng hợp các xã của một địa bàn."))
        rollup.add_argument("--area", required=True, metavar="MÃ_ĐỊA_BÀN",
                            help=_("Mã tỉnh hoặc huyện (ví dụ 38; huyện cũ: 395)."))
        for sub in (consolidate, rollup):
            sub.add_argument("--period", required=True, metavar="KỲ",
                             help=_("2024-H1, 2024-H2 hoặc 2024-Y."))
            sub.add_argument("--out", required=True, type=Path, metavar="TỆP",
                             help=_("Tệp kết quả; định dạng theo phần mở rộng: .docx, .pdf, "
                                    ".xlsx (báo cáo của xã còn có .json)."))
            sub.add_argument("--as", dest="username", metavar="TÊN_ĐĂNG_NHẬP",
                             help=_("Tài khoản thực hiện (mặc định: quản trị hệ thống đầu "
                                    "tiên)."))

    def handle(self, *args, action, period, out, username, **options):
        fmt = out.suffix.lower().lstrip(".")
        allowed = FORMATS if action == "consolidate" else FORMATS[:3]
        if fmt not in allowed:
            raise CommandError(
                _("Không biết ghi định dạng “%(ext)s”; hãy đặt tên tệp có đuôi %(allowed)s.")
                % {"ext": out.suffix or out.name,
                   "allowed": ", ".join(f".{a}" for a in allowed)})
        try:
            key = periods.by_key(period).key
        except ValueError as exc:
            raise CommandError(_("Kỳ “%(period)s” không hợp lệ; hãy ghi như 2024-H1, 2024-H2 hoặc "
                                 "2024-Y.") % {"period": period}) from exc
        actor = acting_user(username)
        try:
            if action == "consolidate":
                data, _name, _type = self._consolidate(options, key, actor, fmt)
            else:
                data, _name, _type = self._rollup(options["area"], key, actor, fmt)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        self.stdout.write(_("Đã ghi %(path)s (%(size)s byte).") % {"path": out,
                                                                    "size": len(data)})

    def _consolidate(self, options, key, actor, fmt):
        commune = commune_named(options["commune"])
        for plan in commune.plans.all():
            rounds_for_plan(plan)
        rounds = ReportRound.objects.filter(commune=commune, period=key).select_related("plan")
        if options["plan"]:
            rounds = rounds.filter(plan_id=options["plan"])
        rounds = list(rounds)
        if not rounds:
            raise CommandError(_("%(commune)s không có kỳ báo cáo %(period)s.")
                               % {"commune": commune, "period": key})
        if len(rounds) > 1:
            raise CommandError(_("%(commune)s có %(count)s kế hoạch cùng kỳ %(period)s; hãy chọn "
                                 "bằng --plan (%(ids)s).") % {
                "commune": commune, "count": len(rounds), "period": key,
                "ids": ", ".join(str(r.plan_id) for r in rounds)})
        round_ = rounds[0]
        report = getattr(round_, "commune_report", None)
        if report is None or report.is_editable:
            report = drafting.commune_report_draft(round_=round_, actor=actor)
        return exporting.commune_report_file(report=report, actor=actor, fmt=fmt)

    def _rollup(self, code, key, actor, fmt):
        if not code.isdigit():
            raise CommandError(_("Mã địa bàn phải là số (ví dụ 38)."))
        areas = AdministrativeArea.objects.filter(
            code=int(code), level__in=[AreaLevel.PROVINCE, AreaLevel.DISTRICT])
        area = (areas.filter(scheme=AreaScheme.CURRENT).first()
                or areas.filter(scheme=AreaScheme.LEGACY).first())
        if area is None:
            raise CommandError(_("Không có tỉnh hoặc huyện mã %(code)s.") % {"code": code})
        rollup = build_rollup(user=actor, area=area, period=key)
        if not rollup.statuses:
            raise CommandError(_("%(area)s không có xã nào dùng hệ thống.") % {"area": area})
        if not rollup.narratives:
            raise CommandError(_("Kỳ %(period)s chưa có xã nào của %(area)s gửi báo cáo, nên chưa "
                                 "có dữ liệu để tổng hợp.") % {"period": key, "area": area})
        return exporting.rollup_file(rollup=rollup, actor=actor, fmt=fmt)
