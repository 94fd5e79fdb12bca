"""Static files as production serves them: whitenoise's compressed files with hashed names."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

KEPT_URLS = 1000  # names: the templates ask for a dozen


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Each file's URL worked out once per process. The manifest is read when the process
    starts and a release restarts it, so a name's URL cannot change while it runs; every page
    asks for seven of them, and finding one in the manifest cost a tenth of an article page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        url = self._urls.get(name)
        if url is None:
            url = super().url(name)
            if len(self._urls) < KEPT_URLS:
                self._urls[name] = url
        return url
