from django.utils.functional import lazy

from . import pagecache


def canonical_url(request):
    """The page's address without tracking or search parameters (a list keeps its page)."""
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return {"canonical_url": request.build_absolute_uri(request.path) + query}


def content_cache(request):
    """For `{% cache fragment_ttl name ... content_version %}`: a cached fragment of a page is
    keyed by the content version (hemed.pagecache), so it is rebuilt the moment any content
    changes; it also expires with the page cache. Read from the cache only when a template
    asks."""
    version = lazy(lambda: pagecache.content_version(request), str)()
    return {"content_version": version, "fragment_ttl": pagecache.PAGE_TTL}
