def test_faq_page_lists_published_questions_by_category_linking_to_their_answers(client, question, draft_question):
    response = client.get("/faq/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<h2 id="category-gene-therapy" class="nhsuk-heading-l">Gene therapy</h2>' in html
    assert '<a href="/faq/is-hemgenix-a-cure/">Is Hemgenix a cure?</a>' in html
    assert "It may lower or stop" not in html, "answers are on their own pages, so the index stays small"
    assert 'href="/faq/category/gene-therapy/"' in html
    assert "Secret draft question?" not in html


def test_a_category_page_shows_its_answers_in_expanders(client, question, draft_question):
    html = client.get("/faq/category/gene-therapy/").content.decode()
    assert '<details class="nhsuk-details" id="q-is-hemgenix-a-cure">' in html
    assert "It may lower or stop" in html and "Secret draft question?" not in html
    assert client.get("/faq/category/no-such-thing/").status_code == 404
    answer = client.get("/faq/is-hemgenix-a-cure/").content.decode()
    assert 'href="/faq/category/gene-therapy/#q-is-hemgenix-a-cure"' in answer


def test_a_category_with_only_drafts_is_not_found(client, draft_question):
    assert client.get("/faq/category/gene-therapy/").status_code == 404


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
    with django_assert_max_num_queries(3):
        assert client.get("/faq/category/gene-therapy/").status_code == 200
    for number in range(30):
        make_question(slug=f"many-{number}", question=f"Many {number}?")
    with django_assert_max_num_queries(3):
        assert client.get("/faq/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/faq/category/gene-therapy/").status_code == 200


def test_the_faq_index_of_the_shipped_content_stays_under_60_kb(client, db):
    from django.core.management import call_command

    call_command("load_content", verbosity=0, stdout=__import__("io").StringIO())
    html = client.get("/faq/").content
    assert len(html) <= 60 * 1024, f"the FAQ index is {len(html) // 1024} KB"
    assert html.count(b'href="/faq/') > 100, "every question is listed"
