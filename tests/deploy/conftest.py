"""Real servers for the deployment tests: Redis (scripts/redis.sh), gunicorn and nginx
(scripts/proxy.sh), against the test database with the demo content committed."""

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

ROOT = Path(settings.BASE_DIR)
SECRET = "deployment-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def database_url():
    db = connection.settings_dict
    host = quote(db["HOST"] or "", safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}@{host}{port}/{db['NAME']}"


@pytest.fixture(scope="session")
def redis_url():
    """Debian's redis-server in .redis/ (make redis), or REDIS_URL when set."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    started = subprocess.run(["scripts/redis.sh", "start"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if started.returncode:
        pytest.skip(f"Redis is not available: {started.stderr.strip()} (run `make redis`)")
    return subprocess.run(["scripts/redis.sh", "url"], cwd=ROOT, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def shared_cache(redis_url):
    """This test process uses the same Redis as the servers, like a third instance would."""
    with override_settings(CACHES={**settings.CACHES,
                                   "default": {"BACKEND": "hemed.cache.RedisCache", "LOCATION": redis_url}}):
        from django.core.cache import cache

        cache.clear()
        yield cache
        cache.clear()


@pytest.fixture
def server_env(transactional_db, redis_url):
    """The environment a production instance gets, pointed at the test database with the
    demo content loaded (committed: these tests run outside a transaction)."""
    call_command("load_content", verbosity=0, stdout=open(os.devnull, "w"))
    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": redis_url, "DEBUG": "0", "HTTPS": "0",
           "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "127.0.0.1,localhost", "WEB_CONCURRENCY": "1"}
    env.pop("PYTEST_CURRENT_TEST", None)
    # With DEBUG off the pages name static files through the manifest collectstatic writes
    # (run with the servers' settings: the test settings use a storage without one).
    subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    return env


def free_port():
    """A TCP port nothing listens on now (so a leftover server cannot answer for ours)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            if get(url)[0] == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not come up in {seconds} s")
        time.sleep(0.2)


def pytest_collection_modifyitems(config, items):
    """The server tests share Redis and the .nginx/ folder: one process runs them all."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.xdist_group("servers"))
