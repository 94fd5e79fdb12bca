"""make backup and make restore: everything comes back, and nothing is overwritten without a safety backup.

pg_dump sees only committed rows, hence transactional tests. Restores run manage.py in a
subprocess against a scratch database, as `make restore` does with DATABASE_URL.
"""

import io
import os
import secrets
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg2
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from PIL import Image

from glossary.models import Term
from hemed.management.commands.backup import postgresql_program

SCRATCH_PREFIX = "hemed_scratch_a_"


def png_bytes():
    data = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 60)).save(data, format="PNG")
    return data.getvalue()


def connection_params(name):
    """libpq parameters for another database on the test database's server."""
    params = connection.settings_dict
    values = {"dbname": name, "host": params["HOST"], "port": params["PORT"],
              "user": params["USER"], "password": params["PASSWORD"]}
    return {key: value for key, value in values.items() if value}


def database_url(name):
    params = connection.settings_dict
    password = f":{quote(params['PASSWORD'], safe='')}" if params["PASSWORD"] else ""
    port = f":{params['PORT']}" if params["PORT"] else ""
    options = {key: value for key, value in (params.get("OPTIONS") or {}).items() if key != "options"}
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{quote(params['USER'], safe='')}{password}@{quote(params['HOST'], safe='')}{port}/{name}{query}"


def contents(cursor):
    """Every row of every table in the public schema, and where each sequence stands."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = {}
    for (table,) in cursor.fetchall():
        cursor.execute(f'SELECT t::text FROM "{table}" AS t')
        tables[table] = sorted(row for (row,) in cursor.fetchall())
    cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
    return tables, dict(cursor.fetchall())


def scratch_contents(name):
    with psycopg2.connect(**connection_params(name)) as scratch, scratch.cursor() as cursor:
        return contents(cursor)


def files(folder):
    folder = Path(folder)
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def manage(*args, database, media_root, cache_dir):
    """manage.py as `make restore` runs it: the database and MEDIA_ROOT come from the environment
    (and its cache is a file cache in `cache_dir`, never a Redis the shell may name)."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(DATABASE_URL=database_url(database), MEDIA_ROOT=str(media_root), DEBUG="1", CACHE_DIR=str(cache_dir))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def scratch_database(transactional_db):
    """A new, empty database on the test server, dropped afterwards."""
    name = f"{SCRATCH_PREFIX}{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def site_with_content(settings, tmp_path, article, question):
    """Committed rows of every kind and an uploaded image in a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    Term.objects.create(term="Factor IX", slug="factor-ix", definition="A clotting protein.", status="published")
    User.objects.create_user("clinician", email="nurse@example.org", password="a-long-test-password")
    default_storage.save("uploads/2026/liver.png", ContentFile(png_bytes()))
    default_storage.save("uploads/notes.txt", ContentFile("Infusion notes\n".encode()))
    return settings.MEDIA_ROOT


def back_up(folder):
    out = io.StringIO()
    call_command("backup", dir=folder, stdout=out)
    (dump,) = Path(folder).glob("*.dump")
    return dump, out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_back_every_row_and_file(site_with_content, scratch_database, tmp_path):
    dump, output = back_up(tmp_path / "backups")

    assert dump.name.startswith("hemed-")
    media_archive = dump.with_name(dump.stem + "-media.tar.gz")
    assert media_archive.is_file()
    assert f"Wrote {dump} (" in output and f"Wrote {media_archive} (" in output
    assert dump.read_bytes().startswith(b"PGDMP")

    new_media = tmp_path / "new-media"
    result = manage("restore", str(dump), database=scratch_database, media_root=new_media, cache_dir=tmp_path / "cache")
    assert result.returncode == 0, result.stderr

    with connection.cursor() as cursor:
        original = contents(cursor)
    restored = scratch_contents(scratch_database)
    assert {table: len(rows) for table, rows in restored[0].items()} == {
        table: len(rows) for table, rows in original[0].items()
    }
    assert restored == original
    with psycopg2.connect(**connection_params(scratch_database)) as scratch, scratch.cursor() as cursor:
        cursor.execute("SELECT a.title, t.name FROM articles_article a JOIN articles_topic t ON t.id = a.topic_id")
        assert cursor.fetchall() == [("What is Hemgenix?", "Gene therapy")]
        cursor.execute("SELECT question FROM faq_question")
        assert cursor.fetchall() == [("Is Hemgenix a cure?",)]
        cursor.execute("SELECT term FROM glossary_term")
        assert cursor.fetchall() == [("Factor IX",)]
        cursor.execute("SELECT email FROM auth_user WHERE username = 'clinician'")
        assert cursor.fetchall() == [("nurse@example.org",)]
    assert files(new_media) == files(site_with_content)
    assert set(files(new_media)) == {"uploads/2026/liver.png", "uploads/notes.txt"}


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(site_with_content, tmp_path):
    dump, _ = back_up(tmp_path / "backups")
    with connection.cursor() as cursor:
        before = contents(cursor)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(dump), backup_dir=tmp_path / "backups", stdout=io.StringIO())

    message = str(refused.value)
    assert "Not restoring" in message and "tables" in message
    assert "FORCE=1" in message
    assert "safety backup" in message
    with connection.cursor() as cursor:
        assert contents(cursor) == before
    assert set(files(site_with_content)) == {"uploads/2026/liver.png", "uploads/notes.txt"}
    assert list((tmp_path / "backups").glob("*.dump")) == [dump]


@pytest.mark.django_db(transaction=True)
def test_forced_restore_takes_a_safety_backup_first(site_with_content, scratch_database, tmp_path):
    dump, _ = back_up(tmp_path / "backups")
    media = tmp_path / "scratch-media"
    cache_dir = tmp_path / "cache"
    assert manage("restore", str(dump), database=scratch_database, media_root=media, cache_dir=cache_dir).returncode == 0
    # Work done after the backup: a new topic and a new upload.
    with psycopg2.connect(**connection_params(scratch_database)) as scratch, scratch.cursor() as cursor:
        cursor.execute("""INSERT INTO articles_topic (name, slug, description, "order") VALUES ('Later', 'later', '', 9)""")
    (media / "uploads" / "later.png").write_bytes(png_bytes())

    safety_dir = tmp_path / "safety"
    refused = manage("restore", str(dump), "--backup-dir", str(safety_dir), database=scratch_database, media_root=media,
                     cache_dir=cache_dir)
    assert refused.returncode != 0
    assert "FORCE=1" in refused.stderr and "Traceback" not in refused.stderr
    assert not safety_dir.exists()

    # What the site has cached from the content the restore replaces (its shared cache).
    shared_cache = FileBasedCache(str(cache_dir), {})
    shared_cache.set("hemed:content-version", "the-content-before-the-restore")
    forced = manage("restore", str(dump), "--force", "--backup-dir", str(safety_dir), database=scratch_database,
                    media_root=media, cache_dir=cache_dir)
    assert forced.returncode == 0, forced.stderr
    assert "Safety backup" in forced.stdout
    assert shared_cache.get("hemed:content-version") is None  # no page of the old content is served again

    with connection.cursor() as cursor:
        assert scratch_contents(scratch_database) == contents(cursor)
    assert files(media) == files(site_with_content)
    (safety_dump,) = safety_dir.glob("*.dump")
    pg_restore = postgresql_program("pg_restore", connection.pg_version)
    topics = subprocess.run([pg_restore, "--data-only", "--table=articles_topic", "--file=-", str(safety_dump)],
                            capture_output=True, text=True, check=True).stdout
    assert "later" in topics
    with tarfile.open(safety_dump.with_name(safety_dump.stem + "-media.tar.gz")) as archive:
        assert "uploads/later.png" in archive.getnames()


def test_restore_of_a_missing_or_garbage_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="There is no backup file at"):
        call_command("restore", str(tmp_path / "nothing.dump"))
    garbage = tmp_path / "garbage.dump"
    garbage.write_text("not a backup")
    with pytest.raises(CommandError, match="is not a database backup made by `make backup`"):
        call_command("restore", str(garbage))


@pytest.fixture
def project_copy(tmp_path):
    """The Makefile and scripts/ in a throwaway folder, with a fake venv and database."""
    copy = tmp_path / "hemed"
    copy.mkdir()
    shutil.copy(settings.BASE_DIR / "Makefile", copy)
    shutil.copytree(settings.BASE_DIR / "scripts", copy / "scripts")
    (copy / ".venv").mkdir()
    (copy / ".pgdata" / "data").mkdir(parents=True)
    (copy / ".pgdata" / "data" / "PG_VERSION").write_text("15\n")
    assert copy.resolve() != Path(settings.BASE_DIR).resolve()
    return copy


def make_clean(folder, **env):
    environment = {key: value for key, value in os.environ.items() if key not in ("FORCE", "MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", "-C", str(folder), "clean"], env={**environment, **env}, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)


def test_make_clean_without_a_terminal_keeps_the_database(project_copy):
    result = make_clean(project_copy)

    assert result.returncode != 0
    assert (project_copy / ".pgdata" / "data" / "PG_VERSION").is_file()
    assert not (project_copy / ".venv").exists()
    assert "make backup" in result.stdout
    assert "make clean FORCE=1" in result.stderr


def test_make_clean_with_force_deletes_the_database(project_copy):
    result = make_clean(project_copy, FORCE="1")

    assert result.returncode == 0, result.stderr
    assert not (project_copy / ".pgdata").exists()
