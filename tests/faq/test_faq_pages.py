import pytest


def test_faq_page_groups_published_questions_in_expanders(client, question, draft_question):
    response = client.get("/faq/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<h2 id="category-gene-therapy" class="nhsuk-heading-l">Gene therapy</h2>' in html
    assert '<details class="nhsuk-details" id="q-is-hemgenix-a-cure">' in html
    assert 'href="/faq/is-hemgenix-a-cure/"' in html
    assert "Secret draft question?" not in html


def test_question_page(client, question, article, draft_article):
    question.related_articles.add(article, draft_article)
    response = client.get("/faq/is-hemgenix-a-cure/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Is Hemgenix a cure? – hemed</title>" in html
    assert "It may lower or stop the need for regular factor IX." in html
    assert "What is Hemgenix?" in html
    assert "Secret draft article" not in html
    assert "Answer last reviewed:" in html


def test_draft_question_is_not_public_but_staff_can_preview(client, editor_client, draft_question):
    assert client.get("/faq/secret-draft-question/").status_code == 404
    response = editor_client.get("/faq/secret-draft-question/")
    assert response.status_code == 200
    assert "This is a draft." in response.content.decode()


def test_search_finds_questions_by_their_words(client, question, make_question):
    make_question(slug="carriers", question="Can my daughter be a carrier?", answer="Yes, girls can carry the gene.")
    html = client.get("/faq/", {"q": "cure"}).content.decode()
    assert "Is Hemgenix a cure?" in html
    assert "Can my daughter be a carrier?" not in html
    assert "1 question matches" in html


def test_search_stems_words(client, make_question):
    make_question(slug="bleeds", question="What should I do about bleeding?", answer="Treat bleeds early.")
    assert "What should I do about bleeding?" in client.get("/faq/", {"q": "bleed"}).content.decode()


def test_search_finds_uk_spellings_from_us_ones(client, make_question):
    make_question(slug="what-is", question="What is haemophilia B?", answer="A bleeding disorder.")
    html = client.get("/faq/", {"q": "hemophilia"}).content.decode()
    assert "What is haemophilia B?" in html


def test_search_never_shows_drafts(client, draft_question):
    html = client.get("/faq/", {"q": "secret draft"}).content.decode()
    assert "Secret draft question?" not in html
    assert "No questions match" in html


@pytest.mark.parametrize(
    "query",
    [
        "   ",
        "\x00",
        "cure\x00 \x1f",
        '"',
        "'",
        '"unterminated phrase',
        "-",
        "or or or",
        "!!! & | :* <->",
        "'; DROP TABLE faq_question; --",
        "<script>alert(1)</script>",
        "🩸 gène thérapie",
        "血友病",
        "x" * 5000,
    ],
)
def test_bad_search_input_gets_a_clear_answer(client, question, query):
    response = client.get("/faq/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_a_very_long_query_is_refused_with_a_reason(client, question):
    html = client.get("/faq/", {"q": "cure " * 100}).content.decode()
    assert "Please use 200 characters or fewer." in html


@pytest.mark.parametrize("page", ["abc", "0", "5", "-1"])
def test_bad_result_page_numbers_are_not_found(client, question, page):
    assert client.get("/faq/", {"q": "cure", "page": page}).status_code == 404


def test_faq_page_uses_a_fixed_number_of_queries(client, make_question, django_assert_max_num_queries):
    for number in range(3):
        make_question(slug=f"few-{number}", question=f"Few {number}?")
    with django_assert_max_num_queries(3):
        assert client.get("/faq/").status_code == 200
    for number in range(30):
        make_question(slug=f"many-{number}", question=f"Many {number}?")
    with django_assert_max_num_queries(3):
        assert client.get("/faq/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/faq/", {"q": "many"}).status_code == 200
