"""One search over published questions, articles and glossary terms, ranked together.

The public face of the search app: `search(query, kinds)` returns an Outcome whose
results, best first, make their own excerpts (`outcome.annotate(page)`), and
`suggestions(prefix)` fills the search box's list. The work is done by job:
query.py (parsing), lexicon.py (synonyms, broader terms, words with digits),
retrieval.py (the SQL), scoring.py (the ranking), pins.py, spelling.py,
excerpts.py and autocomplete.py; kinds.py says what each kind of content is.

Finding. A search finds the pages that have every word (or a synonym of it, or a
narrower term of it): one query for all kinds, and for a search of several words one
cheap query more, over pages with any of them, to tell how rare each word is. When the
pages found are weak (the words are never close together and never all in one title),
pages whose title has some of the words are ranked beside them. When it finds fewer
than FEW, the corrected spelling is tried ("Did you mean"), and when that finds
nothing either, pages with some of the words. A search asks the database at most
five times (synonyms, broader terms and pins come from the cache).
"""

from dataclasses import dataclass, field

from . import excerpts, lexicon, pins, retrieval, scoring, spelling
from .autocomplete import suggestions  # noqa: F401 (the public API)
from .kinds import ALL, KINDS
from .query import parse
from .text import clean, fold, searchable_words

FEW = 3   # fewer results than this and the search tries harder


@dataclass
class Result:
    kind: str            # "question", "article" or "term"
    item: object
    title: str
    score: float = 0.0
    matched: list = field(default_factory=list)   # (typed, variant) pairs that matched
    excerpt: str = ""    # safe HTML: escaped text with <mark> around matches
    pinned: bool = False
    partial: bool = False  # has some, not all, of the words

    @property
    def key(self):
        return (self.kind, self.item.pk)

    @property
    def url(self):
        return self.item.get_absolute_url()

    @property
    def kind_label(self):
        return KINDS[self.kind].label


@dataclass
class Outcome:
    query: str
    results: list
    suggestion: str = ""               # "Did you mean ...?"
    showing_suggestion: bool = False   # results are for the suggestion (the query found nothing)
    loosened: bool = False             # results match some, not all, of the words
    parsed: object = None              # the query the results are for

    @property
    def variants(self):
        """Other spellings and words that found results, as (typed, variant) pairs."""
        seen = []
        for result in self.results:
            for pair in result.matched:
                if pair not in seen:
                    seen.append(pair)
        return seen

    def annotate(self, results):
        """Excerpts and the variants that matched, for the results shown (one page of them)."""
        if self.parsed is not None:
            excerpts.add(list(results), self.parsed)
        return results


def forget_synonyms(**kwargs):
    """Drop the cached synonyms and broader terms (they changed)."""
    lexicon.forget()


def search(raw_query, kinds=ALL):
    """Pages with every word first, then, if they are weak or few, the rarer words and typos."""
    query = clean(raw_query)
    words = lexicon.lexicon()
    parsed = parse(query, words)
    if parsed.is_empty:
        return Outcome(query, [])
    plan = _plan(query, parsed)
    rows = retrieval.fetch(plan, kinds) if plan.units else []
    # Every page found has every word, so pages with any of them tell how rare
    # each word is: one cheap query more, for searches of more than one word.
    pool = retrieval.sample(plan, kinds) if len(rows) >= FEW and plan.can_loosen else None
    hits = scoring.score(plan, rows, pool=pool)
    if hits and plan.can_loosen and not any(hit.strong for hit in hits):
        # Every word is somewhere on these pages, but never together and never all
        # in a title: a page whose title has the rarer words may answer better
        # ("can women have gene therapy" -> "Can women or children have Hemgenix?").
        found = {row.key for row in rows}
        some = retrieval.fetch(plan, kinds, loose=True)
        hits = scoring.score(plan, rows + [r for r in some if r.key not in found and any(r.in_title)], pool=pool)
    outcome = Outcome(query, _results(hits), parsed=parsed)
    if len(rows) < FEW:
        suggestion = spelling.did_you_mean(parsed, words)
        if suggestion and fold(suggestion) != fold(query):
            outcome.suggestion = suggestion
            corrected_parsed = parse(suggestion, words)
            corrected = _plan(suggestion, corrected_parsed)
            more = _results(scoring.score(corrected, retrieval.fetch(corrected, kinds)))
            if not rows:
                outcome.results, outcome.parsed = more, corrected_parsed
                outcome.showing_suggestion = bool(more)
            else:
                # A few pages have the words as typed; show the corrected spelling's below them.
                _append_below(outcome.results, more)
        if not outcome.results and plan.can_loosen:
            outcome.results = _results(scoring.score(plan, retrieval.fetch(plan, kinds, loose=True)))
            outcome.loosened = bool(outcome.results)
    _pin(outcome, kinds)
    return outcome


def _plan(query, parsed):
    units = parsed.positive
    sizes = [searchable_words(unit.text) for unit in units]
    measured = [(unit, size) for unit, size in zip(units, sizes) if size]
    return scoring.Plan(query, parsed, [u for u, _ in measured], [s for _, s in measured],
                        fold(" ".join(parsed.words())))


def _results(hits):
    return [Result(hit.row.kind, hit.row.item, getattr(hit.row.item, hit.row.item.title_field), hit.score,
                   partial=hit.partial) for hit in hits]


def _append_below(results, more):
    """Add `more` after `results`, in their own order."""
    found = {r.key for r in results}
    results += [r for r in more if r.key not in found]


def _pin(outcome, kinds):
    """Pinned pages go first, in the editors' order, whether or not the words match them."""
    keys = [key for key in pins.pinned_keys(outcome.query) if key[0] in kinds]
    if not keys:
        return
    found = {r.key: r for r in outcome.results}
    missing = pins.public_items([key for key in keys if key not in found])
    pinned = []
    for key in keys:
        result = found.pop(key, None)
        if result is None and key in missing:
            item = missing[key]
            result = Result(key[0], item, getattr(item, item.title_field))
        if result is not None:
            result.pinned = True
            pinned.append(result)
    outcome.results = pinned + [r for r in outcome.results if not r.pinned]
