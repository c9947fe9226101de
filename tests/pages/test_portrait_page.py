"""A portrait's own page (/portraits/<slug>/), the home page's featured portrait, the sitemaps that
list the portraits, and « Découvrir le métier » on an offer kept fresh by the page cache."""

import html
import re

import pytest
from pytest_django.asserts import assertTemplateUsed

from tests.factories import EmployerFactory, JobFactory, TestimonialFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture
def profile():
    return EmployerFactory()


@pytest.fixture
def marine(profile):
    return TestimonialFactory(
        employer=profile,
        first_name="Marine",
        job_title="Officière de protection",
        quote="Pour moi c’est magnifique d’avoir un métier comme ça",
        transcript="Bonjour, je m’appelle Marine.\n\nLe cœur de notre mission.\r\n\r\nUne leçon.",
        domain_code="USA",
    )


def visible_text(response):
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"\s+", " ", text)


def test_a_portrait_has_its_page_with_the_whole_transcript_in_paragraphs(client, marine):
    response = client.get("/portraits/marine-officiere-de-protection/")

    assert response.status_code == 200
    assertTemplateUsed(response, "pages/portrait.html")
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert f"<h1>{html.escape(marine.title, quote=False)}</h1>" in page.replace("&#x27;", "'")
    for paragraph in ["Bonjour, je m’appelle Marine.", "Le cœur de notre mission.", "Une leçon."]:
        assert f"<p>{paragraph}</p>" in page
    assert "Le témoignage de Marine en entier" in page
    assert "«&nbsp;Pour moi c’est magnifique d’avoir un métier comme ça&nbsp;»" in page
    # Its domaine's offers, named by the domaine's label.
    assert "Les offres d’emploi du domaine « Relation à l’usager »" in html.unescape(page)
    assert "/offres/?domaine=relation-a-lusager" in page


def test_a_portrait_with_a_video_titles_its_transcript_as_such(client, profile):
    TestimonialFactory(
        employer=profile, first_name="Nadia", video_url="https://video.example.org/nadia"
    )
    response = client.get("/portraits/nadia-officiere-de-protection/")

    assert "Transcription de la vidéo" in response.content.decode()
    assert 'href="https://video.example.org/nadia"' in response.content.decode()


def test_an_unknown_portrait_answers_the_sites_404(client, marine):
    response = client.get("/portraits/personne/")

    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode() or response.templates


def test_hostile_text_in_a_portrait_never_comes_out_as_markup(client, profile):
    TestimonialFactory(
        employer=profile,
        title=HOSTILE,
        first_name="Marine",
        job_title=HOSTILE,
        division=HOSTILE,
        quote=HOSTILE,
        transcript=f"{HOSTILE}\n\n{HOSTILE}",
        photo_alt=HOSTILE,
    )
    page = client.get("/portraits/marine-scriptalert1scriptimg-srcx-onerroralert2/")

    assert page.status_code == 200
    body = page.content.decode()
    assert "<script>alert(1)" not in body
    assert "onerror=" not in body.replace("onerror=&quot;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_page_lists_the_other_portraits(client, profile, marine):
    nadia = TestimonialFactory(
        employer=profile, first_name="Nadia", job_title="Assistante de direction"
    )
    page = client.get(marine.get_absolute_url()).content.decode()

    assert f'href="{nadia.get_absolute_url()}"' in page
    assert "D’autres métiers à découvrir" in page


def test_the_home_page_shows_the_featured_portrait_and_links_to_the_others(client, profile):
    TestimonialFactory(
        employer=profile, first_name="Marine", quote="Citation de Marine", position=1
    )
    TestimonialFactory(
        employer=profile,
        first_name="Nadia",
        job_title="Assistante de direction",
        quote="Citation de Nadia",
        position=2,
        is_featured=True,
    )
    text = visible_text(client.get("/"))

    assert "« Citation de Nadia »" in text
    assert "Citation de Marine" not in text
    assert "D’autres métiers à découvrir" in text
    assert "(Marine)" in text


def test_sitemap_and_site_map_page_list_each_portrait(client, marine):
    assert (
        "/portraits/marine-officiere-de-protection/</loc>"
        in client.get("/sitemap-pages.xml").content.decode()
    )
    plan = client.get("/plan-du-site/").content.decode()
    assert 'href="/portraits/marine-officiere-de-protection/"' in plan


def test_an_edit_of_the_portrait_shows_at_once_on_the_offer_and_its_page(client, profile, marine):
    """Offer pages are cached whole: saving a portrait bumps the content version."""
    job = JobFactory(employer=profile, reference_job="Officier de protection")
    marine.reference_job = "Officier de protection"
    marine.save()
    for url in [job.get_absolute_url(), marine.get_absolute_url()]:
        assert "magnifique" in client.get(url).content.decode()
        again = client.get(url)
        assert again["X-Page-Cache"] == "hit"
        assert "Découvrir le métier" in again.content.decode() or url != job.get_absolute_url()

    marine.quote = "Une citation toute neuve"
    marine.save()

    for url in [job.get_absolute_url(), marine.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert "Une citation toute neuve" in page
        assert "magnifique" not in page


def test_the_offer_page_shows_the_portrait_of_its_domaine(client, profile, marine):
    from jobs.models import Domain

    job = JobFactory(employer=profile, domain=Domain.objects.get(code="USA"))
    page = client.get(job.get_absolute_url()).content.decode()

    assert "Découvrir le métier" in page
    assert f'href="{marine.get_absolute_url()}"' in page
