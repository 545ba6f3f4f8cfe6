"""``ttdn notify-due [--days N]``: notices for tasks due within N days and overdue (cron)."""

import datetime

from django.core.management.base import BaseCommand

from ttdn.plans.notices import notify_due


class Command(BaseCommand):
    help = "Gửi thông báo nhiệm vụ sắp đến hạn và quá hạn (chạy định kỳ bằng cron)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7,
                            help="Báo trước bao nhiêu ngày (mặc định 7).")
        parser.add_argument("--today", type=datetime.date.fromisoformat,
                            help="Ngày tính hạn, dạng YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, days, today, **options):
        run = notify_due(today=today, days=days)
        self.stdout.write(
            f"Đã gửi {run.due_soon} thông báo sắp đến hạn, {run.overdue} thông báo quá hạn, "
            f"{run.emails} thư điện tử."
        )
