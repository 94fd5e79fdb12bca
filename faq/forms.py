import re

from django import forms

MAX_QUERY_LENGTH = 200
# NUL and other control characters cannot be stored or searched by PostgreSQL.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]+")


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the questions",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": "Please use %(limit_value)d characters or fewer. You used %(show_value)d."
        },
    )

    def clean_q(self):
        return " ".join(_CONTROL_CHARACTERS.sub(" ", self.cleaned_data["q"]).split())
