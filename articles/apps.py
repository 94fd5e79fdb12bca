from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"
    # What clinical editors may do here besides writing articles (see editorial.roles).
    editor_permissions = ["add_reference", "change_reference", "delete_reference", "view_reference",
                          "view_topic"]
