"""Word-based text search that ignores case, accents and apostrophes, on SQLite and PostgreSQL.

Each offer keeps a normalised copy of its searchable text (`Job.search_text`): lower case, no
accents, punctuation turned into spaces, padded with spaces. A query matches when every word it
holds starts a word of that text, so « Relation a l’usager », « ACTION SOCIALE » or « entretiens »
find their offer whatever the database.

Applicants do not type the words of the offer: they type « auditrice » for « Auditeur(trice) »,
« juristes » for « juriste », « RH » for « Ressources humaines ». The query is expanded in Python,
so that both databases run the same test and no index or extension is needed:

- each word also matches its masculine, feminine, singular and plural forms (`variants`);
- the public service's acronyms (`ACRONYMS`) match as whole words (« RH » must not find
  « Rhône ») or as the words they stand for, and those words typed in full find the acronym.

The test is `LIKE '% word%'` (a word's start) or `LIKE '% word %'` (a whole word). On PostgreSQL a
full-text condition comes first, served by a GIN index (migration 0004): the words of search_text
are the lexemes of the 'simple' configuration, « word:* » matches those starting with « word » and
« word » that lexeme alone, so the index finds the candidates and LIKE confirms them.
"""

import re
import unicodedata
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Lookup, Q, TextField, Value
from django.db.models.functions import Lower, Replace

# Words too common to narrow a search: dropping them lets « d'introduction » find « introduction ».
STOP_WORDS = frozenset("a au aux d de des du en et l la le les ou par pour sur un une".split())
MAX_TERMS = 8
_NOT_WORD = re.compile(r"[^0-9a-z]+")

# Acronyms applicants type, and what offers write instead. An entry in capitals is another
# acronym (matched as a whole word); the others are the words it stands for (each matched from
# its start, in any order, in any gender and number). Typing those words finds the acronym too.
ACRONYMS = {
    "RH": ["ressources humaines", "GRH", "DRH", "SIRH"],
    "GRH": ["gestion des ressources humaines"],
    # Agencies name their HR department a direction, a division or a service: applicants type DRH.
    "DRH": [
        "direction des ressources humaines",
        "directeur des ressources humaines",
        "division des ressources humaines",
        "service des ressources humaines",
    ],
    "SIRH": ["système d’information des ressources humaines"],
    "SI": ["systèmes d’information", "DSI", "SIC", "SSI", "SIRH"],
    "DSI": ["direction des systèmes d’information", "directeur des systèmes d’information"],
    "SIC": ["systèmes d’information et de communication"],
    "SSI": ["sécurité des systèmes d’information", "RSSI"],
    "RSSI": ["responsable de la sécurité des systèmes d’information"],
    "DNUM": ["direction du numérique"],
    "SG": ["secrétariat général", "secrétaire général", "SGA"],
    "SGA": ["secrétaire général adjoint"],
    "DG": ["direction générale", "directeur général", "DGA"],
    "DGA": ["directeur général adjoint"],
    "DAF": [
        "direction des affaires financières",
        "directeur des affaires financières",
        "direction administrative et financière",
    ],
    "RMFP": ["répertoire des métiers de la fonction publique"],
    "FPE": ["fonction publique de l’État"],
    "FPT": ["fonction publique territoriale"],
    "FPH": ["fonction publique hospitalière"],
    "CDD": ["contrat à durée déterminée"],
    "CDI": ["contrat à durée indéterminée"],
    "AAE": ["attaché d’administration de l’État"],
    "RGPD": ["règlement général sur la protection des données", "DPO"],
    "DPO": ["délégué à la protection des données"],
    "SST": ["santé et sécurité au travail"],
    "QVT": ["qualité de vie au travail", "QVCT"],
    "QVCT": ["qualité de vie et des conditions de travail"],
    "RPS": ["risques psychosociaux"],
    "MOA": ["maîtrise d’ouvrage"],
    "MOE": ["maîtrise d’œuvre"],
    "UE": ["Union européenne"],
    "OFPRA": ["Office français de protection des réfugiés et apatrides"],
    "CNDA": ["Cour nationale du droit d’asile"],
}

# Feminine endings and their masculine ones, tried in this order (« directrice » -> « directeur »).
_FEMININE = [
    ("trice", "teur"),
    ("euse", "eur"),
    ("eure", "eur"),
    ("ive", "if"),
    ("enne", "en"),
    ("elle", "el"),
    ("ette", "et"),
    ("ere", "er"),
    ("ee", "e"),
]
# Masculine endings whose feminine or plural does not start with them (« directeur » and
# « directrice », « administratif » and « administrative », « général » and « généraux »).
_MASCULINE = [("teur", "trice"), ("eur", "euse"), ("if", "iv"), ("al", "aux")]


def normalize(text):
    """« Relation à l’Usager » -> " relation a l usager " (padded, so words can be matched)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char))
    ascii_text = ascii_text.replace("œ", "oe").replace("æ", "ae")
    words = _NOT_WORD.sub(" ", ascii_text.lower()).split()
    return " " + " ".join(words) + " "


def sort_key(text):
    """French dictionary order, whatever the database's collation: « Défense » before
    « Direction », « état » beside « Etat » (accents and case decide only between equals)."""
    return (normalize(text), text.casefold(), text)


# Accented letters of French and their base letter, for `french_order`.
_ACCENTS = {
    "a": "àâä",
    "c": "ç",
    "e": "éèêë",
    "i": "îï",
    "o": "ôö",
    "u": "ùûü",
    "y": "ÿ",
}


_CAPITALS = [("É", "e"), ("À", "a"), ("Î", "i"), ("Ô", "o")]


def french_order(field):
    """An ORDER BY expression that sorts as `sort_key` does, on both databases.

    Their collations are binary here (SQLite, PostgreSQL's « C » locale): « Défense » came after
    « Direction ». Lower case without accents, written with LOWER and REPLACE, which both
    databases have, so that no collation or extension is needed.
    """
    expression = Lower(field)
    # SQLite's LOWER changes only ASCII letters: the capitals that begin French words are folded
    # too (each REPLACE nests one level deeper, and SQLite's parser refuses about thirty).
    for letter, base in [*((a, b) for b, accents in _ACCENTS.items() for a in accents), *_CAPITALS]:
        expression = Replace(expression, Value(letter), Value(base))
    return expression


def terms(query):
    """The words of a query that take part in the search, without duplicates, at most MAX_TERMS."""
    seen = []
    for word in normalize(query[:200]).split():
        if word not in STOP_WORDS and word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def singular_masculine(word):
    """The form a dictionary lists (« auditrices » -> « auditeur », « générales » -> « general »),
    for words of letters long enough to have one; others are returned as they are."""
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("aux"):
        word = word[:-3] + "al"
    elif word.endswith(("s", "x")) and not word.endswith(("ss", "us", "ps")):
        word = word[:-1]
    for feminine, masculine in _FEMININE:
        if word.endswith(feminine) and len(word) - len(feminine) >= 3:
            return word[: -len(feminine)] + masculine
    if word.endswith("e") and len(word) >= 5:
        return word[:-1]
    return word


def variants(word):
    """The starts of word that find a word in any gender and number, the fewest that do.

    « auditrice » -> ["auditeur", "auditrice"]; « juristes » -> ["jurist"]. Each is matched as a
    word's start, so the masculine singular also finds « auditeurs », « humain » finds
    « humaines ».
    """
    base = singular_masculine(word)
    starts = {word, base}
    if word.isalpha() and len(word) >= 4:
        for masculine, other in _MASCULINE:
            if base.endswith(masculine):
                starts.add(base[: -len(masculine)] + other)
                break
    # A start that another one begins with adds nothing.
    return sorted(s for s in starts if not any(o != s and s.startswith(o) for o in starts))


# --- Query expansion ------------------------------------------------------------------------------
# A query is a list of groups, all required. A group is a list of alternatives, any of which
# will do. An alternative is a list of words, all required; a word is a list of (text, whole)
# options, any of which will do: `whole` for an acronym (a whole word), else a word's start.


def _phrase_words(phrase):
    return [word for word in normalize(phrase).split() if word not in STOP_WORDS]


def _word(word):
    return [(start, False) for start in variants(word)]


def _acronym_group(acronym):
    alternatives = [[[(acronym.lower(), True)]]]
    for meaning in ACRONYMS[acronym]:
        if meaning.isupper():
            alternatives.append([[(meaning.lower(), True)]])
        else:
            alternatives.append([_word(word) for word in _phrase_words(meaning)])
    return alternatives


_ACRONYMS = {acronym.lower(): acronym for acronym in ACRONYMS}
# Spelled-out meanings (as the dictionary forms of their words) -> their acronym, longest first.
_MEANINGS = sorted(
    (
        (tuple(singular_masculine(word) for word in _phrase_words(meaning)), acronym)
        for acronym, meanings in ACRONYMS.items()
        for meaning in meanings
        if not meaning.isupper()
    ),
    key=lambda item: -len(item[0]),
)


def groups(query):
    """The query's groups: one per word, or per acronym's meaning typed in full."""
    words = terms(query)
    forms = [singular_masculine(word) for word in words]
    result = []
    index = 0
    while index < len(words):
        for meaning, acronym in _MEANINGS:
            if tuple(forms[index : index + len(meaning)]) == meaning:
                result.append(_acronym_group(acronym))
                index += len(meaning)
                break
        else:
            word = words[index]
            if word in _ACRONYMS:
                result.append(_acronym_group(_ACRONYMS[word]))
            else:
                result.append([[_word(word)]])
            index += 1
    return result


def _like(text, whole):
    return Q(search_text__contains=f" {text} " if whole else f" {text}")


def _condition(group):
    return reduce(
        or_,
        (
            reduce(and_, (reduce(or_, (_like(*option) for option in word)) for word in words))
            for words in group
        ),
    )


def _tsquery(group):
    # Terms hold only [0-9a-z]: nothing in them is tsquery syntax.
    def word(options):
        return "(" + " | ".join(text if whole else f"{text}:*" for text, whole in options) + ")"

    def alternative(words):
        return "(" + " & ".join(word(options) for options in words) + ")"

    return "(" + " | ".join(alternative(words) for words in group) + ")"


def filter_by_text(queryset, query):
    query_groups = groups(query)
    if not query_groups:
        return queryset
    if connection.vendor == "postgresql":
        queryset = queryset.filter(
            search_text__word_prefixes=" & ".join(_tsquery(group) for group in query_groups)
        )
    for group in query_groups:
        # On PostgreSQL too: the same test, cheap per row, which PostgreSQL runs before building
        # a row's tsvector when it walks offers by date rather than reading the index.
        queryset = queryset.filter(_condition(group))
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
