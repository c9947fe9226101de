from django import forms

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
