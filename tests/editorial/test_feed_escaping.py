"""The Atom feed's <summary type="html"> carries the plain-text summary escaped,
so a feed reader shows markup typed into a summary as text, never as live HTML."""

import html
import xml.etree.ElementTree as ET

from django.urls import reverse

ATOM = {"a": "http://www.w3.org/2005/Atom"}
MARKUP = "<img src=x onerror=alert(1)> & <b>bold</b>"


def feed_summaries(client):
    url = reverse("articles:feed")
    assert url == "/articles/feed/"
    response = client.get(url)
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    return {
        entry.find("a:title", ATOM).text: entry.find("a:summary", ATOM)
        for entry in feed.findall("a:entry", ATOM)
    }


def test_markup_in_a_summary_is_escaped_html_text(client, make_article):
    make_article(slug="markup", title="Markup in the summary", summary=MARKUP)

    summary = feed_summaries(client)["Markup in the summary"]

    assert summary.get("type") == "html"
    text = summary.text
    # The element's text is HTML, in which the markup is escaped: a reader renders
    # the literal characters "<img ...>", not an image tag with an onerror handler.
    assert "<img" not in text
    assert "<b>" not in text
    assert text == "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    # What the reader shows is exactly what the editor typed.
    assert html.unescape(text) == MARKUP


def test_an_ordinary_summary_still_reads_correctly(client, make_article):
    make_article(slug="factor-ix", title="Factor IX and you", summary="factor IX & you")

    summary = feed_summaries(client)["Factor IX and you"]

    # As HTML, "&amp;" is the ampersand: the reader shows "factor IX & you".
    assert summary.text == "factor IX &amp; you"
    assert html.unescape(summary.text) == "factor IX & you"
