from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "Frequently asked questions"
    # What clinical editors may do here besides writing answers (see editorial.roles).
    editor_permissions = ["add_questionreference", "change_questionreference",
                          "delete_questionreference", "view_questionreference", "view_category"]
