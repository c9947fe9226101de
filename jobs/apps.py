from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Offres d’emploi"

    def ready(self):
        from jobs.models import Domain, Job, next_visibility_change
        from ofpra_careers import page_cache

        # Cached pages show offers: any change to one, or the clock reaching a publication time
        # or a deadline's end, makes them stale.
        page_cache.invalidate_on_change(Job, Domain)
        page_cache.register_next_change(next_visibility_change)
