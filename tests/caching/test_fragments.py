"""An article page is rendered on every request (PAGE_CACHE off) from parts kept under the
content version: the article's row and the page's body fragment. So a warm page needs no
query, and still never shows anything but the content as it is now."""

import datetime

import pytest
from django.utils import timezone

from editorial import workflow
from hemed import pagecache

NEXT_YEAR = datetime.date.today() + datetime.timedelta(days=365)


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    settings.PAGE_CACHE = False


def publish_correction(article, editor, reviewer, body, **approval):
    draft = workflow.start_new_version(article, editor)
    draft.body = body
    draft.save()
    revision = workflow.submit(draft, editor)
    return workflow.approve(draft, reviewer, revision_id=revision.pk, content_hash=revision.content_hash,
                            next_review_due=NEXT_YEAR, **approval)


def test_a_warm_article_page_needs_no_query_and_is_the_same_page(client, article, make_question,
                                                                django_assert_num_queries):
    make_question(slug="cure", question="Is Hemgenix a cure?").related_articles.add(article)
    first = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        again = client.get(article.get_absolute_url())
    assert again.content == first.content
    assert "Is Hemgenix a cure?" in again.content.decode() and "Hemgenix EPAR overview" in again.content.decode()


def test_an_approved_correction_shows_at_once(client, article, editor, reviewer):
    client.get(article.get_absolute_url())
    publish_correction(article, editor, reviewer, "Corrected: call 999 first.\n")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Corrected: call 999 first." in page


def test_a_change_to_anything_the_page_shows_shows_at_once(client, article, make_question):
    question = make_question(slug="cure", question="Is Hemgenix a cure?")
    question.related_articles.add(article)
    assert "Is Hemgenix a cure?" in client.get(article.get_absolute_url()).content.decode()
    question.question = "Does Hemgenix work for everyone?"
    question.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Does Hemgenix work for everyone?" in page and "Is Hemgenix a cure?" not in page
    article.references.update(title="Renamed reference")  # a bulk update sends no signal...
    pagecache.content_changed()  # ...so code that makes one says so (as the content import does)
    assert "Renamed reference" in client.get(article.get_absolute_url()).content.decode()


def test_a_page_taken_off_the_site_is_gone_at_once(client, article, reviewer):
    client.get(article.get_absolute_url())
    workflow.archive(article, reviewer)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_page_goes_live_on_time_without_its_preview_banner(client, reviewer_client, draft_article,
                                                                      editor, reviewer, monkeypatch):
    draft_article.last_edited_by = editor
    draft_article.save()
    revision = workflow.submit(draft_article, editor)
    in_an_hour = timezone.now() + datetime.timedelta(hours=1)
    workflow.approve(draft_article, reviewer, revision_id=revision.pk, content_hash=revision.content_hash,
                     next_review_due=NEXT_YEAR, publish_at=in_an_hour)
    preview = reviewer_client.get(draft_article.get_absolute_url()).content.decode()
    assert "Draft preview" in preview  # staff see it before it goes live, marked as such
    assert client.get(draft_article.get_absolute_url()).status_code == 404

    later = in_an_hour + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    public = client.get(draft_article.get_absolute_url())
    assert public.status_code == 200 and "Draft preview" not in public.content.decode()


def test_each_address_the_site_answers_on_prints_its_own_link(client, article, settings):
    settings.ALLOWED_HOSTS = ["hemed.example", "www.hemed.example"]
    one = client.get(article.get_absolute_url(), HTTP_HOST="hemed.example").content.decode()
    other = client.get(article.get_absolute_url(), HTTP_HOST="www.hemed.example").content.decode()
    assert "From hemed: http://hemed.example/articles/" in one
    assert "From hemed: http://www.hemed.example/articles/" in other


def test_the_feedback_form_answers_each_visitor(client, article):
    client.get(article.get_absolute_url())
    thanked = client.get(article.get_absolute_url(), {"feedback": "thanks"}).content.decode()
    assert "Thank you for your feedback" in thanked
    assert "Thank you for your feedback" not in client.get(article.get_absolute_url()).content.decode()
