from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = "Glossary"

    def ready(self):
        from editorial.rendering import register_link_provider

        from . import signals  # noqa: F401
        from .models import Term

        # Every page links the first use of each published term to its definition.
        register_link_provider(lambda: Term.objects.published().for_linking())
