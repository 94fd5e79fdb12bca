"""What else a word finds: numbers written both ways, words with digits, broader terms, other phrasings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import vocabulary
from search.engine import search
from search.models import BroaderTerm, SynonymGroup

from .conftest import titles


@pytest.fixture
def pages(make_article, make_question):
    make_question(slug="aav5-test", question="What is the AAV5 antibody test?",
                  answer="A blood test for antibodies to the virus the treatment uses.")
    make_question(slug="factor-viii", question="What does factor VIII do?", answer="It helps blood clot in haemophilia A.")
    make_question(slug="hemgenix-side-effects", question="What side effects can Hemgenix cause?",
                  answer="Most people have mild side effects, such as a headache.")
    make_article(slug="gene-therapy", title="What is gene therapy?", summary="Gene therapy in general.",
                 body="Gene therapy gives the body a working copy of a gene. It can have side effects.")
    make_question(slug="travel", question="Can I fly after my infusion?", answer="Yes, after the first weeks.",
                  also_asked="Is it safe to go on a plane?\nCan I go abroad on holiday?")
    vocabulary.rebuild()


def test_a_word_finds_the_same_word_with_digits(pages):
    assert "What is the AAV5 antibody test?" in titles(search("aav antibodies"))


def test_a_number_after_a_word_finds_the_roman_numeral_and_back(pages, make_question):
    SynonymGroup.objects.all().delete()  # by rule, not from the seeded "factor IX, factor 9" group
    make_question(slug="factor-ix", question="What is factor IX?", answer="A clotting protein.")
    assert "What is factor IX?" in titles(search("factor 9"))
    assert "What does factor VIII do?" in titles(search("factor 8"))
    assert "What does factor VIII do?" in titles(search('"factor 8"'))
    assert "What does factor VIII do?" not in titles(search("factor 9"))


def test_a_broad_term_finds_narrower_ones_but_not_the_reverse(pages):
    BroaderTerm.objects.create(status="published", broad="gene therapy", narrower="hemgenix, etranacogene")
    found = titles(search("gene therapy side effects"))
    assert "What side effects can Hemgenix cause?" in found
    assert "What is gene therapy?" not in titles(search("hemgenix side effects"))


def test_a_match_through_a_narrower_term_counts_a_little_less(pages):
    BroaderTerm.objects.create(status="published", broad="gene therapy", narrower="hemgenix")
    assert titles(search("gene therapy"))[0] == "What is gene therapy?"


def test_a_draft_broader_term_changes_nothing(pages):
    BroaderTerm.objects.all().delete()  # the ones the migrations seed
    BroaderTerm.objects.create(status="draft", broad="gene therapy", narrower="hemgenix")
    assert "What side effects can Hemgenix cause?" not in titles(search("gene therapy"))


def test_a_question_is_found_by_how_else_families_ask_it(pages):
    assert titles(search("is it safe to go on a plane"))[0] == "Can I fly after my infusion?"
    assert "Can I fly after my infusion?" in titles(search("abroad holiday"))


@pytest.mark.parametrize("query", ["gene therapy side effects", "hemgenics", "zzzz qqqq", "aav or factor 8",
                                   "gene -therapy side"])
def test_a_search_asks_the_database_at_most_five_times(pages, query):
    BroaderTerm.objects.create(status="published", broad="gene therapy", narrower="hemgenix")
    search("warm the caches")
    with CaptureQueriesContext(connection) as queries:
        search(query)
    assert len(queries) <= 5, [q["sql"][:80] for q in queries]
