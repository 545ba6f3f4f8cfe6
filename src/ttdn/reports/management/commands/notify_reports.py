"""``ttdn notify-reports [--days N]``: remind units of report deadlines (cron, daily)."""

import datetime

from django.core.management.base import BaseCommand

from ttdn.reports.reminders import notify_reports


class Command(BaseCommand):
    help = "Nhắc các đơn vị sắp đến hạn hoặc quá hạn nộp báo cáo định kỳ (cron, hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3,
                            help="Nhắc trước hạn bao nhiêu ngày (mặc định 3).")
        parser.add_argument("--today", type=datetime.date.fromisoformat,
                            help="Ngày tính hạn, dạng YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, days, today, **options):
        run = notify_reports(today=today, days=days)
        self.stdout.write(
            f"Đã nhắc {run.due_soon} đơn vị sắp đến hạn, {run.overdue} đơn vị quá hạn nộp báo "
            f"cáo; {run.emails} thư điện tử."
        )
