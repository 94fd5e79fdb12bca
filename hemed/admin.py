"""What the article and question admins share: the side-by-side markdown editor,
the review workflow (buttons, approval form, new versions), history with
restore, and the reading-age panel."""

import difflib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from glossary.models import Term

from . import workflow
from .publishing import MAX_REVIEW_INTERVAL, Status, default_next_review
from .readability import reading, warnings


def locked(obj):
    """A published or archived page is never edited in place."""
    return obj is not None and obj.pk is not None and obj.status in (Status.PUBLISHED, Status.ARCHIVED)


class ReferenceInline(admin.TabularInline):
    """Numbered references, edited in a table under the page they belong to."""

    extra = 1
    fields = ["order", "title", "publisher", "url", "date"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request, obj=None):
        return not locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not locked(obj) and super().has_delete_permission(request, obj)


class ApproveForm(forms.Form):
    reviewer_name = forms.CharField(label="Your name, as shown on the page", max_length=120)
    reviewer_role = forms.CharField(
        label="Your role, as shown on the page", max_length=160,
        help_text="For example: Haemophilia nurse specialist",
    )
    next_review_due = forms.DateField(
        label="Next review due", help_text="At most 3 years from today.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    change_note = forms.CharField(
        label="What changed at this review", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A sentence or two for the public, for example: Updated the 5-year trial results.",
    )
    publish_at = forms.DateTimeField(
        label="Publish at (optional)", required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Leave empty to publish now. Only for a first publication.",
    )


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="What needs to change", widget=forms.Textarea(attrs={"rows": 4})
    )


class ContentAdmin(admin.ModelAdmin):
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    actions = ["submit_for_review", "approve_selected", "archive_selected"]
    # Review details are set by approving, never typed in.
    readonly_fields = [
        "workflow_state", "published_at", "updated_at", "last_edited_by",
        "reviewer_name", "reviewer_role", "last_reviewed", "next_review_due", "change_note",
    ]
    change_form_template = "admin/hemed/change_form.html"
    object_history_template = "admin/hemed/history.html"
    # Set by each admin: the markdown field the reading panel measures.
    text_field = None

    class Media:
        css = {"all": ["css/admin-editor.css"]}
        js = ["js/admin-reading.js"]

    # The list and form

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("revision_of")

    @admin.display(description="State")
    def workflow_state(self, obj):
        if obj.pk is None:
            return "New draft"
        if obj.revision_of_id:
            return f"{obj.get_status_display()}: a new version of a published page"
        if obj.is_scheduled:
            return f"Scheduled: goes live at {obj.publish_at:%d %b %Y %H:%M}"
        return obj.get_status_display()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if locked(obj):
            fields += [f for f in flatten_fieldsets(self.get_fieldsets(request, obj)) if f not in fields]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if locked(obj) else super().get_prepopulated_fields(request, obj)

    def save_model(self, request, obj, form, change):
        obj.last_edited_by = request.user
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = {}
        if obj is not None:
            extra = self.workflow_context(request, obj)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def workflow_context(self, request, obj):
        user = request.user
        text = getattr(obj, self.text_field)
        glossary = [phrase for term in Term.objects.all() for phrase in term.phrases]
        return {
            "workflow": {
                "can_submit": obj.status == Status.DRAFT and workflow.can_edit(user, obj),
                "can_review": obj.status == Status.IN_REVIEW and workflow.can_review(user, obj),
                "own_edit": obj.last_edited_by_id == user.pk,
                "can_new_version": locked(obj) and obj.status == Status.PUBLISHED
                and workflow.can_edit(user, obj),
                "can_archive": obj.status == Status.PUBLISHED and workflow.can_review(user, obj),
                "can_reopen": obj.status == Status.ARCHIVED and workflow.can_edit(user, obj),
                "pending": obj.revisions.first() if obj.pk and not obj.revision_of_id else None,
            },
            "reading": reading(text, glossary),
            "content_warnings": self.content_warnings(obj),
            "reading_url": reverse("reading_panel"),
        }

    def content_warnings(self, obj):
        return warnings(getattr(obj, self.text_field))

    # Workflow

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("<path:object_id>/workflow/<slug:action>/",
                 self.admin_site.admin_view(self.workflow_view), name="%s_%s_workflow" % info),
            path("<path:object_id>/history/<int:history_id>/restore/",
                 self.admin_site.admin_view(self.restore_view), name="%s_%s_restore" % info),
        ] + super().get_urls()

    def change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def workflow_view(self, request, object_id, action):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        forms = {"approve": self._approve, "send-back": self._send_back}
        if action not in forms and action not in self.BUTTONS:
            raise Http404
        try:
            if action in forms:
                return forms[action](request, obj)
            return self._button(request, obj, *self.BUTTONS[action])
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(self.change_url(obj))

    # Transitions that are one button: the workflow step, then what to tell the user.
    BUTTONS = {
        "submit": (workflow.submit, "Sent for review. A clinical reviewer will approve it or send it back."),
        "new-version": (workflow.start_new_version,
                        "Edit this new version. The live page stays as it is until it is approved."),
        "archive": (workflow.archive, "Archived: the page is no longer on the site."),
        "reopen": (workflow.reopen, "Reopened as a draft."),
    }

    def _button(self, request, obj, step, message):
        if request.method != "POST":
            raise PermissionDenied
        # start_new_version returns the draft to go to; the others change obj itself.
        target = step(obj, request.user) or obj
        self.message_user(request, message)
        return HttpResponseRedirect(self.change_url(target))

    def _approve(self, request, obj):
        workflow.check_approval(obj, request.user)
        if request.method == "POST":
            form = ApproveForm(request.POST)
            if form.is_valid():
                live = workflow.approve(obj, request.user, **form.cleaned_data)
                note = " It goes live at the time you set." if live.is_scheduled else " It is live now."
                self.message_user(request, f"Approved.{note}", messages.SUCCESS)
                return HttpResponseRedirect(self.change_url(live))
        else:
            form = ApproveForm(initial={
                "reviewer_name": request.user.get_full_name() or obj.reviewer_name,
                "reviewer_role": workflow.recent_role(type(obj), request.user) or obj.reviewer_role,
                "next_review_due": default_next_review(),
            })
        return self._form_page(request, obj, form, "Approve and publish", "approve")

    def _send_back(self, request, obj):
        if not workflow.can_review(request.user, obj):
            raise workflow.WorkflowError("Only a clinical reviewer can send this back.")
        form = SendBackForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            workflow.send_back(obj, request.user, form.cleaned_data["comment"])
            self.message_user(request, "Sent back to the editor with your comment.")
            return HttpResponseRedirect(self.change_url(obj))
        return self._form_page(request, obj, form, "Send back to the editor", "send-back")

    def _form_page(self, request, obj, form, title, action):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "original": obj, "title": title, "form": form, "action": action,
            "warnings": self.content_warnings(obj),
            "max_review_years": MAX_REVIEW_INTERVAL.days // 366,
        }
        return TemplateResponse(request, "admin/hemed/workflow_form.html", context)

    @admin.action(description="Send the selected drafts for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._bulk(request, queryset, workflow.submit, "sent for review")

    @admin.action(description="Approve and publish the selected (next review in 3 years)", permissions=["review"])
    def approve_selected(self, request, queryset):
        def approve(item, user):
            role = workflow.recent_role(type(item), user)
            if not role:
                raise workflow.WorkflowError("Approve it on its own page the first time, to give your role.")
            workflow.approve(item, user, reviewer_name=user.get_full_name() or user.get_username(),
                             reviewer_role=role, next_review_due=default_next_review())
        self._bulk(request, queryset, approve, "approved and published")

    @admin.action(description="Unpublish the selected pages (archive them)", permissions=["review"])
    def archive_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.archive, "archived")

    def _bulk(self, request, queryset, transition, done):
        count, problems = 0, []
        for item in queryset:
            try:
                transition(item, request.user)
                count += 1
            except workflow.WorkflowError as error:
                problems.append(f"{item}: {error}")
        self.message_user(request, f"{count} item(s) {done}.", messages.SUCCESS)
        for problem in problems:
            self.message_user(request, problem, messages.WARNING)

    def has_review_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.review_{self.opts.model_name}")

    # History

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
        versions = []
        for newer, older in zip(records, records[1:] + [None]):
            versions.append({
                "record": newer,
                "changes": changed_fields(newer, older, obj.content_fields),
                "diff": text_diff(older, newer, self.text_field),
            })
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "object": obj, "original": obj,
            "title": f"History: {obj}", "versions": versions,
            "can_restore": workflow.can_edit(request.user, obj),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def restore_view(self, request, object_id, history_id):
        if request.method != "POST":
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        record = obj.history.filter(history_id=history_id).first()
        if record is None:
            raise Http404
        try:
            if obj.status == Status.PUBLISHED and not obj.revision_of_id:
                draft = workflow.start_new_version(obj, request.user, source=record)
            else:
                if not workflow.can_edit(request.user, obj):
                    raise workflow.WorkflowError("You do not have permission to edit this.")
                workflow.copy_content(record, obj, save=False)
                obj.status = Status.DRAFT
                obj.last_edited_by = request.user
                obj.save()
                draft = obj
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(self.change_url(obj))
        self.message_user(
            request, f"Restored the version of {record.history_date:%d %b %Y %H:%M} into a draft. "
            "Check it and send it for review.", messages.SUCCESS,
        )
        return HttpResponseRedirect(self.change_url(draft))


def changed_fields(newer, older, fields):
    if older is None:
        return ["created"]
    return [
        newer._meta.get_field(name).verbose_name
        for name in fields
        if getattr(newer, f"{name}_id", getattr(newer, name, None))
        != getattr(older, f"{name}_id", getattr(older, name, None))
    ]


def text_diff(older, newer, field):
    """Line-by-line changes to the markdown, as (kind, line) pairs; kind is +, - or space."""
    before = (getattr(older, field) if older else "").splitlines()
    after = getattr(newer, field).splitlines()
    lines = []
    for line in difflib.unified_diff(before, after, lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        kind = line[:1] if line[:1] in "+-@" else " "
        lines.append((kind, line[1:] if kind in "+- " else line))
    return lines
