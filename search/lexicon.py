"""What else a word finds: synonym groups, broader terms and the site's words with digits.

Every search needs these and they change rarely, so they are kept in Django's cache
and dropped (from a signal, see signals.py) when a synonym group, a broader term or
the site's word list changes.
"""

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache

from .models import SynonymGroup, Word
from .text import fold

CACHE_KEY = "search:lexicon"
KEPT_FOR = 60 * 60  # seconds; a change drops it at once


@dataclass
class Lexicon:
    synonyms: dict = field(default_factory=dict)   # folded word or phrase -> its other forms
    narrower: dict = field(default_factory=dict)   # folded broad term -> narrower terms
    with_digits: dict = field(default_factory=dict)  # "aav" -> ["aav5"]: site words, letters then digits

    def phrases(self):
        """Every word or phrase that expands to something, folded."""
        return self.synonyms.keys() | self.narrower.keys()

    def known_words(self):
        """The words of synonym groups: known, even if no page uses them."""
        return {word for phrase in self.synonyms for word in phrase.split()}


def lexicon():
    return cache.get_or_set(CACHE_KEY, _load, KEPT_FOR)


def forget(**kwargs):
    cache.delete(CACHE_KEY)


def _load():
    synonyms = {}
    for group in SynonymGroup.objects.published():
        variants = group.variants
        for variant in variants:
            others = synonyms.setdefault(fold(variant), [])
            others.extend(v for v in variants if fold(v) != fold(variant) and v not in others)
    narrower = {}
    for broader in _broader_terms():
        terms = narrower.setdefault(fold(broader.broad), [])
        terms.extend(t for t in broader.narrower_terms if t and fold(t) not in terms)
    with_digits = {}
    for word in Word.objects.filter(word__regex=r"^[a-z]+[0-9]+$").values_list("word", flat=True):
        with_digits.setdefault(re.sub(r"[0-9]+$", "", word), []).append(word)
    return Lexicon(synonyms, narrower, with_digits)


def _broader_terms():
    """Reviewed broad -> narrower relations (search.BroaderTerm), once that model exists."""
    try:
        model = apps.get_model("search", "BroaderTerm")
    except LookupError:
        return []
    return list(model.objects.published())
