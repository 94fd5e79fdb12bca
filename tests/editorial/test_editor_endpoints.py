"""The markdown editor's preview, reading panel and upload answer editors only, within limits."""

import io
import time

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, ImageFile, ImageSequence

from hemed.bounded import MAX_MARKDOWN
from tests.test_bounded_rendering import PATHOLOGICAL

PREVIEW = "/markdownx/markdownify/"
READING = "/admin/reading/"
UPLOAD = "/markdownx/upload/"
AJAX = {"x-requested-with": "XMLHttpRequest"}


def png_bytes(size=(20, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_anonymous_users_cannot_preview(client):
    response = client.post(PREVIEW, {"content": "**hi**"})
    assert response.status_code == 403


def test_signed_in_non_staff_cannot_preview(client, member_of_public):
    client.force_login(member_of_public)
    assert client.post(PREVIEW, {"content": "**hi**"}).status_code == 403


def test_staff_preview_is_sanitised(editor_client):
    response = editor_client.post(
        PREVIEW, {"content": "**Bold** <script>alert(1)</script> <img src=x onerror=alert(1)>"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script" not in html and "onerror" not in html


def test_preview_without_content_is_empty_not_an_error(editor_client):
    response = editor_client.post(PREVIEW, {})
    assert response.status_code == 200
    assert response.content == b""


def test_preview_refuses_get(editor_client):
    assert editor_client.get(PREVIEW).status_code == 405


@pytest.mark.django_db
def test_anonymous_users_cannot_upload(client, media_root):
    image = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    response = client.post(UPLOAD, {"image": image}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403
    assert not any(media_root.rglob("*.*"))


def test_staff_can_upload_a_real_image(editor_client, media_root):
    image = SimpleUploadedFile("scan.png", png_bytes(), content_type="image/png")
    response = editor_client.post(
        UPLOAD, {"image": image}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 200
    code = response.json()["image_code"]
    assert code.startswith("![](/media/uploads/") and code.endswith(".png)")
    saved = list(media_root.rglob("*.png"))
    assert len(saved) == 1
    Image.open(saved[0]).verify()


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
        ("evil.png", b"<html><script>alert(1)</script></html>", "image/png"),
        ("evil.html", b"<html><script>alert(1)</script></html>", "text/html"),
        ("photo.png", png_bytes(), "image/jpeg"),  # the type does not match the content
    ],
)
def test_uploads_that_are_not_the_images_they_claim_are_refused(
    editor_client, media_root, name, content, content_type
):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = editor_client.post(
        UPLOAD, {"image": upload}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 400
    assert not any(media_root.rglob("*.*"))


def test_an_image_named_html_is_saved_as_an_image(editor_client, media_root):
    upload = SimpleUploadedFile("page.html", png_bytes(), content_type="image/png")
    response = editor_client.post(
        UPLOAD, {"image": upload}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 200
    assert not list(media_root.rglob("*.html"))
    assert len(list(media_root.rglob("*.png"))) == 1


def test_uploads_over_the_size_limit_are_refused(editor_client, media_root, settings):
    big = SimpleUploadedFile("big.png", png_bytes() + b"\0" * (3 * 1024 * 1024), content_type="image/png")
    response = editor_client.post(
        UPLOAD, {"image": big}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 400
    assert not any(media_root.rglob("*.*"))


def gif_bytes(size=(30, 20), frames=1, comment=b"", trailer=b""):
    pictures = [Image.new("P", size, n % 2) for n in range(frames)]
    for picture in pictures:
        picture.putpalette([255, 0, 0, 0, 0, 255])
    buffer = io.BytesIO()
    pictures[0].save(buffer, "GIF", save_all=frames > 1, append_images=pictures[1:],
                     duration=120, loop=0, comment=comment)
    return buffer.getvalue() + trailer


def post_upload(client, name, content, content_type):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(UPLOAD, {"image": upload}, headers=AJAX)


def saved_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


@pytest.fixture
def staff_client(db):
    """Staff, but in no editorial group: no permission to change any content."""
    client = Client()
    client.force_login(User.objects.create_user("staffonly", password="x", is_staff=True))
    return client


# Who may use the editor's endpoints.

def test_staff_without_a_group_cannot_preview_read_or_upload(staff_client, media_root):
    assert staff_client.post(PREVIEW, {"content": "**hi**"}).status_code == 403
    assert staff_client.post(READING, {"content": "Hello."}).status_code == 403
    assert post_upload(staff_client, "a.png", png_bytes(), "image/png").status_code == 403
    assert not saved_files(media_root)


def test_inactive_editors_cannot_preview(editor, editor_client):
    editor.is_active = False
    editor.save()
    assert editor_client.post(PREVIEW, {"content": "**hi**"}).status_code == 403


def test_an_editor_gets_the_preview_and_the_reading_panel(editor_client):
    preview = editor_client.post(PREVIEW, {"content": "Short **words**. Easy to read."})
    assert preview.status_code == 200
    assert preview.content.decode() == "<p>Short <strong>words</strong>. Easy to read.</p>"
    reading = editor_client.post(READING, {"content": "Short words. Easy to read."})
    assert reading.status_code == 200
    assert reading.json()["words"] == 5 and reading.json()["warnings"] == []


def test_the_preview_links_glossary_terms_as_saving_does(editor_client):
    from glossary.models import Term

    Term.objects.create(status="published", term="Vector", slug="vector", definition="A carrier.")
    html = editor_client.post(PREVIEW, {"content": "The vector carries the gene."}).content.decode()
    assert 'class="hemed-glossary-term"' in html and 'data-definition="A carrier."' in html


def test_the_reading_panel_counts_glossary_terms_as_explained(editor_client):
    from glossary.models import Term

    text = "The vector and the antibody."
    assert editor_client.post(READING, {"content": text}).json()["unexplained"] == ["antibody", "vector"]
    Term.objects.create(status="published", term="Vector", slug="vector", definition="A carrier.")
    assert editor_client.post(READING, {"content": text}).json()["unexplained"] == ["antibody"]


def test_the_reading_panel_still_warns(editor_client):
    data = editor_client.post(READING, {"content": "![](x.png) See [this](http://example.org)."}).json()
    assert any("alt text" in warning for warning in data["warnings"])
    assert any("http:" in warning for warning in data["warnings"])


# Text that would hold a worker for seconds or minutes answers within 2 s, never a 500.

@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_text_gets_a_quick_preview_answer(editor_client, name):
    start = time.monotonic()
    response = editor_client.post(PREVIEW, {"content": PATHOLOGICAL[name]})
    assert time.monotonic() - start < 2.0
    assert response.status_code == 422
    assert "too complex" in response.content.decode()


READING_PATHOLOGICAL = dict(PATHOLOGICAL, **{
    # Slow in warnings()' image check, not in the renderer.
    "images with no end": "<img" * 49990 + ' alt="x"',
})


@pytest.mark.parametrize("name", READING_PATHOLOGICAL)
def test_pathological_text_gets_a_quick_reading_panel_answer(editor_client, name):
    start = time.monotonic()
    response = editor_client.post(READING, {"content": READING_PATHOLOGICAL[name]})
    assert time.monotonic() - start < 2.0
    assert response.status_code == 422
    assert "too complex" in response.json()["error"]


@pytest.mark.parametrize("levels", [300, 350, 400, 440])
def test_deep_lists_near_the_limit_never_fail(editor_client, levels):
    text = "\n".join("  " * i + "- x" for i in range(levels))
    for url in (PREVIEW, READING):
        start = time.monotonic()
        response = editor_client.post(url, {"content": text})
        assert time.monotonic() - start < 2.0
        assert response.status_code in (200, 422)


def test_the_editor_works_again_after_a_refusal(editor_client):
    assert editor_client.post(PREVIEW, {"content": "[" * 20000}).status_code == 422
    assert editor_client.post(PREVIEW, {"content": "**back**"}).content == b"<p><strong>back</strong></p>"


@pytest.mark.parametrize("url", [PREVIEW, READING])
def test_text_over_the_size_limit_is_refused(editor_client, url):
    start = time.monotonic()
    response = editor_client.post(url, {"content": "a" * (MAX_MARKDOWN + 1)})
    assert time.monotonic() - start < 2.0
    assert response.status_code == 413
    message = response.content.decode() if url == PREVIEW else response.json()["error"]
    assert "200,000 characters" in message


def test_text_at_the_size_limit_is_shown(editor_client):
    paragraph = "Factor IX helps blood to clot. " * 30 + "\n\n"
    text = (paragraph * (MAX_MARKDOWN // len(paragraph) + 1))[:MAX_MARKDOWN]
    assert editor_client.post(PREVIEW, {"content": text}).status_code == 200
    assert editor_client.post(READING, {"content": text}).status_code == 200


# Uploads: no image too big to decode, and nothing stored as it was uploaded.

@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(editor_client, media_root, monkeypatch):
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")

    def load(image):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    response = post_upload(editor_client, "huge.png", buffer.getvalue(), "image/png")
    assert response.status_code == 400
    message = " ".join(response.json()["__all__"])
    assert "12000 × 12000 pixels" in message and "25 megapixels" in message
    assert not saved_files(media_root)


def test_an_animation_with_too_many_frames_is_refused(editor_client, media_root):
    response = post_upload(editor_client, "long.gif", gif_bytes(size=(2, 2), frames=501), "image/gif")
    assert response.status_code == 400
    assert "frames" in " ".join(response.json()["__all__"])
    assert not saved_files(media_root)


def test_an_uploaded_gif_is_re_encoded(editor_client, media_root):
    uploaded = gif_bytes(comment=b"<script>alert(1)</script>", trailer=b"<html>hidden page</html>")
    response = post_upload(editor_client, "anim.gif", uploaded, "image/gif")
    assert response.status_code == 200
    [saved] = saved_files(media_root)
    assert saved.suffix == ".gif"
    stored = saved.read_bytes()
    assert stored != uploaded
    assert b"script" not in stored and b"hidden page" not in stored
    with Image.open(saved) as image:
        assert image.format == "GIF" and image.size == (30, 20)
        image.verify()


def test_an_animated_gif_keeps_its_frames_and_is_fitted_to_the_page(editor_client, media_root, settings):
    assert settings.MARKDOWNX_IMAGE_MAX_SIZE["size"] == (1200, 1200)
    response = post_upload(editor_client, "anim.gif", gif_bytes(size=(2400, 600), frames=3), "image/gif")
    assert response.status_code == 200
    [saved] = saved_files(media_root)
    with Image.open(saved) as image:
        assert image.size == (1200, 300)
        assert image.n_frames == 3
        assert [frame.info["duration"] for frame in ImageSequence.Iterator(image)] == [120] * 3


def test_a_large_photo_is_fitted_and_loses_its_metadata(editor_client, media_root):
    exif = Image.Exif()
    exif[0x010E] = "Patient name, 12 High Street"  # ImageDescription
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1600), "blue").save(buffer, "JPEG", exif=exif)
    response = post_upload(editor_client, "photo.jpg", buffer.getvalue(), "image/jpeg")
    assert response.status_code == 200
    [saved] = saved_files(media_root)
    assert saved.suffix == ".jpg"
    assert b"High Street" not in saved.read_bytes()
    with Image.open(saved) as image:
        assert image.format == "JPEG" and image.size == (1200, 800)
        assert not image.getexif()


def test_a_png_is_re_encoded(editor_client, media_root):
    uploaded = png_bytes() + b"<html>appended</html>"
    assert post_upload(editor_client, "a.png", uploaded, "image/png").status_code == 200
    [saved] = saved_files(media_root)
    assert b"appended" not in saved.read_bytes()
    with Image.open(saved) as image:
        assert image.format == "PNG" and image.size == (20, 10)
