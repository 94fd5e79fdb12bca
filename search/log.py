"""What the search log keeps, and for how long.

- The query with personal details taken out before it is stored: e-mail addresses,
  and runs of 6 or more digits, with or without spaces, dashes or brackets between
  them (phone numbers, NHS numbers, hospital numbers, dates of birth written as digits).
- One row per visitor per query per day: `visitor` is hemed.clients.daily_visitor, so
  40 requests from one client count as one search, and no address is stored.
- RETENTION_DAYS: older rows are deleted by `manage.py purge_search_log` (run daily
  from cron, see the README), and the privacy notice says so.
"""

import datetime
import re

from django.utils import timezone

from hemed.clients import daily_visitor

from .models import SearchLog
from .text import normalise

RETENTION_DAYS = 90
EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
# A digit, then digits and the separators people type in numbers, ending in a digit.
NUMBER = re.compile(r"\+?\d[\d\s().\-/]*\d")
LONG_NUMBER = 6  # digits: shorter numbers ("factor 9", "2024", "36 months") are kept


def redact(query):
    query = EMAIL.sub("[email]", query)
    return NUMBER.sub(lambda m: "[number]" if sum(c.isdigit() for c in m.group()) >= LONG_NUMBER else m.group(),
                      query)


def log_search(request, query, results):
    """Record one search (once per visitor, query and day)."""
    today = timezone.localdate()
    SearchLog.objects.bulk_create(
        [SearchLog(query=redact(normalise(query))[:200], results=results, date=today,
                   visitor=daily_visitor(request, today))],
        ignore_conflicts=True,
    )


def purge(today=None, days=RETENTION_DAYS):
    """Delete searches logged more than `days` ago; returns how many."""
    today = today or timezone.localdate()
    deleted, _ = SearchLog.objects.filter(date__lt=today - datetime.timedelta(days=days)).delete()
    return deleted
