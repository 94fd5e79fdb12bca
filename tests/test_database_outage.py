"""While the database is down the site answers 503 on its own error page, and recovers by itself.

Requests go through Django's WSGI handler, as in production. The test Client would not
do: it keeps Django from closing a broken connection at the end of a request
(close_old_connections), and that is how the site recovers.
"""

import logging
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory

from hemed import pagecache

PUBLIC_PAGES = ["/", "/articles/what-is-hemgenix/", "/faq/", "/search/?q=factor"]
ADMIN_PAGES = ["/admin/", "/admin/articles/article/"]

outage = pytest.mark.django_db(transaction=True)  # the tests close and kill the connection


def get(path, cookie=""):
    """GET path through a fresh WSGI handler (it reads settings.MIDDLEWARE); (status, headers, html)."""
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = int(status.split()[0])
        started["headers"] = dict(headers)

    environ = RequestFactory().get(path, HTTP_COOKIE=cookie).environ
    body = WSGIHandler()(environ, start_response)
    try:
        html = b"".join(body).decode()
    finally:
        body.close()  # fires request_finished, as the WSGI server does
    return started["status"], started["headers"], html


def assert_unavailable(status, headers, html):
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert '<html lang="en-GB"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Sorry, the service is temporarily unavailable" in html
    assert "Try again in a few minutes." in html
    assert "In an emergency, call 999. For urgent medical help, contact your haemophilia centre." in html
    assert "problem with the service" not in html  # not the 500 page


@pytest.fixture
def editor_cookie(editor):
    client = Client()
    client.force_login(editor)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@pytest.fixture
def content(article, question):
    """A published article and question, so every page has something to show."""


@pytest.fixture
def clean_connection_afterwards():
    """Whatever a failing test left behind, the next test starts from a closed connection."""
    yield
    connection.close()


def terminate(backend_pid):
    """End a server process from a second connection, as a crash or a failover does."""
    other = connection.copy()
    try:
        with other.cursor() as cursor:
            # Waits (up to 5 s) until the process has gone.
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [backend_pid])
            assert cursor.fetchone() == (True,)
    finally:
        other.close()


@contextmanager
def connection_dies_before_query(number):
    """The server drops this connection just before the request's query `number` (from 1)."""
    count = 0

    def kill(execute, sql, params, many, context):
        nonlocal count
        count += 1
        if count == number:
            terminate(context["connection"].connection.get_backend_pid())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(kill):
        yield
    assert count >= number, "the page made too few queries to lose its connection"


@contextmanager
def database_refuses_connections(empty_directory):
    """Point the connection at a socket directory where no server listens."""
    original = connection.settings_dict["HOST"]
    connection.close()
    connection.settings_dict["HOST"] = str(empty_directory)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["HOST"] = original


def error_lines(caplog):
    return [record for record in caplog.records if record.levelno >= logging.ERROR]


@outage
@pytest.mark.parametrize(
    "path, query",
    [
        ("/", 1),  # the home page's querysets are evaluated by its template
        ("/articles/what-is-hemgenix/", 1),  # the view's get_object_or_404
        ("/articles/what-is-hemgenix/", 2),  # after the view's first query worked
        ("/faq/", 1),
        ("/search/?q=factor", 1),
    ],
)
def test_public_page_is_503_when_the_connection_dies_and_then_recovers(
    content, clean_connection_afterwards, caplog, path, query
):
    assert get(path)[0] == 200
    caplog.clear()
    pagecache.content_changed()  # so the page is built again, not served from the page cache

    with connection_dies_before_query(query):
        assert_unavailable(*get(path))
    assert len(error_lines(caplog)) == 1

    assert get(path)[0] == 200


@outage
def test_a_page_in_the_page_cache_is_still_served_while_the_database_is_down(content, clean_connection_afterwards,
                                                                           tmp_path):
    path = "/articles/what-is-hemgenix/"
    status, _, html = get(path)
    with database_refuses_connections(tmp_path):
        again, _, cached = get(path)
        assert get("/articles/")[0] == 503, "a page not in the cache is still 503"
    assert again == status == 200 and cached == html


@outage
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_page_is_503_when_the_connection_dies_and_then_recovers(
    content, editor_cookie, clean_connection_afterwards, path
):
    assert get(path, editor_cookie)[0] == 200

    # The first query is the session lookup behind request.user.
    with connection_dies_before_query(1):
        assert_unavailable(*get(path, editor_cookie))

    assert get(path, editor_cookie)[0] == 200


def user_before_the_view(get_response):
    """A middleware that reads request.user (and so the session) before the view runs."""

    def middleware(request):
        request.signed_in = request.user.is_authenticated
        return get_response(request)

    return middleware


@outage
def test_database_error_in_a_middleware_is_503(content, editor_cookie, clean_connection_afterwards, settings):
    middleware = list(settings.MIDDLEWARE)
    after_auth = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
    middleware.insert(after_auth, f"{__name__}.user_before_the_view")
    settings.MIDDLEWARE = middleware

    with connection_dies_before_query(1):
        assert_unavailable(*get("/faq/", editor_cookie))

    assert get("/faq/", editor_cookie)[0] == 200


@outage
def test_pages_are_503_while_the_server_refuses_connections_and_work_again_after(
    content, editor_cookie, clean_connection_afterwards, tmp_path, caplog
):
    with database_refuses_connections(tmp_path):
        for path in PUBLIC_PAGES:
            assert_unavailable(*get(path))
        for path in ADMIN_PAGES:
            assert_unavailable(*get(path, editor_cookie))
    assert len(error_lines(caplog)) == len(PUBLIC_PAGES) + len(ADMIN_PAGES)

    for path in PUBLIC_PAGES:
        assert get(path)[0] == 200
    for path in ADMIN_PAGES:
        assert get(path, editor_cookie)[0] == 200


def test_other_server_errors_are_still_500(rf):
    from hemed.views import server_error

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "problem with the service" in response.content.decode()


# Transactional tests run in file order, after the other database tests: this one
# checks that the tests above leave the session's connection usable.
@outage
def test_the_database_works_after_the_outage_tests(content):
    client = Client()
    assert client.get("/articles/what-is-hemgenix/").status_code == 200
    assert client.get("/faq/").status_code == 200
