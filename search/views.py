from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from hemed.pagination import paginate

from . import engine
from .forms import SiteSearchForm
from .models import SearchLog
from .text import normalise

RESULTS_PER_PAGE = 10


@require_safe
def results(request):
    form = SiteSearchForm(request.GET)
    context = {"form": form}
    if not form.is_valid() or not form.cleaned_data["q"]:
        return render(request, "search/results.html", context)
    query = form.cleaned_data["q"]
    outcome = engine.search(query, form.kinds)
    page = paginate(request, outcome.results, RESULTS_PER_PAGE)
    engine.annotate(page.object_list, outcome.suggestion if outcome.showing_suggestion else query)
    if page.number == 1:
        SearchLog.objects.create(
            query=normalise(query), results=len(outcome.results), date=timezone.localdate()
        )
    context.update(query=query, outcome=outcome, page=page, type=form.cleaned_data["type"])
    return render(request, "search/results.html", context)


@require_safe
def suggest(request):
    """Titles for the search box's suggestions as someone types (JSON)."""
    return JsonResponse({"suggestions": engine.suggestions(request.GET.get("q", ""))})
