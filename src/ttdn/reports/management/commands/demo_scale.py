"""``ttdn demo-scale --communes N [--units 25] [--tasks 20] [--periods 2] [--province 38]
[--seed 1]``: a province of generated sample communes for load work and benchmarks.

Generated load data, not user actions: see ``ttdn.reports.scale`` for what is made and which
parts skip the audit trail. Refused (nothing written) when the database already has them.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from ttdn.reports.scale import UPPER_USERNAME, ScaleError, generate

LABELS = {
    "communes": "xã (mẫu)",
    "units": "đơn vị",
    "plans": "kế hoạch đã ban hành",
    "tasks": "nhiệm vụ",
    "rounds": "kỳ báo cáo",
    "unit_reports": "báo cáo đơn vị (đã tiếp nhận)",
    "unit_report_tasks": "kết quả nhiệm vụ trong báo cáo đơn vị",
    "task_occurrences": "kết quả theo kỳ của nhiệm vụ",
    "unit_figures": "số liệu trong báo cáo đơn vị",
    "commune_reports": "báo cáo của xã",
    "commune_reports_sent": "… trong đó đã duyệt và gửi cấp trên",
    "commune_figures": "số liệu trong báo cáo của xã",
}


class Command(BaseCommand):
    help = ("Sinh dữ liệu mẫu quy mô lớn (cho đo tải): N xã của một tỉnh, mỗi xã một kế hoạch, "
            "các kỳ báo cáo 6 tháng đã xong, báo cáo đơn vị đã tiếp nhận, báo cáo xã đã gửi cấp "
            "trên. Chỉ dùng trên cơ sở dữ liệu để thử tải, không dùng trên dữ liệu thật.")

    def add_arguments(self, parser):
        parser.add_argument("--communes", type=int, required=True, metavar="N",
                            help="Số xã sinh ra (Thanh Hóa có 166 xã, phường).")
        parser.add_argument("--units", type=int, default=25, help="Số đơn vị mỗi xã (25).")
        parser.add_argument("--tasks", type=int, default=20,
                            help="Số nhiệm vụ mỗi đơn vị chủ trì (20).")
        parser.add_argument("--periods", type=int, default=2,
                            help="Số kỳ 6 tháng đã kết thúc có báo cáo (2).")
        parser.add_argument("--province", type=int, default=38, help="Mã tỉnh (38: Thanh Hóa).")
        parser.add_argument("--seed", type=int, default=1, help="Hạt giống ngẫu nhiên (1).")
        parser.add_argument("--today", type=datetime.date.fromisoformat,
                            help="Ngày tính các kỳ đã kết thúc, YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, communes, units, tasks, periods, province, seed, today, **options):
        self.stdout.write(f"Sinh {communes} xã × {units} đơn vị × {tasks} nhiệm vụ, {periods} kỳ "
                          f"6 tháng (tỉnh {province}, seed {seed})…")
        try:
            result = generate(communes=communes, units=units, tasks=tasks,
                              periods_count=periods, province=province, seed=seed, today=today,
                              log=self.stdout.write)
        except ScaleError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Đã sinh ({result.province.name}, các kỳ {', '.join(result.periods)}):")
        for key, label in LABELS.items():
            self.stdout.write(f"  {result.counts[key]:>9,} {label}".replace(",", "."))
        if result.actor_created:
            self.stdout.write(f"Tài khoản quản trị {result.actor_username} (không có mật khẩu) "
                              "được tạo để chạy bước tổng hợp.")
        if result.upper_created:
            self.stdout.write(f"Tài khoản cấp trên {UPPER_USERNAME} phụ trách "
                              f"{result.province.name} đã được tạo; đặt mật khẩu để đăng nhập: "
                              f"ttdn changepassword {UPPER_USERNAME}")
        else:
            self.stdout.write(f"Tài khoản cấp trên {UPPER_USERNAME} đã có sẵn.")
        self.stdout.write(f"Thời gian: {result.seconds['tổng']:.1f} giây.")
