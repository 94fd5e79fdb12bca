"""One search over published questions, articles and glossary terms, ranked together.

Finding. A search first finds the pages that have every word (or a synonym of
it), the best PER_KIND of each kind by PostgreSQL's cover-density rank, which
rewards words that stand close together. When that finds nothing, the corrected
spelling is tried ("Did you mean"), then pages with some of the words; when it
finds only a page or two, the corrected spelling's pages are added below them.

Ranking. Each page found is scored (see _score) by
- its text rank, squashed into 0..1;
- the share of the query's words it has, each word weighted by how rare it is
  among the pages found: on this site nearly every page says "haemophilia B", so
  in "haemophilia B carrier" the word that counts is "carrier";
- how much of the query its title has, and how much of its title is the query:
  a short title that is mostly the query beats a long one that mentions it;
- the trigram similarity of its title to everything typed, stop words included,
  so "can my daughter have it" finds "Can my daughter have haemophilia B?"
  although only "daughter" is searchable.
A title that is the query, or a glossary term or one of its other names that is
the query, goes first; otherwise a glossary definition counts a little less than
an answer or an article. A pinned page goes above everything.

When every word is on the pages found but never close together and never all
in one title ("can women have gene therapy"), pages whose title has some of the
words are ranked beside them ("Can women or children have Hemgenix?"), scored
by the share of the words they have.
"""

import html
import math
import time
from dataclasses import dataclass, field

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat, Length, Lower
from django.db.models.sql import Query
from django.utils.safestring import mark_safe

from articles.models import Article
from faq.models import Question
from glossary.models import Term
from hemed.markdown import plain_text
from hemed.search_config import SEARCH_CONFIG

from .models import Pin, SynonymGroup
from .query import parse
from .text import clean, fold, normalise

PER_KIND = 100          # results fetched per kind of content, best first
# Pages ranked per kind. On a very large site a common word matches tens of
# thousands of pages; ranking them all costs hundreds of milliseconds, so only
# this many matches, as the index yields them, are ranked. Hemed has a few
# hundred pages, so all of them are ranked; see bench/README.md.
CANDIDATES = 500
FEW = 3                 # fewer results than this and we try harder
EXACT_MATCH_BOOST = 100.0
PIN_BOOST = 1000.0
# How much each part of a page's score counts (see _score); each part is 0..1.
COVERAGE_WEIGHT = 1.0
TITLE_WEIGHT = 1.0
QUERY_IN_TITLE = 0.7    # of the title's part: how much of the query the title has (the rest:
                        # how much of the title is the query)
SIMILARITY_WEIGHT = 0.5
# ts_rank_cd at or above this means the words stand close together somewhere in
# the page (a few words apart in an answer, say): see _score's `strong`.
CLOSE = 0.05
# A glossary definition is a sentence or two: the answer when the query is the
# term, otherwise a little less useful than a question or an article.
TERM_WEIGHT = 0.8
# Markers for ts_headline that cannot occur in text: control characters are
# removed from content before it is highlighted.
START, STOP = "\x02", "\x03"


@dataclass
class Result:
    kind: str            # "question", "article" or "term"
    item: object
    title: str
    rank: float
    matched: list = field(default_factory=list)   # (typed, variant) pairs that matched
    excerpt: str = ""    # safe HTML: escaped text with <mark> around matches
    pinned: bool = False
    partial: bool = False  # has some, not all, of the words

    @property
    def url(self):
        return self.item.get_absolute_url()

    @property
    def plain_text(self):
        """The page's words without markup, to excerpt (only for the results shown)."""
        # plain_text leaves out what is not prose, such as citation numbers.
        if self.kind == "question":
            return plain_text(self.item.answer_html)
        if self.kind == "article":
            return " ".join(f"{self.item.summary} {plain_text(self.item.body_html)}".split())
        return " ".join(self.item.definition.split())

    @property
    def kind_label(self):
        return {"question": "Question", "article": "Article", "term": "Glossary"}[self.kind]


@dataclass
class Outcome:
    query: str
    results: list
    suggestion: str = ""          # "Did you mean ...?"
    showing_suggestion: bool = False   # results are for the suggestion (the query found nothing)
    loosened: bool = False        # results match some, not all, of the words

    @property
    def variants(self):
        """Other spellings and words that found results, as (typed, variant) pairs."""
        seen = []
        for result in self.results:
            for pair in result.matched:
                if pair not in seen:
                    seen.append(pair)
        return seen


# Synonyms change rarely and every search needs them: each process keeps them
# for a minute, and forgets them at once when a group is saved in that process.
SYNONYMS_KEPT_FOR = 60  # seconds
_synonyms = {"map": None, "at": 0.0}


def forget_synonyms(**kwargs):
    _synonyms["map"] = None


def synonym_map():
    """Each folded word or phrase -> the other members of its groups."""
    now = time.monotonic()
    if _synonyms["map"] is None or now - _synonyms["at"] > SYNONYMS_KEPT_FOR:
        _synonyms["map"], _synonyms["at"] = _load_synonyms(), now
    return _synonyms["map"]


def _load_synonyms():
    mapping = {}
    for group in SynonymGroup.objects.published():
        variants = group.variants
        for variant in variants:
            others = mapping.setdefault(fold(variant), [])
            others.extend(v for v in variants if fold(v) != fold(variant) and v not in others)
    return mapping


KINDS = {
    "question": (Question, "question"),
    "article": (Article, "title"),
    "term": (Term, "term"),
}


def search(raw_query, kinds=("question", "article", "term")):
    """Pages with every word first; if they are weak, pages with the rarer words too; then typos.

    At most three queries per kind of content: the words, then the pages with
    some of the words or the corrected spelling, or both.
    """
    query = clean(raw_query)
    synonyms = synonym_map()
    parsed = parse(query, synonyms)
    if parsed.is_empty:
        return Outcome(query, [])
    plan = _Plan.of(query, parsed)
    rows = _fetch(plan, kinds)
    hits = _score(plan, rows)
    if hits and plan.can_loosen and not any(hit.strong for hit in hits):
        # Every word is somewhere on these pages, but never together and never all
        # in a title: a page whose title has the rarer words may answer better
        # ("can women have gene therapy" -> "Can women or children have Hemgenix?").
        found = {row.key for row in rows}
        some = _fetch(plan, kinds, loose=True)
        hits = _score(plan, rows + [row for row in some if row.key not in found and any(row.in_title)],
                      pool=some, beside_all=True)
    outcome = Outcome(query, _finish(plan, hits, kinds))
    if len(rows) < FEW:
        suggestion = did_you_mean(parsed, synonyms)
        if suggestion and fold(suggestion) != fold(query):
            outcome.suggestion = suggestion
            corrected = _Plan.of(suggestion, parse(suggestion, synonyms))
            more = _score(corrected, _fetch(corrected, kinds))
            if not rows:
                outcome.results = _finish(corrected, more, kinds)
                outcome.showing_suggestion = bool(outcome.results)
            else:
                # A few pages have the words as typed; show the corrected spelling's below them.
                _append_below(outcome.results, [hit.result for hit in more])
        if not outcome.results and plan.can_loosen:
            outcome.results = _finish(plan, _score(plan, _fetch(plan, kinds, loose=True)), kinds)
            outcome.loosened = bool(outcome.results)
    return outcome


@dataclass
class _Plan:
    """A parsed query and what ranking needs to know about it."""

    query: str
    parsed: object
    units: list           # the words and phrases to look for in titles and text (not negated ones)
    sizes: list           # how many searchable words each unit has (0 for words like "the")
    text: str             # the words typed, folded, to compare with titles

    @classmethod
    def of(cls, query, parsed):
        units = [unit for unit in parsed.units if not unit.negated]
        sizes = _sizes([unit.text for unit in units])
        measured = [(unit, size) for unit, size in zip(units, sizes) if size]
        return cls(query, parsed, [unit for unit, _ in measured], [size for _, size in measured],
                   fold(" ".join(parsed.words())))

    @property
    def can_loosen(self):
        return len(self.units) > 1

    @property
    def exact(self):
        return fold(self.query).rstrip("?!. ")


def _sizes(texts):
    """The number of words in each text that search looks at: "can my daughter" -> 1.

    The answer for a text never changes, so each process remembers it.
    """
    unknown = sorted({text for text in texts if text not in _size_of})
    if unknown:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t, length(to_tsvector(%s::regconfig, t)) FROM unnest(%s::text[]) AS u(t)",
                [SEARCH_CONFIG, unknown])
            if len(_size_of) > 10_000:
                _size_of.clear()
            _size_of.update(cursor.fetchall())
    return [_size_of[text] for text in texts]


_size_of = {}


@dataclass
class _Row:
    """A page found, with what ranking needs to know about it."""

    kind: str
    item: object
    loose: bool           # found by the query for any of the words

    @property
    def key(self):
        return (self.kind, self.item.pk)

    @property
    def in_text(self):    # for each unit of the plan: is it in the page?
        return self.item.in_text or []

    @property
    def in_title(self):   # ... in the title (or a glossary term's other names)?
        return self.item.in_title or []


@dataclass
class _Hit:
    result: Result
    strong: bool          # the title has every word, or they stand close together in the text


class _Array(Func):
    """ARRAY[a, b, c], flat: a long query must not nest one expression per word."""

    template = "ARRAY[%(expressions)s]::integer[]"
    output_field = ArrayField(IntegerField())


class _SplitPart(Func):
    function = "split_part"
    output_field = TextField()


class _Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def _fetch(plan, kinds, loose=False):
    """The best pages of each kind for the query: with every word, or (loose) with any."""
    tsquery = plan.parsed.loose_tsquery() if loose else plan.parsed.tsquery()
    rows = []
    for kind in kinds:
        rows += [_Row(kind, item, loose) for item in _fetch_kind(kind, plan, tsquery)]
    return rows


def _fetch_kind(kind, plan, tsquery):
    """One query: the PER_KIND pages with the best text rank, then their titles measured."""
    model, title_field = KINDS[kind]
    items = model.objects.published()
    rank = SearchRank(F("search_vector"), tsquery, cover_density=True)
    # No ORDER BY here: the GIN index hands over matches without ranking them all.
    candidates = items.filter(search_vector=tsquery).order_by().values("pk")[:CANDIDATES]
    best = (items.filter(pk__in=Subquery(candidates)).annotate(rank=rank)
            .order_by("-rank", "pk").values("pk")[:PER_KIND])
    # A glossary term's title is the term without any bracketed part; its other
    # names count as title words too.
    title = _SplitPart(F("term"), Value(" ("), Value(1)) if kind == "term" else F(title_field)
    title_text = Concat(F("term"), Value(" "), F("also"), output_field=TextField()) if kind == "term" else title
    return items.filter(pk__in=Subquery(best)).order_by().defer("search_vector").alias(
        title_vector=SearchVector(title_text, config=SEARCH_CONFIG),
    ).annotate(
        rank=rank,
        title_size=Length(SearchVector(title, config=SEARCH_CONFIG)),
        in_text=_flags(plan.units, "search_vector"),
        # In a title, a phrase's words count in any order: "carry the gene" is in
        # "How can I find out if I carry the haemophilia B gene?".
        in_title=_flags(plan.units, "title_vector", search_type="plain"),
        similarity=TrigramSimilarity(Lower(_Unaccent(title)), plan.text),
    )


def _flags(units, vector, search_type="phrase"):
    """For each unit, 1 if the vector has it, else 0, as one SQL array."""
    if not units:
        return Value(None, output_field=ArrayField(IntegerField()))
    return _Array(*(Case(When(**{vector: unit.tsquery(search_type=search_type)}, then=Value(1)), default=Value(0))
                    for unit in units))


def _weights(plan, pool):
    """How much each unit counts: its words, times how rare it is among the pages found.

    On this site nearly every page says "haemophilia B"; in "haemophilia B carrier"
    the word that tells pages apart is "carrier". Pages that all have every word
    (the usual case) tell nothing apart, and the units count by their words.
    """
    total = len(pool)
    weights = []
    for position, size in enumerate(plan.sizes):
        having = sum(1 for row in pool if row.in_text[position:position + 1] == [1])
        weights.append(size * math.log(1 + (total - having + 0.5) / (having + 0.5)))
    if not sum(weights):
        return [float(size) for size in plan.sizes]
    return weights


def _score(plan, rows, pool=None, beside_all=False):
    """Score the pages found (see the module's docstring); `pool` tells how rare each unit is.

    A page found by any of the words has a text rank for any of them, which is
    not comparable with the rank of a page that has them all: beside such pages
    (beside_all) it counts for nothing, and alone it counts for the share of the
    words the page has.
    """
    weights = _weights(plan, rows if pool is None else pool)
    everything = sum(weights) or 1.0
    hits = []
    for row in rows:
        item = row.item
        title = getattr(item, KINDS[row.kind][1])
        share = sum(weight for weight, flag in zip(weights, row.in_text) if flag) / everything if plan.units else 1.0
        partial = row.loose and not all(row.in_text)
        text = item.rank / (1 + item.rank)
        if partial:
            text = 0.0 if beside_all else text * share
        in_title = sum(weight for weight, flag in zip(weights, row.in_title) if flag)
        words_in_title = sum(size for size, flag in zip(plan.sizes, row.in_title) if flag)
        # How much of the query the title has, and (less) how much of the title is the query.
        title_match = (QUERY_IN_TITLE * in_title / everything
                       + (1 - QUERY_IN_TITLE) * min(1.0, words_in_title / max(item.title_size, 1)))
        score = (text + COVERAGE_WEIGHT * share + TITLE_WEIGHT * title_match
                 + SIMILARITY_WEIGHT * item.similarity)
        exact = _is_exact(row.kind, item, title, plan)
        if exact:
            score += EXACT_MATCH_BOOST
        elif row.kind == "term":
            score *= TERM_WEIGHT
        strong = exact or (not partial and (all(row.in_title) or item.rank >= CLOSE))
        result = _result(row.kind, item, title, score)
        result.partial = partial
        hits.append(_Hit(result, strong))
    return hits


def _is_exact(kind, item, title, plan):
    """The query is the question or title, or (for the glossary) the term or one of its names."""
    exact = plan.exact
    names = item.phrases if kind == "term" else [title]
    for name in names:
        name = fold(name).rstrip("?!. ")
        if exact in (name, name + "s") or exact == name.removesuffix("s"):
            return True
    return False


def _finish(plan, hits, kinds):
    """Results best first, with pinned pages on top."""
    pinned = _pins(plan.query)
    results = [hit.result for hit in hits]
    for result in results:
        if (result.kind, result.item.pk) in pinned:
            result.rank += PIN_BOOST
            result.pinned = True
    # Pinned items that the words do not match still go first.
    found = {(r.kind, r.item.pk) for r in results}
    for (kind, pk), item in pinned.items():
        if (kind, pk) not in found and kind in kinds:
            title = item.question if kind == "question" else item.title
            results.append(_result(kind, item, title, PIN_BOOST, pinned=True))
    results.sort(key=lambda r: -r.rank)
    return results


def _append_below(results, more):
    """Add `more` after `results`, in their own order, ranked below them."""
    found = {(r.kind, r.item.pk) for r in results}
    more = sorted((r for r in more if (r.kind, r.item.pk) not in found), key=lambda r: -r.rank)
    floor = min((r.rank for r in results), default=1.0)
    for position, result in enumerate(more, start=1):
        result.rank = floor - position
        results.append(result)


def _result(kind, item, title, rank, pinned=False):
    return Result(kind, item, title, rank, pinned=pinned)


def _pins(query):
    pins = Pin.objects.filter(query=normalise(query)).select_related("question", "article")
    found = {}
    for pin in pins:
        if pin.question and pin.question.is_published:
            found[("question", pin.question.pk)] = pin.question
        elif pin.article and pin.article.is_published:
            found[("article", pin.article.pk)] = pin.article
    return found


def annotate(results, parsed_query):
    """Add excerpts and the synonyms that matched, for the results on one page."""
    parsed = parse(parsed_query, synonym_map())
    if parsed.is_empty:
        return results
    _add_excerpts(results, parsed)
    _add_matched_variants(results, parsed)
    return results


def _add_excerpts(results, parsed):
    """Excerpts around the words; a page with only some of them, around those it has."""
    if not results:
        return
    texts = [clean(r.plain_text) for r in results]
    partial = [r.partial for r in results]
    every_sql, every_params = _compile(parsed.tsquery())
    some_sql, some_params = _compile(parsed.loose_tsquery())
    options = f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""
    sql = (
        f"SELECT CASE WHEN p THEN ts_headline(%s::regconfig, t, {some_sql}, %s) "
        f"ELSE ts_headline(%s::regconfig, t, {every_sql}, %s) END "
        "FROM unnest(%s::text[], %s::boolean[]) WITH ORDINALITY AS u(t, p, n) ORDER BY n"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [SEARCH_CONFIG, *some_params, options, SEARCH_CONFIG, *every_params, options,
                             texts, partial])
        headlines = [row[0] for row in cursor.fetchall()]
    for result, headline in zip(results, headlines):
        escaped = html.escape(headline)
        result.excerpt = mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))


def _compile(tsquery):
    """SQL and parameters for a SearchQuery expression, outside any model query."""
    compiler = Query(Question).get_compiler(connection=connection)
    sql, params = tsquery.resolve_expression(Query(Question)).as_sql(compiler, connection)
    return sql, list(params)


def _add_matched_variants(results, parsed):
    """Say which other spelling or word found a result, where one did."""
    expanded = [(u, alt) for u in parsed.units if not u.negated for alt in u.alternatives]
    if not expanded:
        return
    for kind, (model, _) in KINDS.items():
        ids = [r.item.pk for r in results if r.kind == kind]
        if not ids:
            continue
        checks = {
            f"m{i}": ExpressionWrapper(Q(search_vector=_phrase(alt)), output_field=BooleanField())
            for i, (_, alt) in enumerate(expanded)
        }
        typed = {
            f"t{i}": ExpressionWrapper(Q(search_vector=_phrase(unit.text)), output_field=BooleanField())
            for i, (unit, _) in enumerate(expanded)
        }
        rows = {row["pk"]: row for row in model.objects.filter(pk__in=ids).values("pk", **checks, **typed)}
        for result in results:
            if result.kind != kind:
                continue
            row = rows[result.item.pk]
            result.matched = [
                (unit.text, alt) for i, (unit, alt) in enumerate(expanded)
                if row[f"m{i}"] and not row[f"t{i}"]
            ]


def _phrase(text):
    return SearchQuery(text, search_type="phrase", config=SEARCH_CONFIG)


def did_you_mean(parsed, synonyms):
    """The query with unknown words replaced by the closest words on the site.

    A word in a synonym group is known already, even if the site never uses it,
    and the words of synonym groups are offered as corrections too. Words that
    search ignores ("been", "have") are never offered: they would find nothing.
    """
    words = parsed.words()
    known = {word for phrase in synonyms for word in phrase.split()}
    unknown = sorted({fold(w) for w in words if _correctable(fold(w)) and fold(w) not in known})
    if not unknown:
        return ""
    extra = sorted(word for word in known if _correctable(word))
    with connection.cursor() as cursor:
        cursor.execute(_CLOSEST, [extra, SEARCH_CONFIG, unknown])
        closest = {word: best for word, best in cursor.fetchall() if best}
    corrections = {word: closest[fold(word)] for word in words if fold(word) in closest}
    return parsed.respelt(corrections) if corrections else ""


def _correctable(word):
    return len(word) >= 4 and word.isalpha()


# For each unknown word: nothing if the site uses it, else the most similar word
# (pg_trgm) that search does not ignore: from the site's own words first (so a
# UK page's spelling is offered, "haemophilia"), else from the synonym groups.
_CLOSEST = """
SELECT q.word,
       CASE WHEN EXISTS (SELECT 1 FROM search_word s WHERE s.word = q.word) THEN NULL ELSE (
           SELECT c.word FROM (
               SELECT s.word, true FROM search_word s WHERE s.word %% q.word
               UNION ALL
               SELECT e.word, false FROM unnest(%s::text[]) AS e(word) WHERE e.word %% q.word
           ) AS c(word, on_site)
           WHERE numnode(plainto_tsquery(%s::regconfig, c.word)) > 0
           ORDER BY c.on_site DESC, similarity(c.word, q.word) DESC, c.word
           LIMIT 1
       ) END
FROM unnest(%s::text[]) AS q(word)
"""


def suggestions(prefix, limit=8):
    """Titles that contain what has been typed so far, for the search box."""
    prefix = clean(prefix)[:100]
    if len(prefix) < 2:
        return []
    titles = list(
        Question.objects.published().filter(question__icontains=prefix)
        .order_by(Lower("question")).values_list("question", flat=True)[:limit]
    )
    titles += Article.objects.published().filter(title__icontains=prefix).order_by(
        Lower("title")).values_list("title", flat=True)[: limit - len(titles)]
    titles += Term.objects.published().filter(term__icontains=prefix).values_list("term", flat=True)[: limit - len(titles)]
    return titles
