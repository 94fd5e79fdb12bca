"""Who is asking, for rate limits and counting, without keeping who it was.

One definition of the client's address: django-axes' (REMOTE_ADDR, or the right-most
X-Forwarded-For entry only behind a trusted proxy, see BEHIND_PROXY in settings).
"""

import datetime
import hashlib
import hmac

from axes.helpers import get_client_ip_address
from django.conf import settings
from django_ratelimit.core import is_ratelimited


def client_address(group, request):
    """django-ratelimit's key function: the address (ratelimit hashes it in the cache key)."""
    return get_client_ip_address(request) or ""


def over_limit(request, group, rate):
    """True once this client has made more than `rate` ("10/h") requests in `group`."""
    return is_ratelimited(request, group=group, key=client_address, rate=rate, increment=True)


def daily_visitor(request, day: datetime.date):
    """A keyed hash of the client's address whose key changes every day: the same client
    gives the same value all day, and nothing links one day's value to the next."""
    key = hmac.new(settings.SECRET_KEY.encode(), f"visitor:{day.isoformat()}".encode(), hashlib.sha256).digest()
    address = (get_client_ip_address(request) or "").encode()
    return hmac.new(key, address, hashlib.sha256).hexdigest()[:32]
