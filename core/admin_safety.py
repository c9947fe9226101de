"""Editors never lose what they typed when the database fails during a save.

The admin already saves an object and its inlines in one transaction (ModelAdmin.changeform_view
is atomic): if any part fails, nothing is kept. Without this mixin the editor then gets a 500
page and their typing is gone. With it, the change form comes back filled with what they sent
(inlines included; files must be chosen again, as browsers never resend them), with a French
message saying that nothing was saved and to try again.
"""

import logging

from django.contrib import messages
from django.db import DatabaseError

logger = logging.getLogger(__name__)

SAVE_FAILED = (
    "L’enregistrement a échoué : la base de données n’a pas répondu. Rien n’a été enregistré "
    "(ni la fiche, ni ses parties). Vos saisies sont conservées ci-dessous : vérifiez-les et "
    "cliquez de nouveau sur « Enregistrer » dans quelques instants. Les fichiers joints sont "
    "à sélectionner de nouveau."
)
# Set on the request while the form is shown again after a failed save.
FAILED_SAVE_ATTRIBUTE = "_admin_save_failed"


class SafeSaveMixin:
    """For a ModelAdmin: a save that fails in the database re-displays the form with a message."""

    save_failed_message = SAVE_FAILED

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DatabaseError:
            if request.method != "POST" or getattr(request, FAILED_SAVE_ATTRIBUTE, False):
                raise  # Not a save, or the form cannot even be shown again: the 503 page.
            logger.exception("Admin save failed for %s %s", self.opts.label, object_id or "(new)")
        # The transaction was rolled back. Show the same POST again, refused by the form itself,
        # so the admin renders every field and inline as the editor sent them.
        setattr(request, FAILED_SAVE_ATTRIBUTE, True)
        messages.error(request, self.save_failed_message)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if getattr(request, FAILED_SAVE_ATTRIBUTE, False):
            return refusing(form_class, self.save_failed_message)
        return form_class


def refusing(form_class, message):
    """`form_class`, made invalid with `message` so that the admin shows it again unsaved."""

    class SaveFailedForm(form_class):
        def clean(self):
            cleaned_data = super().clean()
            self.add_error(None, message)
            return cleaned_data

    SaveFailedForm.__name__ = form_class.__name__
    return SaveFailedForm
