"""The words of the public site, for "Did you mean ...?" and for words with digits ("aav5").

Only what the public can read now counts: each kind's `published()` (search/kinds.py).
The list is rebuilt whole, from ts_stat over the public text, whenever a page is
published, changed while public, archived or deleted (signals.py, once the change is
committed), by load_content, and by the rebuild_search_words command, which cron
should run every few minutes so that a page scheduled for later brings its words
when its time comes.
"""

from django.db import connection, transaction

from .kinds import KINDS
from .lexicon import forget

# Words of letters (for suggestions), or letters then digits (for "aav" -> "aav5").
_WORDS = """
SELECT word FROM ts_stat(%s)
WHERE length(word) BETWEEN 3 AND 100 AND (word ~ '^[a-z]+$' AND length(word) >= 4 OR word ~ '^[a-z]+[0-9]+$')
"""
_DOCUMENT = "SELECT to_tsvector('simple', unaccent(text)) FROM ({sql}) AS document"


def _documents_sql():
    """One SQL text: the public text of every kind (ts_stat takes its query as text, without parameters)."""
    parts = []
    with connection.cursor() as cursor:
        for kind in KINDS.values():
            sql, params = kind.public().annotate(text=kind.words_text()).values("text").query.sql_with_params()
            parts.append(cursor.mogrify(_DOCUMENT.format(sql=sql), params).decode())
    return " UNION ALL ".join(parts)


def rebuild():
    """Refresh the whole word list from published content (seconds on a very big site)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_word")
        cursor.execute("INSERT INTO search_word (word) " + _WORDS, [_documents_sql()])
    # The cached words with digits come from this list: drop them now, and again once
    # the new list is committed (a search in between would cache the old one).
    forget()
    transaction.on_commit(forget)
