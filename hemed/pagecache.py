"""Anonymous pages from the shared cache, correct the moment content changes.

Every public page is built only from reviewed content, so one number says whether a
cached page is still right: the *content version*. Any save or delete of content (an
approval, an archive, a glossary term, a source, a synonym...) changes it, right away and
again when the transaction commits, so a page built from the old content is never served
again, by this instance or any other sharing the cache. A cached page also expires after
PAGE_TTL, so pages that depend on the clock (a page scheduled to go live, a review date
passing) are at most that late.

Kept under the version: whole anonymous pages (PublicPageCacheMiddleware), the rows and
results pages are built from (`from_content`: an article, a search's results) and
`{% cache %}` fragments (a page's body). An entry under a version never changes, so each
process keeps its own copy in memory (the template_fragments cache) beside the shared
one: a warm page costs one round trip to the shared cache, for the version.

Pages not cached: anything but GET/HEAD, anyone with a session cookie (editors see their own
drafts and banners), the editors' and form endpoints (NOT_CACHED), search (each search is
logged, so its view runs every time and keeps its own results pages, with `from_content`),
and any response that is not a plain 200 or that sets a cookie or says private/no-store.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import set_response_etag

VERSION_KEY = "hemed:content-version"
# The cache for what is keyed by the content version (never changes): `{% cache %}` uses it.
VERSIONED = "template_fragments"
PAGE_TTL = 300  # seconds
# The editors' pages: a session and CSRF tokens, so never cached and never compressed.
EDITOR_PATHS = ("/admin/", "/markdownx/")
NOT_CACHED = (*EDITOR_PATHS, "/feedback/", "/search/", "/healthz", "/__")
# The apps whose rows make up public pages; the search log and feedback are not content.
CONTENT_APPS = {"articles", "faq", "glossary", "sources", "pages", "editorial", "search"}
NOT_CONTENT = {("search", "searchlog"), ("search", "word"), ("editorial", "revision")}


def content_version(request=None):
    """The current content version; read from the cache once per request when given it."""
    version = getattr(request, "_content_version", None)
    if version is None:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
        if request is not None:
            request._content_version = version
    return version


def from_content(request, name, build):
    """What `build()` returns (content read from the database for a page: an article, a
    list, search results), kept under the content version, so it is read again the moment
    any content changes. Nothing is kept for None (say, no such page)."""
    key = data_key(name, request)
    value = kept(key)
    if value is None:
        value = build()
        if value is not None:
            keep(key, value)
    return value


def data_key(name, request=None):
    """The key of `name` under the current content version, for `kept` and `keep`."""
    return f"hemed:v:{content_version(request)}:data:{name}"


def kept(key):
    """What is kept under a key with the content version in it: this process's copy, else the
    shared one (another worker or instance made it), which this process then keeps until it
    expires. Such an entry never changes, so the copies cannot disagree."""
    stored = caches[VERSIONED].get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is None:
            return None
        remaining = int(stored[0] - time.time())
        if remaining > 0:
            caches[VERSIONED].set(key, stored, remaining)
    return stored[1]


def keep(key, value):
    stored = (time.time() + PAGE_TTL, value)
    cache.set(key, stored, PAGE_TTL)
    caches[VERSIONED].set(key, stored, PAGE_TTL)


def content_changed(**kwargs):
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _on_change(sender, **kwargs):
    opts = sender._meta
    if opts.app_label not in CONTENT_APPS or (opts.app_label, opts.model_name) in NOT_CONTENT:
        return
    content_changed()
    # A request between the save and the commit may have cached the old page under the
    # new version: change it again once the new content is visible to everyone.
    transaction.on_commit(content_changed)


def content_replaced(**kwargs):
    """For changes that send no save signals (a restore, a release's migrate with its new
    templates and data migrations): nothing cached before them, on any instance sharing the
    cache, may be served after them. Everything in the cache can be rebuilt from the database."""
    cache.clear()


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"hemed_pagecache_{signal}")
    post_migrate.connect(content_replaced, dispatch_uid="hemed_pagecache_post_migrate")


def anonymous_read(request):
    """A GET or HEAD from someone without a session: shown exactly what every such reader is."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_name(request):
    """A name for the page a request asks for (host, path and query string)."""
    return hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()


def _cacheable_request(request):
    return settings.PAGE_CACHE and anonymous_read(request) and not request.path.startswith(NOT_CACHED)


def _cacheable_response(response):
    control = response.get("Cache-Control", "")
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and "private" not in control and "no-store" not in control and "no-cache" not in control)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = f"hemed:v:{content_version(request)}:page:{page_name(request)}"
        stored = kept(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            set_response_etag(response)  # once, not on every hit
            headers = [(name, value) for name, value in response.items() if name.lower() != "x-page-cache"]
            keep(key, (response.content, headers))
            response["X-Page-Cache"] = "miss"
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH padding), for public pages only: never for the
    editors' pages, which carry a session and CSRF tokens, nor for anything private."""

    def process_response(self, request, response):
        if request.path.startswith(EDITOR_PATHS) or "private" in response.get("Cache-Control", ""):
            return response
        if settings.SESSION_COOKIE_NAME in request.COOKIES or settings.CSRF_COOKIE_NAME in response.cookies:
            return response
        return super().process_response(request, response)
