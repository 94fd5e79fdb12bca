def canonical_url(request):
    """The page's address without tracking or search parameters (a list keeps its page)."""
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return {"canonical_url": request.build_absolute_uri(request.path) + query}
