"""What every content admin shares: the side-by-side markdown editor, the review workflow
(buttons, approval of a frozen revision, new versions), edit conflicts, history with
restore, and the reading-age panel. Content apps subclass ContentAdmin."""

import difflib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from hemed.bounded import RenderTooComplex, check_markdown

from . import workflow
from .models import MAX_REVIEW_INTERVAL, ReviewerProfile, Revision, Status, WordToExplain, default_next_review
from .readability import reading, warnings
from .rendering import render_for_site, site_context, site_phrases
from .roles import can_edit, can_review, can_use_editor


def locked(obj):
    """Only a draft is edited in place: in review it is frozen, published pages get new versions."""
    return obj is not None and obj.pk is not None and obj.status != Status.DRAFT


class ContentForm(forms.ModelForm):
    """Refuses to overwrite what someone else saved since this form was opened."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    conflict = None  # set to {field: (theirs, yours)} when a save was refused

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_token"].initial = self.instance.content_hash()

    def clean(self):
        cleaned = super().clean()
        # Saving renders the markdown: refuse what is too long or too complex to render in time.
        markdown_field = getattr(self._meta.model, "markdown_field", None)
        if markdown_field and cleaned.get(markdown_field):
            try:
                rendered = check_markdown(cleaned[markdown_field], *site_context())
            except RenderTooComplex as error:
                self.add_error(markdown_field, str(error))
            else:
                for key in rendered.unknown:
                    self.add_error(markdown_field, f"{key} is not in the source registry: cite a key from the "
                                                   "Sources list, or ask for the source to be added.")
        self.hash_before = self.instance.content_hash() if self.instance.pk else None
        if self.instance.pk and cleaned.get("edit_token") != self.hash_before:
            self.conflict = [
                (self.instance._meta.get_field(name).verbose_name,
                 str(getattr(self.instance, name)), str(cleaned.get(name, "")))
                for name in self.instance.content_fields
                if name in cleaned and str(getattr(self.instance, name)) != str(cleaned[name])
            ]
            # Saving again (after reading the other version) overwrites it on purpose.
            self.data = self.data.copy()
            self.data[self.add_prefix("edit_token")] = self.hash_before
            raise ValidationError(
                "Someone else saved this page after you opened it. Your changes are not saved yet: "
                "they are still in the form below. Compare them with the saved version, then save "
                "again to keep yours, or reload the page to start from theirs.",
                code="conflict",
            )
        return cleaned


class ApproveForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    content_hash = forms.CharField(widget=forms.HiddenInput)
    next_review_due = forms.DateField(
        label="Next review due", help_text="At most 3 years from today.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    change_note = forms.CharField(
        label="What changed at this review", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A sentence or two for the public, for example: Updated the 5-year trial results.",
    )
    publish_at = forms.DateTimeField(
        label="Publish at (optional)", required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Leave empty to publish now. A new version replaces the live page at this time.",
    )

    def clean_next_review_due(self):
        due = self.cleaned_data["next_review_due"]
        try:
            workflow.check_review_date(due)
        except workflow.WorkflowError as error:
            raise ValidationError(str(error))
        return due


class ProfileForm(forms.ModelForm):
    """The reviewer's public credit, asked for at their first approval."""

    class Meta:
        model = ReviewerProfile
        fields = ["display_name", "role", "registration", "organisation"]


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="What needs to change", widget=forms.Textarea(attrs={"rows": 4})
    )


class ContentAdmin(admin.ModelAdmin):
    form = ContentForm
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    actions = ["submit_for_review", "approve_selected", "archive_selected"]
    # Review details are set by approving, never typed in.
    readonly_fields = [
        "workflow_state", "published_at", "updated_at", "last_edited_by",
        "reviewer", "last_reviewed", "next_review_due", "change_note",
    ]
    change_form_template = "admin/editorial/change_form.html"
    object_history_template = "admin/editorial/history.html"

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
        if obj.revision_of_id and obj.is_scheduled:
            return f"Approved: replaces the live page at {obj.publish_at:%d %b %Y %H:%M}"
        if obj.revision_of_id:
            return f"{obj.get_status_display()}: a new version of a published page"
        if obj.is_scheduled:
            return f"Scheduled: goes live at {obj.publish_at:%d %b %Y %H:%M}"
        return obj.get_status_display()

    @admin.display(description="Reviewed by")
    def reviewer(self, obj):
        return obj.reviewer_credit or "Not yet reviewed"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if locked(obj):
            fields += [f for f in flatten_fieldsets(self.get_fieldsets(request, obj)) if f not in fields]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if locked(obj) else super().get_prepopulated_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if locked(obj):
            return fieldsets
        # The token travels with the form so a stale save is caught.
        first, *rest = fieldsets
        name, options = first
        return [(name, {**options, "fields": [*options["fields"], "edit_token"]}), *rest]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            obj = self.get_object(request, unquote(object_id))
            if locked(obj):
                self.message_user(
                    request, "Only a draft can be edited. Nothing was saved: "
                    + self.locked_reason(obj), messages.ERROR)
                return HttpResponseRedirect(self.change_url(obj))
        return super().changeform_view(request, object_id, form_url, extra_context)

    @staticmethod
    def locked_reason(obj):
        if obj.status == Status.IN_REVIEW:
            return "it is waiting for review. Withdraw it for editing first."
        if obj.status == Status.PUBLISHED:
            return "it is live. Edit it in a new version."
        return "it is archived. Reopen it as a draft first."

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        workflow.record_edit(form.instance, request.user, getattr(form, "hash_before", None))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = {}
        if obj is not None:
            extra = self.workflow_context(request, obj)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def workflow_context(self, request, obj):
        user = request.user
        text = getattr(obj, obj.text_field)
        return {
            "workflow": {
                "can_submit": obj.status == Status.DRAFT and can_edit(user, obj),
                "can_withdraw": obj.status == Status.IN_REVIEW and can_edit(user, obj),
                "can_review": obj.status == Status.IN_REVIEW and can_review(user, obj),
                "own_edit": user.pk in obj.contributor_ids,
                "can_new_version": obj.status == Status.PUBLISHED and not obj.revision_of_id
                and can_edit(user, obj),
                "can_archive": obj.status == Status.PUBLISHED and not obj.revision_of_id
                and can_review(user, obj),
                "can_reopen": obj.status == Status.ARCHIVED and can_edit(user, obj),
                "pending": obj.revisions.first() if obj.pk and not obj.revision_of_id else None,
                "locked_reason": self.locked_reason(obj) if locked(obj) else "",
            },
            "reading": reading(text, site_phrases()),
            "content_warnings": self.content_warnings(obj),
            "reading_url": reverse("reading_panel"),
        }

    def content_warnings(self, obj):
        return warnings(getattr(obj, obj.text_field))

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
        "withdraw": (workflow.withdraw, "Withdrawn from review: it is a draft again, so you can edit it."),
        "new-version": (workflow.start_new_version,
                        "Edit this new version. The live page stays as it is until it is approved."),
        "archive": (workflow.archive, "Archived: the page is no longer on the site."),
        "reopen": (workflow.reopen, "Reopened as a draft."),
    }

    def _button(self, request, obj, step, message):
        if request.method != "POST":
            raise PermissionDenied
        # start_new_version returns the draft to go to; the others change obj itself.
        target = step(obj, request.user)
        target = target if isinstance(target, type(obj)) else obj
        self.message_user(request, message)
        return HttpResponseRedirect(self.change_url(target))

    def _approve(self, request, obj):
        revision = workflow.check_approval(obj, request.user)
        profile = ReviewerProfile.objects.filter(user=request.user).first()
        profile_form = None
        if request.method == "POST":
            form = ApproveForm(request.POST)
            if profile is None:
                profile_form = ProfileForm(request.POST, prefix="profile")
            if form.is_valid() and (profile_form is None or profile_form.is_valid()):
                data = form.cleaned_data
                try:
                    if profile_form is not None:
                        profile_form.instance.user = request.user
                        profile_form.save()
                    live = workflow.approve(
                        obj, request.user, revision_id=data["revision"], content_hash=data["content_hash"],
                        next_review_due=data["next_review_due"], change_note=data["change_note"],
                        publish_at=data["publish_at"],
                    )
                except workflow.WorkflowError as error:
                    form.add_error(None, str(error))
                    # Show what is there now, keeping everything the reviewer typed.
                    revision = workflow.pending_revision(obj) or revision
                    form.data = form.data.copy()
                    form.data.update({"revision": revision.pk, "content_hash": revision.content_hash})
                else:
                    note = " It goes live at the time you set." if live.is_scheduled else " It is live now."
                    self.message_user(request, f"Approved.{note}", messages.SUCCESS)
                    return HttpResponseRedirect(self.change_url(live))
        else:
            form = ApproveForm(initial={
                "revision": revision.pk, "content_hash": revision.content_hash,
                "next_review_due": default_next_review(),
            })
            if profile is None:
                user = request.user
                profile_form = ProfileForm(prefix="profile", initial={"display_name": user.get_full_name()})
        return self._form_page(request, obj, form, "Approve and publish", "approve",
                               revision=revision, profile=profile, profile_form=profile_form)

    def _send_back(self, request, obj):
        if not can_review(request.user, obj):
            raise workflow.WorkflowError("Only a clinical reviewer can send this back.")
        form = SendBackForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            workflow.send_back(obj, request.user, form.cleaned_data["comment"])
            self.message_user(request, "Sent back to the editor with your comment.")
            return HttpResponseRedirect(self.change_url(obj))
        return self._form_page(request, obj, form, "Send back to the editor", "send-back",
                               revision=workflow.pending_revision(obj))

    def _form_page(self, request, obj, form, title, action, revision=None, **extra):
        text = (revision.content if revision else {}).get(obj.text_field, getattr(obj, obj.text_field))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "original": obj, "title": title, "form": form, "action": action,
            "warnings": self.content_warnings(obj),
            "max_review_years": MAX_REVIEW_INTERVAL.days // 366,
            "revision": revision,
            "revision_html": render_for_site(text).html,
            **extra,
        }
        return TemplateResponse(request, "admin/editorial/workflow_form.html", context)

    @admin.action(description="Send the selected drafts for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._bulk(request, queryset, workflow.submit, "sent for review")

    @admin.action(description="Approve and publish the selected (next review in 3 years)", permissions=["review"])
    def approve_selected(self, request, queryset):
        def approve(item, user):
            if not ReviewerProfile.objects.filter(user=user).exists():
                raise workflow.WorkflowError("Approve it on its own page the first time, to set how you are named.")
            revision = workflow.check_approval(item, user)
            workflow.approve(item, user, revision_id=revision.pk, content_hash=revision.content_hash,
                             next_review_due=default_next_review())
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
                "diff": text_diff(older, newer, obj.text_field),
            })
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "object": obj, "original": obj,
            "title": f"History: {obj}", "versions": versions,
            "revisions": Revision.for_page(obj).select_related("submitted_by", "decided_by"),
            "can_restore": can_edit(request.user, obj),
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
            draft = workflow.restore(obj, record, request.user)
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
    """Line-by-line changes to the text, as (kind, line) pairs; kind is +, - or space."""
    before = (getattr(older, field) if older else "").splitlines()
    after = getattr(newer, field).splitlines()
    lines = []
    for line in difflib.unified_diff(before, after, lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        kind = line[:1] if line[:1] in "+-@" else " "
        lines.append((kind, line[1:] if kind in "+- " else line))
    return lines


# Reviewers' public profiles, edited with the user.

class ReviewerProfileInline(admin.StackedInline):
    model = ReviewerProfile
    can_delete = False
    verbose_name_plural = "reviewer profile (how they are named on pages they approve)"


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class EditorialUserAdmin(UserAdmin):
    inlines = [ReviewerProfileInline]


@admin.register(WordToExplain)
class WordToExplainAdmin(admin.ModelAdmin):
    """The medical words the reading panel asks editors to explain."""

    list_display = ["word"]
    search_fields = ["word"]

    # Everyone who writes content keeps the list, without permissions of its own.
    def has_module_permission(self, request):
        return can_use_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return can_use_editor(request.user)

    def has_add_permission(self, request):
        return can_use_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return can_use_editor(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_use_editor(request.user)
