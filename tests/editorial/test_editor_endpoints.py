"""The markdown editor's preview and upload endpoints answer staff only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PREVIEW = "/markdownx/markdownify/"
UPLOAD = "/markdownx/upload/"


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
