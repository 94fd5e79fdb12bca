"""The source registry: pages pick references from it, cite them inline as [S12], and editors
are told about typed-in references and figures resting only on a C-grade source."""

import io
import re

import pytest
from django.core.management import call_command

from articles.models import Article, Reference
from faq.models import QuestionReference
from sources.models import Source
from sources.support import reference_warnings

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    return {
        key: Source.objects.create(key=key, title=title, publisher=publisher, url=url, grade=grade,
                                   status="published")
        for key, title, publisher, url, grade in [
            ("S1", "Hemgenix EPAR", "EMA", "https://www.ema.europa.eu/hemgenix", "A"),
            ("S8", "A test copy of the leaflet", "Somewhere", "https://example.org/copy", "C"),
            ("S12", "Hemgenix dosage", "Drugs.com", "https://www.drugs.com/dosage/hemgenix.html", "B"),
            ("S120", "Another source", "NHS", "https://www.nhs.uk/", "A"),
        ]
    }


def test_citations_are_numbered_by_first_use_and_link_both_ways(client, make_article, registry):
    article = make_article(body="Hemgenix is given once [S12]. It was approved in 2023 [S1, S12].\n\nMore [S1].\n")
    Reference.objects.create(article=article, order=1, source=registry["S1"])
    Reference.objects.create(article=article, order=2, title="A leaflet typed in", publisher="A trust")
    article.refresh_from_db()
    assert article.citations == ["S12", "S1"]

    page = client.get(article.get_absolute_url()).content.decode()

    # In the text: S12 is 1 and S1 is 2, wherever they are cited.
    links = re.findall(r'<a href="#source-(S\d+)"[^>]*>.*?(\d+).*?</a>', page)
    assert [key for key, _ in links][:4] == ["S12", "S1", "S12", "S1"]
    # In the list: the same order, each with a way back to where it is first cited.
    listed = re.findall(r'<li id="source-(S\d+)">', page)
    assert listed == ["S12", "S1"]
    assert 'href="#cite-S12"' in page and 'id="cite-S12"' in page
    assert page.index("Hemgenix dosage") < page.index("Hemgenix EPAR") < page.index("A leaflet typed in")


def test_an_unknown_citation_is_an_error_in_the_editor(editor_client, make_article, registry):
    article = make_article(status="draft")
    from tests.editorial.test_integrity import change_form

    data = change_form(editor_client, article)
    data["body"] = "A figure: 42 [S999].\n"
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 200
    assert "S999 is not in the source registry" in response.content.decode()
    article.refresh_from_db()
    assert "S999" not in article.body


def test_the_reference_picker_finds_a_key_first_and_shows_its_grade(editor_client, registry):
    response = editor_client.get("/admin/autocomplete/", {
        "term": "S12", "app_label": "articles", "model_name": "reference", "field_name": "source",
    })
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["text"] == "S12 · Hemgenix dosage (Drugs.com) · grade B"


def test_editors_are_told_about_typed_in_references_and_c_grade_only_figures(make_article, registry):
    article = make_article(body="About 1 in 25,000 boys is born with it [S8]. It is given once [S1].\n")
    Reference.objects.create(article=article, order=1, source=registry["S8"])
    Reference.objects.create(article=article, order=2, title="Typed in", publisher="Someone")

    found = reference_warnings(article.body, list(article.references.select_related("source")))

    assert any("typed in" in warning and "Typed in" in warning for warning in found)
    assert any("About 1 in 25,000 boys" in warning and "C-grade" in warning for warning in found)
    assert not any("It is given once" in warning for warning in found)


def test_changing_a_references_source_changes_what_the_reviewer_approves(make_article, registry):
    article = make_article(status="draft")
    reference = Reference.objects.create(article=article, order=1, source=registry["S1"])
    before = article.content_hash()
    reference.source = registry["S8"]
    reference.save()
    assert article.content_hash() != before


def test_the_example_contents_references_all_point_at_registry_sources():
    call_command("load_content", stdout=io.StringIO())
    assert Source.objects.published().count() >= 92
    assert Reference.objects.exists() and QuestionReference.objects.exists()
    assert not Reference.objects.filter(source__isnull=True).exists()
    assert not QuestionReference.objects.filter(source__isnull=True).exists()
    assert set(Source.objects.values_list("grade", flat=True)) == {"A", "B", "C"}
    assert Article.objects.exclude(references=None).exists()


def test_the_reading_panel_flags_unknown_keys_and_c_grade_figures_as_the_editor_types(editor_client, registry):
    response = editor_client.post(_reading_url(), {
        "content": "About 1 in 25,000 boys has it [S8]. Given once [S1]. See [S999].",
    })
    assert response.status_code == 200, response.content
    found = response.json()["warnings"]
    assert any("S999 is not in the source registry" in warning for warning in found)
    assert any("About 1 in 25,000 boys" in warning and "C-grade" in warning for warning in found)


def _reading_url():
    from django.urls import reverse

    return reverse("reading_panel")
