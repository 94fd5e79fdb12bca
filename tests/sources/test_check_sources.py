"""`manage.py check_sources` and the dashboard's "sources to check" panel: sources nobody has
checked for 12 months, and URLs that fail, checked against a local server (no internet)."""

import datetime
import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from editorial import dashboard
from sources.checks import check_url, check_urls, not_checked_recently
from sources.dashboard import sources_to_check_panel
from sources.models import Source
from tests.conftest import TODAY

TIMEOUT = "0.5"


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.answer()

    def do_GET(self):
        self.answer()

    def answer(self):
        server = self.server
        server.seen.append((self.command, self.path, self.headers["User-Agent"]))
        try:
            if self.path == "/ok":
                self.reply(200)
            elif self.path == "/missing":
                self.reply(404)
            elif self.path == "/broken":
                self.reply(500)
            elif self.path == "/no-head":
                self.reply(405 if self.command == "HEAD" else 200)
            elif self.path == "/moved":
                self.reply(301, "/ok")
            elif self.path == "/elsewhere":
                self.reply(302, f"http://localhost:{server.server_port}/ok")
            elif self.path == "/to-ftp":
                self.reply(302, "ftp://127.0.0.1/leaflet.pdf")
            elif self.path == "/loop":
                self.reply(302, "/loop")
            elif self.path == "/slow":
                server.release.wait(5)
                self.reply(200)
            elif self.path == "/trickle":
                # Never quiet long enough for a socket time-out, never finished.
                self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                while not server.release.wait(0.05):
                    self.wfile.write(b"a")
            else:
                self.reply(404)
        except OSError:
            pass  # the checker hung up, as it should on a slow answer

    def reply(self, status, location=None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen, httpd.release = [], threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_port}"
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_source(key, url="", last_checked=None, status="published", title=None):
    return Source.objects.create(key=key, title=title or f"Source at {url or 'nowhere'}", url=url,
                                 last_checked=last_checked, status=status, grade="A")


def run(*args):
    """(exit status, output) of the command."""
    out = io.StringIO()
    try:
        call_command("check_sources", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def lines_for(output, key):
    return [line for line in output.splitlines() if line.strip().startswith(f"{key} ·")]


@pytest.fixture
def registry(db, server, closed_port):
    today = timezone.localdate()
    paths = {"S1": "/ok", "S2": "/missing", "S3": "/broken", "S4": "/no-head", "S5": "/moved", "S6": "/elsewhere",
             "S7": "/slow"}
    sources = {key: make_source(key, server.url + path, today) for key, path in paths.items()}
    sources["S8"] = make_source("S8", f"http://127.0.0.1:{closed_port}/", today, title="Unreachable")
    return sources


def test_failing_urls_get_one_line_each_a_count_and_exit_status_1(registry, server):
    started = time.monotonic()
    status, output = run("--timeout", TIMEOUT)
    elapsed = time.monotonic() - started

    assert status == 1
    assert lines_for(output, "S2") == [f"  S2 · Source at {server.url}/missing · {server.url}/missing · HTTP 404 Not Found"]
    assert lines_for(output, "S3")[0].endswith("· HTTP 500 Internal Server Error")
    assert lines_for(output, "S7")[0].endswith("· no answer within 0.5 s")
    assert lines_for(output, "S8")[0].endswith("· connection refused")
    assert "Unreachable" in lines_for(output, "S8")[0]
    # 200, 405-on-HEAD-but-200-on-GET and a same-site redirect are fine; a redirect elsewhere is a note.
    assert lines_for(output, "S1") == lines_for(output, "S4") == lines_for(output, "S5") == []
    assert lines_for(output, "S6") == [f"  S6 · Source at {server.url}/elsewhere · {server.url}/elsewhere · "
                                       f"redirects to another site: http://localhost:{server.server_port}/ok"]
    assert "URLs that fail (4):" in output and "Notes (1):" in output
    assert "Not checked for over 12 months" not in output
    assert output.splitlines()[-1].startswith(
        "4 problems in 8 published sources: 0 sources not checked for over 12 months, 4 failing URLs of 8 checked in ")
    assert output.splitlines()[-1].endswith(", 1 note.")
    # The slow server answers after 5 s: the run does not wait for it.
    assert elapsed < 3


def test_a_server_refusing_head_is_asked_again_with_get_by_name(registry, server):
    status, output = run("--timeout", TIMEOUT, "--key", "S4")

    assert status == 0
    assert [(method, agent) for method, path, agent in server.seen if path == "/no-head"] == [
        ("HEAD", "hemed-source-check/1.0"), ("GET", "hemed-source-check/1.0")]
    assert output.splitlines() == [
        "0 problems in 1 published source: 0 sources not checked for over 12 months, "
        f"0 failing URLs of 1 checked in {output.split(' checked in ')[1].split(' s')[0]} s, 0 notes."]


def test_only_http_and_https_are_fetched(db, server):
    today = timezone.localdate()
    make_source("S1", "file:///etc/passwd", today)
    make_source("S2", server.url + "/to-ftp", today)

    status, output = run("--timeout", TIMEOUT)

    assert status == 1
    assert lines_for(output, "S1")[0].endswith(
        "· not fetched: only http and https addresses are checked (this one is file:)")
    assert lines_for(output, "S2")[0].endswith(
        "· redirects to ftp://127.0.0.1/leaflet.pdf: not fetched: only http and https addresses are checked "
        "(this one is ftp:)")
    assert [path for _, path, _ in server.seen] == ["/to-ftp"]


def test_a_redirect_loop_ends(server):
    problem, note = check_url(server.url + "/loop", timeout=0.5)
    assert problem == "more than 5 redirects"
    assert len(server.seen) == 6


def test_a_server_that_trickles_its_answer_is_cut_off(server):
    started = time.monotonic()
    problem, note = check_url(server.url + "/trickle", timeout=0.5)
    assert problem == "no answer within 0.5 s"
    assert time.monotonic() - started < 1.5


def test_the_whole_run_has_a_time_limit(db, server):
    sources = [make_source("S1", server.url + "/slow"), make_source("S2", server.url + "/ok")]
    started = time.monotonic()
    checks = check_urls(sources, timeout=5, workers=2, total_timeout=0.5)
    assert time.monotonic() - started < 1.5
    assert [(check.source.key, check.problem) for check in checks] == [
        ("S1", "not checked: the run's time limit (0.5 s) ran out"), ("S2", "")]


def test_each_url_is_fetched_once(db, server):
    sources = [make_source("S1", server.url + "/ok"), make_source("S2", server.url + "/ok"), make_source("S3")]
    checks = check_urls(sources, timeout=0.5)
    assert [check.source.key for check in checks] == ["S1", "S2"]
    assert all(check.ok for check in checks)
    assert [path for _, path, _ in server.seen] == ["/ok"]


def test_sources_not_checked_for_over_12_months(db):
    make_source("S1", last_checked=TODAY - datetime.timedelta(days=395), title="Checked 13 months ago")
    make_source("S2", last_checked=TODAY - datetime.timedelta(days=335), title="Checked 11 months ago")
    make_source("S3", title="Never checked")
    make_source("S4", last_checked=TODAY.replace(year=TODAY.year - 1), title="Checked a year ago today")
    make_source("S5", status="draft", title="A draft never checked")

    assert [source.key for source in not_checked_recently(TODAY)] == ["S3", "S1"]


def test_the_dates_alone_with_skip_urls(db, server):
    today = timezone.localdate()
    thirteen_months_ago = today - datetime.timedelta(days=395)
    make_source("S1", server.url + "/missing", thirteen_months_ago, title="Checked 13 months ago")
    make_source("S2", server.url + "/missing", today - datetime.timedelta(days=335), title="Checked 11 months ago")
    make_source("S3", title="Never checked")

    status, output = run("--skip-urls")

    assert status == 1
    assert output.splitlines() == [
        "Not checked for over 12 months (2):",
        "  S3 · Never checked · no URL · never checked",
        f"  S1 · Checked 13 months ago · {server.url}/missing · "
        f"not checked since {thirteen_months_ago.day} {thirteen_months_ago:%b %Y}",
        "2 problems in 3 published sources: 2 sources not checked for over 12 months, URLs not fetched (--skip-urls).",
    ]
    assert server.seen == []


def test_nothing_to_report_exits_0_and_quiet_ok_prints_nothing(db, server):
    make_source("S1", server.url + "/ok", timezone.localdate())
    assert run("--quiet-ok", "--timeout", TIMEOUT) == (0, "")


def test_bad_options_are_refused(db):
    with pytest.raises(CommandError, match="No published source S99"):
        run("--key", "S99")
    with pytest.raises(CommandError, match="--timeout"):
        run("--timeout", "0")


@pytest.fixture
def sources_panel(monkeypatch):
    """The panel registered as sources/apps.py does, for this test only."""
    monkeypatch.setattr(dashboard, "_panels", list(dashboard._panels))
    dashboard.register_panel("admin/sources/dashboard_panel.html", sources_to_check_panel)


def test_the_dashboard_lists_overdue_sources_without_fetching_them(reviewer_client, sources_panel, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the dashboard fetched a URL")

    monkeypatch.setattr("sources.checks._request", no_network)
    today = timezone.localdate()
    overdue = make_source("S12", "https://example.org/old", today - datetime.timedelta(days=395), title="An old leaflet")
    make_source("S13", "https://example.org/new", today - datetime.timedelta(days=335), title="A recent leaflet")

    html = reviewer_client.get("/admin/").content.decode()

    assert "Sources not checked for over 12 months" in html
    assert f'<a href="/admin/sources/source/{overdue.pk}/change/">S12 · An old leaflet · grade A</a>' in html
    assert "A recent leaflet" not in html


def test_the_panel_is_hidden_when_nothing_is_overdue_or_for_people_who_cannot_see_sources(reviewer, member_of_public):
    make_source("S1", last_checked=TODAY)
    assert sources_to_check_panel(reviewer, TODAY) is None
    make_source("S2")
    assert sources_to_check_panel(reviewer, TODAY)["sources_to_check"][0]["problem"] == "never checked"
    assert sources_to_check_panel(member_of_public, TODAY) is None
