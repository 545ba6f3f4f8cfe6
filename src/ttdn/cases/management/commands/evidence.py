"""``ttdn evidence verify FILE [FILE…]``: check sealed evidence packages (ZIP or PDF)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ttdn.cases.evidence import verify


class Command(BaseCommand):
    @property
    def help(self):  # translated when asked for: argparse needs a real str
        return _("Kiểm tra dấu niêm phong của gói chứng cứ thông tin sai sự thật.")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        checker = commands.add_parser(
            "verify",
            help=_("Kiểm tra một hoặc nhiều gói chứng cứ (.zip hoặc .pdf)."),
        )
        checker.add_argument("files", nargs="+", type=Path, metavar="TỆP",
                             help=_("tệp .zip hoặc .pdf do TTĐN lập"))

    def handle(self, *args, action, **options):
        if action == "verify":
            self.verify_files(options["files"])

    def verify_files(self, files):
        failed = 0
        for path in files:
            if not self._verify_one(Path(path)):
                failed += 1
        if failed:
            raise CommandError(
                _("%(failed)s/%(total)s tệp không đạt kiểm tra.")
                % {"failed": failed, "total": len(files)}
            )
        self.stdout.write(_("Tất cả %(total)s tệp đều hợp lệ.") % {"total": len(files)})

    def _verify_one(self, path: Path) -> bool:
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            self.stdout.write(self.style.ERROR(
                _("✗ %(file)s: KHÔNG HỢP LỆ — không tìm thấy tệp.") % {"file": path}
            ))
            return False
        except OSError:
            self.stdout.write(self.style.ERROR(
                _("✗ %(file)s: KHÔNG HỢP LỆ — không đọc được tệp.") % {"file": path}
            ))
            return False
        result = verify(blob)
        kind = {"zip": _("gói ZIP"), "pdf": _("gói PDF")}.get(result.kind, _("không rõ loại"))
        if result.ok:
            self.stdout.write(self.style.SUCCESS(
                _("✓ %(file)s: HỢP LỆ — %(kind)s, mã băm SHA-256 và chữ ký niêm phong khớp.")
                % {"file": path, "kind": kind}
            ))
            return True
        if result.sha256_ok and not result.hmac_ok:
            headline = _("⚠ %(file)s: CHƯA XÁC NHẬN ĐƯỢC — %(kind)s")
            style = self.style.WARNING
        else:
            headline = _("✗ %(file)s: KHÔNG HỢP LỆ — %(kind)s")
            style = self.style.ERROR
        self.stdout.write(style(headline % {"file": path, "kind": kind}))
        for problem in result.problems:
            self.stdout.write(f"  - {problem}")
        return False
