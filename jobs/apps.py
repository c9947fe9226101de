from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Offres d’emploi"

    def ready(self):
        from core import page_cache
        from jobs.models import Domain, Job, next_visibility_change

        # Cached pages show offers: any change to one, or the clock reaching a publication time
        # or a deadline's end, makes them stale.
        page_cache.invalidate_on_change(Job, Domain)
        page_cache.register_next_change(next_visibility_change)
