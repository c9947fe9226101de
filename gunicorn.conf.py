"""gunicorn settings; each can be overridden by the environment variable next to it."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
# Read by settings.py in each worker: an in-process cache cannot keep several workers' pages fresh.
os.environ["SERVER_PROCESSES"] = str(workers)
if workers > 1 and os.environ.get("CACHE_URL", "").startswith("locmemcache"):
    print(
        f"CACHE_URL={os.environ['CACHE_URL']} is private to each of the {workers} workers: "
        "the page cache is off. Leave CACHE_URL unset (files shared by the workers) or use Redis."
    )
# Recycle workers now and then so that a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
