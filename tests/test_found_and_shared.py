"""Search engines and link previews see accurate, published-only information."""

import json
import re
import xml.etree.ElementTree as ET


def structured_data(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {block["@type"]: block for block in map(json.loads, blocks)}


def test_article_page_meta_and_open_graph(client, article):
    html = client.get("/articles/what-is-hemgenix/").content.decode()
    assert '<meta name="description" content="A one-time gene therapy for haemophilia B.">' in html
    assert '<link rel="canonical" href="http://testserver/articles/what-is-hemgenix/">' in html
    assert '<meta property="og:title" content="What is Hemgenix?">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:description" content="A one-time gene therapy for haemophilia B.">' in html
    assert '<meta property="og:url" content="http://testserver/articles/what-is-hemgenix/">' in html


def test_canonical_url_drops_search_words_but_keeps_the_page(client, make_article):
    for number in range(25):
        make_article(slug=f"a-{number}", title=f"A {number}")
    html = client.get("/articles/", {"page": "2", "utm_source": "x"}).content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/?page=2">' in html


def test_titles_are_unique_per_page(client, article, question):
    titles = set()
    for url in ["/", "/articles/", "/topics/gene-therapy/", "/articles/what-is-hemgenix/",
                "/faq/", "/faq/is-hemgenix-a-cure/", "/glossary/"]:
        title = re.search(r"<title>(.*?)</title>", client.get(url).content.decode()).group(1)
        assert "hemed" in title, title
        titles.add(title)
    assert len(titles) == 7


def test_article_structured_data_says_who_reviewed_it_and_when(client, article):
    data = structured_data(client.get("/articles/what-is-hemgenix/").content.decode())
    page = data["MedicalWebPage"]
    assert page["name"] == "What is Hemgenix?"
    assert page["lastReviewed"] == "2026-11-29"
    assert page["reviewedBy"] == {"@type": "Person", "name": "Dr Example", "jobTitle": "Consultant haematologist"}
    assert page["url"] == "http://testserver/articles/what-is-hemgenix/"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Gene therapy", "What is Hemgenix?"]
    assert crumbs[1]["item"] == "http://testserver/topics/gene-therapy/"


def test_structured_data_cannot_break_out_of_its_script(client, make_article):
    make_article(slug="sneaky", title="</script><script>alert(1)</script>")
    html = client.get("/articles/sneaky/").content.decode()
    assert "<script>alert(1)" not in html
    assert structured_data(html)["MedicalWebPage"]["name"] == "</script><script>alert(1)</script>"


def test_faq_structured_data_lists_published_answers_only(client, question, draft_question):
    faq = structured_data(client.get("/faq/category/gene-therapy/").content.decode())["FAQPage"]
    names = [item["name"] for item in faq["mainEntity"]]
    assert names == ["Is Hemgenix a cure?"]
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"].startswith("No. It may lower")


def test_sitemap_lists_published_pages_with_dates(client, article, draft_article, question, draft_question):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.find("s:loc", ns).text: u.find("s:lastmod", ns) for u in ET.fromstring(response.content).findall("s:url", ns)}
    assert "http://testserver/articles/what-is-hemgenix/" in urls
    assert urls["http://testserver/articles/what-is-hemgenix/"] is not None
    assert "http://testserver/faq/is-hemgenix-a-cure/" in urls
    assert "http://testserver/topics/gene-therapy/" in urls
    assert "http://testserver/glossary/" in urls
    assert not any("draft" in url for url in urls)


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_atom_feed_has_published_articles_only(client, article, draft_article):
    response = client.get("/articles/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)]
    assert titles == ["What is Hemgenix?"]
    assert feed.find("a:entry/a:updated", ns) is not None
    assert 'type="application/atom+xml"' in client.get("/").content.decode()


def test_printed_article_shows_its_address_and_review_date(client, article):
    html = client.get("/articles/what-is-hemgenix/").content.decode()
    assert ('<p class="hemed-print-only nhsuk-body-s">From hemed: http://testserver/articles/what-is-hemgenix/. '
            "Page last reviewed 29 November 2026; next review due 29 November 2027.</p>") in html
