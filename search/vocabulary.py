"""The words used on the site, for "Did you mean ...?" suggestions.

Saving a page adds its words; `rebuild` (run by load_content, or by the
rebuild_search_words command from cron) also forgets words no page uses any more.
"""

from django.db import connection, transaction

_WORDS = r"""
SELECT word FROM ts_stat($$ {documents} $$)
WHERE length(word) BETWEEN 4 AND 100 AND word ~ '^[a-z]+$'
"""
_DOCUMENTS = {
    "faq_question": "SELECT to_tsvector('simple', unaccent(question || ' ' || answer)) "
                    "FROM faq_question WHERE status = 'published'",
    "articles_article": "SELECT to_tsvector('simple', unaccent(title || ' ' || summary || ' ' || body)) "
                        "FROM articles_article WHERE status = 'published'",
    "glossary_term": "SELECT to_tsvector('simple', unaccent(term || ' ' || definition)) "
                     "FROM glossary_term WHERE true",
}


def rebuild():
    """Refresh the whole word list from published content (seconds on a very big site)."""
    documents = " UNION ALL ".join(_DOCUMENTS.values())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_word")
        cursor.execute("INSERT INTO search_word (word) " + _WORDS.format(documents=documents))


def add_words(table, pk):
    """Add the words of one saved page (cheap: one row's text)."""
    documents = f"{_DOCUMENTS[table]} AND id = {int(pk)}"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_word (word) " + _WORDS.format(documents=documents)
            + " ON CONFLICT (word) DO NOTHING"
        )
