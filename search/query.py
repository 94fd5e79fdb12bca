"""Turn what a family types into a PostgreSQL text-search query.

Web-search syntax is supported: "a quoted phrase", -word to leave out, and
`or` between alternatives. Every piece becomes phraseto_tsquery(), which
accepts any text at all, so no input can cause a query syntax error. Words
and phrases in a synonym group also match the group's other members.
"""

import re
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.postgres.search import SearchQuery

from hemed.search_config import SEARCH_CONFIG

from .text import clean, fold

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
MAX_PHRASE_WORDS = 4
# Words and phrases a query may hold. Each becomes part of one SQL expression:
# a cap keeps a long query cheap to build and run (the box takes 200 characters).
MAX_UNITS = 12
_MINUS = ("-", "\u2212", "\u2013")  # hyphen-minus, minus sign, en dash


@dataclass
class Unit:
    """A word or phrase the results must contain (or, if negated, must not)."""

    text: str
    negated: bool = False
    alternatives: list = field(default_factory=list)

    def tsquery(self, expand=True, search_type="phrase"):
        """The unit or any of its alternatives; search_type "plain" wants the words in any order."""
        words = [self.text] + (self.alternatives if expand else [])
        return reduce(
            lambda a, b: a | b,
            (SearchQuery(w, search_type=search_type, config=SEARCH_CONFIG) for w in words),
        )


@dataclass
class ParsedQuery:
    groups: list  # alternatives (or), each a list of Units that must all match
    text: str = ""  # the query as typed (cleaned)

    @property
    def units(self):
        return [unit for group in self.groups for unit in group]

    @property
    def is_empty(self):
        return not any(not unit.negated for unit in self.units)

    def tsquery(self, expand=True):
        """Every unit of some group must match."""
        return reduce(lambda a, b: a | b, (_all_of(group, expand) for group in self.groups))

    def loose_tsquery(self):
        """Any unit may match (negations still exclude): for queries that find little."""
        positive = [u.tsquery() for u in self.units if not u.negated]
        query = reduce(lambda a, b: a | b, positive)
        for unit in self.units:
            if unit.negated:
                query &= ~unit.tsquery()
        return query

    def words(self):
        """The plain words typed (no negations), for spelling suggestions."""
        return [w for u in self.units if not u.negated for w in u.text.split()]

    def respelt(self, corrections):
        """The query as typed, with words replaced: {typed word: correction}. Quotes, -word and
        `or` stay where they were."""
        text = self.text
        for typed, correction in corrections.items():
            text = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", lambda _: correction, text)
        return text


def _all_of(group, expand):
    query = None
    for unit in group:
        part = ~unit.tsquery(expand) if unit.negated else unit.tsquery(expand)
        query = part if query is None else query & part
    return query


def parse(text, synonyms=None):
    """Parse a query; synonyms maps a folded word or phrase to its other forms."""
    synonyms = synonyms or {}
    groups, current, run = [], [], []

    def close_run():
        current.extend(_with_synonyms(run, synonyms))
        run.clear()

    for match in _TOKEN.finditer(clean(text)):
        minus, phrase, word = match.groups()
        if phrase is not None:
            close_run()
            phrase = " ".join(phrase.split())
            if phrase:
                current.append(Unit(phrase, bool(minus), synonyms.get(fold(phrase), [])))
        elif word.lower() == "or":
            close_run()
            if current:
                groups.append(current)
                current = []
        elif word.startswith(_MINUS) and len(word) > 1:
            close_run()
            bare = _EDGE_PUNCTUATION.sub("", word[1:])
            if bare:
                current.append(Unit(bare, True, synonyms.get(fold(bare), [])))
        else:
            bare = _EDGE_PUNCTUATION.sub("", word)
            if bare:
                run.append(bare)
    close_run()
    if current:
        groups.append(current)
    return ParsedQuery(_bounded(groups) or [[]], clean(text))


def _bounded(groups):
    """Drop repeated units and groups that only exclude (they would match
    everything else), and keep at most MAX_UNITS units."""
    kept, count = [], 0
    for group in groups:
        seen, units = set(), []
        for unit in group:
            key = (fold(unit.text), unit.negated)
            if key in seen or count >= MAX_UNITS:
                continue
            seen.add(key)
            units.append(unit)
            count += 1
        if any(not unit.negated for unit in units):
            kept.append(units)
    return kept


def _with_synonyms(words, synonyms):
    """Units for a run of plain words, joining words that form a known phrase."""
    units, i = [], 0
    while i < len(words):
        for size in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + size])
            if fold(phrase) in synonyms:
                units.append(Unit(phrase, alternatives=synonyms[fold(phrase)]))
                i += size
                break
        else:
            units.append(Unit(words[i]))
            i += 1
    return units
