"""The commune's public site: Wagtail page types, the site settings, the feedback a reader sends.

Every page type derives from :class:`PortalPage`: a summary, a sample-content flag (demo pages
say "Nội dung mẫu" on screen), a share image, and ``search_text`` — the page's words folded
(đ→d, no marks) so that search finds "Cẩm Tân" from "cam tan" on SQLite and PostgreSQL alike.
The commune a page belongs to is its site's: :func:`commune_of`.
"""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import RICH_TEXT_FEATURES, BodyBlock, LinkBlock

# Child page types of each section; the home page takes one of each kind of section.
SECTION_TYPES = [
    "portal.NewsIndexPage",
    "portal.ContentPage",
    "portal.InvestmentIndexPage",
    "portal.StatementIndexPage",
    "portal.ClarificationIndexPage",
    "portal.DocumentIndexPage",
    "portal.OrganisationPage",
    "portal.ContactPage",
]


class PortalPage(Page):
    """What every public page has. Abstract: each type is its own table."""

    summary = models.TextField(
        _("tóm tắt"), blank=True, max_length=500,
        help_text=_("Một hai câu hiện ở danh sách, kết quả tìm kiếm và khi chia sẻ."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh đại diện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    is_sample = models.BooleanField(
        _("nội dung mẫu"), default=False,
        help_text=_("Trang minh họa: hiện nhãn “Nội dung mẫu” cho người đọc."),
    )

    # Pages holding a form (CSRF token per reader) are not served from the page cache.
    cacheable = True

    search_fields = [
        *Page.search_fields,
        index.SearchField("search_title", boost=3),
        index.SearchField("search_text"),
    ]
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    promote_panels = [
        *Page.promote_panels, FieldPanel("share_image"), FieldPanel("is_sample"),
    ]

    class Meta:
        abstract = True

    # Search ------------------------------------------------------------------------------

    def body_text(self) -> str:
        """The page's own words as plain text (subclasses add their fields)."""
        return self.summary

    @property
    def search_title(self) -> str:
        from .search import index_text

        return index_text(self.title)

    @property
    def search_text(self) -> str:
        from .search import index_text

        return index_text(" ".join(part for part in (self.title, self.body_text()) if part))

    # Display -----------------------------------------------------------------------------

    @property
    def display_date(self) -> date | None:
        published = self.first_published_at or self.latest_revision_created_at
        return published.date() if published else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["portal_home"] = self.get_site_home()
        return context

    def get_site_home(self):
        """The home page of this page's language tree (its depth-2 ancestor)."""
        if self.depth == 2:
            return self.specific
        return Page.objects.ancestor_of(self).filter(depth=2).specific().first()


def stream_text(stream) -> str:
    """Plain text of a StreamField value, for search and summaries."""
    parts = []
    for block in stream or []:
        value = block.value
        if hasattr(value, "source"):  # RichText
            parts.append(strip_tags(value.source))
        elif isinstance(value, str):
            parts.append(value)
        elif hasattr(value, "get"):  # StructValue
            parts.extend(str(v) for v in value.values() if isinstance(v, str))
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


# Home -------------------------------------------------------------------------------------


class HomePage(RoutablePageMixin, PortalPage):
    """The commune's front page: the introduction, then the latest of each section."""

    commune = models.ForeignKey(
        "org.Commune", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+",
        null=True,
    )
    introduction = RichTextField(_("giới thiệu"), features=RICH_TEXT_FEATURES, blank=True)
    quick_links = StreamField(
        [("link", LinkBlock())], verbose_name=_("liên kết nhanh"), blank=True,
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = SECTION_TYPES
    max_count_per_parent = 1
    content_panels = [
        *PortalPage.content_panels, FieldPanel("introduction"), FieldPanel("quick_links"),
    ]

    class Meta:
        verbose_name = _("trang chủ")

    def body_text(self):
        return " ".join((self.summary, strip_tags(self.introduction)))

    def get_context(self, request, *args, **kwargs):
        from .clarifications import latest_context

        context = super().get_context(request, *args, **kwargs)
        context.update(latest_context(self, request=request))
        return context

    @path("")
    def home(self, request):
        return self.render(request)

    @path("tim-kiem/", name="search")
    def search(self, request):
        from .search import search_view

        return search_view(request, self)

    @path("ban-tin/", name="digest")
    def digest(self, request):
        from .feeds import digest_view

        return digest_view(request, self)


# News -------------------------------------------------------------------------------------


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    """A news category (external activities, international cooperation …), per language."""

    name = models.CharField(_("tên"), max_length=80)
    slug = models.SlugField(_("đường dẫn"), max_length=80, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FeedRoutes:
    """The routes of a section with feeds (RoutablePageMixin finds them through the MRO): the
    listing itself, and its RSS and Atom feeds."""

    @path("")
    def listing(self, request):
        return self.render(request)

    @path("rss/", name="rss")
    def rss(self, request):
        from .feeds import section_feed

        return section_feed(request, self, "rss")

    @path("atom/", name="atom")
    def atom(self, request):
        from .feeds import section_feed

        return section_feed(request, self, "atom")


class NewsIndexPage(FeedRoutes, RoutablePageMixin, PortalPage):
    introduction = RichTextField(_("giới thiệu"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.NewsPage"]
    content_panels = [*PortalPage.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("mục tin tức")

    def get_context(self, request, *args, **kwargs):
        from .selectors import news_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(news_listing(self, request))
        return context


class NewsPage(PortalPage):
    date = models.DateField(_("ngày đăng"), default=date.today)
    category = models.ForeignKey(
        NewsCategory, verbose_name=_("chuyên mục"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh chính"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    parent_page_types = ["portal.NewsIndexPage"]
    subpage_types = []
    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [*PortalPage.search_fields, index.FilterField("date")]

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")

    def body_text(self):
        return " ".join((self.summary, stream_text(self.body)))

    @property
    def display_date(self):
        return self.date


# Profile, overseas corner, other information ----------------------------------------------


class ContentPage(PortalPage):
    """A page of text and pictures: the commune's history, culture, people, notable figures,
    the overseas-compatriots corner, and the other information Decree 42/2022 asks for."""

    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]
    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("thư viện ảnh")),
    ]

    class Meta:
        verbose_name = _("trang nội dung")

    def body_text(self):
        captions = " ".join(item.caption for item in self.gallery_images.all())
        return " ".join((self.summary, stream_text(self.body), captions))


class GalleryImage(Orderable):
    page = ParentalKey(ContentPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh"), on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("chú thích"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


# Potential and investment ------------------------------------------------------------------


class InvestmentIndexPage(PortalPage):
    """Potential and investment: the policies, then the projects offered."""

    policies = StreamField(BodyBlock(), verbose_name=_("chính sách đầu tư"), blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.InvestmentProjectPage"]
    content_panels = [*PortalPage.content_panels, FieldPanel("policies")]

    class Meta:
        verbose_name = _("mục tiềm năng, đầu tư")

    def body_text(self):
        return " ".join((self.summary, stream_text(self.policies)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = (
            InvestmentProjectPage.objects.child_of(self).live().public().order_by("title")
        )
        return context


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Nông nghiệp, lâm nghiệp")
    INDUSTRY = "industry", _("Công nghiệp, tiểu thủ công nghiệp")
    TOURISM = "tourism", _("Du lịch, dịch vụ")
    INFRASTRUCTURE = "infrastructure", _("Hạ tầng")
    TRADE = "trade", _("Thương mại")
    OTHER = "other", _("Lĩnh vực khác")


class InvestmentProjectPage(PortalPage):
    sector = models.CharField(_("lĩnh vực"), max_length=20, choices=Sector.choices)
    area_hectares = models.DecimalField(
        _("diện tích (ha)"), max_digits=9, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    location = models.CharField(_("địa điểm"), max_length=250)
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    total_investment = models.CharField(_("tổng vốn dự kiến"), max_length=120, blank=True)
    incentives = RichTextField(_("ưu đãi"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("mô tả"), blank=True)
    contact_name = models.CharField(_("người liên hệ"), max_length=120)
    contact_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)

    parent_page_types = ["portal.InvestmentIndexPage"]
    subpage_types = []
    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("sector"), FieldPanel("area_hectares")]),
        MultiFieldPanel(
            [FieldPanel("location"), FieldRowPanel([FieldPanel("latitude"),
                                                    FieldPanel("longitude")])],
            heading=_("vị trí"),
        ),
        FieldPanel("total_investment"),
        FieldPanel("incentives"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"),
             FieldPanel("contact_email")],
            heading=_("liên hệ"),
        ),
    ]
    search_fields = [*PortalPage.search_fields, index.FilterField("sector")]

    class Meta:
        verbose_name = _("dự án mời gọi đầu tư")
        verbose_name_plural = _("dự án mời gọi đầu tư")

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Hãy nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai."))

    def body_text(self):
        return " ".join((
            self.summary, self.location, strip_tags(self.incentives), stream_text(self.body),
        ))


# Statements -------------------------------------------------------------------------------


class StatementIndexPage(FeedRoutes, RoutablePageMixin, PortalPage):
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.StatementPage"]

    class Meta:
        verbose_name = _("mục thông cáo, phát ngôn")

    def get_context(self, request, *args, **kwargs):
        from .selectors import paginate

        context = super().get_context(request, *args, **kwargs)
        statements = StatementPage.objects.child_of(self).live().public().order_by("-date")
        context["items"] = paginate(request, statements)
        return context


class StatementPage(PortalPage):
    """An official statement: dated, with the spokesperson who gives it."""

    date = models.DateField(_("ngày phát ngôn"), default=date.today)
    spokesperson = models.CharField(_("người phát ngôn"), max_length=120)
    spokesperson_title = models.CharField(_("chức vụ"), max_length=120, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"))

    parent_page_types = ["portal.StatementIndexPage"]
    subpage_types = []
    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("spokesperson"),
                       FieldPanel("spokesperson_title")]),
        FieldPanel("body"),
    ]
    search_fields = [*PortalPage.search_fields, index.FilterField("date")]

    class Meta:
        verbose_name = _("thông cáo, phát ngôn")
        verbose_name_plural = _("thông cáo, phát ngôn")

    def body_text(self):
        return " ".join((self.summary, self.spokesperson, stream_text(self.body)))

    @property
    def display_date(self):
        return self.date


# Clarifications (from the false-information desk) ------------------------------------------


class ClarificationIndexPage(RoutablePageMixin, PortalPage):
    """The desk's published clarifications for this commune (its own and those it
    republishes): the claim, the verdict, the explanation and the sources, with ClaimReview.
    The desk is where they are written and approved; the portal shows them."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("mục cải chính thông tin sai sự thật")

    @path("")
    def listing(self, request):
        from .clarifications import listing_view

        return listing_view(request, self)

    @path("<int:clarification_id>/", name="clarification")
    def clarification(self, request, clarification_id):
        from .clarifications import detail_view

        return detail_view(request, self, clarification_id)

    @path("rss/", name="rss")
    def rss(self, request):
        from .feeds import section_feed

        return section_feed(request, self, "rss")

    @path("atom/", name="atom")
    def atom(self, request):
        from .feeds import section_feed

        return section_feed(request, self, "atom")


# Directive documents (from the plans app) -------------------------------------------------


class DocumentIndexPage(RoutablePageMixin, PortalPage):
    """The commune's issued plans, to read and download (Decree-30 .docx and PDF)."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("mục văn bản chỉ đạo, điều hành")

    @path("")
    def listing(self, request):
        from .documents import listing_view

        return listing_view(request, self)

    @path("<int:plan_id>/", name="document")
    def document(self, request, plan_id):
        from .documents import detail_view

        return detail_view(request, self, plan_id)

    @re_path(r"^(?P<plan_id>\d+)/(?P<file_format>docx|pdf)/$", name="download")
    def download(self, request, plan_id, file_format):
        from .documents import download_view

        return download_view(request, self, int(plan_id), file_format)


# Organisation -----------------------------------------------------------------------------


class OrganisationPage(PortalPage):
    """The organisation (units, leaders, contacts), read from the commune's own records."""

    body = StreamField(BodyBlock(), verbose_name=_("chức năng, nhiệm vụ"), blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ContentPage"]
    content_panels = [*PortalPage.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("trang cơ cấu tổ chức")

    def body_text(self):
        return " ".join((self.summary, stream_text(self.body)))

    def get_context(self, request, *args, **kwargs):
        from .selectors import organisation

        context = super().get_context(request, *args, **kwargs)
        home = context["portal_home"]
        context.update(organisation(home.commune if home else None))
        return context


# Contact ----------------------------------------------------------------------------------


class ContactPage(PortalPage):
    """The commune's contacts and the feedback form."""

    introduction = RichTextField(_("giới thiệu"), features=RICH_TEXT_FEATURES, blank=True)
    thank_you = models.CharField(
        _("lời cảm ơn"), max_length=250, blank=True,
        help_text=_("Hiện sau khi người đọc gửi ý kiến."),
    )

    cacheable = False
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    content_panels = [
        *PortalPage.content_panels, FieldPanel("introduction"), FieldPanel("thank_you"),
    ]

    class Meta:
        verbose_name = _("trang liên hệ")

    def serve(self, request, *args, **kwargs):
        from .contact import contact_page

        return contact_page(self, request)


class Feedback(models.Model):
    """A reader's message from the contact form. Kept whole; personal data erased after its
    retention period (``ttdn portal erase-feedback``)."""

    commune = models.ForeignKey(
        "org.Commune", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+",
    )
    language = models.CharField(_("ngôn ngữ"), max_length=10)
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    message = models.TextField(_("nội dung"), max_length=5000)
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(_("đã xử lý lúc"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ý kiến bạn đọc")
        verbose_name_plural = _("ý kiến bạn đọc")
        ordering = ["-received_at"]

    def __str__(self):
        return self.subject


# Site settings ----------------------------------------------------------------------------

_HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Nhập mã màu dạng #1f5f8b."))


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Per-site: the theme colour, the logo, and the contacts shown in every page's footer."""

    theme_colour = models.CharField(
        _("màu chủ đạo"), max_length=7, default="#1d4f91", validators=[_HEX_COLOUR],
        help_text=_("Màu của thanh đầu trang và liên kết; cần đủ tương phản với chữ trắng."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("biểu trưng"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    address = models.CharField(_("địa chỉ"), max_length=250, blank=True)
    address_en = models.CharField(_("địa chỉ (tiếng Anh)"), max_length=250, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    office_hours = models.CharField(_("giờ làm việc"), max_length=120, blank=True)
    office_hours_en = models.CharField(_("giờ làm việc (tiếng Anh)"), max_length=120, blank=True)
    editor_in_charge = models.CharField(
        _("người chịu trách nhiệm nội dung"), max_length=120, blank=True,
        help_text=_("Theo Nghị định 42/2022/NĐ-CP, ghi ở chân trang."),
    )
    spokesperson = models.CharField(_("người phát ngôn"), max_length=120, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("theme_colour"), FieldPanel("logo")], heading=_("giao diện")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("address_en"), FieldPanel("phone"),
             FieldPanel("email"), FieldPanel("office_hours"), FieldPanel("office_hours_en")],
            heading=_("liên hệ"),
        ),
        MultiFieldPanel(
            [FieldPanel("editor_in_charge"), FieldPanel("spokesperson")],
            heading=_("trách nhiệm"),
        ),
    ]

    class Meta:
        verbose_name = _("thiết lập trang thông tin")

    def clean(self):
        super().clean()
        if self.theme_colour and contrast_with_white(self.theme_colour) < 4.5:
            raise ValidationError({
                "theme_colour": _(
                    "Màu này quá nhạt: chữ trắng trên nền màu này khó đọc (cần tỉ lệ tương "
                    "phản từ 4,5 trở lên)."
                )
            })


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of white text on ``colour`` (#rrggbb)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)
