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


# PostgreSQL's English stop words (tsearch_data/english.stop, the Snowball list), which
# the english_unaccent configuration drops: search counts a query's words without them.
STOP_WORDS = frozenset("""
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing a an the and
but if or because as until while of at by for with about against between into through during
before after above below to from up down in out on off over under again further then once here
there when where why how all any both each few more most other some such no nor not only own
same so than too very s t can will just don should now
""".split())


def searchable_words(text):
    """How many words of the text search looks at: "can my daughter" -> 1."""
    return sum(1 for word in re.findall(r"\w+", fold(text)) if word not in STOP_WORDS)
