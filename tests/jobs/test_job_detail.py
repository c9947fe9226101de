"""The offer page: layout in the national portal's order, applying, JSON-LD, addresses."""

import datetime
import json
import re
import zoneinfo
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jobs.choices import ContractType, PayPeriod, State, Telework
from jobs.models import Domain
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def job_posting(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1)) if match else None


def test_offer_url_carries_reference_and_slug():
    job = JobFactory(title="Assistant (e) de Direction")
    assert job.get_absolute_url() == f"/offres/{job.reference}/assistant-e-de-direction/"
    assert re.fullmatch(r"\d{4}-\d{7}", job.reference)


def test_offer_page_follows_the_national_portal_order(client):
    job = JobFactory(missions="Missions du poste.", profile="Profil attendu.")
    html = client.get(job.get_absolute_url()).content.decode()
    headings = [
        job.title,
        f"Réf. {job.reference}",
        "Fonction publique :",
        "Employeur :",
        "Localisation :",
        "Domaine :",
        "Postuler",
        "Nature de l’emploi",
        "Vos missions",
        "Profil recherché",
        "Qui sommes-nous ?",
        "Informations complémentaires",
        "Statut du poste",
        "Date limite de candidature",
        "Offres similaires",
    ]
    JobFactory(domain=job.domain)  # so that « Offres similaires » exists
    html = client.get(job.get_absolute_url()).content.decode()
    positions = [html.find(heading) for heading in headings]
    assert -1 not in positions, dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)


def test_apply_by_email_puts_the_reference_in_the_subject(client):
    job = JobFactory(application_url="", application_email="recrutement@ofpra.gouv.fr")
    html = client.get(job.get_absolute_url()).content.decode()
    mailto = re.search(r'href="(mailto:[^"]+)"', html).group(1)
    assert mailto.startswith("mailto:recrutement@ofpra.gouv.fr?subject=")
    assert f"Réf. {job.reference}" in unquote(mailto)


def test_apply_link_goes_to_the_application_site(client):
    job = JobFactory(application_url="https://candidature.example.fr/offre/42")
    html = client.get(job.get_absolute_url()).content.decode()
    assert 'href="https://candidature.example.fr/offre/42"' in html


def test_deadline_is_shown_in_french(client):
    job = JobFactory(deadline=datetime.date(2099, 12, 24))
    html = client.get(job.get_absolute_url()).content.decode()
    assert (
        'Date limite de candidature : <time datetime="2099-12-24">24 décembre 2099</time>' in html
    )


def test_similar_offers_prefer_the_same_domaine(client):
    job = JobFactory(domain=Domain.objects.get(code="NUM"))
    same = JobFactory.create_batch(2, domain=job.domain)
    other = JobFactory.create_batch(3, domain=Domain.objects.get(code="GRH"))
    JobFactory(domain=job.domain, deadline=timezone.localdate() - datetime.timedelta(days=2))
    similar = client.get(job.get_absolute_url()).context["similar_jobs"]
    assert len(similar) == 3
    assert set(similar[:2]) == set(same)
    assert similar[2] in other
    assert job not in similar


def test_job_posting_holds_what_search_engines_require(client):
    job = JobFactory(
        contract_type=ContractType.CDD,
        pay_period=PayPeriod.YEAR,
        salary_min=30000,
        salary_max=36000,
        deadline=datetime.date(2099, 1, 31),
        street_address="201 rue Carnot",
        city="Fontenay-sous-Bois",
        postal_code="94120",
    )
    data = job_posting(client.get(job.get_absolute_url()).content.decode())
    assert data["@type"] == "JobPosting"
    assert data["title"] == job.title
    assert "<p>" in data["description"]
    assert data["datePosted"] == timezone.localtime(job.published_at).isoformat()
    assert data["validThrough"] == "2099-01-31T23:59:59+01:00"
    assert data["hiringOrganization"]["name"] == job.employer.name
    assert data["hiringOrganization"]["sameAs"]
    assert data["hiringOrganization"]["logo"].startswith("http")
    address = data["jobLocation"]["address"]
    assert address == {
        "@type": "PostalAddress",
        "streetAddress": "201 rue Carnot",
        "addressLocality": "Fontenay-sous-Bois",
        "postalCode": "94120",
        "addressRegion": "Île-de-France",
        "addressCountry": "FR",
    }
    assert data["identifier"]["value"] == job.reference
    assert data["employmentType"] == "TEMPORARY"
    assert data["baseSalary"]["value"]["minValue"] == 30000
    assert data["baseSalary"]["value"]["maxValue"] == 36000
    assert data["baseSalary"]["value"]["unitText"] == "YEAR"
    assert data["baseSalary"]["currency"] == "EUR"
    assert "jobLocationType" not in data


def test_job_posting_cannot_break_out_of_its_script_element(client):
    job = JobFactory(title="Chef </script><script>alert(1)</script>")
    html = client.get(job.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert job_posting(html)["title"] == job.title


def test_markup_typed_by_an_editor_never_reaches_visitors(client):
    job = JobFactory(
        missions="Bonjour <script>alert('x')</script>\n- puce <img src=x onerror=alert(1)>",
        profile='<a href="javascript:alert(1)">lien</a> **fort**',
    )
    job.refresh_from_db()
    assert "<script" not in job.missions
    assert "onerror" not in job.missions
    html = client.get(job.get_absolute_url()).content.decode()
    assert "alert(" not in html.split("application/ld+json")[0].split("</head>")[-1]
    main = html[html.index("<main") : html.index("</main>")]
    assert "onerror" not in main
    assert "javascript:" not in main
    assert "<li>puce" in main
    assert "<strong>fort</strong>" in main


def test_a_very_long_text_is_shown_whole(client):
    paragraphs = [f"Paragraphe {n} : " + "mission " * 40 for n in range(80)]
    job = JobFactory(missions="\n\n".join(paragraphs) + "\n- dernière puce")
    assert len(job.missions) > 20_000
    html = client.get(job.get_absolute_url()).content.decode()
    assert "<p>Paragraphe 0 : mission" in html
    assert "<p>Paragraphe 79 : mission" in html
    assert "<li>dernière puce</li>" in html


def test_title_change_redirects_old_addresses_permanently(client):
    job = JobFactory(title="Ancien intitulé")
    old_url = job.get_absolute_url()
    job.title = "Nouvel intitulé"
    job.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == f"/offres/{job.reference}/nouvel-intitule/"
    bare = client.get(f"/offres/{job.reference}/")
    assert bare.status_code == 301


@pytest.mark.parametrize(
    "path",
    ["/offres/0000-0000000/x/", "/offres/%00/", "/offres/' OR 1=1 --/x/", "/offres/a/b/c/"],
)
def test_malformed_or_unknown_offer_address_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_every_page_declares_its_canonical_address(client):
    job = JobFactory()
    html = client.get(job.get_absolute_url() + "?utm_source=x").content.decode()
    assert f'<link rel="canonical" href="http://testserver{job.get_absolute_url()}">' in html
    html = client.get(reverse("jobs:list") + "?domaine=numerique").content.decode()
    assert '<link rel="canonical" href="http://testserver/offres/">' in html


def test_print_stylesheet_is_linked(client):
    job = JobFactory()
    html = client.get(job.get_absolute_url()).content.decode()
    assert 'media="print"' in html


def page_text(response):
    """The body as a visitor reads it: no tags, no screen-reader-only text, no print-only text."""
    html = response.content.decode()
    html = html[html.index("<body") :]
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<span class="fr-sr-only">.*?</span>', "", html, flags=re.S)
    html = re.sub(r'<div class="job-detail__print-only">.*?</div>\s*</div>', " ", html, flags=re.S)
    html = re.sub(r'<p class="job-detail__print-only">.*?</p>', " ", html, flags=re.S)
    html = re.sub(r"</?(time|strong|a|span|em)\b[^>]*>", "", html)  # Inline: no word break.
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_an_email_only_offer_shows_the_address_and_the_reference_to_quote_as_text(client):
    job = JobFactory(application_url="", application_email="recrutement@ofpra.gouv.fr")
    text = page_text(client.get(job.get_absolute_url()))
    # Outside the mailto: link, so that a webmail user can copy it.
    assert (
        f"Postuler Écrivez à recrutement@ofpra.gouv.fr en indiquant en objet la référence "
        f"{job.reference}." in text
    )


def test_an_offer_with_an_application_link_names_the_site_it_leads_to(client):
    job = JobFactory(
        application_url="https://www.candidature.example.fr/offre/42", application_email=""
    )
    text = page_text(client.get(job.get_absolute_url()))
    assert "Postuler Candidature en ligne sur candidature.example.fr." in text


def test_the_printed_offer_says_how_to_apply(client):
    job = JobFactory(application_url="", application_email="recrutement@ofpra.gouv.fr")
    html = client.get(job.get_absolute_url()).content.decode()
    how = html[html.index('id="candidature"') :]
    assert "job-detail__print-only" in how
    assert "Pour postuler, écrivez à <strong" in how and "recrutement@ofpra.gouv.fr" in how


def test_the_reference_and_the_domaine_each_show_once(client):
    job = JobFactory(application_url="https://candidature.example.fr/42", application_email="")
    text = page_text(client.get(job.get_absolute_url()))
    assert text.count(job.reference) == 1
    assert text.count(job.domain.name) == 1


def test_en_bref_holds_the_key_facts_and_postuler_before_the_details(client):
    job = JobFactory(deadline=datetime.date(2099, 3, 14))
    html = client.get(job.get_absolute_url()).content.decode()
    aside = re.search(r'<aside class="job-detail__aside".*?</aside>', html, re.S).group(0)
    for fact in [
        "Candidatures ouvertes",
        "14 mars 2099",
        "Fonction publique : Fonction publique de l’État",
        f"Employeur : {job.employer.name}",
        "Localisation : Val de Marne (94)",
        "Domaine : Ressources humaines",
        "Postuler",
    ]:
        assert fact in aside.replace("&#x27;", "'"), fact
    # On a phone the page is one column in document order: « En bref » before the long texts.
    assert html.index("<aside") < html.index("En détail") < html.index("Vos missions")


def test_a_contract_duration_is_its_own_line_not_doubled_brackets(client):
    job = JobFactory(
        contract_type=ContractType.PERMANENT,
        contract_duration="Pour les contractuels : CDD de 3 ans renouvelable",
    )
    text = page_text(client.get(job.get_absolute_url()))
    assert ")(" not in text.replace(" ", "") and "(titulaire) (" not in text
    assert "Nature du contrat Emploi permanent (titulaire)" in text
    assert "Durée du contrat Pour les contractuels : CDD de 3 ans renouvelable" in text


def test_the_first_of_the_month_reads_1er_on_the_offer_page_and_its_cards(client):
    job = JobFactory(
        vacancy_date=datetime.date(2099, 2, 1),
        start_date=datetime.date(2099, 3, 2),
        deadline=datetime.date(2099, 1, 1),
    )
    JobFactory(domain=job.domain, deadline=datetime.date(2099, 5, 1))
    text = page_text(client.get(job.get_absolute_url()))
    assert "Date de vacance de l’emploi 1er février 2099" in text
    assert "Date de prise de poste 2 mars 2099" in text
    assert "Jusqu’au 1er janvier 2099, 23 h 59" in text
    assert "Date limite de candidature : 1er janvier 2099, 23 h 59" in text
    assert "Date limite de candidature : 1er mai 2099" in text  # The similar offer's card.
    assert not re.search(r"\b1 (janvier|février|mai)", text)


def test_offer_cards_show_the_deadline(client):
    job = JobFactory()
    JobFactory(domain=job.domain, deadline=datetime.date(2099, 6, 30))
    html = client.get(job.get_absolute_url()).content.decode()
    similar = html[html.index('class="fr-mt-6w similar-offers"') :]
    assert 'Date limite de candidature : <time datetime="2099-06-30">30 juin 2099</time>' in similar


def test_a_fully_remote_offer_says_where_applicants_may_live(client):
    job = JobFactory(telework=Telework.FULL, telework_days=None)
    data = job_posting(client.get(job.get_absolute_url()).content.decode())
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "FR"}


def test_a_partly_remote_offer_has_no_remote_markup(client):
    data = job_posting(client.get(JobFactory().get_absolute_url()).content.decode())
    assert "applicantLocationRequirements" not in data


def test_blank_address_parts_are_left_out_of_the_job_posting(client):
    job = JobFactory(street_address="", postal_code="  ", city="Fontenay-sous-Bois")
    data = job_posting(client.get(job.get_absolute_url()).content.decode())
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Fontenay-sous-Bois",
        "addressRegion": "Île-de-France",
        "addressCountry": "FR",
    }
    assert '""' not in json.dumps(data)


@pytest.mark.parametrize(
    "url, email",
    [("", "recrutement@ofpra.gouv.fr"), ("https://candidature.example.fr/42", "")],
)
def test_applying_by_email_or_elsewhere_is_not_direct_apply(client, url, email):
    job = JobFactory(application_url=url, application_email=email)
    data = job_posting(client.get(job.get_absolute_url()).content.decode())
    assert data.get("directApply", False) is False


def test_the_job_posting_logo_is_the_profile_logo(client):
    job = JobFactory()
    job.employer.logo = SimpleUploadedFile("logo.png", b"png", content_type="image/png")
    job.employer.save()
    data = job_posting(client.get(job.get_absolute_url()).content.decode())
    assert data["hiringOrganization"]["logo"] == f"http://testserver{job.employer.logo.url}"


def test_without_a_profile_logo_the_job_posting_shows_the_agency_logo_not_the_dsfr_favicon(
    client,
):
    job = JobFactory()
    job.employer.logo = ""
    job.employer.save()
    data = job_posting(client.get(job.get_absolute_url()).content.decode())
    logo = data["hiringOrganization"]["logo"]
    assert logo == "http://testserver/static/img/logo-ofpra.png"
    assert (settings.BASE_DIR / "static" / "img" / "logo-ofpra.png").is_file()


# What the page says of an offer's state and conditions ------------------------------------------


def robots_meta(html):
    return '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize(
    ("state", "noindex"),
    [
        (State.PUBLISHED, False),
        (State.CLOSED, False),
        (State.DRAFT, True),
        (State.ARCHIVED, True),
    ],
)
def test_only_a_published_or_closed_offer_may_be_indexed(hr_client, state, noindex):
    job = JobFactory(state=state)
    assert robots_meta(hr_client.get(job.get_absolute_url()).content.decode()) == noindex


def test_the_preview_of_an_archived_offer_says_it_would_be_put_back_online(hr_client):
    job = JobFactory(state=State.ARCHIVED)
    text = page_text(hr_client.get(job.get_absolute_url()))
    assert "telle que le public la verra si elle est remise en ligne" in text
    assert "Elle est à l’état « Archivée » et n’est pas visible du public." in text


def test_the_preview_of_a_scheduled_offer_says_when_it_goes_online(hr_client):
    job = JobFactory(published_at=datetime.datetime(2099, 5, 1, 9, 30, tzinfo=PARIS))
    text = page_text(hr_client.get(job.get_absolute_url()))
    assert "telle que le public la verra une fois publiée" in text
    assert "Elle est à l’état « Publiée », en ligne à partir du 1er mai 2099 à 09 h 30." in text


@pytest.mark.parametrize(
    ("telework", "days", "shown"),
    [
        (Telework.PARTIAL, 2, "Télétravail Télétravail partiel, 2 jours par semaine"),
        (Telework.PARTIAL, None, "Télétravail Télétravail partiel Temps"),
        (Telework.FULL, 5, "Télétravail Télétravail total Temps"),
    ],
)
def test_the_telework_days_are_given_for_partial_telework(client, telework, days, shown):
    job = JobFactory(telework=telework, telework_days=days)
    assert shown in page_text(client.get(job.get_absolute_url()))


def test_each_long_text_is_shown_with_its_paragraphs_bullets_bold_and_links(client):
    job = JobFactory(
        specific_conditions="Habilitation **secret**.",
        additional_info="Voir https://www.ofpra.gouv.fr",
        application_documents="- CV\n- lettre",
    )
    html = client.get(job.get_absolute_url()).content.decode()
    assert "<li>instruction des demandes d'aides ;</li>" in html.replace("&#x27;", "'")
    assert "Habilitation <strong>secret</strong>." in html
    assert '<a href="https://www.ofpra.gouv.fr" rel="noopener">' in html
    assert "<li>CV</li>" in html
