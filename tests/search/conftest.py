import pytest

from glossary.models import Term
from search import vocabulary


@pytest.fixture
def library(make_article, make_question):
    """A small site: two articles, three questions, a term and one draft."""
    make_article(slug="what-is-hemgenix", title="What is Hemgenix?",
                 summary="A one-time gene therapy.",
                 body="Hemgenix carries a working gene to the liver. The liver then makes factor IX.")
    make_article(slug="inheritance", title="How haemophilia B is inherited",
                 summary="Carriers, sons and daughters.",
                 body="A mother who is a carrier can pass the altered gene to her children.")
    make_question(slug="liver-tests", question="Why do I need so many liver tests after gene therapy?",
                  answer="The immune system can inflame the liver. Blood tests check ALT every week at first.")
    make_question(slug="daughter", question="Can my daughter have haemophilia B?",
                  answer="Girls can be carriers and some have bleeding symptoms.")
    make_question(slug="cure", question="Is Hemgenix a cure?",
                  answer="No. It may lower or stop the need for regular factor IX. Side effects include headache.")
    make_question(slug="secret", question="Secret draft about the liver?", answer="Liver draft.", status="draft")
    Term.objects.create(status="published", term="ALT", slug="alt", definition="A liver enzyme measured in blood tests.",
                        also="alanine aminotransferase")
    vocabulary.rebuild()


def titles(outcome):
    return [r.title for r in outcome.results]
