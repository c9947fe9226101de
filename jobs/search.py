"""Word-based text search that ignores case, accents and apostrophes, on SQLite and PostgreSQL.

Each offer keeps a normalised copy of its searchable text (`Job.search_text`): lower case, no
accents, punctuation turned into spaces, padded with spaces. A query matches when every word it
holds starts a word of that text, so « Relation a l’usager », « ACTION SOCIALE » or « entretiens »
find their offer whatever the database.
"""

import re
import unicodedata

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
    for term in terms(query):
        queryset = queryset.filter(search_text__contains=" " + term)
    return queryset
