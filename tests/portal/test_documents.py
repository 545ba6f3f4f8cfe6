"""Directive documents on the portal: the commune's issued plans, each plan's page, and the
downloads (.docx always, PDF through LibreOffice, cached per version and limited per address)."""

import io
import re

import pytest
from django.core.cache import caches
from django.test import Client
from docx import Document
from wagtail.models import Locale

from ttdn.org.demo import SEED_UNITS
from ttdn.org.models import Role, Unit
from ttdn.plans import services
from ttdn.plans.demo import SEED_FILE
from ttdn.plans.models import DirectiveDocument, Plan, PlanStatus
from ttdn.portal import documents
from ttdn.portal.models import DocumentIndexPage, HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_caches")]

HOST = "xa15178.localhost"  # Cẩm Tân
OTHER_HOST = "xa15142.localhost"  # Cẩm Thạch
SECTION = "/van-ban/"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def client(world):
    return Client(HTTP_HOST=HOST)


def add_section(commune, *, english=True):
    home = HomePage.objects.get(commune=commune, locale__language_code="vi")
    index = home.add_child(instance=DocumentIndexPage(title="Văn bản chỉ đạo, điều hành",
                                                      slug="van-ban"))
    index.save_revision().publish()
    if english:
        translated = index.copy_for_translation(Locale.objects.get(language_code="en"))
        translated.title = "Directive documents"
        translated.save_revision().publish()
    return index


@pytest.fixture
def seed_plan(world):
    """The seed plan of Cẩm Tân, imported and issued by the culture officer."""
    commune = world["cam-tan"]["commune"]
    existing = set(commune.units.values_list("name", flat=True))
    for name, kind, is_sample in SEED_UNITS:
        if name not in existing:
            Unit.objects.create(commune=commune, name=name, kind=kind, is_sample=is_sample)
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    plan = services.plan_import(commune=commune, data=SEED_FILE.read_bytes(),
                                filename="ke-hoach.txt", actor=officer)
    return services.plan_issue(plan=plan, actor=officer, symbol="15/KH-UBND")


@pytest.fixture
def section(world, seed_plan):
    return add_section(world["cam-tan"]["commune"])


def body(response) -> str:
    return response.content.decode()


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# Listing and pages ----------------------------------------------------------------------------


def test_the_listing_shows_only_the_communes_issued_plans(client, world, seed_plan, section):
    cam_tan, cam_thach = world["cam-tan"]["commune"], world["cam-thach"]["commune"]
    draft = Plan.objects.create(commune=cam_tan, title="Kế hoạch dự thảo chưa ban hành")
    old = Plan.objects.create(commune=cam_tan, title="Kế hoạch cũ đã bị thay thế",
                              status=PlanStatus.SUPERSEDED)
    theirs = Plan.objects.create(commune=cam_thach, title="Kế hoạch của xã Cẩm Thạch",
                                 status=PlanStatus.ISSUED, symbol="9/KH-UBND")
    older = Plan.objects.create(commune=cam_tan, title="Kế hoạch năm trước",
                                status=PlanStatus.ISSUED, symbol="3/KH-UBND",
                                issued_on=seed_plan.created_at.date().replace(year=2020))
    response = client.get(SECTION)
    assert response.status_code == 200
    html = body(response)
    assert seed_plan.title[:40] in html and older.title in html
    assert html.index("15/KH-UBND") < html.index("3/KH-UBND")  # newest first
    for hidden in (draft, old, theirs):
        assert hidden.title not in html
    assert f'href="{SECTION}{seed_plan.pk}/"' in html
    assert f'href="{SECTION}{seed_plan.pk}/docx/"' in html
    assert f'href="{SECTION}{seed_plan.pk}/pdf/"' in html
    # the plan carries out the district's plan: its public description is shown
    assert "216/KH-UBND" in html
    for plan in (draft, old, theirs):
        assert client.get(f"{SECTION}{plan.pk}/").status_code == 404
        assert client.get(f"{SECTION}{plan.pk}/docx/").status_code == 404


def test_a_plans_page_shows_its_facts_and_never_a_private_scan(client, seed_plan, section):
    directive = seed_plan.legal_bases.first()
    assert directive is not None
    DirectiveDocument.objects.filter(pk=directive.pk).update(
        attachment="directives/2023/ban-chup-noi-bo.pdf", link="https://noi-bo.example/ban-chup")
    response = client.get(f"{SECTION}{seed_plan.pk}/")
    assert response.status_code == 200
    html = body(response)
    assert seed_plan.title[:40] in html
    assert "15/KH-UBND" in html
    assert "Hoàng Thị Hợp" in html and "KT. CHỦ TỊCH" in html  # the signatory
    assert "Căn cứ" in html and directive.symbol in html
    assert "ban-chup-noi-bo" not in html and "noi-bo.example" not in html
    assert f'href="{SECTION}{seed_plan.pk}/docx/"' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_english_section_marks_the_vietnamese_text(client, seed_plan, section):
    html = body(client.get(f"/en{SECTION}"))
    assert '<html lang="en">' in html
    assert re.search(rf'lang="vi"><a href="/en{SECTION}{seed_plan.pk}/">', html)
    page = body(client.get(f"/en{SECTION}{seed_plan.pk}/"))
    assert f'href="/en{SECTION}{seed_plan.pk}/pdf/"' in page


def test_another_communes_portal_does_not_serve_the_plan(world, seed_plan, section):
    add_section(world["cam-thach"]["commune"], english=False)
    other = Client(HTTP_HOST=OTHER_HOST)
    assert other.get(SECTION).status_code == 200
    assert seed_plan.title[:40] not in body(other.get(SECTION))
    for path in (f"{seed_plan.pk}/", f"{seed_plan.pk}/docx/", f"{seed_plan.pk}/pdf/"):
        assert other.get(SECTION + path).status_code == 404, path


# Downloads ------------------------------------------------------------------------------------


def test_the_docx_download_is_the_decree_30_document(client, seed_plan, section):
    response = client.get(f"{SECTION}{seed_plan.pk}/docx/")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach-15-kh-ubnd.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    document = Document(io.BytesIO(content_of(response)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)
    assert "KẾ HOẠCH" in text and "Số: 15/KH-UBND" in text
    assert "Hoàng Thị Hợp" in text


def test_a_safe_file_name_whatever_the_symbol():
    plan = Plan(pk=7, doc_type="KẾ HOẠCH", symbol='12/KH – UBND"; rm -rf /')
    assert re.fullmatch(r"[a-z0-9-]+\.pdf", documents.file_name(plan, "pdf"))
    assert documents.file_name(Plan(pk=7, doc_type="KẾ HOẠCH", symbol=""), "docx") == (
        "ke-hoach-7.docx")


def test_the_pdf_download_through_libreoffice(client, seed_plan, section):
    response = client.get(f"{SECTION}{seed_plan.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach-15-kh-ubnd.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert content_of(response).startswith(b"%PDF")


@pytest.fixture
def fake_converter(monkeypatch):
    """Counts conversions without running LibreOffice (which must look installed)."""
    calls = []

    def convert(data):
        calls.append(len(data))
        return b"%PDF-1.7 fake " + str(len(calls)).encode()

    monkeypatch.setattr(documents, "docx_to_pdf", convert)
    monkeypatch.setattr(documents, "find_soffice", lambda: "/usr/bin/soffice")
    return calls


def test_a_version_is_converted_once_and_a_new_version_again(
        client, seed_plan, section, fake_converter, world):
    url = f"{SECTION}{seed_plan.pk}/pdf/"
    first = content_of(client.get(url))
    second = content_of(client.get(url))
    assert first == second == b"%PDF-1.7 fake 1"
    assert len(fake_converter) == 1
    services.plan_update(plan=seed_plan, actor=world["cam-tan"][Role.CULTURE_OFFICER],
                         title=seed_plan.title + " (sửa đổi)")
    assert content_of(client.get(url)) == b"%PDF-1.7 fake 2"
    assert len(fake_converter) == 2


def test_conversions_are_limited_per_address(client, seed_plan, section, fake_converter,
                                             settings, world):
    settings.TTDN_PORTAL_PDF_RATE = (1, 3600)
    other = Plan.objects.create(commune=world["cam-tan"]["commune"], title="Kế hoạch khác",
                                status=PlanStatus.ISSUED, symbol="4/KH-UBND")
    assert client.get(f"{SECTION}{seed_plan.pk}/pdf/").status_code == 200
    refused = client.get(f"{SECTION}{other.pk}/pdf/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "quá nhiều yêu cầu tạo tệp PDF" in body(refused)
    # what is already made is still served, and the .docx is never limited
    assert client.get(f"{SECTION}{seed_plan.pk}/pdf/").status_code == 200
    assert client.get(f"{SECTION}{other.pk}/docx/").status_code == 200
    assert len(fake_converter) == 1


def test_one_conversion_of_a_version_at_a_time(client, seed_plan, section, fake_converter):
    version = documents.version_of(seed_plan, documents.plan_document(seed_plan))
    lock = documents._key(seed_plan, version, "pdf") + ":converting"
    caches["shared"].add(lock, 1)
    busy = client.get(f"{SECTION}{seed_plan.pk}/pdf/")
    assert busy.status_code == 503 and busy["Retry-After"] == "15"
    assert "đang được tạo" in body(busy)
    assert fake_converter == []
    caches["shared"].delete(lock)
    assert client.get(f"{SECTION}{seed_plan.pk}/pdf/").status_code == 200


def test_without_libreoffice_the_pdf_says_so_in_vietnamese(client, seed_plan, section,
                                                           monkeypatch):
    monkeypatch.setenv("TTDN_SOFFICE", "/khong/co/soffice")
    response = client.get(f"{SECTION}{seed_plan.pk}/pdf/")
    assert response.status_code == 503
    html = body(response)
    assert "Máy chủ chưa cài LibreOffice nên hiện chưa tạo được bản PDF" in html
    assert f'href="{SECTION}{seed_plan.pk}/docx/"' in html
    assert client.get(f"{SECTION}{seed_plan.pk}/docx/").status_code == 200


def test_a_failed_conversion_is_a_503_not_a_500(client, seed_plan, section, monkeypatch):
    from ttdn.plans.errors import PlanError

    def broken(data):
        raise PlanError("LibreOffice không tạo được tệp PDF; hãy tải bản .docx.")

    monkeypatch.setattr(documents, "docx_to_pdf", broken)
    monkeypatch.setattr(documents, "find_soffice", lambda: "/usr/bin/soffice")
    response = client.get(f"{SECTION}{seed_plan.pk}/pdf/")
    assert response.status_code == 503
    assert "Chưa tạo được bản PDF của văn bản này" in body(response)


def test_export_paths_name_every_page_and_download(seed_plan, section, world):
    other = Plan.objects.create(commune=world["cam-tan"]["commune"], title="Kế hoạch khác",
                                status=PlanStatus.ISSUED, symbol="4/KH-UBND")
    Plan.objects.create(commune=world["cam-tan"]["commune"], title="Dự thảo")
    paths = documents.export_paths(section)
    assert paths[0] == ""
    assert set(paths[1:]) == {f"{plan.pk}/{suffix}" for plan in (seed_plan, other)
                              for suffix in ("", "docx/", "pdf/")}


def test_the_listing_reads_as_many_queries_for_one_plan_as_for_four(client, world, section,
                                                                    seed_plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SECTION, {"q": "1"}).status_code == 200  # past the page cache
        return len(captured)

    queries()  # the first reading of the site's addresses is cached
    one = queries()
    for number in range(3):
        Plan.objects.create(commune=world["cam-tan"]["commune"], title=f"Kế hoạch {number}",
                            status=PlanStatus.ISSUED, symbol=f"{20 + number}/KH-UBND",
                            carries_out=seed_plan.carries_out)
    assert "22/KH-UBND" in body(client.get(SECTION, {"q": "2"}))
    assert queries() == one
