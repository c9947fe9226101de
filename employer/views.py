from django.views.generic import TemplateView

from employer.models import Employer


class HomeView(TemplateView):
    """The agency's careers page. Without a profile yet, it still renders (empty sections hidden)."""

    template_name = "employer/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employer = Employer.objects.home_page_profile()
        context["employer"] = employer
        # Photos whose file cannot be resized are left out, so the gallery never shows a hole.
        context["photos"] = (
            [photo for photo in employer.photos.all() if photo.resized] if employer else []
        )
        return context
