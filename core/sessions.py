"""Database sessions that ignore a session cookie Django could not have written.

Django's keys are 32 lowercase letters and digits; its own check only wants 8 characters or more,
so a forged cookie such as `sessionid="\\000abcdefgh"` (a NUL byte, once unquoted) reached the
database, and PostgreSQL answers a text holding NUL with an error: a 500 on every page that reads
the session. A key that Django could not have made is now treated like no key at all.
"""

import re

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

# At most 40: the length of the session_key column.
VALID_KEY = re.compile(r"[0-9a-z]{8,40}")


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return bool(key) and VALID_KEY.fullmatch(key) is not None
