"""The words used on the public site, for "Did you mean ...?" suggestions.

Only published content counts (each model's `published()`). Saving a page adds its
words; `rebuild` (run by load_content, or by the rebuild_search_words command from
cron) also forgets words no public page uses any more.
"""

from django.db import connection, transaction
from django.db.models import TextField, Value
from django.db.models.functions import Concat

from articles.models import Article
from faq.models import Question
from glossary.models import Term

# The text of each kind of content that search suggests words from.
SOURCES = {
    Question: ["question", "answer"],
    Article: ["title", "summary", "body"],
    Term: ["term", "definition"],
}

_WORDS = """
SELECT DISTINCT word FROM ({documents}) AS document,
    unnest(tsvector_to_array(to_tsvector('simple', unaccent(document.text)))) AS word
WHERE length(word) BETWEEN 4 AND 100 AND word ~ '^[a-z]+$'
"""


def _documents(model, queryset=None):
    """SQL and parameters for the public text of one kind of content."""
    parts = []
    for name in SOURCES[model]:
        parts += [name, Value(" ")]
    queryset = model.objects.published() if queryset is None else queryset
    text = Concat(*parts[:-1], output_field=TextField())
    return queryset.annotate(text=text).values("text").query.sql_with_params()


def rebuild():
    """Refresh the whole word list from published content (seconds on a very big site)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_word")
        for model in SOURCES:
            sql, params = _documents(model)
            cursor.execute("INSERT INTO search_word (word) " + _WORDS.format(documents=sql)
                           + " ON CONFLICT (word) DO NOTHING", params)


def add_words(model, pk):
    """Add the words of one saved page, if it is public (cheap: one row's text)."""
    if model not in SOURCES:
        return
    sql, params = _documents(model, model.objects.published().filter(pk=pk))
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_word (word) " + _WORDS.format(documents=sql)
                       + " ON CONFLICT (word) DO NOTHING", params)
