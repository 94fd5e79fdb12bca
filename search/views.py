import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from hemed.clients import over_limit
from hemed.pagecache import from_content
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
    # Results are kept under the content version: the same search again is answered from
    # the cache until anything is published, changed or taken down (hemed.pagecache).
    asked = hashlib.sha256(f"{form.kinds}|{request.GET.get('page', '')}|{query}".encode()).hexdigest()
    found = lambda: _results_page(request, query, form.kinds)  # noqa: E731
    outcome, page = from_content(request, f"search:{asked}", found) if settings.SEARCH_CACHE else found()
    if page.number == 1:
        log_search(request, query, page.paginator.count)
    context.update(query=query, outcome=outcome, page=page, type=form.cleaned_data["type"])
    return render(request, "search/results.html", context)


def _results_page(request, query, kinds):
    """The search's outcome and the page of results asked for, with their excerpts; small
    enough to keep: only the shown results, and how many there are in all."""
    outcome = engine.search(query, kinds)
    page = paginate(request, outcome.results, RESULTS_PER_PAGE)
    outcome.results = outcome.annotate(list(page.object_list))
    shown = Paginator(range(page.paginator.count), RESULTS_PER_PAGE).page(page.number)
    shown.object_list = outcome.results
    return outcome, shown


@require_safe
def suggest(request):
    """Titles for the search box's suggestions as someone types (JSON)."""
    if over_limit(request, "suggest", SUGGEST_RATE):
        return JsonResponse({"suggestions": [], "error": "Too many requests: try again in a minute."}, status=429)
    return JsonResponse({"suggestions": engine.suggestions(request.GET.get("q", ""))})
