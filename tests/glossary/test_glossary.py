import pytest

from glossary.models import Term


@pytest.fixture
def terms(db):
    return [
        Term.objects.create(status="published", term="Factor IX", slug="factor-ix",
                            definition="The clotting protein that is low in haemophilia B.",
                            also="factor 9, FIX"),
        Term.objects.create(status="published", term="AAV (adeno-associated virus)", slug="aav",
                            definition="A small virus, changed to carry a gene into cells.",
                            also="adeno-associated virus"),
        Term.objects.create(status="published", term="Vector", slug="vector",
                            definition="Something that carries a gene into the body's cells."),
    ]


def test_glossary_page_lists_terms_a_to_z(client, terms):
    response = client.get("/glossary/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<a href="#letter-a">A</a>' in html and '<a href="#letter-f">F</a>' in html
    assert "B<span class=\"nhsuk-u-visually-hidden\"> (no terms)</span>" in html
    assert 'id="term-aav"' in html and "A small virus, changed to carry a gene into cells." in html
    assert html.index('id="term-aav"') < html.index('id="term-factor-ix"') < html.index('id="term-vector"')


def test_first_use_of_a_term_in_an_article_links_to_its_definition(client, terms, make_article):
    article = make_article(body=(
        "Factor IX helps blood clot. Factor IX is low.\n\n"
        "## The vector\n\nThe AAV vector carries the gene. More about [factor 9](/faq/).\n"
    ))
    html = article.body_html
    link = ('<a class="hemed-glossary-term" data-definition="The clotting protein that is low in haemophilia B."'
            ' href="/glossary/#term-factor-ix" rel="noopener noreferrer">Factor IX</a> helps')
    assert link in html
    assert html.count("#term-factor-ix") == 1  # only the first use
    assert '<h2 id="the-vector">The vector</h2>' in html  # never inside a heading
    assert 'href="/glossary/#term-aav"' in html and ">AAV</a>" in html
    assert 'href="/glossary/#term-vector"' in html  # "vector" in the paragraph, not the heading
    page = client.get(article.get_absolute_url()).content.decode()
    assert link in page
    assert "js/glossary.js" in page


def test_answers_link_terms_too(terms, make_question):
    question = make_question(answer="Gene therapy uses an adeno-associated virus.")
    assert 'href="/glossary/#term-aav"' in question.answer_html


def test_changing_the_glossary_relinks_pages_without_marking_them_edited(terms, make_article):
    article = make_article(body="Your treatment plan matters.")
    updated_at = article.updated_at
    assert "hemed-glossary-term" not in article.body_html
    Term.objects.create(status="published", term="Treatment plan", slug="treatment-plan", definition="What your team agreed.")
    article.refresh_from_db()
    assert 'href="/glossary/#term-treatment-plan"' in article.body_html
    assert article.updated_at == updated_at
    Term.objects.get(slug="treatment-plan").delete()
    article.refresh_from_db()
    assert "hemed-glossary-term" not in article.body_html


def test_editors_cannot_forge_glossary_or_site_classes(terms, make_article):
    article = make_article(body='<a class="nhsuk-button" href="/x">x</a> <p class="hemed-draft-banner">y</p>')
    assert "nhsuk-button" not in article.body_html
    assert "hemed-draft-banner" not in article.body_html


def test_editor_can_add_a_term_in_the_admin(editor_client, terms):
    response = editor_client.post("/admin/glossary/term/add/", {
        "term": "Haemarthrosis", "slug": "haemarthrosis",
        "definition": "Bleeding into a joint.", "also": "joint bleed, joint bleeds",
    })
    assert response.status_code == 302
    assert Term.objects.get(slug="haemarthrosis").phrases == ("Haemarthrosis", "joint bleed", "joint bleeds")


def test_glossary_page_uses_a_fixed_number_of_queries(client, terms, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get("/glossary/").status_code == 200
