from django.core.management.base import BaseCommand

from editorial.workflow import publish_due_versions


class Command(BaseCommand):
    help = "Put live each approved new version whose scheduled time has come (run from cron every minute)."

    def handle(self, *args, **options):
        count = publish_due_versions()
        self.stdout.write(f"{count} scheduled version(s) published.")
