import datetime

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify

from editorial.admin import ContentAdmin

from .models import BroaderTerm, Pin, SearchLog, SynonymGroup

PERIODS = {"7": "the last 7 days", "30": "the last 30 days", "90": "the last 90 days", "365": "the last year"}


@admin.register(SynonymGroup)
class SynonymGroupAdmin(ContentAdmin):
    list_display = ["words", "note", "status"]
    list_filter = ["status"]
    search_fields = ["words", "note"]
    fieldsets = [
        (None, {"fields": ["words", "note"]}),
        ("Publishing", {"fields": ["workflow_state", "published_at", "updated_at", "last_edited_by"]}),
        ("Review (set when a reviewer approves)", {"fields": [
            "reviewer", "last_reviewed", "next_review_due", "change_note"]}),
    ]


@admin.register(Pin)
class PinAdmin(admin.ModelAdmin):
    list_display = ["query", "question", "article", "order"]
    search_fields = ["query"]
    autocomplete_fields = ["question", "article"]


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    """Not a list of searches: a report of what people look for and do not find."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            return super().changelist_view(request, extra_context)
        days = request.GET.get("days", "30")
        if days not in PERIODS:
            days = "30"
        since = timezone.localdate() - datetime.timedelta(days=int(days))
        recent = SearchLog.objects.filter(date__gt=since)
        latest = recent.filter(query=OuterRef("query")).order_by("-date", "-id").values("results")[:1]
        top = (
            recent.values("query").annotate(searches=Count("id"), results=Subquery(latest))
            .order_by("-searches", "query")[:50]
        )
        missing = (
            recent.filter(results=0).values("query").annotate(searches=Count("id"))
            .order_by("-searches", "query")[:50]
        )
        for row in missing:
            row["write_url"] = draft_question_url(row["query"])
        context = {
            **self.admin_site.each_context(request),
            "title": "Search insights",
            "opts": self.model._meta,
            "periods": PERIODS,
            "days": days,
            "period": PERIODS[days],
            "total": recent.count(),
            "top": top,
            "missing": missing,
            "can_add_question": request.user.has_perm("faq.add_question"),
        }
        return TemplateResponse(request, "admin/search/insights.html", context)


def missing_searches_panel(user, today):
    """The editors' dashboard panel: what families searched for and did not find."""
    if not user.has_perm("search.view_searchlog"):
        return None
    rows = list(
        SearchLog.objects.filter(date__gt=today - datetime.timedelta(days=30), results=0)
        .values("query").annotate(searches=Count("id")).order_by("-searches", "query")[:10]
    )
    return {"missing_searches": rows} if rows else None


def draft_question_url(query):
    """The admin's add-question form, filled in from a search that found nothing."""
    question = query[:1].upper() + query[1:]
    params = {"question": question, "slug": slugify(query)[:200], "status": "draft"}
    return f"{reverse('admin:faq_question_add')}?{urlencode(params)}"


@admin.register(BroaderTerm)
class BroaderTermAdmin(ContentAdmin):
    list_display = ["broad", "narrower", "status"]
    list_filter = ["status"]
    search_fields = ["broad", "narrower", "note"]
    fieldsets = [
        (None, {
            "fields": ["broad", "narrower", "note"],
            "description": "One direction only: a search for the broad term also finds pages that only say a "
                           "narrower one; not the reverse. For words that mean the same both ways, use a "
                           "synonym group instead.",
        }),
        ("Publishing", {"fields": ["workflow_state", "published_at", "updated_at", "last_edited_by"]}),
        ("Review (set when a reviewer approves)", {"fields": [
            "reviewer", "last_reviewed", "next_review_due", "change_note"]}),
    ]
