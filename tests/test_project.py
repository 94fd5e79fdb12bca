"""Project-wide promises: settings for production, error pages, page basics."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY="x" * 30 + "a-long-random-production-like-secret-key",
        ALLOWED_HOSTS="hemed.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_not_found_page_is_in_the_site_look(client):
    response = client.get("/no-such-page/<script>alert(1)</script>")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en-GB"' in html
    assert "Page not found" in html
    assert "<script>alert(1)</script>" not in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_server_error_page_is_in_the_site_look(settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    import hemed.urls

    settings.ROOT_URLCONF = type("urls", (), {
        "urlpatterns": hemed.urls.urlpatterns + [path("broken/", broken)],
    })
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="en-GB"' in html
    assert "boom" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/", "/articles/", "/topics/gene-therapy/", "/articles/what-is-hemgenix/",
     "/faq/", "/search/?q=factor", "/search/?q=zzzz", "/faq/is-hemgenix-a-cure/"],
)
def test_every_page_has_the_basics(client, article, question, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en-GB"' in html
    assert html.count("<h1") == 1
    assert 'href="#maincontent"' in html and 'id="maincontent"' in html
    assert "<script>" not in html  # no inline scripts: the CSP forbids them
    assert "{#" not in html and "{%" not in html and "{{" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
