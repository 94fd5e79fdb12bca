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


def test_a_faq_search_goes_to_the_site_search_for_questions_only(client, db):
    response = client.get("/faq/", {"q": "liver tests"})
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=liver+tests&type=faq"


def test_faq_page_uses_a_fixed_number_of_queries(client, make_question, django_assert_max_num_queries):
    for number in range(3):
        make_question(slug=f"few-{number}", question=f"Few {number}?")
    with django_assert_max_num_queries(3):
        assert client.get("/faq/").status_code == 200
    for number in range(30):
        make_question(slug=f"many-{number}", question=f"Many {number}?")
    with django_assert_max_num_queries(3):
        assert client.get("/faq/").status_code == 200
