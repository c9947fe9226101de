"""Real-browser fixtures: Playwright driving Debian's Chromium, and the data the pages show.

Without Chromium the browser tests skip with a reason, except when CI=true: there a missing browser
is an error, never a skip.
"""

import io
import os
import shutil
from pathlib import Path

# Playwright's sync API runs an event loop in the main thread: without this, every ORM call made
# by a test that uses `page` raises SynchronousOnlyOperation. Django reads it at call time.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image  # noqa: E402
from pytest_django.plugin import (  # noqa: E402
    pytest_collection_modifyitems as django_order,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Headless in a container: no sandbox (the tests run as root), no GPU, and nothing fetched from
# Google while a test runs (updates, sync, first-run pages), so results do not depend on the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the transactional (live server) tests after every other database test, as Django does.

    pytest-django sorts them so, but pytest-playwright reorders the items afterwards: a browser
    test would then flush the database in the middle of the session, and the tests after it would
    lose the data migrations create (domaines, the « RH » group).
    """
    django_order(items)


def in_ci():
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason):
    """Skip locally; in CI a missing tool must turn the run red, never be skipped silently."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: this check must run)", pytrace=False)
    pytest.skip(reason)


# Autouse: it must run before Playwright starts its event loop (a session fixture too), while
# `connections` still gives the first wrapper. Without it, when other tests had set up the database
# first, it ran after Playwright's start, found nothing to copy, and every browser test from the
# second on saw empty tables (`pytest tests/pages/test_sitemap.py tests/browser/`).
@pytest.fixture(scope="session", autouse=True)
def django_db_setup(django_db_setup):
    """Make serialized_rollback work in tests that use Playwright.

    Once Playwright's sync API runs its event loop in the main thread, Django's connection handler
    (an asgiref Local) keeps connections per async context, so a browser test gets a new connection
    wrapper. Django's test set-up stored the migrated data to restore (`_test_serialized_contents`)
    on the first wrapper only, and serialized_rollback would silently restore nothing: every table
    filled by a migration (domaines, the « RH » group) would be empty from the second browser test
    on. Storing it on the class makes every wrapper see it.
    """
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        if hasattr(connection, "_test_serialized_contents"):
            type(connection)._test_serialized_contents = connection._test_serialized_contents


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        skip_or_fail(
            f"Chromium not found at {executable}: apt-get install -y chromium, or set CHROMIUM_PATH"
        )
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


@pytest.fixture(scope="session")
def vnu_command():
    """The Nu Html Checker command line, without its file arguments."""
    java = shutil.which("java")
    jar = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if java is None:
        skip_or_fail("Java not found: the Nu Html Checker needs a Java runtime (17 or later)")
    if not jar.is_file():
        skip_or_fail(f"{jar} not found: run `make install` (npm ci) to get vnu-jar")
    return [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]


def jpeg(name, size=(1600, 1067), color=(0, 0, 145)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def employer_profile(db):
    """The agency profile with every part the home page shows, as HR staff would fill it in."""
    from django.core.cache import cache

    from employer.models import Employer, KeyFigure, Mission, Perk, Photo, Testimonial

    employer = Employer.objects.create(
        name="Office français de protection des réfugiés et apatrides",
        acronym="Ofpra",
        tagline="À l'écoute du monde",
        about=(
            "L'Office français de protection des réfugiés et apatrides est un établissement "
            "public, placé sous la tutelle du ministère de l'Intérieur. Il est chargé d'appliquer "
            "les textes français et européens ainsi que les conventions internationales relatifs "
            "à la reconnaissance de la qualité de réfugié, d'apatride et à l'admission à la "
            "protection subsidiaire."
        ),
        gallery_text=(
            "Au cœur du Val de Fontenay, à proximité immédiate de Paris, les locaux de l'Ofpra "
            "sont modernes et idéalement desservis par les grands axes de communication de l'Est "
            "parisien, l'A86 et les lignes RER A et E."
        ),
        street_address="201 rue Carnot",
        postal_code="94120",
        city="Fontenay-sous-Bois",
        website="https://www.ofpra.gouv.fr",
    )
    Mission.objects.bulk_create(
        [
            Mission(
                employer=employer,
                position=1,
                text=(
                    "L'instruction des demandes de protection internationale sur la base des "
                    "conventions de Genève du 28 juillet 1951 et de New York du 28 septembre 1954 "
                    "ainsi que du CESEDA."
                ),
            ),
            Mission(
                employer=employer,
                position=2,
                text="La protection juridique et administrative des réfugiés et des apatrides.",
            ),
        ]
    )
    KeyFigure.objects.bulk_create(
        [
            KeyFigure(employer=employer, position=index, value=value, label=label)
            for index, (value, label) in enumerate(
                [
                    ("+1 000", "Agents"),
                    ("37 ans", "Âge moyen"),
                    ("100 M€", "Budget annuel"),
                    ("600 000", "Personnes sous notre protection"),
                ]
            )
        ]
    )
    for index, (caption, alt) in enumerate(
        [
            ("Hall d'accueil", "Le hall d'accueil lumineux du siège de l'Ofpra"),
            ("Hall d'accueil", "L'escalier et les banques d'accueil du hall"),
            ("Secrétariat", "Deux agents au travail dans un bureau du secrétariat"),
        ]
    ):
        Photo.objects.create(
            employer=employer,
            position=index,
            image=jpeg(f"photo-{index}.jpg"),
            alt_text=alt,
            caption=caption,
        )
    Testimonial.objects.create(
        employer=employer,
        title="Portrait d'une officière de protection",
        first_name="Marine",
        age=27,
        job_title="Officière de protection",
        division="Division Afrique 2",
        years_in_post=4,
        quote="On est vraiment là pour protéger, c'est vraiment ça le cœur de notre mission.",
        transcript=(
            "Bonjour, je m'appelle Marine, j'ai 27 ans et je suis officière de protection à "
            "l'OFPRA. Je travaille ici depuis 4 ans au sein de la division Afrique 2.\n\n"
            "Le cœur de notre mission, c'est vraiment l'entretien de demande d'asile. On n'a pas "
            "seulement ce rôle d'écoute mais aussi ce rôle de recueil d'information.\n\n"
            "C'est l'opportunité d'exercer un métier qui est extrêmement rare, on est que 460 en "
            "France à faire ce métier."
        ),
    )
    Perk.objects.bulk_create(
        [
            Perk(
                employer=employer,
                position=1,
                title="Des métiers uniques à l'écoute du monde",
                text=(
                    "Travailler à l'Ofpra, c'est intégrer une administration qui propose des "
                    "métiers avec du sens et ouverts sur l'international."
                ),
            ),
            Perk(
                employer=employer,
                position=2,
                title="Un équilibre entre vie professionnelle et vie personnelle",
                text=(
                    "Rejoindre l'Ofpra, c'est faire le choix d'une administration à taille "
                    "humaine où il fait bon de travailler :"
                ),
                items=(
                    "Une restauration collective de qualité\n"
                    "Une action sociale engagée (prestations familiales, participation vacances, "
                    "etc.)\n"
                    "Une vie associative, sportive et culturelle dynamique"
                ),
            ),
            Perk(
                employer=employer,
                position=3,
                title="Une riche offre de formation",
                text=(
                    "Intégrer l'Ofpra, c'est avoir accès à une riche offre de formation interne "
                    "dans de nombreux domaines (géopolitique, juridique, administratif, "
                    "numérique, etc.)."
                ),
            ),
        ]
    )
    # imagekit remembers in the cache which resized copies exist; each test has a new MEDIA_ROOT.
    cache.clear()
    return employer


@pytest.fixture
def open_job(db):
    """An open offer with every legal item, plus two others of its domaine (« Offres similaires »)."""
    from tests.factories import JobFactory

    job = JobFactory(
        title="Assistant (e) de Direction",
        application_url="https://candidature.example.fr/offres/42",
        salary_min=26000,
        salary_max=32000,
    )
    JobFactory.create_batch(2, domain=job.domain)
    return job


@pytest.fixture
def closed_job(db):
    """An offer whose deadline passed yesterday: its page stays, with « Candidatures closes »."""
    import datetime

    from django.utils import timezone

    from tests.factories import JobFactory

    return JobFactory(
        published_at=timezone.now() - datetime.timedelta(days=40),
        deadline=timezone.localdate() - datetime.timedelta(days=1),
    )


@pytest.fixture
def offers(db):
    """Enough open offers in several domaines for the list, its facets and its pagination."""
    from jobs.models import Domain
    from tests.factories import JobFactory

    for code in ["GRH", "USA", "DIR", "NUM"]:
        JobFactory.create_batch(6, domain=Domain.objects.get(code=code))
