from django.urls import path

from employer import views
from ofpra_careers.page_cache import cache_page

app_name = "employer"

urlpatterns = [
    path("", cache_page(views.HomeView.as_view()), name="home"),
]
