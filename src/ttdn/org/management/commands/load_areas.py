from django.core.management.base import BaseCommand

from ttdn.org.areas import load_areas


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính (hiện hành và trước 01/7/2025) từ vietnam-provinces."

    def add_arguments(self, parser):
        parser.add_argument("--province", type=int, action="append", help="chỉ nạp tỉnh này (mã)")

    def handle(self, *args, province=None, **options):
        count = load_areas(province_codes=province)
        self.stdout.write(f"Đã có {count} đơn vị hành chính.")
