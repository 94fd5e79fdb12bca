from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """"Was this page helpful?" and "Report a problem with this page", kept with the page and day only."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "feedback"
    verbose_name = "Feedback from readers"
    # Editors read feedback and may delete a comment (say, one with personal details in it).
    editor_permissions = ["view_feedback", "delete_feedback"]

    def ready(self):
        from editorial.dashboard import register_panel

        from .dashboard import feedback_panel

        register_panel("admin/feedback/dashboard_panel.html", feedback_panel)
