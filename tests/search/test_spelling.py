"""'Did you mean': only words the public can read, never a real English word, every misspelt word."""

import datetime

from django.utils import timezone

from editorial.models import Status
from search import vocabulary
from search.engine import search
from search.models import SynonymGroup


def test_words_of_scheduled_pages_are_not_offered(library, make_question):
    make_question(slug="later", question="What is a zebrafish model?", answer="Zebrafish are used in research.",
                  publish_at=timezone.now() + datetime.timedelta(days=2))
    vocabulary.rebuild()
    assert "zebrafish" not in search("zebrafsh").suggestion


def test_words_of_archived_pages_are_not_offered(make_question, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_question(slug="axolotl", question="What is an axolotl?", answer="An axolotl is a salamander.")
    assert search("axolotle").suggestion == "axolotl"
    with django_capture_on_commit_callbacks(execute=True):
        page.status = Status.ARCHIVED
        page.save()
    assert "axolotl" not in search("axolotle").suggestion


def test_a_real_english_word_is_not_corrected(make_question):
    make_question(slug="news", question="Where can I read the news?", answer="Our news page lists updates.")
    make_question(slug="diagnosed", question="My son was diagnosed: what now?", answer="Your team will help.")
    vocabulary.rebuild()
    assert search("newly diagnosed").suggestion == ""


def test_every_misspelt_word_is_corrected_in_the_sites_spelling(make_question):
    SynonymGroup.objects.create(status="published", words="haemophilia, hemophilia")
    make_question(slug="gt", question="What is gene therapy for haemophilia B?",
                  answer="Gene therapy gives the liver a working gene.")
    vocabulary.rebuild()
    assert search("hemofelia jene therapy").suggestion == "haemophilia gene therapy"
