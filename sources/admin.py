from django.contrib import admin
from django.db import models

from editorial.admin import ContentAdmin, locked

from .models import Source


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["key", "title", "publisher", "grade", "last_checked", "status"]
    list_filter = ["grade", "status"]
    search_fields = ["key", "title", "publisher", "url"]
    ordering = ["id"]
    fieldsets = [
        (None, {"fields": ["key", "title", "publisher", "url", "date", "grade", "last_checked"]}),
        ("Publishing", {"fields": ["workflow_state", "published_at", "updated_at", "last_edited_by"]}),
        ("Clinical review (set when a reviewer approves)", {"fields": [
            "reviewer", "last_reviewed", "next_review_due", "change_note"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        # "S12" finds S12, not S120 to S129 first.
        results, duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip().upper()
        if term.startswith("S") and term[1:].isdigit():
            exact = queryset.filter(key=term)
            results = exact | results.exclude(key=term)
        return results, duplicates


class ReferenceInline(admin.TabularInline):
    """A page's references: picked from the source registry (with its grade), or typed in."""

    extra = 1
    fields = ["order", "source", "title", "publisher", "url", "date"]
    autocomplete_fields = ["source"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name = "reference (pick from the registry; type one in only if it is not there)"

    def has_add_permission(self, request, obj=None):
        return not locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not locked(obj) and super().has_delete_permission(request, obj)
