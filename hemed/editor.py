"""The markdown editor's live-preview and image-upload endpoints, for staff only.

django-markdownx ships both views open to anyone; the preview would also echo
unsanitised HTML if it used the default renderer. Here both answer only signed-in
staff, the preview uses our sanitising renderer, and an upload must really be a
JPEG, PNG, GIF or WebP image, saved under a name we choose.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_POST
from markdownx.forms import ImageForm
from markdownx.views import ImageUploadView
from PIL import Image

from .markdown import markdownify
from .readability import reading, warnings

# Pillow's name for a format -> the content type and file extension we accept.
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}


def staff_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@require_POST
@staff_only
def preview(request):
    return HttpResponse(markdownify(request.POST.get("content", "")))


@require_POST
@staff_only
def reading_panel(request):
    """Reading age and checks for the text being edited, updated as the editor types."""
    from glossary.models import Term

    text = request.POST.get("content", "")
    glossary = [phrase for term in Term.objects.all() for phrase in term.phrases]
    result = reading(text, glossary)
    return JsonResponse({
        "grade": result.grade, "ease": result.ease, "words": result.words,
        "average_sentence": result.average_sentence, "long_sentences": result.long_sentences,
        "unexplained": result.unexplained, "warnings": warnings(text),
    })


class VerifiedImageForm(ImageForm):
    def clean(self):
        upload = super().clean()
        try:
            with Image.open(upload) as image:
                image.verify()
                image_format = image.format
        except Exception:
            raise ValidationError("This file is not an image we can open.")
        if image_format not in IMAGE_FORMATS or IMAGE_FORMATS[image_format][0] != upload.content_type:
            raise ValidationError("Upload a JPEG, PNG, GIF or WebP image.")
        upload.seek(0)
        self.extension = IMAGE_FORMATS[image_format][1]
        return upload

    def get_unique_file_name(self, file_name):
        # The name's extension comes from the verified format, never from the
        # uploader, so "x.html" cannot be served as a web page.
        return super().get_unique_file_name(f"image.{self.extension}")


class VerifiedImageUploadView(ImageUploadView):
    form_class = VerifiedImageForm


upload = require_POST(staff_only(VerifiedImageUploadView.as_view()))
