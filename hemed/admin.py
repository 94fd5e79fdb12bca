"""What the article and question admins share: the side-by-side markdown editor,
publish and unpublish actions, and a record of who last edited."""

from django.contrib import admin, messages
from django.db import models
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget


class ReferenceInline(admin.TabularInline):
    """Numbered references, edited in a table under the page they belong to."""

    extra = 1
    fields = ["order", "title", "publisher", "url", "date"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ContentAdmin(admin.ModelAdmin):
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    actions = ["publish", "unpublish"]
    readonly_fields = ["status_note", "published_at", "updated_at", "last_edited_by"]

    class Media:
        css = {"all": ["css/admin-editor.css"]}

    @admin.display(description="Published")
    def status_note(self, obj):
        if obj.pk is None:
            return "Not saved yet"
        return "Yes: visible to the public" if obj.is_published else "No: a draft only staff can see"

    @admin.action(description="Publish the selected items", permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.publish()
        self.message_user(request, f"Published {count} item(s).", messages.SUCCESS)

    @admin.action(description="Unpublish the selected items (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.unpublish()
        self.message_user(request, f"Unpublished {count} item(s).", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        obj.last_edited_by = request.user
        super().save_model(request, obj, form, change)
