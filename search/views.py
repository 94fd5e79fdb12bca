from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from hemed.clients import over_limit
from hemed.pagecache import anonymous_read, from_content, page_name
from hemed.pagination import paginate

from . import engine
from .forms import SiteSearchForm
from .log import log_search

RESULTS_PER_PAGE = 10
# Per client: far more than a person types, few enough that a script cannot flood the log.
SEARCH_RATE = "60/m"
SUGGEST_RATE = "240/m"  # the box asks as someone types


@require_safe
def results(request):
    form = SiteSearchForm(request.GET)
    context = {"form": form}
    if over_limit(request, "search", SEARCH_RATE):
        return render(request, "search/results.html", {**context, "too_many": True}, status=429)
    if not form.is_valid() or not form.cleaned_data["q"]:
        return render(request, "search/results.html", context)
    query = form.cleaned_data["q"]
    found = lambda: _results_page(request, form, query)  # noqa: E731
    if settings.SEARCH_CACHE and anonymous_read(request):
        # The results page is kept under the content version: the same search again is
        # answered from the cache until anything is published, changed or taken down
        # (hemed.pagecache). Only for readers without a session, who all see the same page.
        html, total, number = from_content(request, f"search:{page_name(request)}", found)
    else:
        html, total, number = found()
    if number == 1:
        log_search(request, query, total)
    return HttpResponse(html)


def _results_page(request, form, query):
    """The results page's HTML, how many results there are in all, and the page's number."""
    outcome = engine.search(query, form.kinds)
    page = paginate(request, outcome.results, RESULTS_PER_PAGE)
    outcome.results = outcome.annotate(list(page.object_list))
    context = {"form": form, "query": query, "outcome": outcome, "page": page, "type": form.cleaned_data["type"]}
    return render_to_string("search/results.html", context, request), page.paginator.count, page.number


@require_safe
def suggest(request):
    """Titles for the search box's suggestions as someone types (JSON)."""
    if over_limit(request, "suggest", SUGGEST_RATE):
        return JsonResponse({"suggestions": [], "error": "Too many requests: try again in a minute."}, status=429)
    return JsonResponse({"suggestions": engine.suggestions(request.GET.get("q", ""))})
