"""Titles suggested in the search box as someone types."""

from django.db.models.functions import Lower

from .kinds import KINDS
from .text import clean

MAX_PREFIX = 100


def suggestions(prefix, limit=8):
    """Public titles that contain what has been typed so far: questions, then articles, then terms."""
    prefix = clean(prefix)[:MAX_PREFIX]
    if len(prefix) < 2:
        return []
    titles = []
    for kind in KINDS.values():
        if len(titles) >= limit:
            break
        field = kind.title_field
        titles += kind.public().filter(**{f"{field}__icontains": prefix}).order_by(
            Lower(field)).values_list(field, flat=True)[: limit - len(titles)]
    return titles
