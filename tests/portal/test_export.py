"""``ttdn portal export DIR``: a static copy of a commune's public site."""

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from django.http import Http404, HttpResponse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from ttdn.portal import documents, feeds
from ttdn.portal.export import ExportError, _Folder, check_target
from ttdn.portal.models import DocumentIndexPage, NewsPage

from .test_feeds import build_site, path_of, publish

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def export(commune, directory, *extra):
    out = io.StringIO()
    call_command("portal", "export", str(directory), "--commune", commune.slug, *extra,
                 stdout=out, stderr=io.StringIO())
    return out.getvalue()


def picture(title="Ảnh thử"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 400), (30, 90, 140)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name="anh-thu.jpg"))


def stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


@pytest.fixture
def site(cam_tan):
    return build_site(cam_tan)


def test_export_writes_every_language_feeds_sitemap_and_assets(client, cam_tan, site, tmp_path):
    article = publish(site.news.add_child(instance=NewsPage(
        title="Tin có ảnh", slug="tin-co-anh", image=picture(), summary="Có ảnh.")))
    target = tmp_path / "ban-tinh"
    summary = export(cam_tan, target)

    home_vi = (target / "index.html").read_text()
    home_en = (target / "en" / "index.html").read_text()
    assert '<html lang="vi">' in home_vi and '<html lang="en">' in home_en
    assert (target / path_of(site.newer).strip("/") / "index.html").is_file()
    assert (target / path_of(site.newer_en).strip("/") / "index.html").is_file()
    assert not (target / path_of(site.news).strip("/") / "ban-nhap").exists()  # the draft
    # Exactly what the application serves.
    served = client.get(path_of(site.newer), HTTP_HOST=cam_tan.site.hostname).content
    assert (target / path_of(site.newer).strip("/") / "index.html").read_bytes() == served

    rss = target / path_of(site.news).strip("/") / "rss" / "index.xml"
    items = ET.fromstring(rss.read_bytes()).findall("channel/item")  # noqa: S314
    assert "Tin có ảnh" in [item.findtext("title") for item in items]
    assert (target / "en" / path_of(site.news_en).removeprefix("/en/").strip("/") / "atom"
            / "index.xml").is_file()
    assert (target / "ban-tin" / "index.json").is_file()
    sitemap = (target / "sitemap.xml").read_text()
    assert site.newer_en.full_url in sitemap and 'hreflang="x-default"' in sitemap
    assert "Sitemap: " in (target / "robots.txt").read_text()
    assert "<html" in (target / "404.html").read_text()
    assert (target / "en" / "404.html").is_file()

    sheets = stylesheets(home_vi)
    assert sheets, "the home page references no style sheet"
    for href in sheets:
        css = target / href.lstrip("/")
        assert css.is_file(), href
        for font in re.findall(r"url\(['\"]?([^'\")]+\.woff2)", css.read_text()):
            assert (css.parent / font).resolve().is_file(), font
    article_html = (target / path_of(article).strip("/") / "index.html").read_text()
    renditions = set(re.findall(r'/media/(images/[^"\s,]+)', article_html))
    assert renditions, "the article shows no rendition"
    for name in renditions:
        assert (target / "media" / name).is_file(), name
    assert not (target / "media" / "original_images").exists()

    manifest = json.loads((target / ".ttdn-export.json").read_text())
    assert manifest["format"] == "ttdn.portal.export/1"
    assert manifest["files"]["index.html"]["content_type"].startswith("text/html")
    assert str(target) in summary and "trang" in summary


def test_export_refuses_a_directory_that_is_not_empty(cam_tan, tmp_path):
    target = tmp_path / "co-san"
    target.mkdir()
    (target / "ghi-chu.txt").write_text("của người khác")
    with pytest.raises(CommandError, match="không trống"):
        export(cam_tan, target)
    with pytest.raises(CommandError, match="không ghi đè"):
        export(cam_tan, target, "--force")
    assert [path.name for path in target.iterdir()] == ["ghi-chu.txt"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["co-san"]  # no leftovers


def test_force_replaces_an_earlier_export(cam_tan, tmp_path):
    target = tmp_path / "ban-tinh"
    export(cam_tan, target)
    (target / "cu.html").write_text("trang cũ")
    with pytest.raises(CommandError):
        export(cam_tan, target)
    export(cam_tan, target, "--force")
    assert (target / "index.html").is_file()
    assert not (target / "cu.html").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ban-tinh"]


def test_export_fails_loudly_on_a_page_that_does_not_answer(cam_tan, site, tmp_path,
                                                           monkeypatch):
    def broken(request, index, kind):
        raise Http404

    monkeypatch.setattr(feeds, "section_feed", broken)
    target = tmp_path / "ban-tinh"
    with pytest.raises(CommandError) as failure:
        export(cam_tan, target)
    assert f"{path_of(site.news)}rss/ → 404" in str(failure.value)
    assert "Không xuất được bản tĩnh" in str(failure.value)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_download_the_server_cannot_make_now_is_left_out(cam_tan, tmp_path, monkeypatch):
    home = cam_tan.site.root_page.specific
    index = publish(home.add_child(instance=DocumentIndexPage(title="Văn bản", slug="van-ban")))
    monkeypatch.setattr(documents, "export_paths", lambda section: ["", "5/docx/", "5/pdf/"])

    def download_view(request, section, plan_id, file_format):
        if file_format == "pdf":  # as without LibreOffice
            return HttpResponse("Máy chủ chưa cài LibreOffice", status=503)
        return HttpResponse(b"PK...", content_type=DOCX)

    monkeypatch.setattr(documents, "download_view", download_view)
    target = tmp_path / "ban-tinh"
    out, err = io.StringIO(), io.StringIO()
    call_command("portal", "export", str(target), stdout=out, stderr=err)
    base = target / path_of(index).strip("/")
    assert (base / "index.html").is_file()
    assert (base / "5" / "docx" / "index.docx").read_bytes() == b"PK..."
    assert not (base / "5" / "pdf").exists()
    assert "5/pdf/" in err.getvalue() and "503" in err.getvalue()


def test_export_by_site_host_name(cam_tan, cam_thach, tmp_path):
    build_site(cam_thach, prefix="Bài")
    target = tmp_path / "cam-thach"
    out = io.StringIO()
    call_command("portal", "export", str(target), "--site", cam_thach.site.hostname, stdout=out)
    sitemap = (target / "sitemap.xml").read_text()
    assert cam_thach.site.hostname in sitemap and cam_tan.site.hostname not in sitemap
    assert (target / "tin-tuc" / "tin-moi" / "index.html").is_file()


def test_nothing_is_written_outside_the_folder(tmp_path):
    folder = _Folder(tmp_path)
    for address in ("/../ngoai/", "/a/../../ngoai.txt", "/a//b/", "/a\\..\\b.txt"):
        with pytest.raises(ExportError):
            folder.path_for(address, "text/html")
    assert folder.path_for("/tin-tuc/rss/", "application/rss+xml") == "tin-tuc/rss/index.xml"
    assert folder.path_for("/ban-tin/", "application/json") == "ban-tin/index.json"
    with pytest.raises(ExportError):
        folder.write("../ngoai.txt", b"x", "text/plain")
    assert not (tmp_path.parent / "ngoai.txt").exists()


def test_a_file_is_not_a_target(tmp_path):
    target = Path(tmp_path / "tep")
    target.write_text("x")
    with pytest.raises(ExportError, match="không phải là thư mục"):
        check_target(target, force=True)
