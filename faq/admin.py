from django import forms
from django.contrib import admin

from editorial.admin import ContentAdmin
from sources.admin import ReferenceInline
from sources.support import reference_warnings

from .models import Category, Question, QuestionReference


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class QuestionReferenceInline(ReferenceInline):
    model = QuestionReference
    extra = 0
    verbose_name = "reference (needed when the answer gives a figure)"


@admin.register(Question)
class QuestionAdmin(ContentAdmin):
    list_display = ["question", "category", "status", "last_reviewed", "next_review_due"]
    list_filter = ["status", "category"]
    list_select_related = ["category"]
    search_fields = ["question", "also_asked", "answer"]
    prepopulated_fields = {"slug": ["question"]}
    autocomplete_fields = ["related_articles"]
    inlines = [QuestionReferenceInline]
    fieldsets = [
        (None, {"fields": ["question", "also_asked", "slug", "category", "answer", "related_articles"]}),
        ("Publishing", {"fields": ["workflow_state", "order",
                                   "published_at", "updated_at", "last_edited_by"]}),
        ("Clinical review (set when a reviewer approves)", {"fields": [
            "reviewer", "last_reviewed", "next_review_due", "change_note"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "also_asked":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 5, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def content_warnings(self, obj):
        references = list(obj.references.select_related("source"))
        return super().content_warnings(obj) + reference_warnings(obj.answer, references)
