from django.urls import path, register_converter

from core.page_cache import cache_page
from jobs import converters, feeds, views

app_name = "jobs"
register_converter(converters.ReferenceConverter, "reference")

# These addresses are part of the product (shared links, feeds, search engines): keep them stable.
# cache_page: answered from the shared cache for anonymous visitors (core/page_cache.py).
urlpatterns = [
    path("offres/", cache_page(views.JobListView.as_view()), name="list"),
    path("offres/rss.xml", cache_page(feeds.OpenOffersRssFeed()), name="rss"),
    path("offres/atom.xml", cache_page(feeds.OpenOffersAtomFeed()), name="atom"),
    # Before the references: « suivre » would read as one.
    path("offres/suivre/", cache_page(views.FollowOffersView.as_view()), name="follow"),
    path("offres/<reference:reference>/", views.JobDetailView.as_view(), name="detail_short"),
    path(
        "offres/<reference:reference>/<str:slug>/date-limite.ics",
        cache_page(views.deadline_calendar),
        name="deadline_ics",
    ),
    path(
        "offres/<reference:reference>/<str:slug>/",
        cache_page(views.JobDetailView.as_view()),
        name="detail",
    ),
]
