"""Site search: what families type, what they find, and how bad input is answered."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from search.engine import search
from search.models import Pin, SearchLog, SynonymGroup

from .conftest import titles


def test_finds_published_content_of_every_kind_ranked_together(library):
    found = titles(search("liver"))
    assert "Why do I need so many liver tests after gene therapy?" in found
    assert "What is Hemgenix?" in found
    assert "ALT" in found
    assert "Secret draft about the liver?" not in found


def test_faq_only_filter(library):
    outcome = search("liver", kinds=("question",))
    assert {r.kind for r in outcome.results} == {"question"}


def test_us_spelling_finds_uk_pages_and_says_so(library):
    outcome = search("hemophilia inherited")
    assert titles(outcome) == ["How haemophilia B is inherited"]
    assert outcome.suggestion == ""  # a known spelling, not a typo
    outcome.annotate(outcome.results)
    assert ("hemophilia", "haemophilia") in outcome.variants


def test_number_and_roman_numeral_forms_of_factor_nine(library):
    assert "Is Hemgenix a cure?" in titles(search("factor 9"))


def test_lay_words_find_medical_ones(library):
    assert "Why do I need so many liver tests after gene therapy?" in titles(search("ALT"))
    assert "Why do I need so many liver tests after gene therapy?" in titles(search("liver test"))


def test_medicine_name_finds_brand_name(library):
    assert "What is Hemgenix?" in titles(search("etranacogene dezaparvovec"))


def test_exact_question_goes_first(library):
    assert titles(search("is hemgenix a cure"))[0] == "Is Hemgenix a cure?"


def test_web_search_syntax(library):
    assert titles(search('"factor IX" -headache')) == ["What is Hemgenix?"]
    both = titles(search("daughter or cure"))
    assert "Can my daughter have haemophilia B?" in both and "Is Hemgenix a cure?" in both


def test_typos_get_a_did_you_mean(library):
    outcome = search("hemgenics")
    assert outcome.suggestion == "hemgenix"
    assert outcome.showing_suggestion
    assert "What is Hemgenix?" in titles(outcome)


def test_a_misspelt_word_in_a_longer_query(library):
    outcome = search("hemgenix side efects")
    assert "Is Hemgenix a cure?" in titles(outcome)


def test_pinned_result_goes_first(library):
    article = Article.objects.get(slug="inheritance")
    Pin.objects.create(query="gene therapy", article=article)
    assert titles(search("Gene  Therapy"))[0] == "How haemophilia B is inherited"


def test_editors_can_add_synonyms(library):
    assert titles(search("offspring")) == []
    SynonymGroup.objects.create(status="published", words="daughter, offspring")
    assert "Can my daughter have haemophilia B?" in titles(search("offspring"))


@pytest.mark.parametrize("query", ["", "   ", "-", "or", '"', "the and of", "-liver"])
def test_queries_with_nothing_to_find_find_nothing(library, query):
    assert search(query).results == []


# The search page


def test_results_page_marks_matches_in_an_escaped_excerpt(client, library, make_question):
    make_question(slug="xss", question="About <b>liver</b> & more",
                  answer="The liver & <script>alert(1)</script> <i>kidney</i> words.")
    html = client.get("/search/", {"q": "liver"}).content.decode()
    assert "<mark>liver</mark>" in html
    assert "<script>alert(1)" not in html and "<i>kidney</i>" not in html
    assert "About &lt;b&gt;liver&lt;/b&gt; &amp; more" in html


def test_query_words_are_never_marked_up(client, library):
    html = client.get("/search/", {"q": '<img src=x onerror=alert(1)> liver'}).content.decode()
    assert "<img src=x" not in html


def test_results_page_says_which_variant_matched(client, library):
    html = client.get("/search/", {"q": "hemophilia inherited"}).content.decode()
    assert "Also searched for <strong>haemophilia</strong> (for “hemophilia”)" in html


def test_results_page_offers_did_you_mean(client, library):
    html = client.get("/search/", {"q": "hemgenics"}).content.decode()
    assert "No results for <strong>hemgenics</strong>. Showing" in html
    assert "<strong>hemgenix</strong>" in html


def test_search_box_is_on_every_page(client, library):
    for url in ["/", "/faq/", "/glossary/", "/articles/what-is-hemgenix/"]:
        assert 'action="/search/"' in client.get(url).content.decode(), url


def test_results_are_paginated(client, make_question):
    for number in range(25):
        make_question(slug=f"bleed-{number}", question=f"Bleed question {number}?", answer="About a bleed.")
    first = client.get("/search/", {"q": "bleed"})
    assert first.status_code == 200
    assert 'rel="next"' in first.content.decode()
    assert client.get("/search/", {"q": "bleed", "page": "3"}).status_code == 200
    assert client.get("/search/", {"q": "bleed", "page": "4"}).status_code == 404


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "99999999999999999999999"])
def test_bad_page_numbers_are_not_found(client, library, page):
    assert client.get("/search/", {"q": "liver", "page": page}).status_code == 404


def test_a_long_query_is_refused_with_a_reason(client, library):
    response = client.get("/search/", {"q": "liver " * 60})
    assert response.status_code == 200
    assert "Please use 200 characters or fewer." in response.content.decode()


def test_empty_search_shows_the_form(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_suggestions_as_you_type(client, library):
    data = client.get("/search/suggest/", {"q": "hemg"}).json()
    assert data["suggestions"][:2] == ["Is Hemgenix a cure?", "What is Hemgenix?"]
    assert client.get("/search/suggest/", {"q": "secret"}).json() == {"suggestions": []}
    assert client.get("/search/suggest/", {"q": "\x00"}).json() == {"suggestions": []}


# What is recorded


def test_each_search_records_the_words_and_count_only(client, library):
    client.get("/search/", {"q": "  Liver  "})
    client.get("/search/", {"q": "zzzz qqqq"})
    client.get("/search/", {"q": "liver", "page": "1"})
    logs = list(SearchLog.objects.order_by("id").values("query", "results", "date"))
    today = timezone.localdate()
    assert logs[0] == {"query": "liver", "results": logs[0]["results"], "date": today}
    assert logs[0]["results"] >= 3
    assert logs[1] == {"query": "zzzz qqqq", "results": 0, "date": today}
    field_names = {f.name for f in SearchLog._meta.get_fields()}
    assert field_names == {"id", "query", "results", "date", "visitor"}  # visitor: see tests/search/test_privacy.py


def test_insights_report_shows_top_and_missing_searches(editor_client, db):
    today = timezone.localdate()
    for query, results, days_ago in [("liver", 4, 1), ("liver", 4, 2), ("travel insurance", 0, 3),
                                     ("travel insurance", 0, 4), ("old search", 0, 60)]:
        SearchLog.objects.create(query=query, results=results, date=today - datetime.timedelta(days=days_ago))
    html = editor_client.get("/admin/search/searchlog/").content.decode()
    assert "Searches that found nothing" in html
    assert "travel insurance" in html and "liver" in html
    assert "old search" not in html
    assert "/admin/faq/question/add/?question=Travel+insurance&amp;slug=travel-insurance&amp;status=draft" in html
    assert "old search" in editor_client.get("/admin/search/searchlog/", {"days": "90"}).content.decode()
    add = editor_client.get("/admin/faq/question/add/", {"question": "Travel insurance", "status": "draft"})
    assert 'value="Travel insurance"' in add.content.decode()


def test_the_public_cannot_see_search_insights(client, db):
    assert client.get("/admin/search/searchlog/").status_code == 302


def test_a_long_query_is_cut_to_a_few_words_and_stays_fast_to_build(library):
    from search.query import MAX_UNITS, parse

    parsed = parse("liver " + " ".join(f"word{n}" for n in range(60)))
    assert len(parsed.units) == MAX_UNITS
    assert len(parse("liver liver LIVER liver").units) == 1


def test_a_part_that_only_excludes_does_not_match_everything(library):
    found = titles(search("daughter or -liver"))
    assert "Can my daughter have haemophilia B?" in found
    assert "Is Hemgenix a cure?" not in found  # "-liver" alone would have matched it


def test_a_minus_sign_or_dash_also_leaves_a_word_out(library):
    assert "Is Hemgenix a cure?" not in titles(search("factor \u2212headache"))


def test_saving_a_page_adds_its_words_for_did_you_mean(make_question, django_capture_on_commit_callbacks):
    from search.models import Word

    with django_capture_on_commit_callbacks(execute=True):
        make_question(slug="spleen", question="What does the spleen do?", answer="The spleen filters blood.")
    assert Word.objects.filter(word="spleen").exists()
    assert search("splean").suggestion == "spleen"


def test_did_you_mean_offers_the_sites_own_spelling(library):
    outcome = search("hemophelia inherited")
    assert outcome.suggestion == "haemophilia inherited"
