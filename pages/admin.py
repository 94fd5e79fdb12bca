from django import forms
from django.contrib import admin

from editorial.admin import ContentAdmin, ContentForm

from .models import Page


class PageForm(ContentForm):
    class Meta:
        model = Page
        fields = "__all__"
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "summary": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        }


@admin.register(Page)
class PageAdmin(ContentAdmin):
    form = PageForm
    list_display = ["title", "slug", "status", "last_reviewed", "next_review_due"]
    list_filter = ["status"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Publishing", {"fields": ["workflow_state", "order", "published_at", "updated_at", "last_edited_by"]}),
        ("Review (set when a reviewer approves)", {"fields": [
            "reviewer", "last_reviewed", "next_review_due", "change_note"]}),
    ]
