"""The About pages (who we are, editorial policy, funding, contact, privacy, accessibility)
are reviewed content linked from every page's footer, and exported with the rest."""

import pytest
from django.core.management import call_command

from contentfiles.layout import files
from pages.models import FOOTER_PAGES, Page


@pytest.fixture
def about_pages(db):
    return [Page.objects.create(slug=slug, title=label, summary=f"{label}.", body=f"About {label}.\n\n## More\n\nText.\n",
                                status="published", demo=True) for slug, label in FOOTER_PAGES]


def test_every_page_footer_links_each_about_page_and_each_one_opens(client, about_pages, article):
    html = client.get(article.get_absolute_url()).content.decode()
    footer = html[html.index("<footer"):]
    for page in about_pages:
        assert f'href="/about/{page.slug}/"' in footer
        response = client.get(page.get_absolute_url())
        assert response.status_code == 200 and page.title in response.content.decode()


def test_the_error_page_footer_needs_no_database(client, about_pages):
    from django.template.loader import render_to_string

    assert "/about/privacy/" in render_to_string("500.html")


def test_a_draft_about_page_is_not_public(client, db):
    Page.objects.create(slug="privacy", title="Privacy notice", summary="s", body="Draft words.", status="draft")
    assert client.get("/about/privacy/").status_code == 404


def test_about_pages_are_edited_in_the_admin_like_articles(editor_client, about_pages):
    listing = editor_client.get("/admin/pages/page/")
    assert listing.status_code == 200 and "Privacy notice" in listing.content.decode()
    change = editor_client.get(f"/admin/pages/page/{about_pages[0].pk}/change/")
    assert change.status_code == 200


def test_the_shipped_about_pages_load_export_and_cover_what_the_privacy_notice_must_say(db, settings):
    call_command("load_content", verbosity=0)
    pages = {page.slug: page for page in Page.objects.published()}
    assert set(pages) == {slug for slug, _ in FOOTER_PAGES}
    assert all(page.demo for page in pages.values()), "example content until a reviewer approves it"
    privacy = pages["privacy"].body.lower()
    assert "search" in privacy and "feedback" in privacy and "ip address" in privacy
    exported, _ = files()
    assert "pages/privacy.md" in exported and "Privacy notice" in exported["pages/privacy.md"]
