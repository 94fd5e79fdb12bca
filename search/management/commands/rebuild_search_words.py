from django.core.management.base import BaseCommand

from search import vocabulary


class Command(BaseCommand):
    help = "Rebuild the word list behind 'Did you mean ...?' from published content."

    def handle(self, *args, **options):
        vocabulary.rebuild()
        self.stdout.write("Search words rebuilt.")
