"""The national codes of a public-service job offer (shared with the national portal).

Stored values are the portal's codes, so that an export loses nothing; labels are what visitors read.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "brouillon", _("Brouillon")
    PUBLISHED = "publiee", _("Publiée")
    CLOSED = "cloturee", _("Clôturée")
    ARCHIVED = "archivee", _("Archivée")


class Versant(models.TextChoices):
    FPE = "FPE", _("Fonction publique de l’État")
    FPT = "FPT", _("Fonction publique territoriale")
    FPH = "FPH", _("Fonction publique hospitalière")


class Category(models.TextChoices):
    APLUS = "APLUS", _("A+")
    A = "A", _("A")
    B = "B", _("B")
    C = "C", _("C")
    HORS_CATEGORIE = "HORS_CATEGORIE", _("Hors catégorie")


class Nature(models.TextChoices):
    TITULAIRE_CONTRACTUEL = "TITULAIRE_CONTRACTUEL", _("Ouvert aux titulaires et contractuels")
    CONTRACTUELS = "CONTRACTUELS", _("Ouvert aux contractuels uniquement")
    TITULAIRES = "TITULAIRES", _("Ouvert aux titulaires uniquement")


class ContractType(models.TextChoices):
    CDD = "CDD", _("CDD")
    CDI = "CDI", _("CDI")
    PERMANENT = "PERMANENT", _("Emploi permanent (titulaire)")
    VACATION = "VACATION", _("Vacation")


class PostStatus(models.TextChoices):
    VACANT = "VACANT", _("Vacant")
    SUSCEPTIBLE_VACANT = "SUSCEPTIBLE_VACANT", _("Susceptible d’être vacant")


class VacancyReason(models.TextChoices):
    CREATION = "CREATION", _("Création d’emploi")
    VACANCE = "VACANCE", _("Vacance d’emploi")


class Experience(models.TextChoices):
    DEBUTANT = "DEBUTANT", _("Débutant")
    CONFIRME = "CONFIRME", _("Confirmé")
    EXPERT = "EXPERT", _("Expert")


class Telework(models.TextChoices):
    NONE = "AUCUN", _("Pas de télétravail")
    PARTIAL = "PARTIEL", _("Télétravail partiel")
    FULL = "TOTAL", _("Télétravail total")


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
