from django.core.management.base import BaseCommand

from search import vocabulary


class Command(BaseCommand):
    help = ("Rebuild the word list behind 'Did you mean ...?' from what the public can read now "
            "(run from cron every few minutes, so scheduled pages bring their words when they go live).")

    def handle(self, *args, **options):
        vocabulary.rebuild()
        self.stdout.write("Search words rebuilt.")
