"""Known XSS payloads, stored in every editable text field of the offers and the agency profile,
and a checker that finds any executable form of them in a page (shared by the unit and browser
tests)."""

from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.db import models

from employer.models import Employer, KeyFigure, Mission, Perk, Photo, Testimonial
from jobs.models import Job

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</script><script>alert(1)</script>",
    '<a href="javascript:alert(1)">lien</a>',
    "[lien](javascript:alert(1))",
    "javascript:alert(1)",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    # Six levels of entities: each decoding (the sanitiser's, a feed reader's) peels one off.
    "&amp;amp;amp;amp;amp;lt;img src=x onerror=alert(document.domain)&amp;amp;amp;amp;amp;gt;",
    "&amp;lt;svg onload=alert(1)&amp;gt;",
    "<scr<script>ipt>alert(1)</script>",
    "{{ 7*7 }}{% debug %}",
    "\u2028\u2029</script><!--",
]
# What URL and e-mail fields accept (their validators refuse anything else, `javascript:` included).
URL_PAYLOADS = [
    'https://example.org/?q="><script>alert(1)</script>',
    "https://example.org/<img/src=x/onerror=alert(1)>",
]
EMAIL_PAYLOADS = ['"<script>alert(1)</script>"@example.org', "a+<svg/onload=alert(1)>@example.org"]
# Fields that are not free text typed by an editor (codes drawn by the site, URL parts).
NOT_FREE_TEXT = {(Job, "reference"), (Job, "slug")}
MODELS = [Job, Employer, Mission, KeyFigure, Photo, Testimonial, Perk]
EXECUTABLE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


def text_fields(model):
    """The fields an editor types text into: CharField/TextField (URL and e-mail included)."""
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and not isinstance(field, models.SlugField)
        and (model, field.name) not in NOT_FREE_TEXT
    ]


def accepted(field, candidates):
    """The first candidate the field's own validation accepts (as the admin form would)."""
    for candidate in candidates:
        value = candidate[: field.max_length] if field.max_length else candidate
        options = {"assume_scheme": "https"} if isinstance(field, models.URLField) else {}
        try:
            field.formfield(**options).clean(value)
            field.run_validators(value)
        except ValidationError:
            continue
        return value
    return None


def payload_values(model, payload):
    """{field name: value} putting `payload` (or what validation accepts) in every text field."""
    values = {}
    for field in text_fields(model):
        if isinstance(field, models.URLField):
            value = accepted(field, URL_PAYLOADS)
        elif isinstance(field, models.EmailField):
            value = accepted(field, EMAIL_PAYLOADS)
        else:
            value = payload[: field.max_length] if field.max_length else payload
        if value is not None:
            values[field.name] = value
    return values


class ExecutableMarkupFinder(HTMLParser):
    """Collects what a browser would run: script elements, event handler attributes, script URLs.

    Script elements are allowed only as external files (`src`) or JSON-LD data blocks.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in_data_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            if kind == "application/ld+json":
                self._in_data_script = True
            elif not attributes.get("src"):
                self.problems.append(f"inline <script> ({self.getpos()})")
        if tag in {"iframe", "object", "embed", "frame", "base"}:
            self.problems.append(f"<{tag}> element ({self.getpos()})")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> handler ({self.getpos()})")
            if name in URL_ATTRIBUTES and value:
                compact = "".join(value.split()).lower()
                if compact.startswith(EXECUTABLE_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}> ({self.getpos()})")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_data_script = False

    def handle_data(self, data):
        if self._in_data_script and "<" in data:
            self.problems.append("markup inside a JSON-LD block")


def executable_markup(html):
    finder = ExecutableMarkupFinder()
    finder.feed(html)
    finder.close()
    return finder.problems
