"""Property-based fuzzing of the alerts' addresses: whatever is sent, a page or a client error
(never a 500), and no hostile text comes back as markup. FUZZ_EXAMPLES digs deeper."""

import os
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NAMES = [
    "q",
    "domaine",
    "categorie",
    "versant",
    "nature",
    "localisation",
    "teletravail",
    "publiee",
    "tri",
    "page",
    "email",
    "frequency",
    "query",
    "website",
    "action",
]
NASTY = [
    "",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{ 7*7 }}",
    "\x00",
    "é" * 300,
    "ressources-humaines",
    "GRH",
    "A",
    "94",
    "daily",
    "weekly",
    "delete",
    "%",
    "a@b.fr",
    "x" * 5000,
    "\r\nBcc: victim@example.org",
    "😀@例え.jp",
    "user@xn--",
    "@",
    "a@" + "b" * 300,
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=80))
params = st.lists(
    st.tuples(st.one_of(st.sampled_from(NAMES), st.text(max_size=10)), values), max_size=8
)
tokens = st.one_of(
    st.sampled_from(["A" * 43, "abc", "'--", "%00", "x" * 400]),
    st.text(alphabet="ABCabc0123-_%.<>'\"", min_size=1, max_size=60),
)


def check(response):
    assert response.status_code < 500
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        assert "<script>alert(1)" not in html


@FUZZ
@given(params)
def test_the_form_page(client, pairs):
    check(Client().get("/alertes/?" + urlencode(pairs)))


@FUZZ
@given(params, st.sampled_from(["daily", "weekly", "", "monthly"]))
def test_posting_the_form(pairs, frequency):
    data = dict(pairs)
    data.setdefault("frequency", frequency)
    client = Client(REMOTE_ADDR="192.0.2.1")
    check(client.post("/alertes/", data))


@FUZZ
@given(
    st.sampled_from(["confirmer", "gerer", "desabonner"]),
    tokens,
    params,
    st.sampled_from(["get", "post"]),
)
def test_the_links(kind, token, pairs, method):
    client = Client(enforce_csrf_checks=kind == "desabonner")
    path = f"/alertes/{kind}/{quote(token, safe='')}/"
    check(getattr(client, method)(path, dict(pairs)))
