"""The secrets of the links in e-mails.

A token is 32 random bytes (`secrets`); the database keeps only its SHA-256, so a copy of the
database does not let anyone confirm, manage or delete somebody else's alert. SHA-256 without salt
is enough here: the token is random and long, nothing to guess from a dictionary.
"""

import hashlib
import re
import secrets

# What secrets.token_urlsafe(32) gives: 43 characters of the URL-safe alphabet.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def digest(raw):
    return hashlib.sha256(raw.encode("ascii")).hexdigest()


def new_token():
    """(the token for the link, what the database keeps)."""
    raw = secrets.token_urlsafe(32)
    return raw, digest(raw)


def well_formed(raw):
    """Whether `raw` can be a token at all; anything else is not even looked up."""
    return isinstance(raw, str) and bool(TOKEN_PATTERN.match(raw))
