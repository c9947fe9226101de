"""Pages that show more than one app: the agency's home page (its profile and its open offers)
and robots.txt."""

from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from employer.models import Employer, Testimonial
from jobs.models import Domain, Job

# The offer cards at the foot of the home page, under « Nos offres d’emploi ».
HOME_OFFERS = 3


class HomeView(TemplateView):
    """The agency's careers page. Without a profile yet, it still renders (empty sections hidden)."""

    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employer = Employer.objects.home_page_profile()
        context["employer"] = employer
        # Photos whose file cannot be resized are left out, so the gallery never shows a hole.
        context["photos"] = (
            [photo for photo in employer.photos.all() if photo.resized] if employer else []
        )
        context["open_count"], context["latest_jobs"] = Job.objects.open().latest_with_count(
            HOME_OFFERS
        )
        return context


class PortraitView(DetailView):
    """A portrait's own page: the quote, the video or photo, and the whole transcript.

    Here because it links the portrait to the offers of its domaine, which the profile's layer
    cannot name. Offers of the same métier or domaine link here (« Découvrir le métier »).
    """

    template_name = "pages/portrait.html"
    context_object_name = "portrait"
    queryset = Testimonial.objects.select_related("employer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        portrait = self.object
        context["domain"] = (
            Domain.objects.filter(code=portrait.domain_code).first()
            if portrait.domain_code
            else None
        )
        context["other_portraits"] = list(
            Testimonial.objects.filter(employer_id=portrait.employer_id)
            .exclude(pk=portrait.pk)
            .only("title", "first_name", "slug")
        )
        return context


class SiteMapView(TemplateView):
    """« Plan du site »: every page of the menu and the footer, and each portrait's page."""

    template_name = "pages/plan_du_site.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["portraits"] = Testimonial.objects.only("title", "first_name", "slug")
        return context


@require_safe
def robots_txt(request):
    """Everything may be crawled; the admin is never named here.

    A `Disallow:` line for the admin would tell anyone where DJANGO_ADMIN_URL moved it: the admin's
    own responses carry `X-Robots-Tag: noindex` instead (middleware.AdminNoIndexMiddleware).
    """
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")
