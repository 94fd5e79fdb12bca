"""Turn what a family types into a PostgreSQL text-search query.

Web-search syntax is supported: "a quoted phrase", -word to leave out, and
`or` between alternatives. Every piece becomes phraseto_tsquery(), which
accepts any text at all, so no input can cause a query syntax error.

Each word or phrase also matches
- the other members of its synonym groups ("hemophilia" -> "haemophilia");
- the same number written the other way after a word ("factor 9" <-> "factor ix");
- the site's words that are it followed by digits ("aav" -> "aav5");
- the narrower terms of a broader term ("gene therapy" -> "hemgenix"), which
  ranking counts a little less than the words themselves (see scoring.py).
Leaving a word out (-word) leaves out its synonyms too.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache, reduce

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models.sql import Query

from hemed.search_config import SEARCH_CONFIG

from .lexicon import Lexicon
from .text import clean, fold

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
MAX_PHRASE_WORDS = 4
# Words and phrases a query may hold. Each becomes part of one SQL expression:
# a cap keeps a long query cheap to build and run (the box takes 200 characters).
MAX_UNITS = 12
_MINUS = ("-", "\u2212", "\u2013")  # hyphen-minus, minus sign, en dash


def _roman(number):
    digits = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    text = ""
    for value, letters in digits:
        while number >= value:
            text, number = text + letters, number - value
    return text


# Numbers as a name's last word ("factor IX", "type 2"): 2 to 39 both ways.
_NUMERALS = {str(n): _roman(n) for n in range(2, 40)}
_NUMERALS.update({roman: number for number, roman in list(_NUMERALS.items())})


class CompiledQuery(SearchQuery):
    """A tsquery turned into SQL once, then used as it is.

    A search puts each unit's query in many places (matching, ranking, the flags of
    each kind), and Django resolves and copies an expression's whole tree again at
    every one: for a unit with many synonyms that was most of a search's time. This
    one resolves to itself. `sql` and `params` are its SQL, also for raw queries.
    """

    def __init__(self, tsquery):
        super().__init__("", config=SEARCH_CONFIG)
        query = Query(None)
        self.sql, params = tsquery.resolve_expression(query).as_sql(query.get_compiler(connection=connection),
                                                                     connection)
        self.params = list(params)

    def resolve_expression(self, *args, **kwargs):
        return self

    def get_source_expressions(self):
        return []

    def as_sql(self, compiler, connection, **extra):
        return self.sql, self.params


def _query(text, search_type="phrase"):
    return SearchQuery(text, search_type=search_type, config=SEARCH_CONFIG)


def phrase(text):
    """Whether a page has `text` as a phrase, as a tsquery (the words stemmed, in order)."""
    return _any([text])


def _any(texts, search_type="phrase"):
    return _compiled_any(tuple(texts), search_type)


# The same words come back in search after search (and each unit is asked for in every
# kind's part), so their compiled SQL is kept, in this process: it is a function of the
# words alone, with no content in it (synonyms are looked up before), so it is never
# stale and needs no invalidation, unlike the lexicon, which lives in the shared cache.
@lru_cache(maxsize=4096)
def _compiled_any(texts, search_type):
    return CompiledQuery(reduce(lambda a, b: a | b, (_query(t, search_type) for t in texts)))


@dataclass
class Unit:
    """A word or phrase the results must contain (or, if negated, must not)."""

    text: str
    negated: bool = False
    alternatives: list = field(default_factory=list)  # the same thing in other words
    narrower: list = field(default_factory=list)      # narrower terms, for a broader term

    @property
    def forms(self):
        return [self.text, *self.alternatives]

    def tsquery(self, search_type="phrase", narrower=True):
        """The unit, any of its alternatives or (unless told not to) narrower terms."""
        return _any(self.forms + (self.narrower if narrower else []), search_type)

    def direct(self, search_type="phrase"):
        return _any(self.forms, search_type)

    def through_narrower(self, search_type="phrase"):
        return _any(self.narrower, search_type) if self.narrower else None

    def excluded(self):
        """None of its forms: ~(a | b) is written ~a & ~b, as SearchQuery can combine only that."""
        return CompiledQuery(reduce(lambda a, b: a & b, (~_query(form) for form in self.forms)))


@dataclass
class ParsedQuery:
    groups: list  # alternatives (or), each a list of Units that must all match
    text: str = ""  # the query as typed (cleaned)

    @property
    def units(self):
        return [unit for group in self.groups for unit in group]

    @property
    def positive(self):
        return [unit for unit in self.units if not unit.negated]

    @property
    def is_empty(self):
        return not self.positive

    def tsquery(self):
        """Every unit of some group must match."""
        return CompiledQuery(reduce(lambda a, b: a | b, (_all_of(group) for group in self.groups)))

    def loose_tsquery(self):
        """Any unit may match (negations still exclude): for queries that find little."""
        query = reduce(lambda a, b: a | b, (unit.tsquery() for unit in self.positive))
        for unit in self.units:
            if unit.negated:
                query &= unit.excluded()
        return CompiledQuery(query)

    def words(self):
        """The plain words typed (no negations), for spelling suggestions."""
        return [w for u in self.positive for w in u.text.split()]

    def respelt(self, corrections):
        """The query as typed, with words replaced: {typed word: correction}. Quotes, -word and
        `or` stay where they were."""
        text = self.text
        for typed, correction in corrections.items():
            text = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", lambda _: correction, text)
        return text


def _all_of(group):
    query = None
    for unit in group:
        part = unit.excluded() if unit.negated else unit.tsquery()
        query = part if query is None else query & part
    return query


def parse(text, lexicon=None):
    """Parse a query, expanding words with the lexicon (synonyms, broader terms, digits)."""
    lexicon = lexicon or Lexicon()
    groups, current, run = [], [], []

    def close_run():
        current.extend(_units(run, lexicon))
        run.clear()

    for match in _TOKEN.finditer(clean(text)):
        minus, phrase, word = match.groups()
        if phrase is not None:
            close_run()
            phrase = " ".join(phrase.split())
            if phrase:
                current.append(_unit(phrase, lexicon, negated=bool(minus)))
        elif word.lower() == "or":
            close_run()
            if current:
                groups.append(current)
                current = []
        elif word.startswith(_MINUS) and len(word) > 1:
            close_run()
            bare = _EDGE_PUNCTUATION.sub("", word[1:])
            if bare:
                current.append(_unit(bare, lexicon, negated=True))
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


def _units(words, lexicon):
    """Units for a run of plain words, joining words that form a known phrase or a numbered name."""
    phrases = lexicon.phrases()
    units, i = [], 0
    while i < len(words):
        for size in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + size])
            numbered = size == 2 and fold(words[i + 1]) in _NUMERALS
            if fold(phrase) in phrases or numbered:
                units.append(_unit(phrase, lexicon))
                i += size
                break
        else:
            units.append(_unit(words[i], lexicon))
            i += 1
    return units


def _unit(text, lexicon, negated=False):
    """A unit with everything its text also finds."""
    forms = [text]
    *head, last = text.split()
    if head and fold(last) in _NUMERALS:
        forms.append(" ".join([*head, _NUMERALS[fold(last)]]))
    alternatives = [form for form in forms[1:]]
    for form in forms:
        alternatives += lexicon.synonyms.get(fold(form), [])
    if " " not in text:
        alternatives += lexicon.with_digits.get(fold(text), [])
    narrower = []
    for form in forms:
        for term in lexicon.narrower.get(fold(form), []):
            narrower += [term, *lexicon.synonyms.get(fold(term), [])]
    alternatives = _distinct(alternatives, exclude={fold(text)})
    narrower = _distinct(narrower, exclude={fold(text), *map(fold, alternatives)})
    return Unit(text, negated, alternatives, narrower)


def _distinct(texts, exclude):
    seen, kept = set(exclude), []
    for text in texts:
        if fold(text) not in seen:
            seen.add(fold(text))
            kept.append(text)
    return kept
