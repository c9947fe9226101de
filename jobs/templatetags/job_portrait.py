"""`{% job_portrait job %}`: « Découvrir le métier » on an offer, from the agency's portraits.

Here, on the offers' side, because matching needs the offer's domaine: the profile's portraits
store the RMFP code of theirs (employer.models.Testimonial explains why), the offer has a
jobs.Domain. templates/jobs/includes/portrait.html loads and calls it, so the offer page writes
a plain `{% include %}`.
"""

from django import template
from django.db.models import Subquery

from employer.models import Testimonial
from jobs.models import Domain, Job

register = template.Library()


@register.inclusion_tag("employer/includes/portrait_teaser.html")
def job_portrait(job):
    """The portrait of the offer's métier de référence, or else of its domaine, or nothing.

    One query at most: the offer pages read the domaine with the offer (select_related), and
    when it was not, its code is read inside the same query. An offer with neither a métier
    nor a domaine (an unsaved draft) costs none.
    """
    if Job.domain.is_cached(job):
        domain_code = job.domain.code if job.domain else ""
    elif job.domain_id:
        domain_code = Subquery(Domain.objects.filter(pk=job.domain_id).values("code")[:1])
    else:
        domain_code = ""
    matches = Testimonial.objects.for_offer(job.employer_id, job.reference_job, domain_code)
    return {"job": job, "portrait": next(iter(matches), None)}
