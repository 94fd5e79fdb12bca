import functools

from django.urls import get_script_prefix, reverse


def fixed_url(name, *args):
    """reverse() for the links on every page (header, footer, breadcrumbs): the same on
    every request, so worked out once per process (and URL prefix)."""
    return _reverse_once(get_script_prefix(), name, args)


@functools.lru_cache(maxsize=256)
def _reverse_once(prefix, name, args):
    return reverse(name, args=args)
