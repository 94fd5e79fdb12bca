"""Clinical governance: who may do what, and what the public sees at each step."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, Reference
from editorial.readability import reading
from search.models import SearchLog

TODAY = timezone.localdate()


def admin_url(item, action=None):
    opts = item._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/"
    return base + (f"workflow/{action}/" if action else "change/")


def approval(**overrides):
    data = {
        "next_review_due": (TODAY + datetime.timedelta(days=365)).isoformat(),
        "change_note": "Checked the trial figures.",
        "publish_at": "",
    }
    data.update(overrides)
    return data


def approve(client, item, **overrides):
    """Open the approval page, as a reviewer does, and approve what it shows."""
    form = client.get(admin_url(item, "approve"), follow=True)
    initial = form.context["form"].initial if form.context and "form" in form.context else {}
    data = {"revision": initial.get("revision", ""), "content_hash": initial.get("content_hash", "")}
    return client.post(admin_url(item, "approve"), {**data, **approval(**overrides)}, follow=True)


@pytest.fixture
def draft(make_article, editor):
    article = make_article(slug="draft-article", title="Draft article", status="draft",
                           body="Original words.", last_edited_by=editor)
    Reference.objects.create(article=article, order=1, title="A source", publisher="NICE")
    return article


def in_review(item, by=None):
    """Sent for review through the workflow, as the editor's button does."""
    from django.contrib.auth.models import User

    from editorial import workflow

    workflow.submit(item, by or User.objects.get(username="nurse"))
    item.refresh_from_db()
    return item


def test_editor_sends_a_draft_for_review_and_the_public_still_cannot_see_it(editor_client, draft, client):
    assert editor_client.post(admin_url(draft, "submit")).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "in_review"
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_submitting_needs_a_post(editor_client, draft):
    assert editor_client.get(admin_url(draft, "submit")).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_editor_cannot_approve_or_publish(editor_client, draft, client):
    in_review(draft)
    response = approve(editor_client, draft)
    assert "Only a clinical reviewer can approve and publish." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "in_review"
    assert client.get(draft.get_absolute_url()).status_code == 404
    html = editor_client.get(admin_url(draft)).content.decode()
    assert "Approve and publish" not in html


def test_reviewer_approves_and_the_page_goes_live_with_review_details(reviewer_client, reviewer, draft, client):
    in_review(draft)
    form = reviewer_client.get(admin_url(draft, "approve"))
    assert form.status_code == 200
    default_due = form.context["form"].initial["next_review_due"]
    assert default_due.year == TODAY.year + 3  # three years unless changed
    # The date input is given the ISO date it understands, so the default shows.
    assert f'value="{default_due:%Y-%m-%d}"' in form.content.decode()
    response = approve(reviewer_client, draft)
    assert response.redirect_chain[-1][0] == admin_url(draft)
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.last_reviewed == TODAY
    assert draft.reviewed_by == reviewer
    assert draft.next_review_due == TODAY + datetime.timedelta(days=365)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Reviewed by Rita Example, Haemophilia nurse specialist." in page  # from the profile
    assert "What changed at the last review:</strong> Checked the trial figures." in page


def test_next_review_may_not_be_more_than_three_years_away(reviewer_client, draft):
    in_review(draft)
    too_late = (TODAY + datetime.timedelta(days=4 * 365)).isoformat()
    response = approve(reviewer_client, draft, next_review_due=too_late, change_note="My careful note.")
    html = response.content.decode()
    assert "The next review must be within 3 years from today." in html
    # Everything the reviewer typed is still there to correct.
    assert "My careful note." in html and f'value="{too_late}"' in html
    draft.refresh_from_db()
    assert draft.status == "in_review"


def test_reviewer_cannot_approve_their_own_edit(reviewer_client, reviewer, second_reviewer, draft):
    draft.contributor_ids = [reviewer.pk]
    draft.save()
    in_review(draft)
    response = approve(reviewer_client, draft)
    assert "You changed this since it was last approved, so another reviewer must approve it." \
        in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "in_review"
    other = Client()
    other.force_login(second_reviewer)
    approve(other, draft)
    draft.refresh_from_db()
    assert draft.status == "published"


def test_reviewer_sends_back_with_a_comment(reviewer_client, editor_client, draft):
    in_review(draft)
    response = reviewer_client.post(admin_url(draft, "send-back"), {"comment": ""})
    assert response.status_code == 200  # the comment is required
    reviewer_client.post(admin_url(draft, "send-back"), {"comment": "Please add the 5-year results."})
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert "Reviewer's comment: Please add the 5-year results." in editor_client.get(admin_url(draft)).content.decode()


def test_editors_cannot_send_back(editor_client, draft):
    in_review(draft)
    editor_client.post(admin_url(draft, "send-back"), {"comment": "x"})
    draft.refresh_from_db()
    assert draft.status == "in_review"


def test_editing_a_published_page_keeps_it_live_until_the_new_version_is_approved(
        editor_client, reviewer_client, article, client, topic):
    live_url = article.get_absolute_url()
    # The live page cannot be edited in place.
    editor_client.post(admin_url(article), {"title": "Sneaky change", "body": "New"})
    article.refresh_from_db()
    assert article.title == "What is Hemgenix?"
    # A new version is drafted beside it.
    response = editor_client.post(admin_url(article, "new-version"))
    version = Article.objects.get(revision_of=article)
    assert response["Location"] == admin_url(version)
    assert [r.title for r in version.references.all()] == ["Hemgenix EPAR overview"]
    version.title = "What is Hemgenix gene therapy?"
    version.body = "Updated words about the liver."
    version.save()
    # The public still sees the old page; staff can preview the pending one.
    page = client.get(live_url).content.decode()
    assert "What is Hemgenix?" in page and "Updated words" not in page
    assert client.get(version.get_absolute_url()).status_code == 404
    preview = editor_client.get(version.get_absolute_url()).content.decode()
    assert "Updated words about the liver." in preview and "This is a draft" in preview
    assert "Updated words" not in client.get("/search/", {"q": "updated words"}).content.decode()
    # Submitted and approved, it replaces the live page at the same address.
    editor_client.post(admin_url(version, "submit"))
    approve(reviewer_client, version, change_note="New title.")
    article.refresh_from_db()
    assert article.title == "What is Hemgenix gene therapy?"
    assert not Article.objects.filter(revision_of=article).exists()
    page = client.get(live_url).content.decode()
    assert "Updated words about the liver." in page
    assert "New title." in page


def test_scheduled_publishing(reviewer_client, draft, client, monkeypatch):
    in_review(draft)
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    approve(reviewer_client, draft, publish_at=tomorrow)
    draft.refresh_from_db()
    assert draft.status == "published" and draft.is_scheduled
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "draft-article" not in client.get("/sitemap.xml").content.decode()
    # When the time comes, the next request shows it: no worker needed, and no cache
    # holds it back.
    later = timezone.now() + datetime.timedelta(days=1, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_reviewer_archives_a_page(reviewer_client, editor_client, article, client):
    editor_client.post(admin_url(article, "archive"))
    assert client.get(article.get_absolute_url()).status_code == 200  # editors cannot
    reviewer_client.post(admin_url(article, "archive"))
    assert client.get(article.get_absolute_url()).status_code == 404
    editor_client.post(admin_url(article, "reopen"))
    article.refresh_from_db()
    assert article.status == "draft"


def test_questions_follow_the_same_workflow(editor_client, reviewer_client, make_question, editor, client):
    question = make_question(slug="new-q", question="A new question?", status="draft", last_edited_by=editor)
    editor_client.post(admin_url(question, "submit"))
    approve(reviewer_client, question)
    question.refresh_from_db()
    assert question.status == "published"
    page = client.get(question.get_absolute_url()).content.decode()
    assert "by Rita Example, Haemophilia nurse specialist." in page


def test_history_shows_a_readable_diff_and_restores_into_a_new_draft(editor_client, reviewer_client, article, client):
    original_body = article.body
    article.body = "A completely different body."
    article.save()
    history = editor_client.get(f"/admin/articles/article/{article.pk}/history/")
    html = history.content.decode()
    assert history.status_code == 200
    assert '<span class="hemed-diff-add">+ A completely different body.</span>' in html
    assert '<span class="hemed-diff-remove">- Intro.</span>' in html
    oldest = article.history.order_by("history_date").first()
    response = editor_client.post(f"/admin/articles/article/{article.pk}/history/{oldest.history_id}/restore/")
    version = Article.objects.get(revision_of=article)
    assert response["Location"] == admin_url(version)
    assert version.body == original_body and version.status == "draft"
    article.refresh_from_db()
    assert article.body == "A completely different body."  # live page untouched until approval


def test_history_restore_into_a_draft_in_place(editor_client, draft):
    draft.body = "Second words."
    draft.save()
    first = draft.history.order_by("history_date").first()
    editor_client.post(f"/admin/articles/article/{draft.pk}/history/{first.history_id}/restore/")
    draft.refresh_from_db()
    assert draft.body == "Original words."


def test_glossary_and_synonyms_keep_history(db):
    from glossary.models import Term

    term = Term.objects.create(term="Vector", slug="vector", definition="A carrier.")
    term.definition = "Something that carries a gene."
    term.save()
    assert term.history.count() == 2


def test_dashboard_shows_my_work_due_reviews_and_missing_searches(reviewer_client, editor_client, editor,
                                                                 make_article, reviewer):
    in_review(make_article(slug="waiting", title="Waiting article", status="draft", contributor_ids=[editor.pk]))
    make_article(slug="mine", title="My own draft", status="draft", contributor_ids=[editor.pk])
    sent_back = in_review(make_article(slug="back", title="Sent back article", status="draft",
                                       contributor_ids=[editor.pk]))
    reviewer_client.post(admin_url(sent_back, "send-back"), {"comment": "Add the 5-year results."})
    make_article(slug="due", title="Due soon article",
                 last_reviewed=TODAY - datetime.timedelta(days=700), next_review_due=TODAY + datetime.timedelta(days=20))
    make_article(slug="later", title="Not due article")
    SearchLog.objects.create(query="travel insurance", results=0, date=TODAY)
    html = reviewer_client.get("/admin/").content.decode()
    assert "Waiting for your review" in html and "Waiting article" in html
    assert "Due soon article" in html and "Not due article" not in html
    assert "travel insurance" in html
    mine = editor_client.get("/admin/").content.decode()
    assert "My own draft" in mine
    assert "Waiting article" not in mine.split("Sent back to you")[0].split("Waiting for your review")[1]
    # The author sees what is with a reviewer and what came back, with the comment.
    assert "Waiting article" in mine.split("Sent for review")[1].split("Your drafts")[0]
    assert "Sent back article" in mine.split("Sent back to you")[1].split("Sent for review")[0]
    assert "Add the 5-year results." in mine


def test_review_schedule_flags_crowded_months(reviewer_client, make_article):
    month = TODAY.replace(day=1) + datetime.timedelta(days=400)
    for number in range(6):
        make_article(slug=f"crowd-{number}", title=f"Crowd {number}",
                     next_review_due=month.replace(day=10 + number))
    html = reviewer_client.get("/admin/reviews/").content.decode()
    assert f"6 pages are due for review in {month:%B %Y}" in html
    assert html.index("Crowd 0") < html.index("Crowd 5")


def test_overdue_published_pages_stay_public_with_a_note(client, make_article):
    make_article(slug="old", last_reviewed=datetime.date(2022, 1, 1), next_review_due=datetime.date(2024, 1, 1))
    response = client.get("/articles/old/")
    assert response.status_code == 200
    assert "This page is being reviewed." in response.content.decode()


@pytest.mark.django_db  # the medical words to explain are a list in the database
def test_reading_panel_numbers_on_a_known_text():
    text = ("The cat sat on the mat. The dog ran to the park.\n\n"
            "Prophylaxis means regular treatment to stop bleeds before they start, "
            "which many people with severe haemophilia have every few days at home.")
    result = reading(text, glossary_phrases=["haemophilia"])
    assert result.sentences == 3
    assert result.words == 34
    assert result.average_sentence == 11.3
    assert result.long_sentences == 1
    assert result.unexplained == ["prophylaxis"]
    # textstat 0.7.8 counts 47 syllables here, so by the published formulas:
    # grade = 0.39 * 34/3 + 11.8 * 47/34 - 15.59 = 5.1
    # ease = 206.835 - 1.015 * 34/3 - 84.6 * 47/34 = 78.4
    assert result.grade == 5.1
    assert result.ease == 78.4


def test_editor_sees_the_reading_panel_and_warnings(editor_client, make_article):
    article = make_article(slug="warn", status="draft",
                           body="![](x.png) See [this](http://example.org).\n\n## A\n\n#### Deep")
    html = editor_client.get(admin_url(article)).content.decode()
    assert "Flesch-Kincaid grade" in html
    assert "There are no references" in html
    assert "An image has no alt text" in html
    assert "A link uses http:" in html
    assert "Headings skip a level" in html


def test_reading_endpoint_is_for_staff_only(client, editor_client, member_of_public):
    assert client.post("/admin/reading/", {"content": "Hello."}).status_code == 403
    data = editor_client.post("/admin/reading/", {"content": "Short words. Easy to read."}).json()
    assert data["words"] == 5 and data["warnings"] == []


def test_bulk_approve_and_unpublish_actions(reviewer_client, reviewer, editor, make_article, client):
    second = in_review(make_article(slug="second", status="draft", contributor_ids=[editor.pk]))
    own = in_review(make_article(slug="own", status="draft", contributor_ids=[editor.pk, reviewer.pk]))
    reviewer_client.post("/admin/articles/article/", {
        "action": "approve_selected", "_selected_action": [second.pk, own.pk]})
    second.refresh_from_db()
    own.refresh_from_db()
    assert second.status == "published" and second.reviewed_by == reviewer
    assert second.reviewer_credit == "Rita Example, Haemophilia nurse specialist"
    assert own.status == "in_review"  # nobody approves what they changed
    assert client.get("/articles/second/").status_code == 200
    reviewer_client.post("/admin/articles/article/", {"action": "archive_selected", "_selected_action": [second.pk]})
    assert client.get("/articles/second/").status_code == 404


def test_editors_do_not_get_the_approve_action(editor_client, article):
    html = editor_client.get("/admin/articles/article/").content.decode()
    assert "approve_selected" not in html and "archive_selected" not in html
    assert "submit_for_review" in html


def test_synonym_changes_are_kept_and_can_be_restored(editor_client, db):
    from search.models import SynonymGroup

    group = SynonymGroup.objects.create(words="bruise, bruising")
    group.words = "bruise, bruising, bruises"
    group.save()
    assert group.history.count() == 2
    page = editor_client.get(f"/admin/search/synonymgroup/{group.pk}/history/")
    assert page.status_code == 200
    first = group.history.order_by("history_date").first()
    editor_client.post(f"/admin/search/synonymgroup/{group.pk}/history/{first.history_id}/restore/")
    group.refresh_from_db()
    assert group.words == "bruise, bruising"
