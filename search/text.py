import re
import unicodedata

MAX_QUERY_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def clean(text):
    """Drop control characters (PostgreSQL cannot store NUL) and squeeze spaces."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def normalise(text):
    """A query as we log, pin and compare it: clean, lower case, accents kept."""
    return clean(text).lower()[:MAX_QUERY_LENGTH]


def fold(text):
    """Lower case without accents, for comparing words."""
    decomposed = unicodedata.normalize("NFKD", normalise(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
