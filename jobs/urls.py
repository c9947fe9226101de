from django.urls import path
from django.views.generic import TemplateView

app_name = "jobs"

urlpatterns = [
    path("offres/", TemplateView.as_view(template_name="jobs/job_list.html"), name="list"),
]
