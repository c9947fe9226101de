from django.urls import path

from employer import views

app_name = "employer"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
