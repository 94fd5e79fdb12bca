"""The markdown editor's live preview, reading panel and image upload, for editors only.

django-markdownx ships its views open to anyone; the preview would also echo
unsanitised HTML if it used the default renderer. Here every endpoint answers only
people who may change content (roles.can_use_editor), and:

- text is rendered within hemed.bounded's limits (MAX_MARKDOWN characters, TIME_LIMIT
  seconds), so no text can hold a web worker: too long answers 413, too complex 422;
- an upload must really be a JPEG, PNG, GIF or WebP image of at most MAX_IMAGE_PIXELS,
  checked from its header before it is decoded; it is then re-encoded by Pillow (the
  uploaded bytes are never stored) and saved under a name we choose.
"""

import io
import time
from functools import wraps

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_POST
from markdownx.forms import ImageForm
from markdownx.views import ImageUploadView
from PIL import Image, ImageOps, ImageSequence

from hemed.bounded import TIME_LIMIT, MarkdownTooLong, RenderTooComplex, render_bounded, run_bounded

from .readability import reading, warnings
from .rendering import markdownify, site_phrases, site_sources, text_warnings
from .roles import can_use_editor

# Pillow's name for a format -> the content type and file extension we accept.
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}
# The most pixels an upload may have, all frames of an animation counted: decoding
# takes about 4 bytes a pixel, so this keeps an upload to about 100 MB of memory.
MAX_IMAGE_PIXELS = 25_000_000
MAX_FRAMES = 500


def editors_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_use_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _status(error):
    return 413 if isinstance(error, MarkdownTooLong) else 422


@require_POST
@editors_only
def preview(request):
    """What saving the text would store: the same function renders both (rendering.markdownify)."""
    try:
        html = markdownify(request.POST.get("content", ""))
    except RenderTooComplex as error:
        return HttpResponse(str(error), status=_status(error), content_type="text/plain; charset=utf-8")
    return HttpResponse(html)


class ReadingForm(forms.Form):
    """What the reading panel posts: the text, and the summary and number of references
    when the page has them (those checks are left out when they are not sent)."""

    content = forms.CharField(required=False, strip=False)
    summary = forms.CharField(required=False, strip=False)
    references = forms.IntegerField(required=False, min_value=0)


@require_POST
@editors_only
def reading_panel(request):
    """Reading age and checks for the text being edited, updated as the editor types."""
    form = ReadingForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": "The reading panel was sent something it does not understand."}, status=400)
    text = form.cleaned_data["content"]
    summary = form.cleaned_data["summary"] if "summary" in request.POST else None
    references = form.cleaned_data["references"]
    # reading() renders the text again in this process, so the checks in the worker
    # get half the time limit: the whole answer stays within the preview's.
    deadline = time.monotonic() + TIME_LIMIT / 2
    try:
        rendered = render_bounded(text, sources=site_sources(), timeout=TIME_LIMIT / 2)
        # Some of warnings()' patterns are slow on long pathological text too.
        found = run_bounded(warnings, text, summary, references, timeout=deadline - time.monotonic())
    except RenderTooComplex as error:
        return JsonResponse({"error": str(error)}, status=_status(error))
    found = [f"{key} is not in the source registry: saving will be refused." for key in rendered.unknown] + found
    found += text_warnings(text)
    result = reading(text, site_phrases())
    return JsonResponse({
        "grade": result.grade, "ease": result.ease, "words": result.words,
        "average_sentence": result.average_sentence, "long_sentences": result.long_sentences,
        "unexplained": result.unexplained, "warnings": found,
    })


class VerifiedImageForm(ImageForm):
    def clean(self):
        upload = super().clean()
        try:
            # Image.open reads only the header: nothing is decoded yet.
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                frames = image.n_frames if image_format == "GIF" else 1
                image.verify()
        except Image.DecompressionBombError:
            raise ValidationError(_too_many_pixels(None))
        except Exception:
            raise ValidationError("This file is not an image we can open.")
        if image_format not in IMAGE_FORMATS or IMAGE_FORMATS[image_format][0] != upload.content_type:
            raise ValidationError("Upload a JPEG, PNG, GIF or WebP image.")
        if width * height * frames > MAX_IMAGE_PIXELS or frames > MAX_FRAMES:
            raise ValidationError(_too_many_pixels((width, height, frames)))
        upload.seek(0)
        self.image_format = image_format
        self.extension = IMAGE_FORMATS[image_format][1]
        return upload

    def save(self, commit=True):
        upload = self.files["image"]
        upload.seek(0)
        with Image.open(upload) as image:
            data = reencode(image, self.image_format)
        name = f"image.{self.extension}"
        image = InMemoryUploadedFile(
            file=data, field_name=None, name=name, content_type=IMAGE_FORMATS[self.image_format][0],
            size=data.getbuffer().nbytes, charset=None,
        )
        return self._save(image, name, commit)

    def get_unique_file_name(self, file_name):
        # The name's extension comes from the verified format, never from the
        # uploader, so "x.html" cannot be served as a web page.
        return super().get_unique_file_name(f"image.{self.extension}")


def _too_many_pixels(size):
    limit = f"the most we accept is {MAX_IMAGE_PIXELS // 1_000_000} megapixels"
    if size is None:
        return f"This image has too many pixels: {limit}. Make it smaller and upload it again."
    width, height, frames = size
    if frames > 1:
        return (f"This animation is {frames} frames of {width} × {height} pixels: {limit}, "
                f"all frames counted, and at most {MAX_FRAMES} frames. Make it smaller or shorter.")
    return (f"This image is {width} × {height} pixels ({width * height / 1_000_000:.0f} megapixels): "
            f"{limit}. Make it smaller and upload it again.")


def reencode(image, image_format):
    """A new file in the same format, fitted to MARKDOWNX_IMAGE_MAX_SIZE.

    Only the pixels are kept (and which colour is transparent): no metadata, comments
    or anything else from the uploaded file. An animated GIF keeps its frames.
    """
    size = settings.MARKDOWNX_IMAGE_MAX_SIZE["size"]
    quality = settings.MARKDOWNX_IMAGE_MAX_SIZE.get("quality", 85)
    data = io.BytesIO()
    if image_format == "GIF" and image.n_frames > 1:
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            durations.append(frame.info.get("duration", 100))
            frames.append(_only_pixels(_fit(frame.convert("RGBA"), size)))
        loop = {"loop": image.info["loop"]} if "loop" in image.info else {}
        # Each frame is a whole picture, so clear the last one before drawing the next.
        frames[0].save(data, "GIF", save_all=True, append_images=frames[1:], duration=durations,
                       disposal=2, **loop)
    else:
        # Turn the picture as the camera meant, since the orientation tag is dropped.
        picture = _only_pixels(_fit(ImageOps.exif_transpose(image), size))
        if image_format == "JPEG" and picture.mode not in ("RGB", "L", "CMYK"):
            picture = picture.convert("RGB")
        picture.save(data, image_format, quality=quality)
    data.seek(0)
    return data


def _fit(picture, size):
    if picture.width > size[0] or picture.height > size[1]:
        if picture.mode in ("1", "P"):
            # Palette images would be resized by picking pixels, not blending them.
            picture = picture.convert("RGBA")
        picture.thumbnail(size, Image.Resampling.LANCZOS)
    return picture


def _only_pixels(picture):
    # Pillow writes some of .info back out (a GIF's comment, a PNG's ICC profile).
    picture.info = {key: value for key, value in picture.info.items() if key == "transparency"}
    return picture


class VerifiedImageUploadView(ImageUploadView):
    form_class = VerifiedImageForm

    def form_invalid(self, form):
        # markdownx answers a non-AJAX post with a template it does not have (a 500).
        return JsonResponse(form.errors, status=400)


upload = require_POST(editors_only(VerifiedImageUploadView.as_view()))
