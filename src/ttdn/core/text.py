"""Vietnamese text helpers: NFC normalisation and diacritic folding (đ → d included)."""

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Strip tone marks and vowel marks and map đ→d, so "Cẩm Tân" and "cam tan" compare equal."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold_key(text: str) -> str:
    """A comparison key: folded, lower-case, single spaces."""
    return " ".join(fold(text).casefold().split())
