from django.core.management.base import BaseCommand

from ttdn.core import i18n


class Command(BaseCommand):
    help = ("Đồng bộ bản dịch tiếng Việt của Wagtail với danh sách chuỗi của phiên bản đang cài, "
            "điền catalogue tiếng Việt của dự án và biên dịch mọi catalogue (.mo).")

    def handle(self, *args, **options):
        for catalogue in i18n.upstream_catalogues():
            total, translated = i18n.catalogue_sync(catalogue)
            self.stdout.write(f"{catalogue.name}: {translated}/{total}")
        own = i18n.PROJECT_LOCALE / i18n.LANGUAGE / "LC_MESSAGES" / "django.po"
        if own.exists():
            self.stdout.write(f"{own.name}: điền {i18n.project_identity_fill(own)} chuỗi")
        for po_path in i18n.all_catalogue_files():
            i18n.compile_catalogue(po_path)
