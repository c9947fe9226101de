from django.urls import path

from alerts import views

app_name = "alerts"

# Addresses written in e-mails: keep them stable, old messages carry them for a long time.
urlpatterns = [
    path("alertes/", views.subscribe, name="subscribe"),
    path("alertes/demande-envoyee/", views.sent, name="sent"),
    path("alertes/confirmer/<str:token>/", views.confirm, name="confirm"),
    path("alertes/gerer/<str:token>/", views.manage, name="manage"),
    path("alertes/desabonner/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
