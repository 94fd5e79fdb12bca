import datetime

import pytest
from django.core.exceptions import ValidationError


def test_article_page_shows_content_review_and_references(client, article, question):
    question.related_articles.add(article)
    response = client.get("/articles/what-is-hemgenix/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>What is Hemgenix? – hemed</title>" in html
    assert html.count("<h1") == 1
    assert "A one-time gene therapy for haemophilia B." in html
    # Contents list from the body's headings.
    assert 'href="#how-it-works"' in html and 'href="#after-the-infusion"' in html
    assert '<h2 id="how-it-works">How it works</h2>' in html
    # Review and reviewer.
    assert "Page last reviewed: <time datetime=\"2026-11-29\">29 November 2026</time>" in html
    assert "Next review due: <time datetime=\"2027-11-29\">29 November 2027</time>" in html
    assert "Reviewed by Dr Example, Consultant haematologist." in html
    # References, numbered.
    assert '<ol class="hemed-references">' in html
    assert "Hemgenix EPAR overview" in html
    # Related question and where to get help.
    assert "Is Hemgenix a cure?" in html
    assert "Call 999" in html
    assert "haemophilia centre" in html


def test_draft_article_is_not_public(client, draft_article):
    assert client.get("/articles/draft-article/").status_code == 404


def test_signed_in_non_staff_cannot_see_a_draft(client, draft_article, member_of_public):
    client.force_login(member_of_public)
    assert client.get("/articles/draft-article/").status_code == 404


def test_staff_can_preview_a_draft_with_a_banner(editor_client, draft_article):
    response = editor_client.get("/articles/draft-article/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Secret draft article" in html
    assert "This is a draft. Only staff can see it." in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_published_article_has_no_draft_banner(editor_client, article):
    html = editor_client.get("/articles/what-is-hemgenix/").content.decode()
    assert "This is a draft" not in html


def test_drafts_are_missing_from_every_list(client, article, draft_article):
    draft_article.featured = True
    draft_article.save()
    for url in ["/", "/articles/", "/topics/gene-therapy/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Secret draft article" not in html, url
    assert "What is Hemgenix?" in client.get("/articles/").content.decode()
    assert "What is Hemgenix?" in client.get("/topics/gene-therapy/").content.decode()


def test_home_page_shows_start_here_articles_topics_and_search(client, make_article):
    make_article(slug="start", title="Start with this", featured=True)
    make_article(slug="other", title="Not featured", featured=False)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Start with this" in html
    assert "Not featured" not in html  # only start-here articles are listed by name
    assert 'href="/topics/gene-therapy/"' in html
    assert 'action="/search/"' in html and 'name="q"' in html
    assert '<input type="hidden" name="type" value="faq">' in html  # the home box searches the FAQ


def test_home_page_lists_topics_in_their_order(client, make_article):
    from articles.models import Topic

    later = Topic.objects.create(name="A later topic", slug="later", order=9)
    make_article(slug="in-later", topic=later)
    make_article(slug="in-first")
    html = client.get("/").content.decode()
    assert html.index('href="/topics/gene-therapy/"') < html.index('href="/topics/later/"')


def test_topic_without_published_articles_is_not_on_the_home_page(client, draft_article):
    assert 'href="/topics/gene-therapy/"' not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/articles/no-such-article/",
        "/topics/no-such-topic/",
        "/articles/%3Cscript%3E/",
        "/faq/no-such-question/",
    ],
)
@pytest.mark.django_db
def test_unknown_slugs_are_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"<script>" not in response.content


@pytest.mark.parametrize("page", ["abc", "0", "-1", "2", "999999999999999999999", "1.5", "%00", "1e3"])
@pytest.mark.parametrize("url", ["/articles/", "/topics/gene-therapy/"])
def test_bad_page_numbers_are_not_found(client, article, url, page):
    assert client.get(url, {"page": page}).status_code == 404


def test_lists_paginate(client, make_article):
    for number in range(25):
        make_article(slug=f"article-{number:02}", title=f"Article {number:02}")
    first = client.get("/articles/").content.decode()
    second = client.get("/articles/", {"page": "2"}).content.decode()
    assert "Article 00" in first and "Article 24" not in first
    assert "Article 24" in second
    assert 'rel="next"' in first and 'rel="prev"' in second


def add_articles(make_article, prefix, count):
    for number in range(count):
        make_article(slug=f"{prefix}-{number}", title=f"{prefix} {number}", featured=True)


@pytest.mark.parametrize("url", ["/", "/articles/", "/topics/gene-therapy/"])
def test_list_pages_use_a_fixed_number_of_queries(client, make_article, url, django_assert_max_num_queries):
    add_articles(make_article, "few", 2)
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
    add_articles(make_article, "many", 30)
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200


def test_article_page_uses_a_fixed_number_of_queries(client, article, make_question, django_assert_max_num_queries):
    for number in range(10):
        make_question(slug=f"q-{number}", question=f"Question {number}?").related_articles.add(article)
    with django_assert_max_num_queries(4):
        assert client.get("/articles/what-is-hemgenix/").status_code == 200


def test_review_dates_more_than_three_years_apart_are_refused(article):
    article.next_review_due = article.last_reviewed + datetime.timedelta(days=4 * 365)
    with pytest.raises(ValidationError):
        article.full_clean()
    article.next_review_due = article.last_reviewed - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        article.full_clean()


def test_readers_see_who_a_page_is_written_for_unless_it_is_for_patients(client, make_article):
    make_article(slug="for-parents", title="Talking to your child", audience="families")
    make_article(slug="for-patients", title="Living well")
    page = client.get("/articles/for-parents/").content.decode()
    assert '<span class="nhsuk-caption-l">For families and carers</span>' in page
    listing = client.get("/articles/").content.decode()
    assert listing.count("For families and carers") == 1
    assert "For patients" not in listing + client.get("/articles/for-patients/").content.decode()


def test_every_article_and_answer_puts_when_to_call_999_before_the_references(client, article, question):
    assert article.references.exists()
    for url in (article.get_absolute_url(), question.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Call 999 if someone with haemophilia:" in page
        for sign in ["swelling in the throat or neck", "vomiting or coughing up blood", "feels faint or collapses",
                     "has chest pain", "severe allergic reaction during or after an infusion", "a high-pitched cry"]:
            assert sign in page, (url, sign)
        if 'id="page-references"' in page:
            assert page.index('id="page-get-help"') < page.index('id="page-references"')
        assert page.count("Signs of a bleed in the head include:") == 1


def test_the_home_page_opens_with_a_way_to_when_to_call_999_and_every_page_links_to_it(client, article):
    home = client.get("/").content.decode()
    assert home.index('href="#call-999"') < home.index("Clear information about")  # the first screen
    assert 'id="call-999"' in home and "Call 999 if someone with haemophilia:" in home
    assert 'href="/#call-999"' in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("url", ["/", "/glossary/", "/articles/what-is-hemgenix/"])
def test_each_page_says_information_not_advice_once_in_the_footer(client, article, url):
    page = client.get(url).content.decode()
    assert page.count("not medical advice") == 1
    assert 'class="nhsuk-body-s hemed-disclaimer"' in page
