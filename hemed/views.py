import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe
from django.views.static import serve as static_serve

# Seconds a client is asked to wait while the database cannot be reached.
DATABASE_RETRY_AFTER = 30


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /markdownx/",
        # Search results (the site search and the FAQ box) and the feedback forms' targets.
        "Disallow: /search/",
        "Disallow: /faq/?q=",
        "Disallow: /feedback/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def media(request, path):
    """Uploaded images when no proxy serves them (SERVE_MEDIA): Django's static file view,
    which refuses paths outside MEDIA_ROOT."""
    return static_serve(request, path, document_root=settings.MEDIA_ROOT)


@require_safe
@never_cache
def healthz(request):
    """For load balancers and monitoring: can this instance reach its database and its
    cache? One trivial query and one cache round trip; no content is read."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        checks["database"] = "unavailable"
    probe = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(probe, "1", timeout=10)
        if cache.get(probe) != "1":
            checks["cache"] = "unavailable"
        cache.delete(probe)
    except Exception:  # any backend's connection error: the answer is "unavailable"
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)


@requires_csrf_token
def server_error(request):
    """Django's 500 page, except when the database cannot be reached: then a 503.

    Django calls handler500 while handling the exception, wherever it was raised
    (a view, a template, a middleware), so sys.exc_info() holds it. A lost or
    refused connection raises OperationalError or InterfaceError; Django drops
    the broken connection at the end of the request and the next one reconnects.
    """
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        # An empty context, like the 500 page: no context processors, no queries.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return defaults.server_error(request)
