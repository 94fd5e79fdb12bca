from django.contrib import admin

from editorial.admin import ContentAdmin

from .models import Term


@admin.register(Term)
class TermAdmin(ContentAdmin):
    list_display = ["term", "definition", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["term", "definition", "also"]
    prepopulated_fields = {"slug": ["term"]}
    fieldsets = [
        (None, {"fields": ["term", "slug", "definition", "also"]}),
        ("Publishing", {"fields": ["workflow_state", "published_at", "updated_at", "last_edited_by"]}),
        ("Clinical review (set when a reviewer approves)", {"fields": [
            "reviewer", "last_reviewed", "next_review_due", "change_note"]}),
    ]
