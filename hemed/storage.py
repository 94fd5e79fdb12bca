"""Where editors' uploaded images are kept: a bucket in object storage (S3 or an
S3-compatible store, through django-storages) when AWS_STORAGE_BUCKET_NAME is set,
otherwise MEDIA_ROOT on this server's disk.

settings.py and tests/test_object_storage.py build the bucket's storage with the same
function, so these rules are tested against a real S3 API (moto's server). The
credentials are never settings: boto3 reads AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY (or an instance role) itself.
"""

import re
from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_options(bucket_name, *, endpoint_url="", region_name="", custom_domain="", querystring_auth=False):
    """S3Storage's OPTIONS for the bucket; empty values are left to django-storages and boto3."""
    options = {
        "bucket_name": bucket_name,
        # No per-object ACL: the bucket's own policy decides who may read the images.
        "default_acl": None,
        # An upload never replaces another clinician's image: a name in use gets a suffix.
        "file_overwrite": False,
        # Images in articles need stable URLs (cached pages, printed and shared links), so unsigned.
        "querystring_auth": querystring_auth,
    }
    if endpoint_url:
        # An S3-compatible store (MinIO, Ceph, a European provider); unset means AWS.
        options["endpoint_url"] = endpoint_url
    if region_name:
        # The bucket's region, e.g. eu-west-2.
        options["region_name"] = region_name
    if custom_domain:
        # A CDN or the bucket's public host name in the images' URLs, e.g. media.example.org.
        options["custom_domain"] = custom_domain
    return options


def s3_storage(bucket_name, **fields):
    """The STORAGES["default"] entry for the bucket."""
    return {"BACKEND": S3_BACKEND, "OPTIONS": s3_options(bucket_name, **fields)}


def media_origin(options):
    """Where the images' URLs point (scheme and host), for the Content-Security-Policy's img-src."""
    if options.get("custom_domain"):
        return "https://" + options["custom_domain"].split("/")[0]
    if options.get("endpoint_url"):
        endpoint = urlsplit(options["endpoint_url"])
        return f"{endpoint.scheme}://{endpoint.netloc}"
    # AWS itself (as boto3 makes the URLs): the bucket's own host name when the name can be
    # one, else the bucket as the path's first part on the region's S3 host.
    if re.fullmatch(r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]", options["bucket_name"]):
        return f"https://{options['bucket_name']}.s3.amazonaws.com"
    region = options.get("region_name") or "us-east-1"
    return "https://s3.amazonaws.com" if region == "us-east-1" else f"https://s3.{region}.amazonaws.com"
