"""Finding pages: one SQL query over every kind of content, with what ranking needs.

Each kind's part finds up to CANDIDATES pages that match the tsquery (as the GIN
index yields them, unranked), keeps the PER_KIND best by PostgreSQL's cover-density
rank, and measures them against the query: which units are in the text and in the
title, directly or only through a narrower term, how long the title is and how
similar it is to what was typed. The kinds' parts are joined with UNION ALL, so a
search asks the database once however many kinds it covers.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.postgres.search import SearchVector
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Length, Lower
from django.db.models.sql import Query

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


class _Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


class _SplitPart(Func):
    function = "split_part"
    output_field = TextField()


def fetch(plan, kinds, loose=False):
    """The best pages of each kind for the plan: with every word, or (loose) with any."""
    tsquery = plan.parsed.loose_tsquery() if loose else plan.parsed.tsquery()
    rows = []
    for values in run([_part(KINDS[kind], plan, tsquery) for kind in kinds]):
        kind = KINDS[values["kind_name"]]
        item = _instance(kind, values)
        rows.append(Row(kind.name, item, values["rank"], values["in_text"] or [], values["in_title"] or [],
                        values["title_size"], values["similarity"], loose))
    # In a fixed order, whatever plan PostgreSQL picks: pages that score the same are
    # then always shown in the same order.
    order = list(KINDS)
    rows.sort(key=lambda row: (order.index(row.kind), -row.rank, row.item.pk))
    return rows


def sample(plan, kinds):
    """Which units each page with any of the words has: up to CANDIDATES pages of each kind, as the
    index yields them, unranked (cheap), to tell how rare each unit is."""
    tsquery = plan.parsed.loose_tsquery()
    parts = []
    for name in kinds:
        sql_of = columns(KINDS[name])
        public_sql, public_params = _public(KINDS[name])
        flags_sql, flags_params = _flags(plan.units, sql_of.vector)
        parts.append((f"SELECT {flags_sql} AS flags FROM {sql_of.table} "
                      f"WHERE {public_sql} AND {sql_of.vector} @@ {tsquery.sql} LIMIT {CANDIDATES}",
                      [*flags_params, *public_params, *tsquery.params]))
    return [values["flags"] for values in run(parts)]


# The query is written here rather than with the ORM: Django resolving, copying and
# compiling the same tree of expressions for every kind, unit and level of subquery cost
# more than PostgreSQL running it. The pieces that Django knows best (what "published"
# means, a kind's title and names as text) are still compiled by Django, from the models.

@dataclass(frozen=True)
class Columns:
    """SQL for a kind's table and the fields ranking reads (no parameters unless said)."""

    table: str
    pk: str
    vector: str
    select: str           # pk, slug, demo, heading, name_text, asked, title_size
    select_params: tuple
    names_vector: str     # to_tsvector of the title-like fields, for the title's flags
    names_params: tuple
    plain_title: str      # lower(unaccent(title)), for its similarity to what was typed
    title_params: tuple


@cache
def columns(kind):
    """The kind's Columns, compiled by Django from its model once per process (they
    depend on the model's fields only, never on content)."""
    model = kind.model
    title = F(kind.title_field)
    # A glossary term's shown title has a bracketed part ("Factor IX (FIX)") that
    # titles are not measured by.
    if kind.name == "term":
        title = _SplitPart(title, Value(" ("), Value(1))
    names = kind.names_text()
    select, select_params = [], []
    for alias, expression in [
        ("pk", F("pk")), ("slug", F("slug")),
        ("demo", F("demo")),  # results pages say when they show example content
        ("heading", F(kind.title_field)), ("name_text", names), ("asked", kind.asked_text()),
        ("title_size", Length(SearchVector(title, config=SEARCH_CONFIG))),
    ]:
        sql, params = _compile(model, expression)
        select.append(f"{sql} AS {alias}")
        select_params += params
    names_vector, names_params = _compile(model, SearchVector(names, config=SEARCH_CONFIG))
    plain_title, title_params = _compile(model, Lower(_Unaccent(title)))
    return Columns(
        table=connection.ops.quote_name(model._meta.db_table), pk=_compile(model, F("pk"))[0],
        vector=_compile(model, F("search_vector"))[0], select=", ".join(select), select_params=tuple(select_params),
        names_vector=names_vector, names_params=tuple(names_params),
        plain_title=plain_title, title_params=tuple(title_params),
    )


def _compile(model, expression):
    query = Query(model)
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(expression.resolve_expression(query, allow_joins=False))
    return sql, list(params)


def _public(kind):
    """The model's one definition of published now, as SQL on its table."""
    query = kind.public().query
    sql, params = query.get_compiler(connection=connection).compile(query.where)
    return sql, list(params)


def _part(kind, plan, tsquery):
    """SQL for one kind: up to CANDIDATES matches as the GIN index yields them (no ORDER BY:
    ranking them all would cost more), the PER_KIND best of those by cover-density rank,
    and for each what ranking needs."""
    sql_of = columns(kind)
    table, pk, vector = sql_of.table, sql_of.pk, sql_of.vector
    public_sql, public_params = _public(kind)
    in_text, in_text_params = _flags(plan.units, vector)
    # In a title, a phrase's words count in any order: "carry the gene" is in
    # "How can I find out if I carry the haemophilia B gene?".
    in_title, in_title_params = _flags(plan.units, "names.vector", search_type="plain")
    rank = f"ts_rank_cd({vector}, {tsquery.sql})"
    sql = (
        f"SELECT {sql_of.select}, %s::text AS kind_name, {rank} AS rank, {in_text} AS in_text, "
        f"{in_title} AS in_title, similarity({sql_of.plain_title}, %s) AS similarity "
        f"FROM {table} CROSS JOIN LATERAL (SELECT {sql_of.names_vector} AS vector) AS names "
        f"WHERE {pk} IN (SELECT {pk} FROM {table} WHERE {pk} IN ("
        f"SELECT {pk} FROM {table} WHERE {public_sql} AND {vector} @@ {tsquery.sql} LIMIT {CANDIDATES}) "
        f"ORDER BY {rank} DESC, {pk} LIMIT {PER_KIND})"
    )
    params = [*sql_of.select_params, kind.name, *tsquery.params, *in_text_params, *in_title_params,
              *sql_of.title_params, plan.text, *sql_of.names_params,
              *public_params, *tsquery.params, *tsquery.params]
    return sql, params


def run(parts):
    """Rows (as dicts) of the parts ((sql, params) pairs), joined with UNION ALL: one query
    however many kinds."""
    sql = " UNION ALL ".join(f"({part})" for part, _ in parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, [param for _, params in parts for param in params])
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _flags(units, vector, search_type="phrase"):
    """SQL for an array: for each unit, DIRECT if the vector has it, NARROWER if only a narrower term, else 0."""
    if not units:
        return "NULL::integer[]", []
    cases, params = [], []
    for unit in units:
        direct = unit.direct(search_type)
        case = f"CASE WHEN {vector} @@ {direct.sql} THEN {DIRECT}"
        params += direct.params
        if unit.narrower:
            narrower = unit.through_narrower(search_type)
            case += f" WHEN {vector} @@ {narrower.sql} THEN {NARROWER}"
            params += narrower.params
        cases.append(f"{case} ELSE 0 END")
    # ARRAY[a, b, c], flat: a long query must not nest one expression per word.
    return f"ARRAY[{', '.join(cases)}]::integer[]", params


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
