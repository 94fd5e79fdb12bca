"""gunicorn settings for hemed, from the environment (used by `make serve`, the systemd
unit and the Procfile): gunicorn -c deploy/gunicorn.conf.py hemed.wsgi

  BIND                 address or unix:path       (default 127.0.0.1:8000)
  WEB_CONCURRENCY      worker processes           (default 2 per CPU core, at most 8)
  GUNICORN_TIMEOUT     seconds before a stuck worker is restarted (default 30)
  GUNICORN_KEEPALIVE   seconds to hold an idle keep-alive connection (default 5)
  GUNICORN_ACCESS_LOG  where to write an access log (default: none)
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count(), 8)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = timeout
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# gunicorn 27 opens a control socket in a path shared by every gunicorn of this user;
# two instances on one machine would fight over it. hemed does not use it.
control_socket_disable = True
# No access log by default: it would keep every visitor's address next to what they read
# and searched for (the privacy notice says the site keeps no such log). GUNICORN_ACCESS_LOG=-
# turns it on, to standard output, for debugging.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
