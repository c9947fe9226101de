from django.views.generic import TemplateView

from employer.models import Employer


class HomeView(TemplateView):
    """The agency's careers page. Without a profile yet, it still renders (empty sections hidden)."""

    template_name = "employer/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["employer"] = Employer.objects.for_home_page().first()
        return context
