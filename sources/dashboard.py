"""The editors' dashboard panel for the source registry: what nobody has checked for a year.
Only the dates: fetching URLs is for `manage.py check_sources`, not for rendering a page."""

from django.urls import reverse

from .checks import date_problem, not_checked_recently

# Beyond this the panel says how many more there are; the command lists them all.
SHOWN = 20


def sources_to_check_panel(user, today):
    """Published sources not checked for over 12 months, each linked to its admin page; None hides the panel."""
    if not user.has_perm("sources.view_source"):
        return None
    overdue = not_checked_recently(today)
    rows = [
        {"label": str(source), "url": reverse("admin:sources_source_change", args=[source.pk]),
         "problem": date_problem(source)}
        for source in overdue[:SHOWN]
    ]
    if not rows:
        return None
    more = overdue.count() - len(rows) if len(rows) == SHOWN else 0
    return {"sources_to_check": rows, "more_sources_to_check": more}
