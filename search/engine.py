"""One search over published questions, articles and glossary terms, ranked together."""

import html
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.db.models.functions import Lower
from django.db.models.sql import Query
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from articles.models import Article
from faq.models import Question
from glossary.models import Term
from hemed.search_config import SEARCH_CONFIG

from .models import Pin, SynonymGroup, Word
from .query import parse
from .text import clean, fold, normalise

PER_KIND = 100          # results fetched per kind of content, best first
FEW = 3                 # fewer results than this and we try harder
EXACT_MATCH_BOOST = 100.0
PIN_BOOST = 1000.0
# Markers for ts_headline that cannot occur in text: control characters are
# removed from content before it is highlighted.
START, STOP = "\x02", "\x03"


@dataclass
class Result:
    kind: str            # "question", "article" or "term"
    item: object
    title: str
    url: str
    rank: float
    text: str = ""       # plain text to excerpt
    matched: list = field(default_factory=list)   # (typed, variant) pairs that matched
    excerpt: str = ""    # safe HTML: escaped text with <mark> around matches
    pinned: bool = False

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


def synonym_map():
    """Each folded word or phrase -> the other members of its groups."""
    mapping = {}
    for group in SynonymGroup.objects.all():
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
    query = clean(raw_query)
    synonyms = synonym_map()
    parsed = parse(query, synonyms)
    if parsed.is_empty:
        return Outcome(query, [])
    results = _ranked(query, parsed, parsed.tsquery(), kinds)
    outcome = Outcome(query, results)
    if len(results) < FEW:
        suggestion = did_you_mean(parsed, synonyms)
        if suggestion and fold(suggestion) != fold(query):
            outcome.suggestion = suggestion
            if not results:
                corrected = parse(suggestion, synonyms)
                outcome.results = _ranked(suggestion, corrected, corrected.tsquery(), kinds)
                outcome.showing_suggestion = bool(outcome.results)
        if not outcome.results and len(parsed.units) > 1:
            outcome.results = _ranked(query, parsed, parsed.loose_tsquery(), kinds)
            outcome.loosened = bool(outcome.results)
    return outcome


def _ranked(query, parsed, tsquery, kinds):
    pinned = _pins(query)
    results = []
    exact = fold(query).rstrip("?!. ")
    for kind in kinds:
        model, title_field = KINDS[kind]
        items = model.objects.all() if kind == "term" else model.objects.published()
        items = (
            items.annotate(rank=SearchRank(F("search_vector"), tsquery, cover_density=True))
            .filter(search_vector=tsquery)
            .order_by("-rank")
        )
        for item in items[:PER_KIND]:
            title = getattr(item, title_field)
            rank = item.rank
            if fold(title).rstrip("?!. ") == exact:
                rank += EXACT_MATCH_BOOST
            results.append(_result(kind, item, title, rank))
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


def _result(kind, item, title, rank, pinned=False):
    if kind == "question":
        text = item.answer_html
    elif kind == "article":
        text = item.summary + " " + item.body_html
    else:
        text = item.definition
    return Result(kind, item, title, item.get_absolute_url(), rank,
                  text=" ".join(html.unescape(strip_tags(text)).split()), pinned=pinned)


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
    tsquery = parsed.tsquery()
    _add_excerpts(results, tsquery)
    _add_matched_variants(results, parsed)
    return results


def _add_excerpts(results, tsquery):
    if not results:
        return
    texts = [clean(r.text) for r in results]
    compiler_query, params = _compile(tsquery)
    options = f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""
    sql = (
        f"SELECT ts_headline(%s::regconfig, t, {compiler_query}, %s) "
        "FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [SEARCH_CONFIG, *params, options, texts])
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

    A word in a synonym group is known already, even if the site never uses it.
    """
    words = parsed.words()
    known = {word for phrase in synonyms for word in phrase.split()}
    changed, corrected = False, []
    for word in words:
        folded = fold(word)
        if (len(folded) < 4 or not folded.isalpha() or folded in known
                or Word.objects.filter(word=folded).exists()):
            corrected.append(word)
            continue
        best = (
            Word.objects.filter(word__trigram_similar=folded)
            .annotate(similarity=TrigramSimilarity("word", folded))
            .order_by("-similarity", "word")
            .values_list("word", flat=True)
            .first()
        )
        corrected.append(best or word)
        changed |= bool(best)
    return " ".join(corrected) if changed else ""


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
    titles += Term.objects.filter(term__icontains=prefix).values_list("term", flat=True)[: limit - len(titles)]
    return titles
