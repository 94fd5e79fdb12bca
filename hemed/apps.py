from django.apps import AppConfig


class HemedConfig(AppConfig):
    """The project's shared pieces: layout helpers, site-wide pages, set-up commands."""

    name = "hemed"
    verbose_name = "hemed"

    def ready(self):
        from . import pagecache

        # Any change to content invalidates every cached page (hemed/pagecache.py).
        pagecache.connect()
