"""/healthz tells a load balancer whether this instance can reach its database and cache."""

from django.db import OperationalError


def test_healthz_checks_the_database_and_cache_without_reading_content(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down(client, db, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:  # undone before the test database is cleaned up
        patch.setattr(CursorWrapper, "execute", refuse)
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "unavailable"


def test_healthz_is_503_when_the_cache_is_down(client, db, monkeypatch):
    from django.core.cache import cache

    def refuse(*args, **kwargs):
        raise ConnectionError("cache refused")

    monkeypatch.setattr(cache, "set", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json() == {"status": "unavailable", "database": "ok",
                                                                "cache": "unavailable"}


def test_uploads_are_served_without_a_proxy_and_nothing_outside_them(client, settings, tmp_path):
    """make serve (DEBUG off, no nginx): uploaded images are not 404s."""
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "dot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    settings.MEDIA_ROOT = tmp_path
    assert not settings.DEBUG and settings.SERVE_MEDIA
    response = client.get("/media/uploads/dot.png")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get("/media/../hemed/settings.py").status_code in (400, 404)
    assert client.get("/media/uploads/missing.png").status_code == 404
