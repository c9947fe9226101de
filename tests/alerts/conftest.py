"""A real SMTP server in the test process (aiosmtpd, over TCP on a free port), the e-mail settings
pointed at it, and helpers that read the messages as a mail client would."""

import email
import email.policy
import re
import threading
from html.parser import HTMLParser

import pytest
from aiosmtpd.controller import Controller

from tests.servers import free_port


class Inbox:
    """What the SMTP server received: each message parsed by the standard library's parser."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.refuse = set()  # Addresses answered 550, as a server that knows no such mailbox.

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def clear(self):
        with self.lock:
            self.messages.clear()

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


class SmtpServer:
    """aiosmtpd's Controller on one port, which can be stopped and started again (an outage)."""

    def __init__(self, inbox):
        self.inbox = inbox
        self.port = free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, data_size_limit=0
        )
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    server = SmtpServer(inbox)
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    inbox.server = server
    yield inbox
    server.stop()


@pytest.fixture(autouse=True)
def _huey_immediate():
    """Tasks run at once, in the test's own process (the worker tests start real consumers)."""
    from huey.contrib.djhuey import HUEY

    previous = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = previous


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs what the code hands to the worker after its transaction commits,
    which the test's own transaction would otherwise hold back."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def parts(message):
    """(plain text, HTML) of a message, as a mail client shows either."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self._href, self._text = [], None, []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._text).split()), self._href))
            self._href = None


def html_links(html):
    """[(link text, href)] of an HTML part."""
    parser = Links()
    parser.feed(html)
    return parser.links


def link(message, text):
    """The address of the HTML link whose text is `text`, as a path for the test client."""
    _text, html = parts(message)
    for label, href in html_links(html):
        if label == text:
            return re.sub(r"^https?://[^/]+", "", href)
    raise AssertionError(f"No link « {text} » in {html_links(html)}")
