"""Does the search find what families look for? Measured on the real demo content.

tests/search/relevance.yaml lists searches as families type them and the pages
they should find. Every one runs through the search over all kinds of content;
a search is a hit when one of its pages is in the top 3 (recall@3), and its
reciprocal rank is 1 / the best rank of any of them (0 when none is found).

The searches are split in two halves, drawn at random once (the seed and the
rule are in the header of relevance.yaml, and every entry records its `half`).
The ranking may be tuned on the `tune` half; the `held-out` half measures it,
and only the held-out half is gated. Both halves, each with its table of
misses, are printed and written to test-artifacts/search-relevance.txt. While
it runs, it also checks that no search asks the database more than
QUERIES_PER_KIND times about any one kind of content.
"""

import io
import re
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

TOP = 3
# The gate, on the held-out half only.
MIN_RECALL = 0.9
MIN_MRR = 0.85
QUERIES_PER_KIND = 3

HALVES = ("held-out", "tune")
GATED = "held-out"
ORIGINS = ("tuned", "fresh")
RELEVANCE = Path(__file__).parent / "relevance.yaml"
RELEVANCE_TEXT = RELEVANCE.read_text(encoding="utf-8")
CASES = yaml.safe_load(RELEVANCE_TEXT)
SEED = re.search(r"^# split seed: (\d+)$", RELEVANCE_TEXT, re.M)
# The header's account of the split: from "How the split was made" to the end
# of that comment block.
SPLIT_RULE = "\n".join(
    line[2:] for line in re.search(r"^# How the split was made.*?(?=^[^#])", RELEVANCE_TEXT, re.M | re.S)
    .group(0).splitlines()
) if SEED and "\n# How the split was made" in RELEVANCE_TEXT else ""
TABLES = {"question": '"faq_question"', "article": '"articles_article"', "term": '"glossary_term"'}
CONTENT = Path(settings.BASE_DIR) / "content"
REPORT = Path(settings.BASE_DIR) / "test-artifacts" / "search-relevance.txt"


def key(result):
    return f"{result.kind}:{result.item.slug}"


def content_pages():
    """Every page in content/, read from the files: {"kind:slug": status}."""
    pages = {}
    for path in sorted((CONTENT / "faq").glob("*.yaml")):
        for question in yaml.safe_load(path.read_text(encoding="utf-8")).get("questions") or []:
            pages[f"question:{question['slug']}"] = question.get("status")
    for path in sorted((CONTENT / "articles").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        pages[f"article:{front['slug']}"] = front.get("status")
    for term in yaml.safe_load((CONTENT / "glossary.yaml").read_text(encoding="utf-8")):
        pages[f"term:{term['slug']}"] = term.get("status")
    return pages


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


def scores(rows):
    """(recall@TOP, MRR, hits) over `rows`."""
    if not rows:
        return 0.0, 0.0, 0
    hits = sum(1 for _, rank, _ in rows if rank and rank <= TOP)
    return hits / len(rows), sum(1 / rank for _, rank, _ in rows if rank) / len(rows), hits


def summary(label, rows):
    recall, mrr, hits = scores(rows)
    return f"{label:<22} recall@{TOP} {recall:.3f} ({hits}/{len(rows)})   MRR {mrr:.3f}"


def misses_table(rows):
    misses = [(case, rank, top) for case, rank, top in rows if not rank or rank > TOP]
    if not misses:
        return ["No misses."]
    lines = [f"Misses ({len(misses)}): expected page not in the top {TOP}", "",
             f"{'query':<48} {'kind':<44} {'origin':<7} {'best rank':<10} top {TOP} / expected"]
    for case, rank, top in misses:
        lines.append(f"{case['query']:<48} {case.get('kind', ''):<44} {case.get('origin', ''):<7} "
                     f"{rank or '-':<10} {', '.join(top) or '(nothing)'}")
        lines.append(f"{'':<112} expected: {', '.join(case['expect'])}")
    return lines


def report(rows):
    """(held-out recall, held-out MRR, the report's text)."""
    by_half = {half: [row for row in rows if row[0]["half"] == half] for half in HALVES}
    lines = [f"Search relevance: {len(rows)} searches over the demo content", "",
             f"Split: seed {SEED.group(1) if SEED else '?'}, recorded per entry as `half` in "
             f"tests/search/relevance.yaml.", SPLIT_RULE, "",
             f"Gate (held-out half only): recall@{TOP} >= {MIN_RECALL}, MRR >= {MIN_MRR}", ""]
    for half in HALVES:
        lines.append(summary(half + (" (gated)" if half == GATED else ""), by_half[half]))
    lines.append(summary("all", rows))
    lines.append("")
    lines.append("By origin (tuned: the searches the ranking was tuned on; fresh: written without it)")
    for half in (*HALVES, "all"):
        for origin in ORIGINS:
            part = [row for row in (rows if half == "all" else by_half[half]) if row[0].get("origin") == origin]
            lines.append(summary(f"  {half}, {origin}", part))
    for half in HALVES:
        lines += ["", f"== {half} half{' (gated)' if half == GATED else ''}: {len(by_half[half])} searches ==",
                  summary(half, by_half[half]), "", *misses_table(by_half[half])]
    recall, mrr, _ = scores(by_half[GATED])
    return recall, mrr, "\n".join(lines) + "\n"


def test_the_relevance_set_is_well_formed():
    assert len(CASES) >= 55
    queries = [" ".join(case["query"].lower().split()) for case in CASES]
    twice = sorted({q for q in queries if queries.count(q) > 1})
    assert not twice, f"searches listed twice: {twice}"
    assert SEED, "relevance.yaml's header must record the split seed as '# split seed: <number>'"
    pages = content_pages()
    unknown, unpublished = set(), set()
    for case in CASES:
        assert case["expect"], case["query"]
        assert case.get("half") in HALVES, f"{case['query']!r}: half must be one of {HALVES}"
        assert case.get("origin") in ORIGINS, f"{case['query']!r}: origin must be one of {ORIGINS}"
        for page in case["expect"]:
            kind, _, slug = page.partition(":")
            assert kind in {"question", "article", "term"} and slug, page
            if page not in pages:
                unknown.add(f"{case['query']!r} -> {page}")
            elif pages[page] != "published":
                unpublished.add(f"{case['query']!r} -> {page} ({pages[page]})")
    assert not unknown, "relevance.yaml expects pages that are not in content/:\n" + "\n".join(sorted(unknown))
    assert not unpublished, "relevance.yaml expects pages that are not published:\n" + "\n".join(sorted(unpublished))
    counts = {half: sum(1 for case in CASES if case["half"] == half) for half in HALVES}
    assert abs(counts["tune"] - counts["held-out"]) <= max(10, len(CASES) // 10), (
        f"the halves are lopsided: {counts}")


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
    text += "\nMost queries one search made per kind: " + ", ".join(
        f"{kind} {count} ({query!r})" for kind, (count, query) in sorted(busiest.items())) + "\n"
    print("\n" + text)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    assert all(count <= QUERIES_PER_KIND for count, _ in busiest.values()), text
    assert recall >= MIN_RECALL and mrr >= MIN_MRR, (
        f"held-out half: recall@{TOP} {recall:.3f} (gate {MIN_RECALL}), MRR {mrr:.3f} (gate {MIN_MRR})\n{text}")
