from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The review workflow every kind of content goes through before the public sees it."""

    name = "editorial"
    verbose_name = "Editorial review"

    def ready(self):
        from django.contrib import admin

        from . import roles

        roles.connect()
        # The admin's front page opens with each person's review dashboard.
        admin.site.index_template = "admin/editorial/index.html"
