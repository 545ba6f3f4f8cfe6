"""Content languages in the address: Vietnamese unprefixed ("/tin-tuc/…"), every other
configured content language under its code ("/en/news/…").

Why not Django's ``i18n_patterns``: once the root URLconf holds a language-prefix pattern,
LocaleMiddleware gives every unprefixed address the default language, and the admin's sign-in
and error pages would stop following the reader's browser (see cases/urls_public.py).
:class:`ContentLanguagePrefix` matches the prefix whatever language is active and hands the
view the language it names; reversing gives the prefix of the active language, which is how
Wagtail builds a page's address (``reverse("wagtail_serve")`` under the page's language).
"""

import re

from django.conf import settings
from django.utils import translation


def default_language() -> str:
    return settings.LANGUAGE_CODE


def content_languages() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def prefix_of(language: str) -> str:
    return "" if language == default_language() else f"{language}/"


class ContentLanguagePrefix:
    """A URL pattern: "<code>/" for a non-default content language, nothing for the default."""

    converters: dict = {}

    @property
    def regex(self):
        # Only reverse() reads this, and caches it per active language.
        language = translation.get_language() or default_language()
        if language not in content_languages():
            language = default_language()
        return re.compile(re.escape(prefix_of(language)))

    def match(self, path):
        for language in content_languages():
            prefix = prefix_of(language)
            if prefix and path.startswith(prefix):
                return path.removeprefix(prefix), (), {"language": language}
        return path, (), {"language": default_language()}

    def check(self):
        return []

    def describe(self):
        return "'<language>/'"

    def __str__(self):
        return "<language>/"


def activate(request, language: str) -> None:
    """The page's language for the rest of the request (templates, Content-Language)."""
    translation.activate(language)
    request.LANGUAGE_CODE = language
