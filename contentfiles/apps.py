from django.apps import AppConfig


class ContentFilesConfig(AppConfig):
    """The two-way bridge between the database and the reviewable files in content/."""

    name = "contentfiles"
    verbose_name = "Content files"
