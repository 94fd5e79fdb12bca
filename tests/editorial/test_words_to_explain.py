"""The reading panel's "medical words to explain" are a list editors keep in the admin."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from editorial.models import WordToExplain
from editorial.readability import reading

WORDS = "/admin/editorial/wordtoexplain/"
READING = "/admin/reading/"
TEXT = "Prophylaxis stops bleeds. Thrombocytopenia is rare."


@pytest.mark.django_db
def test_the_words_once_written_in_the_code_are_on_the_list():
    words = set(WordToExplain.objects.values_list("word", flat=True))
    assert {"prophylaxis", "AAV", "chorionic villus sampling", "antibodies"} <= words
    assert len(words) == 39


@pytest.mark.django_db
def test_the_reading_panel_checks_the_words_on_the_list():
    assert reading(TEXT).unexplained == ["prophylaxis"]
    WordToExplain.objects.create(word="thrombocytopenia")
    assert reading(TEXT).unexplained == ["prophylaxis", "thrombocytopenia"]
    WordToExplain.objects.filter(word="prophylaxis").delete()
    assert reading(TEXT).unexplained == ["thrombocytopenia"]


@pytest.mark.django_db
def test_a_glossary_entry_explains_a_word_on_the_list():
    assert reading(TEXT, glossary_phrases=["Prophylaxis"]).unexplained == []
    assert reading("Some antibodies.", glossary_phrases=["antibody"]).unexplained == []


def test_an_editor_adds_a_word_in_the_admin_and_the_panel_checks_it(editor_client):
    response = editor_client.post(WORDS + "add/", {"word": "thrombocytopenia"})
    assert response.status_code == 302
    data = editor_client.post(READING, {"content": TEXT}).json()
    assert data["unexplained"] == ["prophylaxis", "thrombocytopenia"]


def test_a_word_already_listed_is_refused_whatever_its_capitals(editor_client):
    response = editor_client.post(WORDS + "add/", {"word": "Prophylaxis"})
    assert response.status_code == 200
    assert "This word is already on the list." in response.content.decode()
    assert WordToExplain.objects.filter(word__iexact="prophylaxis").count() == 1


def test_editors_and_reviewers_keep_the_list(editor_client, reviewer_client):
    for client in (editor_client, reviewer_client):
        assert client.get(WORDS).status_code == 200
        assert "Medical words to explain" in client.get("/admin/").content.decode()
    word = WordToExplain.objects.get(word="titre")
    assert editor_client.post(f"{WORDS}{word.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not WordToExplain.objects.filter(word="titre").exists()


def test_staff_who_do_not_write_content_cannot_see_the_list(db, client):
    assert client.get(WORDS).status_code == 302  # to the sign-in page
    staff = User.objects.create_user("clerk", password="a-long-test-password", is_staff=True)
    clerk = Client()
    clerk.force_login(staff)
    assert clerk.get(WORDS).status_code == 403
    assert clerk.post(WORDS + "add/", {"word": "anything"}).status_code == 403
    assert not WordToExplain.objects.filter(word="anything").exists()


def test_the_reading_endpoint_checks_a_summary_and_references_only_when_sent(editor_client):
    checked = editor_client.post(READING, {"content": "Short.", "summary": "", "references": "0"}).json()
    assert checked["warnings"] == [
        "There are no references: list the sources of the facts on this page.",
        "The summary is missing.",
    ]
    fine = editor_client.post(READING, {"content": "Short.", "summary": "A summary.", "references": "2"}).json()
    assert fine["warnings"] == []
    assert editor_client.post(READING, {"content": "Short."}).json()["warnings"] == []


def test_the_reading_endpoint_refuses_a_reference_count_that_is_not_one(editor_client):
    response = editor_client.post(READING, {"content": "Short.", "references": "-1"})
    assert response.status_code == 400
    assert "error" in response.json()


def test_the_add_form_has_the_reading_panel_and_the_formatting_tools(editor_client):
    html = editor_client.get("/admin/articles/article/add/").content.decode()
    assert 'data-reading-url="/admin/reading/"' in html
    assert "data-reading-refresh" in html  # no numbers from the server yet: the page asks at once
    assert 'data-summary-input="id_summary"' in html
    assert 'data-references-group="references-group"' in html
    assert 'id="hemed-markdown-tools"' in html
    assert "js/admin-markdown.js" in html and "js/admin-labels.js" in html


def test_answers_are_not_checked_for_a_summary_or_references(editor_client):
    html = editor_client.get("/admin/faq/question/add/").content.decode()
    assert "Reading age and checks" in html
    assert "data-summary-input" not in html
    assert "data-references-group" not in html
