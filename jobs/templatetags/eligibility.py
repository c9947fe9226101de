"""« Puis-je postuler ? » on an offer page: `{% load eligibility %}{% eligibility_box job %}`.

The form is a plain GET form whose answer comes back on the same page (no JavaScript): the tag
reads the request's query string, and shows the answer only for a complete, valid set of answers.
"""

from django import template

from jobs import eligibility

register = template.Library()


@register.inclusion_tag("jobs/includes/eligibility_box.html", takes_context=True)
def eligibility_box(context, job):
    # Only an offer that takes applications asks (a staff preview shows it as the public will).
    if not job.will_take_applications:
        return {"show": False}
    request = context.get("request")
    form = eligibility.form_from_query(request.GET if request is not None else {})
    result = None
    if form.is_bound and form.is_valid():
        result = eligibility.answer(job, form.applicant())
    return {
        "show": True,
        "job": job,
        "form": form,
        "answer": result,
        "anchor": eligibility.ANCHOR,
        "action": f"{job.get_absolute_url()}#{eligibility.ANCHOR}",
    }
