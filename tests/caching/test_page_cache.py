"""Anonymous pages come from the shared cache, and never once the content behind them has
changed; editors, forms and search are never cached; pages carry ETags (304) and public
ones are compressed, the editors' ones not (BREACH)."""

import datetime
import gzip

from django.core.cache import cache
from django.core.management import call_command

from editorial import workflow
from hemed import pagecache


def test_an_anonymous_page_is_cached_and_a_reviewers_approval_shows_at_once(client, article, editor, reviewer):
    first = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss" and again["X-Page-Cache"] == "hit"
    assert again.content == first.content

    draft = workflow.start_new_version(article, editor)
    draft.body = "Corrected: call 999 first.\n"
    draft.save()
    revision = workflow.submit(draft, editor)
    workflow.approve(draft, reviewer, revision_id=revision.pk, content_hash=revision.content_hash,
                     next_review_due=datetime.date.today() + datetime.timedelta(days=365))

    fresh = client.get(article.get_absolute_url())
    assert fresh["X-Page-Cache"] == "miss" and "Corrected: call 999 first." in fresh.content.decode()


def test_any_content_change_invalidates_every_cached_page(client, article, question):
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    question.question = "Is Hemgenix a cure for everyone?"
    question.save()  # the article page lists related questions, the home page topics...
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_a_release_serves_no_page_built_before_it(client, article):
    # Each release runs migrate: new templates, and data migrations that send no save signals.
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    call_command("migrate", verbosity=0)
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_the_cache_is_shared_state_not_per_process(client, article):
    client.get(article.get_absolute_url())
    assert any(key.startswith(":1:hemed:v:") and ":page:" in key for key in cache._cache), "pages live in Django's cache"
    pagecache.content_changed()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_editors_forms_search_and_errors_are_never_cached(client, editor_client, article, draft_article):
    assert "X-Page-Cache" not in editor_client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in editor_client.get(draft_article.get_absolute_url())
    assert "X-Page-Cache" not in client.get("/search/", {"q": "hemgenix"})
    assert "X-Page-Cache" not in client.get("/healthz")
    assert "X-Page-Cache" not in client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/no-such-page/")
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url(), HTTP_COOKIE="sessionid=someone").get("X-Page-Cache") is None


def test_pages_have_an_etag_and_answer_304_when_unchanged(client, article):
    first = client.get(article.get_absolute_url())
    etag = first["ETag"]
    assert client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    article.summary = "A new summary."
    article.save()
    assert client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_public_pages_are_compressed_and_the_editors_pages_are_not(client, editor_client, article):
    page = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip" and article.title.encode() in gzip.decompress(page.content)
    login = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in login, "a page with a CSRF token is never compressed"
    assert "Content-Encoding" not in editor_client.get("/admin/", HTTP_ACCEPT_ENCODING="gzip")
