"""Import the files in content/ into the database. Safe to repeat: it never overwrites work
done in the admin (see contentfiles/sync.py for the rules)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from contentfiles.kinds import ARTICLE, CATEGORY, QUESTION, TERM, TOPIC
from contentfiles.layout import ContentError
from contentfiles.sync import import_folder
from search import vocabulary


class Command(BaseCommand):
    help = (
        "Import content/ (articles, FAQs, glossary, synonyms) into the database. Items changed in the "
        "admin since the last import are skipped and listed; changes to live pages arrive as new draft "
        "versions for review. --force overwrites the skipped items."
    )

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", type=str, default=str(settings.BASE_DIR / "content"),
                            help="Folder with the content files (default: content/).")
        parser.add_argument("--force", action="store_true",
                            help="Also overwrite items changed in the admin since the last import "
                                 "(their admin versions stay in each item's history).")
        parser.add_argument("--dry-run", action="store_true", help="Say what would change, and change nothing.")
        parser.add_argument("--if-empty", action="store_true",
                            help="Only load into a site with no content yet (what `make run` does).")

    def handle(self, *args, content_dir, force, dry_run, if_empty, **options):
        if if_empty and has_content():
            self.stdout.write("The database already has content, so the example content was not loaded. "
                              "To import content/ anyway (it never overwrites admin edits): make content")
            return
        try:
            report = import_folder(content_dir, force=force, dry_run=dry_run)
        except ContentError as error:
            raise CommandError(str(error)) from None
        if not dry_run:
            vocabulary.rebuild()
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")


def has_content():
    # Synonym groups are left out: the search app's migrations add some to every database.
    return any(kind.model.objects.exists() for kind in (TERM, TOPIC, ARTICLE, CATEGORY, QUESTION))
