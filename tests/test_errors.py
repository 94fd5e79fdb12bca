"""Server errors reach Sentry when SENTRY_DSN is set, without what a person sent or who they are.

Sentry runs in a fresh process started with SENTRY_DSN, exactly as a server would
(hemed/settings.py), so this test process's Django is never patched by the SDK. Its
DSN points at a small HTTP server here that keeps every envelope posted to it.
"""

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings

from hemed.errors import before_send

# What a family might send with a request that fails: none of it may reach Sentry.
COOKIE = "sessioncookie8f3a1c"
SEARCH = "childbleedingzx"
COMMENT = "mysonhadanosebleedqq"
CSRF = "csrfsecret" + "Q" * 22  # a CSRF secret is 32 letters and digits

# The site's URLs (the 500 page links to them), with a search that fails.
FAILING_URLCONF = '''
from django.urls import path

from hemed.urls import handler500, urlpatterns as site


def search_then_fail(request):
    term = request.GET.get("q", "")
    comment = request.POST.get("comment", "")
    raise RuntimeError("the search index is missing")


urlpatterns = [path("search/", search_then_fail), *site]
'''

# A POST to the failing search through the project's WSGI application, as gunicorn would
# call it (the test client would skip the WSGI layer, where Sentry reads the URL, query
# string and headers). KEEP_EVERYTHING swaps before_send for one that keeps the event
# whole, to show that the test would see the text if it were sent.
REQUEST_THAT_FAILS = f'''
import io
import os
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import hemed.errors

if os.environ.get("KEEP_EVERYTHING"):
    hemed.errors.before_send = lambda event, hint: event

import sentry_sdk
from django.test.utils import override_settings

from hemed.wsgi import application

body = urlencode({{"comment": "{COMMENT}", "csrfmiddlewaretoken": "{CSRF}"}}).encode()
environ = {{
    "REQUEST_METHOD": "POST", "PATH_INFO": "/search/", "QUERY_STRING": "q={SEARCH}",
    "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
    "wsgi.input": io.BytesIO(body), "HTTP_HOST": "testserver", "HTTP_COOKIE": "sessionid={COOKIE}; csrftoken={CSRF}",
    "HTTP_REFERER": "https://hemed.example.org/search/?q={SEARCH}", "HTTP_USER_AGENT": "Firefox",
}}
setup_testing_defaults(environ)
statuses = []
with override_settings(ROOT_URLCONF="failing_urls"):
    b"".join(application(environ, lambda status, headers, exc_info=None: statuses.append(status)))
assert statuses[0].startswith("500"), statuses
sentry_sdk.flush(timeout=10)
print(sentry_sdk.is_initialized())
'''


class Collector(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding:
            raise AssertionError(f"unexpected Content-Encoding {encoding}")
        self.server.received.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_collector():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def run_failing_request(tmp_path, collector, **environ):
    (tmp_path / "failing_urls.py").write_text(FAILING_URLCONF)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("SENTRY_", "REDIS_URL", "DEBUG", "PYTHONPATH"))}
    env.update(
        SECRET_KEY="a-test-key-for-an-error-report", DJANGO_SETTINGS_MODULE="hemed.settings", HTTPS="0",
        ALLOWED_HOSTS="testserver",
        CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=f"{tmp_path}{os.pathsep}{settings.BASE_DIR}",
        **environ,
    )
    if collector is not None:
        env["SENTRY_DSN"] = f"http://public@127.0.0.1:{collector.server_address[1]}/1"
    result = subprocess.run([sys.executable, "-c", REQUEST_THAT_FAILS], env=env, cwd=settings.BASE_DIR,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def events(collector):
    """The error events in the envelopes received: (envelope, event) pairs."""
    found = []
    for path, body in collector.received:
        assert path == "/api/1/envelope/"
        lines = body.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2]):
            if json.loads(header).get("type") == "event":
                found.append((body, json.loads(payload)))
    return found


def test_a_server_error_reaches_sentry_without_the_cookie_body_or_search_terms(tmp_path, sentry_collector):
    assert run_failing_request(tmp_path, sentry_collector, SENTRY_ENVIRONMENT="staging") == "True"

    received = events(sentry_collector)
    assert received, "no event reached Sentry"
    for envelope, event in received:
        for secret in (COOKIE, CSRF, SEARCH, COMMENT):
            assert secret.encode() not in envelope
        assert "user" not in event and "breadcrumbs" not in event
    envelope, event = received[0]
    assert event["environment"] == "staging"
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["exception"]["values"][-1]["value"] == "the search index is missing"
    # Where it happened is still there: the path, the method and the stack.
    assert event["request"]["url"] == "http://testserver/search/" and event["request"]["method"] == "POST"
    assert event["request"]["headers"]["User-Agent"] == "Firefox"
    frames = event["exception"]["values"][-1]["stacktrace"]["frames"]
    assert frames[-1]["function"] == "search_then_fail" and "vars" not in frames[-1]


def test_without_before_send_the_test_would_see_the_search_terms_and_the_body(tmp_path, sentry_collector):
    """The check above is not vacuous: the SDK alone sends the query string and POST body."""
    run_failing_request(tmp_path, sentry_collector, KEEP_EVERYTHING="1")

    received = events(sentry_collector)
    assert received
    envelope, event = received[0]
    assert event["request"]["query_string"] == f"q={SEARCH}"
    assert event["request"]["data"]["comment"] == COMMENT
    assert SEARCH in event["request"]["headers"]["Referer"]


def test_without_a_dsn_there_is_no_sentry(tmp_path):
    assert run_failing_request(tmp_path, None) == "False"


def test_before_send_keeps_the_error_and_drops_what_identifies_a_person():
    event = {
        "request": {
            "url": "https://hemed.example.org/search/?q=pregnancy", "method": "POST",
            "query_string": "q=pregnancy", "cookies": {"sessionid": "abc"}, "data": {"comment": "my son"},
            "env": {"REMOTE_ADDR": "203.0.113.9"},
            "headers": {"Cookie": "sessionid=abc", "Referer": "https://hemed.example.org/faq/?q=pregnancy",
                        "User-Agent": "Firefox", "X-Forwarded-For": "203.0.113.9", "Host": "hemed.example.org"},
        },
        "user": {"id": 7, "username": "nurse", "ip_address": "203.0.113.9"},
        "breadcrumbs": {"values": [{"category": "search", "message": "searched pregnancy"}]},
        "exception": {"values": [{"type": "KeyError", "value": "'q'", "stacktrace": {"frames": [
            {"filename": "search/views.py", "lineno": 20, "function": "results", "vars": {"term": "pregnancy"}},
        ]}}]},
        "threads": {"values": [{"stacktrace": {"frames": [{"function": "run", "vars": {"term": "pregnancy"}}]}}]},
    }

    sent = before_send(event, {})

    assert "pregnancy" not in json.dumps(sent) and "203.0.113.9" not in json.dumps(sent)
    assert "nurse" not in json.dumps(sent) and "my son" not in json.dumps(sent) and "abc" not in json.dumps(sent)
    assert sent["request"] == {"url": "https://hemed.example.org/search/", "method": "POST",
                               "headers": {"User-Agent": "Firefox", "Host": "hemed.example.org"}}
    assert sent["exception"]["values"][0]["stacktrace"]["frames"] == [
        {"filename": "search/views.py", "lineno": 20, "function": "results"}]
