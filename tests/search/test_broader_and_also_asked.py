"""Broader terms ("gene therapy" covers "Hemgenix") and a question's other phrasings
("also asked as"): reviewed content, bounded, and seen by search but not by the public."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.utils import timezone

from editorial import workflow
from editorial.models import Status
from faq.models import Question
from hemed.search_config import SEARCH_CONFIG
from search.models import BroaderTerm

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/search/broaderterm/add/"


def change_url(item, action=None):
    base = f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/"
    return base + (f"workflow/{action}/" if action else "change/")


def broader(**fields):
    values = {"broad": "gene therapy", "narrower": "Hemgenix, etranacogene dezaparvovec"}
    return BroaderTerm(**{**values, **fields})


def errors(item):
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    return raised.value.message_dict


def found_by(text):
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    return set(Question.objects.filter(search_vector=query).values_list("slug", flat=True))


# Broader terms: the model

def test_narrower_terms_are_normalised_like_synonyms():
    term = broader(narrower=" Hemgenix,  Etranacogene   Dezaparvovec , ,etranacogene")
    assert term.narrower_terms == ["hemgenix", "etranacogene dezaparvovec", "etranacogene"]
    assert term.broad_term == "gene therapy"


def test_a_broader_term_needs_a_narrower_one():
    assert errors(broader(narrower=" , ")) == {
        "narrower": ["List at least one narrower word or phrase, separated by commas."]}


def test_the_broad_term_is_not_one_of_its_narrower_terms():
    assert "only narrower words" in errors(broader(narrower="Hemgenix, Gene Therapy"))["narrower"][0]


def test_a_narrower_term_is_listed_once():
    assert errors(broader(narrower="Hemgenix, hemgenix")) == {"narrower": ["A narrower word is listed twice."]}


def test_one_broader_term_per_broad_word_but_its_new_version_may_repeat_it(editor):
    live = broader(status=Status.PUBLISHED)
    live.full_clean()
    live.save()
    assert "already a broader term" in errors(broader(broad="Gene  Therapy", narrower="Beqvez"))["broad"][0]

    version = workflow.start_new_version(live, editor)
    version.narrower += ", Beqvez"
    version.full_clean()
    assert version.narrower_terms[-1] == "beqvez"


def test_broader_terms_keep_history_and_are_reviewed_content():
    term = broader()
    term.save()
    term.narrower += ", etranacogene"
    term.save()
    assert term.history.count() == 2
    assert set(BroaderTerm.content_fields) == {"broad", "narrower", "note"}
    reviewers = Group.objects.get(name="Clinical reviewers").permissions.values_list("codename", flat=True)
    editors = Group.objects.get(name="Clinical editors").permissions.values_list("codename", flat=True)
    assert "review_broaderterm" in reviewers and "review_broaderterm" not in editors
    assert {"add_broaderterm", "change_broaderterm"} <= set(editors)


def test_only_published_broader_terms_are_public():
    broader(status=Status.PUBLISHED).save()
    broader(broad="AAV", narrower="AAV5").save()
    assert [t.broad for t in BroaderTerm.objects.published()] == ["gene therapy"]


# Broader terms: the admin

def test_the_admin_form_explains_the_direction(editor_client):
    html = editor_client.get(ADD_URL).content.decode()
    assert "a search for the broad term also finds pages that only say a narrower one; not the reverse" in html


def test_editor_adds_a_broader_term_as_a_draft_and_only_a_reviewer_approves_it(editor_client, reviewer_client,
                                                                               editor):
    response = editor_client.post(ADD_URL, {"broad": "gene therapy", "narrower": "Hemgenix, etranacogene",
                                            "note": "Hemgenix is a gene therapy"})
    assert response.status_code == 302
    term = BroaderTerm.objects.get()
    assert (term.status, term.last_edited_by) == (Status.DRAFT, editor)

    assert editor_client.post(change_url(term, "submit")).status_code == 302
    term.refresh_from_db()
    assert term.status == Status.IN_REVIEW

    refused = editor_client.get(change_url(term, "approve"), follow=True).content.decode()
    assert "Only a clinical reviewer can approve and publish." in refused
    term.refresh_from_db()
    assert term.status == Status.IN_REVIEW

    form = reviewer_client.get(change_url(term, "approve")).context["form"]
    reviewer_client.post(change_url(term, "approve"), {
        "revision": form.initial["revision"], "content_hash": form.initial["content_hash"],
        "next_review_due": (timezone.localdate() + datetime.timedelta(days=365)).isoformat(),
        "change_note": "", "publish_at": "",
    })
    assert list(BroaderTerm.objects.published()) == [term]


def test_the_admin_shows_why_a_broader_term_is_refused(editor_client):
    html = editor_client.post(ADD_URL, {"broad": "gene therapy", "narrower": "gene therapy"}).content.decode()
    assert "is the broad term: list only narrower words here." in html
    assert not BroaderTerm.objects.exists()


def test_editor_edits_a_draft_broader_term(editor_client):
    term = broader()
    term.save()
    page = editor_client.get(change_url(term))
    data = {"broad": "gene therapy", "narrower": "Hemgenix, Beqvez", "note": "",
            "edit_token": page.context["adminform"].form["edit_token"].value()}
    assert editor_client.post(change_url(term), data).status_code == 302
    term.refresh_from_db()
    assert term.narrower_terms == ["hemgenix", "beqvez"]


# Also asked as: the model

def test_also_asked_keeps_one_phrasing_a_line_without_blank_lines(question):
    question.also_asked = "  Does gene therapy cure hemophilia B?\n\n\nIs gene therapy a permanent fix?  \n"
    question.full_clean()
    assert question.also_asked == "Does gene therapy cure hemophilia B?\nIs gene therapy a permanent fix?"
    assert question.also_asked_list == ["Does gene therapy cure hemophilia B?", "Is gene therapy a permanent fix?"]


def test_at_most_five_other_phrasings(question):
    question.also_asked = "\n".join(f"Question number {n}?" for n in range(6))
    assert errors(question)["also_asked"] == [
        "Give at most 5 other ways of asking (there are 6): keep the ones families use most."]


def test_each_phrasing_is_at_most_150_characters(question):
    question.also_asked = "Is it " + "very " * 30 + "long?"
    message = errors(question)["also_asked"][0]
    assert "is 161 characters long: keep each one to 150 characters or fewer." in message
    question.also_asked = "x" * 150
    question.full_clean()


def test_a_phrasing_is_not_the_question_again_or_twice(question):
    question.also_asked = "is hemgenix a  cure?"
    assert errors(question)["also_asked"] == ["That is the question itself: list only other ways of asking it."]
    question.also_asked = "Does it cure it?\ndoes it cure it?"
    assert errors(question)["also_asked"] == ["The same wording is listed twice."]


def test_a_new_version_carries_the_phrasings_and_review_covers_them(question, editor):
    question.also_asked = "Does gene therapy cure hemophilia B?"
    question.save()
    version = workflow.start_new_version(question, editor)
    assert version.also_asked == "Does gene therapy cure hemophilia B?"
    before = version.content_hash()
    version.also_asked += "\nIs gene therapy a permanent fix?"
    assert version.content_hash() != before
    assert question.history.first().also_asked == "Does gene therapy cure hemophilia B?"


# Also asked as: the admin, the public page and search

def test_editor_writes_other_phrasings_in_the_admin_and_sees_the_limits(editor_client, make_question):
    draft = make_question(status="draft")
    page = editor_client.get(change_url(draft))
    assert "Other ways families ask this question, one per line" in page.content.decode()
    data = {"question": draft.question, "slug": draft.slug, "category": draft.category_id, "answer": draft.answer,
            "order": 0, "also_asked": "\n".join(f"Way {n}?" for n in range(6)),
            "edit_token": page.context["adminform"].form["edit_token"].value(),
            "references-TOTAL_FORMS": 0, "references-INITIAL_FORMS": 0}
    html = editor_client.post(change_url(draft), data).content.decode()
    assert "Give at most 5 other ways of asking (there are 6)" in html

    data["also_asked"] = "Does gene therapy cure hemophilia B?\nIs gene therapy a permanent fix?"
    assert editor_client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.also_asked_list == ["Does gene therapy cure hemophilia B?", "Is gene therapy a permanent fix?"]


def test_other_phrasings_are_not_on_the_public_page(client, make_question):
    make_question(also_asked="Does gene therapy cure hemophilia B?")
    for url in ("/faq/is-hemgenix-a-cure/", "/faq/"):
        html = client.get(url).content.decode()
        assert "Is Hemgenix a cure?" in html
        assert "Does gene therapy cure hemophilia B?" not in html


def test_other_phrasings_make_the_question_findable(make_question):
    make_question(also_asked="Can my son play soccer?\nWhat sports are safe?")
    make_question(slug="other", question="What is Haemtrack?", answer="An online diary.")
    assert found_by("soccer") == {"is-hemgenix-a-cure"}
    assert found_by("sports safe") == {"is-hemgenix-a-cure"}


def test_other_phrasings_count_as_much_as_the_question(make_question):
    question = make_question(also_asked="Can my son play soccer?")
    weights = Question.objects.filter(pk=question.pk).values_list("search_vector", flat=True).get()
    assert re.search(r"'soccer':\d+A", weights)
