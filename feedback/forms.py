from django import forms

from .models import MAX_COMMENT, Kind

TOO_LONG = ("Your comment is %(show_value)d characters long. Please keep it to %(limit_value)d characters "
            "or fewer, so we can read every one.")


def comment_field(label, required):
    return forms.CharField(
        label=label, required=required, max_length=MAX_COMMENT, strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "class": "nhsuk-textarea"}),
        error_messages={"max_length": TOO_LONG, "required": "Tell us what is wrong with this page."},
    )


class HelpfulForm(forms.Form):
    """"Was this page helpful?": the Yes or No button pressed, and an optional comment."""

    helpful = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Choose Yes or No.", "invalid_choice": "Choose Yes or No."},
    )
    comment = comment_field("Tell us more (optional)", required=False)

    def kind(self):
        return Kind.HELPFUL if self.cleaned_data["helpful"] == "yes" else Kind.NOT_HELPFUL


class ProblemForm(forms.Form):
    """"Report a problem with this page": what is wrong, in the reader's words."""

    comment = comment_field("What is wrong with this page?", required=True)

    def kind(self):
        return Kind.PROBLEM
