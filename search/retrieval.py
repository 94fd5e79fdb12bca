"""Finding pages: one SQL query over every kind of content, with what ranking needs.

Each kind's part finds up to CANDIDATES pages that match the tsquery (as the GIN
index yields them, unranked), keeps the PER_KIND best by PostgreSQL's cover-density
rank, and measures them against the query: which units are in the text and in the
title, directly or only through a narrower term, how long the title is and how
similar it is to what was typed. The kinds' parts are joined with UNION ALL, so a
search asks the database once however many kinds it covers.
"""

from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchRank, SearchVector, SearchVectorExact, TrigramSimilarity
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Case, F, Func, IntegerField, Subquery, TextField, Value, When
from django.db.models.functions import Length, Lower

from hemed.search_config import SEARCH_CONFIG

from .kinds import KINDS

PER_KIND = 100    # pages ranked per kind, best first
# On a very large site a common word matches tens of thousands of pages; ranking
# them all costs hundreds of milliseconds, so only this many matches, as the index
# yields them, are ranked. Hemed has a few hundred pages, so all are; see bench/README.md.
CANDIDATES = 500
DIRECT, NARROWER = 2, 1   # flag values: the unit itself (or a synonym), or only a narrower term


@dataclass
class Row:
    """A page found, with what ranking needs to know about it."""

    kind: str
    item: object
    rank: float           # ts_rank_cd of the page for the query
    in_text: list         # per unit: DIRECT, NARROWER or 0
    in_title: list        # the same, for the title-like fields
    title_size: int       # searchable words in the title
    similarity: float     # trigram similarity of the title to everything typed
    loose: bool = False   # found by the query for any of the words

    @property
    def key(self):
        return (self.kind, self.item.pk)


class _Array(Func):
    """ARRAY[a, b, c], flat: a long query must not nest one expression per word."""

    template = "ARRAY[%(expressions)s]::integer[]"
    output_field = ArrayField(IntegerField())


class _Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


class _SplitPart(Func):
    function = "split_part"
    output_field = TextField()


def fetch(plan, kinds, loose=False):
    """The best pages of each kind for the plan: with every word, or (loose) with any."""
    tsquery = plan.parsed.loose_tsquery() if loose else plan.parsed.tsquery()
    parts = [_part(KINDS[kind], plan, tsquery) for kind in kinds]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    rows = []
    for values in query:
        kind = KINDS[values["kind_name"]]
        item = _instance(kind, values)
        rows.append(Row(kind.name, item, values["rank"], values["in_text"] or [], values["in_title"] or [],
                        values["title_size"], values["similarity"], loose))
    return rows


def sample(plan, kinds):
    """Which units each page with any of the words has: up to CANDIDATES pages of each kind, as the
    index yields them, unranked (cheap), to tell how rare each unit is."""
    tsquery = plan.parsed.loose_tsquery()
    parts = [KINDS[kind].public().filter(search_vector=tsquery).order_by()
             .values(flags=_flags(plan.units, "search_vector"))[:CANDIDATES] for kind in kinds]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return [values["flags"] for values in query]


def _part(kind, plan, tsquery):
    items = kind.public()
    rank = SearchRank(F("search_vector"), tsquery, cover_density=True)
    # No ORDER BY here: the GIN index hands over matches without ranking them all.
    candidates = items.filter(search_vector=tsquery).order_by().values("pk")[:CANDIDATES]
    best = (items.filter(pk__in=Subquery(candidates)).annotate(rank=rank)
            .order_by("-rank", "pk").values("pk")[:PER_KIND])
    # A glossary term's shown title has a bracketed part ("Factor IX (FIX)") that
    # titles are not measured by.
    title = F(kind.title_field)
    if kind.name == "term":
        title = _SplitPart(title, Value(" ("), Value(1))
    names = kind.names_text()
    return items.filter(pk__in=Subquery(best)).order_by().alias(
        names_vector=SearchVector(names, config=SEARCH_CONFIG),
    ).values(
        "pk", "slug", "demo",  # demo: results pages say when they show example content
        kind_name=Value(kind.name, output_field=TextField()),
        heading=F(kind.title_field),
        name_text=names,
        asked=kind.asked_text(),
        rank=rank,
        title_size=Length(SearchVector(title, config=SEARCH_CONFIG)),
        in_text=_flags(plan.units, "search_vector"),
        # In a title, a phrase's words count in any order: "carry the gene" is in
        # "How can I find out if I carry the haemophilia B gene?".
        in_title=_flags(plan.units, "names_vector", search_type="plain"),
        similarity=TrigramSimilarity(Lower(_Unaccent(title)), plan.text),
    )


def _flags(units, vector, search_type="phrase"):
    """For each unit, DIRECT if the vector has it, NARROWER if only a narrower term, else 0."""
    if not units:
        return Value(None, output_field=ArrayField(IntegerField()))
    cases = []
    for unit in units:
        whens = [When(SearchVectorExact(F(vector), unit.direct(search_type)), then=Value(DIRECT))]
        if unit.narrower:
            whens.append(When(SearchVectorExact(F(vector), unit.through_narrower(search_type)), then=Value(NARROWER)))
        cases.append(Case(*whens, default=Value(0)))
    return _Array(*cases)


def _instance(kind, values):
    """The page as a model instance with only what results show loaded (the rest loads if asked)."""
    model = kind.model
    known = {"id": values["pk"], "slug": values["slug"], "demo": values["demo"], kind.title_field: values["heading"]}
    # The other title-like field, if any (a term's other names, a question's other phrasings).
    others = kind.present(kind.names)[1:]
    if len(others) == 1:
        known[others[0]] = values["name_text"][len(values["heading"]):].strip()
    for name in kind.present(kind.asked_as):
        known[name] = values["asked"]
    names = [f.attname for f in model._meta.concrete_fields if f.attname in known]
    return model.from_db(DEFAULT_DB_ALIAS, names, [known[name] for name in names])
