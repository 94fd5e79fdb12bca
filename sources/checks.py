"""Is the registry still sound? Sources nobody has checked for over a year, and source URLs
that no longer answer. Used by `manage.py check_sources` and, for the dates only (no network
while the admin renders), by the editors' dashboard.
"""

import concurrent.futures
import http.client
import socket
import ssl
import threading
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.db.models import F, Q
from django.utils import timezone

from .models import Source

USER_AGENT = "hemed-source-check/1.0"
SCHEMES = ("http", "https")
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
# Answers from servers that refuse HEAD (or mishandle it) and may still answer GET.
HEAD_REFUSED = (403, 405, 501)
# What a URL keeps unencoded when it is sent: RFC 3986's reserved and unreserved characters, and "%".
URL_SAFE = "/?:@!$&'()*+,;=%~"


def a_year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def not_checked_recently(today=None):
    """Published sources last checked over 12 months ago, or never: never-checked first, then the oldest."""
    cutoff = a_year_before(today or timezone.localdate())
    return (
        Source.objects.published()
        .filter(Q(last_checked__isnull=True) | Q(last_checked__lt=cutoff))
        .order_by(F("last_checked").asc(nulls_first=True), "id")
    )


@dataclass
class UrlCheck:
    """What checking one source's URL found: a problem (it fails), a note (it works, but look), or neither."""

    source: Source
    url: str
    problem: str = ""
    note: str = ""

    @property
    def ok(self):
        return not self.problem


def check_urls(sources, timeout=10, workers=8, total_timeout=None):
    """A UrlCheck for each source that has a URL, in the sources' order. Each distinct URL is fetched
    once, `workers` at a time; `timeout` bounds each connection and each answer, and URLs still
    unanswered after `total_timeout` seconds are reported as not checked. The threads use no database."""
    sources = [source for source in sources if source.url]
    urls = list(dict.fromkeys(source.url for source in sources))
    found = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="check-sources")
    try:
        futures = {pool.submit(check_url, url, timeout): url for url in urls}
        done, _ = concurrent.futures.wait(futures, timeout=total_timeout)
        for future in done:
            found[futures[future]] = future.result()
    finally:
        # Do not wait for checks still running: each of their requests ends within its own time-out.
        pool.shutdown(wait=False, cancel_futures=True)
    unfinished = (f"not checked: the run's time limit ({total_timeout or 0:g} s) ran out", "")
    return [UrlCheck(source, source.url, *found.get(source.url, unfinished)) for source in sources]


def check_url(url, timeout=10):
    """(problem, note) for one URL, each "" if none: HEAD (GET if the server refuses HEAD), following redirects."""
    first = url
    method = "HEAD"
    for _ in range(MAX_REDIRECTS + 1):
        refused = _refuse(url)
        if refused:
            return (f"redirects to {url}: {refused}" if url != first else refused), ""
        try:
            status, reason, location = _request(method, url, timeout)
            if method == "HEAD" and status in HEAD_REFUSED:
                method = "GET"
                status, reason, location = _request(method, url, timeout)
        except _Failed as failure:
            return _at(str(failure), url, first), ""
        if status in REDIRECTS and location:
            url = urljoin(url, location)
            method = "GET" if status == 303 else method
            continue
        if status >= 400:
            return _at(f"HTTP {status} {reason}".strip(), url, first), ""
        moved = _host(url) != _host(first)
        return "", (f"redirects to another site: {url}" if moved else "")
    return f"more than {MAX_REDIRECTS} redirects", ""


def _host(url):
    return (urlsplit(url).hostname or "").lower()


def _at(problem, url, first):
    """The problem, saying where, when redirects led somewhere else."""
    return problem if url == first else f"{problem} (after redirects, at {url})"


def _refuse(url):
    """Why this URL is not fetched, or ""."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "not a valid web address"
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"this one is {scheme}:" if scheme else "this one has no scheme"
        return f"not fetched: only http and https addresses are checked ({shown})"
    if not parts.hostname or port == 0:
        return "not a valid web address"
    return ""


class _Failed(Exception):
    """A request that got no usable answer; the message says why, for an editor."""


def _request(method, url, timeout):
    """One request, redirects not followed: (status, reason, Location). Only the headers are read."""
    parts = urlsplit(url)
    https = parts.scheme.lower() == "https"
    connection_class = http.client.HTTPSConnection if https else http.client.HTTPConnection
    # The port is given separately so an IPv6 address is not read as host:port.
    connection = connection_class(parts.hostname, parts.port or (443 if https else 80), timeout=timeout)
    target = quote(parts.path or "/", safe=URL_SAFE) + (f"?{quote(parts.query, safe=URL_SAFE)}" if parts.query else "")
    expired = threading.Event()

    def cut():
        # A server that trickles its answer a byte at a time never trips the socket time-out.
        expired.set()
        try:
            connection.sock.shutdown(socket.SHUT_RDWR)
        except (AttributeError, OSError, ValueError):
            pass

    watchdog = threading.Timer(timeout, cut)
    try:
        connection.connect()
        watchdog.start()
        connection.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"})
        response = connection.getresponse()
        answer = response.status, response.reason, response.getheader("Location")
    except Exception as error:
        if expired.is_set():
            raise _Failed(f"no answer within {timeout:g} s") from error
        raise _Failed(_explain(error, parts.hostname, timeout)) from error
    finally:
        watchdog.cancel()
        connection.close()
    if expired.is_set():
        # Cut off mid-headers, http.client may still return what it had read.
        raise _Failed(f"no answer within {timeout:g} s")
    return answer


def _explain(error, host, timeout):
    if isinstance(error, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(error, socket.gaierror):
        return f"host not found ({host})"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"the site's certificate is not valid ({error.verify_message})"
    if isinstance(error, ssl.SSLError):
        return f"secure connection failed ({error.reason or error})"
    if isinstance(error, http.client.HTTPException):
        return f"not a valid HTTP answer ({type(error).__name__})"
    if isinstance(error, OSError):
        return f"connection failed ({error.strerror or error})"
    if isinstance(error, UnicodeError):
        return "not a valid web address"
    # Whatever else goes wrong with one URL must not stop the report on the others.
    return f"check failed ({type(error).__name__}: {error})"


def date_problem(source):
    """What an editor is told about a source that is due a check."""
    if source.last_checked is None:
        return "never checked"
    return f"not checked since {source.last_checked.day} {source.last_checked:%b %Y}"
