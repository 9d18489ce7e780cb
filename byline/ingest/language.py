"""Language identification (py3langid), trusted only on text long enough to judge."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from byline.errors import BylineError
from byline.reading import Article

MIN_WORDS_TO_JUDGE = 20
# Scripts written without spaces (Chinese, Japanese, Thai) are judged on length instead of words.
MIN_CHARS_TO_JUDGE = 200
# byline reads English news: when English is a plausible reading (e.g. short text the identifier scores
# as an English-based creole first) it is taken as English rather than turned away.
ENGLISH_PLAUSIBLE = 0.1
# The identifier is fast but needs no more than this to be sure; long articles are cut here.
_SAMPLE_CHARS = 5000

LANGUAGE_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ko": "Korean", "la": "Latin",
    "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "mt": "Maltese", "nb": "Norwegian Bokmål",
    "nl": "Dutch", "nn": "Norwegian Nynorsk", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "th": "Thai", "tl": "Tagalog", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when it is too short to judge."""
    if len(text.split(None, MIN_WORDS_TO_JUDGE)) < MIN_WORDS_TO_JUDGE and len(text) < MIN_CHARS_TO_JUDGE:
        return None
    ranked = _identifier().rank(text[:_SAMPLE_CHARS])
    best = ranked[0][0]
    english = next((p for code, p in ranked if code == "en"), 0.0)
    return "en" if best != "en" and english >= ENGLISH_PLAUSIBLE else best


def language_name(code: str) -> str:
    """A readable name for a language code, e.g. "German (de)"."""
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def check_english(article: Article, source: str | None, require_english: bool) -> Article:
    """The article itself, or ``not_english`` when English is required and it is judged to be in another."""
    if require_english and article.language not in (None, "en"):
        raise BylineError("not_english", source, language=language_name(article.language))
    return article
