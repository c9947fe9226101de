from django.urls import path, register_converter

from jobs import converters, feeds, views

app_name = "jobs"
register_converter(converters.ReferenceConverter, "reference")

# These addresses are part of the product (shared links, feeds, search engines): keep them stable.
urlpatterns = [
    path("offres/", views.JobListView.as_view(), name="list"),
    path("offres/rss.xml", feeds.OpenOffersRssFeed(), name="rss"),
    path("offres/atom.xml", feeds.OpenOffersAtomFeed(), name="atom"),
    path("offres/<reference:reference>/", views.JobDetailView.as_view(), name="detail_short"),
    path("offres/<reference:reference>/<str:slug>/", views.JobDetailView.as_view(), name="detail"),
]
