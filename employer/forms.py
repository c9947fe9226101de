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
