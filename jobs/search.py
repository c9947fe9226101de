"""Word-based text search that ignores case, accents and apostrophes, on SQLite and PostgreSQL.

Each offer keeps a normalised copy of its searchable text (`Job.search_text`): lower case, no
accents, punctuation turned into spaces, padded with spaces. A query matches when every word it
holds starts a word of that text, so « Relation a l’usager », « ACTION SOCIALE » or « entretiens »
find their offer whatever the database.

The test is `LIKE '% word%'` for each word. On PostgreSQL a full-text condition comes first, served
by a GIN index (migration 0004): the words of search_text are the lexemes of the 'simple'
configuration, and « word:* » matches those starting with « word », so the index finds the
candidates and LIKE confirms them.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import Lookup, TextField

# Words too common to narrow a search: dropping them lets « d'introduction » find « introduction ».
STOP_WORDS = frozenset("a au aux d de des du en et l la le les ou par pour sur un une".split())
MAX_TERMS = 8
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalize(text):
    """« Relation à l’Usager » -> " relation a l usager " (padded, so words can be matched)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char))
    ascii_text = ascii_text.replace("œ", "oe").replace("æ", "ae")
    words = _NOT_WORD.sub(" ", ascii_text.lower()).split()
    return " " + " ".join(words) + " "


def terms(query):
    """The words of a query that take part in the search, without duplicates, at most MAX_TERMS."""
    seen = []
    for word in normalize(query[:200]).split():
        if word not in STOP_WORDS and word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def filter_by_text(queryset, query):
    words = terms(query)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # Terms hold only [0-9a-z]: nothing in them is tsquery syntax.
        query = " & ".join(f"{word}:*" for word in words)
        queryset = queryset.filter(search_text__word_prefixes=query)
    for word in words:
        # On PostgreSQL too: the same test, cheap per row, which PostgreSQL runs before building
        # a row's tsvector when it walks offers by date rather than reading the index.
        queryset = queryset.filter(search_text__contains=" " + word)
    return queryset


@TextField.register_lookup
class WordPrefixes(Lookup):
    """`search_text__word_prefixes="asile:* & juriste:*"`, written as the expression the full-text
    index of migration 0004 is built on, so that PostgreSQL uses it."""

    lookup_name = "word_prefixes"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return (
            f"to_tsvector('simple', {lhs}) @@ to_tsquery('simple', {rhs})",
            [*lhs_params, *rhs_params],
        )
