"""Readers can say whether a page helped, or report a problem, without JavaScript; editors
see it per page. Only the page, the day, the answer and the comment are kept."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from feedback.models import MAX_COMMENT, Feedback, Kind


@pytest.fixture(autouse=True)
def empty_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    """A browser on this site: its posts say they come from it (Origin), and CSRF is enforced."""
    return Client(enforce_csrf_checks=True, headers={"Origin": "http://testserver"})


@pytest.fixture
def csrf_client(client):
    return client


def form_token(client, url):
    """The page, and what its forms post besides the reader's fields: nothing secret."""
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "csrfmiddlewaretoken" not in html, "no per-visitor secret on a public page (BREACH, caching)"
    assert "Set-Cookie" not in str(page.headers) and not page.cookies, "no cookie for reading a page"
    return html, ""


def action(html, name):
    return re.search(rf'action="([^"]*/{name}/)"', html).group(1)


def test_an_article_asks_was_this_page_helpful_and_saves_a_yes_with_page_and_day_only(csrf_client, article):
    html, token = form_token(csrf_client, article.get_absolute_url())
    assert "Was this page helpful?" in html and "Report a problem with this page" in html
    response = csrf_client.post(action(html, "helpful"), {"helpful": "yes", "comment": "Clear, thank you."},
                                REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Secret-Browser/1.0")
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?feedback=thanks#feedback"
    note = Feedback.objects.get()
    assert (note.page, note.kind, note.comment) == (article, Kind.HELPFUL, "Clear, thank you.")
    stored = " ".join(str(value) for value in Feedback.objects.values().get().values())
    assert "203.0.113" not in stored and "Secret-Browser" not in stored
    assert {f.name for f in Feedback._meta.fields} == {"id", "content_type", "object_id", "kind", "comment", "date"}
    thanks = csrf_client.get(response["Location"]).content.decode()
    assert "Thank you for your feedback" in thanks and "Was this page helpful?" not in thanks


def test_an_answer_takes_a_no_and_a_problem_report(csrf_client, question):
    html, token = form_token(csrf_client, question.get_absolute_url())
    csrf_client.post(action(html, "helpful"), {"helpful": "no"})
    csrf_client.post(action(html, "problem"), {"comment": "The link to NICE is broken."})
    assert sorted(Feedback.objects.values_list("kind", "comment")) == [
        (Kind.NOT_HELPFUL, ""), (Kind.PROBLEM, "The link to NICE is broken.")]


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Referer": "https://evil.example/page"},
    {},  # neither header: not provably from this site
])
def test_a_post_from_another_site_is_refused(article, headers):
    forged = Client(headers=headers).post(f"/feedback/article/{article.pk}/helpful/", {"helpful": "yes"})
    assert forged.status_code == 403 and "was not sent" in forged.content.decode()
    assert not Feedback.objects.exists()


def test_a_post_whose_referer_is_this_site_is_accepted(article):
    ok = Client(headers={"Referer": "http://testserver/articles/x/"}).post(
        f"/feedback/article/{article.pk}/helpful/", {"helpful": "yes"})
    assert ok.status_code == 302 and Feedback.objects.count() == 1


def test_an_over_long_comment_is_refused_with_a_clear_message_and_kept_on_the_page(client, article):
    words = "x" * (MAX_COMMENT + 1)
    response = client.post(f"/feedback/article/{article.pk}/problem/", {"comment": words})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Your comment is {MAX_COMMENT + 1} characters long" in html and f"{MAX_COMMENT} characters or fewer" in html
    assert words in html, "what the reader wrote is shown again, not lost"
    assert not Feedback.objects.exists()


def test_a_problem_report_needs_words_and_yes_or_no_needs_a_choice(client, article):
    empty = client.post(f"/feedback/article/{article.pk}/problem/", {"comment": "   "})
    assert empty.status_code == 400 and "Tell us what is wrong with this page." in empty.content.decode()
    odd = client.post(f"/feedback/article/{article.pk}/helpful/", {"helpful": "maybe"})
    assert odd.status_code == 400 and "Choose Yes or No." in odd.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("path", ["/feedback/article/999999/helpful/", "/feedback/nothing/1/helpful/",
                                  "/feedback/article/1/delete/", "/feedback/article/99999999999999999999/helpful/"])
def test_unknown_pages_and_forms_are_not_found(client, article, path):
    assert client.post(path, {"helpful": "yes"}).status_code == 404


def test_drafts_take_no_feedback_and_get_is_not_allowed(client, draft_article, article):
    assert client.post(f"/feedback/article/{draft_article.pk}/helpful/", {"helpful": "yes"}).status_code == 404
    assert client.get(f"/feedback/article/{article.pk}/helpful/").status_code == 405
    assert "Was this page helpful?" not in client.get(draft_article.get_absolute_url()).content.decode()


def test_each_client_is_rate_limited_and_keeps_what_it_wrote(client, article, settings):
    settings.RATELIMIT_ENABLE = True
    url = f"/feedback/article/{article.pk}/helpful/"
    for _ in range(10):
        assert client.post(url, {"helpful": "yes"}, REMOTE_ADDR="198.51.100.1").status_code == 302
    refused = client.post(url, {"helpful": "no", "comment": "Eleventh note"}, REMOTE_ADDR="198.51.100.1")
    assert refused.status_code == 429
    assert "try again in an hour" in refused.content.decode() and "Eleventh note" in refused.content.decode()
    assert client.post(url, {"helpful": "no"}, REMOTE_ADDR="198.51.100.2").status_code == 302
    assert Feedback.objects.count() == 11


def test_comments_are_escaped_for_editors(reviewer_client, client, article):
    client.post(f"/feedback/article/{article.pk}/problem/", {"comment": "<script>alert(1)</script>"})
    html = reviewer_client.get("/admin/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_editors_see_feedback_per_page_with_comments_on_the_dashboard(editor_client, client, article, question):
    for helpful in ["yes", "yes", "no"]:
        client.post(f"/feedback/article/{article.pk}/helpful/", {"helpful": helpful})
    client.post(f"/feedback/article/{article.pk}/problem/", {"comment": "The dose table is hard to read."})
    client.post(f"/feedback/question/{question.pk}/helpful/", {"helpful": "yes", "comment": "Just what I needed"})
    html = editor_client.get("/admin/").content.decode()
    panel = html[html.index('id="feedback-panel"'):]
    panel = panel[:panel.index("</table>")]
    row = panel[panel.index(article.title):]
    row = row[:row.index("</tr>")]
    assert re.findall(r"<td>(\d+)</td>", row) == ["2", "1", "1"]
    assert "The dose table is hard to read." in row
    assert "Just what I needed" in panel
    changelist = editor_client.get(re.search(r'href="([^"]*feedback/feedback/[^"]*)"', row).group(1).replace("&amp;", "&"))
    assert changelist.status_code == 200 and "The dose table is hard to read." in changelist.content.decode()
    assert "Just what I needed" not in changelist.content.decode()


def test_the_public_cannot_read_feedback(client, article):
    assert client.get("/admin/feedback/feedback/").status_code == 302
