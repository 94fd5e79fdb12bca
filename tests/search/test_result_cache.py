"""The same search again is answered from the result cache (kept under the content
version), and never once what it found has changed: a publication, an edit or a page
taken down shows in the very next search. Each search is still logged."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial import workflow
from search.models import SearchLog

NEXT_YEAR = datetime.date.today() + datetime.timedelta(days=365)


def results_of(client, query, **params):
    return client.get("/search/", {"q": query, **params}).content.decode()


def test_the_same_search_again_asks_the_database_only_to_log_it(client, make_question,
                                                               django_assert_max_num_queries):
    make_question()
    first = results_of(client, "is hemgenix a cure")
    with django_assert_max_num_queries(1):  # the search log's row
        again = results_of(client, "is hemgenix a cure")
    assert again == first and "Is Hemgenix a cure?" in again


def test_a_question_published_after_a_search_is_found_by_the_next_one(client, make_question, editor, reviewer):
    assert "Can I drink alcohol after Hemgenix?" not in results_of(client, "alcohol")
    question = make_question(slug="alcohol", question="Can I drink alcohol after Hemgenix?",
                             answer="Ask your team: alcohol is hard on the liver.", status="draft",
                             last_edited_by=editor)
    revision = workflow.submit(question, editor)
    workflow.approve(question, reviewer, revision_id=revision.pk, content_hash=revision.content_hash,
                     next_review_due=NEXT_YEAR)
    assert "Can I drink alcohol after Hemgenix?" in results_of(client, "alcohol")


def test_a_page_taken_off_the_site_leaves_the_results_at_once(client, make_question, reviewer):
    question = make_question()
    assert "Is Hemgenix a cure?" in results_of(client, "hemgenix cure")
    workflow.archive(question, reviewer)
    assert "Is Hemgenix a cure?" not in results_of(client, "hemgenix cure")


def test_an_edited_answer_shows_its_new_words_in_the_next_search(client, make_question):
    question = make_question(answer="It may lower the need for factor IX.")
    assert "lower the need" in results_of(client, "hemgenix cure")
    question.answer = "It may stop the need for regular factor IX injections."
    question.save()
    page = results_of(client, "hemgenix cure")
    assert "stop the need" in page and "lower the need" not in page


def test_each_page_of_results_is_its_own_and_a_page_that_is_not_there_is_not_kept(client, make_question):
    for number in range(12):
        make_question(slug=f"bleed-{number}", question=f"Bleeding question {number}?", answer="About a bleed.")
    first, second = results_of(client, "bleeding"), results_of(client, "bleeding", page=2)
    assert "12 results for <strong>bleeding</strong>" in first and "12 results for" in second
    assert first != second and results_of(client, "bleeding", page=2) == second
    assert client.get("/search/", {"q": "bleeding", "page": 9}).status_code == 404
    assert client.get("/search/", {"q": "bleeding", "page": 9}).status_code == 404


def test_a_search_from_the_cache_is_still_logged_once_per_visitor(client, make_question):
    make_question()
    results_of(client, "hemgenix cure")
    client.get("/search/", {"q": "hemgenix cure"}, REMOTE_ADDR="198.51.100.7")
    assert SearchLog.objects.filter(query="hemgenix cure").count() == 2


def test_without_the_result_cache_every_search_is_run(client, make_question, settings):
    settings.SEARCH_CACHE = False  # as bench/http.sh measures it
    make_question()
    first = results_of(client, "is hemgenix a cure")
    with CaptureQueriesContext(connection) as again:
        assert results_of(client, "is hemgenix a cure") == first
    assert len(again.captured_queries) > 1


def test_only_readers_without_a_session_get_the_kept_page(client, editor_client, make_question):
    # Someone signed in may be shown more than readers are: their pages are never kept or reused.
    make_question()
    results_of(client, "is hemgenix a cure")
    for _ in range(2):
        with CaptureQueriesContext(connection) as signed_in:
            assert "Is Hemgenix a cure?" in results_of(editor_client, "is hemgenix a cure")
        assert any("faq_question" in query["sql"] for query in signed_in.captured_queries)


def test_a_kept_results_page_carries_nothing_of_the_reader_who_asked_first(client, make_question):
    # One reader's page is served to the next: it must hold no CSRF token and set no cookie.
    make_question()
    response = client.get("/search/", {"q": "is hemgenix a cure"})
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
