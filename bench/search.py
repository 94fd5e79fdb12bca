#!/usr/bin/env python
"""Benchmark the site search on 100,000 questions: run by hand (`make bench`), not in CI.

It makes a separate database (hemed_bench) on the same PostgreSQL server, never
the site's own, runs the migrations into it, loads synthetic published
questions, articles and glossary terms with SQL, and times a fixed list of
searches three ways:

- engine (FAQ): search.engine.search(query, kinds=("question",)), the FAQ search
- engine (all): search.engine.search(query), the site search
- icontains:    a naive Question.objects.published().filter(question__icontains=w |
                answer__icontains=w) for every word w, first 100 rows, for comparison

It prints p50 and p95 per query and overall, EXPLAIN (ANALYZE, BUFFERS) of the
main ranked query of one search (to show the GIN index question_search_idx at
work), writes the summary to bench/results.md and drops the database unless
--keep is given. See bench/README.md.
"""

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "hemed_bench"
TARGET_P95_MS = 20.0  # issue 14: p95 <= 20 ms for the whole-site search

# The searches: UK and US spellings, phrases, typos, lay words, the query syntax,
# rare and very common words, and searches that find nothing.
QUERIES = [
    "haemophilia",
    "hemophilia",
    "haemophilia B",
    "hemophilia b gene therapy",
    "factor IX",
    "factor 9",
    "gene therapy",
    "liver",
    "liver test",
    "bleed",
    "joint bleed",
    "carrier",
    "can my daughter be a carrier",
    "is hemgenix a cure",
    "Hemgenix",
    "etranacogene dezaparvovec",
    "dezaparvovec",
    "AAV5 antibodies",
    "steroids after infusion",
    "anaemia",
    "paediatric haematologist",
    '"factor IX" levels',
    '"gene therapy" -liver',
    "carrier or daughter",
    "hemgenics",
    "haemophila",
    "side efects",
    "theraphy",
    "family doctor",
    "A&E",
    "passport renewal",
    "xyzzy",
]
EXPLAIN_QUERY = "factor IX"

# Vocabulary for the synthetic content. The generator picks medical words
# log-uniformly (word k about as often as 1/k), so "haemophilia" is in about half
# the questions, "factor IX" in a fifth and the last words in about 1 in 100, and
# some searches (`xyzzy`, `passport renewal`) find nothing.
MEDICAL = [
    "haemophilia", "bleed", "factor IX", "gene therapy", "liver", "treatment", "infusion",
    "haemophilia B", "Hemgenix", "carrier", "joint", "blood test", "clotting", "injection",
    "prophylaxis", "inhibitor", "haemophilia centre", "nurse", "haematologist", "bruise",
    "joint bleed", "steroids", "ALT", "liver test", "immune system", "antibodies", "AAV5",
    "adeno-associated virus", "vector", "dose", "side effects", "headache", "fever", "knee",
    "ankle", "elbow", "surgery", "dentist", "daughter", "son", "mother", "inherited", "gene",
    "X chromosome", "factor levels", "clinical trial", "Christmas disease", "emergency",
    "A&E", "GP", "paracetamol", "ibuprofen", "physiotherapy", "sport", "school", "travel",
    "pregnancy", "newborn", "circumcision", "tooth", "nosebleed", "menstrual bleeding",
    "anaemia", "iron", "hepatitis", "HIV", "plasma", "recombinant", "extended half-life",
    "emicizumab", "fitusiran", "concizumab", "etranacogene dezaparvovec", "dezaparvovec",
    "paediatric", "arthropathy", "target joint", "synovitis", "ultrasound", "MRI",
]
FILLER = [
    "the", "a", "and", "or", "of", "to", "in", "for", "with", "after", "before", "during", "my",
    "your", "their", "can", "could", "should", "will", "does", "do", "is", "are", "was", "how",
    "what", "when", "why", "which", "who", "often", "long", "need", "have", "has", "get", "take",
    "stop", "start", "keep", "feel", "help", "work", "change", "check", "ask", "tell", "know",
    "safe", "usual", "normal", "new", "old", "first", "last", "next", "every", "week", "month",
    "year", "day", "time", "life", "family", "child", "children", "people", "doctor", "team",
    "plan", "care", "record", "card", "letter", "phone", "home", "hospital", "clinic", "visit",
    "result", "level", "risk", "sign", "symptom", "pain", "swelling", "rest", "ice", "move",
    "walk", "run", "swim", "eat", "drink", "alcohol", "sleep", "worry", "question", "answer",
    "information", "leaflet", "support", "group", "charity", "benefit", "money", "job",
    "holiday", "insurance", "vaccine", "medicine", "tablet", "cream", "needle", "vein", "port",
    "fridge", "storage", "delivery", "order", "supply", "diary", "app", "score", "mild",
    "moderate", "severe", "more", "less", "most", "some", "many", "few", "again", "still",
]
WORDS_SQL = "ARRAY[{}]::text[]"


def sql_array(words):
    return WORDS_SQL.format(", ".join("'" + w.replace("'", "''") + "'" for w in words))


# A random text of between lo and hi words, each medical with probability p
# (early entries much more often), else filler. `g` (the row number) makes
# PostgreSQL draw fresh words for every row; `i` ties string_agg to this subquery.
def random_text_sql(lo, hi, p):
    span = hi - lo + 1
    return f"""(SELECT string_agg(CASE WHEN i > 0 AND random() < {p}
                    THEN med[least(array_length(med, 1), floor(power(array_length(med, 1) + 1, random()))::int)]
                    ELSE fil[1 + floor(random() * array_length(fil, 1))::int] END, ' ' ORDER BY i)
             FROM generate_series(1, {lo} + mod(g * 7919 + floor(random() * {span})::int, {span})) AS s(i))"""


def bench_database_url(name):
    """The user's DATABASE_URL, or the project-local cluster's, with the database name swapped."""
    base = os.environ.get("DATABASE_URL")
    if not base:
        socket_dir = ROOT / ".pgdata" / "run"  # as hemed.settings.LOCAL_DATABASE_URL
        base = f"postgres://hemed@{quote(str(socket_dir), safe='')}/hemed"
    parts = urlsplit(base)
    main_name = unquote(parts.path.lstrip("/"))
    # The script drops this database: only ever a throwaway one with "bench" in its name.
    if not re.fullmatch(r"[a-z_][a-z0-9_]*bench[a-z0-9_]*", name) or name == main_name:
        sys.exit(f"Refusing to use {name!r}: the bench database is dropped afterwards, so its name must "
                 "be a plain lower-case name containing 'bench' and not the site's database.")
    return urlunsplit(parts._replace(path="/" + quote(name))), main_name


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"  # production-like: no query log kept in memory
    os.environ.setdefault("SECRET_KEY", "bench-only-" + os.urandom(16).hex())
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hemed.settings")
    import django

    django.setup()


@contextmanager
def maintenance_cursor():
    """A cursor on the server's `postgres` database, for CREATE and DROP DATABASE."""
    from django.db import connection

    with connection._nodb_cursor() as cursor:
        yield cursor


def create_database(name, reuse):
    from django.db import connections

    connections.close_all()
    with maintenance_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and reuse:
            return True
        if exists:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    return False


def drop_database(name):
    from django.db import connections

    connections.close_all()
    with maintenance_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def step(message):
    print(f"· {message}", flush=True)


@contextmanager
def timed(message):
    start = time.perf_counter()
    print(f"· {message} …", end="", flush=True)
    yield
    print(f" {time.perf_counter() - start:.1f} s", flush=True)


def load(questions, articles, other_states):
    """Synthetic content, all with SQL: the search vectors are generated columns and fill themselves."""
    from django.db import connection, transaction

    from articles.models import Topic
    from faq.models import Category
    from search import vocabulary

    category = Category.objects.create(name="Bench", slug="bench")
    topic = Topic.objects.create(name="Bench", slug="bench")
    med, fil = sql_array(MEDICAL), sql_array(FILLER)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        with timed(f"{questions:,} published questions (+{other_states:,} drafts, in review, archived)"):
            cursor.execute(f"""
                INSERT INTO faq_question (status, published_at, updated_at, question, slug, answer,
                    answer_html, "order", last_reviewed, next_review_due, category_id, change_note,
                    review_comment, reviewer_name, reviewer_role, citations, contributor_ids, demo, also_asked)
                SELECT status, now(), now(), left(upper(left(q, 1)) || substr(q, 2) || '?', 300), 'bench-q-' || g, a,
                       '<p>' || a || '</p>', g, current_date, current_date + 1095, %s, '', '', '', '', '[]', '[]', false, ''
                FROM (
                    SELECT g, CASE WHEN g <= %s THEN 'published'
                                   ELSE (ARRAY['draft', 'in_review', 'archived'])[1 + mod(g, 3)] END AS status,
                           {random_text_sql(6, 14, 0.3)} AS q,
                           {random_text_sql(30, 90, 0.08)} AS a
                    FROM generate_series(1, %s) AS g,
                         LATERAL (SELECT {med} AS med, {fil} AS fil) AS words
                ) AS rows
            """, [category.pk, questions, questions + other_states])
        with timed(f"{articles:,} articles and 60 glossary terms"):
            cursor.execute(f"""
                INSERT INTO articles_article (status, published_at, updated_at, title, slug, audience,
                    summary, body, body_html, contents, featured, "order", reviewer_name, reviewer_role,
                    last_reviewed, next_review_due, topic_id, change_note, review_comment, citations, contributor_ids,
                    demo, layout)
                SELECT 'published', now(), now(), left(upper(left(t, 1)) || substr(t, 2), 200), 'bench-a-' || g, 'patients',
                       left(s, 300), b, '<p>' || b || '</p>', '[]', false, g, 'Dr Bench', 'Haematologist',
                       current_date, current_date + 1095, %s, '', '', '[]', '[]', false, 'page'
                FROM (
                    SELECT g, {random_text_sql(4, 9, 0.5)} AS t, {random_text_sql(15, 30, 0.3)} AS s,
                           {random_text_sql(300, 900, 0.25)} AS b
                    FROM generate_series(1, %s) AS g,
                         LATERAL (SELECT {med} AS med, {fil} AS fil) AS words
                ) AS rows
            """, [topic.pk, articles])
            cursor.execute(f"""
                INSERT INTO glossary_term (term, slug, definition, also, updated_at, status, published_at, demo,
                    contributor_ids, reviewer_name, reviewer_role, review_comment, change_note)
                SELECT term, 'bench-t-' || n, {random_text_sql(10, 25, 0.3)}, '', now(), 'published', now(), false,
                       '[]', '', '', '', ''
                FROM unnest({med}) WITH ORDINALITY AS u(term, n),
                     LATERAL (SELECT n AS g, {med} AS med, {fil} AS fil) AS words
                WHERE n <= 60
            """)
    with timed("the words for \"Did you mean\" (vocabulary.rebuild)"):
        vocabulary.rebuild()
    with timed("VACUUM ANALYZE"), connection.cursor() as cursor:
        for table in ("faq_question", "articles_article", "glossary_term", "search_word"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def naive(query):
    """What a first attempt at search looks like: every word somewhere in the question or answer."""
    from django.db.models import Q

    from faq.models import Question
    from search.query import parse

    words = parse(query).words() or [query]
    condition = Q()
    for word in words:
        condition &= Q(question__icontains=word) | Q(answer__icontains=word)
    return list(Question.objects.published().filter(condition)[:100])


def matching(query):
    """How many published questions match the query: what the ranked query has to rank."""
    from faq.models import Question
    from search.lexicon import lexicon
    from search.query import parse

    parsed = parse(query, lexicon())
    if parsed.is_empty:
        return 0
    return Question.objects.published().filter(search_vector=parsed.tsquery()).count()


def profile(query):
    import cProfile
    import pstats

    from search.engine import search

    search(query)
    profiler = cProfile.Profile()
    profiler.runcall(search, query)
    print(f"\nProfile of search({query!r}), by cumulative time:")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def percentile(samples, fraction):
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(samples)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(function, runs):
    """Wall-clock milliseconds of each run, and of the time spent waiting for the database."""
    from django.db import connection

    function()  # warm: caches, plans, the synonym table
    samples, in_database = [], []
    waited = [0.0]

    def timer(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            waited[0] += time.perf_counter() - start

    with connection.execute_wrapper(timer):
        for _ in range(runs):
            waited[0] = 0.0
            start = time.perf_counter()
            function()
            samples.append((time.perf_counter() - start) * 1000)
            in_database.append(waited[0] * 1000)
    return samples, in_database


@contextmanager
def capture_sql():
    from django.db import connection

    captured = []

    def wrapper(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield captured


def ranked_question_sql(query):
    """The SQL and parameters of the main ranked query of a FAQ search for `query`."""
    from search.engine import search

    with capture_sql() as captured:
        search(query, kinds=("question",))
    for sql, params in captured:
        if 'FROM "faq_question"' in sql and "ts_rank" in sql and "ORDER BY" in sql:
            return sql, params
    return None, None


def explain(sql, params, analyze=True):
    from django.db import connection

    options = "ANALYZE, BUFFERS" if analyze else "COSTS"
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ({options}) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


SECTION_START, SECTION_END = "<!-- bench/search.py: from here -->", "<!-- bench/search.py: to here -->"


def write_section(path, report):
    """This benchmark's part of the results file, between its markers; the rest (the HTTP
    figures of bench/http.sh) is kept."""
    section = f"{SECTION_START}\n{report.rstrip()}\n{SECTION_END}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if SECTION_START in text and SECTION_END in text:
        before, rest = text.split(SECTION_START, 1)
        text = before + section + rest.split(SECTION_END, 1)[1].lstrip("\n")
    else:
        text = (text.rstrip() + "\n\n" if text.strip() else "") + section
    path.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use a bench database kept with --keep")
    parser.add_argument("--db-name", default=BENCH_DB)
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each search (after one warm-up)")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results.md"))
    parser.add_argument("--profile", metavar="QUERY", help="also print a cProfile of search(QUERY)")
    args = parser.parse_args()

    began = time.perf_counter()
    url, main_name = bench_database_url(args.db_name)
    setup_django(url)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from faq.models import Question
    from search.engine import search

    assert settings.DATABASES["default"]["NAME"] == args.db_name != main_name
    step(f"bench database {args.db_name!r} (the site's {main_name!r} is not touched)")
    reused = create_database(args.db_name, args.reuse)
    try:
        with timed("migrations"):
            call_command("migrate", verbosity=0, interactive=False)
        if reused and Question.objects.published().count() == args.questions:
            step("reusing the content already there")
        else:
            if reused:
                sys.exit(f"{args.db_name} has other content: run without --reuse to rebuild it.")
            load(args.questions, args.articles, other_states=args.questions // 20)
        loaded = time.perf_counter()

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('faq_question')), "
                           "pg_size_pretty(pg_relation_size('question_search_idx')), "
                           "current_setting('server_version'), current_setting('shared_buffers'), "
                           "current_setting('work_mem')")
            table_size, index_size, pg_version, shared_buffers, work_mem = cursor.fetchone()

        rows = []
        load_before = os.getloadavg()[0]
        if load_before > (os.cpu_count() or 1) / 2:
            print(f"! The load average is {load_before:.1f} on {os.cpu_count()} cores: "
                  "other work on this machine will inflate the figures.")
        print(f"\n{'query':32} {'FAQ p50':>8} {'p95':>7} {'all p50':>8} {'p95':>7} "
              f"{'icont p50':>9} {'p95':>7} {'match':>6} {'found':>6} {'GIN':>4}")
        for query in QUERIES:
            faq, faq_sql = measure(lambda: search(query, kinds=("question",)), args.runs)
            everything, _ = measure(lambda: search(query), args.runs)
            icontains, _ = measure(lambda: naive(query), args.runs)
            outcome = search(query, kinds=("question",))
            sql, params = ranked_question_sql(query)
            uses_gin = bool(sql) and "question_search_idx" in explain(sql, params, analyze=False)
            row = {
                "query": query, "faq": faq, "all": everything, "icontains": icontains, "faq_sql": faq_sql,
                "found": len(outcome.results), "note": _note(outcome), "gin": uses_gin,
                "matches": matching(query),
            }
            rows.append(row)
            print(f"{query[:32]:32} {percentile(faq, .5):8.1f} {percentile(faq, .95):7.1f} "
                  f"{percentile(everything, .5):8.1f} {percentile(everything, .95):7.1f} "
                  f"{percentile(icontains, .5):9.1f} {percentile(icontains, .95):7.1f} "
                  f"{row['matches']:>6} {row['found']:>6} {'yes' if uses_gin else 'no':>4}", flush=True)

        sql, params = ranked_question_sql(EXPLAIN_QUERY)
        plan = explain(sql, params)
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) of the ranked FAQ query for {EXPLAIN_QUERY!r}:\n")
        with connection.cursor() as cursor:
            print(cursor.cursor.mogrify(sql, params).decode())
        print()
        print(plan)
        print(f"\nThe GIN index question_search_idx is {'used' if 'question_search_idx' in plan else 'NOT used'}.")
        if args.profile:
            profile(args.profile)

        finished = time.perf_counter()
        report = _report(rows, plan, EXPLAIN_QUERY, args, dict(
            table_size=table_size, index_size=index_size, pg_version=pg_version,
            shared_buffers=shared_buffers, work_mem=work_mem,
            load_seconds=loaded - began, search_seconds=finished - loaded,
            load_average=(load_before, os.getloadavg()[0]),
        ))
        write_section(Path(args.output), report)
        print("\n" + report.split("## Every query")[0].strip())
        print(f"\nWrote {os.path.relpath(args.output)}. The whole run took {finished - began:.0f} s.")
    finally:
        if args.keep:
            step(f"kept the database {args.db_name!r}: --reuse uses it again; a run without --reuse replaces it")
        else:
            drop_database(args.db_name)
            step(f"dropped the database {args.db_name!r}")


def _code_version():
    """The commit measured, and whether search/ had changes not yet committed."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "search"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit"
    return f"commit {commit}" + (" with uncommitted changes to search/" if dirty else "")


def _note(outcome):
    if outcome.showing_suggestion:
        return f"shows “{outcome.suggestion}”"
    if outcome.suggestion:
        return f"did you mean “{outcome.suggestion}”"
    if outcome.loosened:
        return "loosened"
    return ""


def _report(rows, plan, explain_query, args, facts):
    def overall(key):
        samples = [s for row in rows for s in row[key]]
        return percentile(samples, .5), percentile(samples, .95)

    def worst(key):
        return max(rows, key=lambda row: percentile(row[key], .95))

    lines = [
        "# Search benchmark",
        "",
        f"`make bench` (bench/search.py) on {date.today().isoformat()}: {args.questions:,} published FAQ "
        f"questions (+{args.questions // 20:,} unpublished), {args.articles} articles, 60 glossary terms, "
        f"synthetic text from the script's word list. {len(rows)} searches, each timed {args.runs} times "
        "after one warm-up; times are milliseconds of wall-clock time for the whole call in Python "
        f"(database round trips included). Code: {_code_version()}.",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"PostgreSQL {facts['pg_version']} (shared_buffers {facts['shared_buffers']}, work_mem "
        f"{facts['work_mem']}). faq_question is {facts['table_size']}, question_search_idx "
        f"{facts['index_size']}. Loading took {facts['load_seconds']:.0f} s, the searches "
        f"{facts['search_seconds']:.0f} s. Load average {facts['load_average'][0]:.1f} before the "
        f"searches, {facts['load_average'][1]:.1f} after"
        + (": other work was competing for the cores, so the figures are inflated."
           if max(facts["load_average"]) > os.cpu_count() / 2 else "."),
        "",
        "## Summary",
        "",
        "| method | p50 ms | p95 ms | slowest query (its p95) |",
        "| --- | ---: | ---: | --- |",
    ]
    for key, label in [("faq", "engine, questions only: `search(q, kinds=(\"question\",))`"),
                       ("all", "engine, everything: `search(q)`"),
                       ("icontains", "naive `icontains` on question and answer, first 100")]:
        p50, p95 = overall(key)
        slow = worst(key)
        lines.append(f"| {label} | {p50:.1f} | {p95:.1f} | {slow['query']} ({percentile(slow[key], .95):.0f}) |")
    sql_p50, sql_p95 = overall("faq_sql")
    faq_p95 = overall("faq")[1]
    all_p95 = overall("all")[1]
    verdict = "met" if max(faq_p95, all_p95) < TARGET_P95_MS else "missed"
    gin = sum(row["gin"] for row in rows)
    lines += [
        "",
        f"Target: p95 under {TARGET_P95_MS:.0f} ms: **{verdict}** (questions only {faq_p95:.1f} ms, "
        f"everything {all_p95:.1f} ms). The ranked FAQ query's plan uses question_search_idx for "
        f"{gin} of {len(rows)} searches (PostgreSQL scans the table instead when a word is in most rows). "
        f"Of the questions-only time, waiting for PostgreSQL took p50 {sql_p50:.1f} ms, p95 {sql_p95:.1f} ms; "
        "the rest is Python.",
        "",
        "## Every query",
        "",
        "| query | FAQ p50 | FAQ p95 | FAQ in SQL p50 | all p50 | all p95 | icontains p50 | icontains p95 | questions matching | FAQ results | GIN | note |",  # noqa: E501 (a table header)
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        cells = [f"{percentile(row[key], q):.1f}" for key in ("faq", "all", "icontains") for q in (.5, .95)]
        cells.insert(2, f"{percentile(row['faq_sql'], .5):.1f}")
        query = row["query"].replace("|", "\\|")
        lines.append(f"| `{query}` | " + " | ".join(cells)
                     + f" | {row['matches']:,} | {row['found']} | {'yes' if row['gin'] else 'no'} | {row['note']} |")
    lines += [
        "",
        f"## Plan of the ranked FAQ query for `{explain_query}`",
        "",
        "```",
        plan,
        "```",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
