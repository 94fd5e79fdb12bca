"""The editor's preview shows exactly the HTML that saving the text stores."""

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from editorial import rendering
from glossary.models import Term

PREVIEW = "/markdownx/markdownify/"

TEXT = """\
Hemgenix uses a vector to carry the gene [S12].

### Do

- rest on the day of the infusion [S1]
    - for a few hours
    - or longer if you feel unwell
- drink plenty of water

### Don't

- do not take ibuprofen for a week
- skip your blood tests [S12, S1]

| Test | When |
|---|---|
| Liver (ALT) | weekly for 3 months [S1] |
"""


@pytest.fixture
def sources(monkeypatch):
    """The sources pages may cite, as the sources app would provide them."""
    monkeypatch.setattr(rendering, "_source_providers", [])
    rendering.register_source_provider(lambda: {"S1", "S12"})


@pytest.fixture
def vector(db):
    return Term.objects.create(status="published", term="Vector", slug="vector", definition="A carrier.")


def test_the_preview_is_what_saving_an_article_stores(editor_client, make_article, sources, vector):
    preview = editor_client.post(PREVIEW, {"content": TEXT})
    article = make_article(body=TEXT)
    article.refresh_from_db()

    assert preview.status_code == 200
    assert preview.content.decode() == article.body_html
    assert import_string(settings.MARKDOWNX_MARKDOWNIFY_FUNCTION)(TEXT) == article.body_html
    assert article.citations == ["S12", "S1"]
    # Everything the page shows is there, so the two are equal for a reason.
    html = article.body_html
    assert 'class="hemed-glossary-term"' in html and 'data-definition="A carrier."' in html
    assert 'href="#source-S12" id="cite-S12"' in html and 'id="cite-S12-2"' in html
    assert html.count('class="nhsuk-card nhsuk-card--feature nhsuk-do-dont-list"') == 2
    assert "<li>for a few hours</li>" in html
    assert "do not take ibuprofen" in html and "do not do not" not in html
    assert "do not skip your blood tests" in html
    assert 'class="hemed-table-wrapper"' in html


def test_an_unknown_source_shows_in_the_preview_as_it_would_be_saved(editor_client, make_article, sources):
    text = "A figure [S999] and a known one [S1].\n"
    preview = editor_client.post(PREVIEW, {"content": text}).content.decode()
    article = make_article(body=text)
    assert preview == article.body_html
    assert '<sup class="hemed-cite">S999</sup>' in preview
    assert "#source-S999" not in preview
    assert article.citations == ["S1"]


def test_without_a_source_provider_any_key_is_cited(monkeypatch, make_article):
    monkeypatch.setattr(rendering, "_source_providers", [])
    assert rendering.site_sources() is None
    article = make_article(body="Any key [S999].\n")
    assert article.citations == ["S999"]
    assert 'href="#source-S999"' in article.body_html


def test_a_source_provider_is_registered_once(monkeypatch):
    monkeypatch.setattr(rendering, "_source_providers", [])

    def provider():
        return ["S1", "S2"]

    rendering.register_source_provider(provider)
    rendering.register_source_provider(provider)
    rendering.register_source_provider(lambda: {"S3"})
    assert rendering.site_sources() == {"S1", "S2", "S3"}
