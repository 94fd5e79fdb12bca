"""The admin as a haemophilia nurse uses it, in Chromium: the article form fits a 1280 px
screen, the pages she uses pass axe, the reading panel follows her typing before the first
save, and the formatting buttons and "Add image" put markdown where the cursor is."""

import base64
import io

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article
from editorial import workflow
from editorial.models import WordToExplain

from .support import AXE_TAGS, ProblemLog, axe_violations, describe_violations

SCREEN = {"width": 1280, "height": 800}
ADD = "/admin/articles/article/add/"
# Dropped on the editor as a browser does; markdownx uploads what it finds in dataTransfer.
DROP = """([data, type, name]) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, {type}));
    document.querySelector("#id_body").dispatchEvent(
        new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
}"""


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def signed_in(site, new_context):
    """signed_in(user, path): a page at `path`, signed in as `user`, 1280 × 800 unless told."""

    def open_page(user, path, viewport=SCREEN):
        client = Client()
        client.force_login(user)
        context = new_context(viewport=viewport)
        context.add_cookies([{
            "name": settings.SESSION_COOKIE_NAME, "url": site,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        }])
        page = context.new_page()
        page.problems = ProblemLog(page)
        response = page.goto(site + path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        return page

    return open_page


@pytest.fixture
def draft(site, editor):
    """A new version of a live article, with its references picked from the registry."""
    return workflow.start_new_version(Article.objects.get(slug="what-is-hemgenix"), editor)


@pytest.fixture
def in_review(site, editor):
    """A changed version of another article, sent for review by the editor."""
    version = workflow.start_new_version(Article.objects.get(slug="what-is-gene-therapy"), editor)
    before = version.content_hash()
    version.body += "\n\nThe trial now has five years of results."
    version.save()
    workflow.record_edit(version, editor, before)
    workflow.submit(version, editor)
    return version


def admin_url(item, action="change"):
    if action == "change":
        return f"/admin/articles/article/{item.pk}/change/"
    if action == "history":
        return f"/admin/articles/article/{item.pk}/history/"
    return f"/admin/articles/article/{item.pk}/workflow/{action}/"


def wait_for_editor(page):
    """markdownx has started, the tools are in and select2 has built the source pickers."""
    page.wait_for_selector("textarea.markdownx-editor[data-markdownx-init]", state="attached")
    page.wait_for_selector(".hemed-md-toolbar")
    if page.locator("#references-group select.admin-autocomplete").count():
        page.wait_for_selector("#references-group .select2-selection[aria-labelledby]", state="attached")


def horizontal_overflow(page):
    return page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")


# 1. The form fits the screen.

@pytest.mark.parametrize("width", [1280, 1440])
def test_the_article_forms_fit_the_screen_without_scrolling_sideways(signed_in, editor, draft, width):
    viewport = {"width": width, "height": 800}
    for path in (ADD, admin_url(draft)):
        page = signed_in(editor, path, viewport)
        wait_for_editor(page)
        scroll_width, inner_width = horizontal_overflow(page)
        assert scroll_width <= inner_width, f"{path} at {width} px is {scroll_width} px wide"
        # Every reference input is on the screen, not cut off at its right edge.
        right = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
            "#references-group td input:not([type=hidden]), #references-group .select2-container")]
            .map((e) => e.getBoundingClientRect().right))""")
        assert right <= inner_width


# 2. axe on the pages a nurse uses.

@pytest.fixture
def first_time_reviewer(db):
    """A reviewer approving for the first time: the approval page also asks how to name her."""
    from django.contrib.auth.models import Group

    user = User.objects.create_user("rosa", password="a-long-test-password", is_staff=True,
                                    first_name="Rosa", last_name="Example")
    user.groups.add(Group.objects.get(name="Clinical reviewers"))
    return user


def admin_pages(request):
    """(who, path) for each page, made after the content they show."""
    editor = request.getfixturevalue("editor")
    reviewer = request.getfixturevalue("reviewer")
    draft = request.getfixturevalue("draft")
    in_review = request.getfixturevalue("in_review")
    return {
        "add-form": (editor, ADD),
        "change-form": (editor, admin_url(draft)),
        "change-form-in-review": (reviewer, admin_url(in_review)),
        "approval-form": (reviewer, admin_url(in_review, "approve")),
        "approval-form-first-time": (request.getfixturevalue("first_time_reviewer"), admin_url(in_review, "approve")),
        "dashboard-editor": (editor, "/admin/"),
        "dashboard-reviewer": (reviewer, "/admin/"),
        "history": (editor, admin_url(in_review, "history")),
    }


PAGE_NAMES = ["add-form", "change-form", "change-form-in-review", "approval-form", "approval-form-first-time",
              "dashboard-editor", "dashboard-reviewer", "history"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_axe_finds_no_violations_on_the_pages_a_nurse_uses(request, signed_in, name):
    user, path = admin_pages(request)[name]
    page = signed_in(user, path)
    if page.locator("textarea.markdownx-editor").count():
        wait_for_editor(page)
        if page.locator("textarea.markdownx-editor").input_value():
            page.wait_for_selector(".markdownx-preview > *")  # the preview, links and all
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core ({', '.join(AXE_TAGS)}) found {len(violations)} violation(s) on {name} ({path}):\n"
        f"{describe_violations(violations)}"
    )


def test_axe_finds_no_violations_with_the_image_description_and_help_open(signed_in, editor):
    page = signed_in(editor, ADD)
    wait_for_editor(page)
    page.locator(".hemed-md-help summary").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Add image").click()
    chooser.value.set_files({"name": "knee.png", "mimeType": "image/png", "buffer": png_bytes()})
    page.get_by_role("button", name="Upload and add").click()
    expect(page.get_by_role("alert").filter(has_text="Describe the image first")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


# 3. The admin's icon.

def test_admin_pages_show_the_site_icon_and_ask_for_nothing_missing(signed_in, editor, draft):
    for path in ("/admin/", admin_url(draft), admin_url(draft, "history")):
        page = signed_in(editor, path)
        icon = page.locator("link[rel=icon]")
        expect(icon).to_have_attribute("href", "/static/img/favicon.svg")
        assert page.request.get(page.url.split("/admin/")[0] + icon.get_attribute("href")).status == 200
        page.wait_for_load_state("networkidle")
        assert page.problems.collect() == [], f"{path}: {page.problems.collect()}"


def test_the_sign_in_page_shows_the_site_icon(site, page):
    page.goto(site + "/admin/login/")
    expect(page.locator("link[rel=icon]")).to_have_attribute("href", "/static/img/favicon.svg")


# 4. Live checks on a page not saved yet.

def test_the_reading_panel_follows_typing_on_the_add_form_before_any_save(signed_in, editor):
    WordToExplain.objects.get_or_create(word="synovitis")
    page = signed_in(editor, ADD)
    wait_for_editor(page)
    panel = page.locator(".hemed-reading")
    grade = panel.locator("[data-reading=grade]")
    checks = panel.locator("[data-reading=warnings]")
    # At once, before typing: what a new page still needs.
    expect(checks).to_contain_text("There are no references")
    expect(checks).to_contain_text("The summary is missing.")
    expect(grade).to_have_text("0.0")

    posts = []
    page.on("request", lambda r: posts.append(r) if r.url.endswith("/admin/reading/") else None)
    page.locator("#id_body").click()
    page.keyboard.type(
        "Synovitis is swelling of the lining of a joint after many bleeds into it, which physiotherapy "
        "and regular treatment can help to settle for most people. ![](/static/img/favicon.svg) "
        "See [the society](http://example.org).", delay=5)
    expect(panel.locator("[data-reading=unexplained]")).to_have_text("synovitis")
    expect(grade).not_to_have_text("0.0")
    expect(checks).to_contain_text("An image has no alt text")
    expect(checks).to_contain_text("A link uses http:")
    assert len(posts) < 10, "the panel should wait for a pause in typing, not ask at every key"

    page.locator("#id_summary").fill("What synovitis is.")
    expect(checks).not_to_contain_text("The summary is missing.")
    page.locator("#id_references-0-title").fill("Haemophilic arthropathy: a review")
    expect(checks).not_to_contain_text("There are no references")

    page.locator("#id_body").fill("Short words.\n\n## A\n\n#### Deep")
    expect(checks).to_contain_text("Headings skip a level")
    expect(checks).not_to_contain_text("An image has no alt text")
    assert page.url.endswith(ADD)
    assert not Article.objects.filter(summary="What synovitis is.").exists()
    assert page.problems.collect() == []


# 6. Formatting buttons, the cheat sheet and images.

def body(page):
    return page.locator("#id_body").input_value()


def test_formatting_buttons_put_markdown_where_the_cursor_is(signed_in, editor):
    page = signed_in(editor, ADD)
    wait_for_editor(page)
    editor_box = page.locator("#id_body")
    editor_box.click()
    page.keyboard.type("Rest the joint")
    page.get_by_role("button", name="Heading").click()
    assert body(page) == "## Rest the joint"
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Bold").click()
    page.keyboard.type("ice")  # types over the placeholder, which the button selected
    assert body(page).endswith("\n\n**ice**")
    page.keyboard.press("End")
    page.get_by_role("button", name="Do and don’t lists").click()
    page.keyboard.type("rest the joint")
    page.get_by_role("button", name="Citation").click()
    page.keyboard.type("12")
    assert "### Do\n\n- rest the joint[S12]\n\n### Don’t\n\n- \n" in body(page)
    editor_box.fill("See the society")
    editor_box.evaluate("(box) => box.setSelectionRange(4, 15)")
    page.get_by_role("button", name="Link").click()
    page.keyboard.type("https://www.haemophilia.org.uk")
    assert body(page) == "See [the society](https://www.haemophilia.org.uk)"
    editor_box.fill("bleeds\nbruises")
    editor_box.evaluate("(box) => box.select()")
    page.get_by_role("button", name="Numbered list").click()
    assert body(page) == "1. bleeds\n2. bruises"
    editor_box.evaluate("(box) => box.select()")
    page.get_by_role("button", name="Bulleted list").click()
    assert body(page) == "- bleeds\n- bruises"
    page.keyboard.press("End")
    page.get_by_role("button", name="Table").click()
    assert body(page) == "- bleeds\n- bruises\n\n| Heading | Heading |\n| --- | --- |\n| Cell | Cell |\n"
    # The preview follows what the buttons wrote.
    expect(page.locator(".markdownx-preview table")).to_be_visible()
    assert page.problems.collect() == []


def test_the_toolbar_and_its_help_work_from_the_keyboard(signed_in, editor):
    page = signed_in(editor, ADD)
    wait_for_editor(page)
    page.locator("#id_summary").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Heading")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("button", name="Bold")).to_be_focused()
    page.keyboard.press("End")
    expect(page.get_by_role("button", name="Add image")).to_be_focused()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # Bold, into the text
    expect(page.locator("#id_body")).to_be_focused()
    assert body(page) == "**bold words**"
    # The toolbar is one stop: Tab goes on to the help, then to the text.
    page.locator("#id_summary").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Bold")).to_be_focused()  # where she left it
    page.keyboard.press("Tab")
    help_summary = page.locator(".hemed-md-help summary")
    expect(help_summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".hemed-md-help")).to_contain_text("[S12]")
    expect(page.locator(".hemed-md-help")).to_contain_text("### Don’t")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the link to the source registry
    expect(page.locator("#id_body")).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("Control+b")
    assert body(page) == "**bold words****bold words**"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_add_image_asks_for_a_description_then_uploads_and_adds_it(signed_in, editor, media_root):
    page = signed_in(editor, ADD)
    wait_for_editor(page)
    page.locator("#id_body").fill("Before. ")
    page.locator("#id_body").press("End")
    uploads = []
    page.on("request", lambda r: uploads.append(r) if r.url.endswith("/markdownx/upload/") else None)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Add image").click()
    chooser.value.set_files({"name": "knee.png", "mimeType": "image/png", "buffer": png_bytes()})
    description = page.get_by_label("Describe the image for someone who cannot see it (alt text)")
    expect(description).to_be_focused()
    page.get_by_role("button", name="Upload and add").click()
    expect(page.get_by_role("alert").filter(has_text="Describe the image first")).to_be_visible()
    expect(description).to_have_attribute("aria-invalid", "true")
    assert uploads == [] and body(page) == "Before. "
    description.fill("A swollen knee [left]")
    description.press("Enter")  # adds the image; does not save the page
    expect(page.locator(".hemed-md-image")).to_be_hidden()
    text = body(page)
    assert text.startswith("Before. ![A swollen knee \\[left\\]](/media/uploads/") and text.endswith(".png)")
    assert len(list((media_root / "uploads").iterdir())) == 1
    assert page.url.endswith(ADD)


def test_an_image_dragged_in_is_asked_for_its_description(signed_in, editor, media_root):
    page = signed_in(editor, ADD)
    wait_for_editor(page)
    page.locator("#id_body").fill("Before. ")
    page.locator("#id_body").press("End")
    page.evaluate(DROP, [base64.b64encode(png_bytes()).decode(), "image/png", "knee.png"])
    description = page.get_by_label("Describe the image for someone who cannot see it (alt text)")
    expect(description).to_be_focused()
    assert body(page).startswith("Before. ![](/media/uploads/")
    description.fill("A red square")
    page.get_by_role("button", name="Add the description").click()
    assert body(page).startswith("Before. ![A red square](/media/uploads/")
    expect(page.locator("#id_body")).to_be_focused()


def test_an_image_refused_by_the_server_says_why_and_leaves_the_text_alone(signed_in, editor, media_root):
    page = signed_in(editor, ADD)
    wait_for_editor(page)
    page.locator("#id_body").fill("Before. ")
    page.locator("#id_body").press("End")
    page.evaluate(DROP, [base64.b64encode(b"not an image").decode(), "image/png", "knee.png"])
    expect(page.get_by_role("alert").filter(has_text="This file is not an image we can open.")).to_be_visible()
    expect(page.locator("#id_body")).to_have_value("Before. ")
