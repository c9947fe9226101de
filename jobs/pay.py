"""What an offer pays: its euro range, the traitement indiciaire an indice range gives, and the
words that say so (« 2 500 à 3 100 € brut par mois »).

The point d'indice is set by decree: POINT_VALUES is the dated table of its monthly value, newest
last. A new decree is one line there; the admin's help texts and the page's estimate name the
line in force (`current_point()`).
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone


@dataclass(frozen=True)
class PointValue:
    since: datetime.date
    monthly: Decimal  # € brut per month for indice majoré 1 (the annual value of IM 100 / 1 200).
    source: str


# One line per decree that sets the point's value, oldest first.
POINT_VALUES = [
    # 5 907,34 € a year for IM 100 (décret n° 2023-519, art. 1).
    PointValue(datetime.date(2023, 7, 1), Decimal("4.92278"), "décret n° 2023-519 du 28 juin 2023"),
]

# The indice majoré minimum de traitement (décret n° 85-1148 du 24 octobre 1985, art. 8): no
# one paid on an indice, titulaire or contractuel, is paid less. (since, indice, source), oldest
# first; décret n° 2023-519 set it to 361 on 1 July 2023 and, by adding 5 points to every
# indice majoré, to 366 on 1 January 2024.
MINIMUM_INDICES = [
    (datetime.date(2023, 7, 1), 361, "décret n° 2023-519 du 28 juin 2023"),
    (datetime.date(2024, 1, 1), 366, "décret n° 2023-519 du 28 juin 2023"),
]

# The highest indice majoré an offer may state. The top of the barème (hors-échelle group G,
# décret n° 82-1105 du 23 décembre 1982 and its annexes as revised) stays below 1 500: the bound
# only catches a mistyped digit and never refuses a real grid. The lowest is the minimum de
# traitement of the day (MINIMUM_INDICES).
MAX_INDEX = 1500

# What an estimate from the indice leaves out, as the page and the admin say it.
LEFT_OUT = (
    "primes et indemnités (dont l’IFSE), indemnité de résidence, supplément familial de "
    "traitement (SFT) et nouvelle bonification indiciaire (NBI)"
)

MONTH = "mois"
YEAR = "an"


def current_point(day=None):
    """The line of POINT_VALUES in force on `day` (today by default)."""
    day = day or timezone.localdate()
    in_force = [line for line in POINT_VALUES if line.since <= day]
    return in_force[-1] if in_force else POINT_VALUES[0]


def minimum_index(day=None):
    """(indice majoré minimum de traitement on `day`, its source)."""
    day = day or timezone.localdate()
    in_force = [line for line in MINIMUM_INDICES if line[0] <= day] or MINIMUM_INDICES[:1]
    return in_force[-1][1], in_force[-1][2]


def point_help_text():
    """What the admin's indice fields say of the value they are multiplied by."""
    point = current_point()
    return (
        f"Indice majoré de la grille (entre {minimum_index()[0]} et {MAX_INDEX}). Le site en "
        f"déduit le traitement indiciaire brut mensuel : indice × {french_decimal(point.monthly)} €"
        f" (valeur du point depuis le {french_day(point.since)}, {point.source})."
    )


def traitement(index, point=None):
    """The gross monthly traitement indiciaire of an indice majoré, rounded to the euro."""
    point = point or current_point()
    return int((Decimal(index) * point.monthly).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def monthly(amount, period):
    """An amount of a range as € per month (an annual one divided by 12, rounded to the euro)."""
    if amount is None:
        return None
    if period == YEAR:
        return int((Decimal(amount) / 12).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return amount


def euros(amount):
    """« 2 500 » with a narrow no-break space between thousands, as French typography writes it."""
    return f"{amount:,}".replace(",", "\u202f")


def french_decimal(value):
    return str(value).replace(".", ",")


def french_day(day):
    from core.templatetags.french_dates import french_date

    return french_date(day)


def span(low, high):
    """« 2 500 à 3 100 », « à partir de 2 500 », « jusqu’à 3 100 », « 2 500 »; "" for neither."""
    if low is not None and high is not None:
        return f"{euros(low)} à {euros(high)}" if low != high else euros(low)
    if low is not None:
        return f"à partir de {euros(low)}"
    if high is not None:
        return f"jusqu’à {euros(high)}"
    return ""


def range_text(low, high, unit):
    """« 2 500 à 3 100 € brut par mois » (`unit` after the euro sign); "" without a bound."""
    text = span(low, high)
    return f"{text}\u00a0€ {unit}" if text else ""


PERIOD_UNITS = {MONTH: "brut par mois", YEAR: "brut par an"}


@dataclass(frozen=True)
class Pay:
    """What a page says of an offer's pay; each part empty when HR left it out."""

    salary: str  # The euro range HR typed (« 2 500 à 3 100 € brut par mois »).
    estimate: str  # The traitement indiciaire of the indice range.
    index_range: str  # « indice majoré 390 à 520 ».
    bonus: str  # The primes' range.
    point: PointValue

    @property
    def short(self):
        """One line for a card: the euro range, else the estimate (« environ »)."""
        if self.salary:
            return self.salary
        if self.estimate:
            return f"{self.estimate} (estimation)"
        return ""

    @property
    def estimate_note(self):
        """How the estimate is made and what it leaves out."""
        point = self.point
        return (
            f"Estimation : indice majoré × {french_decimal(point.monthly)}\u00a0€, valeur "
            f"mensuelle du point d’indice depuis le {french_day(point.since)} ({point.source}), "
            f"arrondie à l’euro. Ne sont pas comprises : {LEFT_OUT}."
        )

    def __bool__(self):
        return bool(self.salary or self.estimate or self.bonus)


def describe(job):
    """The Pay of an offer, from its fields (see Job: pay_period, salary_*, index_*, bonus_*)."""
    point = current_point()
    salary = range_text(job.salary_min, job.salary_max, PERIOD_UNITS.get(job.pay_period, ""))
    estimate = index_range = ""
    if job.index_min is not None or job.index_max is not None:
        low = traitement(job.index_min, point) if job.index_min is not None else None
        high = traitement(job.index_max, point) if job.index_max is not None else None
        estimate = range_text(low, high, "brut par mois")
        index_range = f"indice majoré {span(job.index_min, job.index_max)}"
    bonus = range_text(job.bonus_min, job.bonus_max, "brut par mois")
    return Pay(salary, estimate, index_range, bonus, point)


def monthly_top(job, point=None):
    """The most the offer may pay a month, gross: the top of its euro range, else the traitement
    of its highest indice plus its highest primes. What the list's minimum filter compares."""
    top = job.salary_max if job.salary_max is not None else job.salary_min
    if top is not None:
        return monthly(top, job.pay_period)
    index = job.index_max if job.index_max is not None else job.index_min
    if index is None:
        return None
    bonus = job.bonus_max if job.bonus_max is not None else (job.bonus_min or 0)
    return traitement(index, point) + bonus


# The list's minimum pay filter (« À partir de 2 500 € brut par mois »).
FLOORS = [2000, 2500, 3000, 3500, 4000]


def floor_label(amount):
    return f"à partir de {euros(amount)}\u00a0€ brut par mois"


def reaches(amount, point=None):
    """A condition on offers: the most the offer pays a month, gross, reaches `amount`.

    The top of the euro range (an annual one compared with 12 × `amount`); without one, the
    traitement of the highest indice (rounded to the euro, as the page shows it) plus the highest
    primes. An offer that states no pay never matches.
    """
    point = point or current_point()
    top = Coalesce(F("salary_max"), F("salary_min"))
    index_pay = Coalesce(F("index_max"), F("index_min")) * Value(
        float(point.monthly), output_field=FloatField()
    ) + Coalesce(F("bonus_max"), F("bonus_min"), Value(0))
    return (
        (Q(pay_period=MONTH) & GreaterThanOrEqual(top, amount))
        | (Q(pay_period=YEAR) & GreaterThanOrEqual(top, 12 * amount))
        | (
            Q(salary_min__isnull=True, salary_max__isnull=True)
            & GreaterThanOrEqual(index_pay, amount - 0.5)  # Rounded half up to the euro.
        )
    )
