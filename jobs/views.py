from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from jobs import calendar, eligibility, structured_data
from jobs.facets import facet_counts
from jobs.filters import SORTS, JobFilter, filter_open_offers
from jobs.models import Job, RecruitmentUpdate

SIMILAR_OFFERS = 3


class CountedPaginator(Paginator):
    """A paginator told how many objects there are, when that is already known."""

    def __init__(self, *args, count=None, **kwargs):
        super().__init__(*args, **kwargs)
        if count is not None:
            self.count = count  # Instead of the cached property's COUNT(*) query.


class JobListView(FilterView):
    """The open offers that JobFilter chooses, 20 a page, with how many each option would give."""

    filterset_class = JobFilter
    template_name = "jobs/job_list.html"
    context_object_name = "jobs"
    paginate_by = 20

    def get_filterset(self, filterset_class):
        return filter_open_offers(self.request.GET)

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.filterset_class)
        # `?q=&localisation=&tri=recent` is the list itself: one short address for it. Unknown
        # values are ignored by the FilterSet: the list is never emptied for them (no `strict`).
        params = self.filterset.canonical_query()
        if params != [(name, value) for name, values in request.GET.lists() for value in values]:
            # A domaine named by its RMFP code (`?domaine=GRH`) is the slug's address for good;
            # empty fields come again with each use of the form.
            permanent = not self.filterset.names_domains_by_slug()
            query = f"?{urlencode(params)}" if params else ""
            return redirect(request.path + query, permanent=permanent)
        self.object_list = self.filterset.qs
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def get_paginator(self, queryset, per_page, **kwargs):
        return CountedPaginator(queryset, per_page, count=self.total, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        """A page past the end shows the last page; a page that is not a number is a 404."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        raw = self.request.GET.get("page") or "1"
        try:
            number = int(raw)
        except ValueError:
            raise Http404("Numéro de page invalide") from None
        number = min(max(number, 1), paginator.num_pages)
        try:
            page = paginator.page(number)
        except InvalidPage as error:
            raise Http404(str(error)) from None
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        # The facet counts also give the number of offers listed: counted first, they spare the
        # paginator its own COUNT(*) over the same offers.
        counts, self.total = facet_counts(self.filterset)
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        context["filter_groups"] = filterset.option_groups(counts)
        context["sort_options"] = SORTS
        context["current_sort"] = filterset.current_sort
        context["active_filters"] = filterset.active()
        words = filterset.form.cleaned_data.get("q")
        if words and len(context["active_filters"]) > 1:
            # A way out of an empty result: the same words among all the offers.
            context["words_only_query"] = urlencode({"q": words})
        for name in ("follow", "rss", "atom"):
            context[f"{name}_url"] = filterset.offers_url(f"jobs:{name}")
        page = context["page_obj"]
        context["elided_pages"] = list(
            page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
        )
        return context


class FollowOffersView(TemplateView):
    """« Suivre les offres »: what a feed is, and the addresses of the feeds of the current filters.

    The list links here rather than to the XML itself, which a browser shows as raw code.
    """

    template_name = "jobs/follow.html"

    def get(self, request, *args, **kwargs):
        self.filterset = filter_open_offers(request.GET)
        if not self.filterset.names_domains_by_slug():
            return redirect(self.filterset.offers_url("jobs:follow"), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        build = self.request.build_absolute_uri
        context["filters"] = [active["label"] for active in filterset.active()]
        context["breadcrumb_links"] = [{"url": reverse("jobs:list"), "title": "Offres d’emploi"}]
        context["list_url"] = filterset.offers_url("jobs:list")
        context["rss_url"] = build(filterset.offers_url("jobs:rss"))
        context["atom_url"] = build(filterset.offers_url("jobs:atom"))
        if filterset.offers_query():
            context["all_rss_url"] = build(reverse("jobs:rss"))
            context["all_atom_url"] = build(reverse("jobs:atom"))
        return context


class JobDetailView(DetailView):
    template_name = "jobs/job_detail.html"
    context_object_name = "job"

    def get_object(self, queryset=None):
        reference = self.kwargs["reference"]
        # What the page lists of the offer (its steps, its public changes, its recruitment's
        # status) in one query each, whatever their number.
        jobs = Job.objects.select_related("domain", "employer").prefetch_related(
            "process_steps",
            "public_changes",
            Prefetch(
                "recruitment_updates",
                queryset=RecruitmentUpdate.objects.select_related("new_offer").only(
                    "job",
                    "status",
                    "date",
                    "new_offer__reference",
                    "new_offer__slug",
                    "new_offer__title",
                    "new_offer__state",
                ),
            ),
        )
        if self.request.user.has_perm("jobs.view_job"):
            # Staff preview drafts and archived offers before the public sees them.
            return get_object_or_404(jobs, reference=reference)
        return get_object_or_404(jobs.visible(), reference=reference)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs.get("slug") != self.object.slug:
            # Old titles and bare references lead to the current address.
            return redirect(self.object.get_absolute_url(), permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not eligibility.cacheable(request):
            # The page cache keys pages by address: a made-up query string (`?utm_source=`,
            # `?situation=x1`, x2…) would each be one more entry. Only the form's own answers are kept.
            response["Cache-Control"] = "private"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        context["similar_jobs"] = similar_offers(job)
        context["breadcrumb_links"] = [{"url": reverse("jobs:list"), "title": "Offres d’emploi"}]
        context["job_posting"] = (
            structured_data.job_posting(job, self.request) if job.is_open else None
        )
        # A draft's preview shows « Postuler » as the public will see it once published.
        context["accepts_applications"] = job.will_take_applications
        context["recruitment"] = (
            None if context["accepts_applications"] else job.recruitment_progress()
        )
        context["calendar_url"] = (
            reverse("jobs:deadline_ics", kwargs={"reference": job.reference, "slug": job.slug})
            if job.is_open
            else ""
        )
        return context


def deadline_calendar(request, reference, slug):
    """The deadline of an open offer as an .ics file; any other offer (closed, draft, past its
    deadline, unknown) is a 404, as its page would say."""
    job = get_object_or_404(Job.objects.open().select_related("employer"), reference=reference)
    if slug != job.slug:
        return redirect(
            reverse("jobs:deadline_ics", kwargs={"reference": reference, "slug": job.slug}),
            permanent=True,
        )
    response = HttpResponse(
        calendar.deadline_event(job, request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{calendar.filename(job)}"'
    return response


def similar_offers(job):
    """Open offers of the same domaine first, then the latest ones, never the offer itself.

    Two queries that each read a few rows along the published_at index, rather than one that sorts
    every open offer by « same domaine first »; both always run, so the page's query count never
    depends on the data.
    """
    others = Job.objects.open().for_cards().exclude(pk=job.pk).order_by("-published_at", "-pk")
    same_domain = list(others.filter(domain_id=job.domain_id)[:SIMILAR_OFFERS])
    latest = list(others.exclude(domain_id=job.domain_id)[:SIMILAR_OFFERS])
    return (same_domain + latest)[:SIMILAR_OFFERS]
