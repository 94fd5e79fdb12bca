from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"
    # What clinical editors manage here besides synonym groups (which are reviewed content).
    editor_permissions = ["add_pin", "change_pin", "delete_pin", "view_pin", "view_searchlog"]

    def ready(self):
        from editorial.dashboard import register_panel

        from . import signals  # noqa: F401
        from .admin import missing_searches_panel

        register_panel("admin/search/dashboard_panel.html", missing_searches_panel)
