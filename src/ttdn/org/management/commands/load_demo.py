from django.core.management.base import BaseCommand

from ttdn.core.demo import run_steps
from ttdn.org.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu demo: xã Cẩm Tân (kế hoạch mẫu), xã thứ hai, tài khoản cho mọi vai trò."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, port, **options):
        logins = load_demo(port=port)
        for line in run_steps():  # what the other apps add: plans, …
            self.stdout.write(line)
        self.stdout.write(f"\nTài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
        width = max(len(username) for username, _, _ in logins)
        for username, role, where in logins:
            self.stdout.write(f"  {username.ljust(width)}  {role} — {where}")
        self.stdout.write(f"\nĐăng nhập: http://127.0.0.1:{port}/admin/\n")
