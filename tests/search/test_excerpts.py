"""Excerpts show the matched words, in whole sentences where they fit, and never stop mid-thought."""

import re

from glossary.models import Term

EXCERPT = re.compile(r'<p class="nhsuk-body-s nhsuk-u-margin-bottom-2">(.*?)</p>', re.S)
FACTOR_IX = "A protein in the blood that helps it to clot. In haemophilia B there is too little of it, or it does not work well."
HOLIDAY = ("Talk to your team before you book. For at least the first 3 months, you have liver blood tests every "
           "week. So long trips are hard early on.\n\nFrom month 4 to the end of the first year, the tests are "
           "every 3 months. This gives you more room to plan.\n\nTell your haemophilia centre about any trip. "
           "Some centres need notice to write a travel letter. The Oxford centre, for example, asks for at "
           "least 2 weeks. Take your bleed plan with you.")


def excerpts(client, query):
    return EXCERPT.findall(client.get("/search/", {"q": query}).content.decode())


def test_a_short_definition_is_shown_whole(client, db):
    Term.objects.create(status="published", term="Factor IX (FIX)", slug="factor-ix", definition=FACTOR_IX,
                        also="factor IX, factor 9")
    (excerpt,) = excerpts(client, "factor ix")
    assert re.sub(r"</?mark>", "", excerpt).endswith("or it does not work well.")


def test_an_excerpt_holds_the_matched_words_and_ends_at_a_sentence_or_an_ellipsis(client, make_question):
    make_question(slug="holiday", question="Can I go on holiday in the first year after gene therapy?",
                  answer=HOLIDAY)
    for query in ["weekly liver blood tests", "travel letter", "bleed plan", "tests every week"]:
        (excerpt,) = excerpts(client, query)
        assert "<mark>" in excerpt, query
        text = re.sub(r"</?mark>", "", excerpt)
        assert text.endswith((".", "…")), (query, text)
        assert not text.endswith(("you", "you …", "you…")), (query, text)
        assert len(text) <= 320, query


def test_an_excerpt_shows_the_page_as_it_is_now_after_an_edit(client, make_question):
    # A page's text is kept for excerpts; an edit must show in the very next search.
    question = make_question(slug="liver-tests", question="Why do I need liver tests?",
                             answer="Your team checks your liver with blood tests.")
    assert any("<mark>liver</mark>" in e for e in excerpts(client, "liver"))
    question.answer = "Your team checks your liver and kidneys with blood tests."
    question.save()
    (excerpt,) = excerpts(client, "kidneys")
    assert "<mark>kidneys</mark>" in excerpt
