from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from editorial.views import keep_private, visible_to

from .models import Page


@require_safe
def page_detail(request, slug):
    page = get_object_or_404(Page, slug=slug)
    if not visible_to(request.user, page):
        raise Http404("No such page.")
    response = render(request, "pages/page_detail.html", {"page": page})
    return response if page.is_published else keep_private(response)
