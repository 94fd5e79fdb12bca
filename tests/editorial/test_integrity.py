"""What goes live is exactly what a named clinician approved: the ways around it, closed."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.models import Article, Reference
from editorial import workflow
from editorial.models import ReviewerProfile, Revision
from glossary.models import Term
from search.engine import search
from search.models import SynonymGroup

from .test_workflow import admin_url, approval, approve, in_review

TODAY = timezone.localdate()


def change_form(client, item):
    """The change form as the browser posts it back: every field, its inline rows and the edit token."""
    response = client.get(admin_url(item))
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        for sub in formset.formset.forms:
            data.update({sub.add_prefix(name): ("" if sub[name].value() is None else sub[name].value())
                         for name in sub.fields})
    return data


def user_in(username, group, first_name=""):
    user = User.objects.create_user(username, password="a-long-test-password", first_name=first_name,
                                    email=f"{username}@example.org")
    user.groups.add(Group.objects.get(name=group))
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def draft(make_article, editor):
    article = make_article(slug="draft-article", title="Draft article", status="draft",
                           body="Keep taking your factor IX as your team advises.", contributor_ids=[editor.pk])
    Reference.objects.create(article=article, order=1, title="A source", publisher="NICE")
    return article


# Approval is tied to what the reviewer read.

def test_content_in_review_cannot_be_edited(editor_client, draft):
    data = change_form(editor_client, draft)
    in_review(draft)
    data["body"] = "Stop taking your factor IX."
    response = editor_client.post(admin_url(draft), data, follow=True)
    assert "Only a draft can be edited. Nothing was saved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.body == "Keep taking your factor IX as your team advises."


def test_approval_is_refused_when_the_content_changed_after_the_reviewer_opened_it(
        reviewer_client, editor_client, draft, client):
    in_review(draft)
    opened = reviewer_client.get(admin_url(draft, "approve"))
    assert "Keep taking your factor IX" in opened.content.decode()  # the reviewer reads the text
    seen = opened.context["form"].initial
    # Meanwhile the editor withdraws it, changes it and sends it again.
    editor_client.post(admin_url(draft, "withdraw"))
    data = change_form(editor_client, draft)
    data["body"] = "Stop taking your factor IX."
    editor_client.post(admin_url(draft), data)
    editor_client.post(admin_url(draft, "submit"))
    draft.refresh_from_db()
    assert draft.status == "in_review" and "Stop taking" in draft.body
    response = reviewer_client.post(admin_url(draft, "approve"), {
        "revision": seen["revision"], "content_hash": seen["content_hash"], **approval()})
    html = response.content.decode()
    assert "This page changed since you opened it." in html
    assert "Stop taking your factor IX." in html  # the new text is shown to read
    draft.refresh_from_db()
    assert draft.status == "in_review"
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_approval_is_refused_when_the_row_was_changed_behind_the_workflow(reviewer_client, draft):
    in_review(draft)
    Article.objects.filter(pk=draft.pk).update(body="Stop taking your factor IX.")
    response = approve(reviewer_client, draft)
    assert "This page changed since you opened it." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "in_review"


def test_a_changed_reference_also_counts_as_a_change(reviewer_client, draft):
    in_review(draft)
    opened = reviewer_client.get(admin_url(draft, "approve")).context["form"].initial
    draft.references.update(title="A different source")
    reviewer_client.post(admin_url(draft, "approve"), {
        "revision": opened["revision"], "content_hash": opened["content_hash"], **approval()})
    draft.refresh_from_db()
    assert draft.status == "in_review"


def test_each_submission_freezes_a_revision_with_its_authors(draft, editor):
    revision = workflow.submit(draft, editor)
    assert revision.content["body"] == draft.body
    assert revision.content["references"][0]["title"] == "A source"
    assert list(revision.contributors.all()) == [editor]
    assert len(revision.content_hash) == 64


# Four eyes: nobody approves what they changed.

def test_a_co_editors_empty_save_does_not_let_the_author_approve(reviewer, reviewer_client, make_article, editor_client):
    article = make_article(slug="laundered", status="draft", body="Words.")
    # Reviewer A writes the text.
    data = change_form(reviewer_client, article)
    data["body"] = "Reviewer A's own words."
    reviewer_client.post(admin_url(article), data)
    # Editor B presses Save without changing anything.
    editor_client.post(admin_url(article), change_form(editor_client, article))
    in_review(article)
    response = approve(reviewer_client, article)
    assert "another reviewer must approve it" in response.content.decode()
    article.refresh_from_db()
    assert article.status == "in_review"


def test_a_reviewer_who_fixed_a_typo_cannot_approve(reviewer, reviewer_client, second_reviewer, draft):
    data = change_form(reviewer_client, draft)
    data["body"] = draft.body.replace("advises", "advises.")
    reviewer_client.post(admin_url(draft), data)
    in_review(draft)
    approve(reviewer_client, draft)
    draft.refresh_from_db()
    assert draft.status == "in_review"
    approve(signed_in(second_reviewer), draft)
    draft.refresh_from_db()
    assert draft.status == "published" and draft.reviewed_by == second_reviewer


def test_bulk_approval_keeps_the_four_eyes_rule(reviewer, reviewer_client, make_article, editor):
    article = in_review(make_article(slug="bulk-own", status="draft", contributor_ids=[reviewer.pk]))
    reviewer_client.post("/admin/articles/article/", {"action": "approve_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == "in_review"


# Nothing is lost when two people edit at once.

def test_second_save_of_a_stale_form_shows_a_conflict_and_keeps_both(editor_client, reviewer_client, draft):
    first = change_form(editor_client, draft)
    second = change_form(reviewer_client, draft)
    first["body"] = "The first editor's words."
    assert editor_client.post(admin_url(draft), first).status_code == 302
    second["body"] = "The second editor's words."
    response = reviewer_client.post(admin_url(draft), second)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this page after you opened it" in html
    assert "changed successfully" not in html
    assert "The first editor&#x27;s words." in html and "The second editor&#x27;s words." in html
    draft.refresh_from_db()
    assert draft.body == "The first editor's words."
    # Saving again, having seen theirs, keeps the second version; the first stays in the history.
    again = dict(second, edit_token=response.context["adminform"].form["edit_token"].value())
    assert reviewer_client.post(admin_url(draft), again).status_code == 302
    draft.refresh_from_db()
    assert draft.body == "The second editor's words."
    assert draft.history.filter(body="The first editor's words.").exists()


# A new version's history becomes the page's history.

def test_new_version_history_stays_with_the_live_page(editor_client, reviewer_client, article, client):
    editor_client.post(admin_url(article, "new-version"))
    version = Article.objects.get(revision_of=article)
    data = change_form(editor_client, version)
    data["body"] = "First try at new words."
    editor_client.post(admin_url(version), data)
    data = change_form(editor_client, version)
    data["body"] = "Better new words."
    editor_client.post(admin_url(version), data)
    editor_client.post(admin_url(version, "submit"))
    approve(reviewer_client, version)
    assert not Article.objects.filter(pk=version.pk).exists()
    bodies = list(article.history.values_list("body", flat=True))
    assert "First try at new words." in bodies and "Better new words." in bodies
    assert not article.history.filter(history_type="-").exists()
    html = editor_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "+ First try at new words." in html
    assert "Approved by Rita Example" in html
    # Restore still works from a record made in the old draft.
    record = article.history.get(body="First try at new words.")
    editor_client.post(f"/admin/articles/article/{article.pk}/history/{record.history_id}/restore/")
    assert Article.objects.get(revision_of=article).body == "First try at new words."


def test_an_approved_new_version_can_be_scheduled(editor_client, reviewer_client, article, client):
    editor_client.post(admin_url(article, "new-version"))
    version = Article.objects.get(revision_of=article)
    data = change_form(editor_client, version)
    data["body"] = "Words for next week."
    editor_client.post(admin_url(version), data)
    editor_client.post(admin_url(version, "submit"))
    later = timezone.localtime() + datetime.timedelta(days=7)
    approve(reviewer_client, version, publish_at=later.strftime("%Y-%m-%dT%H:%M"))
    version.refresh_from_db()
    assert version.status == "published" and version.is_scheduled
    assert "Words for next week." not in client.get(article.get_absolute_url()).content.decode()
    call_command("publish_scheduled")  # not yet due
    assert Article.objects.filter(pk=version.pk).exists()
    Article.objects.filter(pk=version.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    assert not Article.objects.filter(pk=version.pk).exists()
    assert "Words for next week." in client.get(article.get_absolute_url()).content.decode()


# Glossary terms and synonym groups go through review.

def test_a_new_definition_waits_for_approval(editor_client, reviewer_client, make_article, client):
    term = Term.objects.create(term="Vector", slug="vector", definition="A carrier for a gene.", status="published")
    article = make_article(slug="uses-vector", body="A vector carries the gene.")
    editor_client.post(admin_url(term, "new-version"))
    version = Term.objects.get(revision_of=term)
    data = change_form(editor_client, version)
    data["definition"] = "Wrong words."
    editor_client.post(admin_url(version), data)
    assert "Wrong words." not in client.get("/glossary/").content.decode()
    article.refresh_from_db()
    assert "Wrong words." not in article.body_html
    assert "A carrier for a gene." in client.get(article.get_absolute_url()).content.decode()
    editor_client.post(admin_url(version, "submit"))
    approve(reviewer_client, version)
    assert "Wrong words." in client.get("/glossary/").content.decode()
    article.refresh_from_db()
    assert 'data-definition="Wrong words."' in article.body_html


def test_a_draft_term_is_not_public(client, db):
    Term.objects.create(term="Secret term", slug="secret-term", definition="Not reviewed.")
    assert "Secret term" not in client.get("/glossary/").content.decode()


def test_synonyms_change_search_only_once_approved(editor, reviewer, make_question):
    make_question(slug="daughters", question="Can my daughter carry the gene?", answer="Yes, she can.")
    group = SynonymGroup.objects.create(words="offspring, daughter")
    assert not any(r.item.question.startswith("Can my daughter") for r in search("offspring").results
                   if r.kind == "question")
    workflow.record_edit(group, editor, None)
    workflow.submit(group, editor)
    revision = workflow.pending_revision(group)
    workflow.approve(group, reviewer, revision_id=revision.pk, content_hash=revision.content_hash,
                     next_review_due=TODAY + datetime.timedelta(days=365))
    assert [r.item.slug for r in search("offspring").results if r.kind == "question"] == ["daughters"]


# Reviewers as people.

def test_the_page_credits_the_approving_users_profile(draft, editor, client):
    nurse = user_in("nora", "Clinical reviewers", first_name="Nora")
    ReviewerProfile.objects.create(user=nurse, display_name="Nora Nurse", role="Haemophilia nurse specialist",
                                   registration="NMC 12A3456B", organisation="An NHS trust")
    in_review(draft)
    approve(signed_in(nurse), draft)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Reviewed by Nora Nurse, Haemophilia nurse specialist, An NHS trust (NMC 12A3456B)." in page


def test_a_first_approval_asks_for_the_reviewers_profile(draft, client):
    newcomer = user_in("nia", "Clinical reviewers", first_name="Nia")
    reviewer = signed_in(newcomer)
    in_review(draft)
    form = reviewer.get(admin_url(draft, "approve"))
    assert "How you are named on the pages you approve" in form.content.decode()
    initial = form.context["form"].initial
    reviewer.post(admin_url(draft, "approve"), {
        "revision": initial["revision"], "content_hash": initial["content_hash"], **approval(),
        "profile-display_name": "Nia Jones", "profile-role": "Consultant haematologist",
    })
    draft.refresh_from_db()
    assert draft.status == "published"
    assert newcomer.reviewer_profile.display_name == "Nia Jones"
    assert "Reviewed by Nia Jones, Consultant haematologist." in client.get(draft.get_absolute_url()).content.decode()


def test_joining_an_editorial_group_is_enough_to_sign_in_with_only_its_rights(db):
    user = User.objects.create_user("newnurse", password="a-long-test-password")
    assert not user.is_staff
    user.groups.add(Group.objects.get(name="Clinical editors"))
    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser
    assert user.has_perm("articles.change_article") and not user.has_perm("articles.review_article")
    user.groups.clear()
    user.refresh_from_db()
    assert not user.is_staff


# E-mail on submit, send back and approve.

def test_the_team_is_told_by_email(draft, editor, django_capture_on_commit_callbacks):
    editor.email = "nurse@example.org"
    editor.save()
    reviewer = user_in("rhian", "Clinical reviewers")
    ReviewerProfile.objects.create(user=reviewer, display_name="Rhian", role="Nurse")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(draft, editor)
    assert [m.to for m in mail.outbox] == [["rhian@example.org"]]
    assert "Waiting for your review: Draft article" == mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        workflow.send_back(draft, reviewer, "Add a source for the dose.")
    assert mail.outbox[1].to == ["nurse@example.org"]
    assert "Add a source for the dose." in mail.outbox[1].body
    with django_capture_on_commit_callbacks(execute=True):
        revision = workflow.submit(draft, editor)
        workflow.approve(draft, reviewer, revision_id=revision.pk, content_hash=revision.content_hash,
                         next_review_due=TODAY + datetime.timedelta(days=365))
    assert mail.outbox[-1].subject == "Approved: Draft article"
    assert mail.outbox[-1].to == ["nurse@example.org"]


def test_revisions_record_every_outcome(draft, editor, reviewer):
    workflow.submit(draft, editor)
    workflow.withdraw(draft, editor)
    workflow.submit(draft, editor)
    workflow.send_back(draft, reviewer, "Please shorten it.")
    outcomes = list(Revision.for_page(draft).order_by("id").values_list("outcome", flat=True))
    assert outcomes == ["withdrawn", "sent_back"]


# "Published" means one thing everywhere.

def test_a_topic_whose_only_article_is_scheduled_is_not_listed(client, make_article, topic):
    make_article(slug="later", status="published", publish_at=timezone.now() + datetime.timedelta(days=2))
    assert topic.name not in client.get("/").content.decode()
    assert "/topics/gene-therapy/" not in client.get("/sitemap.xml").content.decode()
    make_article(slug="now", title="Live now")
    assert "/topics/gene-therapy/" in client.get("/").content.decode()


def test_published_and_is_published_agree_on_every_state(make_article, article):
    soon = timezone.now() + datetime.timedelta(days=1)
    make_article(slug="draft-one", status="draft")
    make_article(slug="in-review-one", status="in_review")
    make_article(slug="archived-one", status="archived")
    make_article(slug="scheduled-one", status="published", publish_at=soon)
    make_article(slug="version-one", status="published", revision_of=article)
    public = set(Article.objects.published().values_list("slug", flat=True))
    assert public == {item.slug for item in Article.objects.all() if item.is_published} == {article.slug}


# Saving is bounded like the preview.

@pytest.mark.parametrize("body", ["[" * 20000, "*[`<a " * 5000, "x" * 200_001])
def test_saving_pathological_markdown_answers_quickly_with_an_error(editor_client, draft, body):
    import time

    data = change_form(editor_client, draft)
    data["body"] = body
    started = time.monotonic()
    response = editor_client.post(admin_url(draft), data)
    assert time.monotonic() - started < 2.0
    assert response.status_code == 200
    assert "too complex to show" in response.content.decode() or "the most the editor accepts" in response.content.decode()
    draft.refresh_from_db()
    assert draft.body == "Keep taking your factor IX as your team advises."
