from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """The shared, graded registry of sources that pages cite (S1, S2, ...)."""

    name = "sources"
    verbose_name = "Sources"

    def ready(self):
        from editorial import rendering
        from editorial.dashboard import register_panel

        from .dashboard import sources_to_check_panel
        from .models import Source
        from .support import figure_warnings

        register_panel("admin/sources/dashboard_panel.html", sources_to_check_panel)
        # The renderer checks citations against the published registry.
        rendering.register_source_provider(lambda: set(Source.objects.published().values_list("key", flat=True)))
        # A figure resting only on a C-grade source is flagged while the editor types.
        rendering.register_text_check(figure_warnings)
