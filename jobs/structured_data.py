"""schema.org JobPosting for search engines' job listings (rules in shared/OFFERS.md).

Only on an open offer's own page, and only with what the page shows.
"""

import json

from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe

from jobs import pay
from jobs.choices import ContractType, Telework

EMPLOYMENT_TYPES = {
    ContractType.CDD: "TEMPORARY",
    ContractType.CDI: "FULL_TIME",
    ContractType.PERMANENT: "FULL_TIME",
    ContractType.VACATION: "PER_DIEM",
}
# The agency's logo when its profile has none (a search engine shows it beside the offer).
FALLBACK_LOGO = "img/logo-ofpra.png"
# json.dumps leaves these as they are; inside <script> they could end the element early.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def job_posting(job, request):
    """The JobPosting of an open offer as JSON, safe to place inside a <script> element."""
    employer = job.employer
    description = "".join(str(html) for html in (job.missions_html, job.profile_html) if html)
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": description,
        "identifier": {"@type": "PropertyValue", "name": employer.name, "value": job.reference},
        "datePosted": timezone.localtime(job.published_at).isoformat(),
        "validThrough": timezone.localtime(job.closes_at).isoformat(),
        "hiringOrganization": {
            "@type": "Organization",
            "name": employer.name,
            "sameAs": employer.website or request.build_absolute_uri("/"),
            "logo": request.build_absolute_uri(logo_url(employer)),
        },
        "jobLocation": {"@type": "Place", "address": postal_address(job)},
        "employmentType": employment_type(job),
        "occupationalCategory": job.domain.name,
        "totalJobOpenings": job.openings,
        # Direct apply means applying on this page itself; here one applies by e-mail or on
        # another site, which search engines must not announce as a one-click application.
        "directApply": False,
        "url": request.build_absolute_uri(job.get_absolute_url()),
    }
    if job.start_date:
        data["jobStartDate"] = job.start_date.isoformat()
    if salary := base_salary(job):
        data["baseSalary"] = salary
    if job.telework == Telework.FULL:
        data["jobLocationType"] = "TELECOMMUTE"
        # Search engines require, for a remote job, where applicants may live: the post is French.
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "FR"}
    if job.application_contact:
        data["applicationContact"] = {
            "@type": "ContactPoint",
            "description": job.application_contact,
        }
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def base_salary(job):
    """The pay range the page shows, as schema.org's MonetaryAmount: the euro range per month or
    per year as HR gave it, else the traitement estimated from the indice range (per month)."""
    if job.salary_min is not None or job.salary_max is not None:
        low, high = job.salary_min, job.salary_max
        unit = "YEAR" if job.pay_period == pay.YEAR else "MONTH"
    elif job.index_min is not None or job.index_max is not None:
        point = pay.current_point()
        low, high = (
            pay.traitement(index, point) if index is not None else None
            for index in (job.index_min, job.index_max)
        )
        unit = "MONTH"
    else:
        return None
    return {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "unitText": unit,
            **({"minValue": low} if low is not None else {}),
            **({"maxValue": high} if high is not None else {}),
        },
    }


def employment_type(job):
    kinds = [EMPLOYMENT_TYPES.get(job.contract_type, "OTHER")]
    if not job.full_time:
        kinds = ["PART_TIME" if kind == "FULL_TIME" else kind for kind in kinds]
    return kinds[0]


def logo_url(employer):
    """The profile's logo, or the agency logo shipped with the site: never the DSFR favicon."""
    logo = getattr(employer, "logo", None)
    return logo.url if logo else static(FALLBACK_LOGO)


def postal_address(job):
    """The workplace address, leaving out the parts HR left blank (never an empty string)."""
    parts = {
        "streetAddress": job.street_address,
        "addressLocality": job.city,
        "postalCode": job.postal_code,
        # The région (« Île-de-France »), derived from the département; not the location label.
        "addressRegion": job.region_name,
    }
    return {
        "@type": "PostalAddress",
        **{key: value.strip() for key, value in parts.items() if value and value.strip()},
        "addressCountry": "FR",
    }
