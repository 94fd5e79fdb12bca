"""Back up the database and the uploaded media into backups/.

Writes two files with the same stem, e.g. backups/hemed-20261201-213005.dump (pg_dump's
custom format, compressed) and backups/hemed-20261201-213005-media.tar.gz (MEDIA_ROOT).
`manage.py restore backups/hemed-20261201-213005.dump` puts both back.
"""

import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

POSTGRESQL_ROOT = Path("/usr/lib/postgresql")
MEDIA_SUFFIX = "-media.tar.gz"
# Connection OPTIONS that libpq also reads from the environment.
LIBPQ_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def default_backup_dir():
    return settings.BASE_DIR / "backups"


def media_archive_for(dump):
    """The media tarball that belongs to a dump: the same stem, ending -media.tar.gz."""
    dump = Path(dump)
    return dump.with_name(dump.stem + MEDIA_SUFFIX)


def libpq_env(settings_dict):
    """PG* variables for pg_dump, pg_restore and psql, so no password shows in a process list."""
    env = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    options = settings_dict.get("OPTIONS") or {}
    values.update({var: options.get(option) for option, var in LIBPQ_OPTION_ENV.items()})
    env.update({key: str(value) for key, value in values.items() if value not in (None, "")})
    return env


def postgresql_program(name, server_version):
    """The program from the installed PostgreSQL whose major version matches the server, else the newest."""
    major = server_version // 10000
    matching = POSTGRESQL_ROOT / str(major) / "bin" / name
    if matching.is_file():
        return str(matching)
    installed = sorted(
        (int(folder.name), folder / "bin" / name)
        for folder in POSTGRESQL_ROOT.glob("*")
        if re.fullmatch(r"\d+", folder.name) and (folder / "bin" / name).is_file()
    )
    if installed:
        return str(installed[-1][1])
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise CommandError(f"{name} is not installed; it comes with PostgreSQL's client programs (postgresql-client-{major}).")


def run(command, env, **options):
    """Run a PostgreSQL program; its own error message becomes the CommandError."""
    result = subprocess.run(command, env=env, capture_output=True, text=True, **options)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()
        raise CommandError(f"{Path(command[0]).name} failed: {message}")
    return result


def size(path):
    amount = path.stat().st_size
    for unit in ("bytes", "kB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{amount:.0f} {unit}" if unit == "bytes" else f"{amount:.1f} {unit}"
        amount /= 1024


def free_stem(folder):
    """A timestamped stem that no earlier backup in `folder` uses."""
    stem = f"hemed-{timezone.localtime():%Y%m%d-%H%M%S}"
    candidate, number = stem, 1
    while (folder / f"{candidate}.dump").exists() or (folder / f"{candidate}{MEDIA_SUFFIX}").exists():
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def back_up(alias, folder):
    """Write the dump and the media tarball; return their paths. Half-written files never keep the final name."""
    connection = connections[alias]
    connection.ensure_connection()
    pg_dump = postgresql_program("pg_dump", connection.pg_version)
    folder = Path(folder)
    # Backups hold password hashes and unpublished drafts: for the owner's eyes only.
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem = free_stem(folder)
    dump, media = folder / f"{stem}.dump", folder / f"{stem}{MEDIA_SUFFIX}"
    partial_dump, partial_media = dump.with_name(dump.name + ".partial"), media.with_name(media.name + ".partial")
    try:
        partial_dump.touch(mode=0o600)
        run([pg_dump, "--format=custom", "--file", str(partial_dump)], libpq_env(connection.settings_dict))
        media_root = Path(settings.MEDIA_ROOT)
        partial_media.touch(mode=0o600)
        with tarfile.open(partial_media, "w:gz") as archive:
            if media_root.is_dir():
                for entry in sorted(media_root.iterdir()):
                    archive.add(entry, arcname=entry.name)
        partial_dump.rename(dump)
        partial_media.rename(media)
    finally:
        partial_dump.unlink(missing_ok=True)
        partial_media.unlink(missing_ok=True)
    return dump, media


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format) and MEDIA_ROOT (a tarball) into backups/."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=None, help="Folder to write into (default: backups/).")
        parser.add_argument("--database", default="default", help="Which entry of DATABASES (default: default).")

    def handle(self, *args, dir, database, **options):
        dump, media = back_up(database, dir or default_backup_dir())
        self.stdout.write(f"Wrote {dump} ({size(dump)})")
        self.stdout.write(f"Wrote {media} ({size(media)})")
