from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def paginate(request, items, per_page):
    """The requested page of items; a page number that is not a page is a 404."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("There is no such page.")
