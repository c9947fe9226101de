"""Property-based fuzzing of every public URL: whatever a visitor or a bot sends, never a 500.

Hypothesis generates query strings (every filter name, repeated parameters, unicode, very long
values, SQL and template syntax, null bytes, huge page numbers, malformed percent-encoding), paths
(malformed offer addresses, traversal attempts, encoded null bytes) and headers (cookies, languages,
conditional requests, hosts). Each answer must be a page (2xx/3xx) or a client error (4xx).

The test client re-raises a view's exception, so a crash shows up with its traceback. The number of
requests sent is printed at the end of the run (`-s` shows it; `-rA` lists it in the summary).
"""

import collections
import os
import string

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import EmployerFactory, JobFactory, KeyFigureFactory, MissionFactory

pytestmark = pytest.mark.django_db

# Tuned so that the whole file runs in under a minute on two shared cores; FUZZ_EXAMPLES=5000
# digs deeper.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # No .hypothesis/ folder in the working tree; failures print their example.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SENT = collections.Counter()

FILTER_NAMES = [
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
    "p",  # sitemap sections paginate with ?p=
]
NASTY = [
    "",
    "' OR 1=1 --",
    '"; DROP TABLE jobs_job; --',
    "1 UNION SELECT password FROM auth_user",
    "{{ 7*7 }}",
    "{% debug %}",
    "{{ request.META }}",
    "${7*7}",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\ufffe\uffff",
    "\ud7ff\ue000",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "%00",
    "-1",
    "0",
    "1e9",
    "NaN",
    "inf",
    "-0",
    "１２",  # full-width digits: int() accepts them
    "٣",
    "9" * 30,
    "9" * 5000,  # beyond Python's int() digit limit
    "-" + "9" * 40,
    "x" * 10_000,
    "é" * 3000,
    "😀" * 500,
    "A" * 201,
    "recent",
    "date-limite",
    "ressources-humaines",
    "A",
    "FPE",
    "94",
]
text_values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=100, max_size=3000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
names = st.one_of(st.sampled_from(FILTER_NAMES), st.sampled_from(NASTY[:15]), st.text(max_size=20))


def percent_encode(text):
    """Each byte of the UTF-8 text that is not unreserved, as %XX (what browsers send)."""
    safe = set((string.ascii_letters + string.digits + "-_.~").encode())
    return "".join(
        chr(byte) if byte in safe else f"%{byte:02X}"
        for byte in text.encode("utf-8", "surrogatepass")
    )


def wsgi_string(text):
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


@st.composite
def raw_query_strings(draw):
    """A query string as a browser or a bot may really send it, malformed parts included."""
    parts = []
    for name, value in draw(st.lists(st.tuples(names, text_values), max_size=12)):
        style = draw(st.sampled_from(["encoded", "raw", "bare", "broken"]))
        if style == "encoded":
            parts.append(f"{percent_encode(name)}={percent_encode(value)}")
        elif style == "raw":
            # Unencoded bytes, as a WSGI server hands them over (PEP 3333: latin-1 strings).
            parts.append(wsgi_string(f"{name}={value}"))
        elif style == "bare":
            parts.append(percent_encode(name))
        else:
            # Malformed percent-encoding: truncated escapes, non-hex digits, half a UTF-8 sequence.
            parts.append(
                f"{percent_encode(name)}={draw(st.sampled_from(['%', '%z', '%zz', '%C3', '%E2%82', '%FF%FE', '%%', '%u0041']))}"
            )
    # Repeated parameters: the same filter several times with different values.
    if draw(st.booleans()):
        name = draw(st.sampled_from(FILTER_NAMES))
        parts += [f"{name}={percent_encode(v)}" for v in draw(st.lists(text_values, max_size=30))]
    separator = draw(st.sampled_from(["&", ";", "&&", "&amp;"]))
    return separator.join(parts)


@pytest.fixture
def content(db):
    """An agency profile and offers, so every page renders its sections and the list its facets."""
    employer = EmployerFactory()
    MissionFactory.create_batch(2, employer=employer)
    KeyFigureFactory.create_batch(2, employer=employer)
    jobs = JobFactory.create_batch(3)
    return jobs


def public_urls(job):
    return [
        "/",
        "/offres/",
        "/offres/rss.xml",
        "/offres/atom.xml",
        job.get_absolute_url(),
        f"/offres/{job.reference}/",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-offres.xml",
        "/accessibilite/",
        "/mentions-legales/",
        "/donnees-personnelles/",
        "/plan-du-site/",
        "/robots.txt",
        "/favicon.ico",
        "/healthz",
    ]


def check(response):
    SENT["requests"] += 1
    assert response.status_code < 500, response.status_code


def client():
    # raise_request_exception (the default) turns a crash into the failing test's traceback.
    return Client()


@FUZZ_SETTINGS
@given(data=st.data())
def test_public_urls_survive_any_query_string(content, data):
    url = data.draw(st.sampled_from(public_urls(content[0])))
    query = data.draw(raw_query_strings())
    check(client().get(url, QUERY_STRING=query))


path_segments = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=2000),
)


@FUZZ_SETTINGS
@given(data=st.data())
def test_malformed_paths_answer_a_page_or_a_client_error(content, data):
    job = content[0]
    segment = data.draw(path_segments)
    encoded = data.draw(st.booleans())
    piece = percent_encode(segment) if encoded else segment.replace("?", "").replace("#", "")
    templates = data.draw(
        st.lists(
            st.sampled_from(
                [
                    "/offres/{}/",
                    "/offres/{}",
                    f"/offres/{job.reference}/{{}}/",
                    "/offres/{}/{}/",
                    "/{}",
                    "/{}/",
                    "/media/{}",
                    "/sitemap-{}.xml",
                    "/offres/%00/",
                    "/offres/{}%",
                    "/offres/%C3/{}/",
                ]
            ),
            min_size=2,
            max_size=2,
        )
    )
    for template in templates:
        check(client().get(template.replace("{}", piece)))


HEADER_NAMES = [
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_USER_AGENT",
    "HTTP_COOKIE",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_NONE_MATCH",
    "HTTP_RANGE",
    "HTTP_REFERER",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_HOST",
]
COOKIES = [
    "sessionid=" + "a" * 32,
    "sessionid=\x00" + "a" * 40,
    'sessionid="\\000abcdefghijkl"',
    "sessionid=" + "é" * 40,
    "sessionid=" + "x" * 5000,
    "csrftoken=" + "\x00" * 32,
    "django_language=xx",
    "=; ;;=;",
    "sessionid='); DROP TABLE django_session; --",
]
# WSGI servers hand headers over as latin-1 strings: any text goes through its UTF-8 bytes.
header_values = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(COOKIES),
    st.sampled_from(["fr", "en-US,en;q=0.9", "*;q=abc", "zz-" * 300, "xx;q=1e309"]),
    st.sampled_from(["Sat, 29 Oct 1994 19:43:31 GMT", "bytes=0-1", "bytes=-5000000000000000"]),
    st.text(max_size=300),
).map(wsgi_string)


@FUZZ_SETTINGS
@given(data=st.data())
def test_public_urls_survive_any_headers(content, data):
    urls = data.draw(st.lists(st.sampled_from(public_urls(content[0])), min_size=2, max_size=2))
    headers = data.draw(st.dictionaries(st.sampled_from(HEADER_NAMES), header_values, max_size=6))
    for url in urls:
        check(client().get(url, **headers))


# What the fuzzing found, kept as plain examples.


def test_overlong_media_name_is_a_404_not_a_500(client):
    # The file system refuses names over 255 bytes (ENAMETOOLONG): Django's static.serve raised.
    assert client.get("/media/" + "9" * 5000).status_code == 404


def test_forged_session_cookie_holding_nul_is_ignored(content, client):
    # Unquoted, "\\000" is a NUL byte: PostgreSQL refused the session lookup with an error.
    job = content[0]
    client.cookies.load('sessionid="\\000abcdefghijkl"')
    assert client.get(job.get_absolute_url()).status_code == 200
    client.cookies.load({"sessionid": "a\x00" + "b" * 31})
    assert client.get(job.get_absolute_url()).status_code == 200


def test_report_the_number_of_requests_sent(capsys):
    """Runs last in this file: prints how many requests the fuzzing above generated."""
    with capsys.disabled():
        print(f"\nfuzzing: {SENT['requests']} requests sent to the public URLs")
