import datetime

from django import forms
from django.contrib import admin
from django.utils import timezone

from editorial.admin import ContentAdmin, ContentForm
from editorial.readability import warnings
from sources.admin import ReferenceInline
from sources.support import reference_warnings

from .models import Article, Reference, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ArticleReferenceInline(ReferenceInline):
    model = Reference


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"
    SOON = datetime.timedelta(days=60)

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Review overdue"),
            ("soon", "Due in the next 60 days"),
            ("ok", "Not due yet"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.review_overdue(today)
        if self.value() == "soon":
            return queryset.filter(next_review_due__gte=today, next_review_due__lte=today + self.SOON)
        if self.value() == "ok":
            return queryset.filter(next_review_due__gt=today + self.SOON)
        return queryset


class ArticleForm(ContentForm):
    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "summary": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        }


@admin.register(Article)
class ArticleAdmin(ContentAdmin):
    form = ArticleForm
    list_display = ["title", "topic", "audience", "status", "last_reviewed", "next_review_due"]
    list_filter = ["status", "topic", "audience", ReviewDueFilter]
    list_select_related = ["topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ArticleReferenceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "audience", "summary", "body"]}),
        ("Publishing", {"fields": ["workflow_state", "layout", "featured", "order",
                                   "published_at", "updated_at", "last_edited_by"]}),
        ("Clinical review (set when a reviewer approves)", {"fields": [
            "reviewer", "last_reviewed", "next_review_due", "change_note"]}),
    ]

    def content_warnings(self, obj):
        references = list(obj.references.select_related("source"))
        return warnings(obj.body, summary=obj.summary, references=references) + reference_warnings(obj.body, references)
