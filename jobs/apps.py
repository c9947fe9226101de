from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Offres d’emploi"

    def ready(self):
        from core import page_cache
        from jobs.models import (
            Domain,
            Job,
            ProcessStep,
            PublicChange,
            RecruitmentUpdate,
            next_visibility_change,
        )

        # Cached pages show offers and what their page lists (steps, public changes, the
        # recruitment's status): any change to one, or the clock reaching a publication time or
        # a deadline's end, makes them stale.
        page_cache.invalidate_on_change(Job, Domain, ProcessStep, RecruitmentUpdate, PublicChange)
        page_cache.register_next_change(next_visibility_change)
