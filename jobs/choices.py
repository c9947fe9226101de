"""The national codes of a public-service job offer (shared with the national portal).

Stored values are the portal's codes, so that an export loses nothing; labels are what visitors read.
"""

from django.db import models


class State(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    PUBLISHED = "publiee", "Publiée"
    CLOSED = "cloturee", "Clôturée"
    ARCHIVED = "archivee", "Archivée"


class Versant(models.TextChoices):
    FPE = "FPE", "Fonction publique de l’État"
    FPT = "FPT", "Fonction publique territoriale"
    FPH = "FPH", "Fonction publique hospitalière"


class Category(models.TextChoices):
    APLUS = "APLUS", "A+"
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    HORS_CATEGORIE = "HORS_CATEGORIE", "Hors catégorie"


class Nature(models.TextChoices):
    TITULAIRE_CONTRACTUEL = "TITULAIRE_CONTRACTUEL", "Ouvert aux titulaires et contractuels"
    CONTRACTUELS = "CONTRACTUELS", "Ouvert aux contractuels uniquement"
    TITULAIRES = "TITULAIRES", "Ouvert aux titulaires uniquement"


class ContractType(models.TextChoices):
    CDD = "CDD", "CDD"
    CDI = "CDI", "CDI"
    PERMANENT = "PERMANENT", "Emploi permanent (titulaire)"
    VACATION = "VACATION", "Vacation"


class PostStatus(models.TextChoices):
    VACANT = "VACANT", "Vacant"
    SUSCEPTIBLE_VACANT = "SUSCEPTIBLE_VACANT", "Susceptible d’être vacant"


class VacancyReason(models.TextChoices):
    CREATION = "CREATION", "Création d’emploi"
    VACANCE = "VACANCE", "Vacance d’emploi"


class Experience(models.TextChoices):
    DEBUTANT = "DEBUTANT", "Débutant"
    CONFIRME = "CONFIRME", "Confirmé"
    EXPERT = "EXPERT", "Expert"


class Telework(models.TextChoices):
    NONE = "AUCUN", "Pas de télétravail"
    PARTIAL = "PARTIEL", "Télétravail partiel"
    FULL = "TOTAL", "Télétravail total"


# Domaines fonctionnels of the RMFP v2 (code, label), loaded by a data migration.
DOMAINS = [
    ("ACH", "Achat"),
    ("AGR", "Agriculture"),
    ("AMT", "Aménagement et développement durable du territoire"),
    ("ASP", "Animation jeunesse sports"),
    ("BAT", "Bâtiment"),
    ("COM", "Communication"),
    ("CTL", "Organisation contrôle évaluation"),
    ("CUL", "Culture et patrimoine"),
    ("DEF", "Défense"),
    ("DIR", "Direction et pilotage des politiques publiques"),
    ("DOC", "Lecture publique et documentation"),
    ("ENS", "Enseignement et formation"),
    ("ENV", "Environnement"),
    ("FIP", "Finances publiques"),
    ("GBF", "Gestion budgétaire et financière"),
    ("GRH", "Ressources humaines"),
    ("INT", "International"),
    ("JUR", "Affaires juridiques"),
    ("JUS", "Justice"),
    ("LOG", "Interventions techniques et logistiques"),
    ("MED", "Médical et paramédical"),
    ("NUM", "Numérique"),
    ("RCH", "Recherche"),
    ("REN", "Renseignement"),
    ("SAN", "Prévention conseil pilotage santé"),
    ("SEC", "Sécurité"),
    ("SOC", "Social enfance famille"),
    ("TRA", "Transports"),
    ("USA", "Relation à l’usager"),
]


class PayPeriod(models.TextChoices):
    MONTH = "mois", "par mois"
    YEAR = "an", "par an"


class RecruitmentStatus(models.TextChoices):
    """Where a closed offer's recruitment stands, in the order it goes (see RECRUITMENT_ORDER)."""

    CLOSED = "closes", "Candidatures closes"
    REVIEW = "examen", "Examen des candidatures"
    INTERVIEWS = "entretiens", "Entretiens en cours"
    FILLED = "pourvu", "Poste pourvu"
    REPUBLISHED = "republiee", "Offre republiée"


# The step of each status. A recruitment ends either way at the last step: the post is filled, or
# the offer is published again (after any earlier step, when no one was chosen).
RECRUITMENT_STEP = {
    RecruitmentStatus.CLOSED: 1,
    RecruitmentStatus.REVIEW: 2,
    RecruitmentStatus.INTERVIEWS: 3,
    RecruitmentStatus.FILLED: 4,
    RecruitmentStatus.REPUBLISHED: 4,
}
RECRUITMENT_STEPS = 4
