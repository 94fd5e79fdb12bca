"""E-mails that keep a small team moving: sent for review, sent back, approved.

They go through Django's e-mail backend (the console in development, SMTP when
EMAIL_HOST is set) once the change is committed, and only to people with an address.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from .roles import review_permission


def _admin_link(item):
    opts = item._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    return settings.SITE_URL.rstrip("/") + path


def _send(subject, lines, users):
    recipients = sorted({user.email for user in users if user.email and user.is_active})
    if not recipients:
        return
    message = "\n\n".join(lines + ["— hemed"])
    transaction.on_commit(lambda: send_mail(subject, message, None, recipients, fail_silently=True))


def _authors(revision):
    users = list(revision.contributors.all())
    if revision.submitted_by:
        users.append(revision.submitted_by)
    return users


def submitted(item, revision):
    """Tell every reviewer who may approve it (not its own authors) that it is waiting."""
    opts = item._meta
    reviewers = get_user_model().objects.with_perm(
        f"{opts.app_label}.{review_permission(item)}", backend="django.contrib.auth.backends.ModelBackend"
    )
    authors = {user.pk for user in _authors(revision)}
    who = revision.submitted_by.get_full_name() or revision.submitted_by.get_username() if revision.submitted_by else "Someone"
    _send(
        f"Waiting for your review: {item}",
        [f"{who} sent this {opts.verbose_name} for review: {item}", f"Review it here: {_admin_link(item)}"],
        [user for user in reviewers if user.pk not in authors],
    )


def sent_back(item, revision):
    _send(
        f"Sent back to you: {item}",
        [f"A reviewer sent this back with a comment: {item}", revision.comment if revision else item.review_comment,
         f"Edit it here: {_admin_link(item)}"],
        _authors(revision) if revision else [],
    )


def approved(item, revision):
    note = "It is scheduled to go live at the time the reviewer set." if item.is_scheduled or item.revision_of_id \
        else "It is live now."
    _send(
        f"Approved: {item}",
        [f"A reviewer approved this: {item}", note, _admin_link(item)],
        _authors(revision),
    )
