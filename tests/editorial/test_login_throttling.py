"""Admin sign-in is throttled by django-axes: 5 failures for one username from one
IP address lock that pair out for 30 minutes (see AXES_* in hemed/settings.py)."""

import os
import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.test import Client

LOGIN = "/admin/login/"
INDEX = "/admin/"
PASSWORD = "a-long-test-password"  # the conftest users' password


def sign_in(client, username, password, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": INDEX}, **extra
    )


def fail(client, username, times, **extra):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", **extra)
        # Never a server error: the login form again, or the lockout page.
        assert response.status_code in (200, 429), response.status_code


def signed_in(client):
    """The admin index answers the client itself, not with a redirect to the login."""
    return client.get(INDEX).status_code == 200


def test_the_limit_is_five_and_the_lockout_combines_username_and_ip():
    assert django_settings.AXES_FAILURE_LIMIT == 5
    assert django_settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert django_settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert django_settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert django_settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_sixty_wrong_passwords_then_the_right_one_does_not_sign_in(client, editor):
    fail(client, editor.username, 60)

    response = sign_in(client, editor.username, PASSWORD)

    assert response.status_code == 429
    assert b"Too many sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session
    assert not signed_in(client)
    # A fresh browser from the same address is refused too: the lock is not in the session.
    again = Client()
    assert sign_in(again, editor.username, PASSWORD).status_code == 429
    assert not signed_in(again)


def test_the_lockout_starts_at_the_limit(client, editor):
    fail(client, editor.username, 4)
    assert sign_in(client, editor.username, "wrong-password").status_code == 429
    assert sign_in(client, editor.username, PASSWORD).status_code == 429
    assert not signed_in(client)


def test_a_few_wrong_passwords_then_the_right_one_signs_in(client, editor):
    fail(client, editor.username, 4)

    response = sign_in(client, editor.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == INDEX
    assert signed_in(client)


def test_a_success_clears_the_earlier_failures(client, editor):
    fail(client, editor.username, 4)
    assert sign_in(client, editor.username, PASSWORD).status_code == 302
    other = Client()
    fail(other, editor.username, 4)
    assert sign_in(other, editor.username, PASSWORD).status_code == 302
    assert signed_in(other)


def test_another_users_failures_do_not_lock_out_a_different_user(client, editor, reviewer):
    fail(client, editor.username, 60)
    assert sign_in(client, editor.username, PASSWORD).status_code == 429

    other = Client()  # same address (the test client's 127.0.0.1)
    response = sign_in(other, reviewer.username, PASSWORD)

    assert response.status_code == 302
    assert signed_in(other)


def test_the_locked_out_user_can_still_sign_in_from_another_address(client, editor):
    fail(client, editor.username, 60, REMOTE_ADDR="198.51.100.7")
    assert sign_in(client, editor.username, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429

    nurse = Client(REMOTE_ADDR="203.0.113.20")
    assert sign_in(nurse, editor.username, PASSWORD).status_code == 302
    assert signed_in(nurse)


def test_without_a_proxy_a_forged_x_forwarded_for_does_not_dodge_the_lockout(client, editor):
    # BEHIND_PROXY is off in tests: only REMOTE_ADDR counts.
    for n in range(10):
        sign_in(client, editor.username, "wrong-password", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    response = sign_in(client, editor.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert response.status_code == 429
    assert not signed_in(client)


@pytest.fixture
def behind_proxy(settings):
    """The settings hemed/settings.py makes with BEHIND_PROXY=1, applied to this test."""
    path = Path(django_settings.BASE_DIR) / "hemed" / "settings.py"
    with mock.patch.dict(os.environ, {"BEHIND_PROXY": "1"}):
        proxied = runpy.run_path(str(path))
    names = [name for name in proxied if name.startswith(("AXES_IPWARE_", "IPWARE_"))]
    assert "AXES_IPWARE_META_PRECEDENCE_ORDER" in names
    for name in names:
        setattr(settings, name, proxied[name])
    return settings


PROXY = "10.0.0.5"  # the reverse proxy: every request reaches Django from it


def test_behind_a_proxy_the_client_ip_comes_from_x_forwarded_for(behind_proxy, client, editor):
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    fail(client, editor.username, 60, **attacker)
    assert sign_in(client, editor.username, PASSWORD, **attacker).status_code == 429

    # The nurse comes through the same proxy from her own address: not locked out.
    nurse = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.20")
    assert sign_in(nurse, editor.username, PASSWORD).status_code == 302
    assert signed_in(nurse)


def test_behind_a_proxy_a_forged_left_hand_entry_does_not_dodge_the_lockout(
    behind_proxy, client, editor
):
    # The client sends its own X-Forwarded-For; the proxy appends the real address.
    for n in range(10):
        sign_in(client, editor.username, "wrong-password",
                REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.7")

    response = sign_in(client, editor.username, PASSWORD,
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7")

    assert response.status_code == 429
    assert not signed_in(client)
