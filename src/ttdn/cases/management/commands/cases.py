"""``ttdn cases …``: bulk work on the false-information desk from a terminal.

* ``import FILE.jsonl [--commune CODE] [--as USERNAME] [--dry-run]`` — a commune's earlier
  records, one JSON object a line (``text``; optionally ``ref``, ``links``, ``verdict``,
  ``date``). Each line is one transaction: a bad line is reported with its number and skipped,
  the others are imported; the exit status is 1 if any line failed.
* ``match (TEXT | --file FILE) [--format json|text] [--limit N]`` — the cases a claim (or each
  line of FILE) would join or be suggested for, without creating anything.
* ``erase-contacts [--dry-run]`` — erase the reporters' contacts kept past the commune's
  retention time (run daily from cron).
* ``match-pending [--min-age SECONDS]`` — match the tips from the public still waiting for the
  worker (a task lost with a crashed worker, a restored backup); run every few minutes from
  cron. Tips younger than ``--min-age`` (default 60) are left to the worker.
* ``reindex`` — rebuild the candidate index (after a change to how texts are compared).
"""

from __future__ import annotations

import datetime
import json
import sys
from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.cases import index, matching, migration, services
from ttdn.cases.models import Case, Tip
from ttdn.core.errors import ApplicationError
from ttdn.org.cli import acting_user, commune_named

DECISIONS = {"join": "auto", "suggest": "suggest", "new": "none"}


class _Rollback(Exception):
    """Raised to undo a dry run."""


class Command(BaseCommand):
    @property
    def help(self):  # translated when asked for: argparse needs a real str
        return _("Nhập hồ sơ cũ, đối chiếu thông tin, xóa thông tin liên hệ quá hạn của bộ phận "
                 "xử lý thông tin sai lệch.")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)

        importer = commands.add_parser(
            "import", help=_("Nhập hồ sơ cũ từ tệp JSONL (mỗi dòng một đối tượng JSON)."))
        importer.add_argument("file", type=Path, metavar="TỆP.jsonl")
        importer.add_argument("--commune", metavar="MÃ_XÃ",
                              help=_("Mã xã (ví dụ 15178) hoặc mã định danh; mặc định: xã duy "
                                     "nhất của hệ thống."))
        importer.add_argument("--as", dest="username", metavar="TÊN_ĐĂNG_NHẬP",
                              help=_("Tài khoản thực hiện (mặc định: quản trị hệ thống đầu "
                                     "tiên)."))
        importer.add_argument("--dry-run", action="store_true",
                              help=_("Chỉ kiểm tra và báo kết quả, không lưu gì."))

        matcher = commands.add_parser(
            "match", help=_("Đối chiếu nội dung với các vụ việc đã có, không tạo gì."))
        matcher.add_argument("text", nargs="?", metavar="NỘI_DUNG",
                             help=_("Nội dung cần đối chiếu (có thể kèm đường dẫn)."))
        matcher.add_argument("--file", type=Path, metavar="TỆP",
                             help=_("Tệp văn bản, mỗi dòng một nội dung cần đối chiếu."))
        matcher.add_argument("--format", choices=["text", "json"], default="text",
                             help=_("text: dễ đọc; json: mỗi nội dung một dòng JSON."))
        matcher.add_argument("--limit", type=int, default=5, metavar="N",
                             help=_("Số vụ việc gần nhất in ra cho mỗi nội dung (mặc định 5)."))

        eraser = commands.add_parser(
            "erase-contacts",
            help=_("Xóa thông tin liên hệ của người báo tin đã quá thời hạn lưu giữ."))
        eraser.add_argument("--dry-run", action="store_true",
                            help=_("Chỉ đếm, không xóa."))

        sweeper = commands.add_parser(
            "match-pending",
            help=_("Đối chiếu các tin báo của người dân còn chờ bộ xử lý nền."))
        sweeper.add_argument("--min-age", type=int, default=60, metavar="GIÂY",
                             help=_("Chỉ xử lý tin đã chờ quá số giây này (mặc định 60)."))

        commands.add_parser("reindex", help=_("Lập lại chỉ mục đối chiếu từ toàn bộ tin báo."))

    def handle(self, *args, action, **options):
        try:
            if action == "import":
                self.import_records(**options)
            elif action == "match":
                self.match(**options)
            elif action == "erase-contacts":
                self.erase_contacts(**options)
            elif action == "match-pending":
                self.match_pending(**options)
            else:
                self.reindex()
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc

    # Helpers ---------------------------------------------------------------------------------


    def _read_lines(self, path: Path) -> list[str]:
        if str(path) == "-":
            return sys.stdin.read().splitlines()
        try:
            return path.read_text(encoding="utf-8-sig").splitlines()
        except FileNotFoundError:
            raise CommandError(_("Không tìm thấy tệp %(file)s.") % {"file": path}) from None
        except UnicodeDecodeError:
            raise CommandError(_("Tệp %(file)s không phải văn bản UTF-8.") % {"file": path}
                               ) from None
        except OSError as exc:
            raise CommandError(_("Không đọc được tệp %(file)s: %(error)s.")
                               % {"file": path, "error": exc.strerror}) from None

    # import ----------------------------------------------------------------------------------

    def import_records(self, *, file, commune, username, dry_run, **_options):
        lines = self._read_lines(file)
        commune, actor = commune_named(commune), acting_user(username)
        counts = {"new": 0, "joined": 0, "suggested": 0, "verdicts": 0, "again": 0}
        failed = 0
        # One transaction per line; a dry run wraps them all in one that is rolled back.
        try:
            with transaction.atomic() if dry_run else nullcontext():
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        continue
                    problem = self._import_line(line, commune, actor, counts)
                    if problem:
                        failed += 1
                        self.stderr.write(_("Dòng %(line)s: %(problem)s")
                                          % {"line": number, "problem": problem})
                if dry_run:
                    raise _Rollback
        except _Rollback:
            pass
        imported = counts["new"] + counts["joined"]
        self.stdout.write(
            _("%(prefix)sĐã nhập %(imported)s bản ghi vào xã %(commune)s: %(new)s vụ việc mới, "
              "%(joined)s nhập vào vụ việc đã có, %(suggested)s có gợi ý trùng chờ xác nhận, "
              "%(verdicts)s có kết luận; %(again)s đã nhập từ trước (bỏ qua); %(failed)s dòng "
              "lỗi.")
            % {"prefix": _("Chạy thử, không lưu gì. ") if dry_run else "",
               "imported": imported, "commune": commune.name, **counts, "failed": failed}
        )
        if failed:
            raise CommandError(_("%(failed)s dòng không nhập được (xem thông báo ở trên).")
                               % {"failed": failed})

    def _import_line(self, line, commune, actor, counts) -> str | None:
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            return _("không phải JSON hợp lệ (lỗi ở cột %(column)s).") % {"column": exc.colno}
        try:
            record = migration.parse_record(data)
            with transaction.atomic():
                result = migration.import_record(commune=commune, record=record, actor=actor)
        except ApplicationError as exc:
            return exc.message
        if not result.created:
            counts["again"] += 1
            return None
        counts["joined" if result.joined else "new"] += 1
        counts["suggested"] += bool(result.suggestions)
        counts["verdicts"] += result.verdict_set
        return None

    # match -----------------------------------------------------------------------------------

    def match(self, *, text, file, format, limit, **_options):
        if (text is None) == (file is None):
            raise CommandError(_("Cho một nội dung cần đối chiếu, hoặc --file TỆP (không dùng "
                                 "cả hai)."))
        if limit < 1:
            raise CommandError(_("--limit phải từ 1 trở lên."))
        queries = [text] if file is None else [
            line.strip() for line in self._read_lines(file) if line.strip()]
        for query in queries:
            matches = self._matches(query, limit)
            if format == "json":
                self.stdout.write(json.dumps({"query": query, "matches": matches},
                                             ensure_ascii=False))
            else:
                self._print_matches(query, matches)

    def _matches(self, query: str, limit: int) -> list[dict]:
        join_at, suggest_at = services.thresholds()
        found: list[tuple[int, float, str, list[str]]] = []
        linked = index.case_for_links(matching.links_in(query))
        if linked is not None:
            found.append((linked.pk, 1.0, "auto", [_("cùng đường dẫn")]))
        results = matching.best_matches(
            matching.Claim(query), index.candidates(query), limit=limit + 1,
            join_at=join_at, suggest_at=suggest_at, include_new=True,
        )
        for case_id, verdict in results:
            if verdict.score <= 0 or any(case_id == item[0] for item in found):
                continue
            found.append((case_id, verdict.score, DECISIONS[verdict.decision],
                          list(verdict.reasons)))
        found = found[:limit]
        ids = [item[0] for item in found]
        cases = Case.objects.in_bulk(ids)
        refs: dict[int, list[str]] = {case_id: [] for case_id in ids}
        for case_id, ref in (Tip.objects.filter(case_id__in=ids).exclude(ref="")
                             .order_by("created_at", "pk").values_list("case_id", "ref")):
            if ref not in refs[case_id]:
                refs[case_id].append(ref)
        return [
            {"case": case_id, "code": cases[case_id].code, "ref": cases[case_id].ref,
             "refs": refs[case_id], "score": round(float(score), 4), "decision": decision,
             "reasons": reasons}
            for case_id, score, decision, reasons in found
        ]

    def _print_matches(self, query: str, matches: list[dict]) -> None:
        labels = {"auto": _("tự động nhập vào vụ việc"), "suggest": _("gợi ý trùng"),
                  "none": _("không trùng")}
        self.stdout.write(_("Nội dung: %(query)s") % {"query": query})
        if not matches:
            self.stdout.write("  " + _("Không có vụ việc nào gần giống."))
        for number, item in enumerate(matches, start=1):
            ref = _(" (số hiệu ngoài: %(ref)s)") % {"ref": item["ref"]} if item["ref"] else ""
            reasons = "; ".join(item["reasons"])
            self.stdout.write(
                f"  {number}. {item['code']}{ref} — {labels[item['decision']]}, "
                + _("độ tương đồng %(score).2f") % {"score": item["score"]}
                + (f" — {reasons}" if reasons else "")
            )

    # erase-contacts, reindex ------------------------------------------------------------------

    def erase_contacts(self, *, dry_run, **_options):
        erased = 0
        try:
            with transaction.atomic():
                erased = services.erase_expired_contacts()
                if dry_run:
                    raise _Rollback
        except _Rollback:
            self.stdout.write(_("Chạy thử: %(count)s tin báo có thông tin liên hệ đã quá thời "
                                "hạn lưu giữ (chưa xóa).") % {"count": erased})
            return
        self.stdout.write(_("Đã xóa thông tin liên hệ của %(count)s tin báo quá thời hạn lưu "
                            "giữ.") % {"count": erased})

    def match_pending(self, *, min_age, **_options):
        matched = services.match_pending(min_age=datetime.timedelta(seconds=max(min_age, 0)))
        self.stdout.write(_("Đã đối chiếu %(count)s tin báo đang chờ.") % {"count": matched})

    def reindex(self):
        count = index.rebuild()
        self.stdout.write(_("Đã lập lại chỉ mục đối chiếu cho %(count)s tin báo.")
                          % {"count": count})
