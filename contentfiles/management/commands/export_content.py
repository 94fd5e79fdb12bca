"""Write the database back to content/, in the format load_content reads."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from contentfiles.layout import files, versions_not_exported, write
from contentfiles.models import ImportRecord


class Command(BaseCommand):
    help = (
        "Export every article, FAQ, glossary term and synonym group, with its references and review "
        "fields, to content/ (or --output). The format is stable, so `git diff` shows what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=settings.BASE_DIR / "content",
                            help="Folder to write (default: content/).")

    def handle(self, *args, output, **options):
        texts, entries = files()
        with transaction.atomic():
            written, unchanged, removed = write(output, texts)
            # The files and the database agree now: a later change to either is told apart.
            ImportRecord.agree(entries)
        self.stdout.write(f"Exported to {output}: {len(written)} files written, {len(unchanged)} unchanged, "
                          f"{len(removed)} removed.")
        for path in written:
            self.stdout.write(f"  written: {path}")
        for path in removed:
            self.stdout.write(f"  removed (no longer in the database): {path}")
        pending = versions_not_exported()
        if pending:
            self.stdout.write(f"{pending} new versions still in review are not exported: the files hold the "
                              "live pages. They stay in the database.")
