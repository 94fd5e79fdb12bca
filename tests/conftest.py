import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from articles.models import Article, Reference, Topic
from editorial.models import ReviewerProfile
from faq.models import Category, Question

TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Gene therapy", slug="gene-therapy", order=1)


@pytest.fixture
def make_article(topic):
    def make(slug="what-is-hemgenix", status="published", **fields):
        values = {
            "title": "What is Hemgenix?",
            "topic": topic,
            "summary": "A one-time gene therapy for haemophilia B.",
            "body": "Intro.\n\n## How it works\n\nIt carries a gene to the liver.\n\n## After the infusion\n\nBlood tests.\n",
            "status": status,
            "reviewer_name": "Dr Example",
            "reviewer_role": "Consultant haematologist",
            "last_reviewed": TODAY,
            "next_review_due": TODAY + datetime.timedelta(days=365),
        }
        values.update(fields)
        return Article.objects.create(slug=slug, **values)

    return make


@pytest.fixture
def article(make_article):
    article = make_article()
    Reference.objects.create(
        article=article, order=1, title="Hemgenix EPAR overview", publisher="EMA",
        url="https://www.ema.europa.eu/en/medicines/human/EPAR/hemgenix", date="2023",
    )
    return article


@pytest.fixture
def draft_article(make_article):
    return make_article(slug="draft-article", title="Secret draft article", status="draft")


@pytest.fixture
def category(db):
    return Category.objects.create(name="Gene therapy", slug="gene-therapy", order=1)


@pytest.fixture
def make_question(category):
    def make(slug="is-hemgenix-a-cure", status="published", **fields):
        values = {
            "question": "Is Hemgenix a cure?",
            "category": category,
            "answer": "No. It may lower or stop the need for regular factor IX.",
            "status": status,
            "last_reviewed": TODAY,
        }
        values.update(fields)
        return Question.objects.create(slug=slug, **values)

    return make


@pytest.fixture
def question(make_question):
    return make_question()


@pytest.fixture
def draft_question(make_question):
    return make_question(slug="secret-draft-question", question="Secret draft question?", status="draft")


@pytest.fixture
def editor(db):
    """A clinical editor: staff, in the Clinical editors group, not a superuser."""
    user = User.objects.create_user("nurse", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Clinical editors"))
    return user


@pytest.fixture
def editor_client(editor):
    """Signed in as the editor; the plain `client` fixture stays anonymous."""
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def member_of_public(db):
    return User.objects.create_user("visitor", password="a-long-test-password")


def _staff_in(username, group):
    user = User.objects.create_user(username, password="a-long-test-password", is_staff=True,
                                    first_name=username.title(), last_name="Example")
    user.groups.add(Group.objects.get(name=group))
    return user


def _reviewer(username):
    user = _staff_in(username, "Clinical reviewers")
    ReviewerProfile.objects.create(user=user, display_name=f"{username.title()} Example",
                                   role="Haemophilia nurse specialist")
    return user


@pytest.fixture
def reviewer(db):
    """A clinical reviewer with a profile: may approve, publish and archive."""
    return _reviewer("rita")


@pytest.fixture
def second_reviewer(db):
    return _reviewer("rosa")


@pytest.fixture
def reviewer_client(reviewer):
    client = Client()
    client.force_login(reviewer)
    return client


@pytest.fixture(autouse=True)
def fresh_synonyms():
    """Each test starts without the synonyms another test's database held."""
    from search.engine import forget_synonyms

    forget_synonyms()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no cached pages, rate-limit counts or versions
    from another test (the test settings use a local-memory cache)."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
