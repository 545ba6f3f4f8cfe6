"""Demo content of the portals of Cẩm Tân and Cẩm Thạch, in Vietnamese and English.

Every page is marked ``is_sample`` (readers see "Nội dung mẫu") and every text is a sample or a
placeholder (demo_assets/content.toml): the seed plan's own words are quoted on Cẩm Tân, whose
plan it is, and nothing else is claimed about a real commune. Pictures are landscapes drawn here
with Pillow, labelled "Ảnh mẫu", kept in the image collection "Ảnh mẫu".

The pages are created and published as the system, not through the editorial workflow: seed
data has no author to review. Each English page is a page of its own in the English tree, with
the Vietnamese page's translation key (what ``copy_for_translation`` makes), holding the English
texts written for it; it is published after its source, so it is not out of date. Not
wagtail-localize's TranslationSource and StringTranslation: they translate segment by segment
(every paragraph and rich-text fragment matched to its source string), which suits a translator
in its editor rather than texts written whole; the out-of-date check (translations.py) compares
publication times, so it works for pages made either way.
Idempotent: a page, category, picture or setting that exists is left as it is.
"""

import html
import io
import math
import random
import tomllib
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image as Picture
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail.rich_text import RichText
from wagtail.utils.file import hash_filelike

from ttdn.org.models import Commune

from . import models
from .models import GalleryImage, HomePage, NewsCategory, PortalSettings

ASSETS = Path(__file__).with_name("demo_assets")
SEED_COMMUNE = 15178  # the seed plan is Cẩm Tân's: its quotes appear on Cẩm Tân only

# Per demo commune: the theme colour (white text on it ≥ 4.5:1) and an illustrative centre for
# the sample projects' coordinates (plausible for Thanh Hóa; not surveyed positions).
LOOKS = {
    15178: ("#1d4f91", (20.2400, 105.4300)),
    15142: ("#1f6b45", (20.2000, 105.4000)),
}
PAGE_TYPES = {
    name: getattr(models, name) for name in (
        "NewsIndexPage", "NewsPage", "ContentPage", "InvestmentIndexPage",
        "InvestmentProjectPage", "StatementIndexPage", "StatementPage", "ClarificationIndexPage",
        "DocumentIndexPage", "OrganisationPage", "ContactPage",
    )
}
RICH_BODY = {"NewsIndexPage": "introduction", "ContactPage": "introduction"}
STREAM_BODY = {"InvestmentIndexPage": "policies"}
COLLECTION = "Ảnh mẫu"
PICTURES = 8
PICTURE_SIZE = (1200, 800)
# sky top, sky at the horizon, sun, three ranges of hills from far to near
PALETTES = [
    ("#8ec5e8", "#e6f2f8", "#fff4c2", ("#8fb89a", "#5b8a68", "#2f5a3f")),
    ("#f4a261", "#fde4c3", "#fff1d6", ("#b5836e", "#7d5a58", "#4a3b4d")),
    ("#a1c4fd", "#dcefff", "#ffffff", ("#a3bfae", "#6b9080", "#3e6259")),
    ("#355c7d", "#e0a4a4", "#f8d1b0", ("#7a6b8c", "#4b3f62", "#2a2240")),
    ("#7ec8e3", "#e2f6e9", "#fefae0", ("#95d5b2", "#52b788", "#2d6a4f")),
    ("#c9b6e4", "#f6e7d8", "#fff7e0", ("#a7a3c2", "#6f6c95", "#3f3d63")),
    ("#5fa8d3", "#cae9ff", "#fffbe6", ("#86a873", "#5a7d4f", "#34502e")),
    ("#e76f51", "#f9c784", "#fff3c4", ("#a86a53", "#6d4c41", "#3b2c2a")),
]
FONTS = [
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
]


@transaction.atomic
def load_demo_portal() -> list[str]:
    communes = list(
        Commune.objects.filter(area__code__in=LOOKS, site__isnull=False)
        .select_related("area", "site").order_by("-site__is_default_site", "name")
    )
    if not communes:
        return []
    content = tomllib.loads((ASSETS / "content.toml").read_text(encoding="utf-8"))
    english = Locale.objects.get_or_create(language_code="en")[0]
    pictures = _pictures()
    categories = _categories(content["categories"], english)
    counts = []
    for commune in communes:
        home = HomePage.objects.get(pk=commune.site.root_page_id)
        filler = _Filler(commune, content, english, pictures, categories)
        sections = {spec["key"]: filler.ensure(home, spec) for spec in content["pages"]}
        filler.fill_home(home, sections)
        _fill_settings(commune, content["settings"])
        counts.append((commune, _tree_size(home), _tree_size(home.get_translation(english))))
    summary = "; ".join(
        _("%(commune)s: %(vi)s trang tiếng Việt, %(en)s trang tiếng Anh")
        % {"commune": commune, "vi": vi, "en": en} for commune, vi, en in counts
    )
    where = "; ".join(
        _("%(commune)s: %(url)s/ và %(url)s/en/") % {"commune": commune, "url": _address(commune)}
        for commune, _vi, _en in counts
    )
    return [_("Trang thông tin mẫu — %(summary)s.") % {"summary": summary},
            _("Xem trang thông tin: %(where)s.") % {"where": where}]


class _Filler:
    """Creates a commune's sample pages in both languages from their specs."""

    def __init__(self, commune, content, english, pictures, categories):
        self.commune = commune
        self.content = content
        self.english = english
        self.pictures = pictures
        self.categories = categories
        self.quotes = content["quotes"] if commune.area.code == SEED_COMMUNE else None

    def text(self, spec, key, language, default=""):
        value = spec.get(f"{key}_en" if language == "en" else key, default)
        if isinstance(value, list):
            return [item.format(commune=self.commune.name) for item in value]
        return value.format(commune=self.commune.name) if isinstance(value, str) else value

    def quote(self, spec, language):
        """The seed plan's words for this spec, on the seed commune only: (text, source)."""
        if self.quotes is None or "quote" not in spec:
            return None
        english = language == "en"
        text = self.quotes[spec["quote"]]["en" if english else "vi"]
        return text, self.quotes["source_en" if english else "source"]

    def ensure(self, parent: Page, spec: dict) -> Page:
        """The spec's Vietnamese page under ``parent`` and its English translation, then its
        children; whichever exists already is kept."""
        page = parent.get_children().filter(slug=spec["slug"]).specific().first()
        if page is None:
            page = self.build(spec, "vi", parent.locale)
            _publish(parent, page)
        if not page.has_translation(self.english):
            translation = self.build(spec, "en", self.english)
            translation.translation_key = page.translation_key
            _publish(parent.get_translation(self.english), translation)
        for child in spec.get("children", []):
            self.ensure(page, child)
        return page

    def build(self, spec, language, locale) -> Page:
        kind = spec["type"]
        page = PAGE_TYPES[kind](
            title=self.text(spec, "title", language), slug=self.text(spec, "slug", language),
            summary=self.text(spec, "summary", language), locale=locale, is_sample=True,
            show_in_menus=spec.get("menu", False),
        )
        paragraphs = self.text(spec, "body", language, [])
        quote = self.quote(spec, language)
        if kind in RICH_BODY:
            setattr(page, RICH_BODY[kind], _rich_text(paragraphs, quote))
        elif hasattr(page, STREAM_BODY.get(kind, "body")):
            name = STREAM_BODY.get(kind, "body")
            setattr(page, name, _stream(type(page), name, paragraphs, quote))
        today = timezone.localdate()
        if kind == "NewsPage":
            page.date = today - timedelta(days=spec["days_ago"])
            page.category = self.categories[spec["category"], language]
            page.image = page.share_image = self.pictures[spec["image"]]
        elif kind == "StatementPage":
            page.date = today - timedelta(days=spec["days_ago"])
            page.spokesperson = self.text(spec, "spokesperson", language)
        elif kind == "ContactPage":
            page.thank_you = self.text(spec, "thank_you", language)
        elif kind == "InvestmentProjectPage":
            self.project(page, spec, language)
        if spec.get("gallery"):
            page.share_image = self.pictures[spec["gallery"][0]]
            page.gallery_images = [
                GalleryImage(image=self.pictures[number], caption=_caption(number, language))
                for number in spec["gallery"]
            ]
        return page

    def project(self, page, spec, language):
        _colour, (latitude, longitude) = LOOKS[self.commune.area.code]
        page.sector = spec["sector"]
        page.area_hectares = Decimal(spec["area_hectares"])
        page.latitude = Decimal(f"{latitude + spec['offset'][0]:.6f}")
        page.longitude = Decimal(f"{longitude + spec['offset'][1]:.6f}")
        page.location = self.text(spec, "location", language)
        page.total_investment = self.text(spec, "total_investment", language)
        page.incentives = _rich_text(self.text(spec, "incentives", language, []), None)
        page.contact_name = self.text(spec, "contact_name", language)
        page.contact_phone = self.content["settings"]["phone"]

    def fill_home(self, home: HomePage, sections: dict[str, Page]) -> None:
        """The introduction and quick links of the home page, Vietnamese first (so that the
        English one, published after it, is not out of date)."""
        spec = self.content["home"]
        for language, page in (("vi", home), ("en", home.get_translation(self.english))):
            page = page.specific
            if page.is_sample:
                continue
            if language == "en":
                page.title = self.text(spec, "title", language)
            page.summary = self.text(spec, "summary", language)
            page.share_image = self.pictures[5]
            page.introduction = _rich_text(self.text(spec, "body", language),
                                           self.quote(spec, language))
            page.quick_links = _stream(HomePage, "quick_links", [], None, links=[
                self.link(vi_title, en_title, target, language, sections)
                for vi_title, en_title, target in spec["links"]
            ])
            page.is_sample = True
            _publish(None, page)

    def link(self, vi_title, en_title, target, language, sections):
        title = en_title if language == "en" else vi_title
        if target == "tip":
            # The desk's public form is a Django view, not a page: linked by its address.
            url = reverse(f"cases_public:tip-{language}")
            return {"title": title, "page": None, "url": url}
        page = sections[target]
        if language == "en":
            page = page.get_translation(self.english)
        return {"title": title, "page": page, "url": ""}


def _publish(parent: Page | None, page: Page) -> None:
    """Saves the page under ``parent`` (a new one) and publishes it as the system. Both steps
    validate it: ``Page.save`` of a live page and ``save_revision`` run ``full_clean``."""
    if parent is not None:
        parent.add_child(instance=page)
    page.save_revision().publish()


def _rich_text(paragraphs, quote) -> str:
    parts = [f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs]
    if quote:
        text, source = quote
        parts.append(f"<p><i>“{html.escape(text, quote=False)}”</i> — "
                     f"{html.escape(source, quote=False)}</p>")
    return "".join(parts)


def _stream(page_class, field_name, paragraphs, quote, links=()):
    """A StreamField value, checked by the field's own blocks (as the editor's form is)."""
    block = page_class._meta.get_field(field_name).stream_block
    raw = [("paragraph", RichText(_rich_text([text], None))) for text in paragraphs]
    if quote:
        raw.append(("quote", {"text": quote[0], "source": quote[1]}))
    raw.extend(("link", link) for link in links)
    return block.clean(block.normalize(raw))


def _caption(number: int, language: str) -> str:
    if language == "en":
        return f"Sample picture {number}: a computer-drawn illustration, not a photo of the commune"
    return f"Ảnh mẫu {number}: tranh minh họa do máy vẽ, không phải ảnh chụp tại xã"


def _categories(specs, english) -> dict[tuple[str, str], NewsCategory]:
    """The news categories (shared by every commune) in Vietnamese and English."""
    default = Locale.get_default()
    found = {}
    for spec in specs:
        category = NewsCategory.objects.filter(slug=spec["slug"], locale=default).first()
        if category is None:
            category = NewsCategory(name=spec["name"], slug=spec["slug"], locale=default)
            category.full_clean()
            category.save()
        translation = category.get_translation_or_none(english)
        if translation is None:
            translation = category.copy_for_translation(english)
            translation.name, translation.slug = spec["name_en"], spec["slug_en"]
            translation.full_clean()
            translation.save()
        found[spec["slug"], "vi"] = category
        found[spec["slug"], "en"] = translation
    return found


def _fill_settings(commune: Commune, spec: dict) -> None:
    settings = PortalSettings.for_site(commune.site)
    if settings.editor_in_charge:
        return
    settings.theme_colour = LOOKS[commune.area.code][0]
    for field in ("address", "address_en", "phone", "office_hours", "office_hours_en",
                  "editor_in_charge", "spokesperson"):
        setattr(settings, field, spec[field].format(commune=commune.name))
    settings.email = spec["email"].format(slug=commune.slug)
    settings.full_clean()
    settings.save()


def _tree_size(home: Page) -> int:
    return Page.objects.descendant_of(home, inclusive=True).live().count()


def _address(commune: Commune) -> str:
    site = commune.site
    if site.is_default_site:
        return f"http://127.0.0.1:{site.port}" if site.port != 80 else "http://127.0.0.1"
    return site.root_url


# Sample pictures -----------------------------------------------------------------------------


def _pictures() -> dict[int, object]:
    """The sample pictures, numbered from 1, in the collection "Ảnh mẫu"."""
    image_model = get_image_model()
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=COLLECTION)
    pictures = {}
    for number in range(1, PICTURES + 1):
        title = f"Ảnh mẫu {number} – phong cảnh minh họa (không phải ảnh thật)"
        image = image_model.objects.filter(title=title, collection=collection).first()
        if image is None:
            data = _draw_picture(number)
            image = image_model(
                title=title, collection=collection,
                # Images are not translated: the alternative text serves both languages.
                description="Ảnh mẫu: phong cảnh do máy vẽ, không phải ảnh chụp. "
                            "Sample image: a computer-drawn landscape, not a photo.",
                file=ImageFile(io.BytesIO(data), name=f"anh-mau-{number}.jpg"),
            )
            image.file_size, image.file_hash = len(data), hash_filelike(io.BytesIO(data))
            image.full_clean()
            image.save()
        pictures[number] = image
    return pictures


def _draw_picture(number: int) -> bytes:
    """A landscape-like picture (sky, sun, three ranges of hills) labelled "Ảnh mẫu"."""
    width, height = PICTURE_SIZE
    sky_top, horizon_colour, sun, hills = PALETTES[(number - 1) % len(PALETTES)]
    rng = random.Random(number)  # noqa: S311 - the same picture on every run, not security
    picture = Picture.new("RGB", PICTURE_SIZE)
    draw = ImageDraw.Draw(picture)
    horizon = int(height * 0.62)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(sky_top, horizon_colour, min(y / horizon, 1)))
    x, y, radius = rng.randint(150, width - 150), rng.randint(110, 260), rng.randint(45, 75)
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=sun)
    for layer, colour in enumerate(hills):
        base = horizon - 120 + layer * 110
        amplitude, frequency, phase = rng.randint(25, 70), rng.uniform(1.2, 3.2), rng.uniform(0, 6)
        ridge = [
            (px, base - amplitude * math.sin(frequency * 2 * math.pi * px / width + phase)
             - amplitude / 3 * math.sin(7 * math.pi * px / width + phase * 2))
            for px in range(0, width + 20, 20)
        ]
        draw.polygon([*ridge, (width, height), (0, height)], fill=colour)
    _label(picture)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def _label(picture) -> None:
    """"Ảnh mẫu / Sample image" in a dark box near the middle, where the cropped renditions
    (wide, square) still show it."""
    band = Picture.new("RGBA", picture.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(band)
    width, height = 400, 142
    left, top = (picture.width - width) // 2, int(picture.height * 0.55)
    draw.rounded_rectangle([left, top, left + width, top + height], radius=18,
                           fill=(0, 0, 0, 150))
    draw.text((left + width // 2, top + 50), "Ảnh mẫu", font=_font(64), anchor="mm",
              fill=(255, 255, 255, 255))
    draw.text((left + width // 2, top + 112), "Sample image", font=_font(28), anchor="mm",
              fill=(255, 255, 255, 230))
    picture.paste(band, (0, 0), band)


def _font(size: int):
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _mix(start: str, end: str, share: float) -> tuple[int, int, int]:
    a, b = (tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) for colour in (start, end))
    return tuple(round(p + (q - p) * share) for p, q in zip(a, b, strict=True))
