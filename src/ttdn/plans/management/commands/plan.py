"""``ttdn plan import FILE`` and ``ttdn plan export PLAN_ID``: plans on the command line."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ttdn.core.errors import ApplicationError
from ttdn.org.models import Commune, User
from ttdn.plans import services
from ttdn.plans.models import Plan


class Command(BaseCommand):
    help = "Nhập kế hoạch từ tệp .txt/.docx, xuất kế hoạch ra .docx/.pdf theo Nghị định 30."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        importer = commands.add_parser("import", help="Nhập kế hoạch từ tệp .txt hoặc .docx.")
        importer.add_argument("file", type=Path)
        importer.add_argument("--commune", help="Mã xã (ví dụ 15178) hoặc mã định danh.")
        importer.add_argument("--dry-run", action="store_true",
                              help="Chỉ đọc và báo kết quả, không lưu gì.")
        importer.add_argument("--format", choices=["text", "json"], default="text")
        importer.add_argument("--as", dest="username",
                              help="Tài khoản thực hiện (mặc định: quản trị hệ thống đầu tiên).")
        importer.add_argument("--create-units", action="store_true",
                              help="Tạo các đơn vị kế hoạch nêu mà xã chưa có.")
        importer.add_argument("--supersedes", type=int, metavar="PLAN_ID",
                              help="Đây là phiên bản mới của kế hoạch có số hiệu này.")
        exporter = commands.add_parser("export", help="Xuất kế hoạch ra .docx hoặc .pdf.")
        exporter.add_argument("plan_id", type=int)
        exporter.add_argument("--output", type=Path, required=True,
                              help="Tệp đích; đuôi .docx hoặc .pdf chọn định dạng.")

    def handle(self, *args, action, **options):
        try:
            if action == "import":
                self.import_plan(**options)
            else:
                self.export_plan(**options)
        except ApplicationError as exc:
            line = getattr(exc, "line", None)
            where = f" (dòng {line})" if line else ""
            raise CommandError(f"{exc.message}{where}") from exc

    def _actor(self, username):
        users = User.objects.filter(is_active=True)
        actor = (users.filter(username=username) if username
                 else users.filter(is_superuser=True).order_by("pk")).first()
        if actor is None:
            raise CommandError("Không tìm thấy tài khoản thực hiện; dùng --as TÊN_ĐĂNG_NHẬP.")
        return actor

    def _commune(self, value):
        communes = Commune.objects.all()
        if value:
            found = communes.filter(slug=value).first() or (
                communes.filter(area__code=value).first() if value.isdigit() else None)
            if found is None:
                raise CommandError(f"Không có xã “{value}”.")
            return found
        if communes.count() != 1:
            raise CommandError("Có nhiều xã: hãy chọn bằng --commune MÃ_XÃ.")
        return communes.get()

    def import_plan(self, *, file, commune, dry_run, format, username, create_units, supersedes,
                    **_):
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        commune, actor = self._commune(commune), self._actor(username)
        data = file.read_bytes()
        document = services.read_plan_file(commune=commune, data=data, filename=file.name,
                                           actor=actor)
        missing = {m.text for a in document.assignments for m in a.units if not m.unit}
        plan = None
        if not dry_run:
            if missing and not create_units:
                raise CommandError(
                    "Các đơn vị sau chưa có trong xã: " + "; ".join(sorted(missing))
                    + ". Thêm đơn vị trước, hoặc dùng --create-units."
                )
            new_units = {name: services.guess_unit_kind(name) for name in missing}
            previous = None
            if supersedes:
                previous = Plan.objects.filter(pk=supersedes, commune=commune).first()
                if previous is None:
                    raise CommandError(f"Xã không có kế hoạch #{supersedes}.")
            plan = services.plan_import(commune=commune, data=data, filename=file.name,
                                        actor=actor, new_units=new_units, supersedes=previous)
        if format == "json":
            payload = document.as_json()
            if plan is not None:
                payload["plan_id"] = plan.pk
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for warning in document.warnings:
            self.stderr.write(f"Cảnh báo: {warning}")
        tasks = sum(len(a.tasks) for a in document.assignments)
        self.stdout.write(
            f"{document.doc_type} — {document.summary}\n"
            f"{len(document.sections)} phần, {len(document.legal_bases)} văn bản căn cứ, "
            f"{len(document.assignments)} nhóm phân công, {tasks} nhiệm vụ, "
            f"{len(document.recipients)} nơi nhận."
        )
        if plan is not None:
            self.stdout.write(f"Đã lưu kế hoạch #{plan.pk} với {plan.tasks.count()} nhiệm vụ.")
        else:
            self.stdout.write("Chạy thử: chưa lưu gì.")

    def export_plan(self, *, plan_id, output, **_):
        from ttdn.plans.exporting import export_plan

        plan = Plan.objects.filter(pk=plan_id).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch #{plan_id}.")
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in {"docx", "pdf"}:
            raise CommandError("Tệp đích phải có đuôi .docx hoặc .pdf.")
        data = export_plan(plan=plan, actor=self._actor(None), fmt=fmt)
        output.write_bytes(data)
        self.stdout.write(f"Đã ghi {output} ({len(data)} byte).")
