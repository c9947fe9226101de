"""`manage.py load_demo`: the seed page's content, loaded once, however often the command runs.

An exception to « tests never load JSON fixtures »: the demo fixture itself is under test here.
"""

import html
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils.html import escape
from PIL import Image

from employer.models import Employer, Photo

pytestmark = pytest.mark.django_db

# The agency's careers page this site started from (its text is the demo content) down to « Nos
# offres d'emploi », line by line, quotes as they are. The seed mixes ' and ’; the interface has
# one convention, so the demo writes every apostrophe ’ (`typographic`): the words are the seed's.
SEED_LINES = [
    "Office français de protection des réfugiés et apatrides",
    "À l'écoute du monde",
    "Qui sommes-nous\xa0?",
    (
        "L’Office français de protection des réfugiés et apatrides est un établissement public, "
        "placé sous la tutelle du ministère de l’Intérieur. Il est chargé d’appliquer les textes "
        "français et européens ainsi que les conventions internationales relatifs à la "
        "reconnaissance de la qualité de réfugié, d’apatride et à l’admission à la protection "
        "subsidiaire."
    ),
    "Nos missions",
    (
        "L‘instruction des demandes de protection internationale sur la base des conventions de "
        "Genève du 28 juillet 1951 et de New York du 28 septembre 1954 ainsi que du CESEDA. Il "
        "statue en toute indépendance sur les demandes d’asile et d’apatridie qui lui sont "
        "soumises."
    ),
    "La protection juridique et administrative des réfugiés et des apatrides.",
    "Chiffres clés",
    "+1 000",
    "Agents",
    "37 ans",
    "Âge moyen",
    "100 M€",
    "Budget annuel",
    "600 000",
    "Personnes sous notre protection",
    "Nous découvrir en images",
    (
        "Au cœur du Val de Fontenay, à proximité immédiate de Paris, les locaux de l’Ofpra sont "
        "modernes et idéalement desservis par les grandes axes de communication de l’Est "
        "parisien, l’A86 et les lignes RER A et E."
    ),
    "Hall d'accueil",
    "Hall d'accueil",
    "Secrétariat",
    "Portrait d'une officière de protection",
    (
        "Bonjour, je m’appelle Marine, j’ai 27 ans et je suis officière de protection à l’OFPRA. "
        "Je travaille ici depuis 4 ans au sein de la division Afrique 2. Tout est dit dans déjà "
        "l’intitulé de notre poste « officier de protection ». Je sais qu’on nous voit souvent "
        "comme les personnes qui vont rejeter les demandes d’asile mais en fait au contraire on "
        "est vraiment là pour protéger c’est vraiment ça le cœur de notre mission donc protéger à"
        " la fois les personnes qui viennent solliciter l’asile, protéger aussi le droit d’asile "
        "pour l’accorder aux personnes qui correspondent aux critères qui sont définis par les "
        "textes internationaux. Le cœur de notre mission, c’est vraiment l’entretien de demande "
        "d’asile. On n’a pas seulement ce rôle d’écoute mais aussi ce rôle de recueil "
        "d’information parce qu’on est parfois face à des personnes qui qui ne comprennent pas "
        "toujours ce qui est attendu d’elle ou en tout cas les informations dont on a besoin pour"
        " ensuite prendre une décision juste et éclairer. L’entretien, la question principale "
        "qu’on va poser au demandeurs d’asile ou à la demandeuse d’asile, ça va être de qui et de"
        " quoi vous avez peur en cas de retour dans votre pays. On attend de la personne qu’elle "
        "nous explique les raisons de son départ du pays et ses craintes pour sa vie. L’entretien"
        " se déroule dans un box au sein même de l’OFPRA sauf pour les personnes qui sont en "
        "outre-mer, à Mayotte par exemple ça peut se passer par visioconférence. Il va y avoir "
        "deux parties : d’abord on va poser des questions sur l’état civil et quelques données "
        "personnelles et familiales suite on passe sur les craintes en cas de retour dans le pays"
        " et puis c’est un échange à base de questions et réponses entre nous les officiers de "
        "protection et les demandeurs d’asile. On arrive alors à l’aboutissement de cet entretien"
        " qui est vraiment la rédaction de la décision que nous prenons à l’issue de l’entretien."
        " À la lumière de toutes les informations que l’on a sur les pays et de celles qu’on a "
        "recueillies sur le demandeur personnellement on va pouvoir rédiger notre décision de la "
        "manière la plus juste possible. Parfois on est face à des personnes qui ne comprennent "
        "pas tellement les informations dont on a besoin ou qui leur paraissent évidentes parce "
        "que c’est leur quotidien dans leur pays mais donc nous on est vraiment ce guide là pour "
        "les mener vers ces informations. Forcément quand on est face tous les jours à des "
        "personnes qui nous font part de récits souffrance qui sont souvent intenses, c’est une "
        "leçon la résilience de ces personnes, c’est vraiment une leçon que nous pouvons "
        "appliquer à notre à notre vie. Il faut vraiment avoir cette agilité d’esprit qui nous "
        "permet en entretien de pouvoir faire face à n’importe quelle réponse ou situation et "
        "ensuite, bien sûr, il faut avoir de très bonnes capacités d’analyse et de rédaction pour"
        " ensuite pouvoir rédiger des décisions justes. C’est l’opportunité d’exercer un métier "
        "qui est qui est extrêmement rare, on est que 460 en France à faire ce métier. Il est "
        "d’ailleurs très méconnu, c’est un métier qui pour moi est unique au monde et où on a en "
        "plus cette vocation, cette mission, de venir protéger des personnes qui sont persécutées"
        " dans leur pays pour telle ou telle raison et pour moi c’est magnifique d’avoir un "
        "métier comme ça et qui a autant de sens."
    ),
    "Siège de l'Ofpra à Fontenay-sous-Bois",
    "Nos atouts",
    "Des métiers uniques à l'écoute du monde",
    (
        "Travailler à l’Ofpra, c’est intégrer une administration qui propose des métiers avec du "
        "sens et ouverts sur l’international."
    ),
    (
        "Que vous souhaitiez travailler dans le domaine de l’asile, de l’état civil, du "
        "numérique, des ressources humaines, du budget… nos offres de recrutement sont nombreuses"
        " et variées."
    ),
    "Un équilibre entre vie professionnelle et vie personnelle",
    (
        "Rejoindre l’Ofpra, c’est faire le choix d’une administration à taille humaine où il fait"
        " bon de travailler :"
    ),
    "Une restauration collective de qualité",
    "Une action sociale engagée (prestations familiales, participation vacances, etc.)",
    (
        "Une organisation du temps de travail avantageuse : 25 jours de congés, 15 jours de RTT "
        "(en temps plein et 37h30 par semaine), 1 journée de récupération possible par mois"
    ),
    (
        "Une vie associative, sportive et culturelle dynamique (1 équipe de foot, des cours de "
        "Yoga, de boxe, des soirées jeux de société, une AMAP, etc.)"
    ),
    "Une riche offre de formation",
    (
        "Intégrer l’Ofpra, c’est avoir accès à une riche offre de formation interne dans de "
        "nombreux domaines (géopolitique, juridique, administratif, numérique, etc.)."
    ),
]


def counts():
    models = apps.get_app_config("employer").get_models()
    return {model.__name__: model.objects.count() for model in models}


def media_files():
    def walk(path):
        directories, files = default_storage.listdir(path)
        found = [f"{path}/{name}".lstrip("/") for name in files]
        for directory in directories:
            found += walk(f"{path}/{directory}".lstrip("/"))
        return found

    return sorted(walk(""))


STRAIGHT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def typographic(line):
    """The seed's line as the interface writes it: the apostrophe between two letters is ’."""
    return STRAIGHT_APOSTROPHE.sub("’", line)


def visible_text(response):
    """The page as a visitor reads it; no-break spaces are kept, they are part of the text."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"[ \t\r\n]+", " ", text)


def test_running_twice_changes_and_duplicates_nothing():
    call_command("load_demo", verbosity=0)
    first_counts, first_files = counts(), media_files()
    call_command("load_demo", verbosity=0)

    assert counts() == first_counts
    assert first_counts == {
        "Employer": 1,
        "Mission": 2,
        "KeyFigure": 4,
        "Photo": 3,
        "Testimonial": 3,
        "Perk": 3,
    }
    assert media_files() == first_files


def test_images_of_the_demo_are_copied_into_the_media_storage():
    call_command("load_demo", verbosity=0)

    employer = Employer.objects.get()
    stored = [employer.illustration]
    stored += [testimonial.photo for testimonial in employer.testimonials.all()]
    stored += [photo.image for photo in Photo.objects.all()]
    for image in stored:
        assert default_storage.exists(image.name)
        assert default_storage.size(image.name) < 100 * 1024


def test_home_page_shows_the_seed_text_word_for_word_in_order(client):
    call_command("load_demo", verbosity=0)

    text = visible_text(client.get("/"))

    position = 0
    for line in map(typographic, SEED_LINES):
        found = text.find(line, position)
        assert found >= 0, f"missing or out of order: {line[:60]}"
        position = found + len(line)


@pytest.mark.parametrize("path", ["/", "/offres/"])
def test_the_demo_writes_one_apostrophe_as_the_interface_does(client, path):
    """« Nos offres d’emploi » above « Gestionnaire d'action sociale » read as two conventions."""
    call_command("load_demo", verbosity=0)

    text = visible_text(client.get(path))

    assert "d’emploi" in text
    assert STRAIGHT_APOSTROPHE.findall(text) == []


def test_demo_photos_say_they_are_placeholders():
    call_command("load_demo", verbosity=0)

    for photo in Photo.objects.all():
        assert photo.alt_text.startswith("Illustration provisoire")
        assert photo.caption.endswith("(illustration provisoire)")
        assert not photo.is_decorative


def test_demo_images_are_dsfr_pictogram_illustrations_for_both_themes():
    """No « Photo à remplacer » box: transparent illustrations, on a background the theme paints."""
    call_command("load_demo", verbosity=0)
    employer = Employer.objects.get()
    described = [(employer.illustration, employer.illustration_alt)]
    described += [(photo.image, photo.alt_text) for photo in Photo.objects.all()]
    described += [(t.photo, t.photo_alt) for t in employer.testimonials.all()]

    for image, alt in described:
        with default_storage.open(image.name) as file, Image.open(file) as picture:
            assert picture.format == "PNG"
            assert picture.mode == "RGBA"
            alpha = picture.getchannel("A").histogram()
            # Mostly see-through: the page's theme colour shows through.
            see_through = sum(alpha[:128]) / (picture.width * picture.height)
            assert see_through > 0.8, image.name
        assert alt.startswith("Illustration provisoire")
        assert "pictogramme" in alt
    assert employer.illustration_caption == (
        "Siège de l’Ofpra à Fontenay-sous-Bois (illustration provisoire)"
    )
    assert employer.demo_images() == [
        "le logo",
        "l’image d’illustration",
        "la photo « Hall d’accueil (illustration provisoire) »",
        "la photo « Hall d’accueil (illustration provisoire) »",
        "la photo « Secrétariat (illustration provisoire) »",
        "le portrait de Marine",
        "le portrait de Nadia",
        "le portrait de Julien",
    ]


def test_demo_profile_has_a_square_logo():
    call_command("load_demo", verbosity=0)

    logo = Employer.objects.get().logo
    assert logo.name == "employer/demo-logo-ofpra.png"
    with default_storage.open(logo.name) as file, Image.open(file) as picture:
        assert picture.width == picture.height >= 112


def test_testimonial_transcript_reads_in_paragraphs_with_the_seed_words_unchanged(client):
    call_command("load_demo", verbosity=0)

    transcript = Employer.objects.get().testimonials.get(first_name="Marine").transcript_paragraphs
    seed = next(line for line in SEED_LINES if line.startswith("Bonjour, je m’appelle Marine"))
    assert " ".join(transcript) == typographic(seed)
    assert len(transcript) >= 8
    assert max(len(paragraph.split()) for paragraph in transcript) <= 90
    page = client.get("/").content.decode()
    for paragraph in transcript:
        assert f"<p>{escape(paragraph)}</p>" in page


def test_rerun_keeps_what_an_editor_changed():
    call_command("load_demo", verbosity=0)
    Employer.objects.update(tagline="À l'écoute du monde entier")
    Photo.objects.filter(pk=2).delete()

    call_command("load_demo", verbosity=0)

    assert Employer.objects.get().tagline == "À l'écoute du monde entier"
    assert Photo.objects.count() == 2


def test_output_follows_verbosity():
    quiet, chatty = StringIO(), StringIO()

    call_command("load_demo", verbosity=0, stdout=quiet)
    call_command("load_demo", verbosity=2, stdout=chatty)

    assert quiet.getvalue() == ""
    assert "demo: employer.Employer already has content, skipped." in chatty.getvalue()
    assert chatty.getvalue().rstrip().endswith("0 fixture(s) loaded, 0 image(s) copied.")


def test_demo_load_makes_the_resized_copies_the_home_page_needs():
    """Made on the first visit instead, they cost that visitor about 9 s."""
    call_command("load_demo", resize_images=True, verbosity=0)
    employer = Employer.objects.get()
    specs = [
        employer.illustration_resized,
        *(photo.image_resized for photo in employer.photos.all()),
        *(testimonial.photo_resized for testimonial in employer.testimonials.all()),
    ]
    assert len(specs) == 7
    assert all(default_storage.exists(spec.name) for spec in specs)


def test_demo_load_makes_the_copies_even_where_the_cache_remembers_them_elsewhere():
    """django-imagekit remembers in the cache that a copy exists: that memory, left by another
    media folder on the same Redis, made the demo load skip the copies and the first visitor
    after a Redis outage wait 9 s for them."""
    from imagekit.cachefiles.backends import CacheFileState

    call_command("load_demo", resize_images=True, verbosity=0)
    employer = Employer.objects.get()
    specs = [
        employer.illustration_resized,
        *(photo.image_resized for photo in employer.photos.all()),
        *(testimonial.photo_resized for testimonial in employer.testimonials.all()),
    ]
    for spec in specs:
        default_storage.delete(spec.name)
        spec.cachefile_backend.set_state(spec, CacheFileState.EXISTS)

    call_command("load_demo", resize_images=True, verbosity=0)

    assert all(default_storage.exists(spec.name) for spec in specs)
