from django.apps import AppConfig


class EmployerConfig(AppConfig):
    name = "employer"
    verbose_name = "Profil de l’employeur"

    def ready(self):
        from core import page_cache
        from employer.models import Employer, KeyFigure, Mission, Perk, Photo, Testimonial

        # The home page shows the profile and every part of it (offer cards show its name).
        page_cache.invalidate_on_change(Employer, Mission, KeyFigure, Photo, Testimonial, Perk)
