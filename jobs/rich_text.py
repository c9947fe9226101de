"""Long texts that HR staff type without knowing markup, shown safely to visitors.

Editors write plain text: a blank line starts a paragraph, a line starting with « - » or « • »
is a bullet, **double stars** make bold, and web addresses become links. What they type is
sanitised against an allow-list when saved (`sanitize`), and rendered to HTML that goes through the
same allow-list again (`render`), stored beside the text (`HTMLField`): a `<script>` or an
`onerror=` never reaches a visitor.
"""

import html
import re
import threading

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.safestring import mark_safe

HELP_TEXT = (
    "Texte simple : une ligne vide sépare les paragraphes, une ligne commençant par « - » devient "
    "une puce, **deux étoiles** mettent en gras, les adresses web deviennent des liens."
)
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_BULLET = re.compile(r"^\s*[•·▪◦‣–—*-]\s+")
_URL = re.compile(r"(?<![\(\[<\"'=])\b(https?://[^\s<>\"')\]]+)")


# Each round of `sanitize` decodes one level of entities (« &amp;lt; » -> « &lt; » -> « < »): a text
# still changing after this many rounds was built to hide markup, and is refused.
MAX_ROUNDS = 12
UNSAFE_MESSAGE = (
    "Ce texte contient du code HTML encodé plusieurs fois (« &amp;lt; »…) qui ne peut pas être "
    "nettoyé sans risque. Retirez les balises et les codes « &…; », puis enregistrez à nouveau."
)


class UnsafeText(ValueError):
    """Typed text whose cleaning never settles (markup hidden under many levels of entities)."""


def sanitize(text):
    """Remove disallowed markup from typed text, leaving ordinary characters as they were typed.

    nh3 escapes « & » and « < »; unescaping afterwards keeps « R&D » and « a < b » intact for the
    editor, while tags and attributes outside the allow-list are gone. Unescaping can turn a typed
    « &lt;script&gt; » into a tag, so the text is cleaned again until it no longer changes: what is
    stored is a fixed point, which no later decoding (a feed reader's included) turns into markup.
    Raises UnsafeText when no fixed point comes within MAX_ROUNDS (`validate` says it in French).
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n")
    for _attempt in range(MAX_ROUNDS):
        cleaned = nh3.clean(
            text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES
        )
        cleaned = html.unescape(cleaned).replace("\r\n", "\n")
        if cleaned == text:
            return cleaned
        text = cleaned
    raise UnsafeText(text[:80])


def validate(text):
    """The form-side check of `sanitize`: a French error instead of text that cannot be stored."""
    try:
        sanitize(text)
    except UnsafeText:
        raise ValidationError(UNSAFE_MESSAGE, code="unsafe_markup") from None


def _to_markdown(text):
    lines = []
    previous_was_bullet = False
    for line in text.replace("\r\n", "\n").split("\n"):
        is_bullet = bool(_BULLET.match(line))
        if is_bullet:
            if not previous_was_bullet and lines and lines[-1].strip():
                lines.append("")  # Markdown needs a blank line before a list.
            line = _BULLET.sub("- ", line)
        elif previous_was_bullet and line.strip():
            lines.append("")
        lines.append(line)
        previous_was_bullet = is_bullet
    return _URL.sub(r"<\1>", "\n".join(lines))


# Python-Markdown spends half of each call setting up its parsers: one instance per thread, reset
# between texts, renders twice as fast (offers are rendered in bulk by generate_offers).
_markdown = threading.local()


def render(text):
    """Editor text -> safe HTML (paragraphs, lists, bold, links), through the allow-list.

    About a millisecond a text: done once when an offer is saved (`Job.prepare`), and stored.
    """
    if not text:
        return ""
    converter = getattr(_markdown, "converter", None)
    if converter is None:
        converter = _markdown.converter = markdown.Markdown(extensions=["nl2br", "sane_lists"])
    return clean_html(converter.reset().convert(_to_markdown(text)))


def clean_html(html_text):
    """HTML through the allow-list, marked safe: only its tags, attributes and URL schemes remain."""
    cleaned = nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 output is sanitised HTML.


class HTMLField(models.TextField):
    """HTML that `render` made, stored beside the text it was made from (`Job.prepare`).

    Read back from the database, it goes through the allow-list again (some 20 µs a text, against
    a millisecond to render it) and comes out marked safe: whatever wrote the column (a raw load,
    a restored backup, SQL typed by hand), no tag or attribute outside the allow-list reaches a
    page or a feed, and templates need no `|safe`.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return clean_html(value) if value else ""
