from django.urls import path

from jobs import feeds, views

app_name = "jobs"

# These addresses are part of the product (shared links, feeds, search engines): keep them stable.
urlpatterns = [
    path("offres/", views.JobListView.as_view(), name="list"),
    path("offres/rss.xml", feeds.OpenOffersRssFeed(), name="rss"),
    path("offres/atom.xml", feeds.OpenOffersAtomFeed(), name="atom"),
    path("offres/<str:reference>/", views.JobDetailView.as_view(), name="detail_short"),
    path("offres/<str:reference>/<str:slug>/", views.JobDetailView.as_view(), name="detail"),
]
