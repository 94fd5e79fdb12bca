"""The words used on the site, for "Did you mean ...?" suggestions."""

from django.db import connection, transaction

REBUILD = r"""
DELETE FROM search_word;
INSERT INTO search_word (word)
SELECT word FROM ts_stat($$
    SELECT to_tsvector('simple', unaccent(question || ' ' || answer))
      FROM faq_question WHERE status = 'published'
    UNION ALL
    SELECT to_tsvector('simple', unaccent(title || ' ' || summary || ' ' || body))
      FROM articles_article WHERE status = 'published'
    UNION ALL
    SELECT to_tsvector('simple', unaccent(term || ' ' || definition)) FROM glossary_term
$$)
WHERE length(word) BETWEEN 4 AND 100 AND word ~ '^[a-z]+$'
"""


def rebuild():
    """Refresh the word list from published content (takes a moment on a big site)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(REBUILD)


def rebuild_after_commit():
    """Rebuild once when the current transaction commits, however many rows it saved."""
    if not any(func is rebuild for _, func, _ in connection.run_on_commit):
        transaction.on_commit(rebuild)
