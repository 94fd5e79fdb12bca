"""A clinical editor (staff, not a superuser) writes through the admin."""

import datetime

from articles.models import Article
from faq.models import Question


def article_form(topic, **overrides):
    data = {
        "title": "Bleeds and what to do",
        "slug": "bleeds-and-what-to-do",
        "topic": topic.pk,
        "audience": "patients",
        "layout": "page",
        "summary": "How to spot a bleed and when to get help.",
        "body": "## Signs of a bleed\n\nA joint may feel warm.\n\n<script>alert(1)</script>",
        "order": "0",
        "references-TOTAL_FORMS": "1",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
        "references-0-order": "1",
        "references-0-title": "Haemophilia (health A–Z)",
        "references-0-publisher": "NHS 111 Wales",
        "references-0-url": "https://111.wales.nhs.uk/encyclopaedia/h/article/haemophilia",
        "references-0-date": "",
    }
    data.update(overrides)
    return data


def test_editor_is_not_a_superuser_but_can_open_the_forms(editor_client, editor, article):
    assert not editor.is_superuser
    assert editor_client.get("/admin/articles/article/").status_code == 200
    add = editor_client.get("/admin/articles/article/add/")
    assert add.status_code == 200
    assert b'class="markdownx"' in add.content  # the editor with live preview
    assert b"css/admin-editor.css" in add.content
    assert editor_client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
    assert editor_client.get("/admin/faq/question/add/").status_code == 200


def test_editor_adds_a_draft_article_with_references(editor_client, editor, topic, client):
    response = editor_client.post("/admin/articles/article/add/", article_form(topic))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="bleeds-and-what-to-do")
    assert article.last_edited_by == editor
    assert article.status == "draft"
    assert '<h2 id="signs-of-a-bleed">Signs of a bleed</h2>' in article.body_html
    assert "<script" not in article.body_html
    assert article.contents == [{"id": "signs-of-a-bleed", "name": "Signs of a bleed"}]
    assert list(article.references.values_list("publisher", flat=True)) == ["NHS 111 Wales"]
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editor_cannot_set_the_state_or_review_details_by_hand(editor_client, topic):
    editor_client.post("/admin/articles/article/add/", article_form(
        topic, status="published", reviewer_name="Dr Fake", last_reviewed="2020-01-01",
        next_review_due="2099-01-01",
    ))
    article = Article.objects.get()
    assert article.status == "draft"
    assert article.reviewer_name == ""
    # Never reviewed, so no review dates at all.
    assert article.last_reviewed is None and article.next_review_due is None


def test_editor_changes_a_draft(editor_client, topic):
    editor_client.post("/admin/articles/article/add/", article_form(topic))
    article = Article.objects.get()
    data = article_form(topic, title="Bleeds: what to do")
    data.update({
        "references-INITIAL_FORMS": "1",
        "references-0-id": str(article.references.get().pk),
        "references-0-article": str(article.pk),
        # The form carries what the editor opened, as a browser sends it back.
        "edit_token": editor_client.get(f"/admin/articles/article/{article.pk}/change/")
        .context["adminform"].form["edit_token"].value(),
    })
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bleeds: what to do"


def test_article_list_filters(editor_client, make_article):
    make_article(slug="overdue", title="Overdue article",
                 last_reviewed=datetime.date(2022, 1, 1), next_review_due=datetime.date(2024, 1, 1))
    make_article(slug="current", title="Current article")
    html = editor_client.get("/admin/articles/article/", {"review": "overdue"}).content.decode()
    assert "Overdue article" in html and "Current article" not in html
    html = editor_client.get("/admin/articles/article/", {"status__exact": "published", "q": "Current"}).content.decode()
    assert "Current article" in html and "Overdue article" not in html


def test_editor_adds_a_question_linked_to_an_article(editor_client, editor, category, article):
    response = editor_client.post("/admin/faq/question/add/", {
        "question": "Can I play football?",
        "slug": "can-i-play-football",
        "category": category.pk,
        "answer": "Talk to your physiotherapist. <img src=x onerror=alert(1)>",
        "related_articles": [article.pk],
        "order": "1",
        "references-TOTAL_FORMS": "1",
        "references-INITIAL_FORMS": "0",
        "references-0-order": "1",
        "references-0-title": "Should people with haemophilia exercise and play sports?",
        "references-0-publisher": "National Haemophilia Council (Ireland)",
        "references-0-url": "",
        "references-0-date": "",
    })
    assert response.status_code == 302
    question = Question.objects.get(slug="can-i-play-football")
    assert question.last_edited_by == editor
    assert question.status == "draft"
    assert "onerror" not in question.answer_html
    assert list(question.related_articles.all()) == [article]
    assert question.references.get().publisher == "National Haemophilia Council (Ireland)"


def test_anonymous_users_are_sent_to_the_admin_login(client, db):
    response = client.get("/admin/articles/article/add/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
