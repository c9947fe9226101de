"""The mandatory pages of a State site, robots.txt, the favicon and the DSFR error pages."""

import html
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import clear_url_caches, include, path, reverse
from pytest_django.asserts import assertTemplateUsed

from ofpra_careers import urls as site_urls

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]

NBSP = "\xa0"
MANDATORY_PAGES = {
    "pages:accessibility": (
        "/accessibilite/",
        "Déclaration d’accessibilité",
        [
            "article 47 de la loi n° 2005-102 du 11 février 2005",
            "Office français de protection des réfugiés et apatrides",
            "non conforme",
            "Aucun audit de conformité n’a encore été réalisé",
            "Contenus non accessibles",
            "Retour d’information et contact",
            "201 rue Carnot 94136 Fontenay-sous-Bois Cedex",
            "Voies de recours",
            "Défenseur des droits Libre réponse 71120 75342 Paris CEDEX 07",
            "Schéma pluriannuel",
        ],
    ),
    "pages:legal_notice": (
        "/mentions-legales/",
        "Mentions légales",
        [
            "établissement public administratif",
            "201 rue Carnot 94120 Fontenay-sous-Bois",
            "Directeur de la publication",
            "Le directeur général de l’Office français de protection des réfugiés et apatrides",
            "Hébergement",
            "licence etalab-2.0",
        ],
    ),
    "pages:personal_data": (
        "/donnees-personnelles/",
        "Données personnelles et gestion des cookies",
        [
            "règlement (UE) 2016/679",
            "loi n° 78-17 du 6 janvier 1978",
            "Responsable des traitements",
            "Délégué à la protection des données",
            "Base légale",
            "Durée de conservation",
            "Destinataires des données",
            "droit d’accès",
            "Réclamation auprès de la CNIL",
            "aucun cookie de mesure d’audience",
            "csrftoken",
        ],
    ),
    "pages:sitemap_page": (
        "/plan-du-site/",
        "Plan du site",
        ["L’Ofpra recrute", "Nos offres d’emploi", "Suivre les offres"],
    ),
}
FOOTER_LINKS = [
    "Plan du site",
    f"Accessibilité{NBSP}: non conforme",
    "Mentions légales",
    "Données personnelles et gestion des cookies",
    "Paramètres d’affichage",
]


def visible_text(response):
    """The page's text as read on screen: tags dropped, entities decoded, no-break spaces kept."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"[ \t\r\n]+", " ", text)


def plain(text):
    return text.replace(NBSP, " ")


def title(response):
    return html.unescape(re.search(r"<title>(.*?)</title>", response.content.decode()).group(1))


def h1s(response):
    found = re.findall(r"<h1\b[^>]*>(.*?)</h1>", response.content.decode(), flags=re.S)
    return [plain(html.unescape(re.sub(r"<[^>]+>", "", h)).strip()) for h in found]


@pytest.mark.parametrize("name", MANDATORY_PAGES)
def test_reverse_gives_the_french_path(name):
    assert reverse(name) == MANDATORY_PAGES[name][0]


@pytest.mark.parametrize("name", MANDATORY_PAGES)
def test_mandatory_page_shows_its_heading_and_legal_text(client, name):
    url, heading, texts = MANDATORY_PAGES[name]

    response = client.get(url)

    assert response.status_code == 200
    assert h1s(response) == [heading]
    text = plain(visible_text(response))
    missing = [expected for expected in texts if expected not in text]
    assert not missing, f"{url} lacks {missing}"


def test_each_page_has_its_own_title(client):
    titles = {name: title(client.get(url)) for name, (url, _, _) in MANDATORY_PAGES.items()}

    assert titles["pages:accessibility"] == "Déclaration d’accessibilité - OFPRA recrute"
    assert titles["pages:legal_notice"] == "Mentions légales - OFPRA recrute"
    assert (
        titles["pages:personal_data"]
        == "Données personnelles et gestion des cookies - OFPRA recrute"
    )
    assert titles["pages:sitemap_page"] == "Plan du site - OFPRA recrute"
    assert title(client.get("/page-inconnue/")) == "Page non trouvée - OFPRA recrute"


def test_mandatory_pages_show_a_breadcrumb_back_home(client):
    for url, heading, _ in MANDATORY_PAGES.values():
        content = client.get(url).content.decode()
        breadcrumb = re.search(r'<nav class="fr-breadcrumb".*?</nav>', content, flags=re.S).group()
        assert 'href="/">Accueil</a>' in breadcrumb
        assert f'aria-current="page">{heading}</a>' in html.unescape(breadcrumb)


@pytest.mark.parametrize("url", [url for url, _, _ in MANDATORY_PAGES.values()] + ["/inconnue/"])
def test_footer_links_are_on_every_page(client, url):
    text = visible_text(client.get(url))

    missing = [label for label in FOOTER_LINKS if label not in text]
    assert not missing, f"{url} footer lacks {missing}"


def test_footer_links_lead_to_the_mandatory_pages(client):
    content = client.get("/mentions-legales/").content.decode()
    footer = content[content.index('<footer class="fr-footer"') :]

    for name in MANDATORY_PAGES:
        assert f'href="{reverse(name)}"' in footer


@pytest.mark.parametrize("url", [url for url, _, _ in MANDATORY_PAGES.values()] + ["/inconnue/"])
def test_skip_links_come_first_and_their_targets_exist(client, url):
    content = client.get(url).content.decode()
    body = content[content.index("<body") :]
    skiplinks = re.search(r'<div class="fr-skiplinks">.*?</div>', body, flags=re.S).group()
    targets = re.findall(r'href="#([^"]+)"', skiplinks)

    assert body.index('class="fr-skiplinks"') < body.index("<header")
    assert targets == ["content", "fr-navigation", "footer"]
    ids = re.findall(r'\bid="([^"]+)"', content)
    assert all(ids.count(target) == 1 for target in targets)
    assert '<main id="content"' in content


def test_accessibility_statement_reads_its_facts_from_settings(client, settings):
    settings.ACCESSIBILITY_PLAN_URL = "https://www.ofpra.gouv.fr/schema-accessibilite-2026.pdf"
    settings.CONTACT_EMAIL = "accessibilite@example.gouv.fr"

    response = client.get(reverse("pages:accessibility"))

    assert 'href="https://www.ofpra.gouv.fr/schema-accessibilite-2026.pdf"' in response.text
    assert "accessibilite@example.gouv.fr" in visible_text(response)
    assert '<time datetime="2026-11-28">28 novembre 2026</time>' in response.text
    assert 'href="https://formulaire.defenseurdesdroits.fr/"' in response.text


def test_legal_notice_names_the_host_from_settings(client, settings):
    settings.SITE_HOST_NAME = "Hébergeur de test SAS"
    settings.SITE_HOST_ADDRESS = "1 rue de l'Exemple, 75000 Paris"

    text = visible_text(client.get(reverse("pages:legal_notice")))

    assert "Hébergeur de test SAS" in text
    assert "1 rue de l'Exemple, 75000 Paris" in text


def test_personal_data_page_gives_the_dpo_contact(client, settings):
    settings.DPO_EMAIL = "dpo@example.gouv.fr"

    response = client.get(reverse("pages:personal_data"))

    assert 'href="mailto:dpo@example.gouv.fr"' in response.text
    assert 'href="https://www.cnil.fr/fr/plaintes"' in response.text


def test_sitemap_page_lists_every_public_page_and_the_main_menu(client):
    content = client.get(reverse("pages:sitemap_page")).content.decode()
    main = content[content.index('<main id="content"') : content.index("</main>")]

    for name in ["pages:home", "jobs:list", *MANDATORY_PAGES]:
        assert f'href="{reverse(name)}"' in main, name
    assert "<ul>" in main


def test_robots_txt_allows_all_and_announces_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.fixture
def moved_admin(settings):
    """The admin moved with DJANGO_ADMIN_URL, as a deployment does to hide it.

    The URLconf reads ADMIN_URL when it is imported: it is reloaded with the new value, and again
    with the old one afterwards so that the next tests find the admin where it was.
    """
    original = settings.ADMIN_URL
    settings.ADMIN_URL = "gestion-7f3a9/"
    importlib.reload(site_urls)
    clear_url_caches()
    yield "/gestion-7f3a9/"
    settings.ADMIN_URL = original
    importlib.reload(site_urls)
    clear_url_caches()


def test_robots_txt_never_reveals_a_moved_admin(client, moved_admin):
    assert reverse("admin:index") == moved_admin
    assert client.get(moved_admin + "login/").status_code == 200

    text = client.get("/robots.txt").content.decode()

    assert "gestion" not in text
    assert not [line for line in text.splitlines() if line.startswith("Disallow")]


def test_admin_answers_tell_search_engines_not_to_index_them(client, moved_admin):
    login = client.get(moved_admin + "login/")
    index = client.get(moved_admin)  # Anonymous: redirected to the login page.
    unknown = client.get(moved_admin + "inconnue/")

    assert login.status_code == 200
    assert index.status_code == 302
    for response in (login, index, unknown):
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_public_pages_may_be_indexed(client):
    # (Django's sitemap view marks sitemap.xml itself noindex, as search engines expect.)
    for url in ["/", "/offres/", "/mentions-legales/", "/robots.txt"]:
        assert "X-Robots-Tag" not in client.get(url), url


@pytest.mark.parametrize("name", ["pages:accessibility", "pages:legal_notice"])
def test_legal_pages_name_the_address_the_site_is_reached_at(client, settings, name):
    """The address is the request's, as in the canonical link: never a default host of another
    machine (it was http://127.0.0.1:8000 whatever the host and port)."""
    settings.ALLOWED_HOSTS = ["recrutement.example.gouv.fr"]

    response = client.get(reverse(name), HTTP_HOST="recrutement.example.gouv.fr", secure=True)

    link = '<a href="https://recrutement.example.gouv.fr">https://recrutement.example.gouv.fr</a>'
    assert link in response.text
    assert f'<link rel="canonical" href="https://recrutement.example.gouv.fr{reverse(name)}">' in (
        response.text
    )
    assert "127.0.0.1" not in response.text


def test_legal_pages_name_the_port_they_are_served_on(client):
    response = client.get(reverse("pages:legal_notice"), HTTP_HOST="127.0.0.1:8104")

    assert '<a href="http://127.0.0.1:8104">http://127.0.0.1:8104</a>' in response.text
    assert ":8000" not in response.text


def test_production_starts_without_any_site_address():
    """Nothing outside a request needs the site's address: no variable to forget in production."""
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="ofpra_careers.settings",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_DEBUG="false",
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr


def test_personal_data_page_never_calls_the_agency_its_own_processor(client, settings):
    """By default the Ofpra hosts the site: it is the controller, no sous-traitant of itself."""
    settings.SITE_HOST_NAME = "Office français de protection des réfugiés et apatrides (Ofpra)"

    text = plain(visible_text(client.get(reverse("pages:personal_data"))))

    assert "L’Ofpra, responsable des traitements, héberge lui-même le site" in text
    assert "sous-traitant de l’Ofpra" not in text and "sous-traitant de l'Ofpra" not in text
    assert "(Ofpra), qui agit pour son compte" not in text


def test_personal_data_page_names_an_outside_host_as_processor(client, settings):
    settings.SITE_HOST_NAME = "Hébergeur de test SAS"

    text = plain(visible_text(client.get(reverse("pages:personal_data"))))

    assert (
        "L’Ofpra, responsable des traitements, confie l’hébergement du site à Hébergeur de test "
        "SAS, qui agit pour son compte et sur ses seules instructions, en qualité de "
        "sous-traitant (article 28 du RGPD)."
    ) in text


@pytest.mark.parametrize(("age", "shown"), [(8 * 3600, "8 heures"), (1800, "30 minutes")])
def test_cookie_table_gives_the_session_length_the_site_applies(client, settings, age, shown):
    settings.SESSION_COOKIE_AGE = age

    text = plain(visible_text(client.get(reverse("pages:personal_data"))))

    assert (
        f"sessionid Garder connectés les agents qui gèrent le contenu ; effacé à la fermeture du navigateur. {shown} au plus"
        in text
    )
    assert "Deux semaines" not in text


def test_favicon_ico_redirects_to_the_dsfr_favicon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/dsfr/dist/favicon/favicon.ico"


def test_pages_link_the_dsfr_favicons(client):
    content = client.get(reverse("pages:legal_notice")).content.decode()

    assert 'href="/static/dsfr/dist/favicon/favicon.svg"' in content
    assert 'href="/static/dsfr/dist/favicon/apple-touch-icon.png"' in content


def test_unknown_url_gets_the_dsfr_404_page(client, settings):
    settings.DEBUG = False

    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assert h1s(response) == ["Page non trouvée"]
    assert "Erreur 404" in visible_text(response)


# A URL that fails, for the 500 handler test: this module doubles as its urlconf.
def fail(request):
    raise RuntimeError("Simulated failure")


urlpatterns = [path("echec/", fail), path("", include("ofpra_careers.urls"))]
handler500 = "core.views.server_error"


@pytest.mark.urls(__name__)
def test_server_error_renders_the_dsfr_500_page_without_the_database(settings, django_db_blocker):
    """Database access is blocked: the page must render even when the database is down.

    The session cookie is that of a logged-in editor: reading it would query the database.
    """
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "an-editor-session"

    with django_db_blocker.block():
        response = client.get("/echec/")

    assert response.status_code == 500
    assert h1s(response) == ["Erreur inattendue"]
    assert title(response) == "Erreur inattendue - OFPRA recrute"
    text = visible_text(response)
    assert "Erreur 500" in text
    assert all(label in text for label in FOOTER_LINKS)


@pytest.mark.parametrize("url", ["/", "/offres/", "/accessibilite/", "/admin/login/"])
def test_pages_are_french_for_every_browser_and_do_not_vary_on_its_language(client, url):
    """The site has one language: a page that varied on Accept-Language would be stored once per
    browser language by every shared cache (CDN, proxy), for the same French bytes."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    assert "accept-language" not in response.get("Vary", "").lower()
    assert '<html lang="fr"' in response.text
