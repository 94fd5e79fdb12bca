from django.contrib import admin

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Readers' notes, read-only: editors may delete one (say, with personal details in it)."""

    list_display = ["date", "kind", "page_title", "comment"]
    list_filter = ["kind", "content_type", "date"]
    search_fields = ["comment"]
    readonly_fields = ["date", "kind", "content_type", "object_id", "comment"]

    @admin.display(description="page")
    def page_title(self, obj):
        return str(obj.page) if obj.page else "(deleted page)"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
