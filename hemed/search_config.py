"""The PostgreSQL text search configuration every search vector and query uses.

english_unaccent is Postgres's English stemming with accents removed first
(created in articles/migrations/0003), so "thérapie" and "therapie" match.
"""

from django.contrib.postgres.search import SearchVector

SEARCH_CONFIG = "english_unaccent"


def weighted_vector(*fields):
    """A search vector from (field, weight) pairs, e.g. ("title", "A")."""
    vector = None
    for name, weight in fields:
        part = SearchVector(name, weight=weight, config=SEARCH_CONFIG)
        vector = part if vector is None else vector + part
    return vector
