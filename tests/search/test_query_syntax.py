"""The documented query syntax ("phrases", -word, or) works with synonyms, and nothing typed breaks it."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.engine import search
from search.models import SynonymGroup

from .conftest import titles

EXCLUSIONS = ["gene -haemophilia", "factor -hemgenix", 'bleed -"joint bleed"', "liver -hemophilia",
              'gene -"factor 9"', "liver -ALT"]


@pytest.fixture
def synonyms(db):
    for words in ["haemophilia, hemophilia", "hemgenix, etranacogene dezaparvovec",
                  "joint bleed, bleed into a joint", "factor ix, factor 9, fix"]:
        SynonymGroup.objects.create(status="published", words=words)


@pytest.mark.parametrize("query", EXCLUSIONS)
def test_excluding_a_word_that_has_synonyms_answers(library, synonyms, query):
    search(query)


def test_excluding_a_word_leaves_out_its_synonyms_too(library, synonyms):
    found = titles(search("gene -hemophilia"))
    assert "What is Hemgenix?" in found
    assert "How haemophilia B is inherited" not in found
    assert "Is Hemgenix a cure?" not in titles(search("factor -etranacogene"))


@pytest.mark.parametrize("query", EXCLUSIONS)
def test_the_search_page_answers_excluded_synonyms(client, library, synonyms, query):
    assert client.get("/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize("query", EXCLUSIONS)
def test_the_faq_box_answers_excluded_synonyms(client, library, synonyms, query):
    response = client.get("/faq/", {"q": query}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith("/search/")


# The grammar: words (some with synonyms, some negated), quoted phrases, `or`.
WORDS = ["gene", "liver", "haemophilia", "hemophilia", "hemgenix", "etranacogene", "factor", "9", "ix",
         "bleed", "joint", "the", "a", "ALT", "zzzz", "héma", "-", '"', "or"]
word = st.sampled_from(WORDS)
phrase = st.lists(word, min_size=0, max_size=4).map(lambda words: '"' + " ".join(words) + '"')
piece = st.one_of(word, phrase)
term = st.tuples(st.sampled_from(["", "-", "\u2212"]), piece).map("".join)
grammar_queries = st.lists(st.one_of(term, st.just("or"), st.just("OR")), max_size=10).map(" ".join)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=grammar_queries, faq_only=st.booleans())
def test_any_query_in_the_grammar_answers(library, synonyms, query, faq_only):
    outcome = search(query, ("question",) if faq_only else ("question", "article", "term"))
    outcome.annotate(outcome.results[:10])
    assert "Secret draft about the liver?" not in titles(outcome)
