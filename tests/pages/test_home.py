"""The agency page `/`: every section of the seed page, in order, with resized images."""

import html
import re
from collections import Counter
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from employer.models import Employer
from tests.factories import (
    EmployerFactory,
    JobFactory,
    KeyFigureFactory,
    MissionFactory,
    PerkFactory,
    PhotoFactory,
    TestimonialFactory,
)

pytestmark = pytest.mark.django_db

NAME = "Office français de protection des réfugiés et apatrides"


@pytest.fixture(autouse=True)
def _forget_resized_images():
    """django-imagekit remembers in the cache which copies exist; each test has new media."""
    cache.clear()
    yield
    cache.clear()


class Page(HTMLParser):
    """What the tests look at in a rendered page: headings, images, ids, tags by attribute."""

    HEADINGS = {"h1", "h2", "h3", "h4"}

    def __init__(self, content):
        super().__init__(convert_charrefs=True)
        self.headings = []  # (tag, text)
        self.images = []  # attribute dicts
        self.ids = []
        self.starttags = []  # (tag, attribute dict)
        self._heading = None
        self.feed(content)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.starttags.append((tag, attributes))
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "img":
            self.images.append(attributes)
        if tag in self.HEADINGS:
            self._heading = (tag, [])

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            text = " ".join("".join(self._heading[1]).split())
            self.headings.append((tag, text))
            self._heading = None

    def handle_data(self, data):
        if self._heading:
            self._heading[1].append(data)


def visible_text(response):
    """The page as a visitor reads it: no tags, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def main_content(response):
    content = response.content.decode()
    return content[content.index("<main") : content.index("</main>")]


@pytest.fixture
def profile():
    """A complete profile with the seed's texts, parts created out of order to test `position`."""
    employer = EmployerFactory(
        name=NAME,
        tagline="À l'écoute du monde",
        about="L’Office français de protection des réfugiés et apatrides est un établissement "
        "public, placé sous la tutelle du ministère de l’Intérieur.",
        gallery_text="Au cœur du Val de Fontenay, à proximité immédiate de Paris, les locaux de "
        "l’Ofpra sont modernes.",
        illustration=ContentFile(jpeg_bytes((1600, 900)), name="siege.jpg"),
        illustration_alt="Façade du siège",
        illustration_caption="Siège de l'Ofpra à Fontenay-sous-Bois",
    )
    MissionFactory(employer=employer, position=2, text="La protection juridique et administrative.")
    MissionFactory(employer=employer, position=1, text="L‘instruction des demandes de protection.")
    for position, (value, label) in enumerate(
        [
            ("+1 000", "Agents"),
            ("37 ans", "Âge moyen"),
            ("100 M€", "Budget annuel"),
            ("600 000", "Personnes sous notre protection"),
        ]
    ):
        KeyFigureFactory(employer=employer, position=position, value=value, label=label)
    PhotoFactory(employer=employer, position=1, caption="Hall d'accueil", alt_text="Le hall")
    PhotoFactory(employer=employer, position=3, caption="Secrétariat", alt_text="Un bureau")
    TestimonialFactory(
        employer=employer,
        quote="Pour moi c’est magnifique d’avoir un métier comme ça",
        transcript="Bonjour, je m’appelle Marine.\n\nLe cœur de notre mission, c’est l’entretien.",
        photo=ContentFile(jpeg_bytes((800, 800)), name="marine.jpg"),
        photo_alt="Portrait de Marine",
    )
    PerkFactory(
        employer=employer,
        position=1,
        title="Des métiers uniques à l'écoute du monde",
        text="Travailler à l’Ofpra, c’est intégrer une administration.",
        items="",
    )
    PerkFactory(
        employer=employer,
        position=2,
        title="Un équilibre entre vie professionnelle et vie personnelle",
        text="Rejoindre l’Ofpra, c’est faire le choix d’une administration à taille humaine :",
        items="Une restauration collective de qualité\nUne action sociale engagée",
    )
    return employer


def jpeg_bytes(size, color=(0, 0, 145)):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def test_home_shows_every_section_in_the_seed_order(client, profile):
    response = client.get("/")

    assert response.status_code == 200
    assert reverse("pages:home") == "/"
    headings = Page(response.content.decode()).headings
    assert [text for tag, text in headings if tag == "h1"] == [NAME]
    h2 = [text for tag, text in headings if tag == "h2"]
    expected = [
        "Qui sommes-nous ?",
        "Nos missions",
        "Chiffres clés",
        "Nous découvrir en images",
        "Portrait d'une officière de protection",
        "Nos atouts",
    ]
    assert h2[: len(expected)] == expected
    # The offers section, filled by the jobs app, closes the page.
    assert h2[len(expected)].replace("’", "'") == "Nos offres d'emploi"
    text = visible_text(response)
    # The illustration sits between the testimonial and « Nos atouts », as on the seed page.
    assert (
        text.index("Portrait d'une officière")
        < text.index("Siège de l'Ofpra à Fontenay-sous-Bois")
        < text.index("Nos atouts")
    )


def test_headings_are_ordered_and_each_section_is_labelled(client, profile):
    page = Page(client.get("/").content.decode())

    levels = [int(tag[1]) for tag, _ in page.headings]
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    sections = [attrs for tag, attrs in page.starttags if tag == "section"]
    assert sections
    for attrs in sections:
        assert attrs.get("aria-labelledby") in page.ids


def test_ids_are_unique_and_without_spaces(client, profile):
    ids = Page(client.get("/").content.decode()).ids

    assert [name for name, count in Counter(ids).items() if count > 1] == []
    assert [name for name in ids if not name or re.search(r"\s", name)] == []


def test_banner_shows_name_and_tagline(client, profile):
    response = client.get("/")

    text = visible_text(response)
    assert f"{NAME} À l'écoute du monde" in text


def test_banner_counts_open_offers_with_a_link_to_them(client, profile):
    empty = client.get("/").content.decode()
    # The banner, below the header (whose menu links to « Nos offres d’emploi »).
    assert "offres d’emploi" not in empty.split('<main id="content"')[1].split("Qui sommes-nous")[0]
    JobFactory.create_batch(2, employer=profile)

    response = client.get("/")

    banner = response.content.decode().split('id="qui-sommes-nous-titre"')[0]
    link = f'<a class="fr-link fr-link--lg" href="{reverse("jobs:list")}">2 offres d’emploi</a>'
    assert link in banner


def test_about_and_missions_in_position_order(client, profile):
    response = client.get("/")

    text = visible_text(response)
    assert "placé sous la tutelle du ministère de l’Intérieur." in text
    assert text.index("L‘instruction des demandes") < text.index("La protection juridique")
    assert "<li>L‘instruction des demandes de protection.</li>" in response.content.decode()


def test_key_figures_show_each_value_with_its_label(client, profile):
    text = visible_text(client.get("/"))

    assert "+1 000 Agents 37 ans Âge moyen 100 M€ Budget annuel 600 000 Personnes sous" in text


def test_gallery_shows_access_text_and_captioned_photos(client, profile):
    response = client.get("/")

    content = response.content.decode()
    assert "Au cœur du Val de Fontenay" in visible_text(response)
    captions = re.findall(r"<figcaption[^>]*>\s*([^<]+?)\s*</figcaption>", content)
    assert captions[:2] == ["Hall d&#x27;accueil", "Secrétariat"]
    alts = [image.get("alt") for image in Page(content).images]
    assert "Le hall" in alts
    assert "Un bureau" in alts


def test_decorative_photo_has_empty_alt(client, profile):
    PhotoFactory(employer=profile, is_decorative=True, alt_text="", caption="Décor")

    images = Page(client.get("/").content.decode()).images
    decorative = [image for image in images if image["src"].startswith("/media/cache/")]
    assert "" in [image["alt"] for image in decorative]


def test_testimonial_shows_quote_who_she_is_and_full_transcript(client, profile):
    response = client.get("/")

    text = visible_text(response)
    assert "« Pour moi c’est magnifique d’avoir un métier comme ça »" in text
    assert "Marine, 27 ans" in text
    assert "Officière de protection" in text
    assert "Division Afrique 2" in text
    assert "En poste depuis 4 ans" in text
    # The whole transcript is in the page, in a <details> that opens without JavaScript.
    details = re.search(r"<details.*?</details>", response.content.decode(), re.S).group()
    assert "Lire le témoignage de Marine en entier" in details
    assert "<p>Bonjour, je m’appelle Marine.</p>" in details
    assert "<p>Le cœur de notre mission, c’est l’entretien.</p>" in details
    assert "<video" not in response.content.decode()


def test_testimonial_video_link_comes_with_its_transcript(client, profile):
    profile.testimonials.update(video_url="https://www.example.org/marine")

    response = client.get("/")

    assert 'href="https://www.example.org/marine"' in response.content.decode()
    assert "Voir la vidéo du témoignage de Marine" in visible_text(response)
    assert "Transcription de la vidéo" in visible_text(response)


def test_perks_show_titles_paragraphs_and_bullets(client, profile):
    response = client.get("/")

    page = Page(response.content.decode())
    h3 = [text for tag, text in page.headings if tag == "h3"]
    assert h3 == [
        "Des métiers uniques à l'écoute du monde",
        "Un équilibre entre vie professionnelle et vie personnelle",
    ]
    content = response.content.decode()
    assert "<li>Une restauration collective de qualité</li>" in content
    assert "<li>Une action sociale engagée</li>" in content


def test_images_are_resized_webp_copies_with_their_size(client, profile):
    response = client.get("/")

    content = response.content.decode()
    images = [image for image in Page(content).images if image["src"].startswith("/media/")]
    # Two photos, the portrait, the illustration: never an original.
    assert len(images) == 4
    for image in images:
        assert image["src"].startswith("/media/cache/")
        assert image["src"].endswith(".webp")
        assert image["loading"] == "lazy"
        name = image["src"].removeprefix("/media/")
        with default_storage.open(name) as file, Image.open(file) as resized:
            assert resized.format == "WEBP"
            assert resized.size == (int(image["width"]), int(image["height"]))
    sizes = {(image["width"], image["height"]) for image in images}
    assert sizes == {("800", "533"), ("400", "400"), ("1200", "675")}
    for original in [profile.illustration, *[photo.image for photo in profile.photos.all()]]:
        assert original.url not in content


def test_resized_images_are_served_with_long_cache_headers(client, profile):
    content = client.get("/").content.decode()
    src = next(image["src"] for image in Page(content).images if "/media/cache/" in image["src"])

    response = client.get(src)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "max-age=31536000" in response["Cache-Control"]


def test_photo_whose_file_is_missing_is_left_out(client, profile):
    # As after a database restored without its media on another server: neither the photo nor
    # its copy is there, and django-imagekit's memory that the copy exists (made on save) is gone.
    lost = profile.photos.get(caption="Secrétariat")
    default_storage.delete(lost.image_resized.name)
    default_storage.delete(lost.image.name)
    cache.clear()

    response = client.get("/")

    assert response.status_code == 200
    text = visible_text(response)
    assert "Hall d'accueil" in text
    assert "Secrétariat" not in text


def test_page_renders_without_profile(client):
    assert not Employer.objects.exists()

    response = client.get("/")

    assert response.status_code == 200
    assert "La présentation de l’établissement sera bientôt en ligne." in visible_text(response)
    page = Page(response.content.decode())
    assert len([tag for tag, _ in page.headings if tag == "h1"]) == 1
    assert "Qui sommes-nous ?" not in [text for _, text in page.headings]


def test_empty_parts_render_no_heading(client):
    EmployerFactory(about="", gallery_text="", tagline="")

    response = client.get("/")

    headings = [text for _, text in Page(response.content.decode()).headings]
    for title in [
        "Qui sommes-nous ?",
        "Nos missions",
        "Chiffres clés",
        "Nous découvrir en images",
        "Nos atouts",
    ]:
        assert title not in headings
    assert "<figure" not in main_content(response)


def test_main_content_has_no_inline_style_or_script(client, profile):
    profile.testimonials.update(video_url="https://www.example.org/marine")

    page = Page(main_content(client.get("/")))

    attributes = [name for _, attrs in page.starttags for name in attrs]
    assert "style" not in attributes
    assert [name for name in attributes if name.startswith("on")] == []
    assert "script" not in [tag for tag, _ in page.starttags]


def test_title_and_meta_description(client, profile):
    response = client.get("/")

    content = response.content.decode()
    assert "<title>OFPRA recrute</title>" in content
    description = re.search(r'<meta name="description" content="([^"]*)"', content).group(1)
    assert html.unescape(description).startswith(f"{NAME}, à l'écoute du monde : ")


def stylesheets(response):
    return [
        attributes["href"]
        for tag, attributes in Page(response.content.decode()).starttags
        if tag == "link" and attributes.get("rel") == "stylesheet"
    ]


def test_home_page_loads_the_offer_card_styles_as_the_list_does(client, profile):
    """One card, one look: the styles of the offer card (jobs.css) are on every page with cards."""
    JobFactory()

    home = client.get("/")
    listing = client.get(reverse("jobs:list"))

    assert 'class="fr-card fr-enlarge-link offer-card"' in home.content.decode()
    card_styles = [href for href in stylesheets(listing) if href.endswith("/jobs.css")]
    assert card_styles
    assert set(card_styles) <= set(stylesheets(home))


def test_key_figures_are_two_per_row_below_the_large_breakpoint(client, profile):
    page = Page(client.get("/").content.decode())

    figures = [
        attributes["class"].split()
        for tag, attributes in page.starttags
        if tag == "li" and "fr-col-lg-3" in attributes.get("class", "")
    ]
    assert len(figures) == 4
    assert all("fr-col-6" in classes and "fr-col-12" not in classes for classes in figures)


def test_illustration_takes_two_thirds_of_the_width_on_wide_screens(client, profile):
    content = client.get("/").content.decode()

    figure = content.index("ofpra-illustration")
    column = content.rindex("<div class=", 0, figure)
    assert "fr-col-lg-8" in content[column:figure]
