"""Pages editors pin as the top result for a search."""

from django.core.cache import cache

from .kinds import KINDS
from .models import Pin
from .text import normalise

CACHE_KEY = "search:pins"
KEPT_FOR = 60 * 60  # seconds; saving or deleting a pin drops it at once (signals.py)


def forget(**kwargs):
    cache.delete(CACHE_KEY)


def _all_pins():
    """{normalised query: [(kind, pk), ...]} for every pin, in the editors' order."""
    found = {}
    for pin in Pin.objects.order_by("query", "order", "pk"):
        kind, pk = ("question", pin.question_id) if pin.question_id else ("article", pin.article_id)
        found.setdefault(pin.query, []).append((kind, pk))
    return found


def pinned_keys(query):
    """The (kind, pk) pairs pinned for this query, first pin first."""
    return cache.get_or_set(CACHE_KEY, _all_pins, KEPT_FOR).get(normalise(query), [])


def public_items(keys):
    """The pinned pages the public can read now, by key (one query per kind pinned, only when needed)."""
    found = {}
    for kind in {kind for kind, _ in keys}:
        ids = [pk for k, pk in keys if k == kind]
        for item in KINDS[kind].public().filter(pk__in=ids):
            found[(kind, item.pk)] = item
    return found
