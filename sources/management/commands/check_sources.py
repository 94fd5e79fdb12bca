"""Report what in the published source registry needs a person to look at it:

- sources nobody has checked for over 12 months (or ever: `last_checked` empty);
- source URLs that fail: no connection, no answer in time, HTTP 4xx or 5xx. Only http and https
  URLs are fetched; others are reported. A redirect to another site is a note, not a failure.

Exit status: 0 when nothing needs attention (notes alone do not count), 1 when at least one source
is overdue or its URL fails, 2 for a bad option. Cron mails whatever a job prints, so with --quiet-ok
(nothing printed when all is well) a weekly crontab line sends the report only when there is work:

    0 7 * * 1  cd /srv/hemed && .venv/bin/python manage.py check_sources --quiet-ok
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from sources.checks import check_urls, date_problem, not_checked_recently
from sources.models import Source


def positive(kind):
    def parse(value):
        number = kind(value)
        if number <= 0:
            raise ValueError(value)
        return number

    parse.__name__ = kind.__name__  # argparse names the type in its error message
    return parse


def line(source, what):
    return f"  {source.key} · {source.title} · {source.url or 'no URL'} · {what}"


def plural(count, one, many=None):
    return f"{count} {one if count == 1 else (many or one + 's')}"


class Command(BaseCommand):
    help = ("Report published sources not checked for over 12 months and source URLs that fail. "
            "Exit status 1 when there is any, so cron can mail the report.")

    def add_arguments(self, parser):
        parser.add_argument("--skip-urls", action="store_true", help="Only the dates: fetch no URL.")
        parser.add_argument("--key", action="append", dest="keys", metavar="KEY",
                            help="Only this source, e.g. S12 (may be given more than once).")
        parser.add_argument("--timeout", type=positive(float), default=10.0, metavar="SECONDS",
                            help="Seconds allowed to connect to each server, and again for its answer (default 10).")
        parser.add_argument("--workers", type=positive(int), default=8,
                            help="How many URLs are fetched at once (default 8).")
        parser.add_argument("--total-timeout", type=positive(float), default=300.0, metavar="SECONDS",
                            help="Seconds allowed for all the URLs; those still waiting are reported (default 300).")
        parser.add_argument("--quiet-ok", action="store_true", help="Print nothing when nothing needs attention.")

    def handle(self, *args, keys, skip_urls, timeout, workers, total_timeout, quiet_ok, **options):
        sources = Source.objects.published()
        if keys:
            keys = [key.strip().upper() for key in keys]
            sources = sources.filter(key__in=keys)
            unknown = sorted(set(keys) - set(sources.values_list("key", flat=True)))
            if unknown:
                raise CommandError(f"No published source {', '.join(unknown)}.")
        sources = list(sources)
        keep = {source.pk for source in sources}
        overdue = [source for source in not_checked_recently() if source.pk in keep]

        report = []
        if overdue:
            report.append(f"Not checked for over 12 months ({len(overdue)}):")
            report += [line(source, date_problem(source)) for source in overdue]

        checks = []
        if not skip_urls:
            started = time.monotonic()
            checks = check_urls(sources, timeout=timeout, workers=workers, total_timeout=total_timeout)
            elapsed = time.monotonic() - started
            failing = [check for check in checks if not check.ok]
            noted = [check for check in checks if check.ok and check.note]
            if failing:
                report.append(f"URLs that fail ({len(failing)}):")
                report += [line(check.source, check.problem) for check in failing]
            if noted:
                report.append(f"Notes ({len(noted)}):")
                report += [line(check.source, check.note) for check in noted]
        else:
            failing = noted = []

        problems = len(overdue) + len(failing)
        summary = [plural(len(overdue), "source") + " not checked for over 12 months"]
        if skip_urls:
            summary.append("URLs not fetched (--skip-urls)")
        else:
            summary.append(f"{plural(len(failing), 'failing URL')} of {len(checks)} checked in {elapsed:.1f} s")
            summary.append(plural(len(noted), "note"))
        report.append(f"{plural(problems, 'problem')} in {plural(len(sources), 'published source')}: "
                      + ", ".join(summary) + ".")

        if problems or not quiet_ok:
            self.stdout.write("\n".join(report))
        if problems:
            sys.exit(1)
