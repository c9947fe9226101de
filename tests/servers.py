"""Loopback helpers for the code that starts real servers: the two-server and outage tests, and
`make bench` / `make lighthouse` (which import this module from bench/)."""

import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def port_open(port, host="127.0.0.1"):
    """Whether something accepts connections on the port."""
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def require_services(**ports):
    """Skip the test unless each service answers on its loopback port (`Redis=6379`); in CI,
    where every service must run, fail instead."""
    import os

    import pytest

    missing = [name for name, port in ports.items() if not port_open(port)]
    if missing:
        message = f"{' and '.join(missing)} not reachable on 127.0.0.1"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: CI runs every test")
        pytest.skip(message)


def free_port():
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout, step=0.1):
    """Call `condition` until it is true (True) or `timeout` seconds have passed (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def start_gunicorn(env, workdir, name, extra_args=()):
    """gunicorn as `make run` starts it (gunicorn.conf.py), daemonised on a free port.

    Returns (its URL, its pid file); its error log is `workdir/NAME.log`. Fails the test with that
    log when it does not answer within 30 s.
    """
    import pytest

    port = free_port()
    pidfile = workdir / f"{name}.pid"
    log = workdir / f"{name}.log"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "ofpra_careers.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--daemon",
            "--pid",
            str(pidfile),
            "--error-logfile",
            str(log),
            "--control-socket",
            str(workdir / f"{name}.ctl"),
            *extra_args,
        ],
        cwd=BASE_DIR,
        env={**env, "PORT": str(port), "HOST": "127.0.0.1"},
        check=True,
    )
    if not wait_until(lambda: pidfile.exists() and port_open(port), timeout=30, step=0.2):
        pytest.fail(f"gunicorn {name} did not start: {log.read_text()}")
    return f"http://127.0.0.1:{port}", pidfile


# An editor's browser against a real server: cookies kept, the admin's forms read and posted.


class FormReader(HTMLParser):
    """The fields an editor's browser would post from the admin's change form."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self.fields.append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append([self._select, attrs.get("value", "")])

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


class Browser:
    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url):
        with self.opener.open(url, timeout=30) as response:
            return response.headers, response.read().decode()

    def post(self, url, fields):
        fields = fields.items() if isinstance(fields, dict) else fields
        data = urllib.parse.urlencode([tuple(field) for field in fields]).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        with self.opener.open(request, timeout=30) as response:
            return response.geturl(), response.read().decode()


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
