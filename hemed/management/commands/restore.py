"""Restore a backup made by `manage.py backup`: the database dump and its media tarball.

Into an empty database and an empty MEDIA_ROOT only, unless --force: then a safety
backup of what is there comes first, so nothing is ever lost. The database is replaced
in one transaction; if anything fails, it is left as it was. Afterwards the shared cache
is emptied, so no page built from the old content is served again.
"""

import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from hemed.management.commands.backup import (
    back_up,
    default_backup_dir,
    libpq_env,
    media_archive_for,
    postgresql_program,
    run,
    size,
)
from hemed.pagecache import content_replaced

# What every pg_dump custom-format archive starts with.
CUSTOM_FORMAT_MAGIC = b"PGDMP"


def public_tables(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        return [name for (name,) in cursor.fetchall()]


def files_under(folder):
    folder = Path(folder)
    return [path for path in folder.rglob("*") if not path.is_dir()] if folder.is_dir() else []


class Command(BaseCommand):
    help = "Restore a backup (FILE.dump and FILE-media.tar.gz) into an empty database; --force replaces what is there."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .dump file that `manage.py backup` wrote.")
        parser.add_argument(
            "--force", action="store_true",
            help="Replace a database and MEDIA_ROOT that are not empty, after a safety backup of them.",
        )
        parser.add_argument("--database", default="default", help="Which entry of DATABASES (default: default).")
        parser.add_argument(
            "--backup-dir", type=Path, default=None, help="Where the safety backup goes (default: backups/).",
        )

    def handle(self, *args, file, force, database, backup_dir, **options):
        dump, media = file, media_archive_for(file)
        if not dump.is_file():
            raise CommandError(f"There is no backup file at {dump}.")
        with dump.open("rb") as opened:
            if opened.read(len(CUSTOM_FORMAT_MAGIC)) != CUSTOM_FORMAT_MAGIC:
                raise CommandError(f"{dump} is not a database backup made by `make backup` (a pg_dump custom-format file).")
        if not media.is_file():
            raise CommandError(f"The media archive that belongs to {dump} is missing: expected {media}.")

        connection = connections[database]
        name = connection.settings_dict["NAME"]
        media_root = Path(settings.MEDIA_ROOT)
        tables, media_files = public_tables(connection), files_under(media_root)
        if (tables or media_files) and not force:
            raise CommandError(self.not_empty(name, tables, media_root, media_files, dump, backup_dir))

        pg_restore = postgresql_program("pg_restore", connection.pg_version)
        psql = postgresql_program("psql", connection.pg_version)
        env = libpq_env(connection.settings_dict)
        media_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="hemed-restore-") as work, \
                tempfile.TemporaryDirectory(dir=media_root.parent, prefix=f".{media_root.name}-restore-") as staged:
            # Read both archives in full before anything is changed.
            sql = Path(work) / "restore.sql"
            try:
                run([pg_restore, "--no-owner", "--no-privileges", "--file", str(sql), str(dump)], env)
            except CommandError as error:
                raise CommandError(f"Could not read the backup {dump}: {error}")
            self.unpack(media, staged)

            if force:
                safety_dump, safety_media = back_up(database, backup_dir or default_backup_dir())
                self.stdout.write(f"Safety backup of what was there: {safety_dump} ({size(safety_dump)}), {safety_media}")

            connection.close()
            replace = ["-c", "DROP SCHEMA public CASCADE", "-c", "CREATE SCHEMA public"] if tables else []
            quiet = ["-c", "SET client_min_messages TO warning"]
            try:
                run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", *quiet, *replace, "-f", str(sql)], env)
            except CommandError as error:
                raise CommandError(f"The restore failed and was rolled back; the database is as it was. {error}")

            for entry in media_root.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
            for entry in Path(staged).iterdir():
                entry.rename(media_root / entry.name)

        # No page, result or synonym cached from what was there may be served again.
        content_replaced()

        self.stdout.write(
            f"Restored {dump} into the database {name} ({plural(len(public_tables(connection)), 'table')}) "
            f"and {plural(len(files_under(media_root)), 'media file')} into {media_root}."
        )
        self.stdout.write("If the backup is older than the code, bring it up to date with: manage.py migrate")

    def unpack(self, media, folder):
        try:
            with tarfile.open(media, "r:gz") as archive:
                # The "data" filter refuses absolute paths, "..", devices and links out of the folder.
                archive.extractall(folder, filter="data")
        except (OSError, EOFError, zlib.error, tarfile.TarError) as error:
            raise CommandError(f"Could not read the media archive {media}: {error}")

    def not_empty(self, name, tables, media_root, media_files, dump, backup_dir):
        there = []
        if tables:
            shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
            there.append(f"the database {name} has {plural(len(tables), 'table')} ({shown})")
        if media_files:
            there.append(f"{media_root} has {plural(len(media_files), 'file')}")
        return (
            f"Not restoring: {' and '.join(there)}, and a restore would replace them.\n"
            f"To replace them anyway: make restore FILE={dump} FORCE=1 (or: manage.py restore {dump} --force).\n"
            f"FORCE first takes a safety backup of what is there now into {backup_dir or default_backup_dir()}, "
            "so nothing is lost."
        )


def plural(count, noun):
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
