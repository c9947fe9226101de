"""« Puis-je postuler ? »: whether an applicant may apply to an offer, from the offer's own facts.

The applicant gives their situation (fonctionnaire of a versant and a catégorie, contractuel de
droit public, or neither) and their nationality; `answer()` reads the offer's nature de l'emploi,
versant, catégorie, fondement juridique, title, corps and métier, and walks RULES, one table, top
to bottom: the first row that matches gives the answer and says why. The answer never says yes
where the rules may say no: whatever the facts cannot settle is « À vérifier avec le service RH ».

What the rows rely on (code général de la fonction publique, CGFP, in force since 1 March 2022):

- L321-1: nobody may be a fonctionnaire without French nationality, « sous réserve » of L321-2;
- L321-2: nationals of the European Union, of the European Economic Area (and of Andorra and of the
  States a convention covers, such as Switzerland and Monaco) have access to the corps and cadres
  d'emplois, except to posts whose duties cannot be separated from sovereignty or involve taking
  part, directly or indirectly, in prérogatives de puissance publique. Other nationals cannot be
  fonctionnaires (save exceptions we do not model: researchers, teacher-researchers), but may be
  recruited by contract;
- décret n° 86-83, art. 3-1 (State contractuels; the territoriale and hospitalière decrees hold the
  same rule): contractuels of foreign nationality, EU nationals included, are not recruited to
  those sovereignty posts either. No field of an offer says whether a post is one: words of its
  title, corps or métier, and its domaine, that suggest it (SOVEREIGNTY_WORDS, SOVEREIGNTY_DOMAINS)
  turn a yes for a non-French applicant into « À vérifier »;
- L332-1 and following (Livre III, Titre III, Chapitre II: the cases where a permanent post may be
  filled by contract; L332-2 for the State): an offer opened to contractuels whose fondement
  juridique quotes one of these articles takes contractuels. Without such an article we cannot say;
- L513-7: every corps and cadre d'emplois is open to fonctionnaires by détachement (then, where
  relevant, intégration); L513-8: into a corps or cadre d'emplois of the same catégorie and of a
  comparable level (a different level only in cases the particular statutes set: « À vérifier »);
  mutation is a move within one's own corps or cadre d'emplois, so within one versant.

A yes states its conditions: mutation only from the post's own corps, détachement into a corps of
comparable level, a residence permit that allows work for a non-European contractuel.
"""

import dataclasses
import re
import unicodedata

from django import forms

from jobs.choices import Category, Nature, Versant

# --- The applicant's answers (GET parameters: short and French) ---------------------------------


def french_spaces(text):
    """A no-break space before « : », « ; », « ? » and « ! », so that none starts a line."""
    return re.sub(r" ([:;?!])", "\u00a0\\1", text)


FONCTIONNAIRE = "fonctionnaire"
CONTRACTUEL = "contractuel"
AUTRE = "autre"
SITUATIONS = [
    (FONCTIONNAIRE, "Fonctionnaire (titulaire)"),
    (CONTRACTUEL, "Contractuel de droit public"),
    (
        AUTRE,
        french_spaces("Autre situation : salarié du secteur privé, demandeur d’emploi, étudiant…"),
    ),
]

VERSANTS = [
    ("etat", "Fonction publique de l’État"),
    ("territoriale", "Fonction publique territoriale"),
    ("hospitaliere", "Fonction publique hospitalière"),
]
VERSANT_CODES = {"etat": Versant.FPE, "territoriale": Versant.FPT, "hospitaliere": Versant.FPH}

CATEGORIES = [("A", "Catégorie A"), ("B", "Catégorie B"), ("C", "Catégorie C")]
# The statutory catégories, lowest first. A+ and « hors catégorie » are no statutory catégorie of
# their own: an offer in them cannot be compared with the applicant's (row « categorie_inconnue »).
CATEGORY_RANK = {Category.C: 0, Category.B: 1, Category.A: 2}

FRANCAISE = "francaise"
EUROPEENNE = "ue"
ETRANGERE = "autre"
NATIONALITES = [
    (FRANCAISE, "Française"),
    (
        EUROPEENNE,
        "D’un autre État de l’Union européenne, de l’Espace économique européen, ou suisse",
    ),
    (ETRANGERE, "Autre nationalité"),
]

PARAMETERS = ["situation", "versant", "categorie", "nationalite"]
ANCHOR = "puis-je-postuler"


class EligibilityForm(forms.Form):
    """The four questions. versant and catégorie only count, and are only required, for a
    fonctionnaire; without JavaScript every field shows, so the others are simply ignored."""

    situation = forms.ChoiceField(
        label="Votre situation",
        choices=SITUATIONS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Indiquez votre situation.",
            "invalid_choice": "Choisissez votre situation parmi celles proposées.",
        },
    )
    versant = forms.ChoiceField(
        label="Votre fonction publique",
        choices=[("", "Choisir (fonctionnaires)"), *VERSANTS],
        required=False,
        error_messages={
            "invalid_choice": "Choisissez votre fonction publique parmi celles proposées.",
        },
    )
    categorie = forms.ChoiceField(
        label="Votre catégorie",
        choices=[("", "Choisir (fonctionnaires)"), *CATEGORIES],
        required=False,
        error_messages={"invalid_choice": french_spaces("Choisissez votre catégorie : A, B ou C.")},
    )
    nationalite = forms.ChoiceField(
        label="Votre nationalité",
        choices=NATIONALITES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Indiquez votre nationalité.",
            "invalid_choice": "Choisissez votre nationalité parmi celles proposées.",
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("situation") == FONCTIONNAIRE:
            if not data.get("versant") and "versant" not in self.errors:
                self.add_error(
                    "versant",
                    french_spaces(
                        "Fonctionnaire : indiquez votre fonction publique (État, territoriale "
                        "ou hospitalière)."
                    ),
                )
            if not data.get("categorie") and "categorie" not in self.errors:
                self.add_error(
                    "categorie",
                    french_spaces("Fonctionnaire : indiquez votre catégorie (A, B ou C)."),
                )
        return data

    def applicant(self):
        data = self.cleaned_data
        if data["situation"] != FONCTIONNAIRE:
            return Applicant(data["situation"], data["nationalite"])
        return Applicant(
            data["situation"],
            data["nationalite"],
            versant=VERSANT_CODES[data["versant"]],
            category=data["categorie"],
        )


def form_from_query(query):
    """The form, bound only when the query string carries one of its parameters (a visitor who
    has not asked sees no error)."""
    if any(name in query for name in PARAMETERS):
        return EligibilityForm(query)
    return EligibilityForm()


# --- The facts ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Applicant:
    situation: str
    nationality: str
    versant: str = ""  # A Versant code, for a fonctionnaire.
    category: str = ""  # "A", "B" or "C", for a fonctionnaire.


# Words of an offer's title, corps or métier (accents and case aside) that suggest duties of
# sovereignty or prérogatives de puissance publique (L321-2): the OFPRA's officiers de protection
# decide on asylum claims. A hint, never a proof either way: a match only ever turns a yes into
# « À vérifier », and every yes to a non-French applicant says the reservation exists.
SOVEREIGNTY_WORDS = [
    r"offici\w*(?:\s*\(\s*e\s*\))?\s+de\s+protection",
    r"asile",
    r"police",
    r"gendarm\w*",
    r"douan\w*",
    r"magistrat\w*",
    r"diplomat\w*",
    r"renseignement",
    r"penitentiaire",
]
SOVEREIGNTY_PATTERN = re.compile(r"\b(?:" + "|".join(SOVEREIGNTY_WORDS) + r")\b")
# Domaines fonctionnels of the RMFP whose posts are regalian (Défense, Justice, Renseignement,
# Sécurité).
SOVEREIGNTY_DOMAINS = {"DEF", "JUS", "REN", "SEC"}

# « Article L. 332-2 », « art. L332-2 », « L 332-13 » of the CGFP: the cases of recruitment by
# contract (Livre III, Titre III, Chapitre II).
CONTRACT_ARTICLE = re.compile(r"\bl\s*\.?\s*(332)\s*-\s*(\d{1,2})\b")
CGFP = re.compile(r"code general de la fonction publique|\bcgfp\b")


def plain(text):
    """Lower case, without accents, typographic apostrophes as plain ones."""
    text = unicodedata.normalize("NFKD", text or "").replace("’", "'")
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


@dataclasses.dataclass(frozen=True)
class OfferFacts:
    """What the rules read of an offer."""

    nature: str
    versant: str
    category: str
    legal_basis: str = ""
    sovereignty_hint: str = ""  # The words or domaine that suggest sovereignty, as found.

    @classmethod
    def of(cls, job):
        return cls(
            nature=job.nature,
            versant=job.versant,
            category=job.category,
            legal_basis=job.legal_basis,
            sovereignty_hint=sovereignty_hint(job),
        )

    @property
    def takes_titulaires(self):
        return self.nature in (Nature.TITULAIRES, Nature.TITULAIRE_CONTRACTUEL)

    @property
    def takes_contractuels(self):
        return self.nature in (Nature.CONTRACTUELS, Nature.TITULAIRE_CONTRACTUEL)

    @property
    def contract_article(self):
        """« L332-2 » when the fondement juridique quotes a CGFP article on recruitment by
        contract, otherwise ""."""
        text = plain(self.legal_basis)
        match = CONTRACT_ARTICLE.search(text)
        if match is None or not CGFP.search(text):
            return ""
        return f"L{match[1]}-{match[2]}"

    @property
    def category_rank(self):
        return CATEGORY_RANK.get(self.category)


def sovereignty_hint(job):
    text = plain(" ".join([job.title, job.corps_grade, job.reference_job]))
    if match := SOVEREIGNTY_PATTERN.search(text):
        return f"« {match[0]} »"
    code = job.domain.code if job.domain_id else ""
    if code in SOVEREIGNTY_DOMAINS:
        return f"le domaine « {job.domain.name} »"
    return ""


# --- The table ----------------------------------------------------------------------------------

OUI_MUTATION = "oui-mutation"
OUI_DETACHEMENT = "oui-detachement"
OUI_CONTRAT = "oui-contrat"
NON_TITULAIRES = "non-titulaires"
A_VERIFIER = "a-verifier"

VERDICTS = {
    OUI_MUTATION: "Oui, par voie de mutation ou de détachement",
    OUI_DETACHEMENT: "Oui, par voie de détachement",
    OUI_CONTRAT: "Oui, en tant que contractuel",
    NON_TITULAIRES: "Non : cette offre est réservée aux fonctionnaires",
    A_VERIFIER: "À vérifier avec le service RH",
}


YES = {OUI_MUTATION, OUI_DETACHEMENT, OUI_CONTRAT}


def _applicant_below(facts, applicant):
    rank = CATEGORY_RANK.get(applicant.category)
    return None not in (rank, facts.category_rank) and rank < facts.category_rank


def _applicant_above(facts, applicant):
    rank = CATEGORY_RANK.get(applicant.category)
    return None not in (rank, facts.category_rank) and rank > facts.category_rank


# What a row may ask of the offer (and of the applicant's versant and catégorie): name -> test.
CONDITIONS = {
    "toujours": lambda facts, applicant: True,
    "titulaires_seulement": lambda facts, applicant: not facts.takes_contractuels,
    "contractuels_seulement": lambda facts, applicant: not facts.takes_titulaires,
    "souverainete_possible": lambda facts, applicant: bool(facts.sovereignty_hint),
    "contrat_sans_article": lambda facts, applicant: not facts.contract_article,
    "contrat_avec_article": lambda facts, applicant: bool(facts.contract_article),
    "categorie_inconnue": lambda facts, applicant: facts.category_rank is None,
    "categorie_inferieure": _applicant_below,  # The applicant's catégorie is below the post's.
    "categorie_superieure": _applicant_above,
    "meme_versant": lambda facts, applicant: applicant.versant == facts.versant,
    "autre_versant": lambda facts, applicant: applicant.versant != facts.versant,
}

NON_FONCTIONNAIRES = (CONTRACTUEL, AUTRE)
ANY_NATIONALITY = (FRANCAISE, EUROPEENNE, ETRANGERE)


@dataclasses.dataclass(frozen=True)
class Rule:
    id: str
    situations: tuple  # Empty: any (the guard).
    nationalities: tuple
    condition: str  # A key of CONDITIONS, read once the situation and nationality match.
    verdict: str
    because: str  # Why, in French; {article}, {categorie}, {versant}, {indice} are filled in.

    def matches(self, facts, applicant):
        return (
            (not self.situations or applicant.situation in self.situations)
            and (not self.nationalities or applicant.nationality in self.nationalities)
            and CONDITIONS[self.condition](facts, applicant)
        )


SOVEREIGNTY_NOTE = (
    "Les emplois dont les fonctions relèvent de la souveraineté ou de prérogatives de puissance "
    "publique sont réservés aux personnes de nationalité française ; rien dans l’offre ne "
    "l’indique pour ce poste, le service RH vous le confirmera."
)

# First match wins. Every yes to an applicant who is not French ends with SOVEREIGNTY_NOTE (added
# by answer()): the reservation of sovereignty posts holds whatever the row. The rows of one situation are exhaustive (tests/jobs/test_eligibility.py walks
# every combination), and « repli » is only a guard against a situation the form does not offer.
RULES = [
    # Applicants who are not fonctionnaires: only a contract.
    Rule(
        "reservee-titulaires",
        NON_FONCTIONNAIRES,
        ANY_NATIONALITY,
        "titulaires_seulement",
        NON_TITULAIRES,
        "L’offre n’est pas ouverte aux contractuels : on y accède en étant fonctionnaire, en "
        "général après un concours, puis par mutation ou détachement.",
    ),
    Rule(
        "contrat-souverainete",
        NON_FONCTIONNAIRES,
        (EUROPEENNE, ETRANGERE),
        "souverainete_possible",
        A_VERIFIER,
        "Les fonctions de ce poste ({indice}) peuvent relever de la souveraineté ou de "
        "prérogatives de puissance publique : elles sont alors réservées aux personnes de "
        "nationalité française, contractuels compris.",
    ),
    Rule(
        "contrat-sans-fondement",
        NON_FONCTIONNAIRES,
        ANY_NATIONALITY,
        "contrat_sans_article",
        A_VERIFIER,
        "L’offre est ouverte aux contractuels, mais son fondement juridique ne cite pas l’article "
        "du code général de la fonction publique qui permet ce recrutement par contrat.",
    ),
    Rule(
        "contrat-hors-europe",
        NON_FONCTIONNAIRES,
        (ETRANGERE,),
        "contrat_avec_article",
        OUI_CONTRAT,
        "Un contrat est possible quelle que soit votre nationalité, avec un titre de séjour qui "
        "vous autorise à travailler en France.",
    ),
    Rule(
        "contrat-europe",
        NON_FONCTIONNAIRES,
        (EUROPEENNE,),
        "contrat_avec_article",
        OUI_CONTRAT,
        "L’offre recrute des contractuels sur le fondement de l’article {article} du code "
        "général de la fonction publique.",
    ),
    Rule(
        "contrat",
        NON_FONCTIONNAIRES,
        (FRANCAISE,),
        "contrat_avec_article",
        OUI_CONTRAT,
        "L’offre recrute des contractuels sur le fondement de l’article {article} du code "
        "général de la fonction publique.",
    ),
    # Fonctionnaires: mutation or détachement, within the catégorie.
    Rule(
        "fonctionnaire-hors-europe",
        (FONCTIONNAIRE,),
        (ETRANGERE,),
        "toujours",
        A_VERIFIER,
        "Hors quelques corps (chercheurs, enseignants-chercheurs), être fonctionnaire suppose la "
        "nationalité française ou celle d’un État européen (articles L321-1 et L321-2 du code "
        "général de la fonction publique) : votre situation est à examiner avec le service RH.",
    ),
    Rule(
        "fonctionnaire-offre-contractuels",
        (FONCTIONNAIRE,),
        (FRANCAISE, EUROPEENNE),
        "contractuels_seulement",
        A_VERIFIER,
        "L’offre n’est ouverte qu’aux contractuels : un fonctionnaire ne l’occupe ni par mutation "
        "ni par détachement dans un corps. Le service RH vous dira si votre situation le permet.",
    ),
    Rule(
        "fonctionnaire-souverainete",
        (FONCTIONNAIRE,),
        (EUROPEENNE,),
        "souverainete_possible",
        A_VERIFIER,
        "Les fonctions de ce poste ({indice}) peuvent relever de la souveraineté ou de "
        "prérogatives de puissance publique, fermées aux fonctionnaires qui n’ont pas la "
        "nationalité française (article L321-2 du code général de la fonction publique).",
    ),
    Rule(
        "fonctionnaire-categorie-inconnue",
        (FONCTIONNAIRE,),
        (FRANCAISE, EUROPEENNE),
        "categorie_inconnue",
        A_VERIFIER,
        "Le détachement se fait dans un corps de même catégorie et de niveau comparable (article "
        "L513-8 du code général de la fonction publique) : la catégorie de l’offre ne permet pas "
        "de le comparer à la vôtre.",
    ),
    Rule(
        "fonctionnaire-categorie-inferieure",
        (FONCTIONNAIRE,),
        (FRANCAISE, EUROPEENNE),
        "categorie_inferieure",
        A_VERIFIER,
        "Le poste est de catégorie {categorie}, au-dessus de la vôtre : on ne change pas de "
        "catégorie par mutation, ni en principe par détachement (article L513-8 du code général "
        "de la fonction publique). L’accès passe d’ordinaire par un concours ou la promotion "
        "interne.",
    ),
    Rule(
        "fonctionnaire-categorie-superieure",
        (FONCTIONNAIRE,),
        (FRANCAISE, EUROPEENNE),
        "categorie_superieure",
        A_VERIFIER,
        "Le poste est de catégorie {categorie}, en dessous de la vôtre : le détachement se fait "
        "dans un corps de même catégorie et de niveau comparable (article L513-8 du code général "
        "de la fonction publique), sauf cas prévus par les statuts.",
    ),
    Rule(
        "fonctionnaire-meme-versant",
        (FONCTIONNAIRE,),
        (FRANCAISE, EUROPEENNE),
        "meme_versant",
        OUI_MUTATION,
        "Vous êtes fonctionnaire de catégorie {categorie} de la {versant}, comme le poste : par "
        "mutation si vous appartenez à son corps, sinon par détachement dans un corps de même "
        "catégorie et de niveau comparable (articles L513-7 et L513-8 du code général de la "
        "fonction publique).",
    ),
    Rule(
        "fonctionnaire-autre-versant",
        (FONCTIONNAIRE,),
        (FRANCAISE, EUROPEENNE),
        "autre_versant",
        OUI_DETACHEMENT,
        "Le poste relève de la {versant} et de la catégorie {categorie} : vous pouvez y être "
        "détaché depuis une autre fonction publique, dans un corps de même catégorie et de niveau "
        "comparable (articles L513-7 et L513-8 du code général de la fonction publique).",
    ),
    Rule(
        "repli",
        (),
        (),
        "toujours",
        A_VERIFIER,
        "Les informations de l’offre ne permettent pas de répondre pour votre situation.",
    ),
]


# --- The answer ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Answer:
    rule: Rule
    verdict: str  # One of VERDICTS' keys.
    title: str  # « Oui, en tant que contractuel (article L332-2 du code général de la fonction
    # publique) »
    because: str
    facts: list  # The offer's facts the answer relied on, as the page quotes them.

    @property
    def is_yes(self):
        return self.verdict in YES

    @property
    def is_no(self):
        return self.verdict == NON_TITULAIRES

    @property
    def summary(self):
        """The facts in one sentence: « Cette offre est ouverte aux titulaires et aux
        contractuels ; catégorie A ; fondement : article L332-2 »."""
        return french_spaces(" ; ".join(self.facts))


NATURE_PHRASES = {
    Nature.TITULAIRE_CONTRACTUEL: "Cette offre est ouverte aux titulaires et aux contractuels",
    Nature.TITULAIRES: "Cette offre est ouverte aux seuls titulaires",
    Nature.CONTRACTUELS: "Cette offre est ouverte aux seuls contractuels",
}


def decide(facts, applicant):
    """The first row of RULES that matches."""
    return next(rule for rule in RULES if rule.matches(facts, applicant))


def answer(job, applicant, facts=None):
    facts = facts or OfferFacts.of(job)
    rule = decide(facts, applicant)
    article = facts.contract_article
    category_label = Category(facts.category).label if facts.category else "non précisée"
    versant_label = Versant(facts.versant).label if facts.versant else ""
    title = VERDICTS[rule.verdict]
    if rule.verdict == OUI_CONTRAT:
        title += f" (article {article} du code général de la fonction publique)"
    because = rule.because.format(
        article=article,
        categorie=category_label,
        versant=versant_label[:1].lower() + versant_label[1:],
        indice=facts.sovereignty_hint,
    )
    if rule.verdict in YES and applicant.nationality != FRANCAISE:
        because = f"{because} {SOVEREIGNTY_NOTE}"
    quoted = [NATURE_PHRASES.get(facts.nature, "Nature de l’emploi non précisée")]
    if versant_label:
        quoted.append(versant_label[:1].lower() + versant_label[1:])
    quoted.append(f"catégorie {category_label}")
    if facts.takes_contractuels:
        if article:
            quoted.append(f"fondement : article {article}")
        else:
            quoted.append("fondement juridique du recrutement par contrat non précisé")
    if facts.sovereignty_hint and applicant.nationality != FRANCAISE:
        quoted.append(f"fonctions peut-être de souveraineté : {facts.sovereignty_hint}")
    return Answer(
        rule,
        rule.verdict,
        french_spaces(title),
        french_spaces(because),
        [french_spaces(fact) for fact in quoted],
    )


# --- The page cache -----------------------------------------------------------------------------


def canonical_query(form):
    """The query string the form itself sends for these answers, in its order (a fonctionnaire's
    versant and catégorie, empty for the others)."""
    data = form.cleaned_data
    fonctionnaire = data["situation"] == FONCTIONNAIRE
    return "&".join(
        [
            f"situation={data['situation']}",
            f"versant={data['versant'] if fonctionnaire else ''}",
            f"categorie={data['categorie'] if fonctionnaire else ''}",
            f"nationalite={data['nationalite']}",
        ]
    )


def cacheable(request):
    """Whether an offer page's address is one the page cache may keep: no query string, or the
    exact one the form sends for a valid set of answers (33 per offer).

    The page cache keys pages by their full address: answers for different situations never mix,
    but every made-up query string (?situation=x1, x2...) would be one more entry. The offer view
    can mark other addresses uncacheable (e.g. `Cache-Control: private`) on this test.
    """
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return True
    form = form_from_query(request.GET)
    return form.is_bound and form.is_valid() and query == canonical_query(form)
