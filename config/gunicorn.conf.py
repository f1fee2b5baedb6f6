"""gunicorn settings for `make serve` and the systemd unit, read from the environment.

WEB_CONCURRENCY worker processes (default: 2 per CPU core + 1, gunicorn's rule of thumb),
each a single-threaded sync worker: the reverse proxy buffers slow clients.
"""

import multiprocessing
import os

bind = f"{os.environ.get('GS_BIND', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Long PDF builds run in the task worker, so a request over a minute is a stuck one.
timeout = int(os.environ.get("GS_WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# The application writes one JSON line per request (with its request id): no second access log.
accesslog = None
errorlog = "-"
# Only the local reverse proxy may say the request came over https.
forwarded_allow_ips = os.environ.get("GS_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "guongsang-web"
# Managed by signals (systemd's reload and stop), not by gunicorn's control socket, which
# would need a writable home folder.
control_socket_disable = True
