"""Ranking the pages found, in a way that can be explained in a sentence per part.

A page's score is the sum of four parts, each between 0 and 1, counted equally:
- text: how much of the query the page has (1 unless only some of the words were
  found, or a word only through a narrower term);
- title: how well its title (for a glossary term, with its other names) matches the
  query: the harmonic mean (F1) of how much of the query the title has and how much
  of the title is the query, so a short title that is mostly the query beats a long
  one that mentions it;
- closeness: PostgreSQL's cover-density rank, squashed into 0..1 (rank / (1 + rank)),
  which rewards the words standing close together (for a page with only some of the
  words, times the text part: a rank for any word is not one for all of them);
- likeness: the trigram similarity of the title to everything typed, stop words
  included, so question-shaped searches ("what is haemophilia", "can my daughter
  have it") prefer the question asked that way, although search ignores "what",
  "is", "can" and "my".
"How much of the query" weighs each word or phrase by its searchable words times how
rare it is (the BM25 idf) among the pages that have any of the words (retrieval.sample:
up to 500 of each kind): on this site nearly every page says "haemophilia", so in
"surgery with haemophilia" the word that tells pages apart is "surgery". A word found
only through a narrower term counts NARROWER in both halves of the title's F1.

Order: a pinned page first (pins.py), then a page whose title, one of its other
phrasings or a glossary term's name is the query, then by score.

The weights that remain, and why:
- NARROWER = 0.8: a word matched only through a narrower term ("gene therapy" found
  as "Hemgenix") counts a little less than the word itself, since the relation is one
  of kind, not identity: a page that says "gene therapy" outranks an otherwise equal
  one that says only "Hemgenix", while a Hemgenix answer whose title has the rest of
  the query still beats a general gene-therapy page. The tune half of the relevance
  set does not move between 0.6 and 0.9.
- CLOSE = 0.05: a cover-density rank at or above this means the words stand within a
  few words of each other somewhere; below it, with no title holding them all, the
  pages found are weak, and pages whose title has some of the words are ranked beside
  them (see engine.search).
The four parts are not weighted: each is a share, and no part was found to need more
say than another.
"""

import math
from dataclasses import dataclass

from .retrieval import DIRECT
from .retrieval import NARROWER as MATCHED_THROUGH_NARROWER
from .text import fold

NARROWER = 0.8
CLOSE = 0.05


@dataclass
class Plan:
    """A parsed query and what ranking needs to know about it."""

    query: str
    parsed: object
    units: list           # the words and phrases to look for (not negated, not stop words only)
    sizes: list           # how many searchable words each unit has
    text: str             # the words typed, folded, to compare with titles

    @property
    def can_loosen(self):
        return len(self.units) > 1

    @property
    def exact(self):
        return fold(self.query).rstrip("?!. ")


@dataclass
class Hit:
    row: object
    score: float
    exact: bool
    strong: bool          # the title has every word, or they stand close together in the text
    partial: bool         # has some, not all, of the words

    def sort_key(self):
        return (self.exact, self.score, self.row.rank)


def _match(flag):
    return 1.0 if flag == DIRECT else NARROWER if flag == MATCHED_THROUGH_NARROWER else 0.0


def weights(plan, pool):
    """How much each unit counts: its words, times how rare it is in `pool` (lists of in_text flags)."""
    total = len(pool)
    found = []
    for position, size in enumerate(plan.sizes):
        having = sum(1 for flags in pool if flags[position:position + 1] not in ([], [0]))
        found.append(size * math.log(1 + (total - having + 0.5) / (having + 0.5)))
    return found


def score(plan, rows, pool=None):
    """Hits for the rows, best first; `pool` (in_text flags; default: the rows') tells how rare each unit is."""
    unit_weights = weights(plan, [row.in_text for row in rows] if pool is None else pool)
    everything = sum(unit_weights) or 1.0
    hits = []
    for row in rows:
        text_share = sum(w * _match(f) for w, f in zip(unit_weights, row.in_text)) / everything
        title_share = sum(w * _match(f) for w, f in zip(unit_weights, row.in_title)) / everything
        words_in_title = sum(size * _match(flag) for size, flag in zip(plan.sizes, row.in_title))
        focus = min(1.0, words_in_title / max(row.title_size, 1))
        title = 2 * title_share * focus / (title_share + focus) if title_share and focus else 0.0
        closeness = row.rank / (1 + row.rank)
        partial = row.loose and not all(row.in_text)
        if partial:
            # A rank for any of the words is not comparable with one for all of them.
            closeness *= text_share
        exact = _is_exact(row, plan)
        strong = exact or (not partial and (all(row.in_title) or row.rank >= CLOSE))
        hits.append(Hit(row, text_share + title + closeness + row.similarity, exact, strong, partial))
    hits.sort(key=Hit.sort_key, reverse=True)
    return hits


def _is_exact(row, plan):
    """The query is the question or title, or (for the glossary) the term or one of its names."""
    item = row.item
    if row.kind == "term":
        names = item.phrases
    else:
        names = [getattr(item, item.title_field), *getattr(item, "also_asked", "").splitlines()]
    for name in names:
        name = fold(name).rstrip("?!. ")
        if plan.exact in (name, name + "s") or plan.exact == name.removesuffix("s"):
            return True
    return False
