from django import forms

from .text import MAX_QUERY_LENGTH, clean


class SiteSearchForm(forms.Form):
    q = forms.CharField(
        label="Search hemed",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": "Please use %(limit_value)d characters or fewer. You used %(show_value)d."
        },
    )
    # "faq" for questions only; anything else searches everything.
    type = forms.CharField(required=False)

    def clean_q(self):
        return clean(self.cleaned_data["q"])

    def clean_type(self):
        return "faq" if self.cleaned_data["type"] == "faq" else "all"

    @property
    def kinds(self):
        return ("question",) if self.cleaned_data.get("type") == "faq" else ("question", "article", "term")
