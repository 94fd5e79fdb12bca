"""deploy/nginx.conf, as shipped, in front of gunicorn (scripts/proxy.sh): static files from
disk with long cache headers, compressed public pages, a few seconds' micro-cache that
signed-in editors bypass, and editors' pages neither cached nor compressed."""

import gzip
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from articles.models import Article

from .conftest import ROOT, free_port, get

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed: run `make nginx`")


@pytest.fixture
def proxy(server_env):
    port = free_port()
    env = {**server_env, "BEHIND_PROXY": "1", "PROXY_PORT": str(port)}
    subprocess.run(["scripts/proxy.sh", "start"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        subprocess.run(["scripts/proxy.sh", "stop"], cwd=ROOT, env=env, capture_output=True, timeout=60)


def test_nginx_serves_static_and_media_compresses_and_micro_caches_public_pages(proxy, shared_cache):
    """One test, so the content is loaded and the proxy started once."""
    status, headers, body = get(f"{proxy}/static/css/hemed.css", **{"Accept-Encoding": "gzip"})
    assert status == 200 and "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip" and b".hemed-sheet" in gzip.decompress(body)

    page = f"{proxy}/articles/emergency-plan/"
    first = get(page, **{"Accept-Encoding": "gzip"})
    second = get(page, **{"Accept-Encoding": "gzip"})
    assert first[0] == second[0] == 200
    assert first[1]["Content-Encoding"] == "gzip" and b"Call 999" in gzip.decompress(first[2])
    # Pages name each static file by its hashed name from the manifest, which nginx serves.
    stylesheet = re.search(rb'href="(/static/css/hemed\.[0-9a-f]{12}\.css)"', gzip.decompress(first[2]))
    assert stylesheet and get(f"{proxy}{stylesheet.group(1).decode()}")[0] == 200
    assert second[1]["X-Cache-Status"] == "HIT"
    assert get(page, Cookie="sessionid=an-editor")[1]["X-Cache-Status"] == "BYPASS"

    admin = get(f"{proxy}/admin/login/", **{"Accept-Encoding": "gzip"})
    assert admin[0] == 200 and "Content-Encoding" not in admin[1], "pages with a CSRF token are not compressed"
    assert "X-Cache-Status" not in admin[1], "the admin is never cached"
    health = get(f"{proxy}/healthz")
    assert health[0] == 200 and health[1]["X-Cache-Status"] != "HIT"

    uploaded_images_are_served_from_disk(proxy)
    an_approved_change_reaches_readers_within_seconds(proxy)


def an_approved_change_reaches_readers_within_seconds(proxy):
    page = f"{proxy}/articles/emergency-plan/"
    assert b"Brand new sentence" not in get(page)[2]
    get(page)  # now in nginx's micro-cache and in the app's page cache
    article = Article.objects.get(slug="emergency-plan")
    article.body += "\nBrand new sentence.\n"
    article.save()  # as an approval saves it: the content version changes in the shared cache
    deadline = time.monotonic() + 10
    while b"Brand new sentence" not in get(page)[2]:
        assert time.monotonic() < deadline, "the proxy kept serving the old page for over 10 seconds"
        time.sleep(0.5)


def uploaded_images_are_served_from_disk(proxy):
    media = ROOT / "media" / "proxy-test"
    media.mkdir(parents=True, exist_ok=True)
    (media / "dot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    try:
        status, headers, body = get(f"{proxy}/media/proxy-test/dot.png")
        assert status == 200 and body.startswith(b"\x89PNG") and headers["Content-Type"] == "image/png"
    finally:
        shutil.rmtree(media)
