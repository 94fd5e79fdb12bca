"""The search log keeps no personal details and no addresses, counts each visitor once per
query per day, forgets searches after RETENTION_DAYS; search and suggestions are rate-limited;
result pages keep the search's filters; robots.txt keeps crawlers out of result pages."""

import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from search.log import RETENTION_DAYS, redact
from search.models import SearchLog


@pytest.fixture(autouse=True)
def empty_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("typed, stored", [
    ("my email is jo.bloggs+nhs@example.co.uk hemgenix", "my email is [email] hemgenix"),
    ("nhs number 943 476 5919", "nhs number [number]"),
    ("call me on 07700 900123 about factor ix", "call me on [number] about factor ix"),
    ("+44 (0)20-7946-0958", "[number]"),
    ("hospital no 12345678", "hospital no [number]"),
    ("born 01/02/2015", "born [number]"),
    ("factor 9 levels 2024", "factor 9 levels 2024"),
    ("36 months 1 to 2 hours", "36 months 1 to 2 hours"),
])
def test_personal_details_are_taken_out_before_a_search_is_stored(typed, stored):
    assert redact(typed) == stored


def test_the_stored_search_is_redacted_and_has_no_address(client, db):
    client.get("/search/", {"q": "Jo Smith jo@example.org 943 476 5919 liver"}, REMOTE_ADDR="203.0.113.9")
    row = SearchLog.objects.get()
    assert row.query == "jo smith [email] [number] liver"
    assert "203.0.113" not in " ".join(str(v) for v in SearchLog.objects.values().get().values())


def test_one_client_counts_once_per_query_per_day(client, db):
    for _ in range(40):
        client.get("/search/", {"q": "made up campaign"}, REMOTE_ADDR="198.51.100.4")
    client.get("/search/", {"q": "made up campaign"}, REMOTE_ADDR="198.51.100.5")
    client.get("/search/", {"q": "liver"}, REMOTE_ADDR="198.51.100.4")
    assert SearchLog.objects.filter(query="made up campaign").count() == 2
    assert SearchLog.objects.count() == 3


def test_the_visitor_key_changes_every_day(rf, settings):
    from hemed.clients import daily_visitor

    request = rf.get("/search/", REMOTE_ADDR="198.51.100.4")
    today = datetime.date(2026, 12, 2)
    assert daily_visitor(request, today) == daily_visitor(rf.get("/", REMOTE_ADDR="198.51.100.4"), today)
    assert daily_visitor(request, today) != daily_visitor(request, today + datetime.timedelta(days=1))
    assert daily_visitor(request, today) != daily_visitor(rf.get("/", REMOTE_ADDR="198.51.100.5"), today)
    assert "198.51.100.4" not in daily_visitor(request, today)


def test_old_searches_are_purged_by_a_command(db):
    today = timezone.localdate()
    for days_ago in [0, RETENTION_DAYS - 1, RETENTION_DAYS, RETENTION_DAYS + 1, 400]:
        SearchLog.objects.create(query=f"q{days_ago}", results=1, date=today - datetime.timedelta(days=days_ago))
    out = io.StringIO()
    call_command("purge_search_log", stdout=out)
    kept = sorted(SearchLog.objects.values_list("query", flat=True))
    assert kept == sorted(["q0", f"q{RETENTION_DAYS - 1}", f"q{RETENTION_DAYS}"])
    assert "Deleted 2 searches" in out.getvalue()


def test_search_and_suggestions_are_rate_limited_per_client(client, db, settings):
    from search.views import SEARCH_RATE, SUGGEST_RATE

    settings.RATELIMIT_ENABLE = True
    allowed = int(SEARCH_RATE.split("/")[0])
    for _ in range(allowed):
        assert client.get("/search/", {"q": "liver"}, REMOTE_ADDR="192.0.2.1").status_code == 200
    refused = client.get("/search/", {"q": "liver"}, REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429 and "wait a minute" in refused.content.decode()
    assert client.get("/search/", {"q": "liver"}, REMOTE_ADDR="192.0.2.2").status_code == 200
    for _ in range(int(SUGGEST_RATE.split("/")[0])):
        client.get("/search/suggest/", {"q": "liv"}, REMOTE_ADDR="192.0.2.1")
    refused = client.get("/search/suggest/", {"q": "liv"}, REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429 and refused.json()["suggestions"] == []


def test_page_two_of_a_faq_search_is_still_a_faq_search(client, make_question, make_article):
    for n in range(12):
        make_question(slug=f"liver-{n}", question=f"Liver question {n}?", answer="About the liver.")
    make_article(slug="liver-article", title="The liver", body="The liver and the liver again.")
    html = client.get("/search/", {"q": "liver", "type": "faq"}).content.decode()
    next_link = re.search(r'href="([^"]*)" rel="next"', html).group(1).replace("&amp;", "&")
    assert "type=faq" in next_link and "q=liver" in next_link and "page=2" in next_link
    second = client.get("/search/" + next_link).content.decode()
    assert "The liver" not in re.sub(r"<title>.*?</title>", "", second, flags=re.S), "page 2 searched the whole site"


def test_robots_txt_keeps_crawlers_out_of_search_results(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /search/" in text and "Disallow: /faq/?q=" in text


def test_insights_show_the_results_of_the_last_search(editor_client, db):
    today = timezone.localdate()
    SearchLog.objects.create(query="spleen", results=5, date=today - datetime.timedelta(days=3), visitor="a")
    SearchLog.objects.create(query="spleen", results=0, date=today - datetime.timedelta(days=1), visitor="b")
    html = editor_client.get("/admin/search/searchlog/").content.decode()
    top = html[html.index("Results (last search)"):]
    row = re.search(r">spleen</a></td>(.*?)</tr>", top, re.S).group(1)
    assert re.findall(r"<td>(\d+)</td>", row) == ["2", "0"]
