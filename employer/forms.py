from django import forms

from employer.models import FEATURED_ONCE
from employer.validators import validate_image_file


class CheckedImageField(forms.ImageField):
    """An image upload checked by validate_image_file before Django decodes it.

    Django's own check answers every refusal with one generic message; running ours first gives
    the editor the precise reason (format, weight, dimensions, decompression bomb).
    """

    def to_python(self, data):
        if data not in self.empty_values:
            validate_image_file(data)
        return super().to_python(data)


class TextareaField(forms.CharField):
    """Text typed in a textarea, stored with the line endings it was saved with: "\\n".

    Browsers send every textarea with "\\r\\n" line endings (the HTML standard says so), while
    the fixtures and the admin's own initial values use "\\n": without this, saving the profile
    untouched counted every multi-line field as changed and filled the history with edits
    nobody made.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class PortraitForm(forms.ModelForm):
    """A portrait in the profile form: the domaine's code is taken in either case (« usa »)."""

    def clean_domain_code(self):
        return self.cleaned_data["domain_code"].strip().upper()


class PortraitFormSet(forms.BaseInlineFormSet):
    """The profile's portraits: one of them at most is featured on the home page.

    Checked here over the whole form rather than by the database constraint alone: each
    portrait's own check cannot see that the editor is unticking another one in the same save,
    and the constraint would answer an error page instead of a sentence next to the portraits.
    """

    def clean(self):
        super().clean()
        featured = [
            form
            for form in self.forms
            if form not in self.deleted_forms and form.cleaned_data.get("is_featured")
        ]
        if len(featured) > 1:
            raise forms.ValidationError(FEATURED_ONCE, code="featured_once")

    def save(self, commit=True):
        # Moving the flag from one portrait to another saves them in the form's order: untick
        # the former first, or the database refuses two featured portraits for a moment.
        featured = [
            form.instance.pk
            for form in self.forms
            if form not in self.deleted_forms and form.cleaned_data.get("is_featured")
        ]
        if commit and featured:
            self.instance.testimonials.filter(is_featured=True).exclude(pk__in=featured).update(
                is_featured=False
            )
        return super().save(commit)
