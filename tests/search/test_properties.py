"""Property-based tests: no query string or page number can break the site search.

Hypothesis throws arbitrary text at the search page, the FAQ page's search box
and the search engine: control characters and NUL, emoji and other scripts,
quotes, minus signs, `or`, search-operator and SQL-injection look-alikes,
markup, and strings up to 1,000 characters. Whatever comes in, the page
answers 200 (or 404 for a page number that is not a page), never 500, is valid
UTF-8, and shows the query only escaped.

Surrogate code points are left out: HTTP cannot carry them (they cannot be
encoded as UTF-8).
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glossary.models import Term
from search import vocabulary
from search.engine import Outcome, search
from search.text import MAX_QUERY_LENGTH, clean

# The examples of one test run inside that test's database transaction against
# one seeded site, so function-scoped fixtures are fine. (Hypothesis keeps
# failing examples in .hypothesis/, which it git-ignores itself.)
PROPERTY_SETTINGS = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pieces that mean something to the query parser, PostgreSQL, Django templates
# or HTML, plus words that are on the seeded site (so some queries find
# results, pages and excerpts).
FRAGMENTS = [
    # the query syntax: phrases, negation, alternatives
    '"', '""', '"factor IX"', "-", "--", "-liver", "- liver", "or", "OR", "Or", "or or",
    # minus signs and dashes that are not ASCII hyphens
    "\u2212", "\u2013", "\u2014", "\u2010", "\ufe63", "\uff0d",
    # tsquery operators, in case anything reaches to_tsquery()
    "&", "|", "!", "!!", ":*", ":A", "<->", "<2>", "(", ")", "\\", "'", "''",
    # SQL and LIKE
    "'; DROP TABLE faq_question; --", "' OR '1'='1", "1); SELECT pg_sleep(5); --", "%", "_",
    "$$", "E'\\\\x00'", "::tsquery", "/*", "*/", "\\x00",
    # markup and template syntax
    "<x", "<x>", "</p>", "<b>", "<mark>", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "<!--", "-->", '"><svg onload=alert(1)>',
    "' onfocus='alert(1)", "&lt;", "&amp;", "&#60;", "{{ query }}", "{% debug %}",
    # words and phrases on the site, and synonyms of them
    "liver", "liver test", "factor IX", "factor 9", "haemophilia", "hemophilia", "Hemgenix",
    "hemgenics", "gene therapy", "carrier", "bleed", "bleeding", "A&E", "ALT", "side efects",
    "is hemgenix a cure", "the", "a", "of",
    # control characters and odd white space
    "\x00", "\x01", "\x02", "\x03", "\t", "\n", "\r\n", "\x0b", "\x1f", "\x7f", "\x85",
    "\u00a0", "\u200b", "\u200d", "\u2028", "\u202e", "\u3000", "\ufeff", "\ufffd",
    # other scripts, compatibility forms and emoji
    "🩸", "🧬", "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "血友病", "гемофилия", "هيموفيليا", "हीमोफ़ीलिया",
    "ﬁ", "İ", "ß", "ǅ", "é", "e\u0301", "Ⅸ", "ⅸ", "９", "١", "𝐥𝐢𝐯𝐞𝐫", "Ω",
]
SEPARATORS = ["", " ", " ", "  ", "\t", "\n"]

fragment_queries = st.lists(
    st.tuples(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), st.sampled_from(SEPARATORS)),
    max_size=25,
).map(lambda parts: "".join(piece + sep for piece, sep in parts))

long_word_queries = st.lists(
    st.one_of(st.sampled_from(["liver", "factor", "IX", "bleed", "or", "-gene", '"a', "zzzz"]),
              st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=12)),
    min_size=10, max_size=100,
).map(" ".join).map(lambda text: text[:1000])

queries = st.one_of(
    st.text(max_size=40),
    st.text(max_size=1000),
    st.text(min_size=MAX_QUERY_LENGTH - 5, max_size=MAX_QUERY_LENGTH + 5),  # either side of the limit
    fragment_queries,
    long_word_queries,
)

pages = st.one_of(
    st.none(),
    st.integers(),
    st.integers(min_value=-2, max_value=4),
    st.integers(min_value=-2, max_value=4).map(str),
    st.sampled_from(["", " 2 ", "1.0", "2.5", "1e1", "0x1", "1_0", "١", "２", "last", "NaN", "inf", "-0"]),
    st.text(max_size=20),
)

# Queries tried every time, whatever Hypothesis draws: markup, control
# characters, SQL, syntax.
NASTY = [
    "<img src=x onerror=alert(1)> liver",
    '"><script>alert(1)</script>',
    "\x00",
    "'; DROP TABLE faq_question; --",
    "liver or -zzzz",
    '-"',
]
# The most words the search page accepts (200 characters), plain and each with
# synonyms: the slowest searches we know of, tried on the search page only.
LONGEST = [("a " * 100).strip(), ("F9 " * 66).strip()]

types = st.one_of(st.none(), st.just("faq"), st.just("all"), st.text(max_size=10))

# The start of something a browser would read as a tag, comment or declaration.
TAG_LIKE = re.compile(r"<[A-Za-z!/?][^\s<>]*>?")


@pytest.fixture
def site(client, make_article, make_question):
    """A small published site, some of its text markup-like; returns the page markup the templates use."""
    make_article(slug="what-is-hemgenix", title="What is Hemgenix?", summary="A one-time gene therapy.",
                 body="Hemgenix carries a working gene to the liver. The liver then makes factor IX.")
    make_article(slug="inheritance", title="How haemophilia B is inherited",
                 summary="Carriers, sons & daughters.",
                 body="A mother who is a carrier can pass the altered gene to her children. "
                      "Write `<b>` and 1 &lt; 2 &gt; 0 literally.")
    make_question(slug="liver-tests", question="Why do I need so many liver tests after gene therapy?",
                  answer="The immune system can inflame the liver. Blood tests check ALT every week at first.")
    make_question(slug="cure", question="Is Hemgenix a cure?",
                  answer="No. It may lower or stop the need for regular factor IX. Side effects include headache.")
    make_question(slug="markup", question="About <b>liver</b> & \"quotes\" 'here'?",
                  answer="The liver & <script>alert(1)</script> <i>kidney</i> words, 1 &lt; 2, <x> and &amp;.")
    make_question(slug="draft", question="Secret draft about the liver?", answer="Liver draft.", status="draft")
    for number in range(14):  # more than a page of results for "bleed"
        make_question(slug=f"bleed-{number}", question=f"What if a bleed happens, case {number}?",
                      answer=f"Treat a bleed early. Case {number}: call your haemophilia centre.")
    Term.objects.create(status="published", term="ALT", slug="alt", definition="A liver enzyme measured in blood tests.",
                        also="alanine aminotransferase")
    vocabulary.rebuild()
    # Every tag the search templates write, in every state: results, pages, no results, errors.
    baseline = [
        client.get("/search/", {"q": "bleed"}),
        client.get("/search/", {"q": "bleed", "page": "2", "type": "faq"}),
        client.get("/search/", {"q": "hemgenics"}),
        client.get("/search/", {"q": "zzzz qqqq"}),
        client.get("/search/", {"q": "hemophilia inherited"}),
        client.get("/search/", {"q": "x" * 300}),
        client.get("/search/", {"q": "\x00"}),
        client.get("/search/"),
        client.get("/search/", {"q": "bleed", "page": "9"}),
    ]
    assert [r.status_code for r in baseline] == [200] * 8 + [404]
    return "\n".join(r.content.decode() for r in baseline)


def _params(**values):
    """Query parameters for the test client: a missing value is left out, the rest sent as text."""
    return {key: str(value) for key, value in values.items() if value is not None}


def _check_page(response, raw_query, template_markup):
    """Valid UTF-8, and nothing tag-like from the query raw in the page (unless the templates write it)."""
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode("utf-8")  # strict: raises on invalid UTF-8
    for shown in {raw_query, clean(raw_query)}:
        for tag in set(TAG_LIKE.findall(shown)):
            if tag not in template_markup:
                assert tag not in page, f"unescaped {tag!r} from the query is in the page"
    return page


def _with_examples(*decorators):
    def apply(test):
        for decorate in reversed(decorators):
            test = decorate(test)
        return test
    return apply


@settings(max_examples=150, **PROPERTY_SETTINGS)
@given(query=queries, page=pages, kind=types)
@_with_examples(*(example(query=q, page=None, kind=None) for q in NASTY + LONGEST),
                example(query="bleed", page=2, kind="faq"), example(query="bleed", page="3", kind=None),
                example(query="liver", page="99999999999999999999999", kind=None))
def test_search_page_answers_any_query_and_page(client, site, query, page, kind):
    response = client.get("/search/", _params(q=query, page=page, type=kind))
    assert response.status_code in (200, 404)
    html = _check_page(response, query, site)
    if page in (None, "", 1, "1"):
        assert response.status_code == 200  # the first page always exists
    if response.status_code == 200:
        # What was typed is shown back in the search box, escaped.
        assert f'value="{escape(query)}"' in html


@settings(max_examples=50, **PROPERTY_SETTINGS)
@given(query=queries)
@_with_examples(*(example(query=q) for q in NASTY), example(query=""))
def test_faq_search_box_redirects_any_query_to_the_site_search(client, site, query):
    response = client.get("/faq/", {"q": query})
    assert response.status_code == 302
    location = response["Location"]
    assert "\r" not in location and "\n" not in location
    parts = urlsplit(location)
    assert parts.path == "/search/" and not parts.netloc
    assert parse_qs(parts.query, keep_blank_values=True) == {"q": [query], "type": ["faq"]}
    followed = client.get(location)
    assert followed.status_code == 200
    _check_page(followed, query, site)


@settings(max_examples=100, **PROPERTY_SETTINGS)
@given(query=queries, faq_only=st.booleans())
@_with_examples(*(example(query=q, faq_only=False) for q in NASTY))
def test_engine_searches_any_text_without_raising(site, query, faq_only):
    kinds = ("question",) if faq_only else ("question", "article", "term")
    outcome = search(query, kinds=kinds)
    assert isinstance(outcome, Outcome)
    assert {result.kind for result in outcome.results} <= set(kinds)
    assert "Secret draft about the liver?" not in [result.title for result in outcome.results]
    if not re.search(r"\w", clean(query)):
        assert outcome.results == []
    # The page's excerpts, as the view makes them: escaped text, only <mark> added.
    shown = outcome.annotate(outcome.results[:10])
    for result in shown:
        assert "<" not in re.sub(r"</?mark>", "", result.excerpt)


def test_engine_copes_with_a_thousand_characters_of_short_words(site):
    # The engine keeps at most search.query.MAX_UNITS words, so a long query
    # neither overflows Python's recursion limit nor costs seconds to build.
    assert search(("a " * 500).strip()).results == []
    assert search(" ".join(f"word{n}" for n in range(400))).results == []
