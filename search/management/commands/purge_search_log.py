from django.core.management.base import BaseCommand

from search.log import RETENTION_DAYS, purge


class Command(BaseCommand):
    help = f"Delete searches logged more than {RETENTION_DAYS} days ago (run daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=RETENTION_DAYS,
                            help=f"Keep this many days (default {RETENTION_DAYS}).")

    def handle(self, *args, days, **options):
        if days < 1:
            self.stderr.write("--days must be 1 or more.")
            raise SystemExit(2)
        deleted = purge(days=days)
        self.stdout.write(f"Deleted {deleted} searches logged more than {days} days ago.")
