from django.core.management.base import BaseCommand, CommandError

from ttdn.core import i18n


class Command(BaseCommand):
    help = ("Báo cáo tỷ lệ chuỗi đã dịch của từng catalogue (Wagtail, wagtail-localize, dự án); "
            "lỗi nếu dưới ngưỡng.")

    def add_arguments(self, parser):
        parser.add_argument("--minimum", type=float, default=99.0, help="phần trăm tối thiểu")

    def handle(self, *args, minimum, **options):
        rows = [i18n.coverage(c) for c in i18n.upstream_catalogues()]
        rows += [i18n.project_coverage(path) for path in i18n.project_catalogues()]
        groups = {}
        for row in rows:
            group = row.name.split("/")[0].split(":")[0]
            total, done = groups.get(group, (0, 0))
            groups[group] = (total + row.total, done + row.translated)
        width = max(len(row.name) for row in rows)
        for row in rows:
            self.stdout.write(f"{row.name.ljust(width)}  {row.translated:5d}/{row.total:<5d} "
                              f"{row.percent:6.1f}%")
        failed = []
        for group, (total, done) in sorted(groups.items()):
            percent = 100.0 if not total else 100.0 * done / total
            self.stdout.write(f"== {group}: {done}/{total} = {percent:.1f}%")
            if percent < minimum:
                failed.append(f"{group} {percent:.1f}%")
        if failed:
            raise CommandError(f"Dưới {minimum}%: {', '.join(failed)}")
