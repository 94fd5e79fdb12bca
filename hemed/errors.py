"""What a server error sends to Sentry (when SENTRY_DSN is set): the error and where it
happened, never what a person sent or who they are.

People read this site about their own or their child's health: a search term, a
feedback comment or a cookie can say more about them than any name. Sentry is set up
with send_default_pii=False and no local variables (hemed/settings.py); before_send
then removes, from every event, what can still carry such text.
"""

# Request headers an error report may keep: none of them carries what a person typed
# or who they are (Cookie, Referer, Authorization and the forwarded addresses go).
KEPT_HEADERS = {"accept", "content-length", "content-type", "host", "user-agent", "x-forwarded-proto"}


def before_send(event, hint):
    request = event.get("request")
    if isinstance(request, dict):
        # Session and CSRF cookies, and the POST body: feedback comments, sign-in forms.
        for key in ("cookies", "data", "env"):
            request.pop(key, None)
        # Search terms, on /search/ and the FAQ filter alike (?q=).
        request.pop("query_string", None)
        if isinstance(request.get("url"), str):
            request["url"] = request["url"].split("?", 1)[0]
        if isinstance(request.get("headers"), dict):
            request["headers"] = {name: value for name, value in request["headers"].items()
                                  if name.lower() in KEPT_HEADERS}
    # Who was signed in, and their address.
    event.pop("user", None)
    # Log lines and queries from before the error can quote what a person sent.
    event.pop("breadcrumbs", None)
    # Local variables in the stack trace hold the request and what was read from it.
    for section in ("exception", "threads"):
        for value in (event.get(section) or {}).get("values") or []:
            for frame in (value.get("stacktrace") or {}).get("frames") or []:
                frame.pop("vars", None)
    return event
