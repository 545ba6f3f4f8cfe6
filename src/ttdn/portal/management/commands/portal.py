"""``ttdn portal …``: the public site from a terminal.

* ``export DIR [--commune CODE|--site HOSTNAME] [--force]`` — a static copy of one commune's
  public site (every language, feeds, sitemap, the files the pages use) that any static web
  server can serve while the application is down or under attack (``portal/export.py`` says
  which file each address becomes). DIR must be empty or absent; ``--force`` replaces an
  earlier export. Any page that does not answer 200 is an error: exit status 1, nothing
  written.
* ``erase-feedback [--days N]`` — blank the contacts of handled feedback older than the
  retention period (``TTDN_PORTAL_FEEDBACK_RETENTION_DAYS``, 365 days).
* ``setup`` — every commune's home page in every configured content language, its editorial
  groups and workflow (idempotent: after a language is added to the settings).
"""

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.models import Site

from ttdn.core.errors import ApplicationError
from ttdn.org.cli import commune_named
from ttdn.org.models import Commune
from ttdn.portal.export import ExportError, export_site
from ttdn.portal.retention import feedback_erase_contacts
from ttdn.portal.services import set_up_portal


class Command(BaseCommand):
    @property
    def help(self):
        return _("Trang thông tin điện tử của xã: xuất một bản sao tĩnh, thiết lập.")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser(
            "export", help=_("Xuất một bản sao tĩnh của trang thông tin một xã ra thư mục."))
        export.add_argument("directory", metavar="THƯ_MỤC",
                            help=_("Thư mục đích: trống hoặc chưa có."))
        which = export.add_mutually_exclusive_group()
        which.add_argument("--commune", metavar="XÃ",
                           help=_("Mã, tên hoặc đường dẫn của xã (mặc định: xã duy nhất)."))
        which.add_argument("--site", metavar="TÊN_MIỀN",
                           help=_("Tên miền của trang (ví dụ camtan.thanhhoa.gov.vn)."))
        export.add_argument("--force", action="store_true",
                            help=_("Thay bản xuất trước đó trong thư mục đích."))
        erase = commands.add_parser("erase-feedback", help=_(
            "Xóa thông tin liên hệ của ý kiến bạn đọc đã xử lý, quá thời hạn lưu giữ."))
        erase.add_argument("--days", type=int, default=None, metavar="SỐ_NGÀY",
                           help=_("Thời hạn lưu giữ (mặc định theo cấu hình, 365 ngày)."))
        commands.add_parser("setup", help=_(
            "Tạo trang chủ của mọi xã bằng mọi ngôn ngữ đã cấu hình, cùng nhóm biên tập và quy "
            "trình duyệt."))

    def handle(self, *args, action, **options):
        if action == "export":
            self._export(**options)
        elif action == "setup":
            self._setup()
        elif action == "erase-feedback":
            self._erase(options["days"])

    def _erase(self, days):
        try:
            count = feedback_erase_contacts(days)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(_("Đã xóa thông tin liên hệ của %(count)s ý kiến.") % {"count": count})

    def _setup(self):
        communes = Commune.objects.filter(site__isnull=False).select_related("site", "area")
        for commune in communes:
            set_up_portal(commune)
        self.stdout.write(_(
            "Đã thiết lập trang thông tin của %(count)s xã (trang chủ mọi ngôn ngữ, nhóm biên "
            "tập, quy trình duyệt)."
        ) % {"count": len(communes)})

    def _export(self, *, directory, commune=None, site=None, force=False, **_options):
        site = self._site(commune, site)
        try:
            result = export_site(site, directory, force=force)
        except ExportError as exc:
            raise CommandError(exc.message) from exc
        for note in result.notes:
            self.stderr.write(note)
        self.stdout.write(_(
            "Đã xuất %(site)s vào %(path)s: %(pages)s trang, %(files)s tệp, %(size)s "
            "(%(bytes)s byte)."
        ) % {"site": site.root_url, "path": result.directory, "pages": result.pages,
             "files": result.files, "size": filesizeformat(result.bytes),
             "bytes": result.bytes})

    def _site(self, commune: str | None, hostname: str | None) -> Site:
        if hostname:
            sites = list(Site.objects.filter(hostname__iexact=hostname.strip()))
            if len(sites) != 1:
                raise CommandError(_("Không có (hoặc có nhiều) trang web với tên miền “%(host)s”.")
                                   % {"host": hostname})
            return sites[0]
        named = Commune.objects.filter(name__iexact=(commune or "").strip())
        found = named.get() if commune and named.count() == 1 else commune_named(commune)
        if found.site_id is None:
            raise CommandError(_("%(commune)s chưa có trang thông tin.") % {"commune": found})
        return found.site
