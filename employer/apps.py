from django.apps import AppConfig


class EmployerConfig(AppConfig):
    name = "employer"
    verbose_name = "Profil de l'employeur"
