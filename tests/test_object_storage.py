"""Uploaded images in a bucket (S3 or S3-compatible) when AWS_STORAGE_BUCKET_NAME is set.

The bucket is moto's S3 server on 127.0.0.1 (a real S3 HTTP API, no internet), and
the storage is built with hemed.storage.s3_options, the function settings.py uses.
"""

import io
import json
import os
import subprocess
import sys
import urllib.request
import uuid

import boto3
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from moto.server import ThreadedMotoServer
from PIL import Image
from storages.backends.s3 import S3Storage

from hemed.storage import S3_BACKEND, media_origin, s3_options

UPLOAD = "/markdownx/upload/"
REGION = "eu-west-2"


def png_bytes(colour="red", size=(20, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def fetch(url):
    """What a reader's browser gets for an image URL: no credentials, no signature."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws_credentials(monkeypatch, tmp_path):
    """Test credentials for boto3, and none of this machine's AWS files or instance metadata."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def bucket(s3_endpoint, aws_credentials):
    """An empty bucket of its own for each test, and the S3 client to look into it."""
    name = f"hemed-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION)
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    # As in production: the bucket's policy lets anyone read the images (default_acl is None).
    client.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{name}/*",
    }]}))
    options = s3_options(name, endpoint_url=s3_endpoint, region_name=REGION)
    return name, client, options


def keys(client, name):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", []))


def test_an_uploaded_image_is_in_the_bucket_at_the_url_a_page_links_to(bucket, s3_endpoint):
    name, client, options = bucket
    storage = S3Storage(**options)
    image = png_bytes()

    saved = storage.save("uploads/scan.png", ContentFile(image))

    assert saved == "uploads/scan.png"
    stored = client.get_object(Bucket=name, Key=saved)
    assert stored["Body"].read() == image
    url = storage.url(saved)
    # Stable and unsigned: the same URL in every cached page and shared link.
    assert url == f"{s3_endpoint}/{name}/uploads/scan.png"
    assert url.startswith(media_origin(options) + "/")
    assert fetch(url) == image


def test_a_second_upload_with_the_same_name_does_not_replace_the_first(bucket):
    name, client, options = bucket
    storage = S3Storage(**options)
    first, second = png_bytes("red"), png_bytes("blue")

    first_name = storage.save("uploads/scan.png", ContentFile(first))
    second_name = storage.save("uploads/scan.png", ContentFile(second))

    assert first_name == "uploads/scan.png" and second_name != first_name
    assert second_name.startswith("uploads/scan") and second_name.endswith(".png")
    assert keys(client, name) == sorted([first_name, second_name])
    assert fetch(storage.url(first_name)) == first
    assert fetch(storage.url(second_name)) == second


def test_the_editors_image_upload_saves_to_the_bucket_not_the_disk(bucket, s3_endpoint, editor_client, tmp_path):
    name, client, options = bucket
    storages = {**settings.STORAGES, "default": {"BACKEND": S3_BACKEND, "OPTIONS": options}}
    image = SimpleUploadedFile("scan.png", png_bytes(size=(40, 30)), content_type="image/png")

    with override_settings(STORAGES=storages, MEDIA_ROOT=tmp_path):
        response = editor_client.post(UPLOAD, {"image": image}, headers={"x-requested-with": "XMLHttpRequest"})

    assert response.status_code == 200, response.content
    code = response.json()["image_code"]
    prefix = f"![]({s3_endpoint}/{name}/uploads/"
    assert code.startswith(prefix) and code.endswith(".png)")
    key = "uploads/" + code[len(prefix):-1]
    assert keys(client, name) == [key]
    # The markdown links to the image itself: a reader's browser gets a real PNG.
    with Image.open(io.BytesIO(fetch(code[4:-1]))) as saved:
        assert saved.format == "PNG" and saved.size == (40, 30)
    assert not any(tmp_path.rglob("*"))


def test_a_custom_domain_is_in_the_image_urls(aws_credentials):
    options = s3_options("hemed-media", region_name=REGION, custom_domain="media.hemed.example.org")
    url = S3Storage(**options).url("uploads/scan.png")
    assert url == "https://media.hemed.example.org/uploads/scan.png"
    assert media_origin(options) == "https://media.hemed.example.org"


@pytest.mark.parametrize("options", [
    s3_options("hemed-media", region_name=REGION),
    s3_options("hemed-media"),
    s3_options("media.hemed.example.org", region_name=REGION),
    s3_options("Hemed_Media"),
    s3_options("hemed-media", endpoint_url="https://s3.fr-par.scw.cloud", region_name="fr-par"),
    s3_options("hemed-media", endpoint_url="http://127.0.0.1:9000/"),
    s3_options("hemed-media", custom_domain="cdn.hemed.example.org/media"),
], ids=["aws", "aws-default-region", "aws-dotted-name", "aws-not-a-host-name", "compatible", "local",
        "cdn-with-path"])
def test_media_origin_is_where_the_image_urls_point(options, aws_credentials):
    """MEDIA_ORIGINS (for the Content-Security-Policy's img-src) agrees with the URLs made."""
    url = S3Storage(**options).url("uploads/scan.png")
    assert url.startswith(media_origin(options) + "/")


def settings_in_a_fresh_process(**environ):
    """The settings a server started with these environment variables would have."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("AWS_", "SENTRY_", "SERVE_MEDIA", "BEHIND_PROXY", "DEBUG"))}
    env.update(SECRET_KEY="a-test-key-for-a-settings-check", DJANGO_SETTINGS_MODULE="hemed.settings", **environ)
    script = (
        "import json, django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "from django.urls import Resolver404, resolve\n"
        "try:\n"
        "    resolve('/media/uploads/scan.png')\n"
        "    media_route = True\n"
        "except Resolver404:\n"
        "    media_route = False\n"
        "print(json.dumps({'default': settings.STORAGES['default'], 'SERVE_MEDIA': settings.SERVE_MEDIA,\n"
        "                  'MEDIA_ORIGINS': settings.MEDIA_ORIGINS, 'media_route': media_route}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_a_bucket_the_settings_use_it_and_the_app_serves_no_media():
    found = settings_in_a_fresh_process(
        AWS_STORAGE_BUCKET_NAME="hemed-media", AWS_S3_REGION_NAME=REGION,
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud", SERVE_MEDIA="1",
    )
    assert found["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "hemed-media", "endpoint_url": "https://s3.fr-par.scw.cloud",
                    "region_name": REGION, "default_acl": None, "file_overwrite": False,
                    "querystring_auth": False},
    }
    # Even with SERVE_MEDIA=1: nothing under /media/ is on this server's disk.
    assert found["SERVE_MEDIA"] is False and found["media_route"] is False
    assert found["MEDIA_ORIGINS"] == ["https://s3.fr-par.scw.cloud"]


def test_a_custom_domain_and_signed_urls_come_from_the_environment():
    found = settings_in_a_fresh_process(
        AWS_STORAGE_BUCKET_NAME="hemed-media", AWS_S3_CUSTOM_DOMAIN="media.hemed.example.org",
        AWS_QUERYSTRING_AUTH="1",
    )
    assert found["default"]["OPTIONS"] == {"bucket_name": "hemed-media", "custom_domain": "media.hemed.example.org",
                                           "default_acl": None, "file_overwrite": False, "querystring_auth": True}
    assert found["MEDIA_ORIGINS"] == ["https://media.hemed.example.org"]


def test_without_a_bucket_images_stay_on_the_disk_and_the_app_serves_them():
    found = settings_in_a_fresh_process()
    assert found["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert found["SERVE_MEDIA"] is True and found["media_route"] is True
    assert found["MEDIA_ORIGINS"] == []
