"""The blocks a portal page body is made of: few, so that every page reads alike."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

# Rich text without headings of the page's own level, scripts or embeds: sanitised by Wagtail's
# rich-text whitelist on save (only these features' elements survive).
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("trích dẫn"))
    source = blocks.CharBlock(label=_("nguồn"), required=False)

    class Meta:
        icon = "openquote"
        label = _("trích dẫn")
        template = "portal/blocks/quote.html"


def validate_link(value: str) -> None:
    """An address on this site ("/bao-tin-sai-su-that/") or an http(s) address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as exc:
        raise ValidationError(
            _("Nhập địa chỉ bắt đầu bằng “/” (trang trong cùng trang web) hoặc “https://”.")
        ) from exc


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("nhãn"))
    page = blocks.PageChooserBlock(label=_("trang"), required=False)
    url = blocks.CharBlock(label=_("hoặc địa chỉ"), required=False, max_length=500,
                           validators=[validate_link])

    class Meta:
        icon = "link"
        label = _("liên kết")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": _("Hãy chọn một trang hoặc nhập một địa chỉ.")}
            )
        return value


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("đoạn văn"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("ảnh"))
    quote = QuoteBlock()
    document = DocumentChooserBlock(label=_("tài liệu"), template="portal/blocks/document.html")

    class Meta:
        label = _("nội dung")
