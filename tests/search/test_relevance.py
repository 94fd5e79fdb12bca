"""Does the search find what families look for? Measured on the real demo content.

tests/search/relevance.yaml lists searches as families type them and the pages
they should find. Every one runs through the search over all kinds of content;
a search is a hit when one of its pages is in the top 3 (recall@3), and its
reciprocal rank is 1 / the best rank of any of them (0 when none is found).
The table of misses and both figures are printed and written to
test-artifacts/search-relevance.txt. While it runs, it also checks that no
search asks the database more than three times about any one kind of content.
"""

import io
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from faq.models import Question
from glossary.models import Term
from search.engine import search

CASES = yaml.safe_load((Path(__file__).parent / "relevance.yaml").read_text(encoding="utf-8"))
TOP = 3
MIN_RECALL = 0.9
QUERIES_PER_KIND = 3
TABLES = {"question": '"faq_question"', "article": '"articles_article"', "term": '"glossary_term"'}
REPORT = Path(settings.BASE_DIR) / "test-artifacts" / "search-relevance.txt"


def key(result):
    return f"{result.kind}:{result.item.slug}"


def evaluate(cases, busiest=None):
    """Rows of (case, best rank or None, the top results' keys).

    `busiest`, a dict, gets the most queries any one search made about each kind.
    """
    rows = []
    for case in cases:
        with CaptureQueriesContext(connection) as queries:
            found = [key(r) for r in search(case["query"]).results]
        if busiest is not None:
            for kind, table in TABLES.items():
                count = sum(1 for q in queries.captured_queries if f"FROM {table}" in q["sql"])
                if count > busiest.get(kind, (0, ""))[0]:
                    busiest[kind] = (count, case["query"])
        ranks = [found.index(page) + 1 for page in case["expect"] if page in found]
        rows.append((case, min(ranks) if ranks else None, found[:TOP]))
    return rows


def report(rows):
    hits = sum(1 for _, rank, _ in rows if rank and rank <= TOP)
    recall = hits / len(rows)
    mrr = sum(1 / rank for _, rank, _ in rows if rank) / len(rows)
    lines = [f"Search relevance: {len(rows)} searches over the demo content", ""]
    misses = [(case, rank, top) for case, rank, top in rows if not rank or rank > TOP]
    if misses:
        lines += [f"Misses ({len(misses)}): expected page not in the top {TOP}", ""]
        lines.append(f"{'query':<36} {'kind':<26} {'best rank':<10} top {TOP} / expected")
        for case, rank, top in misses:
            lines.append(f"{case['query']:<36} {case.get('kind', ''):<26} {rank or '-':<10} "
                         f"{', '.join(top) or '(nothing)'}")
            lines.append(f"{'':<74} expected: {', '.join(case['expect'])}")
        lines.append("")
    lines += [f"recall@{TOP}: {recall:.3f} ({hits}/{len(rows)})", f"MRR:      {mrr:.3f}"]
    return recall, mrr, "\n".join(lines) + "\n"


def test_the_relevance_set_is_well_formed():
    assert len(CASES) >= 55
    queries = [case["query"] for case in CASES]
    assert len(queries) == len(set(queries)), "a search is listed twice"
    for case in CASES:
        assert case["expect"], case["query"]
        for page in case["expect"]:
            kind, _, slug = page.partition(":")
            assert kind in {"question", "article", "term"} and slug, page


@pytest.mark.django_db
def test_families_find_what_they_look_for():
    call_command("load_content", stdout=io.StringIO())
    public = {
        *(f"question:{slug}" for slug in Question.objects.published().values_list("slug", flat=True)),
        *(f"article:{slug}" for slug in Article.objects.published().values_list("slug", flat=True)),
        *(f"term:{slug}" for slug in Term.objects.values_list("slug", flat=True)),
    }
    unknown = sorted({page for case in CASES for page in case["expect"]} - public)
    assert not unknown, f"relevance.yaml expects pages that are not published: {unknown}"

    busiest = {}
    recall, mrr, text = report(evaluate(CASES, busiest))
    text += "Most queries one search made per kind: " + ", ".join(
        f"{kind} {count} ({query!r})" for kind, (count, query) in sorted(busiest.items())) + "\n"
    print("\n" + text)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    assert recall >= MIN_RECALL, f"recall@{TOP} {recall:.3f} is below {MIN_RECALL}\n{text}"
    assert all(count <= QUERIES_PER_KIND for count, _ in busiest.values()), text
